"""The review document for the steering group and the discussion guide, as self-contained HTML.

Every profile is resolved in the course's primary language; each module, page and block of the
manuscript is then shown once, in order, marked with the profiles that keep it. A block that reads
differently in different profiles (variables, contacts, an external survey) is shown once per
variant.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from aicourse_build.duration import estimate
from aicourse_build.formats import FORMATS
from aicourse_build.model.blocks import (
    Block,
    GroupBlock,
    GroupOption,
    ImageBlock,
    Question,
    QuizBlock,
    ReflectionBlock,
    TextBlock,
    VideoBlock,
)
from aicourse_build.model.course import Contact, CourseFile
from aicourse_build.model.tree import Course, Page, PageBlock
from aicourse_build.render.markdown import render_block, render_inline
from aicourse_build.resolve import ExternalSurvey, ResolvedBlock, ResolvedCourse, resolve_profile
from aicourse_build.source.references import is_external, is_inline, package_path

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = Path(__file__).resolve().parent / "review.css"
NEW_TAB = "(öppnas i en ny flik)"
_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? ?/?>')
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TAGS = re.compile(r"<[^>]+>")
_MD_NOISE = re.compile(r"[#*_`>\[\]]|\(https?://[^)]*\)")

AnyBlock = Block | ExternalSurvey


# -- what is where ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Presence:
    """Which profiles keep an element, and why the others leave it out."""

    kept: tuple[str, ...]
    profiles: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...] = ()  # (profile, reason) for each profile leaving it out

    @property
    def everywhere(self) -> bool:
        return set(self.kept) == set(self.profiles)

    @property
    def marker(self) -> str | None:
        """ "endast vgr", or None when every profile keeps the element."""
        if self.everywhere:
            return None
        if not self.kept:
            return "utelämnas i alla profiler"
        return "endast " + " och ".join(self.kept)

    @property
    def why(self) -> str:
        return "; ".join(f"{name}: {reason}" for name, reason in self.reasons)


@dataclass(frozen=True)
class Variant:
    profiles: tuple[str, ...]
    html: Markup


@dataclass
class BlockView:
    type: str
    name: str
    summary: str
    presence: Presence
    variants: list[Variant]
    block: AnyBlock  # as the first profile keeping it resolves it (or as written)

    @property
    def differs(self) -> bool:
        return len(self.variants) > 1


@dataclass
class PageView:
    id: str
    title: str
    presence: Presence
    blocks: list[BlockView]
    module: str = ""


@dataclass
class ModuleView:
    id: str
    title: str
    presence: Presence
    pages: list[PageView]
    minutes: dict[str, float]  # profile -> estimated minutes (only where kept)


@dataclass(frozen=True)
class DiffItem:
    kind: str  # modul | sida | block
    where: str
    text: str


@dataclass(frozen=True)
class SettingDiff:
    name: str
    values: dict[str, str]  # profile -> value


@dataclass(frozen=True)
class ProfileDiff:
    shown: str  # the profile whose learner sees the items
    other: str  # the profile whose learner does not
    items: list[DiffItem]


@dataclass(frozen=True)
class PrivacyRow:
    name: str
    values: dict[str, str]


@dataclass(frozen=True)
class Reflection:
    id: str
    prompt: str
    hint: str | None
    module: str
    page: str
    section: str | None  # the last heading before the reflection on its page
    presence: Presence


@dataclass
class Review:
    course: Course
    lang: str
    profiles: list[str]
    resolved: dict[str, ResolvedCourse]
    modules: list[ModuleView] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)
    privacy: list[PrivacyRow] = field(default_factory=list)
    diffs: list[ProfileDiff] = field(default_factory=list)
    content_diffs: list[tuple[PageView, BlockView]] = field(default_factory=list)
    settings: list[SettingDiff] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)

    @property
    def pages(self) -> list[PageView]:
        return [p for m in self.modules for p in m.pages]

    @property
    def meta(self) -> CourseFile:
        """course.yaml in the review's language."""
        return self.course.meta_in(self.lang)

    @property
    def questions(self) -> list[tuple[QuizBlock, Question]]:
        found = []
        for page in self.pages:
            for view in page.blocks:
                if isinstance(view.block, QuizBlock):
                    found += [(view.block, q) for q in quiz_questions(self, view.block)]
        return found


# -- rendering helpers -----------------------------------------------------------------------------
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


def _data_uri(course: Course, ref: str) -> str | None:
    """A course file as a data: URI, or None when the course has no such file (check said so)."""
    if is_external(ref) or is_inline(ref):
        return None
    asset = course.assets.get(package_path(ref))
    if asset is None:
        return None
    return f"data:{asset.mime};base64,{base64.b64encode(asset.data).decode('ascii')}"


