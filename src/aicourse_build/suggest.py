"""'Did you mean' hints."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        # `alt_text` for `alt`, `email_address` for `email`: a known word with a suffix
        parts = re.split(r"[_\-. ]", word.lower())
        close = [o for o in options if o.lower() in parts[:1]]
    if close:
        return f"did you mean '{close[0]}'?"
    return None


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    options = sorted(set(candidates))
    shown = ", ".join(options[:limit])
    return shown + (", ..." if len(options) > limit else "")
