"""Where each tag, attribute and processing instruction of an XML document is, in its bytes.

lxml tells what a document holds but not where each attribute is written; this scan of well-formed
XML finds the byte offsets, so a problem can be reported at its line and column. It reads comments,
CDATA sections, processing instructions and the DOCTYPE (with its internal subset) far enough to
skip them, and it never expands entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ATTRIBUTE = re.compile(rb"\s*([^\s=/>]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_TAG_END = re.compile(rb"\s*(/?)>")
_NAME_END = re.compile(rb"[\s/>]")
_REFERENCE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.\-]*);")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}


@dataclass
class XmlAttribute:
    name: str  # as written, with its prefix
    offset: int
    value_start: int  # after the opening quote
    value_end: int  # at the closing quote


@dataclass
class XmlTag:
    offset: int
    attributes: list[XmlAttribute]
    content_start: int
    content_end: int  # where the end tag starts; content_start when the tag closes itself


@dataclass
class XmlMarkup:
    tags: list[XmlTag] = field(default_factory=list)
    stylesheet_instructions: list[int] = field(default_factory=list)
    internal_subset: tuple[int, int] | None = None  # from "[" to just after "]"


def _after(data: bytes, end: bytes, start: int) -> int:
    found = data.find(end, start)
    return len(data) if found < 0 else found + len(end)


def _internal_subset_end(data: bytes, i: int) -> int:
    while i < len(data):
        byte = data[i : i + 1]
        if data.startswith(b"<!--", i):
            i = _after(data, b"-->", i + 4)
        elif data.startswith(b"<?", i):
            i = _after(data, b"?>", i + 2)
        elif byte in (b'"', b"'"):
            i = _after(data, byte, i + 1)
        elif byte == b"]":
            return i + 1
        else:
            i += 1
    return i


def _doctype_end(data: bytes, i: int, markup: XmlMarkup) -> int:
    i += len(b"<!DOCTYPE")
    while i < len(data):
        byte = data[i : i + 1]
        if byte in (b'"', b"'"):
            i = _after(data, byte, i + 1)
        elif byte == b"[":
            end = _internal_subset_end(data, i + 1)
            markup.internal_subset = (i, end)
            i = end
        elif byte == b">":
            return i + 1
        else:
            i += 1
    return i


def _start_tag(data: bytes, i: int) -> XmlTag:
    name_end = _NAME_END.search(data, i + 1)
    j = name_end.start() if name_end else len(data)
    attributes = []
    while match := _ATTRIBUTE.match(data, j):
        name = match[1].decode("utf-8", "replace")
        attributes.append(XmlAttribute(name, match.start(1), match.start(2) + 1, match.end(2) - 1))
        j = match.end()
    end = _TAG_END.match(data, j)
    if end is None:  # not well-formed; the parser has said so already
        return XmlTag(i, attributes, j + 1, j + 1)
    return XmlTag(i, attributes, end.end(), end.end())


def scan(data: bytes) -> XmlMarkup:
    """Where every start tag, attribute and stylesheet instruction of well-formed XML is."""
    markup = XmlMarkup()
    open_tags: list[XmlTag] = []
    i = data.find(b"<")
    while i >= 0:
        if data.startswith(b"<!--", i):
            i = _after(data, b"-->", i + 4)
        elif data.startswith(b"<![CDATA[", i):
            i = _after(data, b"]]>", i + 9)
        elif data.startswith(b"<?", i):
            if re.match(rb"xml-stylesheet[\s?]", data[i + 2 : i + 17]):
                markup.stylesheet_instructions.append(i)
            i = _after(data, b"?>", i + 2)
        elif data.startswith(b"<!DOCTYPE", i):
            i = _doctype_end(data, i, markup)
        elif data.startswith(b"</", i):
            if open_tags:
                open_tags.pop().content_end = i
            i = _after(data, b">", i + 2)
        else:
            tag = _start_tag(data, i)
            markup.tags.append(tag)
            if data[tag.content_start - 2 : tag.content_start] != b"/>":
                open_tags.append(tag)
            i = max(tag.content_start, i + 1)
        i = data.find(b"<", i)
    return markup


def unescape(raw: str, in_attribute: bool) -> tuple[str, list[int]]:
    """Text as the parser reads it, and for each of its characters the index it came from."""
    chars: list[str] = []
    origins: list[int] = []
    i = 0
    while i < len(raw):
        if raw.startswith("<![CDATA[", i):
            end = raw.find("]]>", i)
            stop = len(raw) if end < 0 else end
            chars.extend(raw[i + 9 : stop])
            origins.extend(range(i + 9, stop))
            i = stop + 3
        elif raw[i] == "<":
            closer = (
                "-->" if raw.startswith("<!--", i) else "?>" if raw[i + 1 : i + 2] == "?" else ">"
            )
            end = raw.find(closer, i + 1)
            i = len(raw) if end < 0 else end + len(closer)
        elif raw[i] == "&" and (reference := _REFERENCE.match(raw, i)):
            name = reference[1]
            if name.startswith("#"):
                code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
                text = chr(code) if code <= 0x10FFFF else ""
            else:
                text = _PREDEFINED.get(name, "")
            chars.extend(text)
            origins.extend([i] * len(text))
            i = reference.end()
        elif raw.startswith("\r\n", i):
            i += 1  # the parser reads a line end as "\n"
        else:
            char = "\n" if raw[i] == "\r" else raw[i]
            chars.append(" " if in_attribute and char in "\t\n" else char)
            origins.append(i)
            i += 1
    return "".join(chars), origins


def blank(data: bytes, section: tuple[int, int] | None) -> bytes:
    """`data` with a section turned into spaces, keeping its line ends so positions stay."""
    if section is None:
        return data
    start, end = section
    return data[:start] + re.sub(rb"[^\r\n]", b" ", data[start:end]) + data[end:]
