#!/usr/bin/env bash
# Lighthouse (npm `lighthouse` 12, the line that runs on Node 20) with Debian's Chromium:
# prints the four category scores for the home page, a 2-way and a 4-way comparison and a results page, with the
# mobile and desktop presets. Installs lighthouse into target/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "Chromium is missing: apt-get install chromium" >&2; exit 1; }
LH_DIR=target/lighthouse
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH_DIR"
  (cd "$LH_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund lighthouse@12.8.2 >/dev/null)
fi

cargo build --release --locked --quiet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn target/release/pychooser --addr "127.0.0.1:$PORT" &
SERVER=$!
OUT=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$OUT"' EXIT
for _ in $(seq 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

# The results page under the latest scoring model, the one new links carry.
M=$(curl -sf "$BASE/api/results" | python3 -c 'import json, sys; print(json.load(sys.stdin)["latest_model"])')
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
printf '%-14s %-8s %12s %14s %15s %5s\n' page preset performance accessibility best-practices seo
for entry in "home|/" "compare|/compare/django-vs-flask" "compare-4|/compare/django-vs-fastapi-vs-flask-vs-litestar" "results|/results?size=large&kind=content&admin=yes&accounts=yes&m=$M" "tasks|/tasks" "task|/tasks/crud" "task-side-by-side|/tasks/crud?fw=django&fw=flask" "framework|/frameworks/django"; do
  IFS='|' read -r name path <<<"$entry"
  for preset in mobile desktop; do
    args=()
    [ "$preset" = desktop ] && args+=(--preset=desktop)
    # Lighthouse now and then fails to record a trace (NO_NAVSTART); such a run is retried.
    for attempt in 1 2 3; do
      if CHROME_PATH="$CHROMIUM" "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$path" "${args[@]}" \
        --chrome-flags="$FLAGS --user-data-dir=$OUT/profile-$name-$preset-$attempt" \
        --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$OUT/$name-$preset.json" --quiet; then
        break
      fi
      [ "$attempt" = 3 ] && { echo "lighthouse failed three times on $path ($preset)" >&2; exit 1; }
      echo "    (lighthouse run $attempt failed; retrying)"
    done
    python3 - "$OUT/$name-$preset.json" "$name" "$preset" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c = report["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
print(f"{sys.argv[2]:<14} {sys.argv[3]:<8} {score('performance'):>12} {score('accessibility'):>14} {score('best-practices'):>15} {score('seo'):>5}")
for key in ("performance", "accessibility", "best-practices", "seo"):
    for ref in c[key]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            print(f"    {key}: {ref['id']} scored {audit['score']}: {audit['title']}")
PY
  done
done
