"""What is where: each module, page and block of the manuscript, with the profiles that keep it.

Every element is listed once, in the manuscript's order, whether or not a profile keeps it; its
Presence says which profiles do and why the others leave it out. A block that reads differently in
different profiles (variables, contacts, an external survey) has one Variant per reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from aicourse_build.duration import estimate
from aicourse_build.model.blocks import Question, QuizBlock, ReflectionBlock, TextBlock
from aicourse_build.model.course import CourseFile
from aicourse_build.model.tree import Course, Page, PageBlock
from aicourse_build.resolve import ResolvedBlock, ResolvedCourse
from aicourse_build.review.labels import AnyBlock, block_name, summary

# a block as one profile reads it (None: as written, for a block no profile keeps) -> its HTML
RenderBlock = Callable[[AnyBlock, ResolvedCourse | None], Markup]


@dataclass
class Scope:
    """The course, the review's language and every profile resolved in it."""

    course: Course
    lang: str
    profiles: list[str]
    resolved: dict[str, ResolvedCourse]

    @property
    def meta(self) -> CourseFile:
        """course.yaml in the review's language."""
        return self.course.meta_in(self.lang)


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
class Reflection:
    id: str
    prompt: str
    hint: str | None
    module: str
    page: str
    section: str | None  # the last heading before the reflection on its page
    presence: Presence


def quiz_questions(scope: Scope, quiz: QuizBlock) -> list[Question]:
    if quiz.questions is not None:
        return list(quiz.questions)
    if quiz.bank is not None and (bank := scope.course.bank(quiz.bank, scope.lang)):
        return list(bank.model.questions)
    return []


def presence(
    scope: Scope, kept: Iterable[str], kind: str, name: str, parent_kept: Iterable[str] = ()
) -> Presence:
    keep = tuple(p for p in scope.profiles if p in set(kept))
    reasons = []
    for profile in scope.profiles:
        if profile in keep:
            continue
        found = next(
            (
                lo.reason
                for lo in scope.resolved[profile].left_out
                if lo.kind == kind and lo.name == name
            ),
            None,
        )
        if found is None and profile not in set(parent_kept):
            found = "ingår i en del som utelämnas"
        reasons.append((profile, found or "utelämnas"))
    return Presence(keep, tuple(scope.profiles), tuple(reasons))


def _resolved_blocks(resolved: ResolvedCourse) -> dict[int, ResolvedBlock]:
    return {id(rb.source): rb for page in resolved.pages for rb in page.blocks}


def module_views(scope: Scope, render: RenderBlock) -> tuple[list[ModuleView], dict[str, float]]:
    """Every module of the course with its pages and blocks, and each profile's estimated
    minutes in all."""
    by_profile = {name: _resolved_blocks(r) for name, r in scope.resolved.items()}
    pages_kept = {name: {p.id: p for p in r.pages} for name, r in scope.resolved.items()}
    modules_kept = {name: {m.id for m in r.modules} for name, r in scope.resolved.items()}
    estimates = {name: estimate(r) for name, r in scope.resolved.items()}
    modules: list[ModuleView] = []
    for module in scope.meta.modules:
        in_module = [p for p in scope.profiles if module.id in modules_kept[p]]
        # a module every page of which is left out is not listed by the resolver either
        pages: list[PageView] = []
        for page_id in module.pages:
            page = scope.course.page(page_id, scope.lang)
            if page is None:
                continue
            kept = [p for p in in_module if page_id in pages_kept[p]]
            where = presence(scope, kept, "page", page_id, in_module)
            title = pages_kept[kept[0]][page_id].title if kept else page.meta.title
            view = PageView(page_id, title, where, [], module.title)
            view.blocks = [
                _block_view(scope, render, page, pb, kept, by_profile) for pb in page.blocks
            ]
            pages.append(view)
        modules.append(
            ModuleView(
                module.id,
                module.title,
                presence(scope, in_module, "module", module.id),
                pages,
                {p: estimates[p].modules[module.id] for p in in_module},
            )
        )
    return modules, {name: e.total for name, e in estimates.items()}


def _block_view(
    scope: Scope,
    render: RenderBlock,
    page: Page,
    pb: PageBlock,
    page_kept: list[str],
    by_profile: dict[str, dict[int, ResolvedBlock]],
) -> BlockView:
    kept = [p for p in page_kept if id(pb) in by_profile[p]]
    name = block_name(pb.block, pb)
    where = presence(scope, kept, pb.block.type, f"{page.meta.id}/{name}", page_kept)
    variants: list[Variant] = []
    if not kept:
        first: AnyBlock = pb.block
        variants.append(Variant((), render(pb.block, None)))
    else:
        first = by_profile[kept[0]][id(pb)].block
        for profile in kept:
            html = render(by_profile[profile][id(pb)].block, scope.resolved[profile])
            same = next((v for v in variants if v.html == html), None)
            if same is None:
                variants.append(Variant((profile,), html))
            else:
                variants[variants.index(same)] = Variant((*same.profiles, profile), html)
    return BlockView(pb.block.type, name, summary(first), where, variants, first)


def reflections(pages: Iterable[PageView]) -> list[Reflection]:
    """Every reflection, in order, with the module, page and section it stands in."""
    found: list[Reflection] = []
    for page in pages:
        section: str | None = None
        for view in page.blocks:
            block = view.block
            if isinstance(block, TextBlock):
                headings = re.findall(r"^#{2,6}\s+(.+?)\s*#*$", block.body, re.MULTILINE)
                if headings:
                    section = headings[-1]
            elif isinstance(block, ReflectionBlock):
                found.append(
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
    return found
