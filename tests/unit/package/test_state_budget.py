"""state_budget mirrors the runtime's resume-state encoder (runtime/core/state.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aicourse_build.formats import FORMATS
from aicourse_build.package.state_budget import (
    ANSWER,
    HEADER,
    STATE_FORMAT,
    response_width,
    worst_case_state_length,
)

REPO = Path(__file__).resolve().parents[3]
MAX_STATE_JS = REPO / "tests" / "runtime" / "max_state.js"
NODE = shutil.which("node") or "/usr/bin/node"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _keys() -> Any:
    n = 1000
    while True:
        n += 37
        yield B62[n // 3844 % 62] + B62[n // 62 % 62] + B62[n % 62]


def _question(qid: str, key: str, kind: str, size: int = 4) -> dict[str, Any]:
    choices = [f"c{i}" for i in range(size)]
    question: dict[str, Any] = {"id": qid, "k": key, "type": kind, "choices": choices}
    question["prompts"] = [f"p{i}" for i in range(size)] if kind == "matching" else []
    question["answer"] = {
        "single": "c0",
        "multiple": ["c0"],
        "truefalse": True,
        "ordering": choices,
        "matching": {f"p{i}": f"c{i}" for i in range(size)},
    }[kind]
    if kind == "truefalse":
        question["choices"] = []
    return question


def make_config(
    pages: int = 1000, questions: int = 300, per_quiz: int = 30, draw: int | None = None
) -> dict[str, Any]:
    """A boot config as docs/runtime.md describes it, with every kind of tracked block."""
    keys = _keys()
    kinds = ["single", "multiple", "truefalse", "ordering", "matching"]
    quizzes: dict[str, Any] = {}
    for i in range(questions):
        quiz = quizzes.setdefault(
            f"quiz-{i // per_quiz}",
            {"k": next(keys), "draw": draw, "shuffle": True, "attempts": 0, "questions": []},
        )
        quiz["questions"].append(_question(f"q{i}", next(keys), kinds[i % len(kinds)], 3 + i % 4))
    return {
        "version": 1,
        "target": "scorm12",
        "course": {"id": "c", "version": "1.0.0", "title": "C", "lang": "sv", "storageKey": "k"},
        "pages": [
            {"id": f"p-{i}", "k": next(keys), "module": "m", "seconds": 60} for i in range(pages)
        ],
        "completion": {"pages": [], "assessment": "quiz-0", "passingScore": 75, "onFail": "failed"},
        "quizzes": quizzes,
        "surveys": {
            "enkat": {
                "k": next(keys),
                "scale": 5,
                "items": [{"id": f"i{n}", "k": next(keys), "description": "d"} for n in range(6)],
                "comment": "enkat-fritt",
            }
        },
        "reflections": {"tanke": {"k": next(keys), "description": "d"}},
        "groups": {"yrke": {"k": next(keys), "options": ["lakare", "admin"], "kind": "profession"}},
        "privacy": {"freeText": "keep_local", "group": "send", "identity": "launch"},
        "strings": {},
    }


def js_maximal_state(config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [NODE, str(MAX_STATE_JS), str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_response_widths() -> None:
    assert response_width({"type": "single", "choices": ["a", "b"]}) == 1
    assert response_width({"type": "truefalse", "choices": []}) == 1
    assert response_width({"type": "multiple", "choices": list("abcdef")}) == 2
    assert response_width({"type": "ordering", "choices": list("abcd")}) == 4
    assert response_width({"type": "matching", "choices": list("ab"), "prompts": list("xyz")}) == 3
    assert response_width({"type": "single", "choices": [str(i) for i in range(62)]}) is None
    assert response_width({"type": "essay"}) is None


def test_empty_course_is_only_the_header() -> None:
    assert worst_case_state_length({"pages": []}) == HEADER == 4
    # the course version is written as it is ("1.12.0" as "1:12:0")
    assert worst_case_state_length({"pages": [], "course": {"version": "1.12.0"}}) == 4 + 6


def test_pages_count_half_of_the_keys() -> None:
    config = {"pages": [{"id": f"p{i}", "k": f"{i:03d}"} for i in range(7)]}
    assert worst_case_state_length(config) == HEADER + 1 + 3 * 3


def test_draw_counts_only_the_largest_drawn_questions() -> None:
    full = make_config(pages=0, questions=30)
    drawn = make_config(pages=0, questions=30, draw=5)
    assert worst_case_state_length(drawn) < worst_case_state_length(full)
    widths = sorted(
        ANSWER + (response_width(q) or 0) for q in full["quizzes"]["quiz-0"]["questions"]
    )
    assert worst_case_state_length(full) - worst_case_state_length(drawn) == sum(widths[:-5])


def test_thousand_pages_and_three_hundred_questions_fit_scorm12() -> None:
    length = worst_case_state_length(make_config(pages=1000, questions=300))
    assert length <= FORMATS["scorm12"].state_limit, length


@pytest.mark.parametrize(
    ("pages", "questions", "draw"), [(1000, 300, None), (7, 41, 3), (1, 1, None), (0, 0, None)]
)
def test_js_encoder_never_exceeds_the_python_worst_case(
    tmp_path: Path, pages: int, questions: int, draw: int | None
) -> None:
    config = make_config(pages=pages, questions=questions, draw=draw)
    result = js_maximal_state(config, tmp_path)
    assert result["roundTrip"] is True
    assert result["format"] == STATE_FORMAT, "state.js and state_budget.py number the format alike"
    assert result["length"] <= worst_case_state_length(config)
    # the mirror is exact, not just an upper bound: a maximal state reaches it
    assert result["length"] == worst_case_state_length(config)


def test_the_figures_docs_diagnostics_md_gives() -> None:
    """docs/diagnostics.md (AIC067) quotes these; they must stay true."""
    question = {"type": "single", "choices": ["a", "b", "c"]}
    quizzes = {f"q{i}": {"questions": [question] * 10} for i in range(30)}
    base = {"pages": [{"id": f"p{i}"} for i in range(1000)], "quizzes": quizzes}
    reflections = {f"r{i}": {} for i in range(400)}
    assert worst_case_state_length(base) == 3605
    assert worst_case_state_length({**base, "reflections": reflections}) == 4806
