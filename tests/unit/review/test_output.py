"""write_review: the files it writes, and nothing when the course has errors."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from html_query import select, text_of
from since_helpers import add_page, change_answer, copy, edit_start, git, set_version

from aicourse_build.build import build_courses
from aicourse_build.diagnostics import DiagnosticError
from aicourse_build.review import write_review
from aicourse_build.review.since import SinceError

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"


def test_writes_the_review_and_the_discussion_guide(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_review(COURSE, out, pdf=False)
    assert [p.name for p in written] == [
        "introduktionsutbildning-review.html",
        "introduktionsutbildning-discussion-guide.html",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    review = written[0].read_text(encoding="utf-8")
    assert review.startswith("<!DOCTYPE html>")
    assert "<title>Granskningsunderlag: Introduktionsutbildning i AI</title>" in review
    assert "Diskussionsunderlag" in written[1].read_text(encoding="utf-8")


def test_the_same_course_gives_the_same_html(tmp_path: Path) -> None:
    first = write_review(COURSE, tmp_path / "a", pdf=False)
    second = write_review(COURSE, tmp_path / "b", pdf=False)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_course_with_errors_raises_and_writes_nothing(small_course: Path, tmp_path: Path) -> None:
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text(encoding="utf-8").replace("version: 1.0.0", "version: ett"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(DiagnosticError) as caught:
        write_review(small_course, out)
    assert any(d.is_error for d in caught.value.diagnostics)
    assert any("course.yaml" in d.span.path for d in caught.value.diagnostics)
    assert not out.exists()


def test_a_small_course_with_every_block_type(small_course: Path, tmp_path: Path) -> None:
    written = write_review(small_course, tmp_path, pdf=False)
    html = written[0].read_text(encoding="utf-8")
    assert 'class="question"' in html
    assert "Rätt svar" in html


def _since_html(course: Path, old: str, out: Path) -> lxml.html.HtmlElement:
    [review, _guide] = write_review(course, out, pdf=False, since=old)
    return lxml.html.fromstring(review.read_text(encoding="utf-8"))


def test_since_summarises_marks_and_links_the_changes(small_course: Path, tmp_path: Path) -> None:
    old = copy(small_course, tmp_path / "v1")
    add_page(small_course, "nyhet", "Nyheter", ["start", "nyhet", "prov"])
    edit_start(small_course)
    change_answer(small_course)
    set_version(small_course, "1.1.0")
    tree = _since_html(small_course, str(old), tmp_path / "out")
    [summary] = select(tree, "section#andringar")
    # first in the table of contents, and before the other summaries
    assert select(tree, "nav.toc a")[0].get("href") == "#andringar"
    assert tree.xpath("//section[@id='andringar']/following::section[@id='tid']")
    assert text_of(select(summary, "h2")[0]) == "Ändringar sedan version 1.0.0"
    headings = [text_of(h) for h in select(summary, "h3")]
    # a new right answer alone is no change of the page's text: the question is marked instead
    assert headings == ["Nya sidor (1)", "Ändrade sidor (1)", "Frågor med nytt rätt svar (1)"]
    links = [a.get("href") for a in select(summary, "a")]
    assert links == ["#sida-nyhet", "#sida-start", "#sida-prov"]
    assert all(tree.xpath("//*[@id=$id]", id=href[1:]) for href in links)
    # the marks in the body are words
    assert text_of(select(tree, "article#sida-nyhet h3")[0]) == "Nyheter Ny sida"
    assert text_of(select(tree, "article#sida-start h3")[0]) == "Start Ändrad sida"
    [diff] = select(tree, "article#sida-start .text-diff")
    assert "[Borttaget: grunderna] [Tillagt: det viktigaste]" in text_of(diff)
    assert diff.xpath(".//del") and diff.xpath(".//ins")
    heads = [text_of(h) for h in select(tree, "article#sida-prov .q-head")]
    assert heads[0].startswith("Nytt rätt svar Fråga 1") and heads[1].startswith("Fråga 2")
    assert not select(tree, "article#sida-nyhet .text-diff")  # new: read it all


def test_since_nothing_changed(small_course: Path, tmp_path: Path) -> None:
    old = copy(small_course, tmp_path / "v1")
    tree = _since_html(small_course, str(old), tmp_path / "out")
    [summary] = select(tree, "section#andringar")
    assert "Inget har ändrats i innehållet sedan version 1.0.0" in text_of(summary)
    assert not select(tree, "span.change")  # nothing marked in the body
    assert not select(tree, ".text-diff")


def test_since_a_build_report_says_why_the_text_is_not_shown(
    small_course: Path, tmp_path: Path
) -> None:
    build_courses([small_course], tmp_path / "dist")
    edit_start(small_course)
    tree = _since_html(small_course, str(tmp_path / "dist" / "build-report.json"), tmp_path / "o")
    [box] = select(tree, "article#sida-start .text-diff")
    assert "en byggrapport innehåller bara fingeravtryck av sidorna, inte deras text" in text_of(
        box
    )
    assert not box.xpath(".//ins|.//del")


def test_since_that_cannot_be_read_writes_nothing(small_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(SinceError):
        write_review(small_course, out, pdf=False, since=str(tmp_path / "saknas.json"))
    assert not out.exists()


def test_without_since_there_is_no_summary_of_changes(small_course: Path, tmp_path: Path) -> None:
    [review, _guide] = write_review(small_course, tmp_path, pdf=False)
    tree = lxml.html.fromstring(review.read_text(encoding="utf-8"))
    assert not select(tree, "section#andringar") and not select(tree, "span.change")


def test_since_a_git_tag(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    course = copy(small_course, repo / "kurs")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1.0.0")
    edit_start(course)
    set_version(course, "1.1.0")
    monkeypatch.chdir(repo)
    tree = _since_html(Path("kurs"), "v1.0.0", tmp_path / "out")
    [summary] = select(tree, "section#andringar")
    assert "Det jämförs med git-versionen v1.0.0, som är version 1.0.0." in text_of(summary)
    [diff] = select(tree, "article#sida-start .text-diff")
    assert "[Borttaget: grunderna] [Tillagt: det viktigaste]" in text_of(diff)
