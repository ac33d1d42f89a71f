#!/usr/bin/env bash
# A deployment on one machine: one redis-server, three server replicas on free loopback ports and
# nginx (Debian's package) in front as an HTTP/2 gRPC load balancer (grpc_pass, round robin). Drives
# calls through nginx with bench/ReportValidation.ClusterLoad (a client that retries UNAVAILABLE, as
# production clients should) and checks that
#   - a document validated on one replica is a cache hit on the others (shared Redis),
#   - calls spread across the replicas (nginx's upstream log and each replica's request metric),
#   - killing a replica (SIGKILL) during the load loses no call, a restarted one rejoins, and
#     stopping one gracefully (SIGTERM, as Kubernetes does) loses no call either,
#   - stopping Redis during the load fails no call, and restarting it brings the hit rate back.
# Prints the figures, closes with "N passed, N failed", exits non-zero when a check fails.
#
# usage: scripts/local-cluster.sh [--short] [--server-dll PATH] [--keep]
#   --short       shorter phases (the test command runs this; well under two minutes)
#   --server-dll  the server to run (default: src/ReportValidation.Server/bin/Release/net10.0)
#   --keep        leave the work directory (logs, nginx config, figures) behind
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

short=0
keep=0
server_dll="${REPORTVALIDATION_SERVER_DLL:-$root/src/ReportValidation.Server/bin/Release/net10.0/ReportValidation.Server.dll}"
load_dll="${REPORTVALIDATION_CLUSTERLOAD_DLL:-$root/bench/ReportValidation.ClusterLoad/bin/Release/net10.0/ReportValidation.ClusterLoad.dll}"
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --keep) keep=1 ;;
    --server-dll) server_dll="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# Phase lengths in seconds: warm (first passes fill Redis), steady, replica-killed (SIGKILL),
# replica-back (restarted; nginx tries it again after fail_timeout), replica-drained (another one
# stopped with SIGTERM, as Kubernetes stops a pod), redis-down, redis-back (the server's breaker and
# StackExchange.Redis reconnect), recovered.
if [ "$short" = 1 ]; then
  phases=(warm:2 steady:4 replica-killed:3 replica-back:5 replica-drained:3 redis-down:3 redis-back:2 recovered:3)
  concurrency=8
else
  phases=(warm:3 steady:10 replica-killed:8 replica-back:8 replica-drained:8 redis-down:8 redis-back:3 recovered:8)
  concurrency=16
fi
documents=30

log() { printf '[cluster] %s\n' "$*"; }
fail_setup() {
  echo "setup failed: $*"
  echo "0 passed, 1 failed"
  exit 1
}

# --- what it needs -----------------------------------------------------------------------------
ensure_apt_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 from Debian's packages"
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq >/dev/null 2>&1 || true
  # Debian's nginx starts a system-wide server on port 80 when installed, unless policy-rc.d says
  # no: this script runs its own on a free port, so forbid service starts for the install.
  local policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ] && [ "$(id -u)" = 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$2" >/dev/null 2>&1
  [ "$policy_added" = 1 ] && rm -f /usr/sbin/policy-rc.d
  command -v "$1" >/dev/null 2>&1
}
export PATH="$PATH:/usr/sbin:/sbin"
ensure_apt_package nginx nginx || fail_setup "nginx could not be installed"
redis_server="${REPORTVALIDATION_REDIS_SERVER:-$(command -v redis-server || true)}"
if [ -z "$redis_server" ]; then
  ensure_apt_package redis-server redis-server || fail_setup "redis-server could not be installed"
  redis_server=$(command -v redis-server)
fi
[ -f "$server_dll" ] || fail_setup "no server build at $server_dll (dotnet build -c Release first)"
[ -f "$load_dll" ] || fail_setup "no load client build at $load_dll (dotnet build -c Release first)"

