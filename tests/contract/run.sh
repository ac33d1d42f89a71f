#!/usr/bin/env bash
# Contract checks, with tools the project did not write (npm, pinned in package-lock.json):
#   buf lint (STANDARD, protos/buf.yaml) and buf breaking against the v1 baseline image protos/.baseline/v1.binpb;
#   Redocly's recommended rules on the generated openapi.json (no errors);
#   tsc on the browser client's declarations, and those declarations against protoc-gen-es's JSON types;
#   Node's @grpc/grpc-js with @grpc/proto-loader (protos/ as the only include directory) and fetch against
#   the built server, started on free ports and stopped afterwards.
# Closes with "N passed, N failed"; exits non-zero when anything failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/.test-run/contract"
mkdir -p "$out"
passed=0
failed=0

log() { printf '[contract] %s\n' "$*"; }
# check NAME COMMAND...: runs it, counts it, shows its output when it fails.
check() {
  local name=$1
  shift
  if "$@" >"$out/$name.log" 2>&1; then
    passed=$((passed + 1))
    log "ok    $name"
  else
    failed=$((failed + 1))
    log "FAIL  $name"
    tail -n 40 "$out/$name.log"
  fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

log "npm ci"
if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm.log" 2>&1); then
  tail -n 20 "$out/npm.log"
  failed=$((failed + 1))
  finish
fi
bin="$here/node_modules/.bin"

check buf-lint bash -c "cd '$root/protos' && '$bin/buf' lint"
# No release tag yet: the baseline is the v1 contract as first published, an image committed beside the protos.
check buf-breaking bash -c "cd '$root/protos' && '$bin/buf' breaking --against .baseline/v1.binpb"
check openapi-lint bash -c "cd '$here' && '$bin/redocly' lint --extends=recommended --format=stylish '$root/src/ReportValidation.Server/openapi.json'"
check typescript bash -c "cd '$here' && rm -rf .gen && (cd '$root/protos' && PATH='$bin':\$PATH '$bin/buf' generate --template '$here/buf.gen.yaml' --output '$here') && node compare-types.mjs && '$bin/tsc' -p tsconfig.json"

log "building the server"
server_dir="$root/src/ReportValidation.Server"
if ! dotnet build "$server_dir/ReportValidation.Server.csproj" -c Release -nologo -v q >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log"
  failed=$((failed + 1))
  finish
fi
server_log="$out/server.log"
. "$root/tests/lib/server.sh"
trap stop_server EXIT
if ! start_server "$server_dir" "$server_log"; then
  log "the server did not announce its ports"
  failed=$((failed + 1))
  finish
fi
log "server: gRPC $grpc_address, HTTP $base_url"

(cd "$here" && REPORTVALIDATION_GRPC_ADDRESS="$grpc_address" REPORTVALIDATION_BASE_URL="$base_url" \
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$out/service.tap" tests/*.test.mjs)
node_status=$?
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out/service.tap" | tail -n 1)
f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out/service.tap" | tail -n 1)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))
if [ "$node_status" != 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); fi
# A normal start logs no error.
if grep -q ' fail: ' "$server_log"; then
  log "FAIL  the server logged an error"
  grep ' fail: ' "$server_log" | head -n 5
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi
finish
