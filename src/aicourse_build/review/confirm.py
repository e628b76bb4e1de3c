"""Facts to confirm, for the steering group: every mark (confirm.py) in a list saying what, where
and who must confirm it, and in the body a visible label "Att bekräfta: <vem>" on each page that
has marks, the marked words highlighted where the page's text shows them.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from aicourse_build.confirm import Mark, collect_marks
from aicourse_build.model.tree import Course
from aicourse_build.review.views import PageView

_KINDS = {"text": "Texten", "key": "Uppgiften", "file": "Filen"}
_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class ConfirmItem:
    """One mark as the review shows it."""

    who: str
    what: str  # "Texten ”…”", "Uppgiften contacts.course.email", "Filen media/…"
    where: str  # the page's title in the review's language, or the file
    position: str  # path:line
    page: str | None = None  # the page id, when the page is in the review's body
    note: str | None = None
    text: str | None = None  # the marked words, for highlighting


@dataclass
class Confirmations:
    items: list[ConfirmItem] = field(default_factory=list)

    def on_page(self, page_id: str) -> list[ConfirmItem]:
        return [item for item in self.items if item.page == page_id]


def confirmations(course: Course, lang: str, pages: list[PageView]) -> Confirmations:
    """Every mark of the course; a mark on a page of the review's language names that page."""
    marks, _problems = collect_marks(course)  # check reported any mark pointing at nothing
    titles = {page.id: page.title for page in pages}
    folder = course.source.file.display.rpartition("/")[0]
    return Confirmations([_item(mark, lang, titles, folder) for mark in marks])


def _item(mark: Mark, lang: str, titles: dict[str, str], folder: str) -> ConfirmItem:
    what = f"{_KINDS[mark.kind]} ”{mark.what}”" if mark.kind == "text" else None
    what = what or f"{_KINDS[mark.kind]} {mark.what}"
    here = mark.page is not None and mark.lang == lang and mark.page in titles
    page = mark.page if here else None
    path = mark.span.path
    if folder and path.startswith(folder + "/"):
        path = path[len(folder) + 1 :]  # as the author knows it: pages/01-valkommen.md
    where = titles[mark.page] if here and mark.page else path
    position = f"{path}:{mark.span.line}"
    text = mark.what if mark.kind == "text" else None
    return ConfirmItem(mark.who, what, where, position, page, mark.note, text)


def highlight(pages: list[PageView], found: Confirmations) -> None:
    """Wrap each marked text where a page's rendered text shows it: <mark> plus the label."""
    for page in pages:
        items = [item for item in found.on_page(page.id) if item.text]
        if not items:
            continue
        for view in page.blocks:
            view.variants = [
                dataclasses.replace(v, html=_marked(v.html, items)) for v in view.variants
            ]


def _marked(html: Markup, items: list[ConfirmItem]) -> Markup:
    """The HTML with each item's words, where they stand in one text node, marked once."""
    parts = _TAG.split(str(html))
    for item in items:
        assert item.text is not None
        words = [re.escape(str(escape(word))) for word in item.text.split()]
        pattern = re.compile(r"\s+".join(words))
        for i, part in enumerate(parts):
            if part.startswith("<"):
                continue
            match = pattern.search(part)
            if match is None:
                continue
            label = escape(f"Att bekräfta: {item.who}")
            wrapped = (
                f'<mark class="confirm">{match[0]}</mark>'
                f' <span class="confirm-label">{label}</span>'
            )
            parts[i] = part[: match.start()] + wrapped + part[match.end() :]
            break
    return Markup("".join(parts))