work=$(mktemp -d /tmp/reportvalidation-cluster.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  if [ "$keep" = 1 ]; then log "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Distinct free loopback ports, all bound at once so none is handed out twice.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}
read -r redis_port nginx_port g1 h1 g2 h2 g3 h3 <<<"$(free_ports 8)"
grpc_ports=("$g1" "$g2" "$g3")
http_ports=("$h1" "$h2" "$h3")

wait_for() { # seconds command...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

# --- Redis, as the k8s base runs it: no persistence, bounded memory, LRU eviction ------------------
start_redis() {
  "$redis_server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --maxmemory 64mb --maxmemory-policy allkeys-lru >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  wait_for 10 redis-cli -p "$redis_port" ping
}
start_redis || fail_setup "redis-server did not start (see $work/redis.log)"

# --- three replicas ---------------------------------------------------------------------------
# The in-process cache level is off (Cache__MemoryLimitBytes=0), so every hit is a Redis hit: that
# makes sharing across replicas and the Redis outage visible in the hit rate. Production keeps it on.
replica_pids=()
start_replica() { # index
  env Server__Address=127.0.0.1 Server__GrpcPort="${grpc_ports[$1]}" Server__HttpPort="${http_ports[$1]}" \
    Redis__Configuration="127.0.0.1:$redis_port" Cache__MemoryLimitBytes=0 \
    Logging__LogLevel__Default=Warning Logging__LogLevel__ReportValidation=Information \
    dotnet "$server_dll" --contentRoot "$(dirname "$server_dll")" >>"$work/replica$(($1 + 1)).log" 2>&1 &
  replica_pids[$1]=$!
  pids+=($!)
}
for i in 0 1 2; do start_replica "$i"; done
for i in 0 1 2; do
  wait_for 60 curl -sf "http://127.0.0.1:${http_ports[$i]}/metrics" \
    || fail_setup "replica $((i + 1)) did not start (see $work/replica$((i + 1)).log: $(tail -n 5 "$work/replica$((i + 1)).log"))"
done
log "replicas: gRPC ${grpc_ports[*]}, HTTP ${http_ports[*]}; Redis $redis_port"

# --- nginx: HTTP/2 in, round robin per call over HTTP/2 to the replicas -----------------------
mkdir -p "$work/nginx/temp"
chmod 777 "$work/nginx/temp"
{
  echo "worker_processes 1;"
  echo "pid $work/nginx/nginx.pid;"
  echo "error_log $work/nginx/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  log_format upstreams '\$msec|\$upstream_addr|\$status|\$upstream_status|\$request_time';"
  echo "  access_log $work/nginx/access.log upstreams;"
  echo "  client_body_temp_path $work/nginx/temp;"
  echo "  client_max_body_size 48m;"
  echo "  client_body_buffer_size 1m;"
  # nginx closes a client's HTTP/2 connection after keepalive_requests calls (default 1000) with a
  # GOAWAY; grpc-dotnet then fails a call racing it with INTERNAL "Incomplete message" that no retry
  # policy covers (grpc/grpc-dotnet#1778, seen here as ~1 failed call per 1000). Long-lived gRPC
  # connections are the point: raise it far above any run.
  echo "  keepalive_requests 1000000;"
  echo "  keepalive_timeout 600s;"
  echo "  upstream replicas {"
  for i in 0 1 2; do
    # A replica that refuses a connection is skipped for 2 s, then tried again.
    echo "    server 127.0.0.1:${grpc_ports[$i]} max_fails=1 fail_timeout=2s;"
  done
  echo "    keepalive 32;"
  echo "    keepalive_requests 1000000;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$nginx_port http2;"
  echo "    location / {"
  echo "      grpc_pass grpc://replicas;"
  # Connection errors before the call reached a replica go to the next one; a call already sent
  # is not replayed here (the client retries it on UNAVAILABLE).
  echo "      grpc_next_upstream error timeout;"
  echo "      grpc_connect_timeout 1s;"
  echo "      grpc_read_timeout 30s;"
  echo "    }"
  echo "  }"
  echo "}"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' >"$work/nginx/stdout.log" 2>&1 &
pids+=($!)
wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$nginx_port" || fail_setup "nginx did not start: $(cat "$work/nginx/error.log" "$work/nginx/stdout.log" 2>/dev/null | tail -n 5)"
log "nginx: 127.0.0.1:$nginx_port -> 3 replicas"

passed=0
failed=0
check() { # name condition(0/1) detail
  if [ "$2" = 1 ]; then
    passed=$((passed + 1)); echo "PASS $1: $3"
  else
    failed=$((failed + 1)); echo "FAIL $1: $3"
  fi
}

# --- a document validated on one replica is a hit on the others -------------------------------
targets="http://127.0.0.1:${grpc_ports[0]},http://127.0.0.1:${grpc_ports[1]},http://127.0.0.1:${grpc_ports[2]}"
probe_out=$(dotnet "$load_dll" probe --targets "$targets" 2>&1)
probe_rc=$?
echo "$probe_out" | sed 's/^/  /'
check "shared cache across replicas" "$([ $probe_rc = 0 ] && echo 1 || echo 0)" \
  "a new document computed on replica 1 was a cache hit with the same hash on replicas 2 and 3"

# --- the load, phase by phase ----------------------------------------------------------------
metric_sum() { # port metric-prefix: the sum of a Prometheus counter's series
  curl -sf "http://127.0.0.1:$1/metrics" | awk -v m="$2" 'index($0, m) == 1 { s += $2 } END { printf "%d\n", s }'
}
echo "" >"$work/phase"
dotnet "$load_dll" load --target "http://127.0.0.1:$nginx_port" --phase-file "$work/phase" \
  --concurrency "$concurrency" --documents "$documents" --max-seconds 100 --out "$work/phases.jsonl" \
  >"$work/load.log" 2>&1 &
load_pid=$!
pids+=("$load_pid")

declare -A log_from log_to
enter_phase() { # name: the load client counts calls from here on under it; so does the nginx log range
  [ -n "${log_from[$1]:-}" ] && return
  log_from[$1]=$(wc -l <"$work/nginx/access.log" 2>/dev/null || echo 0)
  echo "$1" >"$work/phase"
}
for entry in "${phases[@]}"; do
  name=${entry%%:*}
  seconds=${entry##*:}
  case "$name" in
    steady)
      for i in 0 1 2; do before[$i]=$(metric_sum "${http_ports[$i]}" reportvalidation_requests_total); done ;;
    replica-killed)
      for i in 0 1 2; do after[$i]=$(metric_sum "${http_ports[$i]}" reportvalidation_requests_total); done
      rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/${replica_pids[2]}/status" 2>/dev/null)
      redis_keys=$(redis-cli -p "$redis_port" dbsize 2>/dev/null)
      redis_bytes=$(redis-cli -p "$redis_port" info memory 2>/dev/null | tr -d '\r' | awk -F: '$1 == "used_memory_dataset" { print $2 }')
      # Switch the phase first, so the calls in flight on replica 3 when it dies are counted here.
      enter_phase "$name"; sleep 0.3
      kill -KILL "${replica_pids[2]}"
      wait "${replica_pids[2]}" 2>/dev/null
      log "replica 3 killed (SIGKILL) under load" ;;
    replica-back)
      start_replica 2
      wait_for 60 curl -sf "http://127.0.0.1:${http_ports[2]}/metrics" || log "replica 3 did not restart"
      log "replica 3 restarted" ;;
    replica-drained)
      enter_phase "$name"; sleep 0.3
      kill -TERM "${replica_pids[1]}"
      log "replica 2 stopped (SIGTERM) under load" ;;
    redis-down)
      redis_errors_before=$(( $(metric_sum "${http_ports[0]}" reportvalidation_redis_errors_total) + $(metric_sum "${http_ports[2]}" reportvalidation_redis_errors_total) ))
      kill -TERM "$redis_pid"
      wait "$redis_pid" 2>/dev/null
      log "Redis stopped under load" ;;
    redis-back)
      redis_errors_after=$(( $(metric_sum "${http_ports[0]}" reportvalidation_redis_errors_total) + $(metric_sum "${http_ports[2]}" reportvalidation_redis_errors_total) ))
      start_redis || log "Redis did not restart"
      log "Redis restarted (empty)" ;;
  esac
  enter_phase "$name"
  sleep "$seconds"
  if [ "$name" = warm ]; then
    # A slow machine may not finish the first pass over the documents in time: wait for two passes
    # through nginx, so the steady phase measures a filled cache.
    wait_for 30 bash -c "[ \$(wc -l <'$work/nginx/access.log') -ge $((2 * documents)) ]"
  fi
  log_to[$name]=$(wc -l <"$work/nginx/access.log" 2>/dev/null || echo 0)
