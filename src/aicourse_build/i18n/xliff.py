"""XLIFF 2.0 documents: writing them, and reading them back with a position for every problem.

One `<file>` per translatable file, one `<unit>` (with one `<segment>`) per text. What aicourse
needs to read its own export back (the hash of each source text, the course, the kind of file)
is kept in the standard Metadata module (`mda:`), which translation tools preserve. A tool may
split a unit into several segments; reading joins them again.

A text's `{{ variables }}` are inline placeholders, `<ph id="1" dataRef="d1" disp="{{ x }}"/>`,
with the variable itself in the unit's `<originalData>`: translation tools protect those, and
reading puts the variable back in their place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from lxml import etree

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.i18n.placeholders import code_ids, is_variable, pieces, variables
from aicourse_build.package.xml import serialize

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF_12_NS = "urn:oasis:names:tc:xliff:document:1.2"
VERSIONS = ("2.0", "2.1")  # 2.1 keeps 2.0's namespace and core
STATES = ("initial", "translated", "reviewed", "final")  # in this order of progress
CATEGORY = "aicourse"  # the mda:metaGroup aicourse writes


@dataclass
class Unit:
    id: str
    source: str
    target: str | None = None  # None: no translation (or not of every segment)
    state: str = "initial"  # the least advanced state of its segments
    source_hash: str | None = None
    notes: list[str] = field(default_factory=list)
    span: Span | None = None  # where it is in the XLIFF that was read
    target_span: Span | None = None  # where its (first) <target> is


@dataclass
class File:
    id: str
    original: str
    units: list[Unit] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    span: Span | None = None


@dataclass
class XliffDocument:
    src_lang: str
    trg_lang: str | None
    files: list[File] = field(default_factory=list)
    span: Span | None = None


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _metadata(parent: etree._Element, values: dict[str, str]) -> None:
    metadata = etree.SubElement(parent, f"{{{MDA_NS}}}metadata")
    group = etree.SubElement(metadata, f"{{{MDA_NS}}}metaGroup", category=CATEGORY)
    for key, value in values.items():
        etree.SubElement(group, f"{{{MDA_NS}}}meta", type=key).text = value


def _notes(parent: etree._Element, notes: list[str]) -> None:
    element = etree.SubElement(parent, _q("notes"))
    for note in notes:
        etree.SubElement(element, _q("note"), category=CATEGORY).text = note


# Characters XML 1.0 cannot hold; XLIFF writes them as <cp hex="..."/>.
_NOT_XML = re.compile("([^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff])")


def _append_text(element: etree._Element, text: str) -> None:
    """Text added at the end of the element's content, with what XML cannot hold as <cp>."""
    for i, part in enumerate(_NOT_XML.split(text)):
        if i % 2:
            etree.SubElement(element, _q("cp"), hex=f"{ord(part):04X}")
        elif len(element):
            element[-1].tail = (element[-1].tail or "") + part
        else:
            element.text = (element.text or "") + part


def _set_inline(element: etree._Element, text: str, ids: list[str], data: dict[str, str]) -> None:
    """The element's content: the text, each variable as a <ph> (ids in order, `data` gives
    the id of each variable's original data)."""
    element.text = ""  # a text node, even empty, keeps the serializer from indenting the codes
    codes = iter(ids)
    for run, is_code in pieces(text):
        if is_code:
            shown = _NOT_XML.sub("\ufffd", run)  # only shown: the data keeps the variable exactly
            etree.SubElement(element, _q("ph"), id=next(codes), dataRef=data[run], disp=shown)
        else:
            _append_text(element, run)


def _original_data(parent: etree._Element, texts: list[str]) -> dict[str, str]:
    """An <originalData> with each variable of `texts` once; variable -> its data id."""
    data: dict[str, str] = {}
    for literal in (v for text in texts for v in variables(text)):
        data.setdefault(literal, f"d{len(data) + 1}")
    if data:
        element = etree.SubElement(parent, _q("originalData"))
        for literal, data_id in data.items():
            item = etree.SubElement(element, _q("data"), id=data_id)
            item.text = ""
            _append_text(item, literal)
    return data


def write_xliff(document: XliffDocument) -> bytes:
    attributes = {"version": "2.0", "srcLang": document.src_lang}
    if document.trg_lang:
        attributes["trgLang"] = document.trg_lang
    namespaces = {None: XLIFF_NS, "mda": MDA_NS}  # lxml takes None for the default namespace
    root = etree.Element(_q("xliff"), attributes, nsmap=namespaces)  # type: ignore[arg-type]
    for file in document.files:
        # texts keep their spaces and line breaks exactly (Markdown and YAML depend on them)
        attrs = {"id": file.id, "original": file.original, f"{{{XML_NS}}}space": "preserve"}
        element = etree.SubElement(root, _q("file"), attrs)
        if file.meta:
            _metadata(element, file.meta)
        if file.notes:
            _notes(element, file.notes)
        for unit in file.units:
            _write_unit(element, unit)
    return serialize(root)


