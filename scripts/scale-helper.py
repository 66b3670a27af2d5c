#!/usr/bin/env python3
"""Helpers for scripts/scale.sh (Python 3 stdlib only). Not meant to be run by hand, but can be:

    scale-helper.py startup  --bin BIN --content DIR --runs 5 --pids FILE --seed S
        Starts the server RUNS times on a free port; per start: the time from spawn to the
        first 200 on /healthz (polled every 5 ms), then, on that fresh server, the time of the
        first request of a never-requested 4-way comparison (a different one per start).
    scale-helper.py crawl    --base URL --content DIR --pid PID --seed S
        The crawl of figure b; exits 1 if any request did not get a 200.
    scale-helper.py flood-lua --content DIR --seed S --threads T > flood.lua
        The wrk script of figure d.
    scale-helper.py wrk-summary FILE
        requests/s and p99 out of a wrk --latency report.

Every request sends `Accept-Encoding: br, gzip` like a browser, except the discovery fetches
whose bodies are parsed for links (those ask for gzip only: brotli is not in the standard
library); every discovered URL is then fetched again, with br, in the crawl proper.
Redirects are never followed: a 301 is counted as what it is.
"""
import argparse
import collections
import gzip
import html
import http.client
import itertools
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BROWSER_ENCODING = "br, gzip"


def slugs_of(content):
    out = []
    d = os.path.join(content, "frameworks")
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".toml"):
            continue
        with open(os.path.join(d, fn), encoding="utf-8") as f:
            for line in f:
                m = re.match(r'^slug\s*=\s*"([a-z0-9]+)"\s*$', line)
                if m:
                    out.append(m.group(1))
                    break
                if line.lstrip().startswith("["):
                    raise SystemExit(f"no slug line in {fn}")
    return sorted(out)


def rss_kib(pid):
    got = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                got[k] = int(v.split()[0])
    return got


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


# --------------------------------------------------------------------------------------------
# HTTP: one keep-alive connection per thread, no redirects followed, no retries.

class Client:
    def __init__(self, host, port, timeout=30):
        self.host, self.port, self.timeout = host, port, timeout
        self.local = threading.local()

    def _conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.local.conn = c
        return c

    def get(self, path, encoding=BROWSER_ENCODING):
        """Returns (status or 'error: ...', headers dict, body bytes, seconds)."""
        started = time.perf_counter()
        conn = self._conn()
        try:
            conn.request("GET", path, headers={"Accept-Encoding": encoding, "User-Agent": "scale-rehearsal"})
            resp = conn.getresponse()
            body = resp.read()  # raises IncompleteRead on a short body
            headers = {k.lower(): v for k, v in resp.getheaders()}
            if resp.will_close:
                conn.close()
                self.local.conn = None
            return resp.status, headers, body, time.perf_counter() - started
        except Exception as e:  # reported, never retried
            conn.close()
            self.local.conn = None
            return f"error: {type(e).__name__}", {}, b"", time.perf_counter() - started


def decoded(headers, body):
    enc = headers.get("content-encoding", "")
    if enc == "gzip":
        return gzip.decompress(body)
    if enc in ("", "identity"):
        return body
    raise ValueError(f"cannot decode content-encoding {enc!r}")


