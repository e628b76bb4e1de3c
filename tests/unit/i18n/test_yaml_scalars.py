from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.i18n.yaml_scalars import mark_translation, read_data, set_value, set_values
from aicourse_build.source.yaml_positions import Loc


def _set(text: str, loc: Loc, value: str) -> str:
    done = set_value(text, loc, value, read_data(text))
    assert done is not None
    new_text, data = done
    assert read_data(new_text) == data
    return new_text


def _get(data: Any, loc: Loc) -> Any:
    for key in loc:
        data = data[key]
    return data


def test_plain_stays_plain_and_nothing_else_moves() -> None:
    text = "# comment\nid: a\ntitle: Hej  # a note\nhint: kvar\n"
    assert _set(text, ("title",), "Hello there") == (
        "# comment\nid: a\ntitle: Hello there  # a note\nhint: kvar\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Note: read this", 'title: "Note: read this"'),
        ("#1 tip", 'title: "#1 tip"'),
        ("a tip # not a comment", 'title: "a tip # not a comment"'),
        ('Obs: "citat"', "title: 'Obs: \"citat\"'"),
        ("- not a list", 'title: "- not a list"'),
        ("null", 'title: "null"'),
        ("ends with:", 'title: "ends with:"'),
        ("yes", "title: yes"),  # the loader reads text as written
        ("1:30", "title: 1:30"),
    ],
)
def test_a_plain_value_that_needs_quotes_gets_them(value: str, written: str) -> None:
    assert _set("title: Hej\n", ("title",), value) == written + "\n"


def test_quoted_values_keep_their_quotes_and_escape_what_they_must() -> None:
    assert _set("title: 'It''s'\n", ("title",), "Don't") == "title: 'Don''t'\n"
    assert _set('title: "Say \\"hi\\""\n', ("title",), 'Säg "hej"') == ('title: "Säg \\"hej\\""\n')
    # a line break cannot be written in single quotes without changing the value's form
    assert _set("title: 'x'\n", ("title",), "two\nlines") == "title: |-\n  two\n  lines\n"


def test_literal_block_keeps_its_style_indentation_and_the_blank_lines_after_it() -> None:
    text = "text: |\n    rad ett\n    rad två\n\nname: X\n"
    assert _set(text, ("text",), "line one\nline two\nline three\n") == (
        "text: |\n    line one\n    line two\n    line three\n\nname: X\n"
    )
    # the chomping indicator follows the value's final line break
    assert _set(text, ("text",), "one line") == "text: |-\n    one line\n\nname: X\n"


def test_folded_block_is_rewrapped_to_the_width_it_had() -> None:
    text = "alt: >-\n  aaa bbb ccc\n  ddd\ncaption: C\n"
    new = _set(text, ("alt",), "one two three four five six seven")
    # no line longer than the longest one before (13 characters)
    assert new == "alt: >-\n  one two\n  three four\n  five six\n  seven\ncaption: C\n"
    paragraphs = _set(text, ("alt",), "first part\nsecond part")
    assert paragraphs == "alt: >-\n  first part\n\n  second part\ncaption: C\n"


def test_a_folded_value_it_cannot_hold_falls_back_to_another_style() -> None:
    text = "alt: >-\n  aaa bbb\ncaption: C\n"
    assert _set(text, ("alt",), "  indented") == 'alt: "  indented"\ncaption: C\n'


def test_multi_line_plain_is_rewrapped_with_its_continuation_indent() -> None:
    text = "prompt: Vad är en modell\n  och vad gör den?\nid: x\n"
    new = _set(text, ("prompt",), "What is a model and what does it do?")
    assert new == "prompt: What is a model\n  and what does it do?\nid: x\n"


def test_plain_value_with_line_breaks_becomes_a_literal_block() -> None:
    text = "questions:\n  - prompt: Hej\n    id: a\n"
    assert _set(text, ("questions", 0, "prompt"), "One\nTwo") == (
        "questions:\n  - prompt: |-\n      One\n      Two\n    id: a\n"
    )


def test_flow_mappings_quote_commas_and_braces() -> None:
    text = "choices:\n  - {id: a, text: Ett, feedback: Nej}\n"
    assert _set(text, ("choices", 0, "text"), "One, two") == (
        'choices:\n  - {id: a, text: "One, two", feedback: Nej}\n'
    )
    assert _set(text, ("choices", 0, "feedback"), "No") == (
        "choices:\n  - {id: a, text: Ett, feedback: No}\n"
    )


def test_list_items_are_set_in_place() -> None:
    text = "scale:\n  - Nej\n  - Ja\n"
    assert _set(text, ("scale", 1), "Yes") == "scale:\n  - Nej\n  - Yes\n"


def test_characters_yaml_cannot_hold_are_escaped() -> None:
    assert _set("title: x\n", ("title",), "bell\x07") == 'title: "bell\\x07"\n'


def test_an_unchanged_value_changes_nothing_and_unknown_keys_fail() -> None:
    text = "title:   'Hej'   \n"
    assert set_values(text, {("title",): "Hej"}) == (text, [])
    assert set_values(text, {("nope",): "x", ("title", 0): "y"}) == (
        text,
        [("nope",), ("title", 0)],
    )


STYLES = [
    "title: Hej\n",
    "title: 'Hej'\n",
    'title: "Hej"\n',
    "title: |\n  Hej\n",
    "title: >-\n  Hej\n",
    "list: [Hej, Då]\n",
    "list:\n  - Hej\n",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STYLES), st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_any_string_can_be_written_in_any_place(text: str, value: str) -> None:
    loc: Loc = ("title",) if text.startswith("title") else ("list", 0)
    done = set_value(text, loc, value, read_data(text))
    assert done is not None
    assert _get(read_data(done[0]), loc) == value


def test_mark_translation_goes_after_lang_or_first_in_a_file() -> None:
    bank = "# schema line\nlang: en\nquestions: []\n"
    assert mark_translation(bank, "sv", "fragor.en.yaml", "0123abcd", at_end=False) == (
        '# schema line\nlang: sv\ntranslates:\n  from: fragor.en.yaml\n  hash: "0123abcd"\n'
        "questions: []\n"
    )
    course = "# schema line\nid: kurs\ntitle: Kurs\n"
    assert mark_translation(course, "en", "course.yaml", "0123abcd", at_end=False) == (
        "# schema line\nlang: en\ntranslates:\n  from: course.yaml\n"
        '  hash: "0123abcd"\nid: kurs\ntitle: Kurs\n'
    )


def test_mark_translation_of_front_matter_goes_last() -> None:
    front = "id: start\ntitle: |\n  Start\n"
    assert mark_translation(front, "en", "start.md", "0123abcd", at_end=True) == (
        "id: start\ntitle: |\n  Start\nlang: en\n"
        'translates:\n  from: start.md\n  hash: "0123abcd"\n'
    )
    assert mark_translation("translates: {}\n", "en", "a.md", "0123abcd", at_end=True) is None


def test_text_that_only_the_pure_python_parser_reads_can_be_edited() -> None:
    # libyaml refuses a tab right after the indentation of a block scalar; YAML allows it
    text = "a:\n  role: |-\n\n    \tindented by a tab\n  name: X\n"
    assert _set(text, ("a", "name"), "Y") == text.replace("name: X", "name: Y")


def test_a_string_that_was_not_wrapped_is_wrapped_at_the_default_width() -> None:
    text = "alt: >-\n  Kort.\n"
    new = _set(text, ("alt",), " ".join(["ord"] * 40))
    assert [len(line) for line in new.split("\n")] == [7, 97, 65, 0]  # at most 100 characters
