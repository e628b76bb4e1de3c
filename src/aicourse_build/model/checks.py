"""Checks across files that no single model can make: ids, references, files, conditions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from aicourse_build.diagnostics import Diagnostic, Span, error, warning
from aicourse_build.formats import needing_base_iri
from aicourse_build.model.blocks import (
    GroupBlock,
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    QuizBlock,
    SingleChoice,
    SurveyBlock,
    TrueFalse,
)
from aicourse_build.model.tree import Course, Page, PageBlock
from aicourse_build.source.yaml_positions import Loc, PositionIndex
from aicourse_build.suggest import did_you_mean


@dataclass
class Checker:
    course: Course
    out: list[Diagnostic]

    def canonical_pages(self) -> Iterator[Page]:
        for page_id in self.course.pages:
            page = self.course.page(page_id)
            if page is not None:
                yield page

    def run(self) -> None:
        self.unique_ids()
        self.module_pages()
        self.completion()
        for page in self.canonical_pages():
            for pb in page.blocks:
                self.block(pb)
        for variants in self.course.banks.values():
            for bank in variants.values():
                self.questions(bank.model.questions, bank.source.index, ("questions",))
        self.conditions()
        self.profiles()

    # -- ids -------------------------------------------------------------------------------
    def unique_ids(self) -> None:
        seen: dict[str, Span] = {}

        def claim(element_id: str, span: Span, what: str) -> None:
            if element_id in seen:
                message = f"duplicate id '{element_id}' ({what})"
                self.out.append(_duplicate(message, span, seen[element_id], with_path=True))
            else:
                seen[element_id] = span

        index = self.course.source.index
        for i, module in enumerate(self.course.meta.modules):
            claim(module.id, index.value_span(("modules", i, "id")), "module")
        for page in self.canonical_pages():
            claim(page.meta.id, page.source.index.value_span(("id",)), "page")
            for pb in page.blocks:
                block_id = getattr(pb.block, "id", None)
                if isinstance(block_id, str):
                    claim(block_id, pb.raw.index.value_span(("id",)), f"{pb.block.type} block")

    # -- structure ---------------------------------------------------------------------------
    def module_pages(self) -> None:
        index = self.course.source.index
        listed: dict[str, Span] = {}
        for i, module in enumerate(self.course.meta.modules):
            for j, page_id in enumerate(module.pages):
                span = index.value_span(("modules", i, "pages", j))
                if page_id not in self.course.pages:
                    if self.course.is_broken(page_id):
                        continue
                    self.out.append(
                        error(
                            "AIC021",
                            f"no page has the id '{page_id}'",
                            span,
                            did_you_mean(page_id, self.course.pages),
                        )
                    )
                elif page_id in listed:
                    self.out.append(
                        error(
                            "AIC021",
                            f"page '{page_id}' is listed twice",
                            span,
                            f"first listed at line {listed[page_id].line}, "
                            f"column {listed[page_id].col}",
                        )
                    )
                else:
                    listed[page_id] = span
        for page in self.canonical_pages():
            if page.meta.id not in listed:
                self.out.append(
                    warning(
                        "AIC022",
                        f"page '{page.meta.id}' is in no module, so it is never shown",
                        page.source.index.value_span(("id",)),
                        "add its id to a module's 'pages' in course.yaml",
                    )
                )

    def completion(self) -> None:
        policy = self.course.meta.completion
        index = self.course.source.index
        if isinstance(policy.pages, list):
            for i, page_id in enumerate(policy.pages):
                if page_id not in self.course.pages and not self.course.is_broken(page_id):
                    self.out.append(
                        error(
                            "AIC027",
                            f"the completion policy names an unknown page '{page_id}'",
                            index.value_span(("completion", "pages", i)),
                            did_you_mean(page_id, self.course.pages),
                        )
                    )
        if policy.assessment is not None:
            quizzes = {
                pb.block.id
                for page in self.canonical_pages()
                for pb in page.blocks
                if isinstance(pb.block, QuizBlock)
            }
            if policy.assessment not in quizzes and not self.course.is_broken(policy.assessment):
                self.out.append(
                    error(
                        "AIC027",
                        f"the completion policy's assessment '{policy.assessment}' is not a quiz",
                        index.value_span(("completion", "assessment")),
                        did_you_mean(policy.assessment, quizzes),
                    )
                )

    # -- blocks ------------------------------------------------------------------------------
    def block(self, pb: PageBlock) -> None:
        block, index = pb.block, pb.raw.index
        if isinstance(block, QuizBlock):
            self.quiz(block, index)
        elif isinstance(block, SurveyBlock):
            self.unique_within([i.id for i in block.items], index, ("items",), "survey item")
        elif isinstance(block, GroupBlock):
            self.group(block, index)

    def group(self, block: GroupBlock, index: PositionIndex) -> None:
        if block.options is None:
            if not self.course.meta.audiences:
                self.out.append(
                    error(
                        "AIC010",
                        "a group block needs 'options' when the course lists no audiences",
                        index.root,
                    )
                )
            return
        self.unique_within([o.id for o in block.options], index, ("options",), "option")

    def quiz(self, block: QuizBlock, index: PositionIndex) -> None:
        if block.bank is not None:
            bank = self.course.bank(block.bank)
            if bank is None:
                if any(name.startswith(f"{block.bank}.") for name in self.course.broken_files):
                    return  # the bank exists but is broken; its own errors say why
                self.out.append(
                    error(
                        "AIC026",
                        f"no question bank '{block.bank}' in questions/",
                        index.value_span(("bank",)),
                        did_you_mean(block.bank, self.course.banks),
                    )
                )
                return
            pool = len(bank.model.questions)
        else:
            questions = block.questions or []
            self.questions(questions, index, ("questions",))
            pool = len(questions)
        if pool == 0:
            where = index.value_span(("questions",)) if block.questions is not None else index.root
            self.out.append(error("AIC024", f"quiz '{block.id}' has no questions", where))
        elif block.draw is not None and block.draw > pool:
            self.out.append(
                error(
                    "AIC025",
                    f"'draw' is {block.draw} but the pool has only {pool} question(s)",
                    index.value_span(("draw",)),
                )
            )

    def questions(self, questions: list[Question], index: PositionIndex, loc: Loc) -> None:
        self.unique_within([q.id for q in questions], index, loc, "question")
        for i, question in enumerate(questions):
            self.answer_key(question, index, (*loc, i))

    def answer_key(self, q: Question, index: PositionIndex, loc: Loc) -> None:
        if isinstance(q, TrueFalse):
            return
        choices = [c.id for c in q.choices]
        self.unique_within(choices, index, (*loc, "choices"), "choice")
        answer_loc = (*loc, "answer")

        def bad(message: str, at: Loc = answer_loc, hint: str | None = None) -> None:
            self.out.append(error("AIC023", message, index.value_span(at), hint))

        if isinstance(q, SingleChoice):
            if q.answer not in choices:
                bad(
                    f"answer '{q.answer}' is not one of the choices",
                    hint=did_you_mean(q.answer, choices) or f"choices: {', '.join(choices)}",
                )
        elif isinstance(q, MultipleChoice):
            for j, key in enumerate(q.answer):
                if key not in choices:
                    bad(
                        f"answer '{key}' is not one of the choices",
                        (*answer_loc, j),
                        did_you_mean(key, choices) or f"choices: {', '.join(choices)}",
                    )
        elif isinstance(q, Ordering):
            if sorted(q.answer) != sorted(choices):
                bad(
                    "an ordering answer must list every choice id exactly once"
                    + _ordering_problem(q.answer, choices),
                    hint=f"choices: {', '.join(choices)}",
                )
        elif isinstance(q, Matching):
            self.matching(q, index, loc)

    def matching(self, q: Matching, index: PositionIndex, loc: Loc) -> None:
        prompts = [p.id for p in q.prompts]
        choices = [c.id for c in q.choices]
        self.unique_within(prompts, index, (*loc, "prompts"), "prompt")
        for prompt_id, choice_id in q.answer.items():
            at = index.key_span((*loc, "answer", prompt_id))
            if prompt_id not in prompts:
                self.out.append(
                    error(
                        "AIC023",
                        f"answer names an unknown prompt '{prompt_id}'",
                        at,
                        did_you_mean(prompt_id, prompts),
                    )
                )
            elif choice_id not in choices:
                self.out.append(
                    error(
                        "AIC023",
                        f"answer '{choice_id}' is not one of the choices",
                        index.value_span((*loc, "answer", prompt_id)),
                        did_you_mean(choice_id, choices),
                    )
                )
        missing = [p for p in prompts if p not in q.answer]
        if missing:
            self.out.append(
                error(
                    "AIC023",
                    f"no answer for prompt(s) {', '.join(missing)}",
                    index.key_span((*loc, "answer")),
                )
            )

    def unique_within(self, ids: list[str], index: PositionIndex, loc: Loc, what: str) -> None:
        seen: dict[str, Span] = {}
        for i, element_id in enumerate(ids):
            span = index.value_span((*loc, i, "id"))
            if element_id in seen:
                message = f"duplicate {what} id '{element_id}'"
                self.out.append(_duplicate(message, span, seen[element_id], with_path=False))
            else:
                seen[element_id] = span

    # -- conditions and profiles -------------------------------------------------------------
    def known_condition_names(self) -> set[str]:
        names = set(self.course.profiles)
        for profile in self.course.profiles.values():
            names.update(profile.model.tags)
        return names

    def conditions(self) -> None:
        known = self.known_condition_names()
        if not self.course.profiles:
            return

        def check(names: list[str] | tuple[str, ...], index: PositionIndex, loc: Loc) -> None:
            for i, name in enumerate(names):
                if name not in known:
                    self.report_condition(name, index.value_span((*loc, i)), known)

        index = self.course.source.index
        for i, module in enumerate(self.course.meta.modules):
            check(module.only, index, ("modules", i, "only"))
            check(module.except_, index, ("modules", i, "except"))
        for variants in self.course.pages.values():
            for page in variants.values():
                check(page.meta.only, page.source.index, ("only",))
                check(page.meta.except_, page.source.index, ("except",))
                self.block_conditions(page, known)

    def block_conditions(self, page: Page, known: set[str]) -> None:
        seen: set[int] = set()
        for pb in page.blocks:
            for name in (*pb.block.only, *pb.block.except_):
                if name not in known:
                    key = "only" if name in pb.block.only else "except"
                    names = getattr(pb.block, "only" if key == "only" else "except_")
                    span = pb.raw.index.value_span((key, names.index(name)))
                    self.report_condition(name, span, known)
            for cond in pb.raw.conditions:
                if id(cond) in seen or cond.kind == "tags":  # tags are free labels
                    continue
                seen.add(id(cond))
                line = page.source.file.lines[cond.span.line - 1]
                for word in re.finditer(r"\S+", line):
                    if word.start() > 0 and word[0] in cond.names and word[0] not in known:
                        span = Span(cond.span.path, cond.span.line, word.start() + 1)
                        self.report_condition(word[0], span, known)

    def report_condition(self, name: str, span: Span, known: set[str]) -> None:
        hint = did_you_mean(name, known) or f"known profiles and tags: {', '.join(sorted(known))}"
        self.out.append(
            error("AIC040", f"'{name}' is neither a profile nor a profile tag", span, hint)
        )

    def profiles(self) -> None:
        languages = self.course.meta.languages
        for profile in self.course.profiles.values():
            model, index = profile.model, profile.source.index
            needs_iri = needing_base_iri(model.formats)
            if needs_iri and model.xapi is None:
                self.out.append(
                    error(
                        "AIC017",
                        f"{' and '.join(needs_iri)} need{'s' if len(needs_iri) == 1 else ''} "
                        "'xapi: {base_iri: ...}' in the profile",
                        index.value_span(("formats",)),
                        "activity ids derive from it, e.g. base_iri: https://example.org/xapi/",
                    )
                )
            for i, lang in enumerate(model.languages):
                if lang not in languages:
                    self.out.append(
                        error(
                            "AIC016",
                            f"language '{lang}' is not in the course's languages",
                            index.value_span(("languages", i)),
                            f"course.yaml lists: {', '.join(languages)}",
                        )
                    )


def _duplicate(message: str, span: Span, first: Span, with_path: bool) -> Diagnostic:
    where = (
        f"{first.path}:{first.line}:{first.col}"
        if with_path
        else f"line {first.line}, column {first.col}"
    )
    return error("AIC020", message, span, f"first used at {where}")


def _ordering_problem(answer: list[str], choices: list[str]) -> str:
    missing = [c for c in choices if c not in answer]
    repeated = sorted({a for a in answer if answer.count(a) > 1})
    unknown = [a for a in answer if a not in choices]
    parts = []

    def listed(ids: list[str], one: str, many: str) -> str:
        return f"{', '.join(repr(i) for i in ids)} {one if len(ids) == 1 else many}"

    if missing:
        parts.append(listed(missing, "is missing", "are missing"))
    if repeated:
        parts.append(listed(repeated, "is repeated", "are repeated"))
    if unknown:
        parts.append(listed(unknown, "is not a choice", "are not choices"))
    return ": " + "; ".join(parts) if parts else ""


def check_course(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    Checker(course, out).run()
    return out


def element_ids(course: Course) -> list[tuple[str, Span]]:
    """Ids the manuscript gives pages, blocks and survey comments (they become HTML ids)."""
    found: list[tuple[str, Span]] = []
    for variants in course.pages.values():
        for page in variants.values():
            found.append((page.meta.id, page.source.index.value_span(("id",))))
            for pb in page.blocks:
                block_id = getattr(pb.block, "id", None)
                if isinstance(block_id, str):
                    found.append((block_id, pb.raw.index.value_span(("id",))))
                if isinstance(pb.block, SurveyBlock) and pb.block.comment is not None:
                    span = pb.raw.index.value_span(("comment", "id"))
                    found.append((pb.block.comment.id, span))
    return found


def reserved_id_problems(course: Course, reserved: dict[str, str]) -> list[Diagnostic]:
    """Ids that the runtime or a theme writes itself (`reserved`: id -> who uses it)."""
    out = []
    for element_id, span in element_ids(course):
        if element_id in reserved:
            out.append(
                error(
                    "AIC028",
                    f"the id '{element_id}' is used by {reserved[element_id]}",
                    span,
                    "choose another id: the page would otherwise have this id twice",
                )
            )
    return out
