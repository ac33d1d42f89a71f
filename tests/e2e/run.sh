#!/usr/bin/env bash
# End-to-end tests of the validation page: Debian's headless Chromium driven by playwright-core
# against the real server (built from this repository, started on free ports, stopped afterwards).
# Closes with "N passed, N failed"; exits non-zero when anything failed or could not run.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/.test-run/e2e"
screenshots="$root/.test-run/screenshots"
mkdir -p "$out" "$screenshots"

log() { printf '[e2e] %s\n' "$*"; }
fail_setup() {
  echo "e2e setup failed: $*"
  echo "0 passed, 1 failed"
  exit 1
}

# Chromium from Debian (playwright downloads no browser), and a CJK font so the screenshots are legible.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" \
    >"$out/apt.log" 2>&1 || { tail -n 20 "$out/apt.log"; fail_setup "could not install ${missing[*]}"; }
fi
[ -x /usr/bin/chromium ] || fail_setup "/usr/bin/chromium is missing"

log "npm ci"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm.log" 2>&1) || { tail -n 20 "$out/npm.log"; fail_setup "npm ci failed"; }

log "building the server"
server_dir="$root/src/ReportValidation.Server"
dotnet build "$server_dir/ReportValidation.Server.csproj" -c Release -nologo -v q >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log"; fail_setup "server build failed"; }
dll="$server_dir/bin/Release/net10.0/ReportValidation.Server.dll"
[ -f "$dll" ] || fail_setup "$dll not found"

log "starting the server"
. "$root/tests/lib/server.sh"
trap stop_server EXIT
start_server "$server_dir" "$out/server.log" || fail_setup "the server did not announce its ports"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$base_url/" 2>/dev/null && break
  sleep 0.1
done
log "server at $base_url"

log "running the browser tests"
(cd "$here" && REPORTVALIDATION_BASE_URL="$base_url" REPORTVALIDATION_SCREENSHOTS="$screenshots" \
  REPORTVALIDATION_SEEDS="$root/tests/TestData/seeds" \
  node --test --test-concurrency=1 --test-timeout=180000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$out/e2e.tap" \
    tests/*.test.mjs)
status=$?

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out/e2e.tap" | tail -n 1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out/e2e.tap" | tail -n 1)
cancelled=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$out/e2e.tap" | tail -n 1)
passed=${passed:-0}
failed=$(( ${failed:-0} + ${cancelled:-0} ))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then failed=1; fi
log "screenshots in $screenshots"
if [ "${REPORTVALIDATION_README_SCREENSHOT:-}" = 1 ]; then
  (cd "$here" && REPORTVALIDATION_BASE_URL="$base_url" REPORTVALIDATION_SCREENSHOTS="$screenshots" \
    REPORTVALIDATION_SEEDS="$root/tests/TestData/seeds" node readme-screenshot.mjs) || failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
