"""Warnings about accessibility and links, and the profile-specific checks of resolved output."""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it.token import Token

from aicourse_build.completion_lints import lint_completion
from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.formats import FORMATS
from aicourse_build.model.blocks import ImageBlock, TextBlock, VideoBlock
from aicourse_build.model.tree import Course, Page, PageBlock
from aicourse_build.quiz_lints import lint_questions
from aicourse_build.resolve import ExternalSurvey, ResolvedBlock, ResolvedCourse
from aicourse_build.source.markdown_source import markdown_parser
from aicourse_build.video_lints import lint_videos

VAGUE_LINK_TEXT = {
    "klicka här",
    "här",
    "läs mer",
    "länk",
    "denna länk",
    "den här länken",
    "mer",
    "klicka",
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
}
_URL = re.compile(r"https?://[^\s)<>\"'\]]+")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def _text_tokens(pb: PageBlock) -> Iterator[tuple[Token, int]]:
    """Tokens of a text block with the file line each starts on."""
    assert isinstance(pb.block, TextBlock)
    for token in markdown_parser().parse(pb.block.body):
        line = pb.raw.first_line + (token.map[0] if token.map else 0)
        yield token, line


def _inline_children(tokens: list[tuple[Token, int]]) -> Iterator[tuple[Token, list[Token], int]]:
    for token, line in tokens:
        if token.type == "inline":
            yield token, token.children or [], line


def lint_page_text(page: Page) -> list[Diagnostic]:
    """Headings, link text and raw HTML in every text block of a page."""
    out: list[Diagnostic] = []
    file = page.source.file
    previous = 1  # the page title is the h1
    for pb in page.blocks:
        if not isinstance(pb.block, TextBlock):
            continue
        out += _script_links(pb)
        tokens = list(_text_tokens(pb))
        for token, line in tokens:
            if token.type == "heading_open":
                level = int(token.tag[1])
                span = Span(file.display, line, 1)
                if level == 1:
                    out.append(
                        warning(
                            "AIC062",
                            "a '#' heading in the body: the page title is already the page's h1",
                            span,
                            "start body headings at '##'",
                        )
                    )
                elif level > previous + 1:
                    out.append(
                        warning(
                            "AIC062",
                            f"heading level skips from h{previous} to h{level}",
                            span,
                            f"use {'#' * (previous + 1)} here",
                        )
                    )
                previous = level
            elif token.type == "html_block":
                out.append(_raw_html(file.locate("<", Span(file.display, line, 1))))
        for _inline, children, line in _inline_children(tokens):
            out += _inline_lints(children, file, line)
    return out


_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*((?:javascript|data|vbscript):)", re.IGNORECASE)


def _script_links(pb: PageBlock) -> list[Diagnostic]:
    """Links markdown-it silently refuses to make; the author should still hear about them."""
    out = []
    file = pb.file
    for number in range(pb.raw.first_line, pb.raw.last_line + 1):
        for match in _SCRIPT_LINK.finditer(file.lines[number - 1]):
            span = Span(file.display, number, match.start(1) + 1)
            out.append(error("AIC065", f"a link to '{match[1]}' is not allowed", span))
    return out


def _raw_html(span: Span) -> Diagnostic:
    return error(
        "AIC065",
        "raw HTML is not allowed in a manuscript",
        span,
        "use Markdown, or a block such as image, video or callout",
    )


def _inline_lints(children: list[Token], file: object, line: int) -> list[Diagnostic]:
    from aicourse_build.source.files import SourceFile

    assert isinstance(file, SourceFile)
    out: list[Diagnostic] = []
    start = Span(file.display, line, 1)
    for i, child in enumerate(children):
        if child.type == "html_inline":
            out.append(_raw_html(file.locate(child.content, start)))
        if child.type != "link_open":
            continue
        text_parts = []
        for inner in children[i + 1 :]:
            if inner.type == "link_close":
                break
            text_parts.append(inner.content)
        text = "".join(text_parts).strip()
        if text.lower().strip(".!:») ") in VAGUE_LINK_TEXT:
            out.append(
                warning(
                    "AIC064",
                    f"link text '{text}' does not say where the link goes",
                    file.locate(f"[{text}]", start),
                    "name the destination, e.g. 'AI Swedens kurs om generativ AI'",
                )
            )
    return out


