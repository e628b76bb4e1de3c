"""Where a profile's free text goes, and how much of it (docs/runtime.md, "Free text").

Reflections and survey comments are always kept whole in the learner's browser. When the profile
sends free text (`privacy.free_text: send`) each package sends it too, and a field takes no more
than its format stores (`formats.free_text_limit`): the runtime sets it as the field's maxlength
and shows a counter, so nothing is ever cut after the learner has written it.
"""

from __future__ import annotations

from aicourse_build.formats import KEPT_TEXT_LIMIT, free_text_limit
from aicourse_build.model.blocks import ReflectionBlock, SurveyBlock
from aicourse_build.resolve import ResolvedCourse

# where each format puts a free-text answer that is sent
_SENT_AS = {
    "scorm12": "cmi.interactions.n.student_response",
    "scorm2004": "cmi.interactions.n.learner_response",
    "xapi": "result.response of an 'answered' statement",
    "cmi5": "result.response of an 'answered' statement",
}


def free_text_fields(resolved: ResolvedCourse) -> list[str]:
    """The ids of the free-text fields learners of this variant get, in page order."""
    found: list[str] = []
    for page in resolved.pages:
        for rb in page.blocks:
            block = rb.block
            if isinstance(block, ReflectionBlock):
                found.append(block.id)
            elif isinstance(block, SurveyBlock) and block.comment is not None:
                found.append(block.comment.id)
    return found


def free_text_line(resolved: ResolvedCourse) -> str | None:
    """`check`'s line on where the variant's free text goes; None when it has no such field."""
    fields = free_text_fields(resolved)
    if not fields:
        return None
    model = resolved.profile.model
    head = f"  free text [{resolved.profile.name}/{resolved.lang}]: {len(fields)} field(s), "
    if model.privacy.free_text != "send":
        return head + (
            f"kept in the learner's browser only, at most {KEPT_TEXT_LIMIT} characters each"
        )
    parts = [
        f"{fmt} in {_SENT_AS.get(fmt, 'its answers')}, at most "
        f"{free_text_limit(fmt, 'send')} characters"
        for fmt in model.formats
    ]
    return head + "kept in the browser and sent: " + "; ".join(parts)