done
echo end >"$work/phase"
wait "$load_pid"
load_rc=$?
check "load client ran" "$([ $load_rc = 0 ] && [ -s "$work/phases.jsonl" ] && echo 1 || echo 0)" "exit code $load_rc"

# --- figures and checks ---------------------------------------------------------------------
{
  echo "grpc_ports=${grpc_ports[*]}"
  echo "before=${before[*]}"
  echo "after=${after[*]}"
  echo "rss_kb=${rss_kb:-0}"
  echo "redis_errors_before=${redis_errors_before:-0}"
  echo "redis_errors_after=${redis_errors_after:-0}"
  echo "redis_keys=${redis_keys:-0}"
  echo "redis_bytes=${redis_bytes:-0}"
  for entry in "${phases[@]}"; do
    echo "log_from_${entry%%:*}=${log_from[${entry%%:*}]}"
    echo "log_to_${entry%%:*}=${log_to[${entry%%:*}]}"
  done
} >"$work/facts.txt"
python3 - "$work" >"$work/checks.txt" <<'PY'
import json, sys, collections
work = sys.argv[1]
facts = dict(line.rstrip("\n").split("=", 1) for line in open(f"{work}/facts.txt") if "=" in line)
def fact(key, default="0"):
    return facts.get(key) or default
