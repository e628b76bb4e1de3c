"""The review's "Ändringar sedan version X": the footprints' changes (changes.py) with the titles,
places and question texts of the review, and what changed in each changed page's text
(textdiff.py): as the review shows it when the earlier manuscript is known, else as the earlier
and the new packages show it; a build report has no text.

A page whose package fingerprint changed while its text in the review reads the same (a theme,
a translation, the package's layout) needs no new approval of its content: it is named apart.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from aicourse_build.model.blocks import QuizBlock
from aicourse_build.review.changes import Compared, PageChange, QuestionChange, only
from aicourse_build.review.labels import plain
from aicourse_build.review.textdiff import counts, word_diff, words
from aicourse_build.review.views import ModuleView, quiz_questions

if TYPE_CHECKING:
    from aicourse_build.review.document import Review
    from aicourse_build.review.since import Before, PackageKey, PageTexts

# (profile, page id) -> the page's words as that profile's learners read them (None: not there)
Words = Callable[[str, str], list[str] | None]

# the marks this module puts on questions (_changes.html.j2): the earlier text has none
_MARK = re.compile(r'<span class="change">[^<]*</span>')


@dataclass(frozen=True)
class TextDiff:
    """A changed page's text as one or more profiles read it, changes marked."""

    profiles: tuple[str, ...]  # the profiles that read the page so
    everywhere: bool  # every profile that has the page reads it so
    html: Markup
    removed: int  # words
    added: int

    @property
    def size(self) -> str:
        """ "3 ord borttagna och 1 tillagt", how large the change is, in words."""
        parts = []
        if self.removed:
            parts.append(f"{self.removed} ord {'borttaget' if self.removed == 1 else 'borttagna'}")
        if self.added:
            word = "tillagt" if self.added == 1 else "tillagda"
            parts.append(f"{self.added} {word}" if parts else f"{self.added} ord {word}")
        return " och ".join(parts)


@dataclass
class Changes:
    ref: str
    source: str  # the earlier version as the review names it ("git-versionen v1.0.0")
    old_version: str
    new_version: str
    texts: bool  # the texts were compared (the earlier manuscript's, or the packages')
    no_text: str = ""  # why a changed page's text is not shown
    from_packages: bool = False  # the texts compared are the packages', not the review's
    pages: list[PageChange] = field(default_factory=list)
    questions: list[QuestionChange] = field(default_factory=list)
    diffs: dict[str, list[TextDiff]] = field(default_factory=dict)  # page id -> its text diffs
    same_text: list[PageChange] = field(default_factory=list)  # changed, but not in the text
    notes: list[str] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not self.pages and not self.questions

    def pages_of(self, kind: str) -> list[PageChange]:
        return [p for p in self.pages if p.kind == kind]

    def questions_of(self, kind: str) -> list[QuestionChange]:
        return [q for q in self.questions if q.kind == kind]

    @property
    def unshown(self) -> list[PageChange]:
        """The changed pages whose text could not be compared."""
        return [p for p in self.pages_of("ändrad") if p.id not in self.diffs]

    def page(self, page_id: str) -> PageChange | None:
        """The change that marks a page of the document (new or changed)."""
        return next((p for p in self.pages if p.id == page_id and p.kind != "borttagen"), None)


def _where(modules: list[ModuleView], page_id: str, now: bool) -> str:
    for module in modules:
        ids = [p.id for p in module.pages]
        if page_id not in ids:
            continue
        if not now:
            return f"fanns i modulen ”{module.title}”"
        at = ids.index(page_id)
        if at == 0:
            return f"först i modulen ”{module.title}”"
        return f"i modulen ”{module.title}”, efter ”{module.pages[at - 1].title}”"
    return ""


def page_words(review: Review, page_id: str, profile: str) -> list[str] | None:
    """The words of a page as a profile's learners read it; None when the profile leaves it out."""
    page = next((p for p in review.pages if p.id == page_id), None)
    if page is None or profile not in page.presence.kept:
        return None
    found: list[str] = []
    for view in page.blocks:
        variant = next((v for v in view.variants if profile in v.profiles), None)
        if profile in view.presence.kept and variant is not None:
            found += words(_MARK.sub("", variant.html))
    return found


def _text_diffs(new: Review, now: Words, then: Words, change: PageChange) -> list[TextDiff] | None:
    """The page's text diff per group of profiles that read it alike (none: the same text);
    None when no profile has both texts to compare."""
    groups: dict[Markup, tuple[list[str], tuple[int, int]]] = {}
    compared = False
    for profile in change.profiles:
        after, before = now(profile, change.id), then(profile, change.id)
        if after is None or before is None:
            continue
        compared = True
        html = word_diff(before, after)
        if html is not None:
            groups.setdefault(html, ([], counts(before, after)))[0].append(profile)
    if not compared:
        return None
    kept = next((p.presence.kept for p in new.pages if p.id == change.id), ())
    return [
        TextDiff(tuple(found), only(found, kept) is None, html, *sizes)
        for html, (found, sizes) in groups.items()
    ]


