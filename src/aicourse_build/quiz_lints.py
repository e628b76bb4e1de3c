"""Warnings about how quiz questions are written (AIC160, AIC161).

Both are about what a learner can tell without knowing the subject: a right answer that is far
longer than the wrong ones gives itself away, and feedback that opens with "Rätt." repeats the
verdict the runtime already shows above it ("✓ Rätt"), so a learner reads it twice or three times.
Questions are linted where they are written: in question banks (every language) and inline in a
quiz block of a page (every language variant).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from aicourse_build.diagnostics import Diagnostic, warning
from aicourse_build.model.blocks import MultipleChoice, Question, QuizBlock, SingleChoice
from aicourse_build.model.tree import Course
from aicourse_build.render.strings import strings_for
from aicourse_build.source.yaml_positions import Loc, PositionIndex

# A right option counts as a give-away when it is both this many times as long as the longest
# wrong option and this many words longer: the ratio alone flags short options ("Ja, oftast" against
# "Nej"), the difference alone long options that are only a little longer. Tuned on the
# default course as reviewed (version 1.0.0): the `model` question, whose right option a reviewer
# found far longer (24 words against 12; Swedish 25 against 13), is flagged; `responsibility`
# (11 against 8; Swedish 11 against 6) and `prerequisites` (9 against 6), which nobody read as
# giving the answer away, are not.
LENGTH_RATIO = 1.6
LENGTH_EXTRA_WORDS = 6

# Words that open a verdict, besides the runtime's own `correct`/`incorrect` strings of the
# language; a language without an entry is checked against the runtime's strings only.
VERDICT_WORDS: dict[str, tuple[str, ...]] = {
    "sv": ("rätt", "fel", "korrekt", "felaktigt", "riktigt"),
    "en": ("right", "correct", "wrong", "incorrect"),
}
# A verdict word is one followed by punctuation or nothing: "Rätt." or "Fel –", not "Rätt svar är".
_AFTER_VERDICT = r"\s*(?:[.!?,:;]|[–—-](?:\s|$)|$)"


@dataclass(frozen=True)
class _Written:
    """Questions as one file writes them: the index of that file and where the list starts."""

    questions: list[Question]
    lang: str
    index: PositionIndex
    loc: Loc


def _written_questions(course: Course) -> Iterator[_Written]:
    for variants in course.banks.values():
        for bank in variants.values():
            yield _Written(bank.model.questions, bank.lang, bank.source.index, ("questions",))
    for page_variants in course.pages.values():
        for page in page_variants.values():
            for pb in page.blocks:
                if isinstance(pb.block, QuizBlock) and pb.block.questions:
                    yield _Written(pb.block.questions, page.lang, pb.raw.index, ("questions",))


def _words(text: str) -> int:
    return len(text.split())


def long_right_options(question: Question, index: PositionIndex, loc: Loc) -> list[Diagnostic]:
    """AIC160: a right option of a choice question much longer than every wrong one."""
    if not isinstance(question, (SingleChoice, MultipleChoice)):
        return []
    right = {question.answer} if isinstance(question, SingleChoice) else set(question.answer)
    wrong = [c for c in question.choices if c.id not in right]
    if not wrong:
        return []
    longest = max(wrong, key=lambda c: _words(c.text))
    limit = _words(longest.text)
    out = []
    for i, choice in enumerate(question.choices):
        count = _words(choice.text)
        if choice.id not in right or count <= LENGTH_RATIO * limit:
            continue
        if count - limit < LENGTH_EXTRA_WORDS:
            continue
        out.append(
            warning(
                "AIC160",
                f"the right option '{choice.id}' of question '{question.id}' has {count} words, "
                f"the longest wrong one ('{longest.id}') {limit}: a far longer option gives the "
                "answer away",
                index.value_span((*loc, "choices", i, "text")),
                "shorten it, or write the wrong options as fully",
            )
        )
    return out


def _verdict_pattern(lang: str) -> re.Pattern[str]:
    shown = strings_for(lang)
    words = {shown["correct"].lower(), shown["incorrect"].lower(), *VERDICT_WORDS.get(lang, ())}
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"^\s*({alternatives}){_AFTER_VERDICT}", re.IGNORECASE)


def _feedback_texts(question: Question, loc: Loc) -> Iterator[tuple[str, str, Loc]]:
    """Every feedback text of a question: the text, what it is the feedback of, where it is."""
    of_question = f"question '{question.id}'"
    if question.feedback is not None:
        for key in ("correct", "incorrect"):
            text = getattr(question.feedback, key)
            if text:
                yield text, of_question, (*loc, "feedback", key)
    for i, choice in enumerate(getattr(question, "choices", [])):
        if choice.feedback:
            of_choice = f"option '{choice.id}' of {of_question}"
            yield choice.feedback, of_choice, (*loc, "choices", i, "feedback")


def verdict_feedback(
    question: Question, lang: str, index: PositionIndex, loc: Loc
) -> list[Diagnostic]:
    """AIC161: feedback that opens with the verdict the runtime shows above it."""
    pattern = _verdict_pattern(lang)
    shown = strings_for(lang)
    out = []
    for text, of_what, at in _feedback_texts(question, loc):
        match = pattern.match(text)
        if match is None:
            continue
        out.append(
            warning(
                "AIC161",
                f"the feedback on {of_what} starts with '{match[1]}': the runtime already "
                f"marks the answer '{shown['correct']}' or '{shown['incorrect']}'",
                index.value_span(at),
                f"drop '{match[1]}' and start with the explanation",
            )
        )
    return out


def lint_questions(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for written in _written_questions(course):
        for i, question in enumerate(written.questions):
            loc = (*written.loc, i)
            out += long_right_options(question, written.index, loc)
            out += verdict_feedback(question, written.lang, written.index, loc)
    return out
