"""XLIFF 2.0 writing and reading.

No XML Schema of XLIFF 2.0 is available from the package registries this project uses (neither
an npm nor a PyPI package ships xliff_core_2.0.xsd), so `_check_xliff_2` checks by hand the core
rules a schema would: namespaces, required attributes, element order, id types and uniqueness,
states, the Metadata module's structure, and the inline placeholders (<ph>) with the
<originalData> they refer to.
"""

import re
from pathlib import Path

import pytest
from lxml import etree

from aicourse_build.i18n.export import export_course
from aicourse_build.i18n.kinds import load
from aicourse_build.i18n.xliff import (
    MDA_NS,
    STATES,
    XLIFF_NS,
    File,
    Unit,
    XliffDocument,
    read_xliff,
    write_xliff,
)

NMTOKEN = re.compile(r"^[\w.:-]+$")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
X = f"{{{XLIFF_NS}}}"
M = f"{{{MDA_NS}}}"


def _check_metadata(element: etree._Element) -> None:
    assert element.tag == f"{M}metadata" and len(element) >= 1
    for group in element:
        assert group.tag == f"{M}metaGroup"
        for meta in group:
            assert meta.tag == f"{M}meta" and meta.get("type")


def _data_text(item: etree._Element) -> str:
    """A <data>'s text, its <cp> as their characters."""
    parts = [item.text or ""]
    for cp in item:
        parts += [chr(int(cp.get("hex") or "", 16)), cp.tail or ""]
    return "".join(parts)


def _check_original_data(unit: etree._Element) -> dict[str, str]:
    """At most one <originalData>, of <data> with ids unique in it: data id -> its text."""
    found = unit.findall(f"{X}originalData")
    assert len(found) <= 1
    data: dict[str, str] = {}
    for item in found[0] if found else []:
        assert item.tag == f"{X}data" and NMTOKEN.match(item.get("id") or "")
        assert item.get("id") not in data and all(c.tag == f"{X}cp" for c in item)
        data[item.get("id") or ""] = _data_text(item)
    assert not found or data  # an <originalData> holds at least one <data>
    return data


def _check_inline(element: etree._Element, data: dict[str, str]) -> dict[str, str]:
    """A <source> or <target>: only <cp> and <ph> in it; each <ph> empty, with an id unique in
    it and a dataRef to the unit's data, shown as that data. Returns code id -> dataRef."""
    codes: dict[str, str] = {}
    for child in element:
        assert child.tag in (f"{X}cp", f"{X}ph")
        if child.tag == f"{X}ph":
            code, ref = child.get("id") or "", child.get("dataRef") or ""
            assert NMTOKEN.match(code) and code not in codes and len(child) == 0
            assert ref in data and child.get("disp") == NOT_XML.sub("\ufffd", data[ref])
            codes[code] = ref
    return codes


def _check_unit(unit: etree._Element) -> None:
    assert NMTOKEN.match(unit.get("id") or "")
    names = [child.tag for child in unit]
    order = {f"{M}metadata": 0, f"{X}notes": 1, f"{X}originalData": 2, f"{X}segment": 3}
    assert [order[name] for name in names] == sorted(order[name] for name in names)
    for child in unit:
        if child.tag == f"{M}metadata":
            _check_metadata(child)
    data = _check_original_data(unit)
    segments = unit.findall(f"{X}segment")
    assert segments
    used: set[str] = set()
    source_codes: dict[str, str] = {}
    for segment in segments:
        assert [c.tag for c in segment] in ([f"{X}source"], [f"{X}source", f"{X}target"])
        state = segment.get("state", "initial")
        assert state in STATES
        if state != "initial":
            assert segment.find(f"{X}target") is not None
        codes = _check_inline(segment[0], data)
        assert not set(codes) & set(source_codes)  # code ids are unique in the unit's sources
        source_codes |= codes
        used |= set(codes.values())
        if len(segment) == 2:
            target_codes = _check_inline(segment[1], data)
            # a target's code with a source code's id is that code: it stands for the same data
            assert all(source_codes.get(c, ref) == ref for c, ref in target_codes.items())
            used |= set(target_codes.values())
    assert used == set(data)  # no data without a placeholder


