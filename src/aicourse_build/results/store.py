"""The store: facts in DuckDB, an embedded analytical engine.

DuckDB does the heavy work: it reads millions of xAPI statements straight from a file, and the
measures are SQL over the `facts` table (results/measure.py), not Python loops. Facts read from
files and downloads live in memory for the run; facts pulled from an LRS are also kept in a
file (`--store`), with where each pull stopped, so the next run fetches only what is new.
Nothing in the store identifies a person (results/facts.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from aicourse_build.results.facts import Exclusion, Fact

COLUMNS = (
    ("learner", "VARCHAR NOT NULL"),
    ("kind", "VARCHAR NOT NULL"),
    ("element", "VARCHAR NOT NULL"),
    ("parent", "VARCHAR NOT NULL"),
    ("attempt", "INTEGER"),
    ("value", "VARCHAR"),
    ("number", "DOUBLE"),
    ("correct", "BOOLEAN"),
    ("stamp", "TIMESTAMP"),
    ("source", "VARCHAR NOT NULL"),
    ("version", "VARCHAR"),
    ("key", "VARCHAR"),
)
_TABLE = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
_NAMES = ", ".join(name for name, _kind in COLUMNS)


# DuckDB takes 80 % of the machine's memory unless told otherwise; at a national scale (eight
# million statements) that was 6.5 GB for what fits in far less. Over the limit it spills to a
# folder of its own under the system's temporary directory (never the working directory, which
# may be a course repository) and removes what it wrote there when the store is closed.
MEMORY_LIMIT = "1500MB"


def _settings() -> dict[str, str | bool | int | float | list[str]]:
    spill = Path(tempfile.gettempdir()) / f"aicourse-results-{os.getpid()}"
    return {"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill)}


class Store:
    def __init__(self, kept: Path | None = None) -> None:
        self.con = duckdb.connect(config=_settings())
        self.con.execute(f"CREATE TABLE run_facts ({_TABLE})")
        self.kept = kept
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            self.con.execute("ATTACH ? AS kept", [str(kept)])
            self.con.execute(f"CREATE TABLE IF NOT EXISTS kept.facts ({_TABLE})")
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS kept.pulls "
                "(endpoint VARCHAR PRIMARY KEY, since VARCHAR, statements BIGINT)"
            )
        union = "SELECT * FROM run_facts"
        if kept is not None:
            union += " UNION ALL SELECT * FROM kept.facts"
        self.con.execute(f"CREATE VIEW facts AS {union}")
        self.exclusions: dict[str, Exclusion] = {}
        self.ids_of: object = None  # the catalogue whose ids table is loaded (ingest/statements)

    def add(self, facts: Iterable[Fact], keep: bool = False) -> int:
        """Facts into the run's table (or the kept one); a fact whose `key` is there already is
        a duplicate and left out. Returns how many were added."""
        rows = [
            (
                f.learner,
                f.kind.value,
                f.element,
                f.parent,
                f.attempt,
                f.value,
                f.number,
                f.correct,
                f.stamp,
                f.source,
                f.version,
                f.key,
            )
            for f in facts
        ]
        if not rows:
            return 0
        columns = [list(column) for column in zip(*rows, strict=True)]
        # lists unnested in one statement: row-by-row inserts are a thousand times slower
        selects = ", ".join(f"unnest(?::{kind.split()[0]}[]) AS {name}" for name, kind in COLUMNS)
        return self.insert(f"SELECT {selects}", columns, keep)

    def insert(
        self,
        select: str,
        parameters: Sequence[object],
        keep: bool = False,
        distinct_keys: bool = False,
    ) -> int:
        """The facts a query selects (columns as COLUMNS), without duplicates: a fact whose
        `key` the store or the query has already is left out. Returns how many were added.
        `distinct_keys`: the caller knows the query gives no key twice, which spares a window
        over every key (seconds at a national scale)."""
        table = "kept.facts" if keep and self.kept is not None else "run_facts"
        before = self.count(table)
        within = (
            ""
            if distinct_keys
            else ("QUALIFY n.key IS NULL OR row_number() OVER (PARTITION BY n.key) = 1")
        )
        self.con.execute(
            f"INSERT INTO {table} SELECT * FROM ({select}) AS n "
            "WHERE n.key IS NULL OR n.key NOT IN (SELECT key FROM facts WHERE key IS NOT NULL) "
            + within,
            parameters,
        )
        return self.count(table) - before

    def count(self, table: str = "facts") -> int:
        found = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(found[0]) if found else 0

    def exclude(self, reason: str, count: int = 1, example: str = "") -> None:
        """Input read but not used, counted by reason; the report lists them."""
        entry = self.exclusions.setdefault(reason, Exclusion(reason, 0, example))
        entry.count += count
        entry.example = entry.example or example

    # -- LRS pulls -----------------------------------------------------------------------------
    def since(self, endpoint: str) -> str | None:
        if self.kept is None:
            return None
        found = self.con.execute(
            "SELECT since FROM kept.pulls WHERE endpoint = ?", [endpoint]
        ).fetchone()
        return str(found[0]) if found and found[0] else None

    def pulled(self, endpoint: str, since: str, statements: int) -> None:
        if self.kept is None:
            return
        self.con.execute(
            "INSERT INTO kept.pulls VALUES (?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET "
            "since = excluded.since, statements = kept.pulls.statements + excluded.statements",
            [endpoint, since, statements],
        )

    def close(self) -> None:
        self.con.close()


def column_names() -> str:
    return _NAMES
