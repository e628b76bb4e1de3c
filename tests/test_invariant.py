"""The pipeline's promise: when `check` finds no error, `build`, `review` and the preview cannot
fail; when it finds errors, none of them writes anything.

`check` reads every input once and renders every package in memory (pipeline.py), so a course it
passes leaves the later stages nothing to trip over. Proved here over the corpus of broken
manuscripts and over random damage to every kind of input (the catalogue of test_mutations.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from aicourse_build.build import BuildResult, build_courses
from aicourse_build.diagnostics import DiagnosticError, Report, format_json, format_text
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.preview.builds import PreviewBuilds, launch_facts
from aicourse_build.review.output import write_review

TESTS = Path(__file__).resolve().parent
DOCS = (TESTS.parent / "docs" / "diagnostics.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"^### (AIC\d{3})", DOCS, re.MULTILINE))


def _load(name: str, path: Path) -> ModuleType:
    """Another test file's helpers, loaded by path: under --import-mode=importlib the test
    folders are no packages on sys.path."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before running it, as dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


corpus = _load("aicourse_diagnostics_corpus", TESTS / "diagnostics" / "test_corpus.py")
catalogue = _load("aicourse_mutation_catalogue", TESTS / "test_mutations.py")


def _files(folder: Path) -> list[str]:
    """Everything written below `folder`, hidden temp files included."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


def _assert_reported(report: Report) -> None:
    for diagnostic in report.sorted():
        assert diagnostic.code in DOCUMENTED, diagnostic
        assert diagnostic.span.line >= 1 and diagnostic.span.col >= 1, diagnostic
        format_text(diagnostic)
        format_json(diagnostic)


def _assert_built(checked: CourseCheck, result: BuildResult, dist: Path) -> None:
    """Every package the check rendered is in dist/ as a whole zip, with the report; no more."""
    # a list, not a dict by name: two packages of one name would overwrite each other
    expected = sorted(r.job.name for r in checked.packages)
    assert sorted(b.path.name for b in result.built) == expected
    assert _files(dist) == sorted([*expected, "build-report.json"])
    for rendered in checked.packages:
        with zipfile.ZipFile(dist / rendered.job.name) as archive:
            assert archive.testzip() is None, rendered.job.name
            assert sorted(archive.namelist()) == sorted(rendered.package.files), rendered.job.name
    written: dict[str, Any] = json.loads((dist / "build-report.json").read_text(encoding="utf-8"))
    assert sorted(p["file"] for p in written["packages"]) == expected


def _assert_previewed(course: Path, checked: CourseCheck) -> None:
    """The preview serves every package the check rendered, and can launch each."""
    preview = PreviewBuilds(course)
    assert preview.rebuild(), preview.diagnostics
    variants = preview.variants()
    rendered = [f"{r.job.first.profile.name}/{r.job.lang}/{r.job.format}" for r in checked.packages]
    assert sorted(v.key for v in variants) == sorted(rendered)
    for variant in variants:
        package = preview.package(variant)
        assert package is not None, variant
        for facts in launch_facts(variant, package):
            assert facts.launch.split("?", 1)[0] in package.files, (variant, facts)
    preview.state()  # what the preview page shows of the build


def assert_invariant(course: Path, out: Path) -> bool:
    """Check `course`, then build, review and preview it into `out`; True when it was clean.

    No exception may escape any stage; a clean check must let every stage succeed, and a check
    with errors must make every stage refuse with the same errors and write nothing.
    """
    report = Report()
    checked = check_course_dir(course, report)
    _assert_reported(report)
    errors = [d for d in report.sorted() if d.is_error]
    dist, review = out / "dist", out / "review"
    result = build_courses([course], dist)
    assert [d for d in result.report.sorted() if d.is_error] == errors
    if errors:
        assert _files(dist) == [], "build wrote files although check found errors"
        with pytest.raises(DiagnosticError) as refused:
            write_review(course, review, pdf=False)
        assert [d for d in refused.value.diagnostics if d.is_error] == errors
        assert _files(review) == [], "review wrote files although check found errors"
        preview = PreviewBuilds(course)
        assert not preview.rebuild() and preview.variants() == []
        return False
    _assert_built(checked, result, dist)
    written = write_review(course, review, pdf=False)
    assert sorted(p.name for p in written) == _files(review) and len(written) == 2
    _assert_previewed(course, checked)
    return True


def _command(case: Path) -> list[str]:
    spec: dict[str, Any] = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {}
    return list(spec.get("command", ["check", "course"]))


# Cases of other commands (i18n import) test those commands; their course is the valid base
# course, which the cases of `check` and the mutations below cover already.
CHECK_CASES = [case for case in corpus.CASES if _command(case)[0] == "check"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CHECK_CASES, ids=[c.name for c in CHECK_CASES])
def test_corpus_case(case: Path, tmp_path: Path) -> None:
    course = corpus._prepare(case, tmp_path / "work")
    assert_invariant(course, tmp_path / "out")


def test_corpus_has_clean_and_broken_cases(tmp_path: Path) -> None:
    """The corpus is mostly broken courses; the base course (an empty case) is the clean one."""
    assert len(CHECK_CASES) >= 40
    empty = tmp_path / "empty-case"
    empty.mkdir()
    (empty / "case.yaml").write_text("{}\n", encoding="utf-8")
    assert assert_invariant(corpus._prepare(empty, tmp_path / "work"), tmp_path / "out")


@pytest.fixture
def small_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # the course must find the project's own (mutated) themes, not the repository's
    monkeypatch.delenv("AICOURSE_THEMES", raising=False)
    return catalogue.make_project(TESTS / "diagnostics" / "base", tmp_path / "project")


@pytest.mark.slow
def test_mutations_of_the_small_course(small_project: Path, tmp_path: Path) -> None:
    """Most mutations go to the small course: each costs a tenth of the default course's."""
    outcomes = catalogue.run_mutations(small_project, tmp_path / "out", examples=300)
    assert outcomes["clean"] >= 30 and outcomes["errors"] >= 30, outcomes
    for kind in ("yaml", "markdown", "svg", "theme.yaml", "template", "css", "theme-svg"):
        assert outcomes[f"kind:{kind}"] > 0, outcomes


