"""The default course's estimated time against a by-hand estimate made from the built pages.

The by-hand estimate does what the course review did (docs/duration.md): it counts the words a
learner sees on each page of the rendered package, reads them at the middle of 150-200 words per
minute, and adds the review's middle times per interaction. It shares no code with the estimator,
which counts from the course model, so a text the estimator forgets (or counts twice) shows up
here, whatever the course says at the time.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from statistics import fmean
from typing import Any

import lxml.html
import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.model.blocks import VideoBlock
from aicourse_build.pipeline import CourseCheck, check_course_dir

COURSE = Path(__file__).resolve().parent.parent / "content" / "introduktionsutbildning"

# the review's assumptions (section 6), each at the middle of its range
MINUTES_PER_WORD = (1 / 150 + 1 / 200) / 2
QUIZ_MINUTES_PER_QUESTION = 2.0 / 8  # 1.5-2.5 min of handling for its 8-question quizzes
REFLECTION_MINUTES = 1.25  # 0.5-2 min
IMAGE_MINUTES = 0.25  # 15 s
# the review's 1.5 min for the survey as a whole (6 statements and a comment, its words
# included): for a link to an external form, and per statement of a built-in survey, now that
# the course asks more, in several surveys
SURVEY_MINUTES = 1.5
SURVEY_MINUTES_PER_ITEM = SURVEY_MINUTES / 6
GROUP_MINUTES = 0.15 / 2  # the welcome page's two drop-down lists: 0.15 min above its words

TOTAL_WITHIN = 0.15
PAGE_WITHIN, PAGE_SLACK_MINUTES = 0.25, 0.5

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # a word, as a reader counts it


def _words(element: Any) -> int:
    return len(_WORD.findall(element.text_content()))


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _feedback_words(quiz: Any, conf: dict[str, Any]) -> float:
    """What one submit shows: per question its verdict, the correct or incorrect feedback (their
    mean: one of them comes) and the feedback of the choices picked, taken to be the right ones."""
    if conf.get("feedback") == "none":
        return 0
    answers = {q["id"]: q["answer"] for q in conf["questions"]}
    words = 0.0
    for question in quiz.xpath(f".//fieldset[{_has_class('question')}]"):
        general = [_words(f) for f in question.xpath(".//*[@data-ac-feedback]")]
        words += 1 + (fmean(general) if general else 0)
        answer = answers[question.get("data-ac-question")]
        if question.get("data-ac-type") in ("single", "multiple"):
            right = answer if isinstance(answer, list) else [answer]
            for choice in question.xpath(".//*[@data-ac-feedback-for]"):
                words += _words(choice) if choice.get("data-ac-feedback-for") in right else 0
    return words


def _questions_given(quiz: Any, conf: dict[str, Any]) -> int:
    shown = len(quiz.xpath(f".//fieldset[{_has_class('question')}]"))
    return min(conf.get("draw") or shown, shown)


def _visible(page: Any) -> Any:
    """The page as a learner reads it: no hidden parts (feedback is counted apart), no list of
    options in a drop-down, no transcript (optional), no text for screen readers only, a
    matching question's choices once, and the surveys (the review timed them per statement)."""
    page = copy.deepcopy(page)
    gone = [
        "//*[@hidden]",
        "//select",
        "//script",
        f"//details[{_has_class('transcript')}]",
        f"//*[{_has_class('visually-hidden')}]",
        f"//section[{_has_class('survey')}]",
        f"//fieldset[{_has_class('match')}][position() > 1]//label",
    ]
    for element in page.xpath(" | ".join("." + path for path in gone)):
        element.drop_tree()
    return page


