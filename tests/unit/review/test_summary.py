"""What the review says changed since an earlier version of the small course: each kind of
change with its title, place and question text, the text differences, and "nothing"."""

from __future__ import annotations

from pathlib import Path

import pytest
from since_helpers import (
    add_page,
    add_question,
    change_answer,
    copy,
    edit_start,
    intern_only_text,
    review_since,
    reword_question,
    set_version,
)

from aicourse_build.review.changes import Compared, PageChange
from aicourse_build.review.since import Before
from aicourse_build.review.summary import Changes, page_words, summarise


@pytest.fixture
def old(small_course: Path, tmp_path: Path) -> Path:
    """Version 1.0.0 as it was, kept apart from the course being edited."""
    return copy(small_course, tmp_path / "v1")


def _titles(changes: Changes, kind: str) -> list[str]:
    return [p.title for p in changes.pages_of(kind)]


def test_nothing_changed(small_course: Path, old: Path) -> None:
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    assert changes.nothing and changes.texts
    assert (changes.old_version, changes.new_version) == ("1.0.0", "1.0.0")
    assert changes.pages == [] and changes.questions == [] and changes.notes == []


def test_a_new_page_says_where_it_stands(small_course: Path, old: Path) -> None:
    add_page(small_course, "nyhet", "Nyheter", ["start", "nyhet", "prov"])
    set_version(small_course, "1.1.0")
    changes = review_since(small_course, str(old)).changes
    assert changes is not None and not changes.nothing
    [page] = changes.pages
    assert (page.kind, page.title, page.only) == ("ny", "Nyheter", None)
    assert page.where == "i modulen ”Modul ett”, efter ”Start”"
    assert changes.page("nyhet") is page
    assert changes.notes == []  # the version was raised


def test_a_removed_page_says_where_it_stood(small_course: Path, tmp_path: Path) -> None:
    old = copy(small_course, tmp_path / "v1")
    add_page(old, "gammal", "Gammal sida", ["gammal", "start", "prov"])
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    [page] = changes.pages
    assert (page.kind, page.title, page.where) == (
        "borttagen",
        "Gammal sida",
        "fanns i modulen ”Modul ett”",
    )
    assert changes.page("gammal") is None  # not in the document: no mark, no link
    assert "Sidorna kommer i en ny ordning." not in changes.notes  # the others kept their order
    assert changes.notes == [
        "Kursens versionsnummer är fortfarande 1.0.0 fast innehållet har ändrats; det bör höjas "
        "innan kursen publiceras."
    ]


def test_a_changed_page_with_its_text_diff(small_course: Path, old: Path) -> None:
    edit_start(small_course)
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    assert _titles(changes, "ändrad") == ["Start"]
    [diff] = changes.diffs["start"]
    assert diff.everywhere and diff.profiles == ("intern", "publik")
    assert "<del>grunderna</del>" in diff.html and "<ins>det viktigaste</ins>" in diff.html
    assert (diff.removed, diff.added, diff.size) == (1, 2, "1 ord borttaget och 2 tillagda")


def test_a_change_in_one_profile(small_course: Path, old: Path) -> None:
    intern_only_text(small_course)
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    [page] = changes.pages
    assert (page.kind, page.only) == ("ändrad", "endast intern")
    [diff] = changes.diffs["start"]
    assert not diff.everywhere and diff.profiles == ("intern",)
    assert "<ins>Bara för interna deltagare.</ins>" in diff.html


def test_questions_added_and_changed_with_their_text_and_page(
    small_course: Path, old: Path
) -> None:
    change_answer(small_course)
    reword_question(small_course)
    add_question(small_course)
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    found = {(q.kind, q.id): q for q in changes.questions}
    assert sorted(found) == [("ny", "fel"), ("svar", "modell"), ("text", "data")]
    assert found[("svar", "modell")].prompt == "Vad är en modell?"
    assert found[("svar", "modell")].page == "prov"
    assert found[("text", "data")].prompt == "En modell blir aldrig bättre än sina data."
    assert found[("ny", "fel")].label == "Ny fråga"
    # the quiz's page changed too, and its diff shows the right answer moving
    [diff] = changes.diffs["prov"]
    assert "Rätt svar" in diff.html