# --------------------------------------------------------------------------------------------
# Start-up and first uncached comparison (figures a and c)

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cmd_startup(args):
    slugs = slugs_of(args.content)
    rng = random.Random(args.seed)
    combos = set()
    while len(combos) < args.runs:
        combos.add(tuple(sorted(rng.sample(slugs, 4))))
    combos = sorted(combos)
    rng.shuffle(combos)
    env = dict(os.environ, RUST_LOG=os.environ.get("SERVER_LOG", "warn"))
    startups, firsts, seconds = [], [], []
    for i, combo in enumerate(combos):
        port = free_port()
        log = open(os.path.join(args.workdir, f"startup-{i}.log"), "wb")
        spawned = time.perf_counter()
        proc = subprocess.Popen([args.bin, "--content", args.content, "--addr", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=log, env=env)
        with open(args.pids, "a") as f:
            f.write(f"{proc.pid}\n")
        try:
            ready = None
            while time.perf_counter() - spawned < args.timeout:
                if proc.poll() is not None:
                    raise SystemExit(f"the server exited with {proc.returncode} during start-up; log in startup-{i}.log")
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/healthz")
                    r = c.getresponse()
                    r.read()
                    c.close()
                    if r.status == 200:
                        ready = time.perf_counter()
                        break
                except OSError:
                    pass
                time.sleep(0.005)
            if ready is None:
                raise SystemExit(f"no 200 on /healthz within {args.timeout} s")
            startups.append(ready - spawned)
            path = "/compare/" + "-vs-".join(combo)
            client = Client("127.0.0.1", port)
            status, _, body, took = client.get(path)
            status2, _, _, took2 = client.get(path)
            if status != 200 or status2 != 200:
                print(f"  FAILED: {path} -> {status}, then {status2}")
            firsts.append(took)
            seconds.append(took2)
            print(f"  start {i + 1}: ready after {startups[-1] * 1000:.0f} ms; first GET {path}: "
                  f"{took * 1000:.1f} ms ({status}, {len(body)} B), second: {took2 * 1000:.2f} ms")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    print(f"(a) start-up, spawn to first 200 on /healthz, median of {len(startups)}: "
          f"{statistics.median(startups) * 1000:.0f} ms "
          f"(min {min(startups) * 1000:.0f}, max {max(startups) * 1000:.0f})")
    print(f"(c) first request of a never-requested 4-way comparison on a fresh server, median of {len(firsts)}: "
          f"{statistics.median(firsts) * 1000:.1f} ms "
          f"(min {min(firsts) * 1000:.1f}, max {max(firsts) * 1000:.1f}; the repeat request: median "
          f"{statistics.median(seconds) * 1000:.2f} ms)")


# --------------------------------------------------------------------------------------------
# The crawl (figure b)

HREF = re.compile(r"""\bhref\s*=\s*("([^"]*)"|'([^']*)')""", re.I)
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def same_site_paths(text, base):
    """Same-site links in an HTML or XML page, as paths with their query (fragments dropped)."""
    b = urllib.parse.urlsplit(base)
    found = []
    raw = [m.group(2) if m.group(2) is not None else m.group(3) for m in HREF.finditer(text)]
    raw += LOC.findall(text)
    for link in raw:
        link = html.unescape(link).strip()
        u = urllib.parse.urlsplit(urllib.parse.urljoin(base + "/", link))
        if u.scheme not in ("http", "https") or u.netloc != b.netloc:
            continue
        path = u.path or "/"
        found.append(path + ("?" + u.query if u.query else ""))
    return found


def run_pool(client, paths, workers):
    """Fetches every path once; returns a list of (path, status, headers, body_len, seconds)."""
    def one(p):
        status, headers, body, took = client.get(p)
        return p, status, headers, len(body), took
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, paths))


def report(label, results, wall):
    statuses = collections.Counter(r[1] for r in results)
    encodings = collections.Counter(r[2].get("content-encoding", "none") for r in results if r[1] == 200)
    total = sum(r[3] for r in results)
    lat = sorted(r[4] for r in results)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0
    bad = sum(n for s, n in statuses.items() if s != 200)
    print(f"  {label}: {len(results)} requests in {wall:.2f} s ({len(results) / wall:.0f}/s), "
          f"{total / 1e6:.1f} MB on the wire, p50 {statistics.median(lat) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms")
    print(f"    statuses: {dict(sorted(statuses.items(), key=str))}; non-200: {bad}; "
          f"content-encoding of the 200s: {dict(encodings)}")
    shown = 0
    for r in results:
        if r[1] != 200 and shown < 10:
            where = r[2].get("location", "")
            print(f"    FAILED {r[1]} {r[0]}" + (f" -> {where}" if where else ""))
            shown += 1
    return statuses