def _questions_by_key(review: Review) -> dict[tuple[str, str], tuple[str, str]]:
    """(quiz id, tracked question id) -> (the page that asks it, the start of its text)."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for page in review.pages:
        for view in page.blocks:
            if isinstance(view.block, QuizBlock):
                for q in quiz_questions(review, view.block):
                    found.setdefault((view.block.id, q.tracking_id), (page.id, plain(q.prompt)))
    return found


def _pages(
    review: Review,
    old: Review | None,
    compared: Compared,
    changes: Changes,
    words: tuple[Words, Words] | None,
) -> None:
    order = {p.id: n for n, p in enumerate(review.pages)}
    titles = {p.id: p.title for p in review.pages}
    old_order = {page_id: n for n, page_id in enumerate(compared.old_pages)}
    kept, gone = [], []
    for change in compared.pages:
        if change.kind == "borttagen":
            where = _where(old.modules, change.id, now=False) if old else ""
            gone.append(dataclasses.replace(change, where=where))
            continue
        title = titles.get(change.id, change.title)
        where = _where(review.modules, change.id, now=True) if change.kind == "ny" else ""
        change = dataclasses.replace(change, title=title, where=where)
        diffs = _text_diffs(review, *words, change) if words and change.kind == "ändrad" else None
        if diffs is not None:
            if not diffs and not change.was:
                changes.same_text.append(change)
                continue
            changes.diffs[change.id] = diffs
        kept.append(change)
    kept.sort(key=lambda c: order.get(c.id, len(order)))
    gone.sort(key=lambda c: old_order.get(c.id, len(old_order)))
    changes.pages = kept + gone


def _questions(review: Review, old: Review | None, compared: Compared) -> list[QuestionChange]:
    now = _questions_by_key(review)
    before = _questions_by_key(old) if old else {}
    order = {p.id: n for n, p in enumerate(review.pages)}
    found = []
    for change in compared.questions:
        page, prompt = now.get((change.quiz, change.id), (None, ""))
        if change.kind == "borttagen":
            page, prompt = None, before.get((change.quiz, change.id), (None, ""))[1]
        found.append(dataclasses.replace(change, page=page, prompt=prompt))
    # in the order the document asks them; removed ones last
    return sorted(found, key=lambda q: order.get(q.page or "", len(order)))


def _notes(compared: Compared, changes: Changes, whole: bool) -> list[str]:
    if whole:
        notes = [
            f"Profilen {name} är ny sedan version {changes.old_version}: allt dess innehåll är "
            "nytt för dess deltagare."
            for name in compared.added_profiles
        ]
    else:  # one package: the other profiles were not compared, not added
        notes = [
            f"Profilen {name} är inte jämförd: {changes.source} gäller bara profilen "
            f"{' och '.join(compared.profiles)}."
            for name in compared.added_profiles
        ]
    notes += [
        f"Profilen {name} fanns i version {changes.old_version} men finns inte längre."
        for name in compared.removed_profiles
    ]
    if compared.reordered:
        where = only(compared.reordered, compared.profiles)
        notes.append("Sidorna kommer i en ny ordning" + (f" ({where})." if where else "."))
    if not changes.nothing and changes.old_version == changes.new_version:
        notes.append(
            f"Kursens versionsnummer är fortfarande {changes.new_version} fast innehållet har "
            "ändrats; det bör höjas innan kursen publiceras."
        )
    return notes


def _package_words(texts: dict[PackageKey, PageTexts], compared: Compared, side: int) -> Words:
    """A page's words in the package that stands for the profile on one side (0 old, 1 new)."""

    def find(profile: str, page_id: str) -> list[str] | None:
        keys = compared.standing.get(profile)
        return texts.get(keys[side], {}).get(page_id) if keys else None

    return find


def summarise(
    review: Review,
    compared: Compared,
    before: Before,
    old: Review | None,
    packages: dict[PackageKey, PageTexts] | None = None,
) -> Changes:
    """The changes since `before` as the review shows them. `old` is the earlier version's
    review, when it is a manuscript; `packages` the new packages' page texts, when it is packages.
    """
    words: tuple[Words, Words] | None = None
    if old is not None:
        words = (
            lambda profile, page: page_words(review, page, profile),
            lambda profile, page: page_words(old, page, profile),
        )
    elif before.packages is not None and packages is not None:
        words = (
            _package_words(packages, compared, 1),
            _package_words(before.packages, compared, 0),
        )
    changes = Changes(
        before.ref,
        before.source,
        before.version,
        review.meta.version,
        texts=words is not None,
        no_text=before.no_text or "den tidigare texten finns inte i paketen",
        from_packages=old is None and words is not None,
    )
    _pages(review, old, compared, changes, words)
    changes.questions = _questions(review, old, compared)
    changes.notes = _notes(compared, changes, before.whole)
    return changes
