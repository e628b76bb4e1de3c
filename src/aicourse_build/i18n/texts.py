"""Which strings of a manuscript are texts for people, and so units for a translator.

A pattern is a key path: keys, "*" for every item of a list or every key of a mapping, and a
last "**" for every key at any depth below. A pattern that names a list of strings makes each
item a text; one that names a mapping, each text in it that a pattern names. Whatever no pattern
names is data that a translation keeps as in its original: ids, file names, URLs, styles,
conditions, tags, answers, numbers and settings.
"""

from __future__ import annotations

from typing import Any

from aicourse_build.model.course import TRANSLATED_TEXTS
from aicourse_build.model.profile import PROFILE_TEXTS as PROFILE_TEXT_PATTERNS
from aicourse_build.source.yaml_positions import Loc

Pattern = tuple[str, ...]

# What a question says, inline in a quiz or in a question bank.
QUESTION_TEXTS: tuple[Pattern, ...] = (
    ("prompt",),
    ("choices", "*", "text"),
    ("choices", "*", "feedback"),
    ("prompts", "*", "text"),
    ("feedback", "correct"),
    ("feedback", "incorrect"),
)


def _questions() -> tuple[Pattern, ...]:
    return tuple(("questions", "*", *pattern) for pattern in QUESTION_TEXTS)


# The texts of a page's front matter, of each block type (keys of the block's body) and of a
# question bank. A quote's `name` is a text: it is often a role ("En enhetschef"); a real name is
# simply left as it is by the translator. Transcripts and captions given as files (`src`,
# `transcript_src`) are translated as files, not here.
PAGE_TEXTS: tuple[Pattern, ...] = (("title",),)
BLOCK_TEXTS: dict[str, tuple[Pattern, ...]] = {
    "text": (("body",),),  # a whole run of Markdown between blocks is one text
    "image": (("alt",), ("caption",)),
    "video": (("title",), ("transcript",)),
    "callout": (("title",), ("text",)),
    "quote": (("text",), ("name",), ("role",)),
    "quiz": (("title",), ("intro",), *_questions()),
    "reflection": (("prompt",), ("hint",)),
    "survey": (
        ("title",),
        ("intro",),
        ("scale", "*"),
        ("items", "*", "text"),
        ("comment", "prompt"),
    ),
    "group": (("prompt",), ("options", "*", "label")),
    "contacts": (("title",), ("text",)),
    "offline": (("title",), ("text",), ("where",), ("when",)),
}
BANK_TEXTS: tuple[Pattern, ...] = _questions()
# course.yaml: its translations (course.<lang>.yaml) may differ from it in these and nothing else
COURSE_TEXTS: tuple[Pattern, ...] = TRANSLATED_TEXTS
# a profile: its title, text variables and contacts' words (profiles/<name>.<lang>.yaml has these
# and nothing else)
PROFILE_TEXTS: tuple[Pattern, ...] = PROFILE_TEXT_PATTERNS

# The string fields of the models that are deliberately not texts, so that every string field is
# either above or here (a test keeps the two lists complete and apart).
DATA_FIELDS: dict[str, tuple[Pattern, ...]] = {
    "page": (
        ("id",),
        ("lang",),
        ("translates", "from"),
        ("translates", "hash"),
        # marks of facts to confirm: each language file marks its own words (confirm.py)
        *(("confirm", "*", key) for key in ("who", "text", "key", "file", "note")),
    ),
    "image": (("src",),),
    "video": (
        ("id",),
        ("src",),
        ("sources", "*"),
        ("url",),
        ("captions", "*", "src"),
        ("captions", "*", "lang"),
        ("transcript_src",),
        ("duration",),
        ("poster",),
    ),
    "callout": (("style",),),
    "quiz": (("id",), ("bank",), ("feedback",), ("measures",)),
    "reflection": (("id",),),
    "survey": (("id",), ("items", "*", "id"), ("comment", "id")),
    "group": (("id",), ("kind",), ("options", "*", "id")),
    "contacts": (("show", "*"),),
    "offline": (("id",),),
    "question": (
        ("id",),
        ("type",),
        ("choices", "*", "id"),
        ("prompts", "*", "id"),
        ("answer",),
        ("answer", "*"),
    ),
    "bank": (("lang",), ("translates", "from"), ("translates", "hash")),
    "profile-translation": (("lang",), ("translates", "from"), ("translates", "hash")),
    "conditions": (("only", "*"), ("except", "*"), ("tags", "*")),
}

# Part of no unit id: question ids are unique within their quiz or bank on their own.
_SILENT_KEYS = ("questions",)


def _matches(pattern: Pattern, loc: Loc) -> bool:
    if pattern[-1:] == ("**",):
        head = pattern[:-1]
        return len(loc) > len(head) and _matches(head, loc[: len(head)])
    return len(pattern) == len(loc) and all(
        part == "*" or part == str(key) for part, key in zip(pattern, loc, strict=True)
    )


def is_text(loc: Loc, patterns: tuple[Pattern, ...]) -> bool:
    return any(_matches(pattern, loc) for pattern in patterns)


def text_locs(data: Any, patterns: tuple[Pattern, ...], loc: Loc = ()) -> list[Loc]:
    """Key paths of the texts in `data`, in the order they are written."""
    if is_text(loc, patterns):
        if isinstance(data, str):
            return [loc]
        if isinstance(data, list):
            return [(*loc, i) for i, item in enumerate(data) if isinstance(item, str)]
        if not isinstance(data, dict):
            return []
    items: list[tuple[str | int, Any]]
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return []
    found: list[Loc] = []
    for key, value in items:
        found += text_locs(value, patterns, (*loc, key))
    return found


def unit_key(data: Any, loc: Loc) -> str:
    """A readable, stable name for the text at `loc`: list items by their id where they have one.

    `("questions", 0, "choices", 1, "text")` becomes `model.choices.b.text`; items without an id
    are counted from 1 (`scale.2`).
    """
    parts: list[str] = []
    node = data
    for position, key in enumerate(loc):
        if isinstance(key, int):
            item = node[key]
            item_id = item.get("id") if isinstance(item, dict) else None
            parts.append(item_id if isinstance(item_id, str) else str(key + 1))
        elif not (key in _SILENT_KEYS and position + 1 < len(loc)):
            parts.append(key)
        node = node[key]
    return ".".join(parts)


TEXT = "\x00text"  # what a text becomes in a skeleton


def skeleton(data: Any, patterns: tuple[Pattern, ...], loc: Loc = ()) -> Any:
    """`data` with every text replaced by one marker: what must match between translations."""
    if is_text(loc, patterns) and not isinstance(data, dict):
        return TEXT
    if isinstance(data, dict):
        return {key: skeleton(value, patterns, (*loc, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [skeleton(value, patterns, (*loc, i)) for i, value in enumerate(data)]
    return data


def texts_only(shape: Any) -> Any:
    """A skeleton cut down to its texts: the shape of a file that holds texts and nothing else
    (None when `shape` has no text)."""
    if shape == TEXT:
        return TEXT
    if isinstance(shape, dict):
        kept = {key: texts_only(value) for key, value in shape.items()}
        return {key: value for key, value in kept.items() if value is not None} or None
    return None
