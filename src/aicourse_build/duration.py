"""Estimated time to take a course, per page, module and profile.

Reading speed: 180 words per minute. Standardised Swedish texts are read aloud at about 220 wpm
(IReST); course text is read on screen to be understood and remembered, by a broad staff group
of whom some read Swedish as a second language, so we assume a slower pace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aicourse_build.model.blocks import (
    CalloutBlock,
    ContactsBlock,
    GroupBlock,
    ImageBlock,
    OfflineBlock,
    QuizBlock,
    QuoteBlock,
    ReflectionBlock,
    SurveyBlock,
    TextBlock,
    VideoBlock,
)
from aicourse_build.resolve import ExternalSurvey, ResolvedBlock, ResolvedCourse, ResolvedPage

WORDS_PER_MINUTE = 180
SECONDS_PER_QUESTION = 30
SECONDS_PER_REFLECTION = 60
SECONDS_PER_SURVEY_ITEM = 8
SECONDS_PER_SURVEY_COMMENT = 30
SECONDS_PER_GROUP_REPORT = 10
SECONDS_PER_IMAGE = 10
SECONDS_PER_LINK_OUT = 10

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_URL = re.compile(r"\]\([^)]*\)|https?://\S+|[{}]{2}")
_FENCE_OR_MARKUP = re.compile(r"^(```|:::).*$", re.MULTILINE)


@lru_cache(maxsize=65536)  # estimates are asked for often (check, config, report)
def count_words(text: str | None) -> int:
    if not text:
        return 0
    text = _FENCE_OR_MARKUP.sub(" ", _URL.sub(" ", text))
    return len(_WORD.findall(text))


def _reading(*texts: str | None) -> float:
    return sum(count_words(t) for t in texts) * 60 / WORDS_PER_MINUTE


def block_seconds(rb: ResolvedBlock, course: ResolvedCourse) -> float:
    b = rb.block
    if isinstance(b, TextBlock):
        return _reading(b.body)
    if isinstance(b, (CalloutBlock, QuoteBlock)):
        return _reading(getattr(b, "title", None), b.text)
    if isinstance(b, ImageBlock):
        return SECONDS_PER_IMAGE + _reading(b.caption)
    if isinstance(b, VideoBlock):
        return b.seconds
    if isinstance(b, QuizBlock):
        pool = (
            len(b.questions or [])
            if b.bank is None
            else len(
                bank.model.questions if (bank := course.course.bank(b.bank, course.lang)) else []
            )
        )
        return _reading(b.intro) + SECONDS_PER_QUESTION * (b.draw or pool)
    if isinstance(b, ReflectionBlock):
        return SECONDS_PER_REFLECTION
    if isinstance(b, SurveyBlock):
        comment = SECONDS_PER_SURVEY_COMMENT if b.comment else 0
        return _reading(b.intro) + SECONDS_PER_SURVEY_ITEM * len(b.items) + comment
    if isinstance(b, ExternalSurvey):
        return SECONDS_PER_LINK_OUT
    if isinstance(b, GroupBlock):
        return SECONDS_PER_GROUP_REPORT
    if isinstance(b, ContactsBlock):
        return _reading(b.title, b.text) + 5 * len(b.show)
    if isinstance(b, OfflineBlock):
        return _reading(b.title, b.text, b.where, b.when)
    return 0.0


def page_seconds(page: ResolvedPage, course: ResolvedCourse) -> float:
    if page.page.meta.duration is not None:
        return page.page.meta.duration * 60
    return _reading(page.title) + sum(block_seconds(rb, course) for rb in page.blocks)


@dataclass(frozen=True)
class Estimate:
    modules: dict[str, float]  # module id -> minutes
    total: float  # minutes


def estimate(course: ResolvedCourse) -> Estimate:
    modules: dict[str, float] = {}
    for module in course.modules:
        if module.duration is not None:
            modules[module.id] = module.duration
        else:
            modules[module.id] = sum(page_seconds(p, course) for p in module.pages) / 60
    return Estimate(modules, sum(modules.values()))
