#!/usr/bin/env bash
# Runs deploy/nginx/news-widget.conf as written (only addresses and paths
# changed) in front of two news-widget-server instances on loopback, and
# checks the recipe's two claims:
#  1. an instance stopped with SIGTERM in the middle of load (wrk) costs no
#     request: no non-2xx answer, no socket error;
#  2. repeated /render requests are answered from nginx's cache
#     (X-Cache-Status: MISS, then HIT), honouring the server's Cache-Control.
# Usage: deploy/test-nginx.sh SERVER_BIN SITE_DIR DATA_DIR
# Everything it starts runs in a temporary directory and is stopped on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server_bin=${1:?server binary} site=${2:?site dir} data=${3:?data dir}
for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin
  command -v "$tool" >/dev/null || { echo "deploy test: $tool not found (./scripts/setup installs it)" >&2; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# A free loopback port (the kernel's choice, released again for nginx).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts an instance on an ephemeral port; sets $port and appends its pid.
start_instance() {
  local out=$tmp/instance$1.out
  "$server_bin" --host 127.0.0.1 --port 0 --root "$site" --data "$data" --threads 1 \
    --access-log /dev/null >"$out" 2>&1 &
  pids+=($!)
  instance_pid[$1]=$!
  for _ in $(seq 100); do
    port=$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$out")
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "deploy test: instance $1 did not start: $(cat "$out")" >&2
  exit 1
}
declare -A instance_pid
start_instance 1; port1=$port
start_instance 2; port2=$port
nginx_port=$(free_port)

# The recipe with this run's addresses and paths; nginx's own files in $tmp.
mkdir -p "$tmp/cache"
{
  echo "daemon off; worker_processes 1; pid $tmp/nginx.pid; error_log $tmp/error.log warn;"
  [ "$(id -u)" -ne 0 ] || echo "user root;"  # the workers write the cache in $tmp
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off; client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy;"
  echo "  fastcgi_temp_path $tmp/fastcgi; uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;"
  sed -e "s#/var/cache/nginx/news-widget#$tmp/cache#" \
      -e "s#server 127.0.0.1:8081 #server 127.0.0.1:$port1 #" \
      -e "s#server 127.0.0.1:8082 #server 127.0.0.1:$port2 #" \
      -e "s#listen 127.0.0.1:8080;#listen 127.0.0.1:$nginx_port;#" \
      "$here/nginx/news-widget.conf"
  echo "}"
} >"$tmp/nginx.conf"
grep -q "127.0.0.1:$port1 " "$tmp/nginx.conf" && grep -q "127.0.0.1:$port2 " "$tmp/nginx.conf" &&
  grep -q "listen 127.0.0.1:$nginx_port;" "$tmp/nginx.conf" ||
  { echo "deploy test: the recipe's addresses were not found to replace" >&2; exit 1; }
nginx -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf" &
nginx_pid=$!
pids+=("$nginx_pid")
origin=http://127.0.0.1:$nginx_port
for _ in $(seq 100); do
  curl -fsS "$origin/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$origin/healthz" >/dev/null || { echo "deploy test: nginx did not start: $(cat "$tmp/error.log")" >&2; exit 1; }

failed=0
# 2. The cache: the same /render twice, then with another query (its own key).
render=/render/north-korea-10000-soldiers
cache_status() { curl -fsS -o /dev/null -D - "$origin$1" | tr -d '\r' | sed -n 's/^X-Cache-Status: //Ip'; }
statuses="$(cache_status "$render?width=600") $(cache_status "$render?width=600") $(cache_status "$render?width=600") $(cache_status "$render?width=320")"
echo "deploy test: X-Cache-Status of /render ?width=600 x3, then ?width=320: $statuses"
if [ "$statuses" != "MISS HIT HIT MISS" ]; then
  echo "deploy test: FAIL: expected MISS HIT HIT MISS" >&2
  failed=1
fi

# 1. Failover: load on an uncached URL (every request reaches an instance),
# and instance 1 stopped with SIGTERM two seconds in.
wrk -t2 -c16 -d6s --latency "$origin/widget/news-widget.js" >"$tmp/wrk.out" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
sleep 2
kill -TERM "${instance_pid[1]}"
wait "${instance_pid[1]}" && stop_code=0 || stop_code=$?
wait "$wrk_pid" || { echo "deploy test: wrk failed: $(cat "$tmp/wrk.out")" >&2; exit 1; }
requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.out")
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$tmp/wrk.out")
socket_errors=$(sed -n 's/^ *Socket errors: *\(.*\)/\1/p' "$tmp/wrk.out")
echo "deploy test: $requests requests through nginx, instance 1 stopped by SIGTERM (exit $stop_code) after 2 s;" \
  "non-2xx: ${non2xx:-0}; socket errors: ${socket_errors:-none}"
if [ -z "$requests" ] || [ "$requests" -eq 0 ] || [ -n "$non2xx" ] || [ -n "$socket_errors" ]; then
  echo "deploy test: FAIL: requests failed during the failover" >&2
  cat "$tmp/wrk.out" >&2
  failed=1
fi
# The instance did stop, and nginx saw it go (so the load did exercise the retry).
if [ "$stop_code" -ne 0 ]; then
  echo "deploy test: FAIL: instance 1 exited with $stop_code on SIGTERM" >&2
  failed=1
fi
if ! grep -qE "connect\(\) failed|upstream prematurely closed|Connection refused|Connection reset" "$tmp/error.log"; then
  echo "deploy test: FAIL: nginx's error log shows no failed attempt on the stopped instance" >&2
  failed=1
fi
grep -cE "connect\(\) failed|upstream prematurely closed|Connection reset" "$tmp/error.log" |
  sed 's/^/deploy test: attempts nginx retried on the other instance (error log lines): /'
exit "$failed"
