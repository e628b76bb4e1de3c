"""One canonical form of a response, whatever the source wrote, so answers compare.

SCORM 1.2 writes `a,b`, `t`/`f`, `data.c,bias.d`; SCORM 2004 and xAPI write `a[,]b`, `true`,
`data[.]c[,]bias[.]d`. Canonical: choice ids comma-separated (sorted for a set: multiple choice,
matching pairs sorted by prompt), `true`/`false`, an ordering in its order. The SQL that maps
statements (results/ingest/statements.py) applies the same rule; a test keeps the two alike.
"""

from __future__ import annotations

_TRUTH = {"t": "true", "f": "false", "true": "true", "false": "false", "1": "true", "0": "false"}


def canonical(question_type: str, raw: str) -> str:
    text = raw.replace("[,]", ",").replace("[.]", ".").strip()
    if question_type in ("multiple", "matching"):
        return ",".join(sorted(part.strip() for part in text.split(",") if part.strip()))
    if question_type == "truefalse":
        return _TRUTH.get(text.lower(), text.lower())
    return text
