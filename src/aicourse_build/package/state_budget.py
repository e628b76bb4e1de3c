"""Worst-case length of the learner runtime's resume state (cmi.suspend_data).

A mirror of the encoder in ``runtime/core/state.js`` (its header documents the grammar): from a
boot config (the JSON of docs/runtime.md) it computes the longest state the runtime can ever
write for that course in its most compact form, so ``aicourse check`` can warn before a package
exceeds its target's limit. (The runtime writes the pages seen as an explicit list whenever that
fits the limit, since only that list stays true when pages are added in a later version; it
falls back to the list of pages not seen, counted here, only when the explicit one would not
fit.) Keep the two in step; ``tests/unit/package/test_state_budget.py`` cross-checks them.

``STATE_FORMAT`` is the one place the resume-state format is numbered on the Python side
(state.js has its own ``FORMAT``; a test checks that they agree).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

STATE_FORMAT = 2  # the resume state's leading character: the format it is written in
KEY = 3  # every key `k` is three characters
PAGE_SET = 3  # digest of the page keys the state was written against
HEADER = 1 + PAGE_SET  # format, page set; then the course version (one character per character)
QUIZ_HEADER = 1 + KEY + 1 + 2 + 2 + 1  # tag, key, attempts, seed, score, phase
ANSWER = KEY + 2  # question key, check of the question's choices; then the response
SURVEY_HEADER = 1 + KEY + 1 + 1  # tag, key, sent flag, scale
SURVEY_ITEM = KEY + 1
GROUP_ITEM = KEY + 3  # group key, digest of the chosen option's id
MAX_CODE = 61  # the largest value of one base-62 character


def _count(value: Any) -> int:
    return len(value) if isinstance(value, Sequence) and not isinstance(value, str) else 0


def response_width(question: Mapping[str, Any]) -> int | None:
    """Characters of a question's saved response, or None when the runtime cannot save it."""
    kind = question.get("type")
    choices = _count(question.get("choices"))
    if kind == "truefalse":
        return 1
    if kind == "multiple":
        return -(-choices // 5)  # 5 bits per character
    if choices > MAX_CODE:
        return None
    if kind == "single":
        return 1
    if kind == "ordering":
        return choices
    if kind == "matching":
        prompts = _count(question.get("prompts"))
        return prompts if prompts <= MAX_CODE else None
    return None


def _quiz_length(quiz: Mapping[str, Any]) -> int:
    records = sorted(
        (
            ANSWER + width
            for q in quiz.get("questions") or []
            if (width := response_width(q)) is not None
        ),
        reverse=True,
    )
    draw = quiz.get("draw")
    if isinstance(draw, int) and draw > 0:
        records = records[:draw]
    return QUIZ_HEADER + sum(records)


def _scale_size(survey: Mapping[str, Any]) -> int:
    scale = survey.get("scale")
    return scale if isinstance(scale, int) else _count(scale)


def _survey_length(survey: Mapping[str, Any]) -> int:
    # item values are 1..scale; values above 61 are not saved, but lower ones still are
    items = _count(survey.get("items")) if _scale_size(survey) >= 1 else 0
    return SURVEY_HEADER + SURVEY_ITEM * items


def worst_case_state_length(config: Mapping[str, Any]) -> int:
    """The longest resume state the runtime can write for this boot config."""
    pages = _count(config.get("pages"))
    course = config.get("course")
    version = course.get("version") if isinstance(course, Mapping) else None
    length = HEADER + (len(version) if isinstance(version, str) else 0)
    # visited or unvisited pages, whichever list is shorter: at worst half of them
    length += 1 + KEY * (pages // 2) if pages else 0
    length += sum(_quiz_length(quiz) for quiz in (config.get("quizzes") or {}).values())
    length += sum(_survey_length(survey) for survey in (config.get("surveys") or {}).values())
    reflections = len(config.get("reflections") or {})
    if reflections:
        length += 1 + KEY * reflections
    # a group with options can always be saved (codes above 61 are not, lower ones are)
    groups = sum(
        1 for group in (config.get("groups") or {}).values() if _count(group.get("options"))
    )
    if groups:
        length += 1 + GROUP_ITEM * groups
    return length
