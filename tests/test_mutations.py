"""Property: however any input of a course is damaged, `check` only ever reports documented
diagnostics, and the invariant of tests/test_invariant.py holds (a clean check builds, reviews and
previews; a check with errors writes nothing).

Every kind of file a course reads is mutated: its YAML and Markdown, its media (SVG, WebM video,
WebVTT captions, Markdown transcripts) and the files of its themes (theme.yaml, Jinja templates,
static CSS and SVG). The catalogue of mutations here is also what test_invariant.py draws from.
"""

from __future__ import annotations

import importlib.util
import itertools
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from aicourse_build.source.files import MAX_TEXT_BYTES
from aicourse_build.source.media_types import media_type
from aicourse_build.source.theme_source import MAX_STATIC_BYTES

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
COURSE = REPO / "content" / "introduktionsutbildning"
THEMES = REPO / "themes"


def _invariant() -> ModuleType:
    """test_invariant.py, loaded by its path: under --import-mode=importlib the tests folder is
    no package on sys.path. Loaded when first needed, because it loads this file in turn."""
    name = "aicourse_invariant_property"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / "test_invariant.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# Text that trips YAML, Markdown, the container syntax and variable substitution.
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
# What an SVG may not hold: scripts, handlers, embedded HTML, fetches from elsewhere. Elements go
# after a start tag, attributes into one, so that most of them still parse and reach the checks.
SVG_ELEMENTS = [
    "<script>alert(1)</script>",
    '<script href="http://x/a.js"/>',
    "<foreignObject><div>x</div></foreignObject>",
    '<a href="http://x"><text>x</text></a>',
    '<image href="http://x/a.png" width="1" height="1"/>',
    '<use href="http://x#a"/>',
    "<style>@import url(http://x/a.css);</style>",
    '<set attributeName="onclick" to="alert(1)"/>',
]
SVG_ATTRIBUTES = [
    ' onload="alert(1)"',
    ' onclick="x()"',
    ' href="http://x"',
    ' style="fill:url(http://x#a)"',
    ' xmlns:xl="http://www.w3.org/1999/xlink" xl:href="javascript:alert(1)"',
]
# Template lines a shared theme might carry: the sandbox escape of the Jinja documentation,
# broken syntax, names the renderer does not pass, markup that runs, recursion.
JINJA = [
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.system('true') }}",
    "{{ ''.__class__.__mro__ }}",
    "{% if %}",
    "{% for x in %}{% endfor %}",
    "{{ undefined_name }}",
    "{{ s.no_such_string }}",
    "<script>x</script>",
    "{{ config_json }}",
    '{% include "blocks/nope.html.j2" %}',
    '{% extends "index.html.j2" %}',
    "{% raw %}",
    '<p id="main">x</p>',
    "{{ course.title | safe }}",
]
CSS = [
    "@import url(http://x/a.css);",
    "body { background: url(http://x/a.png) }",
    "body { background: url(nope.png) }",
    "body { behavior: url(x.htc) }",
    "}",
    "/*",
    "\\",
]
CONFIG = b"{{ config_json }}"


def input_kind(name: str) -> str:
    """The kind of input a project file is, by where it is and how it is named."""
    area = "theme" if name.startswith("themes/") else "course"
    suffix = Path(name).suffix.lower()
    if area == "course" and "/media/" in f"/{name}":
        return {
            ".svg": "svg",
            ".webm": "video",
            ".mp4": "video",
            ".vtt": "captions",
            ".md": "transcript",
        }[suffix]
    if area == "theme":
        return {".yaml": "theme.yaml", ".j2": "template", ".css": "css", ".svg": "theme-svg"}[
            suffix
        ]
    return {".yaml": "yaml", ".md": "markdown"}[suffix]


def size_limit(name: str) -> int:
    """The largest file of its kind the check accepts (source/media_types.py and friends)."""
    kind = input_kind(name)
    mtype = media_type(name)
    if kind in ("svg", "video", "captions", "transcript", "theme-svg"):
        assert mtype is not None, name
        return mtype.max_bytes
    if kind == "css":
        return MAX_STATIC_BYTES
    return MAX_TEXT_BYTES  # manuscript text, theme.yaml and templates are read as text


