#!/usr/bin/env bash
# Benchmark against the physical limit: nginx serving the very same bytes.
#
# Builds and starts the release binary, saves the bytes of a compare page and a results page,
# serves those bytes with nginx (Debian package; own config on a loopback port, stopped
# afterwards; same response headers as ours, keep-alive without a request cap), then runs wrk
# alternately against both servers for several rounds and prints the medians of requests/s
# and p99, and the ratio ours/nginx, for: the compare page, the results page (its canonical
# URL, which the page store keeps), the same results under another spelling (pairs in another
# order: rendered for each request, never kept), and POST /quiz (nginx answering the same 303).
# "compare page, gzip" asks for the compare page as browsers do (Accept-Encoding), and nginx
# serves our gzip bytes with gzip_static; the plain "compare page" target sends no
# Accept-Encoding, so both servers send 80 KB and it measures copying those bytes (nginx uses
# sendfile, which saves the copy into the socket; we cannot from memory).
#
#   scripts/bench.sh
#   ROUNDS=7 SECONDS_PER_RUN=10 CONNECTIONS=128 scripts/bench.sh
#   BIN=/path/to/another/build scripts/bench.sh     # an earlier build, measured the same day
#   TARGETS="compare post" scripts/bench.sh         # some of the targets only
#
# Nothing is pinned to cores: the servers and wrk share the machine's two cores, as they would.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
CONNECTIONS=${CONNECTIONS:-128}
THREADS=${THREADS:-2}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

BIN=${BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release --locked --quiet
  BIN=target/release/pychooser
fi
WORK=$(mktemp -d)
OURS_PORT=$(free_port)
NGINX_PORT=$(free_port)
cleanup() {
  kill "$OURS" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ulimit -n 65536 2>/dev/null || true
STARTED=$(date +%s%N)
RUST_LOG=warn,pychooser=info "$BIN" --addr "127.0.0.1:$OURS_PORT" 2>"$WORK/ours.log" &
OURS=$!
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$OURS_PORT/healthz" >/dev/null && break; sleep 0.01; done
READY=$(date +%s%N)
STARTUP_MS=$(grep -m1 'elapsed_ms=' "$WORK/ours.log" | grep -o 'elapsed_ms=[0-9]*' | cut -d= -f2)

COMPARE=/compare/django-vs-flask
RESULTS_QUERY='size=large&kind=content&admin=yes&accounts=yes&experience=new&deadline=tight&languages=yes&lifespan=long'
# The same answers in another order: the same page, rendered per request.
RENDERED_QUERY='lifespan=long&size=large&kind=content&admin=yes&accounts=yes&experience=new&deadline=tight&languages=yes'
FORM='size=large&kind=content&admin=yes&accounts=yes&experience=new&deadline=tight&languages=yes&lifespan=long'

# The same bytes, for nginx to serve.
mkdir -p "$WORK/root/compare"
curl -sf "http://127.0.0.1:$OURS_PORT$COMPARE" -o "$WORK/root$COMPARE"
curl -sf -H 'accept-encoding: gzip' "http://127.0.0.1:$OURS_PORT$COMPARE" -o "$WORK/root$COMPARE.gz"
curl -sf "http://127.0.0.1:$OURS_PORT/results?$RESULTS_QUERY" -o "$WORK/root/results"
cmp "$WORK/root/results" <(curl -sf "http://127.0.0.1:$OURS_PORT/results?$RENDERED_QUERY")
# nginx's workers run as an unprivileged user: let them read the files.
chmod 755 "$WORK"
chmod -R a+rX "$WORK/root"
LOCATION=$(curl -s -o /dev/null -w '%{redirect_url}' -X POST -H 'content-type: application/x-www-form-urlencoded' \
  --data "$FORM" "http://127.0.0.1:$OURS_PORT/quiz" | sed "s#http://127.0.0.1:$OURS_PORT##")

# Our response headers, so nginx sends as much as we do.
HEADERS=$(curl -s -D - -o /dev/null "http://127.0.0.1:$OURS_PORT$COMPARE" | tr -d '\r' |
  grep -i -E '^(content-security-policy|x-content-type-options|x-frame-options|referrer-policy|cross-origin-resource-policy|cross-origin-opener-policy|permissions-policy|strict-transport-security|cache-control|vary):' |
  sed -E 's/^([^:]+): (.*)$/    add_header \1 "\2" always;/')

cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  server_tokens off;
  open_file_cache max=100 inactive=60s;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/root;
    default_type "text/html; charset=utf-8";
    gzip_static on;
$HEADERS
    location = /quiz { return 303 $LOCATION; }
  }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log" 2>/dev/null || "$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$NGINX_PORT$COMPARE" >/dev/null && break; sleep 0.05; done
[ -n "${DEBUG:-}" ] && curl -si "http://127.0.0.1:$NGINX_PORT$COMPARE" | head -20
cmp <(curl -s "http://127.0.0.1:$OURS_PORT$COMPARE") <(curl -s "http://127.0.0.1:$NGINX_PORT$COMPARE")
cmp <(curl -s -H 'accept-encoding: gzip' "http://127.0.0.1:$OURS_PORT$COMPARE") <(curl -s -H 'accept-encoding: gzip' "http://127.0.0.1:$NGINX_PORT$COMPARE")
cmp <(curl -s "http://127.0.0.1:$OURS_PORT/results?$RESULTS_QUERY") <(curl -s "http://127.0.0.1:$NGINX_PORT/results?$RESULTS_QUERY")

cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$FORM"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

# One wrk run: "requests/s p99_ms errors".
run() {
  local url=$1 script=${2:-} header=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" "$url" > "$WORK/wrk.out" 2>&1 || true
  python3 - "$WORK/wrk.out" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", t, re.M)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
errors += int(re.search(r"Non-2xx or 3xx responses: (\d+)", t).group(1)) if "Non-2xx" in t else 0
print(f"{rps:.0f} {p99:.2f} {errors}")
PY
}

declare -A RESULTS
read -r -a TARGETS <<< "${TARGETS:-compare compare-gz results rendered post}"
url_of() {
  case $1 in
    compare | compare-gz) echo "http://127.0.0.1:$2$COMPARE" ;;
    results) echo "http://127.0.0.1:$2/results?$RESULTS_QUERY" ;;
    rendered) echo "http://127.0.0.1:$2/results?$RENDERED_QUERY" ;;
    post) echo "http://127.0.0.1:$2/quiz" ;;
  esac
}
echo "bench: $ROUNDS rounds of ${SECONDS_PER_RUN}s per target and server, $CONNECTIONS connections, $THREADS wrk threads, $(nproc) cores"
for round in $(seq "$ROUNDS"); do
  # Alternate which server goes first, so neither always runs on a warmer machine.
  if [ $((round % 2)) -eq 1 ]; then order=(ours nginx); else order=(nginx ours); fi
  for target in "${TARGETS[@]}"; do
    script="" header=""
    [ "$target" = post ] && script="$WORK/post.lua"
    [ "$target" = compare-gz ] && header="Accept-Encoding: gzip"
    for server in "${order[@]}"; do
      port=$OURS_PORT
      [ "$server" = nginx ] && port=$NGINX_PORT
      RESULTS[$target,$server]+="$(run "$(url_of "$target" "$port")" "$script" "$header");"
    done
  done
  printf '  round %s done\n' "$round"
