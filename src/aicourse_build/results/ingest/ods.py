"""The first sheet of an OpenDocument spreadsheet as rows of text, read with lxml.

python-calamine (0.9.1) refuses the ODS files Moodle 4.5 and Totara write: their content.xml
has line breaks between a row's cells, which calamine takes for misplaced text. The table
model is small enough to read here: rows of cells, each cell its paragraphs, with repeat
counts for empty runs. The parser resolves no entities and fetches nothing; the XML's size is
bounded before it is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MAX_CONTENT = 512 * 1024 * 1024  # content.xml of a national download is far below this
MAX_REPEAT = 1024  # a repeated run of empty cells or rows longer than this is trailing padding
MAX_COLUMNS = 16_384  # as many as a spreadsheet program has
MAX_CELLS = 50_000_000  # a few hundred thousand learners' rows; more is a crafted file


class OdsError(Exception):
    """The file is not an OpenDocument spreadsheet this reader can read."""


def _text(element: etree._Element) -> str:
    """A paragraph's text as a reader sees it: <text:s/> spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "s":
            parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell(cell: etree._Element) -> str:
    return "\n".join(_text(p) for p in cell.iterchildren(f"{{{TEXT}}}p"))


def _row(row: etree._Element) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if etree.QName(cell).localname not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
        value = _cell(cell)
        if value and repeat > MAX_COLUMNS:
            raise OdsError(f"a row has more than {MAX_COLUMNS:,} columns")
        cells.extend([value] * (repeat if value else min(repeat, MAX_REPEAT)))
    while cells and not cells[-1]:
        cells.pop()
    return cells


def read_ods(path: Path) -> list[list[str]]:
    """The rows of the first table, trailing empty cells and rows dropped."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > MAX_CONTENT:
                raise OdsError(f"its content.xml is {info.file_size:,} bytes, over the limit")
            content = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise OdsError(f"not an OpenDocument spreadsheet ({exc})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise OdsError(f"its content.xml is not well-formed XML ({exc})") from None
    table = root.find(f".//{{{TABLE}}}table")
    if table is None:
        raise OdsError("it has no sheet")
    rows: list[list[str]] = []
    total = 0
    for row in table.iter(f"{{{TABLE}}}table-row"):
        cells = _row(row)
        repeat = int(row.get(f"{{{TABLE}}}number-rows-repeated", "1"))
        repeat = repeat if cells else min(repeat, MAX_REPEAT)
        total += len(cells) * repeat
        if total > MAX_CELLS:
            raise OdsError(f"it has more than {MAX_CELLS:,} cells")
        rows.extend([cells] * repeat)
    while rows and not rows[-1]:
        rows.pop()
    return rows