ports = fact("grpc_ports", "").split()
before = [int(x) for x in fact("before", "").split()]
after = [int(x) for x in fact("after", "").split()]
rss_kb, errors_before, errors_after = int(fact("rss_kb")), int(fact("redis_errors_before")), int(fact("redis_errors_after"))
redis_keys, redis_bytes = int(fact("redis_keys")), int(fact("redis_bytes"))
def log_range(phase):
    return int(fact(f"log_from_{phase}")), int(fact(f"log_to_{phase}"))
s_from, s_to = log_range("steady")
k_from, k_to = log_range("replica-killed")
phases = {}
for line in open(f"{work}/phases.jsonl"):
    p = json.loads(line)
    phases[p["phase"]] = p
log = open(f"{work}/nginx/access.log").read().splitlines()

def upstreams(lines):
    counts = collections.Counter()
    status = collections.Counter()
    for l in lines:
        fields = l.split("|")
        if len(fields) < 5:
            continue
        # $upstream_addr lists every replica nginx tried, ", "-separated; the last one answered.
        counts[fields[1].split(", ")[-1].split(":")[-1]] += 1
        status[fields[2]] += 1
    return counts, status

def show(name):
    p = phases.get(name)
    if not p:
        print(f"FIGURE {name:15s} no calls recorded")
        return
    print(f"FIGURE {name:15s} calls={p['calls']:6d} calls/s={p['calls_per_second']:8.1f} failed={p['failed']:3d} "
          f"retried={p['retried']:3d} hit_rate={p['hit_rate']*100:5.1f}% p50={p['p50_ms']:.2f}ms p99={p['p99_ms']:.2f}ms")

for name in ["warm", "steady", "replica-killed", "replica-back", "replica-drained", "redis-down", "redis-back", "recovered"]:
    show(name)

def result(name, ok, detail):
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")

steady_counts, _ = upstreams(log[s_from:s_to])
total = sum(steady_counts.values())
shares = {port: steady_counts.get(port, 0) / total if total else 0 for port in ports}
print("FIGURE spread (nginx upstream log, steady): " + ", ".join(f"replica {i+1}: {steady_counts.get(p, 0)} ({shares[p]*100:.1f}%)" for i, p in enumerate(ports)))
deltas = [a - b for a, b in zip(after, before)]
print("FIGURE spread (each replica's reportvalidation_requests_total, steady): " + ", ".join(f"replica {i+1}: {d}" for i, d in enumerate(deltas)))
result("calls spread across replicas", total > 0 and all(s >= 0.2 for s in shares.values()) and all(d > 0 for d in deltas),
       "every replica served at least 20% of the steady phase's calls (round robin: 33%)")

steady = phases.get("steady", {})
result("steady load through nginx", steady.get("calls", 0) > 0 and steady.get("failed", 1) == 0,
       f"{steady.get('calls', 0)} calls, {steady.get('failed', '?')} failed")
result("shared cache under load", steady.get("hit_rate", 0) >= 0.9,
       f"hit rate {steady.get('hit_rate', 0)*100:.1f}% with the in-process level off (every hit came from Redis)")

