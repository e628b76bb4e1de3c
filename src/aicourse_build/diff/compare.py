"""Two footprints of one package -> what changed, worded for an LMS administrator, and a verdict.

Each change has a severity: `info` (nobody loses anything), `caution` (learners keep their
progress, but something else is affected: a page they may miss, reports that no longer compare)
and `loss` (learners lose progress). The verdict of a package is its worst change. The facts
behind the wording (Moodle 4.5.6 measured, Totara 12 read) are in docs/diff.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from aicourse_build.diff.footprint import (
    Footprint,
    PageFootprint,
    QuestionFootprint,
    question_change,
)
from aicourse_build.diff.tracking import (
    RANK,
    VERDICTS,
    Change,
    Severity,
    completion_changes,
    identifier_changes,
    interaction_changes,
    resume_changes,
)

__all__ = ["RANK", "Change", "PackageDiff", "Severity", "compare", "content_changed", "pair"]


@dataclass
class PackageDiff:
    old: Footprint | None
    new: Footprint | None
    changes: list[Change] = field(default_factory=list)

    @property
    def either(self) -> Footprint:
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def severity(self) -> Severity:
        worst: Severity = "info"
        for change in self.changes:
            if RANK[change.severity] > RANK[worst]:
                worst = change.severity
        return worst

    @property
    def verdict(self) -> str:
        if self.old is None:
            return "new package: nothing to replace"
        if self.new is None:
            return "no new package: the old one stays as it is"
        worst = self.severity
        if worst == "info":
            return VERDICTS["info"]
        reasons = dict.fromkeys(c.reason for c in self.changes if c.severity == worst and c.reason)
        return f"{VERDICTS[worst]} {'; '.join(reasons)}"


def pair(old: list[Footprint], new: list[Footprint]) -> list[PackageDiff]:
    """Packages paired by course, profile, language and format; then, of those left, by profile,
    language and format alone when that is unambiguous (a course whose id changed is the worst
    replacement, not a new course); those without a pair are listed."""
    olds = {f.key: f for f in old}
    news = {f.key: f for f in new}
    pairs = [(olds.pop(key), news.pop(key)) for key in sorted(olds.keys() & news.keys())]
    for key, a in sorted(olds.items()):
        same = [k for k in news if k[1:] == key[1:]]
        if len(same) == 1 and sum(1 for k in olds if k[1:] == key[1:]) == 1:
            pairs.append((a, news.pop(same[0])))
            del olds[key]
    diffs = [PackageDiff(a, b, list(compare(a, b))) for a, b in pairs]
    diffs += [PackageDiff(a, None) for a in olds.values()]
    diffs += [PackageDiff(None, b) for b in news.values()]
    return sorted(diffs, key=lambda d: d.either.key)


def compare(old: Footprint, new: Footprint) -> Iterator[Change]:
    yield from identifier_changes(old, new)
    yield from _pages(old, new)
    yield from _questions(old, new)
    yield from interaction_changes(old, new)
    yield from resume_changes(old, new)
    yield from completion_changes(old, new)
    yield from _version(old, new)


def _page_name(page: PageFootprint) -> str:
    return f"'{page.id}' ({page.title})" if page.title else f"'{page.id}'"


def _pages(old: Footprint, new: Footprint) -> Iterator[Change]:
    before = {p.id: p for p in old.pages}
    after = {p.id: p for p in new.pages}
    kept_order = [p.id for p in new.pages if p.id in before]
    for i, page in enumerate(new.pages):
        if page.id in before:
            continue
        following = next((p for p in new.pages[i + 1 :] if p.id in before), None)
        required = " It is required: they cannot complete without going back to it." * page.required
        if following is None:
            yield Change("info", "pages", f"new page {_page_name(page)} at the end.")
        else:
            yield Change(
                "caution",
                "pages",
                f"new page {_page_name(page)} before {_page_name(following)}: learners who have "
                f"got past that point resume after it and may never see it.{required}",
                "new pages come before where learners may have stopped",
            )
    for page in old.pages:
        if page.id not in after:
            yield Change(
                "caution",
                "pages",
                f"page {_page_name(page)} is removed: what learners did on it no longer counts, "
                "and those who stopped on it resume elsewhere",
                "pages are removed",
            )
    if kept_order != [p.id for p in old.pages if p.id in after]:
        yield Change(
            "caution", "pages", "pages come in another order", "pages come in another order"
        )
    for page in new.pages:
        was = before.get(page.id)
        if was is None:
            continue
        if was.required != page.required:
            now = "now required" if page.required else "no longer required"
            yield Change(
                "caution",
                "pages",
                f"page {_page_name(page)} is {now} for completion",
                "what completion requires changed",
            )
        if was.title != page.title:
            yield Change("info", "pages", f"page '{page.id}' is now titled '{page.title}'")
        elif was.content != page.content:
            yield Change("info", "pages", f"page {_page_name(page)} has changed content")


def _questions(old: Footprint, new: Footprint) -> Iterator[Change]:
    before = {(q.quiz, q.id): q for q in old.questions}
    after = {(q.quiz, q.id): q for q in new.questions}
    for key, q in after.items():
        was = before.get(key)
        if was is None:
            yield Change("info", "questions", f"new question '{q.quiz}/{q.id}'")
            continue
        yield from _question(was, q)
    for key in before.keys() - after.keys():
        yield Change("info", "questions", f"question '{key[0]}/{key[1]}' is removed")


def _question(was: QuestionFootprint, q: QuestionFootprint) -> Iterator[Change]:
    name = f"'{q.quiz}/{q.id}'"
    fix = "; give it a new id or a 'version' (aicourse check --previous says where)"
    change = question_change(was, q)
    if change == "type":
        yield Change(
            "caution",
            "questions",
            f"question {name} is of another type under the same id ({was.type} -> {q.type}){fix}",
            "questions changed under the same id",
        )
    elif change in ("answer", "choices"):
        what = "correct answer" if change == "answer" else "choices"
        yield Change(
            "caution",
            "questions",
            f"question {name}: the {what} changed under the same id, so the LMS's reports and "
            f"the LRS mix old and new answers that cannot be compared{fix}",
            "questions changed under the same id",
        )
    elif change == "text":
        yield Change("info", "questions", f"question {name} is worded differently")


def content_changed(old: Footprint, new: Footprint) -> bool:
    """Did anything learners read or answer change (pages or questions)?"""
    return old.pages != new.pages or old.questions != new.questions


def _version(old: Footprint, new: Footprint) -> Iterator[Change]:
    if old.version != new.version:
        yield Change("info", "version", f"version {old.version} -> {new.version}")
    elif content_changed(old, new):
        yield Change(
            "caution",
            "version",
            f"version is still {new.version} although the content changed: reports and "
            "statements cannot tell the old content from the new; raise 'version' in course.yaml",
            "the version did not change",
        )
