"""Short, stable keys for the resume state.

The runtime stores progress under three-character keys derived from authored ids, never under
positions, so saved progress survives reordering and edits. A key depends only on its id (and,
in the rare case of a clash, on the ids that sort before it), so adding or removing other content
does not change it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KEY_LENGTH = 3
SPACE = len(ALPHABET) ** KEY_LENGTH


def _candidate(element_id: str, salt: int) -> str:
    digest = hashlib.sha256(f"{salt}:{element_id}".encode()).digest()
    number = int.from_bytes(digest[:8], "big") % SPACE
    chars = []
    for _ in range(KEY_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def assign_keys(ids: Iterable[str]) -> dict[str, str]:
    """A unique key per id; clashes are settled in id order by trying the next salt."""
    taken: set[str] = set()
    keys: dict[str, str] = {}
    for element_id in sorted(set(ids)):
        salt = 0
        key = _candidate(element_id, salt)
        while key in taken:
            salt += 1
            key = _candidate(element_id, salt)
        taken.add(key)
        keys[element_id] = key
    return keys
