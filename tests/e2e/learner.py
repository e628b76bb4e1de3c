"""A learner taking the course the way a screen-reader user does: only roles and accessible names.

Every locator here is `get_by_role(role, name=...)` (or a role inside a named region/group). The
names come from the authored course (content/introduktionsutbildning) and the runtime's strings
(strings.json), never from CSS classes, ids or data attributes.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import yaml
from course_packages import COURSE, course_yaml, question_bank, strings
from playwright.sync_api import FrameLocator, Locator, expect

FENCE = re.compile(r"^```(\w[\w-]*)\n(.*?)^```", re.S | re.M)


def page_blocks() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """{page id: [(block type, block yaml), ...]} from the manuscript's pages."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path in sorted((COURSE / "pages").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---", 2)
        page_id = str(yaml.safe_load(front)["id"])
        out[page_id] = [(kind, yaml.safe_load(src) or {}) for kind, src in FENCE.findall(body)]
    return out


def norm(text: str) -> str:
    return " ".join(str(text).split())


@dataclass
class Quiz:
    id: str
    title: str
    shuffle: bool
    silent: bool = False  # feedback: none (the pre-test): only "your answers are saved"


@dataclass
class Course:
    """What the learner needs to know of the authored course."""

    strings: dict[str, str]
    questions: list[dict[str, Any]]
    quizzes: dict[str, Quiz]
    assessment: str
    passing_score: int
    group_id: str
    group_prompt: str
    group_labels: dict[str, str]
    reflection_prompts: list[str]
    survey: dict[str, Any] | None
    pages: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    # the self-reports other than the profession (vgr's administration): id -> block
    other_groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Course:
        meta = course_yaml()
        blocks = page_blocks()
        quizzes: dict[str, Quiz] = {}
        group_prompt = group_id = ""
        other_groups: dict[str, dict[str, Any]] = {}
        reflections: list[str] = []
        survey = None
        for page in blocks.values():
            for kind, block in page:
                if kind == "quiz":
                    quizzes[block["id"]] = Quiz(
                        block["id"],
                        norm(block["title"]),
                        bool(block.get("shuffle")),
                        block.get("feedback") == "none",
                    )
                elif kind == "group" and block.get("kind", "profession") != "profession":
                    other_groups[str(block["id"])] = block
                elif kind == "group":
                    group_prompt, group_id = norm(block["prompt"]), str(block["id"])
                elif kind == "reflection":
                    reflections.append(norm(block["prompt"]))
                elif kind == "survey":
                    survey = block
        return cls(
            strings=strings("sv"),
            questions=question_bank(),
            quizzes=quizzes,
            assessment=str(meta["completion"]["assessment"]),
            passing_score=int(meta["completion"]["passing_score"]),
            group_id=group_id,
            group_prompt=group_prompt,
            group_labels={a["id"]: a["label"] for a in meta["audiences"]},
            reflection_prompts=reflections,
            survey=survey,
            pages=blocks,
            other_groups=other_groups,
        )


INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "truefalse": "true-false",
    "ordering": "sequencing",
    "matching": "matching",
}


def wrong_answer(question: dict[str, Any]) -> Any:
    """A wrong answer of the question's shape."""
    kind, answer = question["type"], question["answer"]
    if kind == "single":
        return next(c["id"] for c in question["choices"] if c["id"] != answer)
    if kind == "truefalse":
        return not answer
    if kind == "multiple":
        return [next(c["id"] for c in question["choices"] if c["id"] not in answer)]
    if kind == "ordering":
        return list(reversed(answer))
    if kind == "matching":
        prompts = list(answer)
        targets = [answer[p] for p in prompts]
        rotated = targets[1:] + targets[:1]
        return dict(zip(prompts, rotated, strict=True))
    raise ValueError(kind)