def test_a_removed_question_keeps_its_old_text(small_course: Path, tmp_path: Path) -> None:
    old = copy(small_course, tmp_path / "v1")
    add_question(old)
    changes = review_since(small_course, str(old)).changes
    assert changes is not None
    [question] = changes.questions
    assert (question.kind, question.id, question.prompt, question.page) == (
        "borttagen",
        "fel",
        "AI kan ha fel.",
        None,
    )


def test_a_build_report_tells_a_page_changed_but_not_how(
    small_course: Path, tmp_path: Path
) -> None:
    from aicourse_build.build import build_courses

    build_courses([small_course], tmp_path / "dist")
    edit_start(small_course)
    changes = review_since(small_course, str(tmp_path / "dist" / "build-report.json")).changes
    assert changes is not None
    assert not changes.texts
    assert _titles(changes, "ändrad") == ["Start"]
    assert changes.diffs == {}
    assert [p.id for p in changes.unshown] == ["start"]
    assert (
        changes.no_text
        == "en byggrapport innehåller bara fingeravtryck av sidorna, inte deras text"
    )


def test_a_folder_of_packages_compares_their_texts(small_course: Path, tmp_path: Path) -> None:
    from aicourse_build.build import build_courses

    build_courses([small_course], tmp_path / "dist")
    edit_start(small_course)
    changes = review_since(small_course, str(tmp_path / "dist")).changes
    assert changes is not None and changes.from_packages and changes.notes[:-1] == []
    [diff] = changes.diffs["start"]
    assert diff.everywhere and diff.profiles == ("intern", "publik")
    assert "<ins>det viktigaste</ins>" in diff.html


def test_a_change_outside_the_text_is_named_apart(small_course: Path, old: Path) -> None:
    """A page whose package changed while its text reads the same (a theme, a translation)."""
    review = review_since(small_course, str(old))
    changed = PageChange("ändrad", "start", "Start", ("intern", "publik"))
    compared = Compared(["intern", "publik"], pages=[changed])
    before = Before(str(old), "manuset", [], None)
    changes = summarise(review, compared, before, review)
    assert changes.pages == [] and changes.nothing
    assert [p.id for p in changes.same_text] == ["start"]


def test_page_words_per_profile(small_course: Path, old: Path) -> None:
    intern_only_text(small_course)
    review = review_since(small_course, str(old))
    intern = page_words(review, "start", "intern")
    publik = page_words(review, "start", "publik")
    assert intern is not None and publik is not None
    assert intern[-4:] == ["Bara", "för", "interna", "deltagare."]
    assert "interna" not in publik
    assert page_words(review, "ingen-sida", "intern") is None


def test_one_package_compares_its_profile_only(small_course: Path, tmp_path: Path) -> None:
    from aicourse_build.build import build_courses

    build_courses([small_course], tmp_path / "dist")
    [package] = sorted((tmp_path / "dist").glob("*intern*.zip"))
    edit_start(small_course)
    changes = review_since(small_course, str(package)).changes
    assert changes is not None
    assert [(p.kind, p.id, p.only) for p in changes.pages] == [("ändrad", "start", None)]
    # the texts compared are the packages' (the earlier manuscript is not at hand)
    assert changes.texts and changes.from_packages
    [diff] = changes.diffs["start"]
    assert diff.profiles == ("intern",) and not diff.everywhere  # publik was not compared
    assert "<del>grunderna</del>" in diff.html and "<ins>det viktigaste</ins>" in diff.html
    assert changes.notes == [
        f"Profilen publik är inte jämförd: paketet {package.name} gäller bara profilen intern.",
        "Kursens versionsnummer är fortfarande 1.0.0 fast innehållet har ändrats; det bör höjas "
        "innan kursen publiceras.",
    ]


def test_a_new_profile_is_named(small_course: Path, old: Path) -> None:
    profiles = small_course / "profiles"
    (profiles / "extra.yaml").write_text(
        (profiles / "intern.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    changes = review_since(small_course, str(old)).changes
    assert changes is not None and changes.nothing
    assert changes.notes == [
        "Profilen extra är ny sedan version 1.0.0: allt dess innehåll är nytt för dess deltagare."
    ]
