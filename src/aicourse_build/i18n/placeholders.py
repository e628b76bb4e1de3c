"""The `{{ variables }}` of a text, which a translation keeps: XLIFF carries them as placeholders.

A variable is found as the build finds it (`variables.VARIABLE`), so every text the build fills in
is a placeholder for the translator, and nothing else is. Two variables are the same when they
name the same thing, however they are spaced (`{{x}}` is `{{ x }}`).
"""

from __future__ import annotations

from collections import Counter

from aicourse_build.variables import VARIABLE


def pieces(text: str) -> list[tuple[str, bool]]:
    """The text cut into its runs of plain text and its variables, in order, each with whether
    it is a variable; nothing is lost (joining the runs gives the text back)."""
    found: list[tuple[str, bool]] = []
    start = 0
    for match in VARIABLE.finditer(text):
        if match.start() > start:
            found.append((text[start : match.start()], False))
        found.append((match[0], True))
        start = match.end()
    if start < len(text):
        found.append((text[start:], False))
    return found


def variables(text: str) -> list[str]:
    """The variables of the text as written, in order."""
    return [match[0] for match in VARIABLE.finditer(text)]


def is_variable(text: str) -> bool:
    return VARIABLE.fullmatch(text) is not None


def code_ids(source: str, target: str | None) -> tuple[list[str], list[str]]:
    """An inline code id for each variable of the source (1, 2, ...) and of the target.

    A variable in the target is the same code as in the source: its n-th `{{ x }}` takes the id
    of the source's n-th `{{ x }}` written alike, so a translation tool sees them as one
    placeholder moved. Those the source does not have get ids of their own.
    """
    in_source = variables(source)
    source_ids = [str(n) for n in range(1, len(in_source) + 1)]
    free: dict[str, list[str]] = {}
    for literal, code in zip(in_source, source_ids, strict=True):
        free.setdefault(literal, []).append(code)
    target_ids: list[str] = []
    extra = len(in_source)
    for literal in variables(target or ""):
        same = free.get(literal)
        if same:
            target_ids.append(same.pop(0))
        else:
            extra += 1
            target_ids.append(str(extra))
    return source_ids, target_ids


def _name(literal: str) -> str:
    match = VARIABLE.fullmatch(literal)
    return match[1] if match else literal


def _shown(name: str, times: int) -> str:
    shown = "{{ " + name + " }}"
    return {1: shown, 2: f"{shown} twice"}.get(times, f"{shown} {times} times")


def difference(source: str, target: str) -> str | None:
    """What the target does with the source's variables, when it does not keep each of them as
    often as the source has it: `drops {{ a }} and adds {{ b }}`; None when it does."""
    wanted = Counter(_name(v) for v in variables(source))
    found = Counter(_name(v) for v in variables(target))
    dropped = [_shown(name, n) for name, n in (wanted - found).items()]
    added = [_shown(name, n) for name, n in (found - wanted).items()]
    said = []
    if dropped:
        said.append("drops " + ", ".join(dropped))
    if added:
        said.append("adds " + ", ".join(added))
    return " and ".join(said) or None
