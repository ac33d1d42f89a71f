#!/usr/bin/env bash
# The test command: installs what the tests need, runs every suite, and closes with
# "N passed, N failed" so CI can count. Exit code is non-zero when anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/.test-run"
rm -rf "$results"
mkdir -p "$results"

log() { printf '[test] %s\n' "$*"; }

# Real parts, installed from Debian's packages when missing: redis-server for the cache tests.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
    $apt_get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
ensure_apt_packages redis-server fonts-arphic-gbsn00lp fonts-dejavu-core
export REPORTVALIDATION_REDIS_SERVER="${REPORTVALIDATION_REDIS_SERVER:-$(command -v redis-server)}"
if [ -z "$REPORTVALIDATION_REDIS_SERVER" ]; then
  echo "redis-server could not be installed; the cache tests need it" >&2
fi
# A Redis the integration tests share; tests that stop Redis start their own beside it.
free_port() { python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}
redis_port=$(free_port)
"$REPORTVALIDATION_REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --daemonize yes --pidfile "$results/redis.pid" --logfile "$results/redis.log" >/dev/null 2>&1 || true
export REPORTVALIDATION_TEST_REDIS="127.0.0.1:$redis_port"
cleanup() { [ -f "$results/redis.pid" ] && kill "$(cat "$results/redis.pid")" 2>/dev/null; }
trap cleanup EXIT

passed=0
failed=0

log "building"
if ! dotnet build ReportValidation.sln -c Release -nologo -v q >"$results/build.log" 2>&1; then
  tail -n 60 "$results/build.log"
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log "dotnet test"
dotnet test ReportValidation.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results/trx" 2>&1 \
  | grep -vE '^\s*$' | tail -n 200
for trx in "$results"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
if ! ls "$results"/trx/*.trx >/dev/null 2>&1; then
  failed=$((failed + 1))
  echo "dotnet test produced no results"
fi

# Further suites (browser, local cluster): each tests/*/run.sh closes with its own "N passed, N failed".
for suite in tests/*/run.sh; do
  [ -f "$suite" ] || continue
  log "suite $suite"
  out="$results/$(basename "$(dirname "$suite")").log"
  bash "$suite" 2>&1 | tee "$out" | tail -n 40
  line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "$suite printed no result line"
    failed=$((failed + 1))
    continue
  fi
  p=$(sed -E 's/^([A-Za-z]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
  f=$(sed -E 's/^([A-Za-z]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
