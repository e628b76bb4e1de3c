"""What changed since an earlier version, from the packages' footprints (diff/footprint.py):
pages added, removed or changed, questions added, removed or changed, each with the profiles it
was found in.

One package stands for each profile on each side: the one in the review's language, in the same
format on both sides where there is one, since a profile's formats carry the same pages and
questions. The footprints hold ids and fingerprints only; titles, places and texts are added
from the review itself (summary.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from aicourse_build.diff.footprint import Footprint, QuestionFootprint, question_change

# how the review names a question's change; the keys are what the templates test
QUESTION_LABELS = {
    "ny": "Ny fråga",
    "svar": "Nytt rätt svar",
    "typ": "Ny frågetyp",
    "alternativ": "Ändrade svarsalternativ",
    "text": "Ändrad formulering",
    "version": "Ny version av frågan",
    "borttagen": "Borttagen fråga",
}
PAGE_LABELS = {"ny": "Ny sida", "ändrad": "Ändrad sida", "borttagen": "Borttagen sida"}
_VERSION = re.compile(r"-v\d+$")  # a question's tracked id with its version (model/blocks.py)


def only(profiles: Iterable[str], compared: Iterable[str]) -> str | None:
    """ "endast vgr" for a change some of the compared profiles have, None when all have it."""
    found = list(profiles)
    if set(found) >= set(compared):
        return None
    return "endast " + " och ".join(found)


@dataclass(frozen=True)
class PageChange:
    kind: str  # ny | ändrad | borttagen
    id: str
    title: str
    profiles: tuple[str, ...]
    only: str | None = None
    was: str = ""  # ändrad: the title it had, when that changed
    where: str = ""  # ny: where it stands now; borttagen: where it stood, when that is known

    @property
    def label(self) -> str:
        return PAGE_LABELS[self.kind]


@dataclass(frozen=True)
class QuestionChange:
    kind: str  # a key of QUESTION_LABELS
    quiz: str
    id: str  # as the package tracks it; the old id for a removed question
    profiles: tuple[str, ...]
    only: str | None = None
    was: str = ""  # the id it replaces (a new version of a question)
    prompt: str = ""  # the start of the question's text, when known
    page: str | None = None  # the page that asks it now (for the link)

    @property
    def label(self) -> str:
        return QUESTION_LABELS[self.kind]


@dataclass
class Compared:
    """Every profile's changes, merged: each change once, with the profiles that have it."""

    profiles: list[str]  # the profiles both versions have
    added_profiles: list[str] = field(default_factory=list)
    removed_profiles: list[str] = field(default_factory=list)
    pages: list[PageChange] = field(default_factory=list)
    questions: list[QuestionChange] = field(default_factory=list)
    reordered: list[str] = field(default_factory=list)  # profiles whose pages come in a new order
    old_pages: list[str] = field(default_factory=list)  # the earlier page order (for removed ones)
    # profile -> the (profile, language, format) of the old and the new package standing for it
    standing: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = field(
        default_factory=dict
    )

    def question(self, quiz: str, question: str) -> QuestionChange | None:
        return next(
            (
                q
                for q in self.questions
                if q.quiz == quiz and q.id == question and q.kind != "borttagen"
            ),
            None,
        )


def _rank(footprint: Footprint, lang: str) -> tuple[int, str]:
    language = footprint.language
    return (
        0 if language == lang else 1 if language.startswith(lang + "+") else 2,
        footprint.format,
    )


def standing_for(
    before: list[Footprint], after: list[Footprint], profile: str, lang: str
) -> tuple[Footprint, Footprint] | None:
    """The old and the new package that stand for a profile, or None when a side has none."""
    olds = sorted((f for f in before if f.profile == profile), key=lambda f: _rank(f, lang))
    news = sorted((f for f in after if f.profile == profile), key=lambda f: _rank(f, lang))
    if not olds or not news:
        return None
    same = [(o, n) for n in news for o in olds if (o.language, o.format) == (n.language, n.format)]
    return same[0] if same else (olds[0], news[0])


def _page_changes(old: Footprint, new: Footprint) -> Iterator[tuple[str, str, str, str]]:
    """(kind, page id, title, the title it had) of each page added, changed or removed."""
    before = {p.id: p for p in old.pages}
    after = {p.id: p for p in new.pages}
    for page in new.pages:
        was = before.get(page.id)
        if was is None:
            yield "ny", page.id, page.title, ""
        elif (was.content, was.title) != (page.content, page.title):
            yield "ändrad", page.id, page.title, was.title if was.title != page.title else ""
    for page in old.pages:
        if page.id not in after:
            yield "borttagen", page.id, page.title, ""


_KINDS = {"type": "typ", "answer": "svar", "choices": "alternativ", "text": "text"}


def _question_kind(was: QuestionFootprint, now: QuestionFootprint) -> str | None:
    change = question_change(was, now)
    return _KINDS[change] if change else None


def _question_changes(old: Footprint, new: Footprint) -> Iterator[tuple[str, str, str, str]]:
    """(kind, quiz, id, the id it replaces) of each question that changed."""
    before = {(q.quiz, q.id): q for q in old.questions}
    after = {(q.quiz, q.id): q for q in new.questions}
    removed = [key for key in before if key not in after]
    for key, now in after.items():
        was = before.get(key)
        if was is not None:
            kind = _question_kind(was, now)
            if kind:
                yield kind, key[0], key[1], ""
            continue
        # a question under a new version ('<id>-v2') is the one it replaces, changed
        base = _VERSION.sub("", key[1])
        replaced = next(
            (r for r in removed if r[0] == key[0] and _VERSION.sub("", r[1]) == base), None
        )
        if replaced is None:
            yield "ny", key[0], key[1], ""
        else:
            removed.remove(replaced)
            yield _question_kind(before[replaced], now) or "version", key[0], key[1], replaced[1]
    for quiz, question in removed:
        yield "borttagen", quiz, question, ""


def compare(before: list[Footprint], after: list[Footprint], lang: str) -> Compared:
    """The changes of every profile the new version has, merged (first seen first)."""
    old_profiles = sorted({f.profile for f in before})
    new_profiles = sorted({f.profile for f in after})
    result = Compared(
        [p for p in new_profiles if p in old_profiles],
        [p for p in new_profiles if p not in old_profiles],
        [p for p in old_profiles if p not in new_profiles],
    )
    pages: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    questions: dict[tuple[str, str, str], tuple[str, list[str]]] = {}
    for profile in result.profiles:
        pair = standing_for(before, after, profile, lang)
        if pair is None:
            continue
        old, new = pair
        result.standing[profile] = (
            (old.profile, old.language, old.format),
            (new.profile, new.language, new.format),
        )
        for page in old.pages:
            if page.id not in result.old_pages:
                result.old_pages.append(page.id)
        for kind, page_id, title, was in _page_changes(old, new):
            pages.setdefault((kind, page_id), (title, was, []))[2].append(profile)
        for kind, quiz, question, was in _question_changes(old, new):
            questions.setdefault((kind, quiz, question), (was, []))[1].append(profile)
        kept = {p.id for p in new.pages} & {p.id for p in old.pages}
        if [p.id for p in new.pages if p.id in kept] != [p.id for p in old.pages if p.id in kept]:
            result.reordered.append(profile)
    result.pages = [
        PageChange(kind, page_id, title, tuple(found), only(found, result.profiles), was)
        for (kind, page_id), (title, was, found) in pages.items()
    ]
    result.questions = [
        QuestionChange(kind, quiz, question, tuple(found), only(found, result.profiles), was)
        for (kind, quiz, question), (was, found) in questions.items()
    ]
    return result
