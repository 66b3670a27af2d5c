"""The same HTTP checks against every framework's snippet for each task (SPEC.md, "Tasks").

    pytest tests/conformance                     # every snippet
    pytest tests/conformance -k flask            # one framework
    pytest tests/conformance -k 'hello or crud'  # some tasks
    RECORD=1 pytest tests/conformance -k flask   # and write verified.toml for what passes
"""

import shutil
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from conftest import Served, environment, record, snippets, venv_for

ALL = snippets()
# The credentials every `auth` snippet accepts (SPEC: "a username and password from the snippet";
# the same pair everywhere keeps the check one check).
USERNAME, PASSWORD = "ada", "lovelace"


@pytest.mark.parametrize("snippet", ALL, ids=[s.id for s in ALL])
def test_snippet(snippet):
    assert "broken" not in snippet.meta, snippet.meta.get("broken")
    assert snippet.task in CHECKS, f"{snippet.dir}: no task {snippet.task!r} (tasks: {', '.join(CHECKS)})"
    check = CHECKS[snippet.task]
    venv = venv_for(snippet)
    if snippet.task == "testing":
        check(snippet, venv)
    else:
        served = Served(snippet, venv)
        try:
            with httpx.Client(base_url=served.base, timeout=10) as client:
                try:
                    check(client, served)
                except AssertionError as e:
                    raise AssertionError(f"{e}\n--- the snippet's output ---\n{served.output()}") from None
        finally:
            served.stop()
    record(snippet, venv)


def json_of(response: httpx.Response):
    assert response.headers.get("content-type", "").startswith("application/json"), (
        f"{response.request.method} {response.request.url.path}: content-type "
        f"{response.headers.get('content-type')!r}, not application/json"
    )
    return response.json()


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def hello(client, served):
    r = client.get("/")
    assert r.status_code == 200, f"GET / answered {r.status_code}"
    assert json_of(r) == {"message": "Hello, World!"}, r.text


def path_params(client, served):
    r = client.get("/items/42", params={"q": "text"})
    assert r.status_code == 200, f"GET /items/42?q=text answered {r.status_code}: {r.text}"
    body = json_of(r)
    assert body == {"id": 42, "q": "text"} and is_int(body["id"]), body
    r = client.get("/items/7")
    assert r.status_code == 200, f"GET /items/7 answered {r.status_code}: {r.text}"
    assert json_of(r) == {"id": 7, "q": None}, r.text
    r = client.get("/items/seven")
    assert 400 <= r.status_code < 500, f"GET /items/seven answered {r.status_code}, not 4xx"


def json_body(client, served):
    r = client.post("/items", json={"name": "Widget", "price": 9.5})
    assert r.status_code == 201, f"POST /items answered {r.status_code}: {r.text}"
    body = json_of(r)
    assert body.get("name") == "Widget" and body.get("price") == 9.5 and is_int(body.get("id")), body
    for bad, field in [
        ({"price": 1}, "name"),
        ({"name": "Widget"}, "price"),
        ({"name": "Widget", "price": -1}, "price"),
        ({"name": "Widget", "price": "cheap"}, "price"),
        ({"name": 12, "price": 1}, "name"),
    ]:
        r = client.post("/items", json=bad)
        assert r.status_code in (400, 422), f"POST /items {bad} answered {r.status_code}, not 400 or 422"
        assert field in r.text, f"POST /items {bad}: the answer does not name {field!r}: {r.text}"


def html_page(client, served):
    name = "Ada & <Bob>"
    r = client.get("/hello/" + urllib.parse.quote(name, safe=""))
    assert r.status_code == 200, f"GET /hello/... answered {r.status_code}: {r.text}"
    assert r.headers.get("content-type", "").startswith("text/html"), r.headers.get("content-type")
    assert "Ada &amp; &lt;Bob&gt;" in r.text, f"the name is not there HTML-escaped: {r.text}"
    assert "<Bob>" not in r.text, "the name is there unescaped"
    assert "<html" in r.text.lower() or "<!doctype" in r.text.lower(), "not a page from a template"


