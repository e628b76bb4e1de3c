"""The footprint as data: it round-trips through JSON unchanged and carries no texts of pages."""

from __future__ import annotations

import json

from aicourse_build.diff.footprint import FOOTPRINT_VERSION, Footprint, fingerprint


def test_round_trip_through_json(courses) -> None:
    for found in courses.footprints(courses.base).values():
        text = json.dumps(found.to_json(), sort_keys=True)
        assert Footprint.model_validate(json.loads(text)) == found
        assert found.footprint == FOOTPRINT_VERSION


def test_keys_and_labels(courses) -> None:
    found = courses.footprints(courses.base)["publik/cmi5"]
    assert found.key == ("minikurs", "publik", "sv", "cmi5")
    assert found.label == "minikurs publik/sv cmi5"


def test_fingerprint_is_canonical() -> None:
    assert fingerprint({"b": 1, "a": [1, 2]}) == fingerprint({"a": [1, 2], "b": 1})
    assert fingerprint(b"x") != fingerprint("x")
    assert len(fingerprint(True)) == 64


def test_no_page_text_in_the_footprint(courses) -> None:
    found = courses.footprints(courses.base)["intern/scorm12"]
    text = json.dumps(found.to_json(), ensure_ascii=False)
    assert "Välkommen till minikursen" not in text and "Vad är en modell?" not in text
    assert [(p.id, p.title, p.required) for p in found.pages] == [
        ("start", "Start", True),
        ("prov", "Prov", True),
    ]


def test_a_question_change_is_named_by_its_weightiest_part() -> None:
    from aicourse_build.diff.footprint import QuestionFootprint, question_change

    was = QuestionFootprint(
        quiz="q", id="a", type="single", choices=("x", "y"), answer="1", text="t"
    )
    assert question_change(was, was) is None
    assert question_change(was, was.model_copy(update={"text": "u"})) == "text"
    assert (
        question_change(was, was.model_copy(update={"choices": ("x",), "text": "u"})) == "choices"
    )
    assert (
        question_change(was, was.model_copy(update={"answer": "2", "choices": ("x",)})) == "answer"
    )
    assert (
        question_change(was, was.model_copy(update={"type": "multiple", "answer": "2"})) == "type"
    )
