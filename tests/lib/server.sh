# Sourced by the suites that drive the built server from outside (tests/e2e, tests/contract).
# start_server SERVER_DIR LOG: starts bin/Release/net10.0/ReportValidation.Server.dll on free loopback ports
# (port 0 on both listeners), with the project folder as content root so the page is served from its
# wwwroot, and waits for its "Listening:" line. Sets server_pid, grpc_address (host:port) and base_url
# (http://host:port); returns non-zero, with the log's tail shown, when it did not come up. stop_server
# ends it (trap it on EXIT).
start_server() {
  local server_dir=$1 server_log=$2 line=""
  # Emptied here, not by the background redirect, so the wait below never reads a previous run's ports.
  : >"$server_log"
  (cd "$server_dir" && exec env Server__Address=127.0.0.1 Server__GrpcPort=0 Server__HttpPort=0 DOTNET_NOLOGO=1 \
    dotnet "$server_dir/bin/Release/net10.0/ReportValidation.Server.dll" --contentRoot "$server_dir") >"$server_log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    line=$(grep -o 'Listening: gRPC (HTTP/2) on http://[0-9.]*:[0-9]*/.*(HTTP/1.1) on http://[0-9.]*:[0-9]*' "$server_log" | head -n 1)
    [ -n "$line" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$line" ]; then
    tail -n 40 "$server_log"
    return 1
  fi
  grpc_address=$(sed -E 's|^Listening: gRPC \(HTTP/2\) on http://([0-9.]+:[0-9]+)/.*|\1|' <<<"$line")
  base_url=$(sed -E 's|.*\(HTTP/1.1\) on (http://[0-9.]+:[0-9]+)$|\1|' <<<"$line")
}

stop_server() {
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
}
