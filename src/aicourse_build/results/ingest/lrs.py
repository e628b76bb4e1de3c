"""A course's statements pulled from an LRS through the xAPI Statements API, incrementally.

Each page goes straight into facts (`ingest_statements`, keep=True); raw statements are never
written anywhere, and statements about other courses are left out before that. A pull is one
DuckDB transaction over the kept store, facts and the pull's watermark together: a pull that
fails leaves the store as it was, and the next one starts again from the same place.

Where a pull stopped is the newest `stored` seen. The next pull asks for `since` a little earlier
(`overlap`) and drops what was stored up to the watermark itself: an LRS that reads `since` as
the spec does sends a few statements twice; Ralph, which compares `since` with each statement's
`timestamp` (the learner's clock), still sends those that a learner's browser sent late.
What Ralph does differently is in tests/lrs/README.md.

Credentials never come from a course or a profile: results/ingest/lrs_credentials.py.
"""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.facts import Kind
from aicourse_build.results.ingest.lrs_credentials import Credentials, LrsError, credentials
from aicourse_build.results.ingest.lrs_http import Client, endpoint_of, instant
from aicourse_build.results.ingest.statements import ingest_statements
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.store import Store

if TYPE_CHECKING:
    from aicourse_build.results.run import Options

__all__ = [
    "Credentials",
    "LrsError",
    "PullResult",
    "course_iris",
    "credentials",
    "endpoint_of",
    "pull",
    "pull_source",
]

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
LIMIT = 500
RETRIES = 3  # after the first try, for a 5xx answer
OVERLAP = timedelta(days=1)
VOIDED_REASON = "statement voided in the LRS (its facts removed)"


@dataclass(frozen=True)
class PullResult:
    endpoint: str
    statements: int  # new statements of the course (and voiding ones), each counted once
    received: int  # statements the LRS sent, the overlap with the previous pull included
    others: int  # new statements about other courses, left out
    facts: int  # facts added to the store
    voided: int  # statements voided in the LRS whose facts were removed
    requests: int
    since: str | None  # where the next pull starts
    seconds: float


def course_iris(catalogue: Catalogue) -> list[str]:
    """The course activity IRIs of the catalogue's profiles."""
    return [iri for iri, element in catalogue.ids.items() if element.kind is Kind.COMPLETION]


def _activities(statement: dict[str, Any]) -> list[object]:
    """The activity ids a statement is about: its object and its context's activities."""
    found: list[object] = []
    target = statement.get("object")
    if isinstance(target, dict):
        found.append(target.get("id"))
    context = statement.get("context")
    lists = context.get("contextActivities") if isinstance(context, dict) else None
    for listed in lists.values() if isinstance(lists, dict) else ():
        for activity in listed if isinstance(listed, list) else [listed]:
            if isinstance(activity, dict):
                found.append(activity.get("id"))
    return found


@dataclass
class _Pull:
    client: Client
    store: Store
    catalogue: Catalogue
    pseudonyms: Pseudonyms
    watermark: datetime | None
    limit: int
    progress: Callable[[int], None] | None
    # the course IRIs when the statements are sorted here, not by the LRS's `activity` filter
    courses: set[str] | None
    newest: datetime | None = None
    received: int = 0
    new: int = 0
    others: int = 0

    def __post_init__(self) -> None:
        # one statement can answer two queries; a single query needs no memory of ids
        self.seen: set[str] | None = set() if self.courses is None else None
        self.voided: set[str] = set()

    def query(self, since: datetime | None, **filters: str) -> None:
        params = {**filters, "ascending": "true", "limit": str(self.limit)}
        if since is not None:
            params["since"] = since.isoformat().replace("+00:00", "Z")
        url = f"{self.client.endpoint}statements?{urlencode(params)}"
        asked: set[str] = set()
        while url:
            if url in asked:
                raise self.client.fail("the LRS gave the same next page twice")
            asked.add(url)
            statements, url = self.client.page(url)
            self.received += len(statements)
            self._take(statements)
            if self.progress is not None:
                self.progress(self.received)

    def _ours(self, statement: dict[str, Any]) -> bool:
        if self.courses is None:
            return True
        ids = self.catalogue.ids
        courses = self.courses
        return any(
            isinstance(a, str) and (a in courses or a in ids) for a in _activities(statement)
        )

    def _take(self, statements: list[dict[str, Any]]) -> None:
        fresh = []
        for statement in statements:
            stored = instant(statement.get("stored"))
            if stored and self.watermark and stored <= self.watermark:
                continue  # pulled before: the overlap
            if self.seen is not None:
                key = str(statement.get("id"))
                if key in self.seen:
                    continue
                self.seen.add(key)
            if stored and (self.newest is None or stored > self.newest):
                self.newest = stored
            verb = statement.get("verb")
            target = statement.get("object")
            if isinstance(verb, dict) and verb.get("id") == VOIDED:
                if isinstance(target, dict) and isinstance(target.get("id"), str):
                    self.voided.add(target["id"])  # whose it is shows when its facts go
                self.new += 1
            elif self._ours(statement):
                fresh.append(statement)
                self.new += 1
            else:
                self.others += 1
        if fresh:
            ingest_statements(self.store, self.catalogue, self.pseudonyms, fresh, keep=True)

    def since(self) -> datetime | None:
        """The watermark after this pull: the newest stored seen, but not past what the LRS
        says is complete."""
        newest = self.newest
        if newest and self.client.consistent and self.client.consistent < newest:
            newest = self.client.consistent
        if self.watermark and (newest is None or newest < self.watermark):
            return self.watermark
        return newest


