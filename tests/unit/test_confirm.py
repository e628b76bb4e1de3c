"""Facts to confirm: the `confirm:` marks of course.yaml and page front matter (confirm.py)."""

from __future__ import annotations

from pathlib import Path

from aicourse_build.confirm import CODE, Mark, lines
from aicourse_build.diagnostics import Report, Span
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.translations import page_hash

PAGE_MARKS = """confirm:
  - text: Här lär du dig grunderna om hur en modell tränas
    who: Kursteamet
    note: Stämmer beskrivningen?
  - file: media/bild.svg
    who: Kommunikation
"""

COURSE_MARKS = """confirm:
  - key: contacts.kurs.email
    who: Kursteamet
  - file: profiles/publik.yaml
    key: survey.url
    who: Enkätgruppen
"""


def _add_front(path: Path, front: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, _, body = text.removeprefix("---\n").partition("\n---\n")
    path.write_text(f"---\n{head}\n{front}---\n{body}", encoding="utf-8")


def _check(root: Path) -> tuple[CourseCheck, Report]:
    report = Report()
    return check_course_dir(root, report), report


def test_a_course_without_marks_has_none(small_course: Path) -> None:
    result, report = _check(small_course)
    assert result.marks == [] and not report.sorted()
    assert list(lines(result.marks)) == []


def test_marks_of_a_page_point_at_the_text_across_a_line_break_and_at_the_file(
    small_course: Path,
) -> None:
    page = small_course / "pages" / "start.md"
    _add_front(page, PAGE_MARKS.replace("om hur en modell", "om hur\n      en modell"))
    result, report = _check(small_course)
    assert not report.sorted()
    media, text = result.marks  # in file order: the file mark is in the front matter
    assert (text.kind, text.who, text.page, text.lang) == ("text", "Kursteamet", "start", "sv")
    body_line = (
        page.read_text(encoding="utf-8")
        .split("\n")
        .index(
            "Välkommen till minikursen. Här lär du dig grunderna om hur en modell tränas på data."
        )
    )
    assert (text.span.line, text.span.col) == (body_line + 1, 28)
    assert text.what == "Här lär du dig grunderna om hur en modell tränas"
    assert text.note == "Stämmer beskrivningen?"
    assert (media.kind, media.what, media.who) == ("file", "media/bild.svg", "Kommunikation")
    assert media.span.line == 9  # where the mark is written: a file has no line of its own


def test_marks_of_course_yaml_point_at_keys_here_and_in_a_profile(small_course: Path) -> None:
    course = small_course / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + COURSE_MARKS, encoding="utf-8")
    result, report = _check(small_course)
    assert not report.sorted()
    email, survey = result.marks
    assert email.kind == "key" and email.span.path.endswith("course/course.yaml")
    assert email.span.line == 14 and email.page is None
    assert survey.span.path.endswith("profiles/publik.yaml") and survey.who == "Enkätgruppen"


def test_a_mark_pointing_at_nothing_is_an_error(small_course: Path) -> None:
    course = small_course / "course.yaml"
    wrong = COURSE_MARKS.replace("kurs.email", "ingen.email").replace("survey.url", "survey.nej")
    course.write_text(course.read_text(encoding="utf-8") + wrong, encoding="utf-8")
    result, report = _check(small_course)
    found = [(d.code, d.message.rpartition(" in ")[0]) for d in report.sorted()]
    assert found == [
        ("AIC131", "no key 'contacts.ingen.email'"),
        ("AIC131", "no key 'survey.nej'"),
    ]
    assert result.marks == []


def test_a_mark_with_neither_text_key_nor_file_is_invalid(small_course: Path) -> None:
    _add_front(small_course / "pages" / "start.md", "confirm:\n  - who: Kursteamet\n")
    _, report = _check(small_course)
    assert [d.code for d in report.sorted()] == ["AIC012"]


def test_a_file_outside_the_course_is_not_checked(small_course: Path) -> None:
    _add_front(
        small_course / "pages" / "start.md",
        "confirm:\n  - file: ../themes/logo.svg\n    who: Kommunikation\n",
    )
    result, report = _check(small_course)
    assert not report.sorted() and [m.what for m in result.marks] == ["../themes/logo.svg"]


def test_marks_do_not_change_the_translation_hash(small_course: Path) -> None:
    before, _ = _check(small_course)
    _add_front(small_course / "pages" / "start.md", PAGE_MARKS)
    after, _ = _check(small_course)
    assert before.course is not None and after.course is not None
    old, new = before.course.pages["start"]["sv"], after.course.pages["start"]["sv"]
    assert page_hash(old) == page_hash(new)


def test_lines_count_then_list_each_mark_with_who_confirms_it() -> None:
    mark = Mark("Styrgruppen", "owner.administration", "key", Span("k/course.yaml", 14, 19))
    assert list(lines([mark])) == [
        f"1 fact(s) to confirm before release [{CODE}]:",
        "  k/course.yaml:14:19: note[AIC130]: to confirm by Styrgruppen: key "
        "'owner.administration'",
    ]


def test_a_translation_carries_no_marks_of_its_own(english_course: Path) -> None:
    english = english_course / "course.en.yaml"
    english.write_text(english.read_text(encoding="utf-8") + COURSE_MARKS, encoding="utf-8")
    result, report = _check(english_course)
    assert [d.code for d in report.sorted()] == ["AIC132"]
    assert result.marks == []
