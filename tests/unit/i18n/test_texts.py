import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from aicourse_build.i18n.texts import (
    BANK_TEXTS,
    BLOCK_TEXTS,
    DATA_FIELDS,
    PAGE_TEXTS,
    PROFILE_TEXTS,
    QUESTION_TEXTS,
    TEXT,
    Pattern,
    skeleton,
    text_locs,
    texts_only,
    unit_key,
)
from aicourse_build.model import blocks
from aicourse_build.model.blocks import QUESTION_TYPES
from aicourse_build.model.course import PageMeta, QuestionBank
from aicourse_build.model.profile import ProfileTranslation

BLOCK_MODELS: dict[str, type[BaseModel]] = {
    "text": blocks.TextBlock,
    "image": blocks.ImageBlock,
    "video": blocks.VideoBlock,
    "callout": blocks.CalloutBlock,
    "quote": blocks.QuoteBlock,
    "quiz": blocks.QuizBlock,
    "reflection": blocks.ReflectionBlock,
    "survey": blocks.SurveyBlock,
    "group": blocks.GroupBlock,
    "contacts": blocks.ContactsBlock,
    "offline": blocks.OfflineBlock,
}
QUESTION_MODELS = [
    blocks.SingleChoice,
    blocks.MultipleChoice,
    blocks.TrueFalse,
    blocks.Ordering,
    blocks.Matching,
]


