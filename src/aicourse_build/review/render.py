"""Rendering the review: Jinja templates over review/templates, Markdown with the course's images
inlined as data: URIs (the documents fetch nothing), page headings demoted under the review's own.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from aicourse_build.duration import WORDS_PER_MINUTE
from aicourse_build.formats import FORMATS
from aicourse_build.model.blocks import GroupBlock, GroupOption, ImageBlock, VideoBlock
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.model.tree import Course
from aicourse_build.render.markdown import render_block, render_inline
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.review.changes import Compared, QuestionChange
from aicourse_build.review.labels import AnyBlock
from aicourse_build.review.views import Scope, quiz_questions
from aicourse_build.source.references import is_external, is_inline, package_path

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = Path(__file__).resolve().parent / "review.css"
NEW_TAB = "(öppnas i en ny flik)"
_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? ?/?>')
_HEADING = re.compile(r"<(/?)h([1-6])\b")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def data_uri(course: Course, ref: str) -> str | None:
    """A course file as a data: URI, or None when the course has no such file (check said so)."""
    if is_external(ref) or is_inline(ref):
        return None
    asset = course.assets.get(package_path(ref))
    if asset is None:
        return None
    return f"data:{asset.mime};base64,{base64.b64encode(asset.data).decode('ascii')}"


def self_contained(course: Course, html: str) -> str:
    """Markdown images inlined as data: URIs; any other image becomes its alt text."""

    def replace(match: re.Match[str]) -> str:
        uri = data_uri(course, match[1])
        if uri is None:
            return f'<span class="missing-image">[Bild: {match[2]}]</span>'
        return f'<img src="{uri}" alt="{match[2]}">'

    return _IMG.sub(replace, html)


def demote(html: str, levels: int = 2) -> str:
    """Page headings start at h2; in the review a page is an h3, so its headings go down two."""
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + levels)}", html)


def _contact_rows(
    resolved: ResolvedCourse | None, meta: CourseFile, keys: Iterable[str]
) -> list[tuple[str, Contact | None]]:
    contacts = resolved.contacts if resolved else meta.contacts
    return [(key, contacts.get(key)) for key in keys]


class BlockRenderer:
    """A block as the review shows it (templates/block.html.j2), as one profile reads it."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.template = _environment().get_template("block.html.j2")

    def md(self, text: str) -> Markup:
        html = render_block(text, NEW_TAB)
        return Markup(self_contained(self.scope.course, demote(str(html))))

    def mdi(self, text: str) -> Markup:
        html = render_inline(text, NEW_TAB)
        return Markup(self_contained(self.scope.course, str(html)))

    def group_options(self, block: GroupBlock) -> list[GroupOption]:
        if block.options is not None:
            return block.options
        return [GroupOption(id=a.id, label=a.label) for a in self.scope.meta.audiences]

    def transcript(self, block: VideoBlock) -> str | None:
        if block.transcript is not None:
            return block.transcript
        if block.transcript_src is None:
            return None
        asset = self.scope.course.assets.get(package_path(block.transcript_src))
        return asset.text if asset else None

    def question_change(self, quiz: str, question: str) -> QuestionChange | None:
        """How a question changed since the version `review --since` compares with, if it did."""
        compared: Compared | None = getattr(self.scope, "compared", None)
        return compared.question(quiz, question) if compared else None

    def render(self, block: AnyBlock, resolved: ResolvedCourse | None) -> Markup:
        course = self.scope.course
        image = (data_uri(course, block.src) if isinstance(block, ImageBlock) else None) or (
            data_uri(course, block.poster)
            if isinstance(block, VideoBlock) and block.poster
            else None
        )
        html = self.template.render(
            b=block,
            image=image,
            md=self.md,
            mdi=self.mdi,
            questions=lambda quiz: quiz_questions(self.scope, quiz),
            change=self.question_change,
            group_options=self.group_options,
            transcript=self.transcript,
            contacts=lambda keys: _contact_rows(resolved, self.scope.meta, keys),
            assessment=course.meta.completion,
        )
        return Markup(html)


def _share(minutes: float, target: int) -> str:
    return f"{round(100 * minutes / target)} %"


def render_document(template: str, review: Scope, title: str) -> str:
    """A whole document (review.html.j2, discussion-guide.html.j2) with the stylesheet inlined."""
    meta = review.meta
    return (
        _environment()
        .get_template(template)
        .render(
            review=review,
            course=meta,
            title=title,
            css=Markup(STYLESHEET.read_text(encoding="utf-8")),
            minutes=lambda value: f"{value:.1f}".replace(".", ","),
            share=lambda value: _share(value, meta.duration),
            off_target=lambda value: not 0.7 * meta.duration <= value <= 1.1 * meta.duration,
            formats=lambda fmts: ", ".join(FORMATS[f].title for f in fmts),
            esc=escape,
            words_per_minute=WORDS_PER_MINUTE,
        )
    )