# Mutations every file gets; the line ones are the original mutations of the manuscript.
COMMON = [
    "delete",
    "duplicate",
    "swap-lines",
    "swap-values",
    "insert",
    "truncate",
    "random-bytes",
    "bom",
    "nul",
    "huge",
    "dangling-link",
    "folder-link",
    "outside-link",
]
SPECIFIC = {
    "svg": ["svg-element", "svg-attribute"],
    "theme-svg": ["svg-element", "svg-attribute"],
    "template": ["jinja"],
    "css": ["css"],
}
PAYLOADS = {
    "insert": NASTY,
    "svg-element": SVG_ELEMENTS,
    "svg-attribute": SVG_ATTRIBUTES,
    "jinja": JINJA,
    "css": CSS,
}


@dataclass(frozen=True)
class Mutation:
    """One change to one file of a project (`course/...` or `themes/...`)."""

    name: str
    kind: str
    a: int
    b: int
    payload: bytes

    def apply(self, project: Path) -> None:
        path = project / self.name
        if self.kind == "huge":
            # sparse: the original content followed by zeros, one byte over the kind's limit,
            # so the size check is reached without writing megabytes
            with path.open("r+b") as handle:
                handle.truncate(size_limit(self.name) + 1)
        elif self.kind.endswith("-link"):
            # what a checkout or a copy can leave behind instead of a file
            data = path.read_bytes()
            path.unlink()
            if self.kind == "dangling-link":
                path.symlink_to(f"missing-{path.name}")
            elif self.kind == "folder-link":
                path.symlink_to(".")
            else:
                outside = project.parent / "outside" / self.name
                outside.parent.mkdir(parents=True, exist_ok=True)
                outside.write_bytes(data)
                path.symlink_to(outside)
        else:
            path.write_bytes(self.mutate(path.read_bytes()))

    def mutate(self, data: bytes) -> bytes:
        kind, a, b = self.kind, self.a, self.b
        if kind == "insert":
            position = a % (len(data) + 1)
            return data[:position] + self.payload + data[position:]
        if kind == "truncate":
            return data[: a % (len(data) + 1)]
        if kind == "random-bytes":
            return self.payload
        if kind == "bom":
            return b"\xef\xbb\xbf" + data
        if kind == "nul":
            position = a % (len(data) + 1)
            return data[:position] + b"\x00" + data[position:]
        if kind in ("svg-element", "svg-attribute"):
            return _into_svg(data, kind, a, self.payload)
        if kind in ("jinja", "css"):
            return _as_line(data, a, self.payload)
        if kind == "config-twice":
            return data.replace(CONFIG, CONFIG + CONFIG, 1)
        if kind == "config-removed":
            return data.replace(CONFIG, b"")
        return _line_mutation(data, kind, a, b)

    def __str__(self) -> str:
        return f"{self.kind} {self.name} a={self.a} b={self.b} payload={self.payload!r}"


def _line_mutation(data: bytes, kind: str, a: int, b: int) -> bytes:
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
    return b"\n".join(lines)


def _as_line(data: bytes, a: int, payload: bytes) -> bytes:
    """`payload` as a line of its own: inside a Jinja tag or a CSS rule it would only be a
    syntax error, and the more interesting failures come from well-formed nasties."""
    lines = data.split(b"\n")
    lines.insert(a % (len(lines) + 1), payload)
    return b"\n".join(lines)


def _into_svg(data: bytes, kind: str, a: int, payload: bytes) -> bytes:
    """An element after the a-th start tag, or an attribute after the a-th element's name."""
    starts = [
        i for i in range(len(data) - 1) if data[i : i + 1] == b"<" and data[i + 1 : i + 2].isalpha()
    ]
    if not starts:
        return data + payload
    start = starts[a % len(starts)]
    if kind == "svg-attribute":
        end = start + 1
        while end < len(data) and data[end : end + 1] not in b" \t\r\n/>":
            end += 1
        return data[:end] + payload + data[end:]
    close = data.find(b">", start)
    if close < 0 or data[close - 1 : close] == b"/":
        return data + payload  # an empty element: the payload goes at the end, after the root
    return data[: close + 1] + payload + data[close + 1 :]


