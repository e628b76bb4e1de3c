"""The review document and the discussion guide for the default course."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.pipeline import check_course_dir
from aicourse_build.review.document import (
    Presence,
    Review,
    collect,
    discussion_guide_html,
    quiz_questions,
    review_html,
)

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"


@pytest.fixture(scope="module")
def review() -> Review:
    report = Report()
    checked = check_course_dir(COURSE, report)
    assert not report.has_errors
    assert checked.course is not None
    return collect(checked.course)


@pytest.fixture(scope="module")
def html(review: Review) -> str:
    return review_html(review)


@pytest.fixture(scope="module")
def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


_SIMPLE = re.compile(r'^([a-z0-9]*)((?:[#.][\w-]+)*)(?:\[(\w+)="([^"]*)"\])?$')


def _xpath(selector: str) -> str:
    """The few CSS selectors these tests use, as XPath (lxml's cssselect is not installed)."""
    paths = []
    for part in selector.split(","):
        path, axis = ".", "//"
        for token in part.split():
            if token == ">":
                axis = "/"
                continue
            match = _SIMPLE.match(token)
            assert match, token
            tag, rest, attr, value = match.groups()
            tests = []
            for kind, name in re.findall(r"([#.])([\w-]+)", rest):
                if kind == "#":
                    tests.append(f"@id='{name}'")
                else:
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
            if attr:
                tests.append(f"@{attr}='{value}'")
            path += axis + (tag or "*") + "".join(f"[{t}]" for t in tests)
            axis = "//"
        paths.append(path)
    return " | ".join(paths)


def _css(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = element.xpath(_xpath(selector))
    return found


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", text).split())


def test_every_page_in_order_with_its_module(review: Review, tree: lxml.html.HtmlElement) -> None:
    expected = [pid for m in review.course.meta.modules for pid in m.pages]
    found = [a.get("id").removeprefix("sida-") for a in _css(tree, "article.page")]
    assert found == expected
    for page_id in expected:
        page = review.course.page(page_id, "sv")
        assert page is not None
        heading = _css(tree, f"#sida-{page_id} > h3")[0]
        assert _text(heading).startswith(page.meta.title)
    modules = [_text(h) for h in _css(tree, "section.module > h2")]
    assert len(modules) == len(review.course.meta.modules)
    assert modules[5].startswith("Modul 6: AI-huset: vem gör vad i VGR?")


def test_every_question_with_its_correct_answers_marked(
    review: Review, tree: lxml.html.HtmlElement
) -> None:
    quizzes = [
        view.block
        for page in review.pages
        for view in page.blocks
        if isinstance(view.block, QuizBlock)
    ]
    assert len(quizzes) == 2  # before and after, both from the bank
    rendered = _css(tree, "div.question")
    questions = [q for quiz in quizzes for q in quiz_questions(review, quiz)]
    assert len(questions) == 16
    assert len(rendered) == len(questions)
    for question, element in zip(questions, rendered, strict=True):
        assert _norm(question.prompt) in _text(_css(element, ".q-prompt")[0])
        correct = [_text(row) for row in _css(element, "tr.correct")]
        if question.type in ("single", "multiple"):
            right = [question.answer] if question.type == "single" else question.answer
            texts = [_norm(c.text) for c in question.choices if c.id in right]
            assert len(correct) == len(texts)
            for text, row in zip(texts, correct, strict=True):
                assert "Rätt svar" in row
                assert text in row
            wrong = _css(element, "tr.wrong")
            assert len(wrong) == len(question.choices) - len(texts)
            for choice in question.choices:
                if choice.feedback:
                    assert _norm(choice.feedback) in _text(element)
        elif question.type == "truefalse":
            assert correct == [f"✔ Rätt svar {'Sant' if question.answer else 'Falskt'}"]
        elif question.type == "ordering":
            by_id = {c.id: _norm(c.text) for c in question.choices}
            items = [_text(li) for li in _css(element, "ol.ordering > li")]
            assert all(i.startswith(by_id[a]) for a, i in zip(question.answer, items, strict=True))
        elif question.type == "matching":
            by_id = {c.id: _norm(c.text) for c in question.choices}
            prompts = {p.id: _norm(p.text) for p in question.prompts}
            for (prompt_id, choice_id), row in zip(question.answer.items(), correct, strict=True):
                assert prompts[prompt_id] in row
                assert by_id[choice_id] in row
        if question.feedback and question.feedback.correct:
            assert _norm(question.feedback.correct) in _text(element)
        if question.feedback and question.feedback.incorrect:
            assert _norm(question.feedback.incorrect) in _text(element)
    types = {q.type for q in questions}
    assert {"single", "multiple", "truefalse", "ordering", "matching"} <= types
    assert "Avgör godkänt: minst 75 % rätt" in _text(tree)


def test_profile_markers(tree: lxml.html.HtmlElement) -> None:
    module = _css(tree, "#modul-vem-gor-vad > h2 .marker")
    assert [_text(m) for m in module] == ["endast vgr"]
    assert "only: vgr" in module[0].get("title")
    page = _css(tree, "#sida-ai-huset > h3 .marker")
    assert [_text(m) for m in page] == ["endast vgr"]
    idea = _css(tree, "#sida-om-du-har-en-ide .block.conditional")
    markers = [_text(_css(b, ".block-marker")[0]) for b in idea]
    assert markers == ["endast vgr", "endast public", "endast vgr", "endast vgr"]
    assert "Testa AI-verktyg" in _text(idea[-1])
    public = _text(idea[1])
    assert "Så tar du idén vidare" in public
    assert "AI Swedens webbplats" in public
    # no marker on what every profile keeps
    assert not _css(tree, "#sida-vad-ar-ai .marker")


def test_variants_of_a_block_that_reads_differently(tree: lxml.html.HtmlElement) -> None:
    labels = [_text(v) for v in _css(tree, "#sida-om-du-har-en-ide .variant-label")]
    assert labels == ["I public:", "I vgr:"]
    variants = [_text(v) for v in _css(tree, "#sida-om-du-har-en-ide .variant")]
    assert "AI Sweden, https://www.ai.se/" in variants[0]
    assert "VGR Akademin, vgrakademin@vgregion.se" in variants[1]
    survey = _text(_css(tree, "#sida-avslutning")[0])
    assert "https://forms.office.com/e/aicourse-intro" in survey
    assert "Instämmer helt" in survey  # the built-in survey of vgr


def test_estimated_time_per_module_and_profile(review: Review, tree: lxml.html.HtmlElement) -> None:
    table = _css(tree, "#tid table")[0]
    rows = {
        _text(_css(row, "th")[0]): [_text(td) for td in _css(row, "td")]
        for row in _css(table, "tbody tr, tfoot tr")
    }
    assert list(review.profiles) == ["public", "vgr"]
    assert rows["AI-huset: vem gör vad i VGR? endast vgr"][0] == "–"
    for name in review.profiles:
        column = review.profiles.index(name)
        total = f"{review.totals[name]:.1f}".replace(".", ",")
        assert rows["Totalt"][column] == total
        share = round(100 * review.totals[name] / 35)
        assert rows["Andel av måltiden (35 min)"][column] == f"{share} %"
    assert "35 minuter" in _text(_css(tree, "#tid")[0])


def test_privacy_summary(tree: lxml.html.HtmlElement) -> None:
    rows = {
        _text(_css(row, "th")[0]): [_text(td) for td in _css(row, "td")]
        for row in _css(tree, "#integritet tbody tr")
    }
    public, vgr = rows["Fritextsvar (reflektioner, enkätkommentarer)"]
    assert public.startswith("stannar i deltagarens webbläsare")
    assert vgr.startswith("skickas till lärplattformen")
    assert "reflektion-risker" in vgr
    public, vgr = rows["Identitet"]
    assert public.startswith("anonym")
    assert vgr.startswith("deltagarens identitet")
    assert rows["Yrkesgrupp (frivillig självrapport)"][0].startswith("skickas")
    public, vgr = rows["Kursenkät"]
    assert "https://forms.office.com/e/aicourse-intro" in public
    assert vgr.startswith("inbyggd")
    public, vgr = rows["Format och mottagare"]
    assert "xAPI" in public
    assert "LRS" in public
    assert vgr.startswith("SCORM 1.2")


def test_profile_diff(tree: lxml.html.HtmlElement) -> None:
    section = _css(tree, "#skillnader")[0]
    headings = [_text(h) for h in _css(section, "h3")]
    lists = _css(section, "ul.diff")
    public_only = _text(
        lists[headings.index("Det här ser en public-deltagare men inte en vgr-deltagare")]
    )
    vgr_only = _text(
        lists[headings.index("Det här ser en vgr-deltagare men inte en public-deltagare")]
    )
    assert "hela modulen “AI-huset: vem gör vad i VGR?”" in vgr_only
    assert "testa-ai-verktyg" in vgr_only
    assert "Så tar du idén vidare i VGR" in vgr_only
    assert "AI-huset" not in public_only
    assert "Så tar du idén vidare Börja i din egen organisation" in public_only
    changed = _text(lists[headings.index("Samma innehåll, olika text")])
    assert "Kontakter" in changed
    assert "kursenkat" in changed
    settings = {
        _text(_css(row, "th")[0]): [_text(td) for td in _css(row, "td")]
        for row in _css(section, "table.settings tbody tr")
    }
    assert settings["Variabel organisation"] == ["din organisation", "Västra Götalandsregionen"]
    assert "AI Sweden" in settings["Kontakt course"][0]
    assert "VGR Akademin" in settings["Kontakt course"][1]
    assert settings["Format"] == ["SCORM 2004, cmi5, xAPI", "SCORM 1.2"]


def test_the_document_fetches_nothing(html: str, tree: lxml.html.HtmlElement) -> None:
    sources = [e.get("src") for e in tree.iter() if e.get("src") is not None]
    assert sources  # the course's SVG images are inlined
    assert all(s.startswith("data:") for s in sources)
    assert any(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert not _css(tree, "link, script, iframe, object, embed, video, audio, source")
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
    # links (not fetched) stay, e.g. to the external survey
    assert _css(tree, 'a[href="https://forms.office.com/e/aicourse-intro"]')


def test_discussion_guide(review: Review) -> None:
    guide = lxml.html.fromstring(discussion_guide_html(review))
    prompts = _css(guide, "section.prompt")
    assert len(prompts) == len(review.reflections) == 3
    first = _text(prompts[0])
    assert "Modul: Ansvarsfull AI" in first
    assert "Sida: Data, modeller och risker" in first
    assert "Avsnitt: Risker och innovation: en balansgång" in first
    assert "Tänk på en arbetsuppgift i din verksamhet" in first
    assert "Tips: Tänk till exempel på patientsäkerhet" in first
    assert all(_css(p, ".notes") for p in prompts)
    assert not [e for e in guide.iter() if e.get("src")]
    assert not _css(guide, "link, script")


def test_presence_marker() -> None:
    assert Presence(("vgr", "public"), ("public", "vgr")).marker is None
    assert Presence(("vgr",), ("public", "vgr")).marker == "endast vgr"
    assert Presence((), ("public", "vgr")).marker == "utelämnas i alla profiler"
    three = Presence(("a", "b"), ("a", "b", "c"), (("c", "only: a, b"),))
    assert three.marker == "endast a och b"
    assert three.why == "c: only: a, b"


def test_a_review_in_english_shows_the_english_course_texts(review: Review) -> None:
    english = collect(review.course, "en")
    assert english.meta.title == "Introduction to AI"
    assert [m.title for m in english.modules][:3] == [
        "Introduction",
        "What is AI?",
        "Responsible AI",
    ]
    assert english.pages[0].title == "Welcome to the course"
    page = lxml.html.fromstring(review_html(english))
    assert _text(_css(page, "h1")[0]) == "Introduction to AI"
    # the Swedish review is unchanged
    assert review.meta.title == "Introduktionsutbildning i AI"
