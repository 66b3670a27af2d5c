#!/usr/bin/env bash
# Load test: starts the release binary on a loopback port and runs wrk (Debian package `wrk`)
# against a framework page, a compare page, a results page and POST /quiz, each for
# $DURATION seconds at $CONNECTIONS connections. Prints requests/s, p99 latency, socket
# errors and non-2xx/3xx responses per target, and the server's peak RSS.
#
#   scripts/load.sh            # the full run (60 s per target, 256 connections)
#   DURATION=10 scripts/load.sh
#   scripts/load.sh --sigterm  # SIGTERM in the middle of a run: exit code, time to exit,
#                              # and whether any request got an error response
#
# Access logs are turned off (RUST_LOG=warn): at this rate they would measure stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-256}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

cargo build --release --locked --quiet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

start_server() {
  # The load needs more open connections than a default shell allows.
  ulimit -n 65536 2>/dev/null || true
  RUST_LOG=warn target/release/pychooser --addr "127.0.0.1:$PORT" 2>"$WORK/server.log" &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && return; sleep 0.05; done
  echo "the server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "size=large&kind=content&admin=yes&accounts=yes&deadline=tight"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

# Runs wrk; prints "requests/s p99 socket_errors non_2xx_3xx".
run_wrk() {
  local duration=$1 url=$2 script=${3:-}
  local out="$WORK/wrk.out"
  if [ -n "$script" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --latency -s "$script" "$url" >"$out" 2>&1 || true
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --latency "$url" >"$out" 2>&1 || true
  fi
  python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
non = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = sum(int(x) for x in sock.groups()) if sock else 0
detail = "connect {} read {} write {} timeout {}".format(*sock.groups()) if sock else "none"
print(f"{float(rps.group(1)) if rps else 0:.0f}\t{p99.group(1) if p99 else '?'}\t{errors} ({detail})\t{int(non.group(1)) if non else 0}")
PY
}

if [ "${1:-}" = "--sigterm" ]; then
  start_server
  run_wrk 12 "$BASE/compare/django-vs-flask" >"$WORK/result" &
  WRK=$!
  sleep 4
  STOPPED_AT=$(date +%s.%N)
  kill -TERM "$SERVER"
  set +e
  wait "$SERVER"; CODE=$?
  set -e
  EXITED_AT=$(date +%s.%N)
  wait "$WRK"
  IFS=$'\t' read -r RPS P99 SOCK NON < "$WORK/result"
  printf 'SIGTERM during a %s-connection run\n' "$CONNECTIONS"
  printf '  exit code: %s\n  time from SIGTERM to exit: %s s\n' "$CODE" "$(python3 -c "print(f'{$EXITED_AT - $STOPPED_AT:.2f}')")"
  printf '  responses other than 2xx/3xx: %s\n  socket errors (connections refused or closed after the stop): %s\n' "$NON" "$SOCK"
  grep -i -E "warn|error" "$WORK/server.log" || true
  exit 0
fi

start_server
printf 'load: %s s per target, %s connections, %s wrk threads, release build, %s cores\n' \
  "$DURATION" "$CONNECTIONS" "$THREADS" "$(nproc)"
printf '%-34s %10s %10s  %-45s %s\n' target requests/s p99 "socket errors" non-2xx/3xx
for target in \
  "framework page|$BASE/frameworks/django|" \
  "compare page|$BASE/compare/django-vs-flask|" \
  "results page|$BASE/results?size=large&kind=content&admin=yes&accounts=yes&deadline=tight|" \
  "POST /quiz (303)|$BASE/quiz|$WORK/post.lua"; do
  IFS='|' read -r name url script <<<"$target"
  IFS=$'\t' read -r RPS P99 SOCK NON < <(run_wrk "$DURATION" "$url" "$script")
  printf '%-34s %10s %10s  %-45s %s\n' "$name" "$RPS" "$P99" "$SOCK" "$NON"
done
PEAK=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
printf 'server peak RSS: %s MiB\n' "$(python3 -c "print(f'{$PEAK / 1024:.1f}')")"