def by_hand_minutes(html: bytes, video_seconds: dict[str, int]) -> dict[str, float]:
    """Minutes per page of a built package's index.html, the way the review counted them."""
    root = lxml.html.fromstring(html)
    config = json.loads(root.get_element_by_id("aicourse-config").text)
    minutes: dict[str, float] = {}
    for page in root.xpath(f"//section[{_has_class('page')}]"):
        words = float(_words(_visible(page)))
        extra = 0.0
        for quiz in page.xpath(".//*[@data-ac-quiz]"):
            conf = config["quizzes"][quiz.get("data-ac-quiz")]
            words += _feedback_words(quiz, conf)
            extra += QUIZ_MINUTES_PER_QUESTION * _questions_given(quiz, conf)
        extra += REFLECTION_MINUTES * len(page.xpath(".//*[@data-ac-reflection]"))
        extra += GROUP_MINUTES * len(page.xpath(".//*[@data-ac-group]"))
        items = page.xpath(f".//section[{_has_class('survey')}]//fieldset[{_has_class('likert')}]")
        extra += SURVEY_MINUTES_PER_ITEM * len(items)
        extra += SURVEY_MINUTES * len(page.xpath(f".//section[{_has_class('survey-link')}]"))
        extra += IMAGE_MINUTES * len(page.xpath(f".//figure[{_has_class('image')}]/img[@alt!='']"))
        for video in page.xpath(".//*[@data-ac-video]"):
            extra += video_seconds[video.get("data-ac-video")] / 60
        minutes[page.get("id")] = words * MINUTES_PER_WORD + extra
    return minutes


@pytest.fixture(scope="module")
def checked() -> CourseCheck:
    report = Report()
    result = check_course_dir(COURSE, report)
    assert result.packages, [str(d) for d in report.sorted()]
    return result


def _cases(result: CourseCheck) -> Iterator[tuple[tuple[str, str], dict[str, float]]]:
    """Each profile and language: the by-hand minutes of one of its single-language packages."""
    videos = {
        rb.block.id: rb.block.seconds
        for resolved in result.resolved
        for page in resolved.pages
        for rb in page.blocks
        if isinstance(rb.block, VideoBlock)
    }
    done: set[tuple[str, str]] = set()
    for rendered in result.packages:
        key = (rendered.job.first.profile.name, rendered.job.first.lang)
        if len(rendered.job.languages) == 1 and key not in done:
            done.add(key)
            yield key, by_hand_minutes(rendered.site.files["index.html"], videos)


def test_the_estimate_is_within_15_percent_of_a_by_hand_estimate(checked: CourseCheck) -> None:
    compared = dict(_cases(checked))
    assert {("vgr", "sv"), ("public", "sv")} <= set(compared)
    for key, by_hand in compared.items():
        estimate = checked.estimates[key]
        assert sorted(estimate.pages) == sorted(by_hand), key
        total = sum(by_hand.values())
        assert abs(estimate.total - total) <= TOTAL_WITHIN * total, (key, estimate.total, total)
        for page, minutes in by_hand.items():
            allowed = max(PAGE_WITHIN * minutes, PAGE_SLACK_MINUTES)
            assert abs(estimate.pages[page] - minutes) <= allowed, (key, page)


def test_the_by_hand_count_sees_what_a_learner_sees() -> None:
    html = b"""<html><body><main>
    <section class="page" id="p"><h1>Rubrik</h1>
      <div class="text"><p>Ett tv\xc3\xa5 tre.</p></div>
      <details class="transcript"><p>inte med</p></details>
      <div class="group" data-ac-group="g"><label>Yrke?</label>
        <select><option>L\xc3\xa4kare</option></select></div>
      <figure class="image"><img src="a.svg" alt="Bild"><figcaption>Text</figcaption></figure>
      <figure class="image"><img src="b.svg" alt=""></figure>
      <span class="visually-hidden">dold</span><p hidden>dold</p>
    </section></main>
    <script id="aicourse-config" type="application/json">{"quizzes": {}}</script>
    </body></html>"""
    minutes = by_hand_minutes(html, {})["p"]
    words = 6  # Rubrik, Ett tva tre, Yrke, Text
    assert minutes == pytest.approx(words * MINUTES_PER_WORD + GROUP_MINUTES + IMAGE_MINUTES)
