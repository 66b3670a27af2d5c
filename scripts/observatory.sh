#!/usr/bin/env bash
# Runs the MDN HTTP Observatory tests (npm @mdn/mdn-http-observatory) against the release
# binary on a loopback port, for every page type. Prints one line per page and test.
# Needs Node.js and npm (both on the machine); installs the package into target/.
set -euo pipefail
cd "$(dirname "$0")/.."

PKG_DIR=target/observatory
if [ ! -d "$PKG_DIR/node_modules/@mdn/mdn-http-observatory" ]; then
  mkdir -p "$PKG_DIR"
  # --ignore-scripts: its install step downloads CA bundles from the internet, which is
  # neither reachable here nor needed for plain-HTTP header tests.
  (cd "$PKG_DIR" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund @mdn/mdn-http-observatory@1 >/dev/null)
fi
# The skipped install step would also download the HSTS preload list; no loopback host is
# on it, so an empty list is the true answer here.
PRELOAD="$PKG_DIR/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
[ -f "$PRELOAD" ] || echo '{}' > "$PRELOAD"

cargo build --release --locked --quiet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUST_LOG=warn target/release/pychooser --addr "127.0.0.1:$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

node scripts/observatory.mjs "$PKG_DIR/node_modules/@mdn/mdn-http-observatory" 127.0.0.1 "$PORT" \
  / /frameworks /frameworks/django /compare /compare/django-vs-flask /quiz \
  "/results?size=large&admin=yes" /quiz/weights /api/frameworks
