#!/usr/bin/env bash
# The service benchmark: builds Release, then the load generator runs the echo floor and the
# ValidateDocument scenarios against servers it starts pinned to another core (see README, "Service
# performance"). Extra arguments go to the load generator, e.g. --duration 5 --concurrency 32.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v redis-server >/dev/null || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is needed (util-linux)" >&2; exit 1; }
dotnet build ReportValidation.sln -c Release -nologo -v q >/dev/null
# The server measured is the one the Dockerfile ships: published ReadyToRun.
dotnet publish src/ReportValidation.Server/ReportValidation.Server.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -p:UseAppHost=false -o "$root/.bench/server" -nologo -v q >/dev/null
dotnet bench/ReportValidation.LoadGenerator/bin/Release/net10.0/ReportValidation.LoadGenerator.dll \
  --server-dll "$root/.bench/server/ReportValidation.Server.dll" "$@"
