from pathlib import Path

from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course
from aicourse_build.translations import bank_hash, check_translations, content_hash


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