killed = phases.get("replica-killed", {})
killed_counts, killed_status = upstreams(log[k_from:k_to])
print(f"FIGURE replica-killed: nginx answered {dict(killed_status)}; upstream calls by replica {dict(killed_counts)}")
result("killing a replica loses no call", killed.get("calls", 0) > 0 and killed.get("failed", 1) == 0,
       f"{killed.get('calls', 0)} calls while replica 3 was killed, {killed.get('failed', '?')} failed, "
       f"{killed.get('retried', 0)} retried by the client")

back_counts, _ = upstreams(log[slice(*log_range("replica-back"))])
back_total = sum(back_counts.values())
rejoined = back_counts.get(ports[2], 0) if ports else 0
rb = phases.get("replica-back", {})
print(f"FIGURE replica-back: upstream calls by replica {dict(back_counts)}")
# A restarted replica is cold (JIT) and nginx tries it again only after fail_timeout, so its share
# of a closed-loop load starts small: at least 10% (of 33%) shows it is back in rotation.
result("a restarted replica rejoins", rb.get("failed", 1) == 0 and back_total > 0 and rejoined >= 0.1 * back_total,
       f"replica 3, restarted, served {rejoined} of {back_total} calls ({(rejoined / back_total * 100) if back_total else 0:.1f}%), "
       f"{rb.get('failed', '?')} failed")

drained = phases.get("replica-drained", {})
drained_counts, drained_status = upstreams(log[slice(*log_range("replica-drained"))])
print(f"FIGURE replica-drained: nginx answered {dict(drained_status)}; upstream calls by replica {dict(drained_counts)}")
result("stopping a replica (SIGTERM) loses no call", drained.get("calls", 0) > 0 and drained.get("failed", 1) == 0,
       f"{drained.get('calls', 0)} calls while replica 2 shut down, {drained.get('failed', '?')} failed, "
       f"{drained.get('retried', 0)} retried by the client")

down = phases.get("redis-down", {})
print(f"FIGURE redis-down: reportvalidation_redis_errors_total on the live replicas +{errors_after - errors_before}")
result("Redis stopped fails no call", down.get("calls", 0) > 0 and down.get("failed", 1) == 0,
       f"{down.get('calls', 0)} calls with Redis stopped, {down.get('failed', '?')} failed, "
       f"hit rate {down.get('hit_rate', 0)*100:.1f}% (validated without the cache)")
result("Redis outage visible", down.get("hit_rate", 1) < 0.2 and errors_after > errors_before,
       "the hit rate fell and the Redis error metric counted the outage")

back = phases.get("redis-back", {})
recovered = phases.get("recovered", {})
result("restarting Redis brings the hit rate back",
       back.get("failed", 1) == 0 and recovered.get("failed", 1) == 0 and recovered.get("hit_rate", 0) >= 0.8,
       f"hit rate {down.get('hit_rate', 0)*100:.1f}% while down -> {back.get('hit_rate', 0)*100:.1f}% just after restart "
       f"-> {recovered.get('hit_rate', 0)*100:.1f}% after")
if redis_keys:
    print(f"FIGURE Redis after the steady phase: {redis_keys} entries, {redis_bytes/1024:.0f} KiB of data ({redis_bytes/redis_keys/1024:.1f} KiB an entry)")
if rss_kb:
    print(f"FIGURE replica peak resident memory (VmHWM) after the steady phase: {rss_kb/1024:.0f} MiB")
PY
sed 's/^/  /' <"$work/checks.txt" | grep '^  FIGURE' | sed 's/^  FIGURE /  /'
while read -r line; do
  case "$line" in
    PASS*) passed=$((passed + 1)); echo "$line" ;;
    FAIL*) failed=$((failed + 1)); echo "$line" ;;
  esac
done <"$work/checks.txt"
if ! grep -qE '^(PASS|FAIL)' "$work/checks.txt"; then
  failed=$((failed + 1))
  echo "FAIL figures: the checks did not run"
  cat "$work/checks.txt"
fi
if [ "$failed" != 0 ]; then
  echo "--- load client log"; tail -n 20 "$work/load.log"
  echo "--- nginx error log"; tail -n 20 "$work/nginx/error.log" 2>/dev/null
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
