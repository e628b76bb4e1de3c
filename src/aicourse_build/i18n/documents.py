"""A translatable file read as its texts (units) and where each one is written.

A YAML file (a question bank, course.yaml) is one YAML region. A page is its front matter (YAML),
its runs of Markdown text, and the YAML bodies of its fenced blocks: each a region of lines, so
an edit in one region leaves every other line as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.i18n.texts import (
    BLOCK_TEXTS,
    PAGE_TEXTS,
    Pattern,
    skeleton,
    text_locs,
    unit_key,
)
from aicourse_build.i18n.yaml_scalars import compose, mark_translation, set_values
from aicourse_build.source.files import SourceFile
from aicourse_build.source.markdown_source import RawBlock, parse_page
from aicourse_build.source.yaml_positions import Loc, load_yaml

# What says which text a translation is, and an original's marks of facts to confirm (confirm.py,
# never in a translation); not texts, and not part of a file's skeleton.
META_KEYS = ("lang", "translates", "confirm")


@dataclass(frozen=True)
class Region:
    """Lines `first` to `last` (1-based, inclusive) of a file."""

    first: int
    last: int
    indent: int = 0  # columns of each line that belong to an indented fence, not to the YAML
    markdown: bool = False  # a run of Markdown text rather than YAML


@dataclass(frozen=True)
class Slot:
    value: str
    region: Region
    loc: Loc  # the key path in the region's YAML (or in the block, for Markdown text)


@dataclass(frozen=True)
class Document:
    lines: tuple[str, ...]
    slots: dict[str, Slot]  # unit id -> where its text is, in the order written
    skeleton: Any  # everything but the texts and META_KEYS: what a translation shares
    layout: tuple[Any, ...]  # a page's blocks: what units named by position depend on
    meta: Region  # where `lang` and `translates` are, or go
    meta_data: dict[str, Any]
    is_page: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def recorded_hash(self) -> str | None:
        translates = self.meta_data.get("translates")
        value = translates.get("hash") if isinstance(translates, dict) else None
        return value if isinstance(value, str) else None


def _get(data: Any, loc: Loc) -> Any:
    for key in loc:
        data = data[key]
    return data


def _split_meta(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    content = {k: v for k, v in data.items() if k not in META_KEYS}
    return content, {k: v for k, v in data.items() if k in META_KEYS}


def _not_readable(display: str, what: str) -> list[Diagnostic]:
    return [error("AIC012", f"{what}, so its texts cannot be read", Span(display))]


def read_yaml_document(
    text: str, display: str, patterns: tuple[Pattern, ...]
) -> tuple[Document | None, list[Diagnostic]]:
    doc, problems = load_yaml(text, display)
    if doc is None or any(p.is_error for p in problems):
        return None, problems
    if not isinstance(doc.data, dict):
        return None, _not_readable(display, "the file is not a mapping")
    lines = tuple(text.split("\n"))
    region = Region(1, len(lines))
    content, meta = _split_meta(doc.data)
    slots = {
        unit_key(content, loc): Slot(_get(content, loc), region, loc)
        for loc in text_locs(content, patterns)
    }
    return Document(lines, slots, skeleton(content, patterns), (), region, meta, False), []


def _fence_region(lines: tuple[str, ...], block: RawBlock) -> Region:
    """The YAML body of a fenced block: the lines between its fences."""
    last = block.last_line
    closing = lines[last - 1].strip() if last > block.first_line else ""
    closed = len(closing) >= 3 and set(closing) in ({"`"}, {"~"})
    return Region(block.first_line + 1, last - 1 if closed else last, block.span.col - 1)


def read_page_document(text: str, display: str) -> tuple[Document | None, list[Diagnostic]]:
    raw, problems = parse_page(SourceFile.from_text(Path(display), display, text))
    errors = [p for p in problems if p.is_error]
    if errors or raw.front is None or not isinstance(raw.front.data, dict):
        return None, errors or _not_readable(display, "the page has no front matter")
    lines = tuple(text.split("\n"))
    front = Region(2, raw.body_line - 2)
    content, meta = _split_meta(raw.front.data)
    page_id = content.get("id")
    prefix = f"{page_id}." if isinstance(page_id, str) else ""
    slots = {
        prefix + unit_key(content, loc): Slot(_get(content, loc), front, loc)
        for loc in text_locs(content, PAGE_TEXTS)
    }
    counts: Counter[str] = Counter()
    layout: list[Any] = []
    blocks: list[Any] = []
    for block in raw.blocks:
        body = {k: v for k, v in block.data.items() if k != "type"}
        block_id = body.get("id")
        if not isinstance(block_id, str):
            counts[block.type] += 1
            # counted; `_` keeps these apart from author-given ids, which never have one
            block_id = f"{block.type}_{counts[block.type]}"
        conditions = tuple((c.kind, c.names) for c in block.conditions)
        layout.append((block.type, block_id, conditions))
        patterns = BLOCK_TEXTS.get(block.type, ())
        region = (
            Region(block.first_line, block.last_line, markdown=True)
            if block.type == "text"
            else _fence_region(lines, block)
        )
        for loc in text_locs(body, patterns):
            slots[f"{block_id}.{unit_key(body, loc)}"] = Slot(_get(body, loc), region, loc)
        blocks.append((block.type, conditions, skeleton(body, patterns)))
    shape = {"front": skeleton(content, PAGE_TEXTS), "blocks": blocks}
    return Document(lines, slots, shape, tuple(layout), front, meta, True), []


def region_text(lines: list[str] | tuple[str, ...], region: Region) -> str:
    def unindented(line: str) -> str:
        return line[min(region.indent, len(line) - len(line.lstrip(" "))) :]

    return "\n".join(unindented(line) for line in lines[region.first - 1 : region.last])


def _replace_region(lines: list[str], region: Region, text: str) -> None:
    pad = " " * region.indent
    new = [pad + line if line and pad else line for line in text.split("\n")]
    lines[region.first - 1 : region.last] = new


def with_texts(doc: Document, values: dict[str, str]) -> tuple[list[str], list[str]]:
    """The document's lines with the texts of `values` (unit id -> text) written in, and the
    unit ids whose text could not be written."""
    lines = list(doc.lines)
    by_region: dict[Region, dict[Loc, str]] = {}
    names: dict[tuple[Region, Loc], str] = {}
    for unit_id, value in values.items():
        slot = doc.slots[unit_id]
        by_region.setdefault(slot.region, {})[slot.loc] = value
        names[(slot.region, slot.loc)] = unit_id
    failed: list[str] = []
    # from the last region up, so the line numbers of the regions above stay true
    for region in sorted(by_region, key=lambda r: r.first, reverse=True):
        edits = by_region[region]
        if region.markdown:
            _replace_region(lines, region, next(iter(edits.values())))
            continue
        text, bad = set_values(region_text(lines, region), edits)
        failed += [names[(region, loc)] for loc in bad]
        _replace_region(lines, region, text)
    return lines, failed


def with_hash(doc: Document, hash_: str) -> list[str] | None:
    """The document's lines with `translates.hash` set to `hash_`."""
    text, failed = set_values(region_text(doc.lines, doc.meta), {("translates", "hash"): hash_})
    if failed:
        return None
    lines = list(doc.lines)
    _replace_region(lines, doc.meta, text)
    return lines


def _without_marks(text: str) -> str:
    """The original's `confirm:` marks dropped: they stand for every language (confirm.py)."""
    root = compose(text)
    if not isinstance(root, MappingNode):
        return text
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "confirm":
            end = value.end_mark.line if value.end_mark.column > 0 else value.end_mark.line - 1
            lines = text.split("\n")
            del lines[key.start_mark.line : end + 1]
            return "\n".join(lines)
    return text


def as_translation(doc: Document, lang: str, original: str, hash_: str) -> list[str] | None:
    """The document's lines saying they are the `lang` translation of `original` at `hash_`."""
    text = mark_translation(
        _without_marks(region_text(doc.lines, doc.meta)), lang, original, hash_, at_end=doc.is_page
    )
    if text is None:
        return None
    lines = list(doc.lines)
    _replace_region(lines, doc.meta, text)
    return lines
