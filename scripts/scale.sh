#!/usr/bin/env bash
# Scale rehearsal: the site with many frameworks (copies of the shipped ones, written by
# scripts/rehearsal-catalog.py into a temporary directory). Prints, each labelled:
#   (a) start-up: spawn to the first 200 on /healthz (polled every 5 ms), median of 5 starts;
#   (b) a crawl with one server process: every linked page (links collected from /,
#       /frameworks, every /frameworks/{slug} and /sitemap.xml, followed one level), 300
#       distinct unlinked 3-/4-way comparisons and 3,000 distinct results URLs, 8 threads,
#       Accept-Encoding: br, gzip; pages fetched, statuses (any non-200 is a failure), and the
#       server's peak and current RSS afterwards;
#   (c) the first request of a never-requested 4-way comparison on a fresh server, median of 5;
#   (d) a 10 s flood of distinct compare URLs (non-canonical spellings alternating with
#       unlinked 3-/4-way comparisons) at 48 connections, with GET / at 1 connection beside
#       it: p99 of GET /, the flood's requests/s and statuses, the server's peak RSS.
#
#   scripts/scale.sh
#   BIN=/tmp/pychooser-old FRAMEWORKS=40 scripts/scale.sh
#
# Environment: BIN (default target/release/pychooser; this script never builds), FRAMEWORKS
# (20), SEED (1), STARTS (5), FLOOD_SECONDS (10), FLOOD_CONNECTIONS (48), FLOOD_THREADS (2),
# WORKERS (crawl threads, 8), SERVER_LOG (RUST_LOG for the server; default warn plus the
# pychooser target at info, for the `listening on` line). Exit status 1 if the crawl saw a
# non-200. Needs python3 and wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/pychooser}
FRAMEWORKS=${FRAMEWORKS:-20}
SEED=${SEED:-1}
STARTS=${STARTS:-5}
FLOOD_SECONDS=${FLOOD_SECONDS:-10}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-48}
FLOOD_THREADS=${FLOOD_THREADS:-2}
WORKERS=${WORKERS:-8}
export SERVER_LOG=${SERVER_LOG:-warn,pychooser=info}
HELPER=scripts/scale-helper.py