def cmd_crawl(args):
    base = args.base.rstrip("/")
    u = urllib.parse.urlsplit(base)
    client = Client(u.hostname, u.port)
    rng = random.Random(args.seed)
    slugs = slugs_of(args.content)
    all_statuses = collections.Counter()
    failures = 0

    # 1. Discovery: the seed pages, then one level of same-site links out of them.
    seeds = ["/", "/frameworks"] + [f"/frameworks/{s}" for s in slugs] + ["/sitemap.xml"]
    discovery = []

    def links_of(paths):
        out = []
        for p, status, headers, body, _ in [(p, *client.get(p, encoding="gzip")) for p in paths]:
            discovery.append((p, status, headers, len(body), 0.0))
            if status != 200:
                continue
            ctype = headers.get("content-type", "")
            if "html" in ctype or "xml" in ctype:
                out.extend(same_site_paths(decoded(headers, body).decode("utf-8", "replace"), base))
        return out

    started = time.perf_counter()
    level1 = [p for p in dict.fromkeys(links_of(seeds)) if p not in seeds]
    parseable = [p for p in level1 if not re.search(r"\.(css|svg|ico|png|js|woff2?)$", p.split("?")[0])]
    level2 = links_of(parseable)
    linked = list(dict.fromkeys(seeds + level1 + level2))
    print(f"  link discovery: {len(seeds)} seed pages, {len(level1)} new links in them, "
          f"{len(linked)} distinct linked URLs after following one level "
          f"({len(discovery)} discovery requests, gzip, in {time.perf_counter() - started:.2f} s)")
    kinds = collections.Counter(
        "/compare/…?diff=1" if p.startswith("/compare/") and "diff=1" in p else
        "/compare/…" if p.startswith("/compare/") else
        "/frameworks/…" if p.startswith("/frameworks/") else
        "/static/…" if p.startswith("/static/") else p.split("?")[0]
        for p in linked)
    print(f"    linked URLs by kind: {dict(kinds)}")
    dstat = collections.Counter(r[1] for r in discovery)
    if set(dstat) != {200}:
        print(f"    discovery statuses: {dict(dstat)}")
        for r in discovery:
            if r[1] != 200:
                print(f"    FAILED (discovery) {r[1]} {r[0]}")
        failures += sum(n for s, n in dstat.items() if s != 200)

    # 2. Every linked URL, as a browser asks for it.
    t = time.perf_counter()
    res = run_pool(client, linked, args.workers)
    all_statuses += report("linked pages", res, time.perf_counter() - t)

    # 3. Unlinked 3- and 4-way comparisons, canonical (alphabetical), HTML and API mixed.
    linked_set = set(linked)
    compares = []
    seen = set()
    while len(compares) < args.compares:
        combo = tuple(sorted(rng.sample(slugs, rng.choice((3, 4)))))
        if combo in seen:
            continue
        seen.add(combo)
        prefix = "/compare/" if len(compares) % 2 == 0 else "/api/compare/"
        path = prefix + "-vs-".join(combo)
        if path in linked_set:
            continue
        compares.append(path)
    t = time.perf_counter()
    res = run_pool(client, compares, args.workers)
    n3 = sum(1 for p in compares if p.count("-vs-") == 2)
    all_statuses += report(f"unlinked comparisons ({n3} 3-way, {len(compares) - n3} 4-way; "
                           f"{sum(1 for p in compares if p.startswith('/api/'))} of them /api/compare/)",
                           res, time.perf_counter() - t)

    # 4. Distinct results URLs: random answers, pairs in questionnaire order.
    st, headers, body, _ = client.get("/api/questionnaire", encoding="gzip")
    if st != 200:
        raise SystemExit(f"/api/questionnaire -> {st}")
    questions = [(q["id"], [o["id"] for o in q["options"]]) for q in json.loads(decoded(headers, body))]
    results = []
    seen = set()
    while len(results) < args.results:
        pairs = [(q, rng.choice(opts)) for q, opts in questions if rng.random() >= args.skip]
        if not pairs:
            continue
        query = "&".join(f"{q}={o}" for q, o in pairs)
        if query in seen:
            continue
        seen.add(query)
        results.append("/results?" + query)
    t = time.perf_counter()
    res = run_pool(client, results, args.workers)
    all_statuses += report(f"results pages ({len(questions)} questions, each answered with "
                           f"probability {1 - args.skip:g})", res, time.perf_counter() - t)

    fetched = sum(all_statuses.values())
    crawl_failures = sum(n for s, n in all_statuses.items() if s != 200)
    mem = rss_kib(args.pid)
    print(f"(b) crawl: {fetched} pages fetched ({args.workers} threads, Accept-Encoding: {BROWSER_ENCODING}); "
          f"statuses: {dict(sorted(all_statuses.items(), key=str))}; non-200 (failures): {crawl_failures}"
          + (f" (and {failures} in link discovery)" if failures else ""))
    failures += crawl_failures
    print(f"(b) server memory after the crawl: peak RSS (VmHWM) {mib(mem['VmHWM'])}, current RSS (VmRSS) {mib(mem['VmRSS'])}")
    sys.exit(1 if failures else 0)


