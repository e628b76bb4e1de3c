"""YAML with positions: plain data plus a map from key paths to spans.

PyYAML's composer keeps the line and column of every node; one walk over the node tree builds
the data and the `PositionIndex`, and reports what PyYAML would otherwise hide (duplicate keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aicourse_build.diagnostics import Diagnostic, Span, error

Loc = tuple[str | int, ...]
_NULL = re.compile(r"|~|null|Null|NULL")

# Aliases can make a tiny file expand enormously; no real manuscript needs more nodes than this.
MAX_NODES = 200_000


@dataclass(frozen=True)
class NodeSpan:
    value: Span
    key: Span | None = None


@dataclass
class PositionIndex:
    """Spans of every key and value, by key path; `root` is where the document starts."""

    root: Span
    spans: dict[Loc, NodeSpan] = field(default_factory=dict)

    def value_span(self, loc: Loc) -> Span:
        return self._nearest(loc).value

    def key_span(self, loc: Loc) -> Span:
        found = self._nearest(loc)
        return found.key or found.value

    def _nearest(self, loc: Loc) -> NodeSpan:
        for size in range(len(loc), 0, -1):
            hit = self.spans.get(loc[:size])
            if hit is not None:
                return hit
        return NodeSpan(self.root)

    def has(self, loc: Loc) -> bool:
        return loc in self.spans


@dataclass(frozen=True)
class YamlDoc:
    data: Any
    index: PositionIndex


class _Walker:
    def __init__(self, path: str, line_offset: int, col_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.col_offset = col_offset
        self.diagnostics: list[Diagnostic] = []
        self.index = PositionIndex(Span(path, line_offset + 1, col_offset + 1))
        self.nodes = 0

    def span(self, node: Node) -> Span:
        start, end = node.start_mark, node.end_mark
        return Span(
            self.path,
            start.line + 1 + self.line_offset,
            start.column + 1 + self.col_offset,
            end.line + 1 + self.line_offset,
            end.column + 1 + self.col_offset,
        )

    def walk(self, node: Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLargeError
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            result = []
            for position, item in enumerate(node.value):
                self._record((*loc, position), item, None)
                result.append(self.walk(item, (*loc, position)))
            return result
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        """Text as written; only an empty or `null` plain value is None.

        YAML 1.1 would turn `1:30` into 90, `no` into false and `01234567` into an octal
        number. The models know which fields are numbers or booleans and convert the text
        there, so an author's ids, hashes, durations and language codes stay as typed.
        """
        assert isinstance(node, ScalarNode)
        if not node.style and _NULL.fullmatch(node.value):  # plain: style None or ""
            return None
        return str(node.value)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Span] = {}
        for key_node, value_node in node.value:
            key_span = self.span(key_node)
            if not isinstance(key_node, ScalarNode):
                self.diagnostics.append(
                    error("AIC001", "a key must be plain text, not a list or mapping", key_span)
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                self.diagnostics.append(
                    error(
                        "AIC002",
                        f"duplicate key '{key}'",
                        key_span,
                        f"'{key}' is already set on line {first_seen[key].line}; "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            first_seen[key] = key_span
            self._record((*loc, key), value_node, key_span)
            result[key] = self.walk(value_node, (*loc, key))
        return result

    def _record(self, loc: Loc, node: Node, key_span: Span | None) -> None:
        self.index.spans[loc] = NodeSpan(self.span(node), key_span)


class _TooLargeError(Exception):
    pass


def _explain(exc: yaml.MarkedYAMLError) -> tuple[str, str | None]:
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    if "'\\t'" in problem or "\t" in problem:
        return "a tab character cannot indent YAML", "indent with spaces only"
    if "scanning a quoted scalar" in context:
        return "unclosed quote: this string never ends", "add the closing quote"
    if "mapping values are not allowed" in problem:
        return (
            "unexpected ':' here",
            "check the indentation, or put quotes around a value that contains ': '",
        )
    if "could not find expected ':'" in problem:
        return "expected 'key: value'", "check the indentation of this line and the one before"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "bad indentation", "line this up with the keys above it"
    if "found undefined alias" in problem:
        return "unknown alias", None
    text = re.sub(r"\s+", " ", f"{problem} ({context})" if context else problem)
    return f"invalid YAML: {text}", None


_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s#'\"][^#]*?:\s+)?(?P<q>[\"'])")


def _closes(rest: str, quote: str) -> bool:
    if quote == "'":
        return re.search(r"(?<!')'(?!')", rest) is not None
    return re.search(r'(?<!\\)"', rest) is not None


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """The first value before the error that opens a quote its line never closes.

    A quote left open swallows the lines after it, so the parser fails further down, often
    where the next quote is; the author needs the line where the string starts.
    """
    for number, line in enumerate(text.split("\n")[:error_line]):
        match = _QUOTED_VALUE.match(line)
        if match and not _closes(line[match.end() :], match["q"]):
            return number, match.start("q")
    return None


# libyaml composes about ten times faster; its error messages are terser, so a document it
# refuses is parsed again by the pure-Python loader for the message authors see.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> Node | None:
    if _FAST_LOADER is not None:
        try:
            node: Node | None = yaml.compose(text, Loader=_FAST_LOADER)
            return node
        except yaml.YAMLError:
            pass
    slow: Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    return slow


def load_yaml(
    text: str, path: str, line_offset: int = 0, col_offset: int = 0
) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one YAML document; spans are shifted by the given offsets (for embedded YAML)."""
    walker = _Walker(path, line_offset, col_offset)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = (mark.column + 1 if mark else 1) + col_offset
        message, hint = _explain(exc)
        unclosed = _unclosed_quote(text, mark.line if mark else 0)
        if unclosed is not None:
            line, col = unclosed[0] + 1 + line_offset, unclosed[1] + 1 + col_offset
            message, hint = "unclosed quote: this string never ends", "add the closing quote"
        return None, [error("AIC001", message, Span(path, line, col), hint)]
    except yaml.YAMLError as exc:
        return None, [error("AIC001", f"invalid YAML: {exc}", walker.index.root)]
    except RecursionError:
        # `[[[[...]]]]` hundreds deep: the composer recurses once per level
        return None, [_too_deep(text, path, line_offset, col_offset)]
    if root is None:
        return YamlDoc(None, walker.index), []
    walker.index.root = walker.span(root)
    try:
        data = walker.walk(root, ())
    except _TooLargeError:
        return None, [
            error(
                "AIC006",
                f"YAML expands to more than {MAX_NODES} values (aliases?)",
                walker.index.root,
            )
        ]
    except RecursionError:
        return None, [_too_deep(text, path, line_offset, col_offset)]
    return YamlDoc(data, walker.index), walker.diagnostics


