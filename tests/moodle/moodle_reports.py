"""Reading Moodle's SCORM report downloads: CSV (tab-separated text), Excel (.xlsx) and ODS.

Only the standard library and lxml: a report is a header row and one row per user and attempt.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from lxml import etree

Table = tuple[list[str], list[list[str]]]

XLSX_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def read_csv(path: Path) -> Table:
    """Moodle's "CSV" download: tab-separated UTF-8, fields quoted when they hold a space."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'))
    rows = [r for r in rows if r]
    return rows[0], rows[1:]


def _column_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    n = 0
    for ch in letters.group(0) if letters else "A":
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_xlsx(path: Path) -> Table:
    with zipfile.ZipFile(path) as z:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = etree.fromstring(z.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", XLSX_NS):
                shared.append(_text(si))
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows: list[list[str]] = []
    for row in sheet.iterfind(".//m:sheetData/m:row", XLSX_NS):
        cells: dict[int, str] = {}
        for c in row.findall("m:c", XLSX_NS):
            kind = c.get("t")
            v = c.find("m:v", XLSX_NS)
            if kind == "s" and v is not None:
                value = shared[int(v.text or 0)]
            elif kind == "inlineStr":
                inline = c.find("m:is", XLSX_NS)
                value = _text(inline) if inline is not None else ""
            else:
                value = v.text or "" if v is not None else ""
            cells[_column_index(c.get("r", "A1"))] = value
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    return rows[0], rows[1:]


def read_ods(path: Path) -> Table:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("content.xml"))
    rows: list[list[str]] = []
    for row in root.iterfind(".//table:table-row", ODS_NS):
        cells: list[str] = []
        for cell in row.findall("table:table-cell", ODS_NS):
            repeat = int(cell.get(f"{{{ODS_NS['table']}}}number-columns-repeated", "1"))
            text = "\n".join(_text(p) for p in cell.findall("text:p", ODS_NS))
            cells.extend([text] * min(repeat, 1000))
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(cells)
    rows = [r for r in rows if r]
    return rows[0], rows[1:]


def read_report(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".ods":
        return read_ods(path)
    return read_csv(path)


def as_records(table: Table) -> list[dict[str, str]]:
    headers, rows = table
    return [
        dict(zip(headers, row + [""] * (len(headers) - len(row)), strict=False)) for row in rows
    ]
