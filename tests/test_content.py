"""The default course in content/ is the project's own acceptance test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.model.blocks import QuizBlock, VideoBlock
from aicourse_build.model.tree import Page
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.source.markdown_source import BLOCK_TYPES

COURSE = Path(__file__).resolve().parent.parent / "content" / "introduktionsutbildning"


@pytest.fixture(scope="module")
def checked() -> tuple[CourseCheck, Report]:
    report = Report()
    return check_course_dir(COURSE, report), report


def test_passes_check_strict_for_both_profiles(checked: tuple[CourseCheck, Report]) -> None:
    result, report = checked
    assert report.sorted() == []
    # the public profile publishes Swedish and English, the internal one Swedish only
    assert sorted(result.estimates) == [("public", "en"), ("public", "sv"), ("vgr", "sv")]


def test_each_profile_and_language_lands_within_ten_percent_of_the_promised_time(
    checked: tuple[CourseCheck, Report],
) -> None:
    """The course's `duration:` is what the welcome page promises; the estimate is calibrated
    (docs/duration.md), so the promise stays within 10 % of it either way."""
    result, _ = checked
    assert result.course is not None
    promised = result.course.meta.duration
    for key, estimate in result.estimates.items():
        assert abs(estimate.total - promised) <= 0.1 * promised, (key, estimate.total, promised)


def test_every_block_type_is_used(checked: tuple[CourseCheck, Report]) -> None:
    result, _ = checked
    assert result.course is not None
    used = {
        pb.block.type for v in result.course.pages.values() for p in v.values() for pb in p.blocks
    }
    assert set(BLOCK_TYPES) | {"text"} <= used


def test_quiz_has_an_english_original_and_a_swedish_translation(
    checked: tuple[CourseCheck, Report],
) -> None:
    result, _ = checked
    assert result.course is not None
    bank = result.course.banks["ai-kunskap"]
    assert bank["en"].model.translates is None
    assert bank["sv"].model.translates is not None
    assert bank["sv"].model.translates.from_ == "ai-kunskap.en.yaml"
    question_types = {q.type for q in bank["sv"].model.questions}
    assert question_types == {"single", "multiple", "truefalse", "ordering", "matching"}


def test_public_output_has_no_internal_addresses(checked: tuple[CourseCheck, Report]) -> None:
    result, _ = checked
    publics = [r for r in result.resolved if r.profile.name == "public"]
    assert [r.lang for r in publics] == ["sv", "en"]
    for public in publics:
        texts = []
        for page in public.pages:
            for rb in page.blocks:
                block = rb.block
                data = (
                    dataclasses.asdict(block)
                    if dataclasses.is_dataclass(block)
                    else block.model_dump()
                )
                texts.append(repr(data))
        texts += [repr(c.model_dump()) for c in public.contacts.values()]
        assert not any("vgregion" in t.lower() for t in texts), public.lang
        assert "ai-huset" not in {p.id for p in public.pages}


def test_assessment_is_the_final_quiz(checked: tuple[CourseCheck, Report]) -> None:
    result, _ = checked
    assert result.course is not None
    for resolved in result.resolved:
        quizzes = [
            rb.block.id
            for p in resolved.pages
            for rb in p.blocks
            if isinstance(rb.block, QuizBlock)
        ]
        assert quizzes == ["kunskapstest-fore", "kunskapstest-efter"]
        assert result.course.meta.completion.assessment == quizzes[-1]


def test_the_english_public_variant_is_english_throughout(
    checked: tuple[CourseCheck, Report],
) -> None:
    result, _ = checked
    english = next(r for r in result.resolved if (r.profile.name, r.lang) == ("public", "en"))
    assert english.meta.title == "Introduction to AI"
    assert english.meta.version == "1.0.0"
    assert [m.title for m in english.modules] == [
        "Introduction",
        "The basics",
        "Responsibility and safety",
        "AI in practice",
        "Healthcare in constant change",
        "The final part",
    ]
    assert {p.page.lang for p in english.pages} == {"en"}
    assert english.meta.audiences[0].label == "Physicians"
    video = next(
        rb.block for p in english.pages for rb in p.blocks if isinstance(rb.block, VideoBlock)
    )
    assert [c.lang for c in video.captions] == ["en", "sv"]
    assert video.transcript_src == "media/chefens-ord.en.md"


def _outline(page: Page) -> list[tuple[object, ...]]:
    """What a translation must keep: each block's type, id, conditions and containers."""
    return [
        (
            pb.block.type,
            getattr(pb.block, "id", None),
            tuple(pb.block.only),
            tuple(pb.block.except_),
            tuple((c.kind, tuple(c.names)) for c in pb.raw.conditions),
        )
        for pb in page.blocks
    ]


