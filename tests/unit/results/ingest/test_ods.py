"""OpenDocument spreadsheets as Moodle and Totara write them, and ones that are not."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from aicourse_build.results.ingest import ods
from aicourse_build.results.ingest.ods import OdsError, read_ods

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"\n'
    '   xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"\n'
    '   xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">\n'
    "<office:body><office:spreadsheet>\n"
)
TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def spreadsheet(tmp_path: Path, tables: str, head: str = HEAD) -> Path:
    path = tmp_path / "download.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", head + tables + TAIL)
    return path


def cell(text: str, attributes: str = "") -> str:
    return f'<table:table-cell office:value-type="string"{attributes}><text:p>{text}</text:p>' + (
        "</table:table-cell>\n"
    )


def test_moodles_layout_with_line_breaks_between_the_cells(tmp_path: Path) -> None:
    # Moodle's writer puts a line break after every element; calamine 0.9.1 refuses that
    rows = (
        '<table:table table:name="Rapport">\n<table:table-row>\n'
        + cell("Name") + cell("Attempt") + cell("Response 0")
        + "</table:table-row>\n<table:table-row>\n"
        + cell("Stina Student") + cell("1") + cell("1.0.0/b85a13c3")
        + "</table:table-row>\n</table:table>\n"
    )  # fmt: skip
    assert read_ods(spreadsheet(tmp_path, rows)) == [
        ["Name", "Attempt", "Response 0"],
        ["Stina Student", "1", "1.0.0/b85a13c3"],
    ]


def test_repeats_spaces_breaks_and_only_the_first_sheet(tmp_path: Path) -> None:
    rows = (
        "<table:table><table:table-row>"
        + cell("a", ' table:number-columns-repeated="3"')
        + '<table:table-cell table:number-columns-repeated="2"/>'
        + cell("x<text:s text:c='3'/>y<text:line-break/>z<text:span>!</text:span><text:tab/>.")
        + '<table:table-cell table:number-columns-repeated="16000"/>'
        + "</table:table-row>"
        + '<table:table-row table:number-rows-repeated="2">' + cell("b") + "</table:table-row>"
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
        + "</table:table-row></table:table>"
        + "<table:table><table:table-row>" + cell("other sheet")
        + "</table:table-row></table:table>"
    )  # fmt: skip
    assert read_ods(spreadsheet(tmp_path, rows)) == [
        ["a", "a", "a", "", "", "x   y\nz!\t."],
        ["b"],
        ["b"],
    ]


def test_what_is_not_a_spreadsheet_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_zip = tmp_path / "a.ods"
    not_zip.write_bytes(b"Name\tAttempt\n")
    with pytest.raises(OdsError, match="not an OpenDocument spreadsheet"):
        read_ods(not_zip)
    with pytest.raises(OdsError, match="not well-formed XML"):
        read_ods(spreadsheet(tmp_path, "<table:table>"))
    with pytest.raises(OdsError, match="it has no sheet"):
        read_ods(spreadsheet(tmp_path, ""))
    monkeypatch.setattr(ods, "MAX_CONTENT", 100)
    with pytest.raises(OdsError, match="over the limit"):
        read_ods(spreadsheet(tmp_path, "<table:table/>"))


def test_entities_are_not_expanded_and_huge_repeats_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hemligt", encoding="utf-8")
    doctype = HEAD.replace(
        "<office:document-content",
        f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>\n<office:document-content',
    )
    rows = "<table:table><table:table-row>" + cell("&e;") + "</table:table-row></table:table>"
    assert "hemligt" not in repr(read_ods(spreadsheet(tmp_path, rows, doctype)))
    wide = "<table:table><table:table-row>"
    wide += (
        cell("x", ' table:number-columns-repeated="100000"') + "</table:table-row></table:table>"
    )
    with pytest.raises(OdsError, match="more than 16,384 columns"):
        read_ods(spreadsheet(tmp_path, wide))
    tall = '<table:table><table:table-row table:number-rows-repeated="60000000">'
    tall += cell("x") + "</table:table-row></table:table>"
    with pytest.raises(OdsError, match="more than 50,000,000 cells"):
        read_ods(spreadsheet(tmp_path, tall))
