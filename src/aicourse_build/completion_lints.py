"""Warnings where the completion policy has an outcome no target can report (docs/completion.md).

The runtime maps the policy to every standard the same way; what is left are policies whose
outcome, in some learner's path, is one that no standard and no LMS can show.
"""

from __future__ import annotations

from aicourse_build.diagnostics import Diagnostic, warning
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.resolve import ResolvedCourse


def lint_completion(resolved: ResolvedCourse) -> list[Diagnostic]:
    """on_fail 'incomplete' with a test of limited attempts: after the last failed attempt the
    course can neither be completed nor reported failed. SCORM LMSs of the Moodle family start
    no new attempt while one is unfinished, and cmi5 and xAPI get no outcome at all."""
    policy = resolved.course.meta.completion
    if policy.assessment is None or policy.on_fail != "incomplete":
        return []
    quiz = next(
        (
            rb.block
            for page in resolved.pages
            for rb in page.blocks
            if isinstance(rb.block, QuizBlock) and rb.block.id == policy.assessment
        ),
        None,
    )
    if quiz is None or quiz.attempts == 0:
        return []
    tries = "one attempt" if quiz.attempts == 1 else f"{quiz.attempts} attempts"
    return [
        warning(
            "AIC071",
            f"on_fail 'incomplete' with {tries} at '{quiz.id}': a learner who fails "
            f"{'it' if quiz.attempts == 1 else 'them all'} stays incomplete for good, since no "
            "target is told of the fail and Moodle and Totara offer no new attempt while one "
            "is unfinished",
            resolved.course.source.index.value_span(("completion", "on_fail")),
            "allow unlimited attempts (attempts: 0), or report the fail with on_fail: failed",
        )
    ]
