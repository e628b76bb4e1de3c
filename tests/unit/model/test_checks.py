from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.checks import check_course
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course


def _check(root: Path) -> list[Diagnostic]:
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return check_course(course)


def _write_quiz(root: Path, body: str) -> None:
    text = f"---\nid: prov\ntitle: Prov\n---\n\n```quiz\nid: slutprov\n{body}```\n"
    (root / "pages" / "prov.md").write_text(text, encoding="utf-8")


def test_clean_course_has_no_findings(small_course: Path) -> None:
    assert _check(small_course) == []


def test_answer_key_must_name_a_choice(small_course: Path) -> None:
    _write_quiz(
        small_course,
        "questions:\n  - id: q\n    type: single\n    prompt: P\n"
        "    choices: [{id: a, text: A}, {id: b, text: B}]\n    answer: c\n",
    )
    [d] = _check(small_course)
    assert (d.code, d.span.line, d.span.col) == ("AIC023", 13, 13)


def test_draw_larger_than_pool_and_empty_quiz(small_course: Path) -> None:
    _write_quiz(small_course, "bank: fragor\ndraw: 5\n")
    [d] = _check(small_course)
    assert d.code == "AIC025" and "only 2" in d.message
    _write_quiz(small_course, "questions: []\n")
    assert [d.code for d in _check(small_course)] == ["AIC024"]


def test_unknown_condition_name(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: Start", "title: Start\nonly: [interna]")
    )
    [d] = _check(small_course)
    assert (d.code, d.hint) == ("AIC040", "did you mean 'internal'?")


def test_xapi_formats_need_a_base_iri(small_course: Path) -> None:
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(
        profile.read_text().replace("xapi:\n  base_iri: https://example.org/xapi/\n", "")
    )
    [d] = _check(small_course)
    assert d.code == "AIC017" and d.span.path.endswith("publik.yaml")
