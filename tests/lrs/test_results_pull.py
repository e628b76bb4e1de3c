"""`aicourse results` pulling from the real Ralph: statements shaped as the runtime sends them,
several learners, two pulls (the second fetches only what is new), facts complete, and nothing
of the learners' identities in the kept DuckDB file. Also what Ralph does differently from the
spec (README.md, "Ralph, as found"), and how fast a pull is."""

from __future__ import annotations

import json
import os
import secrets
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lrs_server import XAPI_VERSION, Credentials, Ralph, TestLrs

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.results.catalogue import Catalogue, catalogue_of
from aicourse_build.results.ingest.lrs import PullResult, pull
from aicourse_build.results.ingest.lrs_credentials import Credentials as Reader
from aicourse_build.results.ingest.lrs_credentials import credentials
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

COURSE = Path(__file__).resolve().parents[2] / "content" / "introduktionsutbildning"
BASE = "https://www.vgregion.se/xapi/aicourse/introduktionsutbildning"
EXT = "https://www.vgregion.se/xapi/aicourse/extensions/"
ADL = "http://adlnet.gov/expapi/"
QUIZ = f"{BASE}/quizzes/kunskapstest-fore"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_of(check_course_dir(COURSE, Report()))


class Learner:
    """One launch of the default course's xAPI package, as runtime/adapters/xapi.js sends it."""

    def __init__(self, n: int, run: str) -> None:
        self.name = f"Testperson{run}{n} Hemligsson"
        self.mbox = f"mailto:testperson.{run}.{n}@hemlig-region.example.org"
        self.account = f"anst-{run}-{n}"
        self.registration = str(uuid.uuid4())
        self.clock = datetime.now(UTC)

    def statement(
        self, verb: str, obj: str, result: dict[str, Any] | None = None, parent: str = ""
    ) -> dict[str, Any]:
        self.clock += timedelta(milliseconds=5)
        grouping = [{"id": BASE, "objectType": "Activity"}]
        context: dict[str, Any] = {
            "registration": self.registration,
            "contextActivities": {"grouping": grouping},
            "extensions": {f"{EXT}version": "1.0.0"},
        }
        if parent:
            context["contextActivities"]["parent"] = [{"id": parent, "objectType": "Activity"}]
            context["extensions"][f"{EXT}attempt"] = 1
        if obj == BASE:
            del context["contextActivities"]
        # a learner known by e-mail to one LMS, by an account to another
        actor: dict[str, Any] = {"objectType": "Agent", "name": self.name}
        if int(self.registration[0], 16) % 2:
            actor["mbox"] = self.mbox
        else:
            actor["account"] = {
                "homePage": "https://lms.hemlig-region.example.org",
                "name": self.account,
            }
        found: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "timestamp": self.clock.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "actor": actor,
            "verb": {"id": f"{ADL}verbs/{verb}", "display": {"en-US": verb}},
            "object": {"id": obj, "objectType": "Activity"},
            "context": context,
        }
        if result:
            found["result"] = result
        return found

    def answered(self, question: str, response: str) -> dict[str, Any]:
        return self.statement("answered", f"{QUIZ}/{question}", {"response": response}, QUIZ)

    def session(self, group: str = "lakare") -> list[dict[str, Any]]:
        """A whole session: 7 statements, 6 facts (initialized makes none)."""
        return [
            self.statement("initialized", BASE),
            self.statement("experienced", f"{BASE}/pages/vad-ar-ai", parent=BASE),
            self.statement("answered", f"{BASE}/groups/yrkesgrupp", {"response": group}, BASE),
            self.answered("patient-data", "d[,]a[,]b"),
            self.answered("language-model", "true"),
            self.statement("completed", BASE, {"completion": True}),
            self.statement("terminated", BASE, {"duration": "PT5M"}),
        ]


def post(lrs: TestLrs, statements: list[dict[str, Any]]) -> None:
    status, body, _ = lrs.call("POST", "statements", body=statements, auth=lrs.launch)
    assert status == 200, (status, body[:300])


def our_facts(store: Store, learners: list[Learner]) -> list[tuple[Any, ...]]:
    keys = [f"r:{learner.registration}" for learner in learners]
    return store.con.execute(
        "SELECT learner, kind, element, value, number, correct FROM facts "
        "WHERE learner IN (SELECT unnest(?::VARCHAR[])) ORDER BY learner, kind, element",
        [keys],
    ).fetchall()


def expected(learner: Learner, group: str = "lakare") -> list[tuple[Any, ...]]:
    key = f"r:{learner.registration}"
    return [
        (key, "answer", "language-model", "true", None, False),
        (key, "answer", "patient-data", "a,b,d", None, True),
        (key, "completion", "introduktionsutbildning", "completed", None, None),
        (key, "group", "yrkesgrupp", group, None, None),
        (key, "page", "vad-ar-ai", None, None, None),
        (key, "time", "introduktionsutbildning", None, 300.0, None),
    ]


