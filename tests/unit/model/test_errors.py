from typing import Any

import pytest

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.course import CourseFile
from aicourse_build.model.profile import Profile
from aicourse_build.model.validate import _validate
from aicourse_build.source.yaml_positions import load_yaml


def _errors(model: Any, text: str) -> list[Diagnostic]:
    doc, problems = load_yaml(text, "f.yaml")
    assert doc is not None and problems == []
    out: list[Diagnostic] = []
    assert _validate(model, doc.data, doc.index, out) is None
    return out


PROFILE = "title: T\ntheme: vgr\nformats: [scorm12]\n"


def test_unknown_key_suggests_the_nearest_known_one() -> None:
    [d] = _errors(Profile, PROFILE + "langauges: [sv]\n")
    assert (d.code, d.message, d.hint) == (
        "AIC011",
        "unknown key 'langauges'",
        "did you mean 'languages'?",
    )
    assert (d.span.line, d.span.col) == (4, 1)


def test_unknown_nested_key_suggests_within_its_model() -> None:
    [d] = _errors(Profile, PROFILE + "privacy:\n  free_txt: send\n")
    assert d.hint == "did you mean 'free_text'?"
    assert (d.span.line, d.span.col) == (5, 3)


def test_missing_key_points_at_the_parent() -> None:
    [d] = _errors(Profile, "title: T\nformats: [scorm12]\n")
    assert (d.code, d.message) == ("AIC010", "missing required key 'theme'")


def test_literal_with_did_you_mean() -> None:
    [d] = _errors(Profile, "title: T\ntheme: vgr\nformats: [scorm2044]\n")
    assert d.code == "AIC012"
    assert d.hint == "did you mean 'scorm2004'?"
    assert (d.span.line, d.span.col) == (3, 11)


def test_custom_rule_message_has_no_pydantic_prefix() -> None:
    [d] = _errors(Profile, PROFILE + "survey:\n  mode: external\n")
    assert d.message.startswith("an external survey needs 'url'")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("passing_score: 120", "'passing_score' must be at most 100, not '120'"),
        ("pages: alla", "'alla' is not allowed for 'pages'"),
    ],
)
def test_completion_values(line: str, expected: str) -> None:
    text = (
        "id: k\ntitle: K\ndescription: D\nversion: 1.0.0\nduration: 5\n"
        "owner: {organisation: O}\nmodules: [{id: m, title: M, pages: [p]}]\n"
        f"completion:\n  {line}\n"
    )
    messages = [d.message for d in _errors(CourseFile, text)]
    assert expected in messages


def test_invalid_id_explains_the_rule() -> None:
    text = (
        "id: Min Kurs\ntitle: K\ndescription: D\nversion: 1.0.0\nduration: 5\n"
        "owner: {organisation: O}\nmodules: [{id: m, title: M, pages: [p]}]\n"
    )
    [d] = _errors(CourseFile, text)
    assert d.message == "'Min Kurs' is not a valid id"
    assert d.hint is not None and "lower-case" in d.hint


def test_a_model_check_named_by_its_own_code_keeps_code_message_hint_and_key() -> None:
    [d] = _errors(Profile, PROFILE + "strings:\n  sv:\n    nxet: Fram\n")
    assert (d.code, d.message, d.hint) == (
        "AIC080",
        "unknown UI string 'nxet'",
        "did you mean 'next'?",
    )
    assert (d.span.line, d.span.col) == (6, 5)


def test_a_cross_field_check_points_at_its_own_key() -> None:
    [d] = _errors(Profile, PROFILE + "language_switch: true\n")
    assert d.code == "AIC082"
    assert (d.span.line, d.span.col) == (4, 1)
