"""The one shape in which learner data enters the store: a fact about one pseudonymous learner.

Every source (a Moodle/Totara report download, a file of xAPI statements, an LRS) is turned into
facts by its reader in `results/ingest/`; names, e-mail addresses, user ids and actor accounts are
dropped there and never reach a fact. What identifies a learner in a fact is `learner`: the
launch's registration when the source has one, else a keyed hash whose key lives only for the
run (results/pseudonym.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    ANSWER = "answer"  # a question answered in a test: element = question id
    SCORE = "score"  # a test's result: element = quiz id, number = percent
    GROUP = "group"  # a self-report: element = group block id, value = option id ("" = none given)
    SURVEY = "survey"  # a survey item: element = item id, number = step (1..n)
    REFLECTION = "reflection"  # a reflection was answered: element = its id (never its text)
    PAGE = "page"  # a page was reached: element = page id
    TIME = "time"  # time spent in the course: number = seconds
    COMPLETION = "completion"  # value = completed | passed | failed


@dataclass(frozen=True)
class Fact:
    learner: str  # pseudonymous: a registration, or a keyed hash that lives for one run
    kind: Kind
    element: str  # the manuscript id the fact is about
    parent: str = ""  # the quiz or survey of a question or item
    attempt: int | None = None  # 1 for the first attempt of a test
    value: str | None = (
        None  # a response in choice ids ("b", "a,c", "collect,train,..."), an option
    )
    number: float | None = None  # a score, a step, seconds
    correct: bool | None = None
    stamp: datetime | None = None  # when it happened, when the source says
    source: str = ""  # where the fact came from: "moodle", "xapi", "lrs"
    version: str | None = None  # the course version of the package, when the source says it
    key: str | None = None  # a source's own id of the record (a statement id), for de-duplication


@dataclass
class Exclusion:
    """Input that was read but not used, counted by reason for the report."""

    reason: str
    count: int = 0
    example: str = ""  # where, e.g. "downloads/vgr.ods row 12"; never a name
