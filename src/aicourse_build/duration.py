"""Estimated time to take a course: what a learner reads on each page, and what they do there.

A page takes the time to read every word it shows (its title, texts, captions, callouts, quiz
questions with their options and the feedback shown after submitting, survey items...) at
WORDS_PER_MINUTE, plus a time per interaction (answering a question, writing a reflection, looking
at an image, watching a video). docs/duration.md explains each figure and how they were checked
against a by-hand estimate of the default course.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

from aicourse_build.model.blocks import (
    CalloutBlock,
    ContactsBlock,
    GroupBlock,
    ImageBlock,
    Matching,
    MultipleChoice,
    OfflineBlock,
    Ordering,
    Question,
    QuizBlock,
    QuoteBlock,
    ReflectionBlock,
    SingleChoice,
    SurveyBlock,
    TextBlock,
    TrueFalse,
    VideoBlock,
)
from aicourse_build.model.course import Contact
from aicourse_build.render.strings import strings_for
from aicourse_build.resolve import ExternalSurvey, ResolvedBlock, ResolvedCourse, ResolvedPage

# -- reading ---------------------------------------------------------------------------------
# Adults read English non-fiction silently at 238 wpm on average, most of them between 175 and
# 300, and more slowly when older or reading a second language (Brysbaert 2019, a meta-analysis
# of 190 studies). Course text is read on screen to be understood and kept, by a broad staff
# group of whom some read Swedish as a second language: the course review assumed 150-200 wpm,
# and this is the middle of that span (the low end of Brysbaert's range for most adults).
WORDS_PER_MINUTE = 175
# An e-mail address, web address or phone number in a contact is taken in at a glance.
WORDS_PER_ADDRESS = 1

# -- interactions, on top of reading what they show ------------------------------------------
# Choosing the answer to one question, by type. The review allowed 1.5-2.5 min of quiz handling
# for the default course's 8 questions (2 of each choice type, one ordering, one matching of 4);
# these figures give that bank 111 s, near the middle, and rank the types by the decisions each
# asks for: one of two, one of several, a yes or no per option, a sequence built one step at a
# time with arrow buttons.
SECONDS_TO_ANSWER: Mapping[str, float] = {
    "truefalse": 6,
    "single": 10,
    "multiple": 15,
    "ordering": 25,
}
SECONDS_TO_MATCH_ONE_PROMPT = 6  # matching: one choice per prompt, from the same short list
# Writing (or pausing to think about) an answer: the review assumed 0.5-2 min; the middle.
SECONDS_TO_WRITE_REFLECTION = 75
# Ticking one step of a survey scale once the statement is read; and an optional comment.
# With the statements, scale and comment read, the default survey comes to the review's 1.5 min.
SECONDS_TO_RATE_SURVEY_ITEM = 5
SECONDS_TO_WRITE_SURVEY_COMMENT = 30
# Looking at a figure long enough to take it in (the review's 15 s); a decorative one carries
# nothing to take in.
SECONDS_TO_LOOK_AT_IMAGE = 15
# Opening a drop-down list of groups and finding one's own (the review's welcome page sits about
# 0.15 min above its words for its two such lists).
SECONDS_TO_CHOOSE_GROUP = 5

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_URL = re.compile(r"\]\([^)]*\)|https?://\S+|[{}]{2}")
_FENCE_OR_MARKUP = re.compile(r"^(```|:::).*$", re.MULTILINE)


@lru_cache(maxsize=65536)  # estimates are asked for often (check, config, report)
def count_words(text: str | None) -> int:
    """Words a learner reads in a Markdown text: link targets, fences and {{ }} left out."""
    if not text:
        return 0
    text = _FENCE_OR_MARKUP.sub(" ", _URL.sub(" ", text))
    return len(_WORD.findall(text))


def reading_seconds(words: float) -> float:
    return words * 60 / WORDS_PER_MINUTE


@dataclass(frozen=True)
class Reader:
    """What a page shows besides its blocks' own words, in the package's language: the UI
    strings of the templates and runtime, the contacts, the note under free-text fields."""

    strings: Mapping[str, str]
    contacts: Mapping[str, Contact]
    free_text_note: str | None = None
    free_text_kept_local: bool = True

    @classmethod
    def of(cls, course: ResolvedCourse) -> Reader:
        model = course.profile.model
        return cls(
            strings_for(course.lang, model.strings.get(course.lang)),
            course.contacts,
            model.free_text_note,
            model.privacy.free_text == "keep_local",
        )

    def words(self, *texts: str | None) -> int:
        return sum(count_words(t) for t in texts)

    def ui(self, key: str) -> int:
        """The words of a UI string ({placeholders} count as the word they become)."""
        return count_words(self.strings.get(key))


# -- quizzes ---------------------------------------------------------------------------------
def question_words(q: Question, reader: Reader) -> int:
    """The prompt, the instruction and every option, each read once (a matching question shows
    its choices under every prompt, but they are the same few lines)."""
    if isinstance(q, TrueFalse):
        return reader.words(q.prompt) + reader.ui("true") + reader.ui("false")
    if isinstance(q, Matching):
        options = [p.text for p in q.prompts] + [c.text for c in q.choices]
        return reader.words(q.prompt, *options) + reader.ui("matchInstruction")
    if isinstance(q, Ordering):
        key = "orderInstruction"
    else:
        key = "chooseOne" if isinstance(q, SingleChoice) else "chooseMany"
    return reader.words(q.prompt, *(c.text for c in q.choices)) + reader.ui(key)


def feedback_words(q: Question, reader: Reader) -> float:
    """What a learner reads after submitting: the verdict, the correct or incorrect feedback
    (whichever comes, so their mean), and the feedback of each choice they picked, taken to be
    the right ones (the runtime shows choice feedback for single and multiple choice only)."""
    general = [t for t in (q.feedback.correct, q.feedback.incorrect) if t] if q.feedback else []
    words = reader.ui("correct") + (fmean(count_words(t) for t in general) if general else 0)
    if isinstance(q, SingleChoice | MultipleChoice):
        right = {q.answer} if isinstance(q, SingleChoice) else set(q.answer)
        words += sum(count_words(c.feedback) for c in q.choices if c.id in right)
    return words


def answer_seconds(q: Question) -> float:
    if isinstance(q, Matching):
        return SECONDS_TO_MATCH_ONE_PROMPT * len(q.prompts)
    return SECONDS_TO_ANSWER[q.type]


def question_seconds(q: Question, quiz: QuizBlock, reader: Reader) -> float:
    words: float = question_words(q, reader)
    if quiz.feedback != "none":
        words += feedback_words(q, reader)
    return reading_seconds(words) + answer_seconds(q)


def quiz_seconds(quiz: QuizBlock, reader: Reader) -> float:
    """The quiz's own texts and result line, and each question a learner is given: all of them,
    or `draw` of them (the mean question of the pool)."""
    result = "quizSaved" if quiz.feedback == "none" else "quizResult"
    own = (reader.words(quiz.title) or reader.ui("quizTitle")) + reader.ui(result)
    own += reader.words(quiz.intro)
    pool = [question_seconds(q, quiz, reader) for q in quiz.questions or []]
    given = min(quiz.draw or len(pool), len(pool))
    return reading_seconds(own) + (fmean(pool) * given if pool else 0.0)


# -- surveys ---------------------------------------------------------------------------------
def survey_seconds(survey: SurveyBlock, reader: Reader) -> float:
    """Its texts, the scale's labels once (every statement has the same ones), a rating per
    statement, and the comment when there is one."""
    words = reader.words(survey.title) or reader.ui("surveyTitle")
    words += reader.words(survey.intro, *(i.text for i in survey.items), *(survey.scale or []))
    seconds = SECONDS_TO_RATE_SURVEY_ITEM * len(survey.items)
    if survey.comment:
        words += reader.words(survey.comment.prompt, reader.free_text_note)
        seconds += SECONDS_TO_WRITE_SURVEY_COMMENT
    return reading_seconds(words) + seconds


def external_survey_seconds(link: ExternalSurvey, replaced: SurveyBlock, reader: Reader) -> float:
    """The link, then the profile's own form, taken to ask what the built-in survey asks."""
    words = reader.words(link.title) + reader.ui("surveyLink")
    return reading_seconds(words) + survey_seconds(replaced, reader)


