#!/usr/bin/env bash
# The service benchmark: builds Release, then the load generator runs the echo floor and the
# ValidateDocument scenarios against servers it starts pinned to another core (see README, "Service
# performance"). Extra arguments go to the load generator, e.g. --duration 5 --concurrency 32.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Installs what it needs, as the test command does.
install() { # command package
  command -v "$1" >/dev/null && return
  echo "[bench] installing $1 ($2)" >&2
  apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}
install redis-server redis-server
install taskset util-linux
install h2load nghttp2-client
dotnet build ReportValidation.sln -c Release -nologo -v q >/dev/null
# The server measured is the one the Dockerfile ships: published ReadyToRun.
dotnet publish src/ReportValidation.Server/ReportValidation.Server.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -p:UseAppHost=false -o "$root/.bench/server" -nologo -v q >/dev/null
# ...with the runtime settings the image sets (Dockerfile, ENV DOTNET_GC...).
image_env=()
for setting in $(grep -oE '^ENV DOTNET_GC[A-Za-z0-9]+=[^ ]+' Dockerfile | cut -d' ' -f2); do image_env+=(--server-env "$setting"); done
dotnet bench/ReportValidation.LoadGenerator/bin/Release/net10.0/ReportValidation.LoadGenerator.dll \
  --server-dll "$root/.bench/server/ReportValidation.Server.dll" "${image_env[@]}" "$@"
