"""Moodle and Totara SCORM report downloads into facts.

What an administrator downloads (docs/lms-moodle.md): a row per learner and attempt, the learner's
name and e-mail first, then attempt, start, last access, score, a status per SCO, and in the
interactions report a group of columns per interaction *index* (by default only `Response N`).
The package writes each element into a fixed slot (render/slots.py), and slot 0 names the course
version and the layout, so column N is read as the slot's element of the layout that matches.
Every column before `Attempt` identifies the learner: the values become one keyed hash and are
forgotten here; reflection texts in the responses are never kept, only that there is one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aicourse_build.render.slots import PROGRESS_SLOT, VERSION_SLOT, Slot
from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.responses import canonical

SPREADSHEETS = (".ods", ".xlsx", ".xls")
TEXTS = (".txt", ".csv", ".tsv")
# The column names of the languages Moodle and Totara are used in here; an index column is
# "<name> <N>". Where a name is not known, a single column per index is the response.
ATTEMPT = {"attempt", "försök"}
RESPONSE = {"response", "svar"}
QUESTION = {"question", "fråga"}
_INDEXED = re.compile(r"^(?P<name>.*?)\s*(?P<n>\d+)$")


class DownloadError(Exception):
    """The file is not a report download this command can read (the message says why)."""


@dataclass(frozen=True)
class Layout:
    """A profile's slots, and what slot 0 holds in its packages."""

    profile: str
    slots: tuple[Slot, ...]
    version: str


