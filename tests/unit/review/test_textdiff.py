"""Word-level differences of a page's text: marks in words, escaping, shortened context."""

from __future__ import annotations

import lxml.html

from aicourse_build.review.textdiff import CONTEXT, GAP, counts, word_diff, words


def _text(markup: str) -> str:
    return " ".join(lxml.html.fragment_fromstring(markup, create_parent="p").text_content().split())


def test_words_are_what_a_reader_sees() -> None:
    html = "<p>Hej <strong>värld</strong>!</p><ul><li>ett</li><li>två &amp; tre</li></ul>"
    assert words(html) == ["Hej", "värld!", "ett", "två", "&", "tre"]
    assert words('<figure><img src="data:image/svg+xml;base64,AAA" alt="x"></figure>') == []


def test_the_same_words_are_no_change() -> None:
    assert word_diff(["a", "b"], ["a", "b"]) is None


def test_removed_and_added_words_are_marked_in_words() -> None:
    before = ["lägg", "tid", "på", "AI", "just", "nu"]
    html = word_diff(before, [*before[:4], "redan", "i", "år"])
    assert html is not None
    assert "<del>just nu</del>" in html and "<ins>redan i år</ins>" in html
    # a label in words before each mark, visible on screen and in print, read by screen readers
    assert _text(html) == "lägg tid på AI [Borttaget: just nu] [Tillagt: redan i år]"


def test_only_an_insertion() -> None:
    html = word_diff(["a", "c"], ["a", "b", "c"])
    assert html is not None
    assert "<del>" not in html
    assert _text(html) == "a [Tillagt: b] c"


def test_long_unchanged_text_is_shortened_around_a_change() -> None:
    before = [f"w{i}" for i in range(100)]
    after = [*before[:50], "ny", *before[50:]]
    html = word_diff(before, after)
    assert html is not None
    text = _text(html)
    assert text.startswith(GAP) and text.endswith(GAP)
    shown = text.split()
    assert "w0" not in shown and "w99" not in shown
    assert shown[shown.index("[Tillagt:") - CONTEXT :][:CONTEXT] == before[50 - CONTEXT : 50]
    # a run between two changes keeps both its ends
    far = [*before[:10], "x", *before[10:60], "y", *before[60:]]
    middle = _text(word_diff(before, far) or "")
    assert f"w{10 + CONTEXT - 1} {GAP} w{60 - CONTEXT}" in middle


def test_words_are_escaped() -> None:
    html = word_diff(["<b>"], ["<script>x</script>"])
    assert html is not None
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_counts() -> None:
    assert counts(["a", "b", "c"], ["a", "x", "y", "c"]) == (1, 2)
    assert counts(["a"], ["a"]) == (0, 0)