# -- the other blocks ------------------------------------------------------------------------
def contacts_words(block: ContactsBlock, reader: Reader) -> int:
    words = reader.words(block.title, block.text) or reader.ui("contactsTitle")
    for key in block.show:
        contact = reader.contacts.get(key)
        if contact is not None:
            addresses = [a for a in (contact.email, contact.url, contact.phone) if a]
            words += reader.words(contact.role, contact.name)
            words += WORDS_PER_ADDRESS * len(addresses)
    return words


def reflection_seconds(block: ReflectionBlock, reader: Reader) -> float:
    note = "reflectionKeptLocal" if reader.free_text_kept_local else "reflectionSent"
    words = reader.words(block.prompt, block.hint, reader.free_text_note) + reader.ui(note)
    return reading_seconds(words) + SECONDS_TO_WRITE_REFLECTION


def block_seconds(rb: ResolvedBlock, reader: Reader) -> float:
    b = rb.block
    if isinstance(b, TextBlock):
        return reading_seconds(count_words(b.body))
    if isinstance(b, CalloutBlock):
        return reading_seconds(reader.words(b.title, b.text))
    if isinstance(b, QuoteBlock):
        return reading_seconds(reader.words(b.text, b.name, b.role))
    if isinstance(b, ImageBlock):
        looking = 0 if b.decorative else SECONDS_TO_LOOK_AT_IMAGE
        return looking + reading_seconds(count_words(b.caption))
    if isinstance(b, VideoBlock):
        # watched once; the transcript is there for whoever cannot or will not watch
        return b.seconds + reading_seconds(count_words(b.title))
    if isinstance(b, QuizBlock):
        return quiz_seconds(b, reader)
    if isinstance(b, ReflectionBlock):
        return reflection_seconds(b, reader)
    if isinstance(b, SurveyBlock):
        return survey_seconds(b, reader)
    if isinstance(b, ExternalSurvey):
        replaced = rb.source.block
        assert isinstance(replaced, SurveyBlock)
        return external_survey_seconds(b, replaced, reader)
    if isinstance(b, GroupBlock):
        return reading_seconds(count_words(b.prompt)) + SECONDS_TO_CHOOSE_GROUP
    if isinstance(b, ContactsBlock):
        return reading_seconds(contacts_words(b, reader))
    if isinstance(b, OfflineBlock):
        # the activity itself (its `duration`) happens outside the course and is not counted
        words = reader.words(b.title, b.text, b.where, b.when) + reader.ui("offlineKind")
        return reading_seconds(words)
    return 0.0


def page_seconds(page: ResolvedPage, course: ResolvedCourse, reader: Reader | None = None) -> float:
    """The author's `duration:` of the page, or its title and blocks."""
    if page.page.meta.duration is not None:
        return page.page.meta.duration * 60
    reader = reader or Reader.of(course)
    blocks = sum(block_seconds(rb, reader) for rb in page.blocks)
    return reading_seconds(count_words(page.title)) + blocks


@dataclass(frozen=True)
class Estimate:
    modules: dict[str, float]  # module id -> minutes
    total: float  # minutes
    pages: dict[str, float]  # page id -> minutes (a module's `duration:` hides its pages')


def estimate(course: ResolvedCourse) -> Estimate:
    reader = Reader.of(course)
    modules: dict[str, float] = {}
    pages: dict[str, float] = {}
    for module in course.modules:
        for page in module.pages:
            pages[page.id] = page_seconds(page, course, reader) / 60
        if module.duration is not None:
            modules[module.id] = module.duration
        else:
            modules[module.id] = sum(pages[p.id] for p in module.pages)
    return Estimate(modules, sum(modules.values()), pages)
