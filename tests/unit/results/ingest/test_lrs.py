"""Pulling from an LRS, against a small xAPI stub on 127.0.0.1: paging through `more`, `since`,
voided statements, the errors, and a failed pull leaving the kept store as it was."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.ingest.lrs import VOIDED, VOIDED_REASON, PullResult, pull, pull_source
from aicourse_build.results.ingest.lrs_credentials import Credentials, LrsError
from aicourse_build.results.ingest.statements import read_statements_file
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

BASE = "https://www.vgregion.se/xapi/aicourse/introduktionsutbildning"
EXT = "https://www.vgregion.se/xapi/aicourse/extensions/"
VERB = "http://adlnet.gov/expapi/verbs/"
SECRET = "s3cret-pw-42"
GOOD = Credentials("Basic " + base64.b64encode(f"reader:{SECRET}".encode()).decode(), "test")


def statement(n: int, obj: str = f"{BASE}/pages/vad-ar-ai", verb: str = "experienced") -> Any:
    """One statement as the runtime sends it, `stored` n minutes after 10:00."""
    return {
        "id": f"20000000-0000-4000-8000-{n:012d}",
        "actor": {"name": "Greta Garbo", "mbox": f"mailto:greta{n}@example.org"},
        "verb": {"id": VERB + verb},
        "object": {"id": obj, "objectType": "Activity"},
        "context": {
            "registration": f"30000000-0000-4000-8000-{n:012d}",
            "contextActivities": {"grouping": [{"id": BASE, "objectType": "Activity"}]},
            "extensions": {f"{EXT}attempt": 1, f"{EXT}version": "1.0.0"},
        },
        "timestamp": f"2026-12-01T{10 + n // 60:02d}:{n % 60:02d}:00Z",
        "stored": f"2026-12-01T{10 + n // 60:02d}:{n % 60:02d}:00.000Z",
    }


def voiding(n: int, target: int, course: bool = False) -> Any:
    voider = statement(n, verb="voided")
    voider["object"] = {"objectType": "StatementRef", "id": statement(target)["id"]}
    if not course:
        del voider["context"]
    return voider


@dataclass
class Stub:
    """The statements resource after xAPI 1.0.3 (`since` on `stored`), and faults by request."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    faults: dict[int, Any] = field(default_factory=dict)  # request number (from 1) -> fault
    always: Any = None
    requests: list[dict[str, str]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    def matches(self, s: dict[str, Any], params: dict[str, str]) -> bool:
        if "verb" in params and s["verb"]["id"] != params["verb"]:
            return False
        if "activity" in params:
            lists = s.get("context", {}).get("contextActivities", {}).values()
            related = [a["id"] for activities in lists for a in activities]
            ids = [s["object"]["id"], *(related if params.get("related_activities") else [])]
            if params["activity"] not in ids:
                return False
        return "since" not in params or s["stored"] > params["since"].replace("Z", ".000Z")


class _Handler(http.server.BaseHTTPRequestHandler):
    stub: ClassVar[Stub]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client that gave up waiting is gone
            self.wfile.write(body)

    def do_GET(self) -> None:
        stub = self.stub
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        stub.requests.append(dict(params))
        stub.headers.append({k.lower(): v for k, v in self.headers.items()})
        fault = stub.faults.get(len(stub.requests), stub.always)
        if fault == "timeout":
            time.sleep(1)
        elif fault == "badjson":
            return self._send(200, b"<html>Welcome</html>")
        elif fault == "elsewhere":
            return self._send(
                200, json.dumps({"statements": [], "more": "http://x.test/s"}).encode()
            )
        elif fault == 302:
            return self._send(302, b"", {"Location": "https://lrs.test/xapi/statements"})
        elif isinstance(fault, int):
            return self._send(fault, b'{"error": "fault"}')
        if parts.path != "/xapi/statements":
            return self._send(404, b"not found")
        if self.headers.get("X-Experience-API-Version") != "1.0.3":
            return self._send(400, b'{"error": "version"}')
        if self.headers.get("Authorization") != GOOD.authorization:
            return self._send(401, b'{"error": "who are you"}')
        found = sorted(
            (s for s in stub.statements if stub.matches(s, params)), key=lambda s: s["stored"]
        )
        offset, limit = int(params.pop("offset", 0)), int(params["limit"])
        reply: dict[str, Any] = {"statements": found[offset : offset + limit], "more": ""}
        if offset + limit < len(found):
            reply["more"] = "/xapi/statements?" + urlencode({**params, "offset": offset + limit})
        self._send(200, json.dumps(reply).encode(), {"Content-Type": "application/json"})


@pytest.fixture
def stub() -> Iterator[Stub]:
    found = Stub()
    handler = type("Handler", (_Handler,), {"stub": found})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    found.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


def endpoint(stub: Stub) -> str:
    return f"http://127.0.0.1:{stub.port}/xapi/"


def run(stub: Stub, store: Store, catalogue: Catalogue, **options: Any) -> PullResult:
    options.setdefault("limit", 5)
    options.setdefault("backoff", 0.01)
    return pull(endpoint(stub), GOOD, store, catalogue, Pseudonyms(b"k"), **options)


def kept(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute("SELECT * FROM kept.facts ORDER BY key").fetchall()


def test_pages_are_followed_through_more_and_other_courses_left_out(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    stub.statements = [statement(n) for n in range(12)]
    for n in (3, 7):  # another course in the same LRS
        stub.statements[n]["object"]["id"] = "https://other.example.org/course/page"
        stub.statements[n]["context"]["contextActivities"]["grouping"][0]["id"] = "https://o.test"
    store = Store(tmp_path / "kept.duckdb")
    seen: list[int] = []
    done = run(stub, store, catalogue, progress=seen.append)
    assert (done.statements, done.received, done.others, done.facts) == (10, 12, 2, 10)
    assert done.requests == 3 and seen == [5, 10, 12]
    assert stub.requests[0] == {"ascending": "true", "limit": "5"}
    assert stub.requests[1]["offset"] == "5"  # `more`, a path on the LRS's origin
    assert all(h["x-experience-api-version"] == "1.0.3" for h in stub.headers)
    assert all(h["authorization"] == GOOD.authorization for h in stub.headers)
    assert store.since(done.endpoint) == done.since == "2026-12-01T10:11:00+00:00"
    assert not store.exclusions  # another course's statements are not this course's to count
    dump = json.dumps([list(map(str, row)) for row in kept(store)])
    for identity in ("Greta", "greta", "example.org"):
        assert identity not in dump


def test_the_lrs_can_be_asked_to_filter_by_the_course(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    stub.statements = [statement(n) for n in range(12)]
    store = Store(tmp_path / "kept.duckdb")
    seen: list[int] = []
    done = run(stub, store, catalogue, progress=seen.append, lrs_filters=True)
    assert (done.statements, done.received, done.facts, done.voided) == (12, 12, 12, 0)
    # one query per course IRI of the catalogue (two profiles), then the voided ones
    assert [p.get("activity", p.get("verb")) for p in stub.requests] == [
        "https://www.ai.se/xapi/courses/introduktionsutbildning",
        BASE,
        BASE,
        BASE,
        VOIDED,
    ]
    assert done.requests == 5 and seen == [0, 5, 10, 12, 12]
    assert stub.requests[1] == {
        "activity": BASE,
        "related_activities": "true",
        "ascending": "true",
        "limit": "5",
    }
    assert store.since(done.endpoint) == "2026-12-01T10:11:00+00:00"


def test_the_next_pull_asks_since_where_the_last_stopped(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    stub.statements = [statement(n) for n in range(12)]
    store = Store(tmp_path / "kept.duckdb")
    first = run(stub, store, catalogue)
    stub.statements += [statement(n) for n in (20, 21, 22)]
    stub.requests.clear()
    again = run(stub, store, catalogue)
    # a day's overlap is asked for (Ralph reads `since` on the learner's clock); what was stored
    # up to the last pull's newest statement is dropped, not counted twice
    assert stub.requests[0]["since"] == "2026-11-30T10:11:00Z"
    assert (again.statements, again.received, again.facts) == (3, 15, 3)
    assert again.since == "2026-12-01T10:22:00+00:00" != first.since
    stub.requests.clear()
    nothing = run(stub, store, catalogue, overlap=timedelta(0))
    assert stub.requests[0]["since"] == "2026-12-01T10:22:00Z"
    assert (nothing.statements, nothing.received, nothing.since) == (0, 0, again.since)
    pulls = store.con.execute("SELECT endpoint, statements FROM kept.pulls").fetchall()
    assert pulls == [(endpoint(stub), 15)]


@pytest.mark.parametrize("lrs_filters", [False, True])
def test_voided_statements_take_their_facts_away(
    tmp_path: Path, stub: Stub, catalogue: Catalogue, lrs_filters: bool
) -> None:
    stub.statements = [statement(n) for n in range(4)]
    store = Store(tmp_path / "kept.duckdb")
    keys = Pseudonyms(b"k")
    also_read = tmp_path / "export.json"  # statement 0 read from a file in the same run
    also_read.write_text(json.dumps([statement(0)]), encoding="utf-8")
    read_statements_file(store, catalogue, keys, also_read)
    run(stub, store, catalogue, lrs_filters=lrs_filters)
    assert store.count("run_facts") == 1 and store.count("kept.facts") == 3
    # one voiding statement with the course in its context, one without (with lrs_filters only
    # the verb query finds it); a voided statement of another course is none of ours
    stub.statements += [voiding(30, 0, course=True), voiding(31, 2), voiding(32, 99)]
    done = run(stub, store, catalogue, lrs_filters=lrs_filters)
    assert (done.statements, done.voided) == (3, 2)
    left = store.con.execute("SELECT key FROM facts ORDER BY key").fetchall()
    assert [k for (k,) in left] == [statement(1)["id"], statement(3)["id"]]
    assert store.exclusions[VOIDED_REASON].count == 2
    assert not [e for e in store.exclusions.values() if "not in this course" in e.reason]


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (401, "the LRS refused the credentials (test): HTTP 401"),
        (403, "the LRS refused the credentials (test): HTTP 403"),
        ("badjson", "GET statements answered b'<html>Welcome</html>', not a StatementResult"),
        ("elsewhere", "the next page is on another server (http://x.test/s): not followed"),
        (302, "the LRS redirects to https://lrs.test/xapi/statements: give that address"),
        (400, "the LRS refused the query (HTTP 400): fault"),
    ],
)
def test_errors_are_one_line_naming_the_endpoint(
    tmp_path: Path, stub: Stub, catalogue: Catalogue, fault: Any, expected: str
) -> None:
    stub.faults = {1: fault}
    with pytest.raises(LrsError) as raised:
        run(stub, Store(tmp_path / "kept.duckdb"), catalogue)
    message = str(raised.value)
    assert message.startswith(endpoint(stub) + ": ") and expected in message
    assert "\n" not in message and SECRET not in message
    assert raised.value.__context__ is None or raised.value.__suppress_context__


def test_wrong_credentials_and_a_wrong_address(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    store = Store(tmp_path / "kept.duckdb")
    wrong = Credentials("Basic d3Jvbmc6d3Jvbmc=", "AICOURSE_LRS_AUTHORIZATION")
    with pytest.raises(LrsError, match=r"refused the credentials \(AICOURSE_LRS_AUTH"):
        pull(endpoint(stub), wrong, store, catalogue, Pseudonyms())
    with pytest.raises(LrsError, match="HTTP 404 on GET statements: not an xAPI endpoint"):
        pull(f"http://127.0.0.1:{stub.port}/other", GOOD, store, catalogue, Pseudonyms())
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}/xapi/"
    with pytest.raises(LrsError, match=r"/xapi/: cannot connect \(.*refused"):
        pull(closed, GOOD, store, catalogue, Pseudonyms())
    with pytest.raises(LrsError) as raised:
        pull(f"https://reader:{SECRET}@lrs.test/xapi/", GOOD, store, catalogue, Pseudonyms())
    assert SECRET not in str(raised.value) and "carries credentials" in str(raised.value)


def test_a_server_error_is_tried_again_then_given_up(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    stub.statements = [statement(n) for n in range(3)]
    stub.faults = {1: 500, 2: 503}
    done = run(stub, Store(tmp_path / "a.duckdb"), catalogue)
    assert done.statements == 3 and done.requests == 2 + 1
    stub.faults, stub.always = {}, 500
    stub.requests.clear()
    with pytest.raises(LrsError, match=r"the LRS failed \(HTTP 500\) 4 times; try again later"):
        run(stub, Store(tmp_path / "b.duckdb"), catalogue)
    assert len(stub.requests) == 4


def test_no_answer_in_time(tmp_path: Path, stub: Stub, catalogue: Catalogue) -> None:
    stub.faults = {1: "timeout"}
    started = time.monotonic()
    with pytest.raises(LrsError, match=r"/xapi/: no answer within 0\.3 s$"):
        run(stub, Store(tmp_path / "kept.duckdb"), catalogue, timeout=0.3)
    assert time.monotonic() - started < 1.4


def test_a_pull_failing_on_page_3_leaves_the_kept_store_as_it_was(
    tmp_path: Path, stub: Stub, catalogue: Catalogue
) -> None:
    path = tmp_path / "kept.duckdb"
    stub.statements = [statement(n) for n in range(12)]
    store = Store(path)
    first = run(stub, store, catalogue)
    before, exclusions = kept(store), dict(store.exclusions)
    stub.statements += [statement(30, f"{BASE}/pages/not-any-more")]  # another version
    stub.statements += [statement(n) for n in range(31, 42)]
    stub.faults = {len(stub.requests) + 3: "badjson"}  # page 3 of the next pull
    with pytest.raises(LrsError, match="not a StatementResult"):
        run(stub, store, catalogue, overlap=timedelta(0))
    assert len(stub.requests) == 3 + 3
    assert kept(store) == before and store.since(first.endpoint) == first.since
    assert store.exclusions == exclusions  # the other version's statement, counted on page 1
    store.close()
    reopened = Store(path)  # and so is the file
    assert kept(reopened) == before and reopened.since(first.endpoint) == first.since
    done = run(stub, reopened, catalogue, overlap=timedelta(0))
    assert (done.statements, done.facts) == (12, 11)
    assert reopened.count("kept.facts") == 23
    assert reopened.since(first.endpoint) == "2026-12-01T10:41:00+00:00"


def test_a_run_pulls_with_credentials_from_the_environment(
    tmp_path: Path, stub: Stub, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_module = pytest.importorskip("aicourse_build.results.run")
    stub.statements = [statement(n) for n in range(3)]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AICOURSE_LRS_USERNAME", "reader")
    monkeypatch.setenv("AICOURSE_LRS_PASSWORD", SECRET)
    shown: list[tuple[str, int]] = []
    options = run_module.Options(progress=lambda source, n: shown.append((source, n)))
    store = Store(tmp_path / "kept.duckdb")
    source = endpoint(stub).rstrip("/")
    done = pull_source(source, store, catalogue, Pseudonyms(), tmp_path / "course", options)
    assert done.facts == 3 and shown == [(endpoint(stub), 3)]
    monkeypatch.setenv("AICOURSE_LRS_PASSWORD", "wrong")
    with pytest.raises(run_module.SourceError, match=r"refused the credentials \(AICOURSE_LRS_US"):
        pull_source(source, store, catalogue, Pseudonyms(), tmp_path / "course", options)
