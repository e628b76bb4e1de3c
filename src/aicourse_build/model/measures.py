"""Checks of the quizzes that measure knowledge: `measures: pre` and `measures: post`.

Results compare each learner's first attempt at the pre-test with their first attempt at the
post-test, question by question, so the two must ask the same questions, and the pre-test must
neither teach its answers nor be retaken.
"""

from __future__ import annotations

from dataclasses import dataclass

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.model.tree import Course, PageBlock


@dataclass(frozen=True)
class Measuring:
    quiz: QuizBlock
    where: PageBlock

    @property
    def span(self) -> Span:
        return self.where.raw.index.value_span(("measures",))

    def question_ids(self, course: Course) -> list[str]:
        if self.quiz.bank is not None:
            bank = course.bank(self.quiz.bank)
            return [q.id for q in bank.model.questions] if bank else []
        return [q.id for q in self.quiz.questions or []]

    def pool(self) -> str:
        """What the quiz draws from: its bank, or its own questions."""
        return f"bank '{self.quiz.bank}'" if self.quiz.bank else f"quiz '{self.quiz.id}'"


def measuring_quizzes(course: Course) -> list[Measuring]:
    found = []
    for page_id in course.pages:
        page = course.page(page_id)
        for pb in page.blocks if page else ():
            if isinstance(pb.block, QuizBlock) and pb.block.measures is not None:
                found.append(Measuring(pb.block, pb))
    return found


def _pairing(course: Course, pre: list[Measuring], post: list[Measuring]) -> list[Diagnostic]:
    out = []
    for kind, these in (("pre", pre), ("post", post)):
        for extra in these[1:]:
            out.append(
                error(
                    "AIC048",
                    f"a second 'measures: {kind}' quiz; results pair one pre-test with one "
                    f"post-test (the first is '{these[0].quiz.id}')",
                    extra.span,
                    "leave 'measures' out of all but one",
                )
            )
    if post and not pre:
        out.append(
            error(
                "AIC048",
                "a post-test without a pre-test: nothing to compare it with",
                post[0].span,
                "add 'measures: pre' to a quiz before it that draws from the same bank",
            )
        )
    if pre and post:
        before, after = pre[0], post[0]
        if before.quiz.bank != after.quiz.bank or (
            before.quiz.bank is None and before.question_ids(course) != after.question_ids(course)
        ):
            out.append(
                error(
                    "AIC048",
                    f"the pre-test draws from {before.pool()} and the post-test from "
                    f"{after.pool()}: results compare the same questions before and after",
                    after.span,
                    "let both quizzes use the same 'bank:'",
                )
            )
    return out


def _pre_test_manners(pre: list[Measuring]) -> list[Diagnostic]:
    out = []
    for each in pre:
        quiz, index = each.quiz, each.where.raw.index
        if quiz.feedback != "none":
            out.append(
                warning(
                    "AIC049",
                    "the pre-test shows which answers are right: learners then learn them from "
                    "the test, and results cannot tell what the course taught",
                    each.span,
                    "add 'feedback: none'",
                )
            )
        if quiz.attempts != 1:
            where = index.value_span(("attempts",)) if quiz.attempts else each.span
            out.append(
                warning(
                    "AIC049",
                    "the pre-test can be taken again: only the first attempt is a measurement",
                    where,
                    "add 'attempts: 1'",
                )
            )
    return out


def check_measures(course: Course) -> list[Diagnostic]:
    measuring = measuring_quizzes(course)
    pre = [m for m in measuring if m.quiz.measures == "pre"]
    post = [m for m in measuring if m.quiz.measures == "post"]
    return _pairing(course, pre, post) + _pre_test_manners(pre)
