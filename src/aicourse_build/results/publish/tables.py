"""The report's tables as CSV files that Swedish Excel opens right with a double click.

Excel in a Swedish locale splits a .csv file on ";" (the list separator of the locale) and reads
"12,5" as a number (the decimal comma); a UTF-8 byte order mark makes it read å, ä, ö as UTF-8
and not as the ANSI code page. A hidden figure is an empty cell, never 0, and the row's last
column says which columns are hidden, or could not be computed, and why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aicourse_build.results.publish.data import Published, Value
from aicourse_build.results.publish.text import csv_number, flag_label, missing_text, reason_text
from aicourse_build.results.publish.views import reach_share

WHY = "Dolda värden (varför)"
Cell = str | tuple[Value | None, str]  # a text, or a figure and its format (text.FORMATS)


def _row(columns: Sequence[str], cells: Sequence[Cell]) -> list[str]:
    out: list[str] = []
    hidden: dict[str, list[str]] = {}
    for column, cell in zip(columns, cells, strict=True):
        if isinstance(cell, str):
            out.append(cell)
            continue
        figure, fmt = cell
        if figure is None or figure.value is None:
            out.append("")
            if figure is not None and figure.suppressed:
                why = reason_text(figure.reason or "", long=False)
            elif figure is not None and figure.reason:
                why = f"ej beräknat ({missing_text(figure.reason, long=False)})"
            else:
                continue
            hidden.setdefault(why, []).append(column)
        else:
            out.append(csv_number(figure.value, fmt))
    out.append("; ".join(f"{why}: {', '.join(cols)}" for why, cols in hidden.items()))
    return out


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*columns, WHY])
    writer.writerows(_row(columns, row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def groups_csv(doc: Published) -> bytes:
    columns = [
        "Dimension",
        "Grupp-id",
        "Grupp",
        "Deltagare",
        "Före (% rätt)",
        "Efter (% rätt)",
        "Normaliserad vinst",
        "Effektstorlek",
        "Bättre",
        "Lika",
        "Sämre",
    ]
    rows: list[list[Cell]] = [
        [
            g.dimension,
            g.group,
            g.label,
            (g.learners, "count"),
            (g.pre_mean, "percent"),
            (g.post_mean, "percent"),
            (g.gain, "ratio"),
            (g.effect, "ratio"),
            (g.improved, "count"),
            (g.unchanged, "count"),
            (g.worse, "count"),
        ]
        for g in doc.groups
    ]
    return _csv(columns, rows)


def questions_csv(doc: Published) -> bytes:
    columns = [
        "Test",
        "Fråga-id",
        "Fråga",
        "Svarade före",
        "Svarade efter",
        "Rätt före (%)",
        "Rätt efter (%)",
        "Diskriminering före",
        "Diskriminering efter",
        "Markering",
    ]
    rows: list[list[Cell]] = [
        [
            q.test,
            q.question,
            q.prompt,
            (q.answered_pre, "count"),
            (q.answered_post, "count"),
            (q.difficulty_pre, "share"),
            (q.difficulty_post, "share"),
            (q.discrimination_pre, "ratio"),
            (q.discrimination_post, "ratio"),
            ", ".join(flag_label(f) for f in q.flags),
        ]
        for q in doc.questions
    ]
    return _csv(columns, rows)


def named_steps(scale: Sequence[str]) -> list[str]:
    return [f"{step} ({i})" for i, step in enumerate(scale, 1)]


def survey_csv(doc: Published) -> bytes:
    scales = {tuple(item.scale) for item in doc.surveys}
    steps = max((len(item.scale) for item in doc.surveys), default=0)
    # one scale for all items: its steps name the columns; else numbered, with the scale per row
    uniform = len(scales) == 1
    named = named_steps(next(iter(scales))) if uniform else []
    columns = [
        "Enkät",
        "Påstående-id",
        "Påstående",
        "Grupp-id",
        "Grupp",
        *(named or [f"Steg {i}" for i in range(1, steps + 1)]),
        "Medelvärde",
        *([] if uniform else ["Skala"]),
    ]
    rows: list[list[Cell]] = []
    for item in doc.surveys:
        for g in item.groups:
            counts: list[Cell] = [(s, "count") for s in g.steps]
            counts += [""] * (steps - len(counts))
            scale: list[Cell] = (
                [] if uniform else [", ".join(f"{i} = {s}" for i, s in enumerate(item.scale, 1))]
            )
            rows.append(
                [
                    item.survey,
                    item.item,
                    item.text,
                    g.group,
                    g.label,
                    *counts,
                    (g.mean, "mean"),
                    *scale,
                ]
            )
    return _csv(columns, rows)


def reach_csv(doc: Published) -> bytes:
    columns = ["Sida-id", "Sida", "Nådde sidan", "Andel av alla (%)"]
    rows: list[list[Cell]] = [
        [
            r.page,
            r.title,
            (r.learners, "count"),
            (reach_share(doc, r.learners), "share"),
        ]
        for r in doc.reach
    ]
    return _csv(columns, rows)


def csv_files(doc: Published) -> dict[str, bytes]:
    return {
        "groups.csv": groups_csv(doc),
        "questions.csv": questions_csv(doc),
        "survey.csv": survey_csv(doc),
        "reach.csv": reach_csv(doc),
    }
