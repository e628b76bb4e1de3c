"""The Swedish of the report: numbers as a Swedish reader writes them, and why a figure is hidden.

The HTML writes a decimal comma, a non-breaking space before "%" and between thousands, and a
real minus sign; the CSV files write what Swedish Excel parses as a number (decimal comma, no
thousands separator, an ASCII minus), see tables.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
MINUS = "\u2212"
HIDDEN = "–"  # a figure hidden by disclosure control, always with a note saying why
MISSING = ".."  # a figure that could not be computed (no data); Statistics Sweden's sign for it

_FEWER = re.compile(r"fewer than (\d+)")

# What a reason of disclosure control (results/disclose.py) means, said to a reader: briefly (a
# CSV column), and why it matters (a note in the HTML).
_REASONS = {
    "complementary": (
        "skyddar ett annat dolt värde",
        "för att ett annat dolt värde inte ska gå att räkna fram ur summor och totaler",
    ),
}

# The flags of a question (results/measure.py) and how the report names and explains them.
FLAGS = {
    "already known": (
        "Redan känd",
        "de flesta svarade rätt redan före kursen, så frågan visar inte vad kursen lär ut",
    ),
    "not learned": (
        "Inte lärd",
        "andelen rätt blev inte bättre efter kursen; innehållet eller frågan kan behöva ses över",
    ),
}


def reason_text(reason: str, long: bool = True) -> str:
    """A reason code ("fewer than 5", "complementary") in the reader's words."""
    code = reason.strip()
    found = _FEWER.fullmatch(code)
    if found:
        short = f"färre än {found[1]} deltagare"
        return f"{short}, så att ingen enskild kan kännas igen" if long else short
    if code in _REASONS:
        return _REASONS[code][1 if long else 0]
    return code or "dolt"


def flag_label(flag: str) -> str:
    return FLAGS[flag][0] if flag in FLAGS else flag


# Why a figure has no value though nothing hid it (results/measure.py), said to a reader.
_MISSING = {
    "no variation": "alla förändrades lika mycket, så det finns ingen spridning att räkna med",
    "fewer than 2": "färre än 2 deltagare",
    "pre-test mean is 100": "alla hade allt rätt redan före kursen",
    "no source gave time": "ingen källa angav tiden",
}


def missing_text(reason: str, long: bool = True) -> str:
    """Why a figure could not be computed ("fewer than 100", "no variation")."""
    code = reason.strip()
    found = _FEWER.fullmatch(code)
    if found:
        short = f"färre än {found[1]} deltagare"
        return f"{short}, för få för ett säkert värde" if long else short
    return _MISSING.get(code, code)


# The reasons results/measure.py and results/ingest/ give for input they read but did not use,
# and the kinds of source results/run.py names; an unknown one is shown as it is.
_EXCLUSIONS = {
    "learner has not started the course": "deltagaren hade inte börjat kursen",
    "another version of the package": "en annan version av kurspaketet",
    "a later LMS attempt (the first one is used)": (
        "ett senare försök i lärplattformen (det första används)"
    ),
    "statement about an activity not in this course (or another version)": (
        "xAPI-uttryck om något som inte finns i den här kursen (eller versionen)"
    ),
    "statement of the course that no figure uses (launched, initialized)": (
        "xAPI-uttryck om kursen som inget värde bygger på (startad, påbörjad)"
    ),
    "statement voided in the LRS (its facts removed)": "xAPI-uttryck som har makulerats i LRS:en",
    "post-test without a pre-test": "eftertest utan förtest (kan inte jämföras)",
    "pre-test without a post-test, not paired": "förtest utan eftertest (kan inte jämföras)",
}
_SOURCES = {
    "LMS report download": "nedladdad rapport från lärplattformen",
    "xAPI statements": "fil med xAPI-uttryck",
    "LRS": "LRS (xAPI)",
}


def exclusion_text(reason: str) -> str:
    for code, words in _EXCLUSIONS.items():
        if reason.startswith(code):  # "another version of the package (1.1)"
            return words + reason[len(code) :]
    return reason


def source_text(source: str) -> str:
    """ "2 × LMS report download" -> "2 × nedladdad rapport från lärplattformen"."""
    count, sep, kind = source.rpartition(" × ")
    return f"{count}{sep}{_SOURCES.get(kind, kind)}"


def number(value: float, decimals: int = 0) -> str:
    """1234.5 -> "1 234,5"; -0.25 -> "−0,25" (Swedish: decimal comma, space between thousands)."""
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    negative = round(value, decimals) < 0
    return f"{MINUS}{text}" if negative else text


def count(value: float) -> str:
    return number(value, 0)


def percent(value: float) -> str:
    """A value that is already a percentage (a test score, 0..100)."""
    return f"{number(value, 1)}{NBSP}%"


def share(value: float) -> str:
    """A share 0..1 as a whole percentage."""
    return f"{number(100 * value, 0)}{NBSP}%"


def ratio(value: float) -> str:
    """A normalized gain, an effect size, a correlation: two decimals."""
    return number(value, 2)


def mean(value: float) -> str:
    """The mean step of a survey scale."""
    return number(value, 1)


def minutes(value: float) -> str:
    return f"{number(value, 1)}{NBSP}min"


FORMATS: dict[str, Callable[[float], str]] = {
    "count": count,
    "percent": percent,
    "share": share,
    "ratio": ratio,
    "mean": mean,
    "minutes": minutes,
}


def csv_number(value: float, fmt: str) -> str:
    """A number as Swedish Excel reads it: decimal comma, no separator, "-" for minus; shares
    as percentages, as the column headings say."""
    if fmt == "share":
        value = 100 * value
    decimals = {"count": 0, "percent": 1, "share": 1, "ratio": 2, "mean": 2, "minutes": 1}[fmt]
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:  # "-0,0" would read as a change
        text = text[1:]
    return text.replace(".", ",")