def _check_xliff_2(data: bytes) -> etree._Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(data)
    assert root.tag == f"{X}xliff" and root.get("version") == "2.0"
    assert root.get("srcLang") and root.get("trgLang")
    file_ids = [f.get("id") for f in root]
    assert all(f.tag == f"{X}file" for f in root) and len(set(file_ids)) == len(file_ids)
    for file in root:
        assert NMTOKEN.match(file.get("id") or "")
        units = file.findall(f"{X}unit")
        assert units and len({u.get("id") for u in units}) == len(units)
        for unit in units:
            _check_unit(unit)
    return root


DOCUMENT = XliffDocument(
    "sv",
    "en",
    [
        File(
            "pages:start.en.md",
            "pages/start.md",
            [
                Unit("start.title", "Start", source_hash="0a1b2c3d"),
                Unit(
                    "text_1.body",
                    "Hej.\n\n  Indrag & <tecken>\n",
                    "Hi.\n\n  Indent & <signs>\n",
                    "translated",
                    "11112222",
                ),
                Unit("tanke.prompt", "Fråga\x07", "Old", "initial", "33334444", ["Changed."]),
            ],
            meta={"kind": "page"},
            notes=["Keep the markup."],
        )
    ],
)


def test_what_is_written_is_xliff_2_and_reads_back_the_same() -> None:
    data = write_xliff(DOCUMENT)
    root = _check_xliff_2(data)
    assert root.nsmap == {None: XLIFF_NS, "mda": MDA_NS}
    assert root[0].get("original") == "pages/start.md"
    read, problems = read_xliff(data, "x.xlf")
    assert problems == [] and read is not None
    units = read.files[0].units
    assert [(u.id, u.source, u.target, u.state, u.source_hash) for u in units] == [
        (u.id, u.source, u.target, u.state, u.source_hash) for u in DOCUMENT.files[0].units
    ]
    assert read.files[0].meta == {"kind": "page"}
    assert b'<cp hex="0007"/>' in data  # XML 1.0 cannot hold the character itself
    assert [u.span.line if u.span else 0 for u in units] == [12, 22, 39]


def _xliff(body: str, root: str = 'version="2.0" srcLang="sv" trgLang="en"') -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="{XLIFF_NS}" {root}>\n'
        f'<file id="f">\n{body}\n</file>\n</xliff>\n'
    ).encode()


def _problems(data: bytes) -> list[tuple[str, int, int, str]]:
    document, problems = read_xliff(data, "t.xlf")
    assert document is None
    return [(p.code, p.span.line, p.span.col, p.message) for p in problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ("AIC090", 1, 1)),
        (b"<xliff>\n<file></xliff>", ("AIC090", 2, 15)),
        (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', ("AIC091", 1, 1)),
        (b"<root/>", ("AIC091", 1, 1)),
        (_xliff("<unit id='u'/>", 'version="3.0" srcLang="sv"'), ("AIC091", 2, 1)),
        (_xliff("<unit id='u'/>", 'version="2.0"'), ("AIC091", 2, 1)),
        (_xliff("  <unit id='u'/>"), ("AIC091", 4, 3)),
        (_xliff("<unit><segment><source>a</source></segment></unit>"), ("AIC091", 4, 1)),
        (
            _xliff("<unit id='u'><segment state='done'><source>a</source></segment></unit>"),
            ("AIC091", 4, 14),
        ),
        (
            _xliff(
                "<unit id='u'><segment><source>a</source><target>b<ph id='1'/></target>"
                "</segment></unit>"
            ),
            ("AIC091", 4, 50),
        ),
    ],
)
def test_unusable_documents_are_explained_at_their_position(
    data: bytes, expected: tuple[str, int, int]
) -> None:
    assert _problems(data)[0][:3] == expected