@pytest.fixture
def reader(lrs: TestLrs, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The LRS credentials as `aicourse results` gets them: from the environment."""
    monkeypatch.setenv("AICOURSE_LRS_USERNAME", lrs.lms.user)
    monkeypatch.setenv("AICOURSE_LRS_PASSWORD", lrs.lms.password)
    yield


def run_pull(lrs: TestLrs, store: Store, catalogue: Catalogue, **options: Any) -> PullResult:
    found = credentials(lrs.endpoint, COURSE)
    return pull(lrs.endpoint, found, store, catalogue, Pseudonyms(), limit=20, **options)


def test_two_pulls_from_ralph_fetch_what_is_new_and_no_identity(
    lrs: TestLrs, reader: None, catalogue: Catalogue, tmp_path: Path
) -> None:
    run = secrets.token_hex(3)
    first = [Learner(n, run) for n in range(3)]
    post(lrs, [s for learner in first for s in learner.session()])
    path = tmp_path / "results.duckdb"
    store = Store(path)
    one = run_pull(lrs, store, catalogue)
    assert one.statements >= 21 and one.requests >= 2  # what earlier tests posted comes too
    assert our_facts(store, first) == sorted(f for le in first for f in expected(le))

    later = [Learner(n, run) for n in range(3, 5)]
    more = [s for learner in later for s in learner.session("sjukskoterskor")]
    more.append(first[0].answered("model", "b"))
    post(lrs, more)
    lrs.reset()
    two = run_pull(lrs, store, catalogue)
    assert two.statements == 15 and two.facts == 13 and two.others == 0
    asked = [r.params for r in lrs.requests("statements", "GET")]
    assert asked[0]["since"] < (one.since or "")  # the overlap (README.md)
    everyone = first + later
    facts = our_facts(store, everyone)
    key = f"r:{first[0].registration}"
    assert (key, "answer", "model", "b", None, True) in facts
    assert len(facts) == 5 * 6 + 1
    for learner in later:
        assert set(expected(learner, "sjukskoterskor")) <= set(facts)
    assert store.since(lrs.endpoint) == two.since

    store.close()
    stored = path.read_bytes()
    dump = Store(path)
    text = json.dumps(
        [
            *dump.con.execute("SELECT * FROM kept.facts").fetchall(),
            *dump.con.execute("SELECT * FROM kept.pulls").fetchall(),
        ],
        default=str,
    )
    dump.close()
    for learner in everyone:
        for identity in (learner.name, learner.mbox, learner.account, "hemlig", "Testperson"):
            assert identity not in text and identity.encode() not in stored


def test_ralph_reads_since_on_the_timestamp_so_a_late_statement_needs_the_overlap(
    lrs: TestLrs, reader: None, catalogue: Catalogue, tmp_path: Path
) -> None:
    learner = Learner(0, secrets.token_hex(3))
    post(lrs, learner.session())
    store = Store(tmp_path / "results.duckdb")
    run_pull(lrs, store, catalogue)
    # sent now from a browser's queue, done two hours ago (or a learner's clock behind)
    learner.clock -= timedelta(hours=2)
    post(lrs, [learner.answered("model", "b")])
    exact = run_pull(lrs, store, catalogue, overlap=timedelta(0))
    assert exact.statements == 0  # Ralph compared `since` with the timestamp: missed
    caught = run_pull(lrs, store, catalogue)
    assert (caught.statements, caught.facts) == (1, 1)
    assert len(our_facts(store, [learner])) == 7


def test_ralph_filters_by_activity_or_verb_match_nothing(lrs: TestLrs) -> None:
    """Why a pull sorts the statements itself by default (README.md, "Ralph, as found")."""
    learner = Learner(0, secrets.token_hex(3))
    post(lrs, learner.session())
    for params in (
        {"activity": BASE, "related_activities": "true"},
        {"activity": f"{BASE}/pages/vad-ar-ai"},
        {"verb": f"{ADL}verbs/answered"},
    ):
        status, body, _ = lrs.call("GET", "statements", params)
        assert status == 200 and json.loads(body)["statements"] == [], params
    mine = lrs.statements(registration=learner.registration)
    assert len(mine) == 7
    # `more` when a page is full, even when nothing follows; `pit_id=None` spelt out
    status, body, _ = lrs.call(
        "GET", "statements", {"registration": learner.registration, "limit": "7"}
    )
    page = json.loads(body)
    assert len(page["statements"]) == 7 and "pit_id=None" in page["more"]
    assert page["more"].startswith("/xAPI/statements?")
    status, body, _ = lrs.call("GET", page["more"])
    assert json.loads(body) == {"statements": []}


@pytest.mark.slow
def test_pull_speed(tmp_path: Path, catalogue: Catalogue) -> None:
    """Statements per second pulled straight from a Ralph of its own (the shared one stays
    small: its file backend reads the whole file for every request)."""
    count = int(os.environ.get("AICOURSE_PULL_BENCH", "2000"))
    user = Credentials("bench", secrets.token_urlsafe(12))
    ralph = Ralph(tmp_path / "ralph", [user])
    ralph.start()
    try:
        learners = [Learner(n, "bench") for n in range(count // 7 + 1)]
        statements = [s for learner in learners for s in learner.session()][:count]
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
        for start in range(0, count, 1000):
            body = json.dumps(statements[start : start + 1000]).encode()
            status, reply, _ = ralph.request("POST", "/xAPI/statements", body, headers, user)
            assert status == 200, reply[:300]
        store = Store(tmp_path / "results.duckdb")
        endpoint = f"{ralph.origin}/xAPI/"
        started = time.monotonic()
        done = pull(endpoint, Reader(user.basic, "bench"), store, catalogue, Pseudonyms())
        seconds = time.monotonic() - started
        assert done.statements == count
        assert store.count("kept.facts") == done.facts > count * 0.8
        print(f"\npulled {count} statements from Ralph in {seconds:.1f} s: {count / seconds:.0f}/s")
    finally:
        ralph.stop()
