"""'Did you mean' hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return None


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    options = sorted(set(candidates))
    shown = ", ".join(options[:limit])
    return shown + (", ..." if len(options) > limit else "")