# --------------------------------------------------------------------------------------------
# The flood's wrk script (figure d)

LUA = r"""
-- Generated by scripts/scale-helper.py flood-lua. Even global request numbers: a
-- non-canonical spelling of a compare URL (percent-encoded letter, wrong slug order, doubled
-- slashes, in turn); odd: a canonical unlinked 3-/4-way comparison (HTML or API, with or
-- without ?diff=1). Every URL is distinct until a list wraps (counted as `wrapped`).
local NTHREADS = @NTHREADS@
local canonical = { @CANONICAL@ }
local combos = { @COMBOS@ }
local headers = { ["Accept-Encoding"] = "br, gzip" }
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  k = 0
  statuses = {}
  wrapped = 0
end

local function split(s)
  local t = {}
  for part in string.gmatch(s, "[^-]+") do if part ~= "vs" then table.insert(t, part) end end
  return t
end

local function factorial(n) local f = 1; for i = 2, n do f = f * i end; return f end

-- permutation number p (0 = identity) of list t, in lexicographic order (Lehmer code)
local function permute(t, p)
  local pool, out = {}, {}
  for i = 1, #t do pool[i] = t[i] end
  for i = #t, 1, -1 do
    local f = factorial(i - 1)
    local idx = math.floor(p / f)
    p = p % f
    table.insert(out, table.remove(pool, idx + 1))
  end
  return out
end

local function noncanonical(j)
  local kind = j % 3
  local n = math.floor(j / 3)
  local combo = combos[(n % #combos) + 1]
  local v = math.floor(n / #combos)
  local sel = table.concat(split(combo), "-vs-")
  if kind == 0 then
    -- percent-encode one letter (position v/2 among the letters), HTML or API
    local prefix = (v % 2 == 0) and "/compare/" or "/api/compare/"
    local letters = {}
    for i = 1, #sel do if sel:sub(i, i):match("%a") then table.insert(letters, i) end end
    local w = math.floor(v / 2)
    if w >= #letters then wrapped = wrapped + 1 end
    local pos = letters[(w % #letters) + 1]
    local enc = string.format((w >= #letters) and "%%%02X" or "%%%02x", sel:byte(pos))
    return prefix .. sel:sub(1, pos - 1) .. enc .. sel:sub(pos + 1)
  elseif kind == 1 then
    -- a wrong order of the slugs: permutation 1 .. n!-1 (0 would be the canonical order)
    local t = split(combo)
    local wrong = factorial(#t) - 1
    local prefix = (math.floor(v / wrong) % 2 == 0) and "/compare/" or "/api/compare/"
    if v >= 2 * wrong then wrapped = wrapped + 1 end
    return prefix .. table.concat(permute(t, (v % wrong) + 1), "-vs-")
  else
    -- doubled slashes
    local forms = { "//compare//%s", "/compare//%s", "//compare/%s", "//api/compare//%s", "/api//compare/%s", "/api/compare//%s" }
    if v >= #forms then wrapped = wrapped + 1 end
    return string.format(forms[(v % #forms) + 1], sel)
  end
end

function request()
  local g = k * NTHREADS + tid
  k = k + 1
  local path
  if g % 2 == 1 then
    local i = math.floor(g / 2)
    if i >= #canonical * 4 then wrapped = wrapped + 1 end
    local c = canonical[(i % #canonical) + 1]
    local variant = math.floor(i / #canonical) % 4
    path = ((variant % 2 == 0) and "/compare/" or "/api/compare/") .. c .. ((variant >= 2) and "?diff=1" or "")
  else
    path = noncanonical(math.floor(g / 2))
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, all, wraps = 0, {}, 0
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do all[s] = (all[s] or 0) + n; total = total + n end
    wraps = wraps + t:get("wrapped")
  end
  local keys = {}
  for s in pairs(all) do table.insert(keys, s) end
  table.sort(keys)
  local parts = {}
  for _, s in ipairs(keys) do table.insert(parts, string.format("%d: %d", s, all[s])) end
  io.write(string.format("FLOOD-STATUSES total %d; %s\n", total, table.concat(parts, ", ")))
  io.write(string.format("FLOOD-WRAPPED %d\n", wraps))
  io.write(string.format("FLOOD-DISTINCT canonical %d, non-canonical combos %d\n", #canonical * 4, #combos))
end
"""


