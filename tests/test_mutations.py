"""Property: however the default course is damaged, `check` only ever reports diagnostics."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aicourse_build.diagnostics import Report, format_json, format_text
from aicourse_build.pipeline import check_course_dir

COURSE = Path(__file__).resolve().parent.parent / "content" / "introduktionsutbildning"
DOCS = (Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md").read_text()
DOCUMENTED = set(re.findall(r"^### (AIC\d{3})", DOCS, re.MULTILINE))
TEXT_FILES = sorted(
    p.relative_to(COURSE).as_posix() for p in COURSE.rglob("*") if p.suffix in (".yaml", ".md")
)
NASTY = [
    "\t",
    ":",
    ": ",
    "---",
    "```",
    "```quiz",
    "{{",
    "}}",
    "{{ x }}",
    "- ",
    "\x00",
    "\ufffd",
    "&a",
    "*a",
    "[",
    "]",
    "{",
    "'",
    '"',
    "\n",
    "::: only",
    ":::",
    "<script>",
    "é",
    "#",
]


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("mutations") / "course"
    shutil.copytree(COURSE, target)
    yield target


def _mutate(data: bytes, kind: str, a: int, b: int, payload: bytes) -> bytes:
    lines = data.split(b"\n")
    i, j = a % len(lines), b % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "swap-values":
        left, right = lines[i].partition(b": "), lines[j].partition(b": ")
        if left[1] and right[1]:
            lines[i], lines[j] = left[0] + b": " + right[2], right[0] + b": " + left[2]
    elif kind == "insert":
        position = a % (len(data) + 1)
        return data[:position] + payload + data[position:]
    elif kind == "truncate":
        return data[: a % (len(data) + 1)]
    return b"\n".join(lines)


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(TEXT_FILES),
    kind=st.sampled_from(
        ["delete", "duplicate", "swap-lines", "swap-values", "insert", "truncate"]
    ),
    a=st.integers(min_value=0, max_value=10_000),
    b=st.integers(min_value=0, max_value=10_000),
    payload=st.one_of(
        st.binary(min_size=1, max_size=8), st.sampled_from(NASTY).map(lambda s: s.encode())
    ),
)
def test_mutations_only_produce_diagnostics(
    course_copy: Path, name: str, kind: str, a: int, b: int, payload: bytes
) -> None:
    path = course_copy / name
    original = (COURSE / name).read_bytes()
    path.write_bytes(_mutate(original, kind, a, b, payload))
    try:
        report = Report()
        check_course_dir(course_copy, report)  # must not raise
        for diagnostic in report.sorted():
            assert diagnostic.code in DOCUMENTED, diagnostic
            assert diagnostic.span.line >= 1 and diagnostic.span.col >= 1, diagnostic
            format_text(diagnostic)
            format_json(diagnostic)
    finally:
        path.write_bytes(original)