def test_profile_names_give_distinct_packages(small_course: Path, tmp_path: Path) -> None:
    """`intern` in English and `intern-en` in Swedish would both be
    <id>-<version>-intern-en-scorm12.zip: check refuses it (AIC019), so build writes nothing."""
    intern = (small_course / "profiles" / "intern.yaml").read_text(encoding="utf-8")
    (small_course / "profiles" / "intern.yaml").write_text(
        intern + "languages: [sv, en]\n", encoding="utf-8"
    )
    (small_course / "profiles" / "intern-en.yaml").write_text(intern, encoding="utf-8")
    report = Report()
    check_course_dir(small_course, report)
    assert [d.code for d in report.sorted() if d.is_error] == ["AIC019"]
    assert_invariant(small_course, tmp_path / "out")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("themes/vgr/static/vgr.css", "dangling-link"),
        ("themes/vgr/static/logo.svg", "folder-link"),
    ],
)
def test_links_in_a_theme_that_are_not_files(
    small_project: Path, tmp_path: Path, name: str, kind: str
) -> None:
    """Found by the mutations: a theme's static file that is a link to nothing or to a folder
    is a diagnostic (AIC009), not an exception."""
    mutation = catalogue.Mutation(name, kind, 0, 0, b"")
    with catalogue.mutated(small_project, mutation):
        report = Report()
        check_course_dir(small_project / "course", report)
        assert "AIC009" in {d.code for d in report.sorted()}
        assert_invariant(small_project / "course", tmp_path / "out")


def test_recursive_template_is_reported_alike(small_project: Path) -> None:
    """index.html.j2 includes blocks/image.html.j2, which extends index.html.j2: found before
    rendering (AIC110), so check, build, review and the preview, called at any stack depth, all
    report the same; rendering it would recurse until RecursionError."""
    mutation = catalogue.Mutation(
        "themes/default/templates/blocks/image.html.j2",
        "jinja",
        0,
        0,
        b'{% extends "index.html.j2" %}',
    )

    def errors() -> list[Any]:
        report = Report()
        check_course_dir(small_project / "course", report)
        return report.sorted()

    with catalogue.mutated(small_project, mutation):
        found = errors()
        assert found == (lambda: errors())()
    assert [(d.code, d.span.path.rsplit("/", 1)[-1], d.span.line) for d in found] == [
        ("AIC110", "image.html.j2", 1)
    ]
