from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import TypeAdapter

from aicourse_build.duration import (
    SECONDS_TO_ANSWER,
    SECONDS_TO_CHOOSE_GROUP,
    SECONDS_TO_LOOK_AT_IMAGE,
    SECONDS_TO_MATCH_ONE_PROMPT,
    SECONDS_TO_RATE_SURVEY_ITEM,
    SECONDS_TO_WRITE_REFLECTION,
    SECONDS_TO_WRITE_SURVEY_COMMENT,
    WORDS_PER_ADDRESS,
    Reader,
    block_seconds,
    count_words,
    estimate,
    reading_seconds,
)
from aicourse_build.model.blocks import Block
from aicourse_build.model.course import Contact
from aicourse_build.model.validate import validate_tree
from aicourse_build.render.strings import strings_for
from aicourse_build.resolve import ExternalSurvey, resolve_profile
from aicourse_build.source.project import load_course

STRINGS = strings_for("sv")
CONTACT = Contact(role="Kontakt för kursen", name="Kursteamet", email="kurs@example.org")
READER = Reader(STRINGS, {"kurs": CONTACT}, free_text_note="Skriv inga namn.")


def ui(key: str) -> int:
    return count_words(STRINGS[key])


def seconds(block: dict[str, Any], reader: Reader = READER) -> float:
    parsed = TypeAdapter(Block).validate_python(block)
    return block_seconds(SimpleNamespace(block=parsed), reader)  # type: ignore[arg-type]


def reading(words: float) -> float:
    return reading_seconds(words)


def test_count_words_ignores_markup_and_urls() -> None:
    text = "## Rubrik\n\nEn [länk till kursen](https://example.org/a-b) och **fet** text-rad.\n"
    assert count_words(text) == 8


def test_text_callout_and_quote_are_read() -> None:
    assert seconds({"type": "text", "body": "## Två ord\n\nTre ord till."}) == reading(5)
    callout = {"type": "callout", "title": "Obs", "text": "Läs detta."}
    assert seconds(callout) == reading(3)
    quote = {"type": "quote", "text": "Ett citat.", "name": "Anna", "role": "chef"}
    assert seconds(quote) == reading(4)


def test_an_image_is_looked_at_unless_decorative() -> None:
    image = {"type": "image", "src": "media/a.svg", "alt": "A", "caption": "Två ord"}
    assert seconds(image) == SECONDS_TO_LOOK_AT_IMAGE + reading(2)
    assert seconds({**image, "alt": None, "decorative": True}) == reading(2)


def test_a_video_takes_its_length_and_its_transcript_is_optional() -> None:
    video = {"type": "video", "id": "v", "src": "media/v.webm", "duration": "1:05"}
    watched = {**video, "title": "Tre ord här", "transcript": "Lång text " * 100}
    assert seconds(video) == 65
    assert seconds(watched) == 65 + reading(3)


def _quiz(*questions: dict[str, Any], **settings: Any) -> dict[str, Any]:
    return {"type": "quiz", "id": "q", "title": "Prov", "questions": list(questions), **settings}


SINGLE = {
    "id": "s",
    "type": "single",
    "prompt": "Vilken är rätt?",
    "choices": [
        {"id": "a", "text": "Den första", "feedback": "Nej, inte den."},
        {"id": "b", "text": "Den andra", "feedback": "Ja."},
    ],
    "answer": "b",
    "feedback": {"correct": "Bra gjort där.", "incorrect": "Tyvärr fel svar, läs igen."},
}


def test_a_question_reads_prompt_instruction_options_and_the_feedback_shown() -> None:
    own = 1 + ui("quizResult")  # the quiz's title and the result line
    question = 3 + ui("chooseOne") + 2 + 2  # prompt, instruction, both options
    # after submitting: the verdict, one of the two feedbacks (3 or 5 words), the chosen choice's
    shown = ui("correct") + (3 + 5) / 2 + 1
    expected = reading(own + question + shown) + SECONDS_TO_ANSWER["single"]
    assert seconds(_quiz(SINGLE)) == pytest.approx(expected)


def test_a_quiz_without_feedback_shows_none() -> None:
    own = 1 + ui("quizSaved")
    question = 3 + ui("chooseOne") + 2 + 2
    expected = reading(own + question) + SECONDS_TO_ANSWER["single"]
    assert seconds(_quiz(SINGLE, feedback="none")) == pytest.approx(expected)


def test_multiple_choice_shows_the_feedback_of_every_right_choice() -> None:
    multiple = {**SINGLE, "type": "multiple", "answer": ["a", "b"], "feedback": None}
    quiz = _quiz(multiple)
    own = 1 + ui("quizResult")
    question = 3 + ui("chooseMany") + 2 + 2
    shown = ui("correct") + 3 + 1  # both choices picked: both feedbacks
    expected = reading(own + question + shown) + SECONDS_TO_ANSWER["multiple"]
    assert seconds(quiz) == pytest.approx(expected)


