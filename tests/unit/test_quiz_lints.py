"""AIC160 (a right option far longer than the wrong ones) and AIC161 (feedback opening with the
verdict the runtime shows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from aicourse_build.diagnostics import Report, Span
from aicourse_build.model.blocks import Question
from aicourse_build.pipeline import check_course_dir
from aicourse_build.quiz_lints import long_right_options, verdict_feedback
from aicourse_build.source.yaml_positions import PositionIndex

QUESTION = TypeAdapter(Question)
NOWHERE = PositionIndex(Span("fragor.sv.yaml"))


def words(count: int, word: str = "ord") -> str:
    return " ".join([word] * count)


def single(right: str, *wrong: str, feedback: dict[str, Any] | None = None) -> Question:
    choices = [{"id": "r", "text": right}] + [
        {"id": f"w{i}", "text": text} for i, text in enumerate(wrong, 1)
    ]
    data: dict[str, Any] = {
        "id": "q",
        "type": "single",
        "prompt": "?",
        "choices": choices,
        "answer": "r",
    }
    if feedback is not None:
        data["feedback"] = feedback
    return QUESTION.validate_python(data)


def length_messages(question: Question) -> list[str]:
    return [d.message for d in long_right_options(question, NOWHERE, ("questions", 0))]


@pytest.mark.parametrize(
    ("right", "longest_wrong", "flagged"),
    [
        (17, 10, True),  # 1.7 times as long and 7 words longer
        (16, 10, False),  # exactly 1.6 times: not more
        (20, 13, False),  # 7 words longer but only 1.54 times as long
        (5, 2, False),  # 2.5 times as long but only 3 words longer
        (10, 10, False),
    ],
)
def test_a_right_option_must_be_far_longer_both_ways(
    right: int, longest_wrong: int, flagged: bool
) -> None:
    question = single(words(right), words(3), words(longest_wrong))
    expected = (
        [
            f"the right option 'r' of question 'q' has {right} words, the longest wrong one "
            f"('w2') {longest_wrong}: a far longer option gives the answer away"
        ]
        if flagged
        else []
    )
    assert length_messages(question) == expected


def test_each_right_option_of_a_multiple_choice_question_is_measured() -> None:
    question = QUESTION.validate_python(
        {
            "id": "flera",
            "type": "multiple",
            "prompt": "?",
            "choices": [
                {"id": "a", "text": words(4)},
                {"id": "b", "text": words(14)},
                {"id": "c", "text": words(5)},
                {"id": "d", "text": words(8)},
            ],
            "answer": ["a", "b", "d"],
        }
    )
    assert length_messages(question) == [
        "the right option 'b' of question 'flera' has 14 words, the longest wrong one ('c') 5: "
        "a far longer option gives the answer away"
    ]


def test_questions_without_wrong_options_to_compare_are_not_measured() -> None:
    everything = QUESTION.validate_python(
        {
            "id": "alla",
            "type": "multiple",
            "prompt": "?",
            "choices": [{"id": "a", "text": words(20)}, {"id": "b", "text": "kort"}],
            "answer": ["a", "b"],
        }
    )
    ordering = QUESTION.validate_python(
        {
            "id": "ordning",
            "type": "ordering",
            "prompt": "?",
            "choices": [{"id": "a", "text": words(20)}, {"id": "b", "text": "kort"}],
            "answer": ["a", "b"],
        }
    )
    assert length_messages(everything) == [] and length_messages(ordering) == []


def verdicts(question: Question, lang: str) -> list[str]:
    return [d.message for d in verdict_feedback(question, lang, NOWHERE, ("questions", 0))]


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("sv", "Rätt. Modellen har lärt sig av data.", "Rätt"),
        ("sv", "rätt, det stämmer.", "rätt"),
        ("sv", "Fel – en modell slår inte upp svar.", "Fel"),
        ("sv", "Korrekt!", "Korrekt"),
        ("en", "Right. A model learns from data.", "Right"),
        ("en", "Correct, these identify the patient.", "Correct"),
        ("en", "Wrong: a model does not look answers up.", "Wrong"),
        ("en", "Incorrect.", "Incorrect"),
    ],
)
def test_feedback_opening_with_a_verdict_is_flagged(lang: str, text: str, word: str) -> None:
    shown = {"sv": "'Rätt' or 'Fel'", "en": "'Correct' or 'Incorrect'"}[lang]
    question = single("a", "b", feedback={"correct": text})
    assert verdicts(question, lang) == [
        f"the feedback on question 'q' starts with '{word}': the runtime already marks the "
        f"answer {shown}"
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Rätt svar är att modellen har lärt sig av data."),  # a sentence, not a verdict
        ("sv", "Felaktiga data ger felaktiga svar."),
        ("sv", "Det stämmer: modellen har lärt sig av data."),
        ("en", "Rightly or not, the model answers."),
        ("en", "Correctness depends on the data."),
        ("sv", "Right. Ett engelskt ord i en svensk text är inte en svensk dom."),
    ],
)
def test_feedback_that_only_begins_like_a_verdict_is_not_flagged(lang: str, text: str) -> None:
    assert verdicts(single("a", "b", feedback={"incorrect": text}), lang) == []


def test_the_feedback_on_an_option_is_checked_too() -> None:
    question = QUESTION.validate_python(
        {
            "id": "q",
            "type": "single",
            "prompt": "?",
            "choices": [
                {"id": "a", "text": "A", "feedback": "Fel. Så fungerar det inte."},
                {"id": "b", "text": "B", "feedback": "Modellen har lärt sig av data."},
            ],
            "answer": "b",
        }
    )
    assert verdicts(question, "sv") == [
        "the feedback on option 'a' of question 'q' starts with 'Fel': the runtime already "
        "marks the answer 'Rätt' or 'Fel'"
    ]


BANK = """\
lang: sv
questions:
  - id: lang
    type: single
    prompt: Vad är en modell?
    choices:
      - id: a
        text: Regler som en människa har skrivit
      - id: b
        text: >-
          Det som blir kvar när en dator har lärt sig mönster av många exempel och sedan kan
          använda dem på nya fall
    answer: b
    feedback:
      correct: Rätt. Modellen har lärt sig av data.
