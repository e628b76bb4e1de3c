"""`make bench`: pulling from Ralph, in statements per second (results/ingest/lrs.py).

Ralph (ralph-malph 5.1.0, the LRS of tests/lrs, in a virtualenv of its own: `.venv/lrs`) runs on
127.0.0.1 with its file backend. 10,000 statements of the pilot cohort (bench/cohort.py, their
timestamps moved to the last hour: Ralph reads `since` on them) are posted, then pulled 500 a page
into an empty kept store; then 1,000 more are posted and pulled into the same store, as a daily
run would: from a day before where the first pull stopped, so the first 10,000 come again and are
dropped as already pulled (docs/results.md, "Incremental pulls").
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "content" / "introduktionsutbildning"
sys.path.insert(0, str(REPO / "tests" / "lrs"))

from lrs_server import RALPH, SETUP_HINT, XAPI_VERSION, Credentials, Ralph  # noqa: E402

FIRST = 10_000  # into an empty store
MORE = 1_000  # then, incrementally
LIMIT = 500  # statements a page, as `aicourse results` asks
POST = 1_000  # statements a POST while filling Ralph (not timed)


def statements(source: Path, count: int) -> list[dict[str, Any]]:
    """The first `count` statements of a cohort file, stamped a few ms apart in the last hour."""
    start = datetime.now(UTC) - timedelta(hours=1)
    found = []
    with source.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle):
            if number == count:
                break
            statement = json.loads(text)
            stamp = start + timedelta(milliseconds=10 * number)
            statement["timestamp"] = stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            found.append(statement)
    if len(found) < count:
        raise ValueError(f"{source} has {len(found)} statements, not {count}")
    return found


def post(ralph: Ralph, user: Credentials, batch: list[dict[str, Any]]) -> None:
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}
    for start in range(0, len(batch), POST):
        body = json.dumps(batch[start : start + POST]).encode()
        status, reply, _ = ralph.request("POST", "/xAPI/statements", body, headers, user)
        if status != 200:
            raise RuntimeError(f"Ralph refused the statements: {status} {reply[:300]!r}")


def ralph_pull_bench(source: Path) -> None:
    """Print the pull speed from Ralph, first into an empty store and then incrementally; or
    why the line is skipped."""
    print(f"pull from Ralph (its file backend, {LIMIT} a page; statements of {source.name})")
    if not RALPH.exists():
        print(f"  skipped: ralph-malph is not installed ({RALPH}); {SETUP_HINT}")
        return
    from aicourse_build.diagnostics import Report
    from aicourse_build.pipeline import check_course_dir
    from aicourse_build.results.catalogue import catalogue_of
    from aicourse_build.results.ingest.lrs import pull
    from aicourse_build.results.ingest.lrs_credentials import Credentials as Reader
    from aicourse_build.results.pseudonym import Pseudonyms
    from aicourse_build.results.store import Store

    catalogue = catalogue_of(check_course_dir(COURSE, Report()))
    every = statements(source, FIRST + MORE)
    size = sum(len(json.dumps(s)) for s in every) / len(every)
    work = Path(tempfile.mkdtemp(prefix="aicourse-bench-ralph-"))
    user = Credentials("bench", secrets.token_urlsafe(12))
    ralph = Ralph(work / "ralph", [user])
    try:
        try:
            ralph.start()
        except (OSError, RuntimeError) as exc:
            print(f"  skipped: Ralph did not start: {str(exc).splitlines()[0]}")
            return
        endpoint, reader = f"{ralph.origin}/xAPI/", Reader(user.basic, "bench")
        store = Store(work / "results.duckdb")
        try:
            post(ralph, user, every[:FIRST])
            first = pull(endpoint, reader, store, catalogue, Pseudonyms(), limit=LIMIT)
            post(ralph, user, every[FIRST:])
            second = pull(endpoint, reader, store, catalogue, Pseudonyms(), limit=LIMIT)
            facts = store.count("kept.facts")
        finally:
            store.close()
    finally:
        ralph.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"  into an empty store: {first.statements:,} statements (about {size:,.0f} bytes each) "
        f"in {first.seconds:.2f} s = {first.statements / first.seconds:,.0f} statements/s; "
        f"{first.requests} requests, {first.facts:,} facts"
    )
    print(
        f"  incremental, {MORE:,} more: {second.statements:,} new of {second.received:,} "
        f"received (a day's overlap) in {second.seconds:.2f} s = "
        f"{second.statements / second.seconds:,.0f} new statements/s "
        f"({second.received / second.seconds:,.0f} received/s); {second.requests} requests, "
        f"{second.facts:,} facts added ({facts:,} kept)"
    )
    if (first.statements, second.statements) != (FIRST, MORE):
        print(f"  WRONG: expected {FIRST:,} then {MORE:,} new statements")