def _unvoid(store: Store, table: str, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    removed = store.con.execute(
        f"DELETE FROM {table} WHERE key IN (SELECT unnest(?::VARCHAR[])) RETURNING key",
        [sorted(keys)],
    ).fetchall()
    return {str(row[0]) for row in removed}


def pull(
    endpoint: str,
    credentials: Credentials,
    store: Store,
    catalogue: Catalogue,
    pseudonyms: Pseudonyms,
    activity: str | None = None,
    progress: Callable[[int], None] | None = None,
    timeout: float = 30,
    *,
    lrs_filters: bool = False,
    overlap: timedelta = OVERLAP,
    limit: int = LIMIT,
    retries: int = RETRIES,
    backoff: float = 1.0,
) -> PullResult:
    """Pull what is new about the course (`activity`, or every course IRI of the catalogue) into
    the store's kept facts; raise LrsError, with the store unchanged, when anything fails.

    By default every new statement is fetched and those about the course are sorted out here;
    `lrs_filters` asks the LRS to do it (`activity`, `related_activities`), which spares the
    transfer of other courses' statements from an LRS that honours these filters. Ralph 5.1.0
    does not: its file backend matches no statement to an `activity` or `verb` filter, and its
    Elasticsearch, MongoDB and ClickHouse backends ignore `related_activities`, so a course's
    answers would be missing without a word (tests/lrs/README.md).
    """
    started = time.monotonic()
    base = endpoint_of(endpoint)
    previous = instant(store.since(base))
    iris = [activity] if activity else course_iris(catalogue)
    client = Client(base, credentials, timeout, retries, backoff)
    courses = None if lrs_filters else set(iris)
    state = _Pull(client, store, catalogue, pseudonyms, previous, limit, progress, courses)
    asked = previous - overlap if previous else None
    table = "kept.facts" if store.kept is not None else "run_facts"
    exclusions = copy.deepcopy(store.exclusions)
    before = store.count(table)
    # One transaction: the pages' facts, the voided ones removed and the watermark, or nothing.
    # DuckDB lets one transaction write to one attached database only (temp tables aside), so
    # everything in it is the kept file's; the run's own table follows after COMMIT.
    store.con.execute("BEGIN TRANSACTION")
    try:
        if lrs_filters:
            for iri in iris:
                state.query(asked, activity=iri, related_activities="true")
            # a voiding statement is about a statement, not the course: a query of its own
            state.query(asked, verb=VOIDED)
        else:
            state.query(asked)
        added = store.count(table) - before
        removed = _unvoid(store, table, state.voided)
        since = state.since()
        if since is not None:
            store.pulled(base, since.isoformat(), state.new)
        store.con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            store.con.execute("ROLLBACK")
        store.exclusions = exclusions
        raise
    if table != "run_facts":  # the same statements read from a file in this run
        removed |= _unvoid(store, "run_facts", state.voided)
    if removed:
        store.exclude(VOIDED_REASON, len(removed), sorted(removed)[0])
    return PullResult(
        endpoint=base,
        statements=state.new,
        received=state.received,
        others=state.others,
        facts=added,
        voided=len(removed),
        requests=client.requests,
        since=since.isoformat() if since else None,
        seconds=time.monotonic() - started,
    )


def pull_source(
    source: str,
    store: Store,
    catalogue: Catalogue,
    pseudonyms: Pseudonyms,
    course: Path,
    options: Options,
) -> PullResult:
    """`aicourse results` with an LRS as a source: credentials from the environment or a netrc
    file (never from `course`), the pull, and its failure as the run's SourceError."""
    from aicourse_build.results.run import SourceError

    try:
        endpoint = endpoint_of(source)
        found = credentials(endpoint, course, options.netrc)
        report = options.progress
        progress = (lambda n: report(endpoint, n)) if report is not None else None
        return pull(endpoint, found, store, catalogue, pseudonyms, progress=progress)
    except LrsError as exc:
        raise SourceError(str(exc)) from None