def project_files(project: Path) -> list[str]:
    """Every input of the project: its course's files and its themes' files."""
    return sorted(
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.is_file() and p.relative_to(project).parts[0] in ("course", "themes")
    )


@st.composite
def mutations(draw: st.DrawFn, files: list[str]) -> Mutation:
    """A kind of input first, then one of its files, so that the one video of a course is hit as
    often as its dozens of pages."""
    by_kind: dict[str, list[str]] = {}
    for name in files:
        by_kind.setdefault(input_kind(name), []).append(name)
    kind_of_input = draw(st.sampled_from(sorted(by_kind)))
    name = draw(st.sampled_from(by_kind[kind_of_input]))
    kinds = COMMON + SPECIFIC.get(kind_of_input, [])
    if name.endswith("index.html.j2"):
        kinds = [*kinds, "config-twice", "config-removed"]
    kind = draw(st.sampled_from(kinds))
    if kind in PAYLOADS:
        payloads = st.sampled_from(PAYLOADS[kind]).map(str.encode)
        if kind == "insert":
            payloads = st.one_of(st.binary(min_size=1, max_size=8), payloads)
        payload = draw(payloads)
    elif kind == "random-bytes":
        payload = draw(st.binary(min_size=0, max_size=64))
    else:
        payload = b""
    a = draw(st.integers(min_value=0, max_value=10_000))
    b = draw(st.integers(min_value=0, max_value=10_000))
    return Mutation(name, kind, a, b, payload)


def make_project(course: Path, target: Path) -> Path:
    """`target/course` and `target/themes`: the themes are found in the folder above the course,
    as in a course repository, so that the test can damage them."""
    shutil.copytree(course, target / "course")
    shutil.copytree(THEMES, target / "themes")
    return target


@contextmanager
def mutated(project: Path, mutation: Mutation) -> Iterator[None]:
    """The project with one file changed, restored afterwards for the next example."""
    path = project / mutation.name
    original = path.read_bytes()
    try:
        mutation.apply(project)
        yield
    finally:
        path.unlink(missing_ok=True)  # a link is replaced, not written through
        path.write_bytes(original)


@contextmanager
def outputs(root: Path) -> Iterator[Path]:
    """A fresh folder for one example's dist/ and review/, removed afterwards."""
    root.mkdir(parents=True, exist_ok=False)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_mutations(project: Path, scratch: Path, examples: int) -> Counter[str]:
    """The invariant for `examples` derandomised mutations of the project; the outcomes."""
    assert_invariant = _invariant().assert_invariant
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    numbers = itertools.count()

    # Derandomised with a fixed number of examples and no database, so that every run tries the
    # same mutations; the inner function keeps the fixtures out of hypothesis' way.
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(mutation=mutations(project_files(project)))
    def run(mutation: Mutation) -> None:
        kinds[input_kind(mutation.name)] += 1
        with mutated(project, mutation), outputs(scratch / str(next(numbers))) as out:
            clean = assert_invariant(project / "course", out)
        outcomes["clean" if clean else "errors"] += 1

    run()
    outcomes.update({f"kind:{k}": n for k, n in kinds.items()})
    return outcomes


@pytest.fixture
def default_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # the course must find the project's own (mutated) themes, not the repository's
    monkeypatch.delenv("AICOURSE_THEMES", raising=False)
    return make_project(COURSE, tmp_path / "project")


@pytest.mark.slow
def test_mutations_only_produce_diagnostics(default_project: Path, tmp_path: Path) -> None:
    outcomes = run_mutations(default_project, tmp_path / "out", examples=120)
    # a property that only ever met broken courses would say nothing about clean ones
    assert outcomes["clean"] >= 10 and outcomes["errors"] >= 10, outcomes
    for kind in ("yaml", "markdown", "svg", "video", "captions", "transcript"):
        assert outcomes[f"kind:{kind}"] > 0, outcomes
    for kind in ("theme.yaml", "template", "css", "theme-svg"):
        assert outcomes[f"kind:{kind}"] > 0, outcomes