"""

PAGE = """\
---
id: start
title: Start
---

```quiz
id: ovning
questions:
  - id: inne
    type: truefalse
    prompt: En modell kan ha fel.
    answer: true
    feedback:
      incorrect: "Fel: en modell kan ha fel."
```
"""


def test_check_reports_both_where_they_are_written(small_course: Path) -> None:
    (small_course / "questions" / "lint.sv.yaml").write_text(BANK, encoding="utf-8")
    (small_course / "pages" / "start.md").write_text(PAGE, encoding="utf-8")
    report = Report()
    check_course_dir(small_course, report)
    found = [
        (Path(d.span.path).name, d.span.line, d.span.col, d.severity, d.code, d.message)
        for d in report.sorted()
        if d.code in ("AIC160", "AIC161")
    ]
    assert found == [
        (
            "start.md",
            14,
            18,
            "warning",
            "AIC161",
            "the feedback on question 'inne' starts with 'Fel': the runtime already marks the "
            "answer 'Rätt' or 'Fel'",
        ),
        (
            "lint.sv.yaml",
            10,
            15,
            "warning",
            "AIC160",
            "the right option 'b' of question 'lang' has 22 words, the longest wrong one ('a') "
            "6: a far longer option gives the answer away",
        ),
        (
            "lint.sv.yaml",
            15,
            16,
            "warning",
            "AIC161",
            "the feedback on question 'lang' starts with 'Rätt': the runtime already marks the "
            "answer 'Rätt' or 'Fel'",
        ),
    ]
    hints = [d.hint for d in report.sorted() if d.code in ("AIC160", "AIC161")]
    assert hints == [
        "drop 'Fel' and start with the explanation",
        "shorten it, or write the wrong options as fully",
        "drop 'Rätt' and start with the explanation",
    ]