def _string_paths(annotation: Any) -> set[Pattern]:
    """Key paths of every string an author writes into a value of this type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _string_paths(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: set[Pattern] = set()
        for member in typing.get_args(annotation):
            if getattr(member, "__origin__", None) is None and member in QUESTION_MODELS:
                found |= _model_paths(member)
            else:
                found |= _string_paths(member)
        return found
    if origin in (list, dict):
        return {("*", *path) for path in _string_paths(typing.get_args(annotation)[-1])}
    if annotation is str or origin is Literal:
        return {()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_paths(annotation)
    return set()


def _model_paths(model: type[BaseModel]) -> set[Pattern]:
    found: set[Pattern] = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        found |= {(key, *path) for path in _string_paths(field.annotation)}
    return found


CONDITIONS = set(DATA_FIELDS["conditions"])
QUESTION_DATA = set(DATA_FIELDS["question"])


def _questions(patterns: set[Pattern]) -> set[Pattern]:
    return {("questions", "*", *p) for p in patterns}


def test_every_string_of_a_block_is_a_text_or_data() -> None:
    for block_type, model in BLOCK_MODELS.items():
        written = _model_paths(model) - CONDITIONS - {("type",)}
        texts = set(BLOCK_TEXTS[block_type])
        data = set(DATA_FIELDS.get(block_type, ()))
        if block_type == "quiz":
            data |= _questions(QUESTION_DATA)
        assert texts | data == written, block_type
        assert not texts & data, block_type


def test_every_string_of_a_question_is_a_text_or_data() -> None:
    written = set().union(*(_model_paths(m) for m in QUESTION_MODELS))
    assert set(QUESTION_TEXTS) | QUESTION_DATA == written
    assert not set(QUESTION_TEXTS) & QUESTION_DATA
    assert {m.model_fields["type"].annotation.__args__[0] for m in QUESTION_MODELS} == set(
        QUESTION_TYPES
    )


def test_every_string_of_page_front_matter_and_banks_is_a_text_or_data() -> None:
    assert set(PAGE_TEXTS) | set(DATA_FIELDS["page"]) | CONDITIONS == _model_paths(PageMeta)
    bank = _model_paths(QuestionBank)
    assert set(BANK_TEXTS) | set(DATA_FIELDS["bank"]) | _questions(QUESTION_DATA) == bank


def test_ids_urls_files_and_answers_are_never_texts() -> None:
    every_text = {p for patterns in BLOCK_TEXTS.values() for p in patterns} | set(BANK_TEXTS)
    for pattern in every_text:
        assert pattern[-1] not in ("id", "src", "url", "bank", "answer", "lang", "style", "show")


BANK = {
    "lang": "en",
    "questions": [
        {
            "id": "model",
            "type": "single",
            "prompt": "What is a model?",
            "choices": [
                {"id": "a", "text": "Rules", "feedback": "No."},
                {"id": "b", "text": "Learnt"},
            ],
            "answer": "b",
            "feedback": {"correct": "Right."},
        }
    ],
}


def test_text_locs_follow_the_order_they_are_written_in() -> None:
    assert text_locs(BANK, BANK_TEXTS) == [
        ("questions", 0, "prompt"),
        ("questions", 0, "choices", 0, "text"),
        ("questions", 0, "choices", 0, "feedback"),
        ("questions", 0, "choices", 1, "text"),
        ("questions", 0, "feedback", "correct"),
    ]


def test_unit_keys_use_ids_and_count_items_without_one() -> None:
    assert unit_key(BANK, ("questions", 0, "choices", 1, "text")) == "model.choices.b.text"
    assert unit_key(BANK, ("questions", 0, "feedback", "correct")) == "model.feedback.correct"
    survey = {"scale": ["Nej", "Ja"], "items": [{"id": "nytta", "text": "Nyttig"}]}
    assert [unit_key(survey, loc) for loc in text_locs(survey, BLOCK_TEXTS["survey"])] == [
        "scale.1",
        "scale.2",
        "items.nytta.text",
    ]


def test_a_pattern_naming_a_list_of_strings_makes_each_item_a_text() -> None:
    course = {"title": "Kurs", "keywords": ["AI", "vård"], "version": "1.0.0"}
    patterns = (("title",), ("keywords",))
    assert text_locs(course, patterns) == [("title",), ("keywords", 0), ("keywords", 1)]
    # the whole list is one text in the skeleton: a translation may have other keywords
    assert skeleton(course, patterns) == {"title": TEXT, "keywords": TEXT, "version": "1.0.0"}


def test_skeleton_keeps_everything_but_the_texts() -> None:
    shape = skeleton(BANK, BANK_TEXTS)
    question = shape["questions"][0]
    assert question["id"] == "model" and question["answer"] == "b"
    assert question["prompt"] == TEXT and question["choices"][1] == {"id": "b", "text": TEXT}


PROFILE = {
    "title": "Publik",
    "theme": "public",
    "variables": {"organisation": "din organisation", "team": {"namn": "Teamet"}},
    "contacts": {"stod": {"role": "Stöd", "name": "Chefen", "url": "https://example.org/"}},
    "links": {"internal": ["*.example.org"]},
}


def test_a_double_star_names_the_texts_at_any_depth_of_a_mapping() -> None:
    assert text_locs(PROFILE, PROFILE_TEXTS) == [
        ("title",),
        ("variables", "organisation"),
        ("variables", "team", "namn"),
        ("contacts", "stod", "role"),
        ("contacts", "stod", "name"),
    ]
    assert [unit_key(PROFILE, loc) for loc in text_locs(PROFILE, PROFILE_TEXTS)][2:] == [
        "variables.team.namn",
        "contacts.stod.role",
        "contacts.stod.name",
    ]
    shape = skeleton(PROFILE, PROFILE_TEXTS)
    assert shape["variables"] == {"organisation": TEXT, "team": {"namn": TEXT}}
    assert shape["theme"] == "public" and shape["contacts"]["stod"]["url"] == "https://example.org/"


def test_texts_only_is_the_shape_of_a_file_of_texts() -> None:
    assert texts_only(skeleton(PROFILE, PROFILE_TEXTS)) == {
        "title": TEXT,
        "variables": {"organisation": TEXT, "team": {"namn": TEXT}},
        "contacts": {"stod": {"role": TEXT, "name": TEXT}},
    }
    assert texts_only({"theme": "public", "links": {"internal": ["x"]}}) is None


def test_every_string_of_a_profile_translation_is_a_text_or_data() -> None:
    # `**` (a text at any depth) is what the model's mapping of texts or groups reads as `*`
    texts = {tuple("*" if part == "**" else part for part in p) for p in PROFILE_TEXTS}
    data = set(DATA_FIELDS["profile-translation"])
    assert texts | data == _model_paths(ProfileTranslation)
    assert not texts & data
