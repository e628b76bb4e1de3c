"""XLIFF 2.0 writing and reading.

No XML Schema of XLIFF 2.0 is available from the package registries this project uses (neither
an npm nor a PyPI package ships xliff_core_2.0.xsd), so `_check_xliff_2` checks by hand the core
rules a schema would: namespaces, required attributes, element order, id types and uniqueness,
states, and the Metadata module's structure.
"""

import re

import pytest
from lxml import etree

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
X = f"{{{XLIFF_NS}}}"
M = f"{{{MDA_NS}}}"


def _check_metadata(element: etree._Element) -> None:
    assert element.tag == f"{M}metadata" and len(element) >= 1
    for group in element:
        assert group.tag == f"{M}metaGroup"
        for meta in group:
            assert meta.tag == f"{M}meta" and meta.get("type")


def _check_unit(unit: etree._Element) -> None:
    assert NMTOKEN.match(unit.get("id") or "")
    names = [child.tag for child in unit]
    order = {f"{M}metadata": 0, f"{X}notes": 1, f"{X}segment": 2}
    assert [order[name] for name in names] == sorted(order[name] for name in names)
    for child in unit:
        if child.tag == f"{M}metadata":
            _check_metadata(child)
    segments = unit.findall(f"{X}segment")
    assert segments
    for segment in segments:
        assert [c.tag for c in segment] in ([f"{X}source"], [f"{X}source", f"{X}target"])
        state = segment.get("state", "initial")
        assert state in STATES
        if state != "initial":
            assert segment.find(f"{X}target") is not None


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
