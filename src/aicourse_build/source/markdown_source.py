"""Splitting a page into front matter, Markdown text and fenced interactive blocks, with spans."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.source.files import SourceFile
from aicourse_build.source.yaml_positions import PositionIndex, YamlDoc, load_yaml

BLOCK_TYPES = (
    "image",
    "video",
    "callout",
    "quote",
    "quiz",
    "reflection",
    "survey",
    "group",
    "contacts",
    "offline",
)
# `::: only vgr`, `::: except public`: by profile or profile tag; `::: tags fordjupning`: the
# text carries tags, which profiles keep or leave out with include_tags/exclude_tags
CONDITION_CONTAINERS = ("only", "except", "tags")


@cache
def markdown_parser() -> MarkdownIt:
    """The one Markdown configuration used for checking and rendering."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for name in CONDITION_CONTAINERS:
        md.use(container_plugin, name=name)
    return md


@dataclass(frozen=True)
class Condition:
    kind: str  # "only" | "except" | "tags"
    names: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class RawBlock:
    """A block as written: `data` is the YAML body (or text) with `type` added."""

    type: str
    data: dict[str, Any]
    span: Span
    index: PositionIndex
    conditions: tuple[Condition, ...] = ()
    first_line: int = 1  # first line of the block's content in the file
    last_line: int = 1


@dataclass
class RawPage:
    file: SourceFile
    front: YamlDoc | None
    body_line: int  # file line number of the body's first line
    blocks: list[RawBlock] = field(default_factory=list)


def _front_matter(file: SourceFile) -> tuple[str, int] | None:
    """The front matter text and the line number where the body starts, if well formed."""
    lines = file.lines
    if not lines or lines[0].rstrip() != "---":
        return None
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), number + 2
    return None


def parse_page(file: SourceFile) -> tuple[RawPage, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    found = _front_matter(file)
    if found is None:
        opened = bool(file.lines) and file.lines[0].rstrip() == "---"
        message = (
            "front matter is never closed: add a line '---' after it"
            if opened
            else "page has no front matter"
        )
        hint = None if opened else "start the page with '---', 'id: ...', 'title: ...', '---'"
        diagnostics.append(error("AIC007", message, file.span(), hint))
        return RawPage(file, None, 1), diagnostics
    front_text, body_line = found
    front, problems = load_yaml(front_text, file.display, line_offset=1)
    diagnostics += problems
    if front is not None and front.data is None:
        diagnostics.append(
            error("AIC010", "front matter is empty: a page needs 'id' and 'title'", file.span())
        )
        front = None
    page = RawPage(file, front, body_line)
    body = "\n".join(file.lines[body_line - 1 :])
    diagnostics += _split_body(page, body)
    return page, diagnostics


class _Splitter:
    def __init__(self, page: RawPage) -> None:
        self.page = page
        self.file = page.file
        self.conditions: list[Condition] = []
        self.text_start: int | None = None  # 0-based body lines
        self.text_end = 0
        self.diagnostics: list[Diagnostic] = []

    def line(self, body_line: int) -> int:
        return self.page.body_line + body_line

    def flush_text(self) -> None:
        if self.text_start is None:
            return
        first, last = self.line(self.text_start), self.line(self.text_end - 1)
        text = "\n".join(self.file.lines[first - 1 : last])
        span = Span(self.file.display, first, 1)
        self.page.blocks.append(
            RawBlock(
                "text",
                {"type": "text", "body": text},
                span,
                PositionIndex(span),
                tuple(self.conditions),
                first,
                last,
            )
        )
        self.text_start = None

    def add_text(self, token: Token) -> None:
        assert token.map is not None
        start, end = token.map
        if self.text_start is None:
            self.text_start = start
        self.text_end = max(self.text_end, end)

    def open_condition(self, token: Token) -> None:
        self.flush_text()
        assert token.map is not None
        span = Span(self.file.display, self.line(token.map[0]), 1)
        words = token.info.split()
        kind, names = words[0], tuple(words[1:])
        if not names:
            self.diagnostics.append(
                error(
                    "AIC040",
                    f"'::: {kind}' needs at least one profile or tag name",
                    span,
                    f"for example '::: {kind} vgr'",
                )
            )
        self.conditions.append(Condition(kind, names, span))

    def close_condition(self) -> None:
        self.flush_text()
        if self.conditions:
            self.conditions.pop()

    def fence(self, token: Token) -> None:
        assert token.map is not None
        kind = token.info.split()[0] if token.info.strip() else ""
        if kind not in BLOCK_TYPES:
            self._maybe_misspelt_fence(token, kind)
            self.add_text(token)
            return
        self.flush_text()
        fence_line = self.line(token.map[0])
        source_line = self.file.lines[fence_line - 1]
        indent = len(source_line) - len(source_line.lstrip(" "))
        span = Span(self.file.display, fence_line, indent + 1)
        doc, problems = load_yaml(token.content, self.file.display, fence_line, indent)
        self.diagnostics += problems
        if doc is None:
            return
        if not isinstance(doc.data, dict):
            found = "empty" if doc.data is None else "not a mapping"
            self.diagnostics.append(
                error(
                    "AIC012",
                    f"the body of {_article(kind)} '{kind}' block is {found}: "
                    "write 'key: value' lines",
                    span,
                )
            )
            return
        doc.index.root = span
        data = {"type": kind, **doc.data}
        self.page.blocks.append(
            RawBlock(
                kind,
                data,
                span,
                doc.index,
                tuple(self.conditions),
                fence_line,
                self.line(token.map[1] - 1),
            )
        )

    def _maybe_misspelt_fence(self, token: Token, kind: str) -> None:
        close = difflib.get_close_matches(kind, BLOCK_TYPES, n=1, cutoff=0.75)
        if close and token.map is not None:
            self.diagnostics.append(
                warning(
                    "AIC013",
                    f"'{kind}' is not a block type, so this fence is shown as code",
                    Span(self.file.display, self.line(token.map[0]), 1),
                    f"did you mean '{close[0]}'?",
                )
            )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _split_body(page: RawPage, body: str) -> list[Diagnostic]:
    splitter = _Splitter(page)
    for token in markdown_parser().parse(body):
        depth = len(splitter.conditions)
        if token.type.startswith("container_") and token.type.endswith("_open"):
            splitter.open_condition(token)
        elif token.type.startswith("container_") and token.type.endswith("_close"):
            splitter.close_condition()
        elif token.level != depth or token.map is None:
            continue
        elif token.type == "fence":
            splitter.fence(token)
        else:
            splitter.add_text(token)
    splitter.flush_text()
    return splitter.diagnostics