def crud(client, served):
    created = client.post("/todos", json={"title": "Write the tests"})
    assert created.status_code == 201, f"POST /todos answered {created.status_code}: {created.text}"
    todo = json_of(created)
    assert is_int(todo.get("id")) and todo.get("title") == "Write the tests" and todo.get("done") is False, todo
    other = json_of(client.post("/todos", json={"title": "Ship", "done": True}))
    assert other.get("done") is True, other
    listed = client.get("/todos")
    assert listed.status_code == 200, listed.text
    titles = [t["title"] for t in json_of(listed)]
    assert titles == ["Write the tests", "Ship"], f"GET /todos: {titles}"
    got = client.get(f"/todos/{todo['id']}")
    assert got.status_code == 200 and json_of(got) == todo, got.text
    updated = client.put(f"/todos/{todo['id']}", json={"title": "Write more tests", "done": True})
    assert updated.status_code == 200, f"PUT answered {updated.status_code}: {updated.text}"
    assert json_of(updated) == {"id": todo["id"], "title": "Write more tests", "done": True}, updated.text
    assert json_of(client.get(f"/todos/{todo['id']}"))["done"] is True
    deleted = client.delete(f"/todos/{todo['id']}")
    assert deleted.status_code in (200, 204), f"DELETE answered {deleted.status_code}"
    for method in ("GET", "PUT", "DELETE"):
        kwargs = {"json": {"title": "x", "done": False}} if method == "PUT" else {}
        r = client.request(method, f"/todos/{todo['id']}", **kwargs)
        assert r.status_code == 404, f"{method} of a deleted todo answered {r.status_code}"
    assert [t["title"] for t in json_of(client.get("/todos"))] == ["Ship"]
    bad = client.post("/todos", json={"done": True})
    assert bad.status_code in (400, 422), f"POST /todos without a title answered {bad.status_code}"


def auth(client, served):
    assert client.get("/me").status_code == 401, "GET /me without credentials is not 401"
    wrong = login(client, PASSWORD + "!")
    assert wrong.status_code in (400, 401, 403), f"a wrong password answered {wrong.status_code}"
    client.cookies.clear()
    ok = login(client, PASSWORD)
    assert ok.status_code == 200, f"POST /login answered {ok.status_code}: {ok.text}"
    headers = {}
    if not client.cookies:
        body = json_of(ok)
        token = body.get("access_token") or body.get("token")
        assert token, f"POST /login set no cookie and sent no token: {ok.text}"
        headers["Authorization"] = f"Bearer {token}"
    me = client.get("/me", headers=headers)
    assert me.status_code == 200, f"GET /me with credentials answered {me.status_code}: {me.text}"
    assert USERNAME in me.text, me.text
    client.cookies.clear()
    assert client.get("/me").status_code == 401, "GET /me after dropping the credentials is not 401"


def login(client, password):
    """JSON first; a snippet whose docs use a form (OAuth2's password flow) gets a form."""
    not_understood = (400, 415, 422)
    r = client.post("/login", json={"username": USERNAME, "password": password})
    if r.status_code in not_understood:
        form = client.post("/login", data={"username": USERNAME, "password": password})
        if form.status_code not in not_understood:
            r = form
    return r


def concurrency(client, served):
    client.get("/both")  # the first request may import or warm up
    times = []
    for _ in range(3):
        start = time.monotonic()
        r = client.get("/both")
        times.append(time.monotonic() - start)
        assert r.status_code == 200, f"GET /both answered {r.status_code}: {r.text}"
    best = min(times)
    assert 0.2 <= best < 0.35, f"GET /both took {best * 1000:.0f} ms at best (goal 200-350 ms)"


def websocket(client, served):
    with connect(f"ws://127.0.0.1:{served.port}/ws", open_timeout=10) as ws:
        for message in ["hello", "and again, with ünïcode"]:
            ws.send(message)
            assert ws.recv(timeout=10) == message


def own_test_client(snippet, venv):
    """The framework's own test client, run by the snippet's command; it must pass, and must
    fail when the app answers something else (so the test really tests `hello`)."""
    run = lambda cwd: subprocess.run(["bash", "-c", snippet.meta["run"]], cwd=cwd, env=environment(venv),
                                     capture_output=True, text=True, timeout=300)
    work = Path(tempfile.mkdtemp(prefix=f"conformance-{snippet.id}-"))
    try:
        shutil.copytree(snippet.dir, work, dirs_exist_ok=True)
        passed = run(work)
        assert passed.returncode == 0, f"`{snippet.meta['run']}` failed:\n{passed.stdout[-3000:]}{passed.stderr[-2000:]}"
        # The same test against an app that greets someone else must fail.
        changed = 0
        for path in work.rglob("*.py"):
            text = path.read_text()
            if "Hello, World!" in text and not path.name.startswith("test"):
                path.write_text(text.replace("Hello, World!", "Hello, Mars!"))
                changed += 1
        assert changed, "no app file says 'Hello, World!'"
        failed = run(work)
        assert failed.returncode != 0, "the test still passes when the app says 'Hello, Mars!'"
    finally:
        shutil.rmtree(work, ignore_errors=True)


CHECKS = {
    "hello": hello,
    "path_params": path_params,
    "json_body": json_body,
    "html_page": html_page,
    "crud": crud,
    "auth": auth,
    "concurrency": concurrency,
    "websocket": websocket,
    "testing": own_test_client,
}
