"""The review document for the steering group and the discussion guide, as self-contained HTML.

Every profile is resolved in the course's primary language; each module, page and block of the
manuscript is then shown once, in order, marked with the profiles that keep it (views), with the
differences between the profiles (compare), rendered from the templates (render).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aicourse_build.model.blocks import Question, QuizBlock
from aicourse_build.model.tree import Course
from aicourse_build.resolve import resolve_profile
from aicourse_build.review import compare, views
from aicourse_build.review.compare import PrivacyRow, ProfileDiff, SettingDiff
from aicourse_build.review.confirm import Confirmations, confirmations, highlight
from aicourse_build.review.render import BlockRenderer, render_document
from aicourse_build.review.views import (
    BlockView,
    ModuleView,
    PageView,
    Presence,
    Reflection,
    Scope,
    quiz_questions,
)

if TYPE_CHECKING:
    from aicourse_build.review.changes import Compared
    from aicourse_build.review.summary import Changes

__all__ = [
    "Presence",
    "Review",
    "collect",
    "discussion_guide_html",
    "quiz_questions",
    "review_html",
]


@dataclass
class Review(Scope):
    modules: list[ModuleView] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)
    privacy: list[PrivacyRow] = field(default_factory=list)
    diffs: list[ProfileDiff] = field(default_factory=list)
    content_diffs: list[tuple[PageView, BlockView]] = field(default_factory=list)
    settings: list[SettingDiff] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    # with `review --since`: the footprints' changes (marks on questions), then the summary
    compared: Compared | None = None
    changes: Changes | None = None
    to_confirm: Confirmations = field(default_factory=Confirmations)  # facts marked to confirm

    @property
    def pages(self) -> list[PageView]:
        return [p for m in self.modules for p in m.pages]

    @property
    def questions(self) -> list[tuple[QuizBlock, Question]]:
        found = []
        for page in self.pages:
            for view in page.blocks:
                if isinstance(view.block, QuizBlock):
                    found += [(view.block, q) for q in quiz_questions(self, view.block)]
        return found


def collect(course: Course, lang: str | None = None, compared: Compared | None = None) -> Review:
    """Resolve every profile of a checked course (without errors) and gather the review;
    `compared`: the changes since an earlier version, whose questions the body marks."""
    lang = lang or course.meta.language
    profiles = sorted(course.profiles)
    resolved = {
        name: resolve_profile(course, course.profiles[name], lang, followups=False)[0]
        for name in profiles
    }
    review = Review(course, lang, profiles, resolved, compared=compared)
    review.modules, review.totals = views.module_views(review, BlockRenderer(review).render)
    review.diffs = compare.profile_diffs(review.profiles, review.modules)
    review.content_diffs = compare.content_diffs(review.pages)
    review.settings = compare.settings(review)
    review.privacy = compare.privacy(review)
    review.reflections = views.reflections(review.pages)
    review.to_confirm = confirmations(course, lang, review.pages)
    highlight(review.pages, review.to_confirm)
    return review


def review_html(review: Review) -> str:
    return render_document("review.html.j2", review, f"Granskningsunderlag: {review.meta.title}")


def discussion_guide_html(review: Review) -> str:
    title = f"Diskussionsunderlag: {review.meta.title}"
    return render_document("discussion-guide.html.j2", review, title)