def _write_unit(parent: etree._Element, unit: Unit) -> None:
    element = etree.SubElement(parent, _q("unit"), id=unit.id)
    if unit.source_hash:
        _metadata(element, {"source-hash": unit.source_hash})
    if unit.notes:
        _notes(element, unit.notes)
    texts = [unit.source] if unit.target is None else [unit.source, unit.target]
    data = _original_data(element, texts)
    source_ids, target_ids = code_ids(unit.source, unit.target)
    segment = etree.SubElement(element, _q("segment"), state=unit.state)
    _set_inline(etree.SubElement(segment, _q("source")), unit.source, source_ids, data)
    if unit.target is not None:
        _set_inline(etree.SubElement(segment, _q("target")), unit.target, target_ids, data)


# -- reading ----------------------------------------------------------------------------------


class _InvalidError(Exception):
    def __init__(self, message: str, element: etree._Element, hint: str | None = None) -> None:
        super().__init__(message)
        self.element = element
        self.hint = hint


class _Reader:
    def __init__(self, data: bytes, display: str) -> None:
        self.display = display
        self.lines = data.decode("utf-8", errors="replace").split("\n")

    def span(self, element: etree._Element) -> Span:
        """Where the element's start tag is: lxml knows the line; the column is found there."""
        line = cast("int | None", element.sourceline) or 1  # the stubs type it loosely
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        local = etree.QName(element).localname
        match = re.search(rf"<(?:[\w.-]+:)?{re.escape(local)}\b", text)
        return Span(self.display, line, match.start() + 1 if match else 1)

    def invalid(self, problem: _InvalidError) -> Diagnostic:
        return error("AIC091", str(problem), self.span(problem.element), problem.hint)


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if child.tag == _q(name)]


def _code_point(element: etree._Element) -> str:
    hex_value = element.get("hex") or ""
    if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", hex_value) or int(hex_value, 16) > 0x10FFFF:
        raise _InvalidError(f"<cp> has no valid 'hex' code ('{hex_value}')", element)
    return chr(int(hex_value, 16))


def _is_core(element: etree._Element, *names: str) -> bool:
    return etree.QName(element).namespace == XLIFF_NS and _local(element) in names


def _placeholder(element: etree._Element, data: dict[str, str]) -> str:
    """The variable a <ph> stands for: its original data."""
    ref = element.get("dataRef")
    hint = "copy the placeholder from the source rather than typing or editing it"
    if ref is None:
        raise _InvalidError(
            f"<ph id='{element.get('id') or ''}'> has no 'dataRef', so the variable it stands "
            "for is unknown",
            element,
            hint,
        )
    if ref not in data:
        raise _InvalidError(
            f"<ph> refers to data '{ref}', which the unit's <originalData> does not have",
            element,
            hint,
        )
    if not is_variable(data[ref]):
        raise _InvalidError(
            f"<ph> stands for '{data[ref]}', which is not a {{{{ variable }}}}",
            element,
            "aicourse's texts have no inline codes but their variables; remove it",
        )
    return data[ref]


def _inline_text(element: etree._Element, data: dict[str, str]) -> str:
    """The text of a <source> or <target>: code points, placeholders and annotations resolved."""
    parts = [element.text or ""]
    for child in element:
        if _is_core(child, "cp"):
            parts.append(_code_point(child))
        elif _is_core(child, "ph"):
            parts.append(_placeholder(child, data))
        elif _is_core(child, "mrk", "pc"):
            parts.append(_inline_text(child, data))  # an annotation around text: the text counts
        elif not _is_core(child, "sm", "em"):
            raise _InvalidError(
                f"<{_local(child)}> inside <{_local(element)}> is not supported",
                child,
                "aicourse's texts have no inline codes but the <ph> of their {{ variables }}; "
                "remove it and keep its text",
            )
        parts.append(child.tail or "")
    return "".join(parts)


def _read_original_data(unit: etree._Element) -> dict[str, str]:
    """The unit's original data: id -> text."""
    data: dict[str, str] = {}
    for item in unit.iterfind(f"{_q('originalData')}/{_q('data')}"):
        data_id = _required(item, "id")
        if data_id in data:
            raise _InvalidError(f"data id '{data_id}' is used twice in <originalData>", item)
        parts = [item.text or ""]
        for child in item:
            if not _is_core(child, "cp"):
                raise _InvalidError(f"<{_local(child)}> inside <data> is not supported", child)
            parts += [_code_point(child), child.tail or ""]
        data[data_id] = "".join(parts)
    return data


def _required(element: etree._Element, attribute: str) -> str:
    value = element.get(attribute)
    if not value:
        raise _InvalidError(f"<{_local(element)}> has no '{attribute}' attribute", element)
    return value