@pytest.mark.parametrize(
    "target", ["<target order='x'>b</target>", "<target>a<cp hex='110000'/></target>"]
)
def test_bad_attribute_values_in_targets_are_reported(target: str) -> None:
    unit = f"<unit id='u'><segment><source>a</source>{target}</segment></unit>"
    assert [p[0] for p in _problems(_xliff(unit))] == ["AIC091"]


def test_ids_used_twice_are_reported() -> None:
    unit = "<unit id='u'><segment><source>a</source></segment></unit>"
    assert [p[3] for p in _problems(_xliff(unit + "\n" + unit))] == [
        "unit id 'u' is used twice in this file"
    ]


def test_segments_are_joined_in_target_order_and_annotations_keep_their_text() -> None:
    data = _xliff(
        "<unit id='u'>"
        "<segment state='reviewed'><source>Ett.</source><target order='3'>One.</target></segment>"
        "<ignorable><source> </source></ignorable>"
        "<segment state='final'><source>Två.</source>"
        "<target order='1'><mrk id='m' translate='no'>Two</mrk>.</target></segment>"
        "</unit>"
    )
    document, problems = read_xliff(data, "t.xlf")
    assert problems == [] and document is not None
    unit = document.files[0].units[0]
    assert (unit.source, unit.target, unit.state) == ("Ett. Två.", "Two. One.", "reviewed")


def test_a_unit_with_an_untranslated_segment_has_no_target() -> None:
    data = _xliff(
        "<unit id='u'><segment state='translated'><source>Ett.</source><target>One.</target>"
        "</segment><segment><source>Två.</source></segment></unit>"
    )
    document, _ = read_xliff(data, "t.xlf")
    assert document is not None
    unit = document.files[0].units[0]
    assert (unit.target, unit.state) == (None, "initial")


VARIABLES = XliffDocument(
    "sv",
    "en",
    [
        File(
            "pages:start.en.md",
            "pages/start.md",
            [
                Unit(
                    "one", "Ring {{ contacts.course }} i dag.", "Call {{ contacts.course }} today."
                ),
                Unit("two", "{{ organisation }} och {{ contacts.course }}"),
                Unit("repeated", "{{ a }}, {{ a }} och {{ b }}", "{{ b }} and {{ a }}, {{ a }}"),
                Unit("only", "{{ x }}", "{{ x }}", "translated"),
                Unit("plain", "Inga variabler", "No variables"),
                Unit("odd", "Se {{ a\x07b }}."),
            ],
        )
    ],
)


def _codes(element: etree._Element | None) -> list[tuple[str | None, str | None, str | None]]:
    assert element is not None
    return [(ph.get("id"), ph.get("dataRef"), ph.get("disp")) for ph in element.iter(f"{X}ph")]


