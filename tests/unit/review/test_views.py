"""What is where: presence and markers of modules, pages and blocks, variants of a block that
reads differently, and where each reflection stands."""

from __future__ import annotations

import lxml.html
from html_query import select, text_of

from aicourse_build.review.document import Review
from aicourse_build.review.views import Presence, quiz_questions, reflections


def test_presence_marker() -> None:
    assert Presence(("vgr", "public"), ("public", "vgr")).marker is None
    assert Presence(("vgr",), ("public", "vgr")).marker == "endast vgr"
    assert Presence((), ("public", "vgr")).marker == "utelämnas i alla profiler"
    three = Presence(("a", "b"), ("a", "b", "c"), (("c", "only: a, b"),))
    assert three.marker == "endast a och b"
    assert three.why == "c: only: a, b"


def test_profile_markers(tree: lxml.html.HtmlElement) -> None:
    module = select(tree, "#modul-vem-gor-vad > h2 .marker")
    assert [text_of(m) for m in module] == ["endast vgr"]
    assert "only: vgr" in module[0].get("title")
    page = select(tree, "#sida-ai-huset > h3 .marker")
    assert [text_of(m) for m in page] == ["endast vgr"]
    idea = select(tree, "#sida-om-du-har-en-ide .block.conditional")
    markers = [text_of(select(b, ".block-marker")[0]) for b in idea]
    assert markers == ["endast vgr", "endast public", "endast vgr"]
    assert "Testa AI-verktyg" in text_of(idea[-1])
    public = text_of(idea[1])
    assert "Så tar du idén vidare" in public
    assert "AI Swedens webbplats" in public
    # no marker on what every profile keeps
    assert not select(tree, "#sida-vad-ar-ai .marker")


def test_variants_of_a_block_that_reads_differently(tree: lxml.html.HtmlElement) -> None:
    labels = [text_of(v) for v in select(tree, "#sida-om-du-har-en-ide .variant-label")]
    assert labels == ["I public:", "I vgr:"]
    variants = [text_of(v) for v in select(tree, "#sida-om-du-har-en-ide .variant")]
    assert "AI Sweden, https://www.ai.se/" in variants[0]
    assert "VGR Akademin, vgrakademin@vgregion.se" in variants[1]
    survey = text_of(select(tree, "#sida-avslutning")[0])
    assert "https://forms.office.com/e/aicourse-intro" in survey
    assert "Instämmer helt" in survey  # the built-in survey of vgr


def test_why_a_profile_leaves_an_element_out(review: Review) -> None:
    module = next(m for m in review.modules if m.id == "vem-gor-vad")
    assert module.presence.kept == ("vgr",)
    assert module.presence.why.startswith("public: only: vgr")
    assert not module.minutes.get("public")
    page = next(p for p in module.pages if p.id == "ai-huset")
    assert page.presence.kept == ("vgr",)
    assert all(b.presence.kept in ((), ("vgr",)) for b in page.blocks)


def test_each_reflection_with_its_module_page_and_section(review: Review) -> None:
    found = reflections(review.pages)
    assert found == review.reflections
    first = found[0]
    assert (first.module, first.page) == ("Ansvar och säkerhet", "Data, modeller och risker")
    assert first.section == "Risker och innovation: en balansgång"
    assert first.presence.everywhere


def test_quiz_questions_come_from_the_quiz_or_its_bank(review: Review) -> None:
    for quiz, question in review.questions:
        assert question in quiz_questions(review, quiz)
        assert quiz.bank is not None or quiz.questions is not None