[ -x "$BIN" ] || { echo "no executable at BIN=$BIN" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
BIN=$(realpath "$BIN")
export BIN  # rehearsal-catalog.py validates with it

WORK=$(mktemp -d -t pychooser-scale.XXXXXX)
: > "$WORK/pids"
cleanup() {
  local pid
  # servers (ours and the helper's) and any wrk still running, by their recorded ids
  while read -r pid; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done < "$WORK/pids"
  sleep 0.2
  while read -r pid; do
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done < "$WORK/pids"
  exec >&- 2>&- </dev/null  # let tee see the end of its input before its file goes
  [ -n "${TEE:-}" ] && wait "$TEE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ulimit -n 65536 2>/dev/null || true

# Runs a command in the background and waits for it, so that a TERM or INT reaches the trap
# at once instead of after the command (bash defers traps while a foreground child runs).
run() {
  "$@" &
  local pid=$!
  echo "$pid" >> "$WORK/pids"
  wait "$pid"
}

# Starts a server on port 0; sets SERVER (pid) and BASE from its `listening on` line.
start_server() {
  local log=$1
  RUST_LOG=$SERVER_LOG "$BIN" --content "$WORK/content" --addr 127.0.0.1:0 2>"$log" &
  SERVER=$!
  echo "$SERVER" >> "$WORK/pids"
  BASE=
  for _ in $(seq 24000); do  # up to 120 s
    BASE=$(grep -o -m1 'listening on http://127\.0\.0\.1:[0-9]*' "$log" | sed 's/^listening on //') || true
    [ -n "$BASE" ] && break
    kill -0 "$SERVER" 2>/dev/null || { echo "the server exited during start-up:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.005
  done
  [ -n "$BASE" ] || { echo "no 'listening on' line within 120 s:" >&2; cat "$log" >&2; exit 1; }
  curl -sf "$BASE/healthz" >/dev/null || { echo "$BASE/healthz is not 200" >&2; exit 1; }
}

stop_server() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}

peak_rss() { awk '/VmHWM/ {printf "%.1f MiB", $2 / 1024}' "/proc/$1/status"; }
current_rss() { awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$1/status"; }

# Everything printed also goes to a file, for the summary at the end.
exec > >(tee "$WORK/output") 2>&1
TEE=$!

# Other work on the machine skews every figure: the load average is printed at both ends.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "scale rehearsal: BIN=$BIN, $FRAMEWORKS frameworks, seed $SEED, $(nproc) cores, load average $(loadavg)"
python3 scripts/rehearsal-catalog.py "$WORK/content" --frameworks "$FRAMEWORKS" 2>&1 | sed 's/^/  /'

echo
echo "== (a) start-up and (c) first uncached 4-way comparison: $STARTS fresh servers"
run python3 "$HELPER" startup --bin "$BIN" --content "$WORK/content" --workdir "$WORK" \
  --pids "$WORK/pids" --runs "$STARTS" --seed "$SEED"

echo
echo "== (b) crawl, one server process"
start_server "$WORK/crawl.log"
CRAWL_STATUS=0
run python3 "$HELPER" crawl --base "$BASE" --content "$WORK/content" --pid "$SERVER" \
  --seed "$SEED" --workers "$WORKERS" || CRAWL_STATUS=$?
[ "$CRAWL_STATUS" -le 1 ] || exit "$CRAWL_STATUS"
kill -0 "$SERVER" 2>/dev/null || { echo "the server died during the crawl:" >&2; tail -20 "$WORK/crawl.log" >&2; exit 1; }
grep -E ' (WARN|ERROR) ' "$WORK/crawl.log" | head -5 | sed 's/^/  server log: /' || true
stop_server

echo
echo "== (d) flood: $FLOOD_SECONDS s, $FLOOD_CONNECTIONS connections of distinct compare URLs; GET / beside it at 1 connection"
python3 "$HELPER" flood-lua --content "$WORK/content" --seed "$SEED" --threads "$FLOOD_THREADS" > "$WORK/flood.lua"
start_server "$WORK/flood.log"
IDLE_PEAK=$(peak_rss "$SERVER")
wrk -t"$FLOOD_THREADS" -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" --timeout 10s --latency -s "$WORK/flood.lua" \
  "$BASE" > "$WORK/flood.out" 2>&1 &
FLOOD=$!
echo "$FLOOD" >> "$WORK/pids"
wrk -t1 -c1 -d"${FLOOD_SECONDS}s" --timeout 10s --latency -H 'Accept-Encoding: br, gzip' \
  "$BASE/" > "$WORK/home.out" 2>&1 &
HOME_WRK=$!
echo "$HOME_WRK" >> "$WORK/pids"
wait "$FLOOD" || { s=$?; [ "$s" -gt 128 ] && exit "$s"; echo "  wrk (flood) exited with $s"; }
wait "$HOME_WRK" || { s=$?; [ "$s" -gt 128 ] && exit "$s"; echo "  wrk (GET /) exited with $s"; }
kill -0 "$SERVER" 2>/dev/null || { echo "the server died during the flood:" >&2; tail -20 "$WORK/flood.log" >&2; exit 1; }
FLOOD_PEAK=$(peak_rss "$SERVER")
FLOOD_RSS=$(current_rss "$SERVER")
python3 - "$HELPER" "$WORK/flood.out" "$WORK/home.out" <<'PY'
import json, re, subprocess, sys
helper, flood, home = sys.argv[1:]
summ = lambda f: json.loads(subprocess.check_output([sys.executable, helper, "wrk-summary", f]))
fl, ho = summ(flood), summ(home)
text = open(flood).read()
statuses = re.search(r"^FLOOD-STATUSES (.*)$", text, re.M)
wrapped = re.search(r"^FLOOD-WRAPPED (\d+)", text, re.M)
distinct = re.search(r"^FLOOD-DISTINCT (.*)$", text, re.M)
print(f"(d) GET / beside the flood, 1 connection: p99 {ho['p99']} ({ho['requests']} requests, "
      f"{ho['rps']:.0f}/s; socket errors: {ho['socket_errors']}; non-2xx/3xx: {ho['non_2xx_3xx']})")
print(f"(d) flood: {fl['rps']:.0f} requests/s ({fl['requests']} requests, p99 {fl['p99']}); "
      f"socket errors: {fl['socket_errors']}")
print(f"(d) flood statuses: {statuses.group(1) if statuses else '?'}")
print(f"    URLs: {distinct.group(1) if distinct else '?'} available; requests beyond a list's end "
      f"(repeats or near-repeats): {wrapped.group(1) if wrapped else '?'}")
if not statuses:
    print(open(flood).read())
PY
grep -E ' (WARN|ERROR) ' "$WORK/flood.log" | head -5 | sed 's/^/  server log: /' || true
echo "(d) server memory after the flood: peak RSS (VmHWM) $FLOOD_PEAK (at start-up: $IDLE_PEAK), current RSS (VmRSS) $FLOOD_RSS"
stop_server

echo
echo "== summary (load average now: $(loadavg))"
grep -E '^\([a-d]\) ' "$WORK/output" | sort -s -k1,1
[ "$CRAWL_STATUS" -eq 0 ] || echo "THE CRAWL SAW FAILURES (non-200 responses or errors): see (b) above"
exit "$CRAWL_STATUS"
