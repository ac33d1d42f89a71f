#!/usr/bin/env bash
# Runs the service with no configuration: in-memory response cache (no Redis), gRPC over HTTP/2 on
# port 5080 and gRPC-Web, JSON, the page and /metrics over HTTP/1.1 on port 5081, on loopback only
# (127.0.0.1) unless Server__Address says otherwise (Server__Address=0.0.0.0 for every interface).
# Every setting can be given as an environment variable, e.g. Server__HttpPort=8081 or
# Redis__Configuration=localhost:6379 (README, "Settings"); extra arguments go to the server too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { printf '[run] %s\n' "$*" >&2; }

export Server__Address="${Server__Address:-127.0.0.1}"
grpc_port="${Server__GrpcPort:-5080}"
http_port="${Server__HttpPort:-5081}"

# A port taken by another process would end the server with a page of stack traces: say which setting to change instead.
port_taken() {
  local host=$1 port=$2
  [ "$host" = 0.0.0.0 ] || [ "$host" = "::" ] && host=127.0.0.1
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}
for pair in "GrpcPort:$grpc_port" "HttpPort:$http_port"; do
  setting=${pair%%:*}
  port=${pair#*:}
  if [ "$port" != 0 ] && port_taken "$Server__Address" "$port"; then
    say "port $port (Server:$setting) on $Server__Address is already in use, by another copy of the service or another program."
    say "Choose another port: Server__$setting=$((port + 100)) bash scripts/run.sh"
    exit 1
  fi
done

say "building src/ReportValidation.Server (Release); the first build restores packages and takes a few minutes"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$SECONDS
# Each project's line as it is built shows progress; the full log is kept for when the build fails.
if ! dotnet build src/ReportValidation.Server -c Release -nologo -v minimal 2>&1 | tee "$log" \
    | sed -un 's/^ *\([A-Za-z.]*\) -> .*/[run]   built \1/p' >&2; then
  say "the build failed:"
  grep -E ': error ' "$log" | sort -u >&2 || tail -n 40 "$log" >&2
  exit 1
fi
say "built in $((SECONDS - started)) s; starting on $Server__Address (gRPC port $grpc_port, HTTP port $http_port)"
exec dotnet src/ReportValidation.Server/bin/Release/net10.0/ReportValidation.Server.dll \
  --contentRoot "$root/src/ReportValidation.Server" "$@"
