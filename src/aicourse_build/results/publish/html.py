"""results.html: one self-contained document (inline CSS and SVG, nothing fetched, no script)
from templates/results.html.j2, in Swedish, for screen and print."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from aicourse_build.results.publish import text, views
from aicourse_build.results.publish.data import Published, Value

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = TEMPLATES / "results.css"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Notes:
    """The notes on figures without a value: one number per reason in the whole document, so
    "1" means the same everywhere, listed at the end of every section that has such a figure.
    A hidden figure's note starts "Dolt:", a figure that could not be computed "Ej beräknat:"."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[bool, str], int] = {}
        self.sections: dict[str, dict[int, tuple[str, str]]] = {}

    def mark(self, section: str, hidden: bool, reason: str) -> int:
        number = self.numbers.setdefault((hidden, reason), len(self.numbers) + 1)
        why = text.reason_text(reason) if hidden else text.missing_text(reason)
        self.sections.setdefault(section, {})[number] = ("Dolt" if hidden else "Ej beräknat", why)
        return number

    def of(self, section: str) -> list[tuple[int, str, str]]:
        return [(n, *note) for n, note in sorted(self.sections.get(section, {}).items())]


_NOTE = Markup(
    '<sup class="fn"><a href="#not-{section}-{n}"><span class="visually-hidden">{what}, se not '
    "</span>{n}</a></sup>"
)


class Cells:
    """Table cells of published figures: a hidden one is "–" with a note, one that could not be
    computed ".." (with a note when measure said why), never a number."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes

    def __call__(self, value: Value | None, fmt: str, section: str) -> Markup:
        if value is not None and value.suppressed:
            reason = value.reason or ""
            note = _NOTE.format(
                section=section, n=self.notes.mark(section, True, reason), what="dolt"
            )
            return Markup(
                '<td class="num dolt" data-reason="{reason}"><span aria-hidden="true">{dash}'
                "</span>{note}</td>"
            ).format(reason=reason, dash=text.HIDDEN, note=note)
        if value is None or value.value is None:
            note = Markup("")
            if value is not None and value.reason:
                n = self.notes.mark(section, False, value.reason)
                note = _NOTE.format(section=section, n=n, what="ej beräknat")
            return Markup(
                '<td class="num saknas"><abbr title="uppgift saknas">{missing}</abbr>{note}</td>'
            ).format(missing=text.MISSING, note=note)
        return Markup('<td class="num">{shown}</td>').format(shown=text.FORMATS[fmt](value.value))

    def inline(self, value: Value | None, fmt: str, section: str) -> Markup:
        """The same figure in running text."""
        cell = str(self(value, fmt, section))
        return Markup(cell.replace("<td", "<span", 1).removesuffix("</td>") + "</span>")


def render_html(doc: Published) -> str:
    notes = Notes()
    cells = Cells(notes)
    template = _environment().get_template("results.html.j2")
    return template.render(
        doc=doc,
        title=f"Resultat: {doc.course.title}",
        css=Markup(STYLESHEET.read_text(encoding="utf-8")),
        td=cells,
        inline=cells.inline,
        notes=notes.of,
        knowledge=views.knowledge(doc),
        questions_chart=views.questions_chart(doc),
        question_label=views.question_label,
        survey_chart=views.survey_chart,
        reach_chart=views.reach_chart(doc),
        reach_share=lambda value: views.reach_share(doc, value),
        flags=text.FLAGS,
        flag_label=text.flag_label,
        exclusion_text=text.exclusion_text,
        source_text=text.source_text,
    )