def _self_contained(course: Course, html: str) -> str:
    """Markdown images inlined as data: URIs; any other image becomes its alt text."""

    def replace(match: re.Match[str]) -> str:
        uri = _data_uri(course, match[1])
        if uri is None:
            return f'<span class="missing-image">[Bild: {match[2]}]</span>'
        return f'<img src="{uri}" alt="{match[2]}">'

    return _IMG.sub(replace, html)


def _demote(html: str, levels: int = 2) -> str:
    """Page headings start at h2; in the review a page is an h3, so its headings go down two."""
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + levels)}", html)


def _plain(text: str, words: int = 14) -> str:
    parts = _MD_NOISE.sub("", _TAGS.sub("", text)).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def quiz_questions(review: Review, quiz: QuizBlock) -> list[Question]:
    if quiz.questions is not None:
        return list(quiz.questions)
    if quiz.bank is not None and (bank := review.course.bank(quiz.bank, review.lang)):
        return list(bank.model.questions)
    return []


def _contact_rows(
    resolved: ResolvedCourse | None, meta: CourseFile, keys: Iterable[str]
) -> list[tuple[str, Contact | None]]:
    contacts = resolved.contacts if resolved else meta.contacts
    return [(key, contacts.get(key)) for key in keys]


def _block_name(block: AnyBlock, pb: PageBlock) -> str:
    return getattr(block, "id", None) or f"{pb.block.type} at line {pb.raw.span.line}"


def _summary(block: AnyBlock) -> str:
    names = {
        "text": "Text",
        "image": "Bild",
        "video": "Video",
        "callout": "Faktaruta",
        "quote": "Citat",
        "quiz": "Quiz",
        "reflection": "Reflektion",
        "survey": "Enkät",
        "survey-link": "Länk till extern enkät",
        "group": "Yrkesgrupp (självrapport)",
        "contacts": "Kontakter",
        "offline": "Aktivitet utanför kursen",
    }
    label = names.get(block.type, block.type)
    text: str | None
    if isinstance(block, TextBlock):
        text = block.body
    elif isinstance(block, ExternalSurvey):
        text = block.url
    else:
        text = next(
            (
                value
                for key in ("title", "prompt", "text", "alt", "caption")
                if isinstance(value := getattr(block, key, None), str)
            ),
            None,
        )
    ident = getattr(block, "id", None)
    head = f"{label} “{ident}”" if ident else label
    return f"{head}: {_plain(text)}" if text else head


class _Renderer:
    def __init__(self, review: Review) -> None:
        self.review = review
        self.template = _environment().get_template("block.html.j2")

    def md(self, text: str) -> Markup:
        html = render_block(text, NEW_TAB)
        return Markup(_self_contained(self.review.course, _demote(str(html))))

    def mdi(self, text: str) -> Markup:
        html = render_inline(text, NEW_TAB)
        return Markup(_self_contained(self.review.course, str(html)))

    def group_options(self, block: GroupBlock) -> list[GroupOption]:
        if block.options is not None:
            return block.options
        return [GroupOption(id=a.id, label=a.label) for a in self.review.meta.audiences]

    def transcript(self, block: VideoBlock) -> str | None:
        if block.transcript is not None:
            return block.transcript
        if block.transcript_src is None:
            return None
        asset = self.review.course.assets.get(package_path(block.transcript_src))
        return asset.text if asset else None

    def render(self, block: AnyBlock, resolved: ResolvedCourse | None) -> Markup:
        course = self.review.course
        image = (_data_uri(course, block.src) if isinstance(block, ImageBlock) else None) or (
            _data_uri(course, block.poster)
            if isinstance(block, VideoBlock) and block.poster
            else None
        )
        html = self.template.render(
            b=block,
            image=image,
            md=self.md,
            mdi=self.mdi,
            questions=lambda quiz: quiz_questions(self.review, quiz),
            group_options=self.group_options,
            transcript=self.transcript,
            contacts=lambda keys: _contact_rows(resolved, self.review.meta, keys),
            assessment=course.meta.completion,
        )
        return Markup(html)


# -- collecting ---------------------------------------------------------------------------------
def _presence(
    review: Review, kept: Iterable[str], kind: str, name: str, parent_kept: Iterable[str] = ()
) -> Presence:
    keep = tuple(p for p in review.profiles if p in set(kept))
    reasons = []
    for profile in review.profiles:
        if profile in keep:
            continue
        found = next(
            (
                lo.reason
                for lo in review.resolved[profile].left_out
                if lo.kind == kind and lo.name == name
            ),
            None,
        )
        if found is None and profile not in set(parent_kept):
            found = "ingår i en del som utelämnas"
        reasons.append((profile, found or "utelämnas"))
    return Presence(keep, tuple(review.profiles), tuple(reasons))


def _resolved_blocks(resolved: ResolvedCourse) -> dict[int, ResolvedBlock]:
    return {id(rb.source): rb for page in resolved.pages for rb in page.blocks}


