"""Reading CSS as browsers tokenise it, far enough to find what it would fetch or run.

The scan finds every `url()`, `@import` and `expression()` outside comments and strings, and the
string arguments of functions that fetch them (`image-set("a.png")`); identifier escapes such as
`u\\72l(` are decoded, because a browser decodes them too. What is allowed is css.py's to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

EventKind = Literal["url", "import", "expression", "escaped-url", "bad-url"]

# functions whose string arguments are addresses the browser fetches
_STRING_URL_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "src"})
# at-rules whose url() names something that is not fetched (@namespace) or is reported as a whole
_RULES_WITHOUT_FETCH = frozenset({"import", "namespace"})
_HEX_ESCAPE = re.compile(r"([0-9a-fA-F]{1,6})[ \t\n\f]?")


@dataclass(frozen=True)
class CssEvent:
    kind: EventKind
    offset: int  # in the scanned text
    value: str = ""


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char in "_-" or ord(char) >= 0x80


def _read_escape(text: str, i: int) -> tuple[str, int]:
    """The character a backslash escape stands for; `i` is just after the backslash."""
    match = _HEX_ESCAPE.match(text, i)
    if match is None:
        return text[i], i + 1
    code = int(match[1], 16)
    valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
    return (chr(code) if valid else "\ufffd"), match.end()


def _starts_escape(text: str, i: int) -> bool:
    return text[i] == "\\" and i + 1 < len(text) and text[i + 1] != "\n"


def _read_name(text: str, i: int) -> tuple[str, int]:
    chars = []
    while i < len(text):
        if _starts_escape(text, i):
            char, i = _read_escape(text, i + 1)
            chars.append(char)
        elif _is_name_char(text[i]):
            chars.append(text[i])
            i += 1
        else:
            break
    return "".join(chars), i


def _read_string(text: str, i: int) -> tuple[str, int, bool]:
    """A quoted string from its quote: (value, end, whether it had a backslash)."""
    quote, chars, escaped, i = text[i], [], False, i + 1
    while i < len(text) and text[i] not in (quote, "\n"):
        if text[i] == "\\":
            escaped = True
            if i + 1 >= len(text) or text[i + 1] == "\n":
                i += 2
                continue
            char, i = _read_escape(text, i + 1)
            chars.append(char)
        else:
            chars.append(text[i])
            i += 1
    closed = i < len(text) and text[i] == quote
    return "".join(chars), i + 1 if closed else i, escaped


def _read_url(text: str, start: int, i: int) -> tuple[CssEvent, int, bool]:
    """The `url(` at `start` with `i` after its parenthesis: (event, end, whether it stays open)."""
    while i < len(text) and text[i] in " \t\n\f":
        i += 1
    if i < len(text) and text[i] in "\"'":
        value, end, escaped = _read_string(text, i)
        # url("x" modifiers) continues like any function until its ")"
        return CssEvent("escaped-url" if escaped else "url", start, value), end, True
    close = text.find(")", i)
    end = len(text) if close < 0 else close
    value = text[i:end].strip(" \t\n\f")
    if "\\" in value:
        event = CssEvent("escaped-url", start, value)
    elif any(char in value for char in " \t\n\f\"'("):
        event = CssEvent("bad-url", start, value)
    else:
        event = CssEvent("url", start, value)
    return event, end + 1, False


def css_events(text: str) -> list[CssEvent]:
    """Every fetch and every script in `text`, in order, outside comments and plain strings."""
    events: list[CssEvent] = []
    functions: list[str] = []  # the open functions, innermost last ("" for a parenthesis)
    in_rule_without_fetch = False
    i = 0
    while i < len(text):
        char = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
        elif char in "\"'":
            value, i_end, escaped = _read_string(text, i)
            if functions and functions[-1] in _STRING_URL_FUNCTIONS and not in_rule_without_fetch:
                events.append(CssEvent("escaped-url" if escaped else "url", i, value))
            i = i_end
        elif char == "@":
            name, end = _read_name(text, i + 1)
            if name.lower() == "import":
                events.append(CssEvent("import", i))
            in_rule_without_fetch = name.lower() in _RULES_WITHOUT_FETCH
            i = max(end, i + 1)
        elif char in ";{}":
            # a function cannot run on past a declaration or block; this keeps bad CSS bounded
            in_rule_without_fetch = False
            functions.clear()
            i += 1
        elif char == "(":
            functions.append("")
            i += 1
        elif char == ")":
            if functions:
                functions.pop()
            i += 1
        elif (_is_name_char(char) and not char.isdigit()) or _starts_escape(text, i):
            name, end = _read_name(text, i)
            if end < len(text) and text[end] == "(":
                lowered = name.lower()
                if lowered == "url":
                    event, end, still_open = _read_url(text, i, end + 1)
                    if not in_rule_without_fetch:
                        events.append(event)
                    if still_open:
                        functions.append("url")
                    i = end
                    continue
                if lowered == "expression":
                    events.append(CssEvent("expression", i))
                functions.append(lowered)
                end += 1
            i = max(end, i + 1)
        else:
            i += 1
    return events