def cmd_flood_lua(args):
    slugs = slugs_of(args.content)
    rng = random.Random(args.seed)
    canonical = ["-vs-".join(c) for n in (3, 4) for c in itertools.combinations(slugs, n)]
    rng.shuffle(canonical)
    combos = ["-vs-".join(c) for n in (2, 3, 4) for c in itertools.combinations(slugs, n)]
    rng.shuffle(combos)
    q = lambda xs: ", ".join(f'"{x}"' for x in xs)
    sys.stdout.write(LUA.replace("@NTHREADS@", str(args.threads))
                     .replace("@CANONICAL@", q(canonical)).replace("@COMBOS@", q(combos)))


def cmd_wrk_summary(args):
    text = open(args.file).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    reqs = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    print(json.dumps({
        "rps": float(rps.group(1)) if rps else None,
        "p99": p99.group(1) if p99 else None,
        "requests": int(reqs.group(1)) if reqs else None,
        "socket_errors": "connect {} read {} write {} timeout {}".format(*sock.groups()) if sock else "none",
        "non_2xx_3xx": int(non.group(1)) if non else 0,
    }))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("startup")
    s.add_argument("--bin", required=True)
    s.add_argument("--content", required=True)
    s.add_argument("--workdir", required=True)
    s.add_argument("--pids", required=True, help="file to append spawned server pids to (for the caller's trap)")
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--timeout", type=float, default=120)
    s.set_defaults(fn=cmd_startup)
    c = sub.add_parser("crawl")
    c.add_argument("--base", required=True)
    c.add_argument("--content", required=True)
    c.add_argument("--pid", type=int, required=True)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--workers", type=int, default=8)
    c.add_argument("--compares", type=int, default=300)
    c.add_argument("--results", type=int, default=3000)
    c.add_argument("--skip", type=float, default=0.0, help="probability that a question is left unanswered")
    c.set_defaults(fn=cmd_crawl)
    f = sub.add_parser("flood-lua")
    f.add_argument("--content", required=True)
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--threads", type=int, required=True)
    f.set_defaults(fn=cmd_flood_lua)
    w = sub.add_parser("wrk-summary")
    w.add_argument("file")
    w.set_defaults(fn=cmd_wrk_summary)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run `finally` blocks on TERM
    args.fn(args)


if __name__ == "__main__":
    main()