def _page_views(review: Review, renderer: _Renderer) -> None:
    by_profile = {name: _resolved_blocks(r) for name, r in review.resolved.items()}
    pages_kept = {name: {p.id: p for p in r.pages} for name, r in review.resolved.items()}
    modules_kept = {name: {m.id for m in r.modules} for name, r in review.resolved.items()}
    estimates = {name: estimate(r) for name, r in review.resolved.items()}
    review.totals = {name: e.total for name, e in estimates.items()}
    for module in review.meta.modules:
        in_module = [p for p in review.profiles if module.id in modules_kept[p]]
        # a module every page of which is left out is not listed by the resolver either
        pages: list[PageView] = []
        for page_id in module.pages:
            page = review.course.page(page_id, review.lang)
            if page is None:
                continue
            kept = [p for p in in_module if page_id in pages_kept[p]]
            presence = _presence(review, kept, "page", page_id, in_module)
            title = pages_kept[kept[0]][page_id].title if kept else page.meta.title
            view = PageView(page_id, title, presence, [], module.title)
            view.blocks = [
                _block_view(review, renderer, page, pb, kept, by_profile) for pb in page.blocks
            ]
            pages.append(view)
        review.modules.append(
            ModuleView(
                module.id,
                module.title,
                _presence(review, in_module, "module", module.id),
                pages,
                {p: estimates[p].modules[module.id] for p in in_module},
            )
        )


def _block_view(
    review: Review,
    renderer: _Renderer,
    page: Page,
    pb: PageBlock,
    page_kept: list[str],
    by_profile: dict[str, dict[int, ResolvedBlock]],
) -> BlockView:
    kept = [p for p in page_kept if id(pb) in by_profile[p]]
    name = _block_name(pb.block, pb)
    presence = _presence(review, kept, pb.block.type, f"{page.meta.id}/{name}", page_kept)
    variants: list[Variant] = []
    if not kept:
        first: AnyBlock = pb.block
        variants.append(Variant((), renderer.render(pb.block, None)))
    else:
        first = by_profile[kept[0]][id(pb)].block
        for profile in kept:
            html = renderer.render(by_profile[profile][id(pb)].block, review.resolved[profile])
            same = next((v for v in variants if v.html == html), None)
            if same is None:
                variants.append(Variant((profile,), html))
            else:
                variants[variants.index(same)] = Variant((*same.profiles, profile), html)
    return BlockView(pb.block.type, name, _summary(first), presence, variants, first)


def _diffs(review: Review) -> None:
    for shown in review.profiles:
        for other in review.profiles:
            if shown == other:
                continue
            items: list[DiffItem] = []
            for module in review.modules:
                if shown in module.presence.kept and other not in module.presence.kept:
                    items.append(DiffItem("modul", module.title, f"hela modulen “{module.title}”"))
                    continue
                for page in module.pages:
                    if shown not in page.presence.kept:
                        continue
                    if other not in page.presence.kept:
                        if other in module.presence.kept:
                            items.append(DiffItem("sida", module.title, page.title))
                        continue
                    for view in page.blocks:
                        if shown in view.presence.kept and other not in view.presence.kept:
                            items.append(DiffItem("block", page.title, view.summary))
            review.diffs.append(ProfileDiff(shown, other, items))
    review.content_diffs = [
        (page, view) for page in review.pages for view in page.blocks if view.differs
    ]


