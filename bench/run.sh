#!/usr/bin/env bash
# The service benchmark: builds Release, then the load generator runs the echo floor and the
# ValidateDocument scenarios against servers it starts pinned to another core (see README, "Service
# performance"). Extra arguments go to the load generator, e.g. --duration 5 --concurrency 32.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v redis-server >/dev/null || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is needed (util-linux)" >&2; exit 1; }
command -v h2load >/dev/null || { echo "[bench] installing h2load (nghttp2-client)" >&2; apt-get install -y nghttp2-client >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y nghttp2-client >/dev/null; }; }
dotnet build ReportValidation.sln -c Release -nologo -v q >/dev/null
# The server measured is the one the Dockerfile ships: published ReadyToRun.
dotnet publish src/ReportValidation.Server/ReportValidation.Server.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -p:UseAppHost=false -o "$root/.bench/server" -nologo -v q >/dev/null
# ...with the runtime settings the image sets (Dockerfile, ENV DOTNET_GC...).
image_env=()
for setting in $(grep -oE '^ENV DOTNET_GC[A-Za-z0-9]+=[^ ]+' Dockerfile | cut -d' ' -f2); do image_env+=(--server-env "$setting"); done
dotnet bench/ReportValidation.LoadGenerator/bin/Release/net10.0/ReportValidation.LoadGenerator.dll \
  --server-dll "$root/.bench/server/ReportValidation.Server.dll" "${image_env[@]}" "$@"