def test_every_page_has_an_english_version_with_the_same_blocks(
    checked: tuple[CourseCheck, Report],
) -> None:
    result, _ = checked
    assert result.course is not None
    assert len(result.course.pages) == 14
    for page_id, variants in result.course.pages.items():
        assert set(variants) == {"sv", "en"}, page_id
        swedish, english = variants["sv"], variants["en"]
        assert english.translates is not None
        assert english.translates.from_ == swedish.source.file.path.name
        assert (english.meta.only, english.meta.except_) == (
            swedish.meta.only,
            swedish.meta.except_,
        )
        assert _outline(english) == _outline(swedish), page_id


def test_the_english_public_variant_shows_the_profile_s_english_texts(
    checked: tuple[CourseCheck, Report],
) -> None:
    result, _ = checked
    assert result.course is not None
    english = next(r for r in result.resolved if (r.profile.name, r.lang) == ("public", "en"))
    swedish = next(r for r in result.resolved if (r.profile.name, r.lang) == ("public", "sv"))
    translation = result.course.profile_translations["public"]["en"]
    assert translation.file_name == "public.en.yaml"
    assert english.profile.model.variables["organisation"] == "your organisation"
    assert swedish.profile.model.variables["organisation"] == "din organisation"
    words = {key: (c.role, c.name) for key, c in english.contacts.items()}
    assert words == {
        "course": ("Course contact", "AI Sweden"),
        "content": (
            "Responsible for the content",
            "Region Västra Götaland together with AI Sweden",
        ),
        "innovation": (
            "Ideas and innovation",
            "Your line manager or your organisation's support for innovation and digitalisation",
        ),
    }
    # addresses are the profile's in every language
    assert [c.url for c in english.contacts.values()] == [c.url for c in swedish.contacts.values()]


def test_release_is_refused_while_placeholders_are_marked_and_review_lists_them(
    tmp_path: Path,
) -> None:
    """The default course's placeholders (manager video, AI house, addresses, owner, the public
    survey URL, AI Sweden's course link, logos) are marked to confirm until real ones replace
    them: `build --release` writes nothing, and the review lists every mark."""
    import subprocess
    import sys

    from aicourse_build.confirm import collect_marks
    from aicourse_build.review.document import collect, review_html

    report = Report()
    result = check_course_dir(COURSE, report)
    assert result.course is not None and not report.sorted()
    marks, problems = collect_marks(result.course)
    assert not problems and marks == result.marks
    marked = {m.what for m in marks}
    for placeholder in (
        "media/chefens-ord.webm",
        "media/ai-huset.svg",
        "owner.administration",
        "contacts.course.email",
        "survey.url",
        "https://www.ai.se/",
        "../../themes/vgr/static/logo.svg",
    ):
        assert placeholder in marked, placeholder
    out = tmp_path / "dist"
    command = ["build", str(COURSE), "--release", "--out", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "aicourse_build", *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 6, run.stderr
    assert f"not a release: {len(marks)} fact(s) are still marked to confirm" in run.stderr
    assert not out.exists()
    html = review_html(collect(result.course))
    assert f"Att bekräfta före publicering ({len(marks)})" in html
    table = html.split('<table class="confirm-list">')[1].split("</table>")[0]
    assert table.count("<tr>") == len(marks) + 1  # a row per mark under the heading row
    for mark in marks:
        assert f"<td>{mark.who}</td>" in table


def test_no_page_names_an_invented_manager() -> None:
    """Until a real manager is recorded, the texts speak of the video, not of a person."""
    for name in ("04-utmaningar.md", "04-utmaningar.en.md"):
        text = (COURSE / "pages" / name).read_text(encoding="utf-8").lower()
        assert "verksamhetschef" not in text and "head of" not in text, name
    for name in ("chefens-ord.sv.md", "chefens-ord-poster.svg"):
        assert "verksamhetschef" not in (COURSE / "media" / name).read_text(encoding="utf-8")
