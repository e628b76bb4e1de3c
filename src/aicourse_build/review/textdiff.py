"""What changed in a page's text, word by word, for readers who approve content.

Both texts come through the same rendering (the review's templates, or both sides' packages),
reduced to words, so markup that reads the same is no change here. Deleted
and inserted words are <del> and <ins>, each with a visible label in words: screen readers do
not announce <del>/<ins> by default, and a struck-through line alone relies on its look. Long
unchanged passages are shortened to their ends so the reader sees where a change stands.
"""

from __future__ import annotations

import difflib
import html
import re

from markupsafe import Markup, escape

CONTEXT = 8  # unchanged words kept on each side of a change
GAP = "…"

# elements that end a line of text: their tags become spaces, so words on both sides never join
_BREAKING = re.compile(
    r"</?(?:p|li|h[1-6]|td|th|tr|dt|dd|div|blockquote|figcaption|figure|section|aside|table|"
    r"ul|ol|dl|details|summary|footer|br)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def words(markup: str) -> list[str]:
    """The words of an HTML fragment as a reader sees them (tags gone, entities read)."""
    text = _TAG.sub("", _BREAKING.sub(" ", markup))
    return html.unescape(text).split()


def _deleted(part: list[str]) -> str:
    return (
        '<span class="diff-label">[Borttaget:</span> <del>'
        f'{escape(" ".join(part))}</del><span class="diff-label">]</span>'
    )


def _inserted(part: list[str]) -> str:
    return (
        '<span class="diff-label">[Tillagt:</span> <ins>'
        f'{escape(" ".join(part))}</ins><span class="diff-label">]</span>'
    )


def _unchanged(part: list[str], first: bool, last: bool) -> str:
    """An unchanged run, shortened: its end before a change, its start after one."""
    if first and last:
        return escape(" ".join(part))
    if first:
        kept = part[-CONTEXT:]
        return (GAP + " " if len(part) > CONTEXT else "") + str(escape(" ".join(kept)))
    if last:
        kept = part[:CONTEXT]
        return str(escape(" ".join(kept))) + (" " + GAP if len(part) > CONTEXT else "")
    if len(part) <= 2 * CONTEXT + 1:
        return escape(" ".join(part))
    return f"{escape(' '.join(part[:CONTEXT]))} {GAP} {escape(' '.join(part[-CONTEXT:]))}"


def word_diff(old: list[str], new: list[str]) -> Markup | None:
    """The new text with what was removed and added marked; None when the words are the same."""
    if old == new:
        return None
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    codes = matcher.get_opcodes()
    parts: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            parts.append(_unchanged(old[i1:i2], n == 0, n == len(codes) - 1))
            continue
        if tag in ("delete", "replace"):
            parts.append(_deleted(old[i1:i2]))
        if tag in ("insert", "replace"):
            parts.append(_inserted(new[j1:j2]))
    return Markup(" ".join(str(p) for p in parts))


def counts(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many words were removed and how many added."""
    removed = added = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return removed, added
