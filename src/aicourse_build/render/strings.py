"""The UI strings a learner meets: the runtime's and the templates', per language.

Two files hold them: `runtime/strings.json` (what the JavaScript shows and announces) and
`render/strings.json` (what the theme templates write). Both list every key in Swedish and in
English; a profile may override any key per language (`strings:` in the profile).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

FALLBACK_LANGUAGE = "sv"
STRING_FILES = (("runtime", "strings.json"), ("render", "strings.json"))
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def strings_file(*parts: str) -> dict[str, dict[str, str]]:
    """One strings file: {language: {key: text}}."""
    text = resources.files("aicourse_build").joinpath(*parts).read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


@cache
def known_keys() -> frozenset[str]:
    """Every key a template or the runtime uses (the keys a profile may override)."""
    return frozenset(
        key for parts in STRING_FILES for texts in strings_file(*parts).values() for key in texts
    )


@cache
def placeholders(key: str) -> frozenset[str]:
    """The {names} the default texts of `key` contain: what the runtime fills in."""
    names: set[str] = set()
    for parts in STRING_FILES:
        for texts in strings_file(*parts).values():
            names.update(_PLACEHOLDER.findall(texts.get(key, "")))
    return frozenset(names)


def ui_languages() -> frozenset[str]:
    """The languages every strings file has."""
    found = [frozenset(strings_file(*parts)) for parts in STRING_FILES]
    return frozenset.intersection(*found)


def unknown_placeholders(key: str, text: str) -> list[str]:
    """The {names} in `text` that the runtime would show as written for `key`."""
    return sorted(set(_PLACEHOLDER.findall(text)) - placeholders(key))


def strings_for(lang: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every UI string in `lang` (Swedish where a language has none), then the overrides."""
    merged: dict[str, str] = {}
    for parts in STRING_FILES:
        source = strings_file(*parts)
        merged.update(source.get(FALLBACK_LANGUAGE, {}))
        merged.update(source.get(lang, {}))
    merged.update(overrides or {})
    return merged
