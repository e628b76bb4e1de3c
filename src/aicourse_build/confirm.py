"""Facts to confirm: the `confirm:` marks of course.yaml and of each page's front matter.

A mark names a text, a key or a file (docs/manuscript.md, "Facts to confirm") and who must
confirm it. They are read once from the validated course into `Mark`s with the position of what
they mark; a mark that points at nothing is an error (AIC131). `check` lists the marks (AIC130, a
note that `--strict` does not count), `review` shows them to the steering group, and
`build --release` refuses while any remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.course import Confirm
from aicourse_build.model.tree import Course, Located, Page

CODE = "AIC130"
POINTS_AT_NOTHING = "AIC131"
IN_TRANSLATION = "AIC132"


@dataclass(frozen=True)
class Mark:
    """One fact to confirm, where it is (the marked text, key or file) and who confirms it."""

    who: str
    what: str  # the marked words, key path or file, as the author wrote them
    kind: str  # "text", "key" or "file"
    span: Span  # where the marked thing is; for a file, where the mark is written
    note: str | None = None
    page: str | None = None  # the page id when the mark is in a page's front matter
    lang: str | None = None  # that page's language

    def line(self) -> str:
        """The mark as `check` prints it: path:line:col: note[AIC130]: ..."""
        s = self.span
        about = f" ({self.note})" if self.note else ""
        return (
            f"{s.path}:{s.line}:{s.col}: note[{CODE}]: to confirm by {self.who}: "
            f"{self.kind} {self.what!r}{about}"
        )


def collect_marks(course: Course) -> tuple[list[Mark], list[Diagnostic]]:
    """Every mark of the course in file order, and an error for each that points at nothing."""
    marks: list[Mark] = []
    problems: list[Diagnostic] = []
    root = course.source.file.path.parent
    files = _located_files(course)
    for i, entry in enumerate(course.meta.confirm):
        found = _resolve(entry, course.source, ("confirm", i), root, files, None)
        _keep(found, marks, problems)
    for translation in course.translations.values():
        problems += _in_translation(translation.meta.confirm, translation.source)
    for _page_id, variants in sorted(course.pages.items()):
        for _lang, page in sorted(variants.items()):
            if page.translates is not None:
                problems += _in_translation(page.meta.confirm, page.source)
                continue
            for i, entry in enumerate(page.meta.confirm):
                found = _resolve(entry, page.source, ("confirm", i), root, files, page)
                _keep(found, marks, problems)
    marks.sort(key=lambda m: (m.span.path, m.span.line, m.span.col))
    return marks, problems


def _in_translation(entries: list[Confirm], source: Located) -> list[Diagnostic]:
    """A translation has no marks of its own: its original's stand for every language."""
    if not entries:
        return []
    message = "a translation carries no marks: those of its original stand for every language"
    hint = "move the mark to the original, naming the words as they stand there"
    return [error(IN_TRANSLATION, message, source.index.key_span(("confirm",)), hint)]


def _keep(found: Mark | Diagnostic, marks: list[Mark], problems: list[Diagnostic]) -> None:
    if isinstance(found, Mark):
        marks.append(found)
    else:
        problems.append(found)


def _located_files(course: Course) -> dict[Path, Located]:
    """Every YAML or Markdown file of the course that loaded, by resolved path."""
    located = [course.source, *(t.source for t in course.translations.values())]
    located += [p.source for p in course.profiles.values()]
    located += [b.source for variants in course.banks.values() for b in variants.values()]
    located += [p.source for variants in course.pages.values() for p in variants.values()]
    return {item.file.path.resolve(): item for item in located}


def _resolve(
    entry: Confirm,
    origin: Located,
    loc: tuple[str | int, ...],
    root: Path,
    files: dict[Path, Located],
    page: Page | None,
) -> Mark | Diagnostic:
    written = origin.index.value_span(loc)
    target = origin
    if entry.file is not None:
        path = (root / entry.file).resolve()
        # a file outside the course folder (a theme's logo) is not checked: the course may be
        # built elsewhere, with other themes; such a file is never read
        inside = path.is_relative_to(root.resolve())
        if inside and not path.is_file():
            where = origin.index.value_span((*loc, "file"))
            message = f"no file '{entry.file}' (paths are relative to the course folder)"
            return error(POINTS_AT_NOTHING, message, where)
        if entry.text is None and entry.key is None:
            return _mark(entry, "file", entry.file, written, page)
        if path not in files:
            where = origin.index.value_span((*loc, "file"))
            message = f"'{entry.file}' is not a manuscript file whose texts or keys can be marked"
            return error(POINTS_AT_NOTHING, message, where, "mark the file alone: drop text/key")
        target = files[path]
    if entry.key is not None:
        parts = tuple(int(p) if p.isdigit() else p for p in entry.key.split("."))
        if not target.index.has(parts):
            where = origin.index.value_span((*loc, "key"))
            message = f"no key '{entry.key}' in {target.file.display}"
            return error(POINTS_AT_NOTHING, message, where, "write it as a dotted path: a.b.0.c")
        return _mark(entry, "key", entry.key, target.index.value_span(parts), page)
    assert entry.text is not None
    span = find_text(target, entry.text, skip_line=written.line if target is origin else None)
    if span is None:
        where = origin.index.value_span((*loc, "text"))
        message = f"the text {entry.text!r} is not in {target.file.display}"
        hint = "copy the words as they stand in the file; line breaks may differ"
        return error(POINTS_AT_NOTHING, message, where, hint)
    return _mark(entry, "text", entry.text, span, page)


def _mark(entry: Confirm, kind: str, what: str, span: Span, page: Page | None) -> Mark:
    page_id = page.meta.id if page else None
    return Mark(entry.who, what, kind, span, entry.note, page_id, page.lang if page else None)


def _body_start(located: Located) -> int:
    """The first line after a Markdown file's front matter (1 when it has none)."""
    lines = located.file.lines
    if not lines or lines[0].strip() != "---" or not located.file.display.endswith(".md"):
        return 1
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() == "---":
            return number + 1
    return 1


def find_text(located: Located, text: str, skip_line: int | None = None) -> Span | None:
    """Where `text` stands in the file (after a Markdown file's front matter), with any run of
    white space, a line break too, matching any other; not on `skip_line` (the mark itself)."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in text.split()))
    first = _body_start(located)
    lines = located.file.lines
    body = "\n".join(lines[first - 1 :])
    for match in pattern.finditer(body):
        before = body[: match.start()]
        line = first + before.count("\n")
        if line == skip_line:
            continue
        col = match.start() - (before.rfind("\n") + 1) + 1
        return Span(located.file.display, line, col)
    return None


def by_page(marks: list[Mark], lang: str) -> dict[str, list[Mark]]:
    """The marks of each page in `lang`, by page id (for the review's body)."""
    found: dict[str, list[Mark]] = {}
    for mark in marks:
        if mark.page is not None and mark.lang == lang:
            found.setdefault(mark.page, []).append(mark)
    return found


def lines(marks: list[Mark]) -> Iterator[str]:
    """What `check` prints about the marks: a count, then each one."""
    if not marks:
        return
    yield f"{len(marks)} fact(s) to confirm before release [{CODE}]:"
    for mark in marks:
        yield "  " + mark.line()