def _meta(element: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in element.iterfind(f"{{{MDA_NS}}}metadata/{{{MDA_NS}}}metaGroup/{{{MDA_NS}}}meta"):
        if meta.get("type"):
            found[meta.get("type") or ""] = meta.text or ""
    return found


def _read_unit(element: etree._Element, reader: _Reader) -> Unit:
    unit_id = _required(element, "id")
    data = _read_original_data(element)
    sources: list[str] = []
    targets: list[tuple[int, str]] = []
    states: list[str] = []
    complete = True
    parts = [c for c in element if c.tag in (_q("segment"), _q("ignorable"))]
    if not parts:
        raise _InvalidError(f"unit '{unit_id}' has no <segment>", element)
    for position, part in enumerate(parts, start=1):
        found = _children(part, "source")
        if len(found) != 1:
            raise _InvalidError(f"a <{_local(part)}> of unit '{unit_id}' needs one <source>", part)
        source = _inline_text(found[0], data)
        sources.append(source)
        target = next(iter(_children(part, "target")), None)
        order = target.get("order", str(position)) if target is not None else str(position)
        if not order.isdigit():
            raise _InvalidError(f"a target of unit '{unit_id}' has an invalid order", part)
        if part.tag == _q("segment"):
            state = part.get("state", "initial")
            if state not in STATES:
                raise _InvalidError(f"unknown state '{state}'", part, f"one of {', '.join(STATES)}")
            states.append(state)
            complete = complete and target is not None
        # an ignorable without a target stands for itself (spaces between sentences)
        targets.append((int(order), _inline_text(target, data) if target is not None else source))
    first_target = element.find(f"{_q('segment')}/{_q('target')}")
    return Unit(
        unit_id,
        "".join(sources),
        "".join(text for _, text in sorted(targets)) if complete else None,
        min(states, key=STATES.index) if states else "initial",
        _meta(element).get("source-hash"),
        span=reader.span(element),
        target_span=reader.span(first_target) if first_target is not None else None,
    )


def _read_file(element: etree._Element, reader: _Reader) -> tuple[File, list[Diagnostic]]:
    file = File(_required(element, "id"), element.get("original") or "", span=reader.span(element))
    file.meta = _meta(element)
    units = element.iter(_q("unit"))  # units may sit in <group>s
    file.units, problems = _read_each(
        list(units),
        lambda e: (_read_unit(e, reader), []),
        reader,
        "unit id '{}' is used twice in this file",
    )
    return file, problems


Item = TypeVar("Item", Unit, File)


def _read_each(
    elements: list[etree._Element],
    read: Callable[[etree._Element], tuple[Item, list[Diagnostic]]],
    reader: _Reader,
    twice: str,
) -> tuple[list[Item], list[Diagnostic]]:
    """Read each element; an invalid one, or one whose id an earlier one has, is reported and
    left out."""
    items: list[Item] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for element in elements:
        try:
            item, found = read(element)
        except _InvalidError as problem:
            problems.append(reader.invalid(problem))
            continue
        problems += found
        if item.id in seen:
            where = item.span or reader.span(element)
            problems.append(error("AIC091", twice.format(item.id), where))
            continue
        seen.add(item.id)
        items.append(item)
    return items, problems


def _root(root: etree._Element) -> None:
    namespace, name = etree.QName(root).namespace, _local(root)
    if namespace == XLIFF_12_NS:
        raise _InvalidError(
            "this is XLIFF 1.2; aicourse reads XLIFF 2.0",
            root,
            "save or export the file as XLIFF 2.0 in the translation tool",
        )
    if namespace != XLIFF_NS or name != "xliff":
        raise _InvalidError(
            f"not an XLIFF 2.0 document: the root element is <{name}> in "
            f"namespace '{namespace or ''}'",
            root,
            f'an XLIFF 2.0 document starts with <xliff xmlns="{XLIFF_NS}" version="2.0">',
        )
    version = root.get("version")
    if version not in VERSIONS:
        raise _InvalidError(f"XLIFF version '{version or ''}' is not supported; expected 2.0", root)
    _required(root, "srcLang")


def read_xliff(data: bytes, display: str) -> tuple[XliffDocument | None, list[Diagnostic]]:
    """The document, or why it cannot be used (every problem, each at its line and column)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        message = re.sub(r", line \d+, column \d+$", "", str(exc.msg or exc))
        hint = "was it edited by hand? save it again from the translation tool, or export again"
        where = Span(display, line, col)
        return None, [error("AIC090", f"not well-formed XML: {message}", where, hint)]
    reader = _Reader(data, display)
    try:
        _root(root)
    except _InvalidError as problem:
        return None, [reader.invalid(problem)]
    document = XliffDocument(root.get("srcLang") or "", root.get("trgLang"), span=reader.span(root))
    document.files, problems = _read_each(
        list(_children(root, "file")),
        lambda e: _read_file(e, reader),
        reader,
        "file id '{}' is used twice",
    )
    if not _children(root, "file"):
        problems.append(error("AIC091", "the document has no <file>", reader.span(root)))
    return (None if problems else document), problems