def test_true_false_ordering_and_matching() -> None:
    truefalse = {"id": "t", "type": "truefalse", "prompt": "Sant eller ej?", "answer": True}
    ordering = {
        "id": "o",
        "type": "ordering",
        "prompt": "Ordna dem.",
        "choices": [{"id": "x", "text": "Först"}, {"id": "y", "text": "Sedan"}],
        "answer": ["x", "y"],
    }
    matching = {
        "id": "m",
        "type": "matching",
        "prompt": "Para ihop.",
        "prompts": [{"id": "p1", "text": "Ett"}, {"id": "p2", "text": "Två"}],
        "choices": [{"id": "c1", "text": "Uno"}, {"id": "c2", "text": "Dos"}],
        "answer": {"p1": "c1", "p2": "c2"},
    }
    verdict = ui("correct")  # the only feedback these questions have
    own = 1 + ui("quizResult")
    expected = {
        "t": reading(3 + ui("true") + ui("false") + verdict) + SECONDS_TO_ANSWER["truefalse"],
        "o": reading(2 + ui("orderInstruction") + 2 + verdict) + SECONDS_TO_ANSWER["ordering"],
        # the choices are read once, not under every prompt
        "m": reading(2 + ui("matchInstruction") + 4 + verdict) + 2 * SECONDS_TO_MATCH_ONE_PROMPT,
    }
    for q in (truefalse, ordering, matching):
        assert seconds(_quiz(q)) == pytest.approx(reading(own) + expected[q["id"]]), q["id"]


def test_a_drawn_quiz_counts_the_questions_drawn() -> None:
    other = {**SINGLE, "id": "s2"}
    one = seconds(_quiz(SINGLE)) - reading(1 + ui("quizResult"))
    drawn = seconds(_quiz(SINGLE, other, SINGLE | {"id": "s3"}, draw=2))
    assert drawn == pytest.approx(reading(1 + ui("quizResult")) + 2 * one)


def test_a_reflection_is_read_and_written() -> None:
    block = {"type": "reflection", "id": "r", "prompt": "Vad tänker du?", "hint": "Kort."}
    local = reading(3 + 1 + 3 + ui("reflectionKeptLocal")) + SECONDS_TO_WRITE_REFLECTION
    assert seconds(block) == pytest.approx(local)
    sent = Reader(STRINGS, {}, free_text_kept_local=False)
    expected = reading(3 + 1 + ui("reflectionSent")) + SECONDS_TO_WRITE_REFLECTION
    assert seconds(block, sent) == pytest.approx(expected)


SURVEY = {
    "type": "survey",
    "id": "s",
    "intro": "Svara ärligt.",
    "scale": ["Nej", "Kanske", "Ja"],
    "items": [{"id": "a", "text": "Bra kurs."}, {"id": "b", "text": "Lagom lång."}],
    "comment": {"id": "c", "prompt": "Något mer?"},
}


def test_a_survey_reads_its_scale_once_and_rates_each_statement() -> None:
    words = ui("surveyTitle") + 2 + 4 + 3 + 2 + 3  # + the comment's prompt and the note
    timed = 2 * SECONDS_TO_RATE_SURVEY_ITEM + SECONDS_TO_WRITE_SURVEY_COMMENT
    assert seconds(SURVEY) == pytest.approx(reading(words) + timed)


def test_an_external_survey_is_its_link_and_the_form_it_replaces() -> None:
    survey = TypeAdapter(Block).validate_python(SURVEY)
    link = ExternalSurvey("s", "Enkät om kursen", "https://example.org/form")
    rb = SimpleNamespace(block=link, source=SimpleNamespace(block=survey))
    expected = reading(3 + ui("surveyLink")) + seconds(SURVEY)
    assert block_seconds(rb, READER) == pytest.approx(expected)  # type: ignore[arg-type]


def test_group_contacts_and_offline() -> None:
    group = {"type": "group", "id": "g", "prompt": "Ditt yrke?"}
    assert seconds(group) == reading(2) + SECONDS_TO_CHOOSE_GROUP
    contacts = {"type": "contacts", "show": ["kurs"]}
    person = count_words(CONTACT.role) + count_words(CONTACT.name) + WORDS_PER_ADDRESS
    assert seconds(contacts) == pytest.approx(reading(ui("contactsTitle") + person))
    offline = {"type": "offline", "id": "o", "title": "Möte", "text": "Vi ses.", "duration": 60}
    # the meeting itself happens outside the course
    assert seconds(offline) == pytest.approx(reading(ui("offlineKind") + 3))


def test_estimate_adds_pages_per_module(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(
        "---\nid: start\ntitle: Start\n---\n\n"
        + "ord " * 175
        + "\n\n```reflection\nid: r\nprompt: P\n```\n"
    )
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    result = estimate(resolved)
    reflection = block_seconds(resolved.pages[0].blocks[-1], Reader.of(resolved))
    expected = reading(1 + 175) + reflection  # the title, the text
    assert result.pages["start"] == pytest.approx(expected / 60)
    assert result.total == pytest.approx(sum(result.pages.values()))
    assert result.modules == {"modul-ett": pytest.approx(result.total)}


def test_author_estimate_overrides(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("title: Start", "title: Start\nduration: 7"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    result = estimate(resolved)
    assert result.pages["start"] == 7
    assert result.total == pytest.approx(7 + result.pages["prov"])