def lint_media(pb: PageBlock) -> list[Diagnostic]:
    block, index = pb.block, pb.raw.index
    if isinstance(block, ImageBlock) and not block.decorative and not (block.alt or "").strip():
        return [
            warning(
                "AIC060",
                "image has no alt text",
                index.root,
                "describe what the image shows in 'alt', or set 'decorative: true'",
            )
        ]
    if isinstance(block, VideoBlock):
        missing = []
        # a video given by `url` plays on its own site, with that site's captions
        if not block.captions and block.url is None:
            missing.append("captions")
        if block.transcript is None and block.transcript_src is None:
            missing.append("transcript")
        if missing:
            return [
                warning(
                    "AIC061",
                    f"video '{block.id}' has no {' and no '.join(missing)}",
                    index.root,
                    "add 'captions' (WebVTT) and 'transcript' or 'transcript_src'",
                )
            ]
    return []


def lint_course(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for variants in course.pages.values():
        for page in variants.values():
            out += lint_page_text(page)
            for pb in page.blocks:
                out += lint_media(pb)
    out += lint_videos(course)
    return out + lint_questions(course)


# -- profile-specific ---------------------------------------------------------------------------
def _is_internal(host: str, patterns: list[str]) -> bool:
    host = host.lower()
    return any(fnmatch.fnmatch(host, p.lower()) for p in patterns)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _internal_warning(literal: str, span: Span) -> Diagnostic:
    return warning(
        "AIC066",
        f"internal address '{literal}' in a profile that forbids internal links",
        span,
        "leave it out with only:/except:, or override it in this profile",
    )


def _internal_in_blocks(resolved: ResolvedCourse, patterns: list[str]) -> list[Diagnostic]:
    out = []
    for page in resolved.pages:
        for rb in page.blocks:
            block = rb.block
            data = (
                dataclasses.asdict(block)
                if isinstance(block, ExternalSurvey)
                else block.model_dump()
            )
            for text in _strings(data):
                for host, literal in _hosts(text):
                    if _is_internal(host, patterns):
                        out.append(_internal_warning(literal, _where_written(rb, literal)))
    return out


def _where_written(rb: ResolvedBlock, literal: str) -> Span:
    """The literal in the source, or the variable whose value brought it in."""
    found = rb.source.file.find(literal, rb.source.raw.span)
    if found is not None:
        return found
    for _variable, value, span in rb.substitutions:
        if literal in value:
            return span
    return rb.source.raw.span


def _internal_in_contacts(resolved: ResolvedCourse, patterns: list[str]) -> list[Diagnostic]:
    """Contacts go into every package's metadata, shown on a page or not."""
    out = []
    profile = resolved.profile
    for key, contact in resolved.contacts.items():
        own = key in profile.model.contacts
        index = profile.source.index if own else resolved.course.source.index
        for field in ("email", "url"):
            value = getattr(contact, field)
            for host, literal in _hosts(value or ""):
                if _is_internal(host, patterns):
                    span = index.value_span(("contacts", key, field))
                    out.append(_internal_warning(literal, span))
    return out


def lint_internal_links(resolved: ResolvedCourse) -> list[Diagnostic]:
    links = resolved.profile.model.links
    if links.allow_internal or not links.internal:
        return []
    return _internal_in_blocks(resolved, links.internal) + _internal_in_contacts(
        resolved, links.internal
    )


def _hosts(text: str) -> Iterator[tuple[str, str]]:
    for match in _URL.finditer(text):
        url = match[0].rstrip(".,;:!?")  # the end of a sentence is not part of the address
        yield urlsplit(url).hostname or "", url
    for match in _EMAIL.finditer(text):
        yield match[1], match[0]


def lint_duration(resolved: ResolvedCourse, total: float) -> list[Diagnostic]:
    """`total` is the profile's estimate in minutes (duration.estimate)."""
    target = resolved.course.meta.duration
    span = resolved.course.source.index.value_span(("duration",))
    if total > target * 1.1:
        return [
            warning(
                "AIC070",
                f"estimated {total:.1f} min is more than 10 % over the target of {target} min",
                span,
            )
        ]
    if total < target * 0.7:
        return [
            warning(
                "AIC070",
                f"estimated {total:.1f} min is more than 30 % under the target of {target} min",
                span,
            )
        ]
    return []


def worst_case_state(resolved: ResolvedCourse) -> int:
    """The longest resume state the runtime can write for this resolved course (characters);
    it does not depend on the format, only each format's limit does."""
    from aicourse_build.package.state_budget import worst_case_state_length
    from aicourse_build.render.config import build_config

    return worst_case_state_length(build_config(resolved, resolved.profile.model.formats[0], {}))


def lint_state_budget(resolved: ResolvedCourse, worst: int | None = None) -> list[Diagnostic]:
    """The resume state must fit the target even in the worst case, or progress is lost."""
    worst = worst_case_state(resolved) if worst is None else worst
    out = []
    for fmt in resolved.profile.model.formats:
        limit = FORMATS[fmt].state_limit
        if worst > limit:
            span = resolved.profile.source.index.value_span(("formats",))
            out.append(
                error(
                    "AIC067",
                    f"the resume state of this course can reach {worst} characters; {fmt} keeps "
                    f"only {limit}",
                    span,
                    "split the course, or use fewer questions and pages in this profile",
                )
            )
    return out


def lint_files(resolved: ResolvedCourse) -> list[Diagnostic]:
    """A file that only a variable's value names was never read by `check`: say so where the
    variable is (files named in the manuscript itself are checked when read)."""
    from aicourse_build.render.site import needed_files

    out = []
    for path, ref, rb in needed_files(resolved):
        if path in resolved.course.named_files:
            continue  # named in the manuscript: read (or reported) by source/assets.py
        literal, span = next(
            ((lit, at) for lit, value, at in rb.substitutions if ref.ref in value),
            ("a variable", rb.source.raw.span),
        )
        out.append(
            error(
                "AIC030",
                f"the file '{ref.ref}' comes from {literal}; name files in the manuscript "
                "itself, where check reads them",
                span,
            )
        )
    return out


def lint_reporting(resolved: ResolvedCourse) -> list[Diagnostic]:
    """What a Moodle-family LMS's report downloads keep (docs/lms-moodle.md, docs/results.md)."""
    model = resolved.profile.model
    if model.lms not in ("moodle", "totara") or "scorm2004" not in model.formats:
        return []
    return [
        warning(
            "AIC068",
            f"{model.lms.capitalize()}'s report downloads carry no answers or self-reports of "
            "SCORM 2004 packages (only score and completion): results per question and per "
            "group cannot be made from them",
            resolved.profile.source.index.value_span(("formats",)),
            "send scorm12 to this LMS: its interactions download keeps every answer",
        )
    ]


def lint_resolved(
    resolved: ResolvedCourse, minutes: float | None = None, state: int | None = None
) -> list[Diagnostic]:
    """Profile-specific lints; the duration lint runs when the estimate (`minutes`) is given;
    `state` is the worst-case resume state, when already known."""
    found = lint_internal_links(resolved) + lint_state_budget(resolved, state)
    found += lint_files(resolved) + lint_reporting(resolved) + lint_completion(resolved)
    if minutes is not None:
        found += lint_duration(resolved, minutes)
    return [dataclasses.replace(d, profile=resolved.profile.name) for d in found]