def read_table(path: Path) -> list[list[str]]:
    """The cells of a download as text: ODS with lxml (ingest/ods.py), Excel through
    python-calamine, text files as tab-, comma- or semicolon-separated values."""
    if path.suffix.lower() == ".ods":
        from aicourse_build.results.ingest.ods import OdsError, read_ods

        try:
            return read_ods(path)
        except (OdsError, ValueError) as exc:
            raise DownloadError(f"cannot read it as ods: {exc}") from exc
    if path.suffix.lower() in SPREADSHEETS:
        from python_calamine import CalamineError, load_workbook

        try:
            sheet = load_workbook(str(path)).get_sheet_by_index(0)
            cells = sheet.to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError) as exc:
            raise DownloadError(f"cannot read it as {path.suffix[1:]}: {exc}") from exc
        return [[_cell(value) for value in row] for row in cells]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DownloadError("it is not UTF-8 text (is it a spreadsheet with a .txt name?)") from exc
    first = text.split("\n", 1)[0]
    delimiter = max("\t,;", key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and len(rows[0]) < 3:
        raise DownloadError("its first line has fewer than three columns: not a report download")
    return rows


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Columns:
    attempt: int  # index of the Attempt column; everything before it identifies the learner
    responses: dict[int, int]  # slot index -> column
    questions: dict[int, int]  # slot index -> column of its id, when the report shows it


def columns_of(header: list[str]) -> Columns:
    names = [h.strip().strip('"').lower() for h in header]
    attempt = next((i for i, n in enumerate(names) if n in ATTEMPT), None)
    if attempt is None:
        raise DownloadError("it has no 'Attempt' column: not a Moodle/Totara SCORM report")
    groups: dict[int, dict[str, int]] = {}
    for column, name in enumerate(names):
        match = _INDEXED.match(name)
        if match and column > attempt:
            groups.setdefault(int(match["n"]), {})[match["name"]] = column
    responses, questions = {}, {}
    for index, group in groups.items():
        by_name = {name: col for name, col in group.items() if name in RESPONSE}
        if by_name:
            responses[index] = next(iter(by_name.values()))
        elif len(group) == 1:
            responses[index] = next(iter(group.values()))  # only responses are shown
        question = [col for name, col in group.items() if name in QUESTION]
        if question:
            questions[index] = question[0]
    return Columns(attempt, responses, questions)


def _matching_layout(rows: list[list[str]], columns: Columns, layouts: list[Layout]) -> Layout:
    column = columns.responses.get(0)
    found = {
        row[column] for row in rows if column is not None and len(row) > column and row[column]
    }
    for layout in layouts:
        if layout.version in found:
            return layout
    if column is None:
        raise DownloadError(
            "it has no interaction columns: download the interactions report, not the basic one"
        )
    if rows and not found and not _any_response(rows, columns):
        # Moodle's and Totara's reports read SCORM 1.2 element names only: for a SCORM 2004
        # package every interaction cell is empty although the LMS stored the answers
        raise DownloadError(
            "every interaction column is empty: a SCORM 2004 package? Moodle and Totara store its "
            "answers but their report downloads show none (docs/lms-moodle.md); publish SCORM 1.2 "
            "to them, or send xAPI/cmi5 to an LRS, to have results"
        )
    known = ", ".join(f"{x.version} ({x.profile})" for x in layouts)
    raise DownloadError(
        f"its packages say {', '.join(sorted(found)) or 'nothing'} in slot 0; this course's "
        f"version and layout is {known}: a download of another course, activity or version"
    )


def _any_response(rows: list[list[str]], columns: Columns) -> bool:
    return any(
        len(row) > col and row[col].strip() for row in rows for col in columns.responses.values()
    )


def moodle_facts(
    path: Path, catalogue: Catalogue, layouts: list[Layout], pseudonyms: Pseudonyms
) -> Iterator[Fact | str]:
    """The facts of a download; a string in the stream is a row left out, with the reason."""
    rows = read_table(path)
    if not rows:
        raise DownloadError("it is empty")
    columns = columns_of(rows[0])
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    started = [row for row in body if len(row) > columns.attempt and row[columns.attempt].isdigit()]
    for _row in body[len(started) :] if len(started) < len(body) else []:
        yield "learner has not started the course"
    layout = _matching_layout(started, columns, layouts)
    for number, row in enumerate(started, start=2):
        yield from _row_facts(row, number, columns, layout, catalogue, pseudonyms, path.name)


def _row_facts(
    row: list[str],
    number: int,
    columns: Columns,
    layout: Layout,
    catalogue: Catalogue,
    pseudonyms: Pseudonyms,
    source: str,
) -> Iterator[Fact | str]:
    response = {slot: row[col].strip() for slot, col in columns.responses.items() if col < len(row)}
    if response.get(0) != layout.version:
        found = response.get(0) or "no version"
        yield f"another version of the package ({found}), {source} row {number}"
        return
    learner = pseudonyms.of("\x1f".join(cell.strip() for cell in row[: columns.attempt]))
    attempt = int(row[columns.attempt])
    if attempt != 1:
        # a new Moodle attempt starts the course over; the first one holds the measurement
        yield "a later LMS attempt (the first one is used)"
        return
    for index, slot in enumerate(layout.slots):
        value = response.get(index, "")
        if index and value:
            yield from _slot_facts(slot, value, learner, catalogue)


def _slot_facts(slot: Slot, value: str, learner: str, catalogue: Catalogue) -> Iterator[Fact]:
    if slot.id == VERSION_SLOT:
        return
    if slot.id == PROGRESS_SLOT:
        yield Fact(learner, Kind.PAGE, value, value="furthest", source="moodle")
        return
    element = catalogue.ids.get(slot.id)
    if element is None:
        return
    if element.kind is Kind.ANSWER:
        question = catalogue.question(element.parent, element.element)
        assert question is not None
        answer = canonical(question.type, value)
        yield Fact(
            learner,
            Kind.ANSWER,
            element.element,
            element.parent,
            attempt=1,
            value=answer,
            correct=answer == question.answer,
            source="moodle",
        )
    elif element.kind is Kind.SURVEY:
        step = float(value) if value.replace(".", "", 1).isdigit() else None
        yield Fact(
            learner, Kind.SURVEY, element.element, element.parent, number=step, source="moodle"
        )
    elif element.kind is Kind.GROUP:
        yield Fact(learner, Kind.GROUP, element.element, value=value, source="moodle")
    elif element.kind is Kind.REFLECTION:
        yield Fact(learner, Kind.REFLECTION, element.element, source="moodle")  # never the text