def test_variables_are_written_as_placeholders_with_their_original_data() -> None:
    data = write_xliff(VARIABLES)
    root = _check_xliff_2(data)
    units = {u.get("id"): u for u in root.iter(f"{X}unit")}
    original = {
        unit_id: [(d.get("id"), _data_text(d)) for d in unit.iterfind(f"{X}originalData/{X}data")]
        for unit_id, unit in units.items()
    }
    assert original == {
        "one": [("d1", "{{ contacts.course }}")],
        "two": [("d1", "{{ organisation }}"), ("d2", "{{ contacts.course }}")],
        "repeated": [("d1", "{{ a }}"), ("d2", "{{ b }}")],  # one entry for both {{ a }}
        "only": [("d1", "{{ x }}")],
        "plain": [],
        "odd": [("d1", "{{ a\x07b }}")],  # a character XML cannot hold, as <cp>
    }
    source = {i: _codes(u.find(f"{X}segment/{X}source")) for i, u in units.items()}
    target = {
        i: _codes(u.find(f"{X}segment/{X}target"))
        for i, u in units.items()
        if i not in ("two", "odd")
    }
    assert source["one"] == target["one"] == [("1", "d1", "{{ contacts.course }}")]
    assert source["two"] == [
        ("1", "d1", "{{ organisation }}"),
        ("2", "d2", "{{ contacts.course }}"),
    ]
    assert source["repeated"] == [
        ("1", "d1", "{{ a }}"),
        ("2", "d1", "{{ a }}"),
        ("3", "d2", "{{ b }}"),
    ]
    assert target["repeated"] == [
        ("3", "d2", "{{ b }}"),
        ("1", "d1", "{{ a }}"),
        ("2", "d1", "{{ a }}"),
    ]
    assert source["plain"] == target["plain"] == []
    assert source["odd"] == [("1", "d1", "{{ a\ufffdb }}")]
    # the text between and around placeholders, exactly (no indentation added around a lone one)
    assert b'<source><ph id="1" dataRef="d1" disp="{{ x }}"/></source>' in data
    assert (
        b'<source>Ring <ph id="1" dataRef="d1" disp="{{ contacts.course }}"/> i dag.</source>'
        in data
    )
    assert (
        b"<source>Inga variabler</source>" in data
        and b"{{" not in data.split(b'"plain"')[1].split(b'"odd"')[0]
    )
    read, problems = read_xliff(data, "x.xlf")
    assert problems == [] and read is not None
    assert [(u.source, u.target) for u in read.files[0].units] == [
        (u.source, u.target) for u in VARIABLES.files[0].units
    ]


def _unit_with(target: str, data: str = "<data id='d1'>{{ x }}</data>") -> bytes:
    return _xliff(
        f"<unit id='u'><originalData>{data}</originalData>\n"
        "<segment><source>a <ph id='1' dataRef='d1'/></source>\n"
        f"<target>{target}</target></segment></unit>"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            _unit_with("<ph id='1' dataRef='d9'/> b"),
            (6, 9, "<ph> refers to data 'd9', which the unit's <originalData> does not have"),
        ),
        (
            _unit_with("b <ph id='1'/>"),
            (6, 11, "<ph id='1'> has no 'dataRef', so the variable it stands for is unknown"),
        ),
        (
            _unit_with("b <ph id='1' dataRef='d1'/>", "<data id='d1'>&lt;br/&gt;</data>"),
            (5, 20, "<ph> stands for '<br/>', which is not a {{ variable }}"),
        ),
        (
            _unit_with("b", "<data id='d1'>{{ x }}</data>\n<data id='d1'>{{ y }}</data>"),
            (5, 1, "data id 'd1' is used twice in <originalData>"),
        ),
        (
            _unit_with("b <sc id='2'/>a<ec startRef='2'/>"),
            (6, 11, "<sc> inside <target> is not supported"),
        ),
    ],
)
def test_placeholders_that_cannot_be_resolved_are_reported_at_their_position(
    data: bytes, expected: tuple[int, int, str]
) -> None:
    assert _problems(data) == [("AIC091", *expected)]


def test_a_placeholder_in_an_annotation_is_resolved() -> None:
    data = _unit_with("<mrk id='m' translate='no'><ph id='1' dataRef='d1'/></mrk> b")
    document, problems = read_xliff(data, "t.xlf")
    assert problems == [] and document is not None
    unit = document.files[0].units[0]
    assert (unit.source, unit.target) == ("a {{ x }}", "{{ x }} b")
    assert unit.target_span is not None and (unit.target_span.line, unit.target_span.col) == (6, 1)


def test_an_exported_course_is_xliff_2_with_its_variables_as_placeholders(
    small_course: Path,
) -> None:
    course, errors = load(small_course)
    assert course is not None, errors
    result, _ = export_course(course, "en")
    root = _check_xliff_2(write_xliff(result.document))
    unit = root.find(f".//{X}unit[@id='text_1.body']")
    assert unit is not None
    assert [child.tag for child in unit] == [f"{M}metadata", f"{X}originalData", f"{X}segment"]
    assert _codes(unit) == [("1", "d1", "{{ contacts.kurs }}")]
    # a unit without variables has no <originalData>
    assert len(root.findall(f".//{X}originalData")) == 1
