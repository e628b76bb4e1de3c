"""Pre- and post-tests pair: same questions, one of each, and a pre-test that teaches nothing."""

from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.measures import check_measures, measuring_quizzes
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course

PRE = "```quiz\nid: fore\nbank: fragor\nfeedback: none\nattempts: 1\nmeasures: pre\n```\n"


def _course_with(root: Path, prov: str) -> list[Diagnostic]:
    (root / "pages" / "prov.md").write_text(f"---\nid: prov\ntitle: Prov\n---\n\n{prov}")
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return check_measures(course)


def _codes(found: list[Diagnostic]) -> list[tuple[str, int, str]]:
    return [(d.code, d.span.line, d.message.split(":")[0]) for d in found]


def test_a_pre_and_a_post_test_on_one_bank_pair(small_course: Path) -> None:
    post = "```quiz\nid: slutprov\nbank: fragor\nmeasures: post\n```\n"
    assert _course_with(small_course, PRE + "\n" + post) == []
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    assert [m.quiz.id for m in measuring_quizzes(course)] == ["fore", "slutprov"]


def test_a_post_test_alone_has_nothing_to_compare_with(small_course: Path) -> None:
    found = _course_with(small_course, "```quiz\nid: slutprov\nbank: fragor\nmeasures: post\n```\n")
    assert _codes(found) == [("AIC048", 9, "a post-test without a pre-test")]


def test_pre_and_post_must_ask_the_same_questions(small_course: Path) -> None:
    post = (
        "```quiz\nid: slutprov\nmeasures: post\nquestions:\n"
        "  - {id: x, type: truefalse, prompt: Sant?, answer: true}\n```\n"
    )
    [problem] = _course_with(small_course, PRE + "\n" + post)
    assert problem.code == "AIC048" and "bank 'fragor'" in problem.message
    assert "quiz 'slutprov'" in problem.message


def test_two_pre_tests(small_course: Path) -> None:
    second = PRE.replace("id: fore", "id: fore-igen")
    assert _codes(_course_with(small_course, PRE + "\n" + second)) == [
        ("AIC048", 19, "a second 'measures")
    ]


def test_a_pre_test_that_shows_answers_or_can_be_retaken(small_course: Path) -> None:
    pre = "```quiz\nid: fore\nbank: fragor\nattempts: 3\nmeasures: pre\n```\n"
    found = _course_with(small_course, pre)
    assert [(d.code, d.severity.value, d.span.line) for d in found] == [
        ("AIC049", "warning", 10),
        ("AIC049", "warning", 9),
    ]
