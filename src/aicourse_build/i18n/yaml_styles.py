"""Writing a string as a YAML scalar in each style: plain, 'single', "double", literal `|` and
folded `>`; each says None when its style cannot hold the string.

A string keeps the style it was written in when it can, so the order of fallbacks starts there
and ends with double quotes, which hold anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_WIDTH = 100  # wrap width for a string whose old text gives none


@dataclass(frozen=True)
class Context:
    flow: bool
    parent_col: int
    multi_line: bool  # the old string spanned several lines
    continuation: int  # indentation of its second line (or what it would be)
    content_indent: int  # indentation of block scalar content
    width: int  # the longest line the old string was wrapped to


def _printable(ch: str) -> bool:
    """Can `ch` stand for itself in a YAML text? (YAML 1.1 reads NEL, U+2028 and U+2029 as line
    breaks, so those are escaped too.)"""
    code = ord(ch)
    return (
        ch in "\t\n"
        or 0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_NULLS = {"~", "null", "Null", "NULL"}


def _plain_words(value: str, flow: bool) -> bool:
    """Can `value` be written without quotes (on one or more lines)?"""
    return (
        bool(value)
        and value == value.strip()
        and "\n" not in value
        and "\t" not in value
        and value[0] not in _PLAIN_FIRST
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and value not in _NULLS
        and not (flow and any(ch in value for ch in ",[]{}"))
        and all(_printable(ch) for ch in value)
    )


def _pieces(paragraph: str) -> list[str]:
    """Words joined by single spaces between non-spaces: the only places a line may break."""
    return re.split(r"(?<=\S) (?=\S)", paragraph)


def _wrap(paragraph: str, indent: int, width: int, first_room: int | None = None) -> list[str]:
    lines: list[str] = []
    room = width - indent if first_room is None else first_room
    current = ""
    for piece in _pieces(paragraph):
        if current and len(current) + 1 + len(piece) > room:
            lines.append(current)
            current, room = piece, width - indent
        else:
            current = f"{current} {piece}" if current else piece
    lines.append(current)
    return lines


def _plain(value: str, ctx: Context, col: int) -> str | None:
    if not _plain_words(value, ctx.flow):
        return None
    if not ctx.multi_line or ctx.flow:
        return value
    lines = _wrap(value, ctx.continuation, ctx.width, first_room=ctx.width - col)
    pad = " " * ctx.continuation
    return "\n".join([lines[0], *(pad + line for line in lines[1:])])


def _single(value: str, ctx: Context, col: int) -> str | None:
    if "\n" in value or not all(_printable(ch) for ch in value):
        return None
    return "'" + value.replace("'", "''") + "'"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if _printable(ch):
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _double(value: str, ctx: Context, col: int) -> str | None:
    return '"' + "".join(_escape(ch) for ch in value) + '"'


def _quoted(value: str, ctx: Context, col: int) -> str | None:
    """Quotes for a string that plain style cannot hold; single ones spare escaping `"`."""
    if '"' in value and "'" not in value:
        return _single(value, ctx, col) or _double(value, ctx, col)
    return _double(value, ctx, col)


def _block_body(value: str) -> tuple[str, str] | None:
    """The content of a block scalar and its chomping indicator, if one can hold `value`."""
    body = value.rstrip("\n")
    newlines = len(value) - len(body)
    if not body or newlines > 1 or body[0] in " \t" or not all(_printable(ch) for ch in body):
        return None
    return body, "-" if newlines == 0 else ""


def _literal(value: str, ctx: Context, col: int) -> str | None:
    found = _block_body(value)
    if found is None or ctx.flow:
        return None
    body, chomp = found
    lines = body.split("\n")
    if any(line.strip() == "" and line for line in lines):
        return None  # a line of only spaces would be read as part of the indentation
    pad = " " * ctx.content_indent
    return "\n".join([f"|{chomp}", *(pad + line if line else "" for line in lines)])


def _folded(value: str, ctx: Context, col: int) -> str | None:
    found = _block_body(value)
    if found is None or ctx.flow:
        return None
    body, chomp = found
    paragraphs = body.split("\n")
    if any(p != p.strip(" \t") for p in paragraphs) or "\t" in body:
        return None  # an indented line of a folded string keeps its line break
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append("")
        if paragraph:
            lines += _wrap(paragraph, ctx.content_indent, ctx.width)
    pad = " " * ctx.content_indent
    return "\n".join([f">{chomp}", *(pad + line if line else "" for line in lines)])


Renderer = Callable[[str, Context, int], str | None]


def renderers(style: str, value: str) -> list[Renderer]:
    """The styles to try for `value` where a string of `style` was, best first."""
    several_lines = "\n" in value.rstrip("\n")
    by_style: dict[str, list[Renderer]] = {
        "": [_plain, _literal, _quoted] if several_lines else [_plain, _quoted],
        "'": [_single, _literal, _double],
        '"': [_double],
        "|": [_literal, _double],
        ">": [_folded, _literal, _double],
    }
    return by_style[style]


_NO_CONTEXT = Context(False, 0, False, 2, 2, DEFAULT_WIDTH)


def plain_or_quoted(value: str) -> str:
    """`value` on one line of block YAML: plain when it can be, else in double quotes."""
    return value if _plain_words(value, flow=False) else _double(value, _NO_CONTEXT, 0) or ""