done

printf '\n%-22s %14s %14s %11s %11s %12s %8s\n' target "ours req/s" "nginx req/s" "ours p99" "nginx p99" "ours/nginx" errors
for target in "${TARGETS[@]}"; do
  python3 - "$target" "${RESULTS[$target,ours]}" "${RESULTS[$target,nginx]}" <<'PY'
import statistics, sys
name = {"compare": "compare page", "compare-gz": "compare page, gzip", "results": "results page", "rendered": "results, other order", "post": "POST /quiz (303)"}[sys.argv[1]]
parse = lambda s: [tuple(map(float, r.split())) for r in s.strip(";").split(";")]
ours, nginx = parse(sys.argv[2]), parse(sys.argv[3])
med = lambda rows, i: statistics.median(r[i] for r in rows)
errors = int(sum(r[2] for r in ours + nginx))
print(f"{name:<22} {med(ours,0):>14.0f} {med(nginx,0):>14.0f} {med(ours,1):>9.2f}ms {med(nginx,1):>9.2f}ms {med(ours,0)/med(nginx,0):>11.2f}x {errors:>8}")
PY
done
PEAK=$(awk '/VmHWM/ {print $2}' "/proc/$OURS/status")
python3 -c "print(f'\nour start-up (load and validate): ${STARTUP_MS} ms; process start to first answer: {($READY - $STARTED) / 1e6:.0f} ms')"
python3 -c "print(f'our peak RSS after the benchmark: {$PEAK / 1024:.1f} MiB')"
echo "compare page bytes: $(stat -c %s "$WORK/root$COMPARE") identity, $(curl -s -H 'accept-encoding: br' "http://127.0.0.1:$OURS_PORT$COMPARE" | wc -c) brotli, $(curl -s -H 'accept-encoding: gzip' "http://127.0.0.1:$OURS_PORT$COMPARE" | wc -c) gzip"