def _flatten(values: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = str(value).lower() if isinstance(value, bool) else str(value)
    return flat


def _contact_text(contact: Contact | None) -> str:
    if contact is None:
        return "–"
    reach = ", ".join(x for x in (contact.email, contact.url, contact.phone) if x)
    return f"{contact.role}: {contact.name}" + (f" ({reach})" if reach else "")


def _settings(review: Review) -> None:
    rows: list[SettingDiff] = []
    models = {name: review.resolved[name].profile.model for name in review.profiles}

    def add(name: str, values: dict[str, str]) -> None:
        if len(set(values.values())) > 1:
            rows.append(SettingDiff(name, values))

    add("Plattform", {p: m.title for p, m in models.items()})
    add("Tema", {p: m.theme for p, m in models.items()})
    add("Format", {p: ", ".join(FORMATS[f].title for f in m.formats) for p, m in models.items()})
    add("Språk", {p: ", ".join(m.languages) for p, m in models.items()})
    add("Egenskaper (tags)", {p: ", ".join(m.tags) or "–" for p, m in models.items()})
    variables = {p: _flatten(m.variables) for p, m in models.items()}
    for key in sorted({k for v in variables.values() for k in v}):
        add(f"Variabel {key}", {p: variables[p].get(key, "–") for p in review.profiles})
    contacts = {p: review.resolved[p].contacts for p in review.profiles}
    for key in sorted({k for c in contacts.values() for k in c}):
        add(f"Kontakt {key}", {p: _contact_text(contacts[p].get(key)) for p in review.profiles})
    add(
        "Enkät",
        {
            p: "inbyggd" if m.survey.mode == "builtin" else f"extern: {m.survey.url}"
            for p, m in models.items()
        },
    )
    add(
        "Interna länkar",
        {p: "tillåtna" if m.links.allow_internal else "rapporteras" for p, m in models.items()},
    )
    review.settings = rows


def _privacy(review: Review) -> None:
    models = {name: review.resolved[name].profile.model for name in review.profiles}

    def collecting(profile: str, kind: type[Any]) -> list[str]:
        return [
            getattr(rb.block, "id", "")
            for page in review.resolved[profile].pages
            for rb in page.blocks
            if isinstance(rb.block, kind)
        ]

    def receiver(formats: list[str]) -> str:
        parts = []
        if any(FORMATS[f].family == "scorm" for f in formats):
            parts.append("lärplattformen (LMS) via SCORM")
        if any(FORMATS[f].family == "xapi" for f in formats):
            parts.append("en LRS via xAPI-uttalanden")
        return " och ".join(parts)

    rows = [
        PrivacyRow("Plattform", {p: m.title for p, m in models.items()}),
        PrivacyRow(
            "Format och mottagare",
            {
                p: ", ".join(FORMATS[f].title for f in m.formats) + f": data går till "
                f"{receiver(list(m.formats))}"
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Skickas alltid",
            dict.fromkeys(
                models,
                "visade sidor, framsteg och var deltagaren slutade, svar och resultat på "
                "kunskapstesten, om kursen är genomförd och godkänd",
            ),
        ),
        PrivacyRow(
            "Identitet",
            {
                p: "deltagarens identitet så som lärplattformen anger den vid start; kursen lägger "
                "inte till namn eller e-post"
                if m.privacy.identity == "launch"
                else "anonym: plattformen startar kursen med ett konto som inte pekar ut "
                "personen; kursen lägger inte till namn eller e-post"
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Fritextsvar (reflektioner, enkätkommentarer)",
            {
                p: (_sent_or_kept(m.privacy.free_text))
                + _ids(collecting(p, ReflectionBlock), "reflektioner")
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Yrkesgrupp (frivillig självrapport)",
            {
                p: (_sent_or_kept(m.privacy.group)) + _ids(collecting(p, GroupBlock), "frågor")
                for p, m in models.items()
            },
        ),
        PrivacyRow(
            "Kursenkät",
            {
                p: "inbyggd: svaren skickas till lärplattformen med övriga kursdata"
                if m.survey.mode == "builtin"
                else f"extern: en länk till {m.survey.url}; svaren lämnas i det externa "
                "formuläret, inte i kursen"
                for p, m in models.items()
            },
        ),
    ]
    review.privacy = rows


def _ids(ids: list[str], what: str) -> str:
    return f" ({what}: {', '.join(ids)})" if ids else f" (inga {what} i profilen)"


def _reflections(review: Review) -> None:
    for page in review.pages:
        section: str | None = None
        for view in page.blocks:
            block = view.block
            if isinstance(block, TextBlock):
                headings = re.findall(r"^#{2,6}\s+(.+?)\s*#*$", block.body, re.MULTILINE)
                if headings:
                    section = headings[-1]
            elif isinstance(block, ReflectionBlock):
                review.reflections.append(
                    Reflection(
                        block.id,
                        block.prompt,
                        block.hint,
                        page.module,
                        page.title,
                        section,
                        view.presence,
                    )
                )


def collect(course: Course, lang: str | None = None) -> Review:
    """Resolve every profile of a checked course (without errors) and gather the review."""
    lang = lang or course.meta.language
    profiles = sorted(course.profiles)
    resolved = {
        name: resolve_profile(course, course.profiles[name], lang, followups=False)[0]
        for name in profiles
    }
    review = Review(course, lang, profiles, resolved)
    _page_views(review, _Renderer(review))
    _diffs(review)
    _settings(review)
    _privacy(review)
    _reflections(review)
    return review


def _sent_or_kept(setting: str) -> str:
    """A privacy setting (send | keep_local) as the review says it."""
    if setting == "send":
        return "skickas till lärplattformen"
    return "stannar i deltagarens webbläsare och skickas aldrig"


# -- documents ----------------------------------------------------------------------------------
def _share(minutes: float, target: int) -> str:
    return f"{round(100 * minutes / target)} %"


def _render(template: str, review: Review, title: str) -> str:
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
        )
    )


def review_html(review: Review) -> str:
    return _render("review.html.j2", review, f"Granskningsunderlag: {review.meta.title}")


def discussion_guide_html(review: Review) -> str:
    return _render("discussion-guide.html.j2", review, f"Diskussionsunderlag: {review.meta.title}")