class Learner:
    """Drives the SCO in its iframe with role/name locators only.

    `strings` are the package's own (its boot config's `strings`), which the runtime shows;
    they override the repository's strings.json.
    """

    def __init__(
        self, sco: FrameLocator, course: Course, strings: dict[str, str] | None = None
    ) -> None:
        self.sco = sco
        self.course = course
        self.strings = {**course.strings, **(strings or {})}

    def s(self, key: str) -> str:
        if key not in self.strings:
            raise KeyError(f"no string {key!r} in the package's config or strings.json")
        return self.strings[key]

    def page_link_name(self, title: str) -> re.Pattern[str]:
        """A table-of-contents link's name: the page title, maybe with its state (visited)."""
        return re.compile(rf"^{re.escape(title)}{self._state_suffix()}$")

    def strip_state(self, name: str) -> str:
        """A link's text without the runtime's state mark ("✓ (besökt)")."""
        return re.sub(rf"{self._state_suffix()}$", "", norm(name))

    def _state_suffix(self) -> str:
        state = re.escape(self.strings.get("visited", "visited"))
        return rf"(\s*\u2713?\s*\({state}\))?"

    def wait_ready(self) -> None:
        """The runtime has started: it shows the pager (hidden in the HTML without JS)."""
        self.sco.get_by_role("navigation", name=self.s("pagerLabel")).wait_for(state="visible")

    def heading(self) -> str:
        """The visible page heading (level 1); the runtime shows one page at a time."""
        self.wait_ready()
        headings = self.sco.get_by_role("heading", level=1)
        expect(headings, "one page (one level-1 heading) at a time").to_have_count(1)
        return norm(headings.first.inner_text())

    def toc_titles(self) -> list[str]:
        # all_text_contents does not wait: on a busy machine the frame may still be loading
        self.wait_ready()
        # the text even when the table of contents is folded (narrow screens)
        toc = self.sco.get_by_role("navigation", name=self.s("tocLabel"), include_hidden=True)
        links = toc.get_by_role("link", include_hidden=True)
        return [self.strip_state(t) for t in links.all_text_contents()]

    def next_button(self) -> Locator:
        return self.sco.get_by_role("button", name=self.s("next"), exact=True)

    def previous_button(self) -> Locator:
        return self.sco.get_by_role("button", name=self.s("previous"), exact=True)

    def can_go_next(self) -> bool:
        button = self.next_button()
        return button.count() == 1 and button.is_visible() and button.is_enabled()

    def next(self) -> str:
        before = self.heading()
        self.next_button().click()
        self.sco.get_by_role("heading", level=1, name=before).wait_for(state="hidden")
        return self.heading()

    def go_to(self, title: str) -> None:
        toc = self.sco.get_by_role("navigation", name=self.s("tocLabel"))
        toc.get_by_role("link", name=self.page_link_name(title)).click()
        self.sco.get_by_role("heading", level=1, name=title, exact=True).wait_for()

    # -- blocks ------------------------------------------------------------------------

    def quiz_region(self, quiz_id: str) -> Locator:
        return self.sco.get_by_role("region", name=self.course.quizzes[quiz_id].title)

    def question_group(self, quiz: Locator, question: dict[str, Any]) -> Locator:
        return quiz.get_by_role("group", name=norm(question["prompt"]))

    def choice_text(self, question: dict[str, Any], choice_id: str) -> str:
        return next(norm(c["text"]) for c in question["choices"] if c["id"] == choice_id)

    def answer_question(self, quiz: Locator, question: dict[str, Any], answer: Any) -> None:
        group = self.question_group(quiz, question)
        kind = question["type"]
        if kind == "single":
            group.get_by_role("radio", name=self.choice_text(question, answer), exact=True).check()
        elif kind == "truefalse":
            name = self.s("true") if answer else self.s("false")
            group.get_by_role("radio", name=name, exact=True).check()
        elif kind == "multiple":
            for choice in question["choices"]:
                box = group.get_by_role("checkbox", name=norm(choice["text"]), exact=True)
                if choice["id"] in answer:
                    box.check()
                else:
                    box.uncheck()
        elif kind == "ordering":
            # insertion sort with the move-up buttons: each item up to its place in turn
            for position, choice_id in enumerate(answer):
                steps = self.order_shown(group, question).index(choice_id) - position
                for _ in range(steps):
                    self.move_button(group, question, choice_id, "moveUp").click()
            shown = self.order_shown(group, question)
            assert shown == list(answer), f"{question['id']}: the list shows {shown}"
        elif kind == "matching":
            for prompt in question["prompts"]:
                choices = group.get_by_role("group", name=norm(prompt["text"]), exact=True)
                text = self.choice_text(question, answer[prompt["id"]])
                choices.get_by_role("radio", name=text, exact=True).check()
        else:
            raise ValueError(kind)

    def move_button(
        self, group: Locator, question: dict[str, Any], choice_id: str, key: str
    ) -> Locator:
        """An ordering item's button, `key` moveUp or moveDown: named by its action and item."""
        name = f"{self.s(key)} {self.choice_text(question, choice_id)}"
        return group.get_by_role("button", name=name, exact=True)

    def order_shown(self, group: Locator, question: dict[str, Any]) -> list[str]:
        """An ordering question's choice ids as the list shows them, top to bottom."""
        tops: dict[str, float] = {}
        for choice in question["choices"]:
            box = self.move_button(group, question, choice["id"], "moveUp").bounding_box()
            assert box is not None, f"{question['id']}: {choice['id']} has no move button shown"
            tops[choice["id"]] = box["y"]
        return sorted(tops, key=lambda c: tops[c])

    def take_quiz(self, quiz_id: str, correct: bool = True) -> str:
        """Answer every question shown (right or wrong), submit, return the announced result."""
        quiz = self.quiz_region(quiz_id)
        quiz.wait_for()
        for question in self.course.questions:
            group = self.question_group(quiz, question)
            if group.count() == 0:
                continue  # not drawn from the pool
            answer = question["answer"] if correct else wrong_answer(question)
            self.answer_question(quiz, question, answer)
        quiz.get_by_role("button", name=self.s("quizSubmit")).click()
        if self.course.quizzes[quiz_id].silent:
            return self.quiz_saved(quiz)
        return self.quiz_result(quiz)

    def quiz_saved(self, quiz: Locator) -> str:
        """A quiz without feedback says only that the answers are saved: no score, no verdict."""
        pattern = re.compile(re.escape(self.s("quizSaved")))
        quiz.get_by_text(pattern).wait_for()
        assert quiz.get_by_text(self.result_pattern()).count() == 0, "a silent quiz showed a score"
        for word in ("correct", "incorrect"):
            verdicts = quiz.locator(".ac-verdict").get_by_text(self.s(word), exact=False)
            assert verdicts.count() == 0, "a silent quiz showed a verdict"
        return norm(self.wait_announced(pattern))

    def result_pattern(self) -> re.Pattern[str]:
        """The quiz result sentence (strings.quizResult with its {placeholders} as numbers)."""
        parts = re.split(r"\{\w+\}", self.s("quizResult"))
        return re.compile(r"[\d.,]+".join(re.escape(p) for p in parts))

    def quiz_result(self, quiz: Locator) -> str:
        """The result shown in the quiz, which must also reach a live region (be announced)."""
        pattern = self.result_pattern()
        shown = quiz.get_by_text(pattern)
        shown.wait_for()
        text = norm(shown.inner_text())
        self.wait_announced(pattern)
        return text

    def announcements(self) -> list[str]:
        """Every text that appeared in a live region of the SCO (recorded by ANNOUNCEMENTS_JS)."""
        return list(self.sco.locator(":root").evaluate("() => window.__announcements || []"))

    def wait_announced(self, pattern: re.Pattern[str], timeout_ms: int = 5000) -> str:
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            said = self.announcements()
            for text in said:
                if pattern.search(text):
                    return text
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"nothing matching {pattern.pattern!r} was announced to screen readers "
                    f"(live-region texts: {said[-8:]})"
                )
            time.sleep(0.05)

    def retry_quiz(self, quiz_id: str) -> None:
        quiz = self.quiz_region(quiz_id)
        quiz.get_by_role("button", name=self.s("quizRetry")).click()

    def survey_region(self) -> Locator | None:
        survey = self.course.survey
        if survey is None:
            return None
        # once the runtime shows one page at a time: before, every page of the HTML is visible,
        # so the survey seemed to be on the first page (a flaky failure under a loaded make test)
        self.wait_ready()
        region = self.sco.get_by_role("region", name=norm(survey["title"]))
        if region.count() != 1 or not region.is_visible():
            return None
        # the built-in survey; a profile with an external survey shows only a link
        return region if region.get_by_role("radio").count() else None

    def answer_survey(self, comment: str) -> None:
        """Rate every item with the scale's last option, write the comment, submit."""
        region = self.survey_region()
        assert region is not None and self.course.survey is not None
        for item in self.course.survey["items"]:
            group = region.get_by_role("group", name=norm(item["text"]))
            group.get_by_role("radio").last.check()
        prompt = self.course.survey.get("comment", {}).get("prompt")
        if prompt:
            region.get_by_role("textbox", name=norm(prompt)).fill(comment)
        region.get_by_role("button", name=self.s("surveySubmit")).click()
        self.wait_announced(re.compile(re.escape(self.s("surveyThanks"))))

    def choose_group(self, label: str) -> None:
        # after the runtime has started: a choice made in the plain HTML before it listens is
        # not the learner's choice it records (a flaky failure under a loaded make test)
        self.wait_ready()
        box = self.sco.get_by_role("combobox", name=self.course.group_prompt)
        box.select_option(label=label)

    def write_reflection(self, prompt: str, text: str) -> None:
        self.sco.get_by_role("textbox", name=prompt).fill(text)

    def visible_reflections(self) -> list[str]:
        self.wait_ready()  # what is visible means something only once one page shows
        return [
            p for p in self.course.reflection_prompts
            if self.sco.get_by_role("textbox", name=p).count() == 1
            and self.sco.get_by_role("textbox", name=p).is_visible()
        ]  # fmt: skip

    def visible_quizzes(self) -> list[str]:
        self.wait_ready()  # what is visible means something only once one page shows
        return [
            q for q, quiz in self.course.quizzes.items()
            if self.sco.get_by_role("region", name=quiz.title).count() == 1
        ]  # fmt: skip
