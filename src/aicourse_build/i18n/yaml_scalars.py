"""Replacing strings of a YAML text in place: everything around them stays byte for byte.

A new string is written in the style its old one was written in (plain, 'single', "double",
literal `|`, folded `>`) when that style can hold it, else in the next safe style. Every
candidate is read back with the manuscript loader, and kept only when the edited text gives
exactly the old data with the one new string, so no edit can change another value.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aicourse_build.i18n.yaml_styles import DEFAULT_WIDTH, Context, plain_or_quoted, renderers
from aicourse_build.source.yaml_positions import Loc, load_yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> Node | None:
    """The node tree, read as the manuscript loader reads it: libyaml first, and the
    pure-Python parser for the rare text libyaml refuses but YAML allows."""
    for loader in dict.fromkeys((_LOADER, yaml.SafeLoader)):
        try:
            node: Node | None = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue
        return node
    return None


def read_data(text: str) -> Any:
    """The data the manuscript loader reads from `text` (None when it cannot)."""
    doc, problems = load_yaml(text, "")
    return None if doc is None or problems else doc.data


@dataclass(frozen=True)
class _Place:
    node: ScalarNode
    parent_col: int  # column of the key, or of the `-`, that the value belongs to
    flow: bool  # inside [...] or {...}


def _find(node: Node, loc: Loc, parent_col: int = 0, flow: bool = False) -> _Place | None:
    if not loc:
        return _Place(node, parent_col, flow) if isinstance(node, ScalarNode) else None
    key, rest = loc[0], loc[1:]
    flow = flow or bool(getattr(node, "flow_style", False))
    if isinstance(node, MappingNode) and isinstance(key, str):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return _find(value, rest, key_node.start_mark.column, flow)
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return _find(node.value[key], rest, node.start_mark.column, flow)
    return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


def _extent(text: str, node: ScalarNode) -> tuple[int, int]:
    """Offsets of the scalar as written; a block scalar ends with its last line of content
    (the blank lines after it stay where they are)."""
    starts = _line_starts(text)
    start = starts[node.start_mark.line] + node.start_mark.column
    end_line, end_col = node.end_mark.line, node.end_mark.column
    if node.style in ("|", ">"):
        lines = text.split("\n")
        last = end_line if end_col > 0 else end_line - 1
        while last > node.start_mark.line and not lines[last].strip():
            last -= 1
        return start, starts[last] + len(lines[last])
    return start, starts[end_line] + end_col


def _context(text: str, place: _Place, start: int, end: int) -> Context:
    """What the old string's text says about writing the new one."""
    written = text[start:end].split("\n")
    first = place.node.start_mark.line
    block = place.node.style in ("|", ">")
    content = [line for line in written[1:] if line.strip()]
    default_indent = place.parent_col + 2
    content_indent = len(content[0]) - len(content[0].lstrip(" ")) if block and content else 0
    continuation = len(written[1]) - len(written[1].lstrip(" ")) if len(written) > 1 else 0
    wrapped = len(content) > 1 if block else len(written) > 1
    lines = text.split("\n")[first : first + len(written)]
    return Context(
        flow=place.flow,
        parent_col=place.parent_col,
        multi_line=len(written) > 1,
        continuation=max(continuation, default_indent),
        content_indent=max(content_indent, place.parent_col + 1)
        if content_indent
        else default_indent,
        width=max(len(line) for line in lines) if wrapped else DEFAULT_WIDTH,
    )


def _with_value(data: Any, loc: Loc, value: str) -> Any:
    changed = copy.deepcopy(data)
    node = changed
    for key in loc[:-1]:
        node = node[key]
    node[loc[-1]] = value
    return changed


def set_value(text: str, loc: Loc, value: str, data: Any) -> tuple[str, Any] | None:
    """`text` with the string at `loc` set to `value`, and the data it now reads as.

    `data` is what `text` reads as. None when `loc` is not a string in the text, or when no
    style gives the value back unchanged (which the styles above should make impossible).
    """
    root = compose(text)
    place = _find(root, loc) if root is not None else None
    if place is None:
        return None
    if place.node.value == value:
        return text, data
    start, end = _extent(text, place.node)
    ctx = _context(text, place, start, end)
    expected = _with_value(data, loc, value)
    col = place.node.start_mark.column
    for render in renderers(place.node.style or "", value):
        written = render(value, ctx, col)
        if written is None:
            continue
        candidate = text[:start] + written + text[end:]
        if read_data(candidate) == expected:
            return candidate, expected
    return None


def set_values(text: str, values: dict[Loc, str]) -> tuple[str, list[Loc]]:
    """`text` with every string of `values` set; the key paths that could not be set."""
    data = read_data(text)
    failed: list[Loc] = []
    for loc, value in values.items():
        done = set_value(text, loc, value, data) if data is not None else None
        if done is None:
            failed.append(loc)
        else:
            text, data = done
    return text, failed


def _key_line(root: MappingNode, key: str) -> int | None:
    """The last line (0-based) of a top-level key's value."""
    for key_node, value in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            end = value.end_mark
            line: int = end.line if end.column > 0 else end.line - 1
            return line
    return None


def mark_translation(
    text: str, lang: str, original: str, hash_: str, *, at_end: bool
) -> str | None:
    """`text` (a mapping) saying it is the `lang` translation of `original` at `hash_`.

    An existing `lang:` gets the new language and `translates:` goes right after it; otherwise
    both go first (a YAML file) or last (a page's front matter, `at_end`). None when the text is
    not a mapping or already says what it translates.
    """
    root = compose(text)
    data = read_data(text)
    if not isinstance(root, MappingNode) or not isinstance(data, dict) or "translates" in data:
        return None
    indent = " " * root.start_mark.column
    block = [
        f"{indent}translates:",
        f"{indent}  from: {plain_or_quoted(original)}",
        f'{indent}  hash: "{hash_}"',
    ]
    lines = text.split("\n")
    lang_line = _key_line(root, "lang")
    if lang_line is not None:
        done = set_value(text, ("lang",), lang, data)
        if done is None:
            return None
        lines = done[0].split("\n")
        lines[lang_line + 1 : lang_line + 1] = block
    else:
        block.insert(0, f"{indent}lang: {lang}")
        end = root.end_mark.line if root.end_mark.column > 0 else root.end_mark.line - 1
        while at_end and end > 0 and not lines[end].strip():
            end -= 1
        where = end + 1 if at_end else root.start_mark.line
        lines[where:where] = block
    marked = "\n".join(lines)
    expected = {**data, "lang": lang, "translates": {"from": original, "hash": hash_}}
    return marked if read_data(marked) == expected else None
