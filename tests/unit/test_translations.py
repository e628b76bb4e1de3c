from collections.abc import Callable
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course
from aicourse_build.translations import bank_hash, check_translations, content_hash, course_hash


def test_hash_ignores_formatting_but_not_content() -> None:
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})
    assert len(content_hash("x")) == 8


def test_changed_original_makes_translation_stale(small_course: Path) -> None:
    original = small_course / "questions" / "fragor.en.yaml"
    course, _ = validate_tree(load_course(small_course))
    assert course is not None and check_translations(course) == []
    original.write_text(original.read_text().replace("What is a model?", "What is an AI model?"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    [d] = check_translations(course)
    new = bank_hash(course.banks["fragor"]["en"])
    assert d.code == "AIC050"
    assert d.hint == f"review the changes, update the translation, then set 'hash: {new}'"
    assert (d.span.line, d.span.col) == (4, 9)


def test_comments_in_the_original_do_not_make_it_stale(small_course: Path) -> None:
    original = small_course / "questions" / "fragor.en.yaml"
    original.write_text("# reviewed\n" + original.read_text().replace("lang: en", "lang:   en"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None and check_translations(course) == []


def test_translation_must_keep_answers(small_course: Path) -> None:
    sv = small_course / "questions" / "fragor.sv.yaml"
    sv.write_text(sv.read_text().replace("answer: b", "answer: a"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    assert [d.code for d in check_translations(course)] == ["AIC053"]


WriteEnglish = Callable[..., Path]


# -- course.<lang>.yaml ----------------------------------------------------------------------------
def _check(root: Path) -> list[Diagnostic]:
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return check_translations(course)


def test_a_course_translation_with_the_current_hash_is_clean(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(small_course)
    assert _check(small_course) == []


def test_changed_course_texts_make_the_course_translation_stale(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(small_course)
    original = small_course / "course.yaml"
    original.write_text(original.read_text().replace("title: Modul ett", "title: Första modulen"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    [d] = check_translations(course)
    translates = course.translations["en"].translates
    assert translates is not None
    old, new = translates.hash, course_hash(course.meta)
    assert old != new
    assert (d.code, d.severity) == ("AIC050", "warning")
    assert d.message == (
        f"translation is stale: course.yaml has changed since it was translated "
        f"(hash {old}, now {new})"
    )
    assert d.hint == f"review the changes, update the translation, then set 'hash: {new}'"
    assert d.span.path.endswith("course.en.yaml") and (d.span.line, d.span.col) == (4, 9)


def test_a_new_setting_is_copied_not_translated(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    """A new version does not make the translation stale, but the copy must follow it."""
    translation = english_writer(small_course)
    original = small_course / "course.yaml"
    original.write_text(original.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    [d] = _check(small_course)
    assert (d.code, d.severity) == ("AIC054", "error")
    assert d.message == "'version' is '1.0.0' in this translation but '1.1.0' in course.yaml"
    assert d.hint == (
        "a translation changes texts only; settings come from course.yaml: set it to '1.1.0'"
    )
    line = translation.read_text().splitlines().index("version: 1.0.0") + 1
    assert (d.span.line, d.span.col) == (line, 10)


def test_every_setting_of_a_course_translation_is_compared(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(
        small_course,
        {
            "passing_score: 80": "passing_score: 50",
            "email: kurs@example.org": "email: course@example.org",
            "    pages: [start, prov]": "    pages: [start, prov]\n    only: [publik]",
        },
    )
    found = [(d.code, d.message) for d in _check(small_course)]
    assert found == [
        (
            "AIC054",
            "'contacts.kurs.email' is 'course@example.org' in this translation but "
            "'kurs@example.org' in course.yaml",
        ),
        ("AIC054", "'completion.passing_score' is 50 in this translation but 80 in course.yaml"),
        (
            "AIC054",
            "'only' of module 'modul-ett' is [publik] in this translation but [] in course.yaml",
        ),
    ]


def test_a_course_translation_keeps_the_ids(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(
        small_course,
        {
            "[start, prov]": "[prov, start]",
            "id: annan": "id: other",
            "  kurs:\n": "  course:\n",
        },
    )
    hint = (
        "a translation of course.yaml keeps its module, page, audience and contact ids; "
        "compare it with course.yaml"
    )
    found = _check(small_course)
    assert [(d.code, d.message) for d in found] == [
        (
            "AIC053",
            "module 'modul-ett' lists the pages [prov, start] in this translation but "
            "[start, prov] in the original",
        ),
        ("AIC053", "the audiences differ from the original's (lakare, annan)"),
        ("AIC053", "the contacts differ from the original's (kurs)"),
    ]
    assert {d.hint for d in found} == {hint}


def test_a_course_translation_must_say_what_it_translates(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    path = english_writer(small_course)
    text = path.read_text()
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    current = course_hash(course.meta)
    path.write_text(text.replace("  from: course.yaml\n", "  from: kurs.yaml\n"))
    [d] = _check(small_course)
    assert (d.code, d.message) == (
        "AIC052",
        "the original 'kurs.yaml' is not a version of this text",
    )
    assert d.hint == "did you mean 'course.yaml'?"
    path.write_text(text.replace(f"translates:\n  from: course.yaml\n  hash: {current}\n", ""))
    [d] = _check(small_course)
    assert (d.code, d.message) == (
        "AIC010",
        "missing 'translates': course.en.yaml must say what it translates",
    )
    assert f"hash: {current}" in (d.hint or "")


def test_course_yaml_is_always_the_original(small_course: Path) -> None:
    original = small_course / "course.yaml"
    original.write_text(
        original.read_text() + "translates:\n  from: course.en.yaml\n  hash: 0a0b0c0d\n"
    )
    [d] = _check(small_course)
    assert d.code == "AIC052"
    assert (
        d.message
        == "course.yaml is the original; it translates nothing (it names 'course.en.yaml')"
    )
