"""collect() and the two documents for the default course: every page in order, the estimated
time, the discussion guide, a review in another language."""

from __future__ import annotations

import lxml.html
from html_query import select, text_of

from aicourse_build.duration import WORDS_PER_MINUTE
from aicourse_build.review.document import (
    Review,
    collect,
    discussion_guide_html,
    review_html,
)


def test_every_page_in_order_with_its_module(review: Review, tree: lxml.html.HtmlElement) -> None:
    expected = [pid for m in review.course.meta.modules for pid in m.pages]
    found = [a.get("id").removeprefix("sida-") for a in select(tree, "article.page")]
    assert found == expected
    for page_id in expected:
        page = review.course.page(page_id, "sv")
        assert page is not None
        heading = select(tree, f"#sida-{page_id} > h3")[0]
        assert text_of(heading).startswith(page.meta.title)
    modules = [text_of(h) for h in select(tree, "section.module > h2")]
    assert len(modules) == len(review.course.meta.modules)
    assert modules[5].startswith("Modul 6: AI-huset: vem gör vad i VGR?")


def test_estimated_time_per_module_and_profile(review: Review, tree: lxml.html.HtmlElement) -> None:
    table = select(tree, "#tid table")[0]
    rows = {
        text_of(select(row, "th")[0]): [text_of(td) for td in select(row, "td")]
        for row in select(table, "tbody tr, tfoot tr")
    }
    assert list(review.profiles) == ["public", "vgr"]
    assert rows["AI-huset: vem gör vad i VGR? endast vgr"][0] == "–"
    target = review.course.meta.duration  # the course's promise, set from the estimate
    for name in review.profiles:
        column = review.profiles.index(name)
        total = f"{review.totals[name]:.1f}".replace(".", ",")
        assert rows["Totalt"][column] == total
        share = round(100 * review.totals[name] / target)
        assert rows[f"Andel av måltiden ({target} min)"][column] == f"{share} %"
    assert f"{target} minuter" in text_of(select(tree, "#tid")[0])
    # the method as the estimator has it (docs/duration.md), not a figure of its own
    assert f"i {WORDS_PER_MINUTE} ord per minut" in text_of(select(tree, "#tid")[0])


def test_discussion_guide(review: Review) -> None:
    guide = lxml.html.fromstring(discussion_guide_html(review))
    prompts = select(guide, "section.prompt")
    assert len(prompts) == len(review.reflections) == 3
    first = text_of(prompts[0])
    assert "Modul: Ansvar och säkerhet" in first
    assert "Sida: Data, modeller och risker" in first
    assert "Avsnitt: Risker och innovation: en balansgång" in first
    assert "Tänk på en arbetsuppgift i din verksamhet" in first
    assert "Tips: Tänk till exempel på patientsäkerhet" in first
    assert all(select(p, ".notes") for p in prompts)
    assert not [e for e in guide.iter() if e.get("src")]
    assert not select(guide, "link, script")


def test_a_review_in_english_shows_the_english_course_texts(review: Review) -> None:
    english = collect(review.course, "en")
    assert english.meta.title == "Introduction to AI"
    assert [m.title for m in english.modules][:3] == [
        "Introduction",
        "The basics",
        "Responsibility and safety",
    ]
    assert english.pages[0].title == "Welcome to the course"
    page = lxml.html.fromstring(review_html(english))
    assert text_of(select(page, "h1")[0]) == "Introduction to AI"
    # the Swedish review is unchanged
    assert review.meta.title == "Introduktionsutbildning i AI"


def test_collect_fills_every_part_of_the_review(review: Review) -> None:
    assert review.lang == "sv"
    assert set(review.resolved) == set(review.profiles) == {"public", "vgr"}
    assert [m.id for m in review.modules] == [m.id for m in review.course.meta.modules]
    assert set(review.totals) == set(review.profiles)
    assert review.diffs and review.content_diffs and review.settings and review.privacy
    assert [r.id for r in review.reflections] == [
        view.block.id for page in review.pages for view in page.blocks if view.type == "reflection"
    ]
    assert len(review.questions) == 16  # both quizzes draw from the bank
