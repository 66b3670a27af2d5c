"""The conformance suite's machinery: one pinned virtual environment per snippet, the snippet
served on a loopback port with its own `run` command, and its verification record.

Each snippet lives in `content/snippets/{framework}/{task}/` (see content/README.md):
`snippet.toml` (`file`, `run`, `sources`, or `unsupported`), `requirements.txt` (pinned) and
its code. The checks themselves are in `test_tasks.py`.

Environment:
  RECORD=1          write `verified.toml` (versions installed, Python, today's date) for every
                    snippet that passes; without it, a record that does not match what was
                    installed fails the snippet.
  CONFORMANCE_CACHE where the virtual environments are kept (default ~/.cache/pychooser-conformance).
"""

import datetime
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SNIPPETS = REPO / "content" / "snippets"
CACHE = Path(os.environ.get("CONFORMANCE_CACHE", Path.home() / ".cache" / "pychooser-conformance"))
RECORD = os.environ.get("RECORD") == "1"
# How long a snippet may take to start answering on its port.
START_TIMEOUT = 60.0
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9,._-]+\])?==([A-Za-z0-9.+!-]+)$")


@dataclass
class Snippet:
    framework: str
    task: str
    dir: Path
    meta: dict

    @property
    def id(self) -> str:
        return f"{self.framework}-{self.task}"

    def requirements(self) -> list[tuple[str, str]]:
        """The pinned requirements, as (name, version); any other line fails the snippet."""
        pins = []
        for line in (self.dir / "requirements.txt").read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = PIN.match(line)
            assert m, f"{self.dir}/requirements.txt: {line!r} is not pinned as name==version"
            pins.append((normalize(m.group(1)), m.group(3)))
        return pins


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def snippets() -> list[Snippet]:
    found = []
    for framework in sorted(p for p in SNIPPETS.iterdir() if p.is_dir()) if SNIPPETS.exists() else []:
        for task in sorted(p for p in framework.iterdir() if p.is_dir()):
            # A directory without a readable snippet.toml is a snippet that fails, not a
            # suite that cannot start (the content check names the problem too).
            try:
                meta = tomllib.loads((task / "snippet.toml").read_text())
            except (OSError, tomllib.TOMLDecodeError) as e:
                meta = {"broken": f"{task}/snippet.toml: {e}"}
            if "unsupported" in meta:
                continue
            found.append(Snippet(framework.name, task.name, task, meta))
    return found


def venv_for(snippet: Snippet) -> Path:
    """A virtual environment with exactly the snippet's requirements, shared by snippets with
    the same requirements and made once (a lock keeps parallel workers from racing)."""
    requirements = (snippet.dir / "requirements.txt").read_bytes()
    key = hashlib.sha256(requirements + sys.version.encode()).hexdigest()[:16]
    venv = CACHE / "venvs" / key
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            uv = shutil.which("uv")
            assert uv, "uv is missing (tests/conformance/requirements.txt installs it)"
            subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
            subprocess.run(
                [uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
                 "-r", str(snippet.dir / "requirements.txt")],
                check=True,
            )
            (venv / ".complete").write_text("")
    return venv


def installed_versions(venv: Path) -> dict[str, str]:
    out = subprocess.run(
        [shutil.which("uv"), "pip", "freeze", "--python", str(venv / "bin" / "python")],
        check=True, capture_output=True, text=True,
    ).stdout
    versions = {}
    for line in out.splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            versions[normalize(name)] = version.strip()
    return versions


def python_version(venv: Path) -> str:
    return subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import platform; print(platform.python_version())"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(venv: Path, port: int | None = None) -> dict[str, str]:
    # Served as a user would serve it: nothing of the suite's own environment (pytest tells
    # its tests apart by PYTEST_CURRENT_TEST, and Masonite then loads its testing settings).
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("PYTEST_")}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if port is not None:
        env["PORT"] = str(port)
    return env


class Served:
    """The snippet running from a fresh copy of its directory."""

    def __init__(self, snippet: Snippet, venv: Path):
        self.snippet = snippet
        self.workdir = Path(tempfile.mkdtemp(prefix=f"conformance-{snippet.id}-"))
        shutil.copytree(snippet.dir, self.workdir, dirs_exist_ok=True)
        self.port = free_port()
        self.log = open(self.workdir / ".server.log", "w+")
        self.process = subprocess.Popen(
            ["bash", "-c", snippet.meta["run"]],
            cwd=self.workdir, env=environment(venv, self.port),
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait()

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def _wait(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.snippet.id}: `{self.snippet.meta['run']}` exited with "
                            f"{self.process.returncode} before answering:\n{self.output()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail(f"{self.snippet.id}: nothing answered on port {self.port} within "
                    f"{START_TIMEOUT:.0f} s:\n{self.output()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def record(snippet: Snippet, venv: Path):
    """Writes the verification record (RECORD=1), or checks that the one in the repository
    names the versions installed now."""
    installed = installed_versions(venv)
    pins = snippet.requirements()
    versions = {name: installed[name] for name, _ in pins}
    for name, pinned in pins:
        assert installed[name] == pinned, f"{snippet.id}: {name} installed as {installed[name]}, pinned {pinned}"
    path = snippet.dir / "verified.toml"
    if RECORD:
        lines = [
            "# Written by the conformance suite (RECORD=1 pytest tests/conformance): the versions",
            "# this snippet passed its checks with, the Python it ran on, and the day.",
            f'date = "{datetime.date.today().isoformat()}"',
            f'python = "{python_version(venv)}"',
            "",
            "[versions]",
        ] + [f'{name} = "{version}"' for name, version in versions.items()]
        path.write_text("\n".join(lines) + "\n")
        return
    assert path.exists(), f"{snippet.id}: no verified.toml; run the suite with RECORD=1"
    recorded = tomllib.loads(path.read_text())
    assert recorded.get("versions") == versions, (
        f"{snippet.id}: verified.toml names {recorded.get('versions')}, installed {versions}; "
        "run the suite with RECORD=1 to record the new versions"
    )
