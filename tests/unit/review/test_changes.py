"""The changes between two versions' footprints, merged over the profiles."""

from __future__ import annotations

from aicourse_build.diff.footprint import (
    Completion,
    Footprint,
    PageFootprint,
    QuestionFootprint,
    ResumeState,
)
from aicourse_build.review.changes import compare, only, standing_for

Page = tuple[str, str, str]  # id, title, content fingerprint
Question = tuple[str, str, str, str]  # id, answer, text, type


def fp(
    profile: str,
    pages: list[Page],
    questions: list[Question] | None = None,
    *,
    fmt: str = "scorm12",
    language: str = "sv",
    version: str = "1.0.0",
) -> Footprint:
    return Footprint(
        course="kurs",
        version=version,
        profile=profile,
        language=language,
        format=fmt,
        manifest="m",
        units=(),
        pages=tuple(PageFootprint(id=i, title=t, required=True, content=c) for i, t, c in pages),
        questions=tuple(
            QuestionFootprint(quiz="prov", id=i, type=k, choices=("a", "b"), answer=a, text=t)
            for i, a, t, k in questions or []
        ),
        interactions=(),
        objectives=(),
        resume=ResumeState(format="2", worst_case=10, limit=4096),
        completion=Completion(pages=(), assessment=None, passing_score=0, on_fail="failed"),
    )


START, PROV = ("start", "Start", "s1"), ("prov", "Prov", "p1")


def _kinds(compared_items: list[object]) -> list[tuple[str, str]]:
    return [(c.kind, c.id) for c in compared_items]  # type: ignore[attr-defined]


def test_pages_added_removed_and_changed() -> None:
    old = [fp("a", [START, ("gammal", "Gammal", "g"), PROV])]
    new = [fp("a", [("ny", "Ny", "n"), ("start", "Start", "s2"), PROV])]
    compared = compare(old, new, "sv")
    assert _kinds(compared.pages) == [("ny", "ny"), ("ändrad", "start"), ("borttagen", "gammal")]
    assert [p.only for p in compared.pages] == [None, None, None]
    assert compared.old_pages == ["start", "gammal", "prov"]


def test_a_new_title_is_a_change_and_remembers_the_old_one() -> None:
    compared = compare([fp("a", [START])], [fp("a", [("start", "Början", "s1")])], "sv")
    [page] = compared.pages
    assert (page.kind, page.title, page.was, page.label) == (
        "ändrad",
        "Början",
        "Start",
        "Ändrad sida",
    )


def test_each_kind_of_question_change() -> None:
    old = [
        ("samma", "x", "t", "single"),
        ("svar", "x", "t", "single"),
        ("text", "x", "t", "single"),
        ("typ", "x", "t", "single"),
        ("bort", "x", "t", "single"),
    ]
    new = [
        ("samma", "x", "t", "single"),
        ("svar", "y", "t", "single"),
        ("text", "x", "t2", "single"),
        ("typ", "x", "t", "multiple"),
        ("ny", "x", "t", "single"),
    ]
    compared = compare([fp("a", [PROV], old)], [fp("a", [PROV], new)], "sv")
    assert _kinds(compared.questions) == [
        ("svar", "svar"),
        ("text", "text"),
        ("typ", "typ"),
        ("ny", "ny"),
        ("borttagen", "bort"),
    ]
    labels = [q.label for q in compared.questions]
    assert labels == [
        "Nytt rätt svar",
        "Ändrad formulering",
        "Ny frågetyp",
        "Ny fråga",
        "Borttagen fråga",
    ]
    assert compared.question("prov", "svar") is compared.questions[0]
    assert compared.question("prov", "bort") is None  # not in the document any more
    assert compared.question("prov", "samma") is None


def test_a_new_version_of_a_question_is_the_question_changed() -> None:
    old = [fp("a", [PROV], [("data", "x", "t", "truefalse")])]
    new = [fp("a", [PROV], [("data-v2", "y", "t", "truefalse")])]
    [question] = compare(old, new, "sv").questions
    assert (question.kind, question.id, question.was) == ("svar", "data-v2", "data")
    same = [fp("a", [PROV], [("data-v2", "x", "t", "truefalse")])]
    [question] = compare(old, same, "sv").questions
    assert question.kind == "version"


def test_a_change_in_one_profile_is_marked_with_it() -> None:
    old = [fp("intern", [START]), fp("publik", [START])]
    new = [fp("intern", [("start", "Start", "s2")]), fp("publik", [START])]
    compared = compare(old, new, "sv")
    [page] = compared.pages
    assert page.profiles == ("intern",)
    assert page.only == "endast intern"
    assert only(["a", "b"], ["a", "b"]) is None


def test_profiles_added_removed_and_pages_reordered() -> None:
    old = [fp("intern", [START, PROV]), fp("gammal", [START])]
    new = [fp("intern", [PROV, START]), fp("ny", [START])]
    compared = compare(old, new, "sv")
    assert compared.profiles == ["intern"]
    assert compared.added_profiles == ["ny"]
    assert compared.removed_profiles == ["gammal"]
    assert compared.reordered == ["intern"]
    assert compared.pages == []


def test_the_package_in_the_reviews_language_and_the_same_format_stands_for_a_profile() -> None:
    old = [
        fp("p", [START], fmt="xapi", language="en"),
        fp("p", [START], fmt="cmi5"),
        fp("p", [START], fmt="xapi"),
    ]
    new = [fp("p", [START], fmt="xapi"), fp("p", [START], fmt="scorm2004", language="en")]
    pair = standing_for(old, new, "p", "sv")
    assert pair is not None
    assert [(f.language, f.format) for f in pair] == [("sv", "xapi"), ("sv", "xapi")]
    # a language switch package ("sv+en") stands in when there is no Swedish one alone
    switched = [fp("p", [START], language="sv+en")]
    pair = standing_for(
        switched, [fp("p", [START], fmt="cmi5", language="en"), *switched], "p", "sv"
    )
    assert pair is not None and pair[1].language == "sv+en"
    assert standing_for(old, new, "other", "sv") is None


def test_nothing_changed() -> None:
    same = [fp("a", [START, PROV], [("q", "x", "t", "single")])]
    compared = compare(same, same, "sv")
    assert compared.pages == [] and compared.questions == [] and compared.reordered == []
