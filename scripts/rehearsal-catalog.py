#!/usr/bin/env python3
"""Writes a "scale rehearsal" content directory: the shipped content plus copies of the
shipped frameworks under new slugs and names, until there are N frameworks in total.

    scripts/rehearsal-catalog.py OUT_DIR [--frameworks N] [--content DIR]

The copies cycle through django, flask, fastapi: djangob "Django B", flaskb "Flask B",
fastapib "FastAPI B", djangoc "Django C", ... Only the top-level `slug = ` and `name = ` lines
are edited (as text), so everything else in a copy, including its sources, stays
byte-identical to the original. With --distinct-taglines the `tagline = ` line also gets a
" (rehearsal copy B)" mark, for a validator that rejects repeated taglines (the current one
accepts them). OUT_DIR must not exist yet (or be empty) and must not
be inside the content directory.

Afterwards the script runs `$BIN --check --content OUT_DIR` (BIN defaults to
target/release/pychooser) and fails unless it prints "content OK: N frameworks"; --no-check
skips that.
"""
import argparse
import os
import re
import shutil
import string
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CYCLE = ["django", "flask", "fastapi"]


def suffix(n):
    """0 -> "b", 1 -> "c", ..., 24 -> "z", 25 -> "ba", ...: n + 1 in base 26 over a-z
    ("a" is the original), so the first copy reads "Django B"."""
    n += 1
    out = ""
    while n:
        out = string.ascii_lowercase[n % 26] + out
        n //= 26
    return out


TOP_KEY = re.compile(r'^(slug|name|tagline)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$')


def rewrite(text, slug, name, tag_suffix=None):
    """Rewrites the top-level slug and name lines (those before the first table header), and
    the tagline line if tag_suffix is given. Fails if any of them is missing."""
    lines = text.split("\n")
    seen = set()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("["):
            break  # first table header: the top level ends here
        m = TOP_KEY.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if key == "slug":
            lines[i] = f'slug = "{slug}"'
        elif key == "name":
            lines[i] = f'name = "{name}"'
        elif key == "tagline" and tag_suffix:
            if value.endswith("."):
                value = value[:-1] + f" ({tag_suffix})."
            else:
                value = value + f" ({tag_suffix})"
            lines[i] = f'tagline = "{value}"'
        seen.add(key)
    missing = {"slug", "name"} - seen
    if missing:
        raise SystemExit(f"top-level keys not found as single-line strings: {sorted(missing)}")
    return "\n".join(lines)


def top_value(text, key):
    for line in text.split("\n"):
        if line.lstrip().startswith("["):
            break
        m = TOP_KEY.match(line)
        if m and m.group(1) == key:
            return m.group(2)
    raise SystemExit(f"no top-level {key} found")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--frameworks", type=int, default=20, help="frameworks in total (default 20)")
    ap.add_argument("--distinct-taglines", action="store_true",
                    help="also mark each copy's tagline (rehearsal copy B, ...)")
    ap.add_argument("--no-check", action="store_true", help="do not run $BIN --check on the result")
    ap.add_argument("--content", default=os.path.join(ROOT, "content"), help="source content directory")
    args = ap.parse_args()

    content = os.path.realpath(args.content)
    out = os.path.realpath(args.out_dir)
    if out == content or out.startswith(content + os.sep):
        raise SystemExit(f"OUT_DIR must not be inside {content}")
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise SystemExit(f"{out} exists and is not an empty directory")

    shipped = {}
    for fn in sorted(os.listdir(os.path.join(content, "frameworks"))):
        if fn.endswith(".toml"):
            with open(os.path.join(content, "frameworks", fn), encoding="utf-8") as f:
                shipped[fn[:-5]] = f.read()
    for base in CYCLE:
        if base not in shipped:
            raise SystemExit(f"{content}/frameworks/{base}.toml is missing")
    if args.frameworks < len(shipped):
        raise SystemExit(f"--frameworks must be at least {len(shipped)} (the shipped ones)")

    if os.path.isdir(out):
        os.rmdir(out)
    shutil.copytree(content, out)

    slugs = set(shipped)
    names = {top_value(t, "name") for t in shipped.values()}
    copies = args.frameworks - len(shipped)
    for k in range(copies):
        base = CYCLE[k % len(CYCLE)]
        suf = suffix(k // len(CYCLE))
        slug = base + suf
        name = f"{top_value(shipped[base], 'name')} {suf.upper()}"
        if not re.fullmatch(r"[a-z0-9]+", slug) or slug in slugs or name in names:
            raise SystemExit(f"generated slug/name clash: {slug!r} / {name!r}")
        slugs.add(slug)
        names.add(name)
        tag = f"rehearsal copy {suf.upper()}" if args.distinct_taglines else None
        text = rewrite(shipped[base], slug, name, tag)
        with open(os.path.join(out, "frameworks", f"{slug}.toml"), "w", encoding="utf-8") as f:
            f.write(text)
        # Every framework has a lifecycle and a snippet for every task: the copy takes the
        # original's.
        shutil.copy(os.path.join(content, "lifecycle", f"{base}.toml"),
                    os.path.join(out, "lifecycle", f"{slug}.toml"))
        shutil.copytree(os.path.join(content, "snippets", base), os.path.join(out, "snippets", slug))
    print(f"wrote {out}: {len(slugs)} frameworks ({copies} copies)", file=sys.stderr)

    if args.no_check:
        return
    binary = os.environ.get("BIN") or os.path.join(ROOT, "target", "release", "pychooser")
    run = subprocess.run([binary, "--check", "--content", out], capture_output=True, text=True)
    report = (run.stdout + run.stderr).strip()
    print(f"{binary} --check: {report}", file=sys.stderr)
    if run.returncode != 0 or f"content OK: {len(slugs)} frameworks" not in report:
        raise SystemExit(f"the rehearsal catalog in {out} did not validate")


if __name__ == "__main__":
    main()
