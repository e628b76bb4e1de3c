"""The UI strings: complete in Swedish and English, and the only source of text a learner meets.

The templates of every theme and the runtime's JavaScript are scanned: every key they use must
exist, and neither may write text of its own (visible text, aria-label, title, alt, live-region
messages) that would then be in one language only.
"""

from __future__ import annotations

import json
import re
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aicourse_build.model.blocks import CalloutBlock
from aicourse_build.render.strings import (
    STRING_FILES,
    known_keys,
    placeholders,
    strings_file,
    strings_for,
    ui_languages,
    unknown_placeholders,
)

REPO = Path(__file__).resolve().parents[3]
SRC = REPO / "src" / "aicourse_build"
TEMPLATES = sorted((REPO / "themes").glob("*/templates/**/*.j2"))
RUNTIME_JS = sorted((SRC / "runtime").glob("**/*.js"))
LETTER = re.compile(r"[^\W\d_]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Attributes whose value a learner or a screen reader meets.
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder", "label"}


def _file_ids() -> list[str]:
    return ["/".join(parts) for parts in STRING_FILES]


@pytest.mark.parametrize("parts", STRING_FILES, ids=_file_ids())
def test_swedish_and_english_have_the_same_keys_and_no_blank_text(
    parts: tuple[str, str],
) -> None:
    data = strings_file(*parts)
    assert set(data) == {"sv", "en"}
    assert sorted(data["sv"]) == sorted(data["en"])
    blank = [(lang, k) for lang, texts in data.items() for k, v in texts.items() if not v.strip()]
    assert blank == []


@pytest.mark.parametrize("parts", STRING_FILES, ids=_file_ids())
def test_both_languages_fill_in_the_same_placeholders(parts: tuple[str, str]) -> None:
    data = strings_file(*parts)
    differ = [
        key
        for key in data["sv"]
        if set(PLACEHOLDER.findall(data["sv"][key])) != set(PLACEHOLDER.findall(data["en"][key]))
    ]
    assert differ == []


def test_no_key_is_in_both_files() -> None:
    """strings_for merges the files: a key in both would hide one of its texts."""
    runtime, render = (set(strings_file(*parts)["sv"]) for parts in STRING_FILES)
    assert runtime & render == set()


# --- the templates ----------------------------------------------------------------------------

_KEY_USE = re.compile(r"\bs\.(\w+)|\bs\[\s*['\"](\w+)['\"]\s*\]")
_PREFIX_USE = re.compile(r"\bs\[\s*['\"](\w+)['\"]\s*~")
_ANY_USE = re.compile(r"\bs\s*[.\[]")


def _template_keys(text: str) -> tuple[set[str], set[str]]:
    """(keys used as such, prefixes of keys composed at render time) of one template."""
    keys = {a or b for a, b in _KEY_USE.findall(text)}
    return keys, set(_PREFIX_USE.findall(text))


def test_every_key_a_template_uses_exists() -> None:
    assert len(TEMPLATES) >= 10
    missing = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        keys, prefixes = _template_keys(text)
        # every use of `s` is one the scan understands, so none escapes the check
        understood = len(_KEY_USE.findall(text)) + len(_PREFIX_USE.findall(text))
        assert len(_ANY_USE.findall(text)) == understood, path
        missing += [f"{path.name}: {k}" for k in sorted(keys - known_keys())]
        for prefix in prefixes:
            assert prefix == "callout_", f"{path.name}: s['{prefix}' ~ ...] is not checked"
            styles = typing.get_args(CalloutBlock.model_fields["style"].annotation)
            missing += [
                f"{path.name}: {prefix}{s}" for s in styles if prefix + s not in known_keys()
            ]
    assert missing == []


def test_the_scan_finds_each_kind_of_use() -> None:
    keys, prefixes = _template_keys("{{ s.next }} {{ s['true'] }} {{ s['callout_' ~ style] }}")
    assert keys == {"next", "true"}
    assert prefixes == {"callout_"}


class _TextFinder(HTMLParser):
    """Text a template writes itself: text nodes and text attributes, Jinja removed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag in ("script", "style")
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and LETTER.search(value):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if not self.in_script and LETTER.search(data):
            self.found.append(data.strip())


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def hard_coded_text(template: str) -> list[str]:
    finder = _TextFinder()
    finder.feed(_JINJA.sub("", template))
    return finder.found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(REPO / "themes")))
def test_templates_write_no_text_of_their_own(path: Path) -> None:
    assert hard_coded_text(path.read_text(encoding="utf-8")) == []


def test_the_text_finder_sees_text_and_text_attributes() -> None:
    template = '<p>{{ s.x }} Hej</p><img alt="Logo" src="a.svg"><b aria-label="{{ s.y }}">,</b>'
    assert hard_coded_text(template) == ["Hej", "<img alt='Logo'>"]


# --- the runtime ------------------------------------------------------------------------------

_T_CALL = re.compile(r"\bAC\.t\(")
_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")
# Where JavaScript puts text in front of the learner: DOM text, text attributes, the title, the
# live region, and the runtime's own helpers that take a text (make/add/notice/stop).
_TEXT_SINK = re.compile(
    r"(?:textContent\s*=|createTextNode\(|document\.title\s*=|AC\.announce\(|\bnotice\(|\bstop\("
    r"|setAttribute\(\s*'(?:aria-label|aria-valuetext|title|alt|placeholder)'\s*,"
    r"|\b(?:make|add)\(\s*'\w+'\s*,\s*(?:'[^']*'|\w+)\s*,)"
    r"([^;\n]*)"
)


def _first_argument(source: str, start: int) -> str:
    """The text of a call's first argument, from just after its '('."""
    depth = 0
    for i in range(start, len(source)):
        char = source[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return source[start:i]
            depth -= 1
        elif char == "," and depth == 0:
            return source[start:i]
    raise AssertionError("unclosed call")


def runtime_keys(source: str) -> set[str]:
    """Keys passed to AC.t. Each first argument is a literal or `condition ? 'a' : 'b'`: a key
    computed any other way could not be checked."""
    keys: set[str] = set()
    for match in _T_CALL.finditer(source):
        argument = _first_argument(source, match.end())
        choices = argument.split("?", 1)[-1]
        literals = _LITERAL.findall(choices)
        assert literals and re.fullmatch(r"[\s?:]*", _LITERAL.sub("", choices)), (
            f"AC.t({argument}): a computed key cannot be checked; pick among literal keys"
        )
        keys.update(literals)
    return keys


def test_every_key_the_runtime_uses_exists_in_both_languages() -> None:
    runtime = strings_file("runtime", "strings.json")
    used: set[str] = set()
    for path in RUNTIME_JS:
        used |= runtime_keys(path.read_text(encoding="utf-8"))
    assert len(used) >= 20
    for lang in ("sv", "en"):
        assert used - set(runtime[lang]) == set(), lang
    # and runtime/strings.json holds nothing the runtime does not use
    assert set(runtime["sv"]) - used == set()


def test_the_key_scan_reads_conditions_and_refuses_computed_keys() -> None:
    assert runtime_keys("AC.t(ok ? 'correct' : 'incorrect'); AC.t('next', {n: 1})") == {
        "correct",
        "incorrect",
        "next",
    }
    with pytest.raises(AssertionError, match="computed key"):
        runtime_keys("AC.t('quiz' + kind)")


def hard_coded_runtime_text(source: str) -> list[str]:
    found = []
    for match in _TEXT_SINK.finditer(source):
        expression = match.group(1)
        for call in list(_T_CALL.finditer(expression))[::-1]:
            end = call.end() + len(_first_argument(expression, call.end()))
            expression = expression[: call.start()] + expression[end:]
        for literal in _LITERAL.findall(expression):
            text = re.sub(r"\\u[0-9a-fA-F]{4}", "", literal)
            if LETTER.search(text):
                found.append(literal)
    return found


@pytest.mark.parametrize("path", RUNTIME_JS, ids=lambda p: p.name)
def test_the_runtime_shows_no_text_of_its_own(path: Path) -> None:
    assert hard_coded_runtime_text(path.read_text(encoding="utf-8")) == []


def test_the_runtime_text_scan_sees_literals_outside_ac_t() -> None:
    source = (
        "el.textContent = 'Klart';\n"
        "bar.setAttribute('aria-label', AC.t('progressLabel'));\n"
        "make('span', 'visually-hidden', ' (' + AC.t('visited') + ')');\n"
        "AC.announce('Saved ' + AC.t('x'));\n"
        "icon.textContent = ok ? '\\u2713' : '\\u2717';\n"
    )
    assert hard_coded_runtime_text(source) == ["Klart", "Saved "]


def test_runtime_strings_json_is_what_the_node_tests_read() -> None:
    data = json.loads((SRC / "runtime" / "strings.json").read_text(encoding="utf-8"))
    assert data == strings_file("runtime", "strings.json")


# --- lookups ----------------------------------------------------------------------------------


def test_strings_for_merges_both_files_falls_back_to_swedish_and_applies_overrides() -> None:
    english = strings_for("en")
    assert english["next"] == "Next" and english["quizResult"].startswith("You got")
    assert strings_for("fi")["next"] == "Nästa"
    assert strings_for("en", {"next": "Onwards"})["next"] == "Onwards"
    assert set(strings_for("sv")) == known_keys()


def test_languages_and_placeholders() -> None:
    assert ui_languages() == {"sv", "en"}
    assert placeholders("progressText") == {"percent", "minutes"}
    assert placeholders("next") == frozenset()
    assert unknown_placeholders("progressText", "{percent} {procent} {x}") == ["procent", "x"]