def load_yaml_mapping(text: str, path: str) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """A whole YAML file that must be a mapping (course.yaml, a profile, theme.yaml...)."""
    doc, problems = load_yaml(text, path)
    if doc is not None and not isinstance(doc.data, dict):
        problem = "this file must be a mapping of 'key: value' lines"
        return None, [*problems, error("AIC012", problem, doc.index.root)]
    return doc, problems


# Deeper than any manuscript needs; where a text first gets this deep is where to look.
_DEEP = 32


def _deep_point(text: str) -> tuple[int, int]:
    """0-based line and column where `[`/`{` nesting first reaches _DEEP (quoted text and
    comments skipped), else the most indented line: where the nesting goes wrong."""
    depth, quote = 0, ""
    for number, line in enumerate(text.split("\n")):
        for col, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#" and (col == 0 or line[col - 1] in " \t"):
                break
            elif char in "[{":
                depth += 1
                if depth >= _DEEP:
                    return number, col
            elif char in "]}":
                depth -= 1
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" ")) for line in lines]
    deepest = max(range(len(lines)), key=widths.__getitem__) if lines else 0
    return deepest, widths[deepest] if lines else 0


def _too_deep(text: str, path: str, line_offset: int, col_offset: int) -> Diagnostic:
    line, col = _deep_point(text)
    return error(
        "AIC001",
        "YAML is nested too deeply",
        Span(path, line + 1 + line_offset, col + 1 + col_offset),
        "a manuscript needs a few levels at most: is a bracket or an indentation wrong here?",
    )
