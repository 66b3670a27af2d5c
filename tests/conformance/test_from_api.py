"""What a reader gets: every `hello` snippet as the site serves it (`/api/tasks/hello`),
written into an empty directory with a fresh virtual environment holding its requirements,
started with its `run` command, answers {"message": "Hello, World!"}.

The site is the release binary (`cargo build --release` first; SITE_BINARY overrides it).
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx
import pytest

from conftest import REPO, Served, Snippet, free_port

BINARY = Path(os.environ.get("SITE_BINARY", REPO / "target" / "release" / "pychooser"))


@pytest.fixture(scope="module")
def hello_json():
    assert BINARY.exists(), f"{BINARY} is missing: run cargo build --release first"
    port = free_port()
    site = subprocess.Popen([str(BINARY), "--addr", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/tasks/hello") as r:
                    yield json.load(r)
                    return
            except OSError:
                assert time.monotonic() < deadline, "the site did not answer"
                time.sleep(0.1)
    finally:
        site.terminate()
        site.wait()


def test_every_hello_snippet_from_the_json_twin_runs_in_a_fresh_environment(hello_json):
    frameworks = {slug: entry for slug, entry in hello_json["frameworks"].items() if "unsupported" not in entry}
    assert len(frameworks) >= 10
    uv = shutil.which("uv")
    failures = []
    for slug, entry in frameworks.items():
        work = Path(tempfile.mkdtemp(prefix=f"from-api-{slug}-"))
        try:
            code_dir = work / "snippet"
            for file in entry["files"]:
                path = code_dir / file["path"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(file["code"])
            (code_dir / "requirements.txt").write_text(entry["requirements"])
            venv = work / "venv"
            subprocess.run([uv, "venv", "--quiet", str(venv)], check=True)
            subprocess.run([uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
                            "-r", str(code_dir / "requirements.txt")], check=True)
            served = Served(Snippet(slug, "hello", code_dir, {"run": entry["run"]}), venv)
            try:
                r = httpx.get(f"{served.base}/", timeout=10)
                if r.status_code != 200 or r.json() != {"message": "Hello, World!"}:
                    failures.append(f"{slug}: {r.status_code} {r.text[:200]}")
            finally:
                served.stop()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    assert not failures, "\n".join(failures)
