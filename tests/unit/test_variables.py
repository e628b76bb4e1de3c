from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.source.files import SourceFile
from aicourse_build.variables import VARIABLE, Variables, contact_text

META = CourseFile.model_validate(
    {
        "id": "kurs",
        "title": "Kursen",
        "description": "D",
        "version": "1.2.3",
        "duration": 10,
        "owner": {"organisation": "Region"},
        "modules": [{"id": "m", "title": "M", "pages": ["p"]}],
    }
)
TEAM = Contact(role="Kursteam", name="Teamet", email="team@example.org")


def _variables(out: list[Diagnostic]) -> Variables:
    values = {"plattform": "Lärportalen", "nested": {"namn": "N"}, "flagga": True}
    found = Variables("intern", META, {"team": TEAM}, values, out)
    found.contacts_left_out["chef"] = "only: public"
    return found


def test_lookup_of_every_kind_of_name() -> None:
    variables = _variables([])
    assert variables.lookup("contacts.team") == "Teamet, team@example.org"
    assert variables.lookup("contacts.team.email") == "team@example.org"
    assert variables.lookup("course.version") == "1.2.3"
    assert variables.lookup("nested.namn") == "N"
    assert variables.lookup("flagga") == "true"
    assert variables.lookup("nested") is None and variables.lookup("saknas") is None
    assert contact_text(Contact(role="R", name="Bara namn")) == "Bara namn"


def test_filling_locates_each_literal_and_keeps_escaped_braces() -> None:
    out: list[Diagnostic] = []
    text = (
        "Se {{ plattform }} och {{plattform}}.\n"
        "Mall: \\{{ dokument }}; {{ saknas }}; {{ contacts.chef }}"
    )
    file = SourceFile.from_text(Path("p.md"), "p.md", text)
    filler = _variables(out).filler(file, Span("p.md", 1, 1))
    filled = filler.text(text)
    assert filled == (
        "Se Lärportalen och Lärportalen.\nMall: {{ dokument }}; {{ saknas }}; {{ contacts.chef }}"
    )
    assert [(lit, span.line, span.col) for lit, _v, span in filler.substitutions] == [
        ("{{ plattform }}", 1, 4),
        ("{{plattform}}", 1, 24),
    ]
    assert [(d.code, d.span.line, d.profile) for d in out] == [
        ("AIC041", 2, "intern"),
        ("AIC047", 2, "intern"),
    ]
    assert VARIABLE.findall(text) == ["plattform", "plattform", "saknas", "contacts.chef"]
