#!/usr/bin/env bash
# Runs the service with no configuration: in-memory response cache (no Redis), gRPC over HTTP/2 on
# port 5080 and gRPC-Web, JSON, the page and /metrics over HTTP/1.1 on port 5081 (it prints where it
# listens). Every setting can be given as an environment variable, e.g. Server__HttpPort=8081 or
# Redis__Configuration=localhost:6379 (README, "Settings"); extra arguments go to the server too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build src/ReportValidation.Server -c Release -nologo -v q >/dev/null
exec dotnet src/ReportValidation.Server/bin/Release/net10.0/ReportValidation.Server.dll \
  --contentRoot "$root/src/ReportValidation.Server" "$@"
