import itertools
import re

import lxml.html
from lxml.html import HtmlElement

from aicourse_build.results.model import Figure, Results
from aicourse_build.results.publish.data import published
from aicourse_build.results.publish.html import render_html
from aicourse_build.results.publish.text import HIDDEN


def text(element: HtmlElement) -> str:
    """The text, white space collapsed (but not the non-breaking spaces the report writes)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def row(tree: HtmlElement, caption: str, label: str) -> list[HtmlElement]:
    table = tree.xpath(f"//table[caption[starts-with(., '{caption}')]]")[0]
    found = [tr for tr in table.iter("tr") if tr[0].tag == "th" and text(tr[0]) == label]
    assert found, f"no row {label!r} in {caption!r}"
    return list(found[0])[1:]


def test_a_self_contained_swedish_document_with_landmarks(html: str, tree: HtmlElement) -> None:
    assert tree.get("lang") == "sv"
    assert not tree.xpath("//script | //link | //iframe | //img")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "@media print" in html and "@page" in html
    assert len(tree.xpath("//main")) == 1
    assert (
        tree.xpath("//header") and tree.xpath("//footer") and tree.xpath("//nav[@aria-labelledby]")
    )
    assert tree.findtext(".//title") == "Resultat: Introduktionsutbildning i AI"
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    for href in tree.xpath("//a/@href"):
        assert href.startswith("#") and href[1:] in ids, href


def test_headings_go_down_one_level_at_a_time(tree: HtmlElement) -> None:
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    headings = [text(h) for h in tree.iter("h2")]
    for wanted in ("Så läser du rapporten", "Vad som lästes", "Kunskap före och efter", "Enkäten"):
        assert wanted in headings


def test_every_chart_is_a_named_image_next_to_its_table(tree: HtmlElement) -> None:
    charts = list(tree.iter("svg"))
    assert len(charts) == 5  # knowledge per profession, questions, two survey items, reach
    for svg in charts:
        assert svg.get("role") == "img"
        name = tree.get_element_by_id(svg.get("aria-labelledby"))
        summary = tree.get_element_by_id(svg.get("aria-describedby"))
        assert name.tag == "title" and text(name)
        assert summary.tag == "desc" and len(text(summary)) > len(text(name))
        box = svg.getparent().getparent()
        assert box.get("class") == "chart-and-table"
        table = box.find(".//table")
        assert table is not None and text(table.find("caption"))
    for table in tree.iter("table"):
        assert text(table.find("caption"))
        assert all(th.get("scope") in ("col", "colgroup", "row") for th in table.iter("th"))


def test_a_chart_says_its_data_in_words(tree: HtmlElement) -> None:
    summary = text(tree.get_element_by_id("kunskap-yrkesgrupp-d"))
    assert "Alla deltagare: före 48,5\xa0%, efter 77,2\xa0%." in summary
    assert "Barnmorskor: före dolt, efter dolt." in summary


def test_a_hidden_cell_is_a_dash_with_a_note_never_a_number(tree: HtmlElement) -> None:
    hidden = tree.xpath("//td[contains(@class, 'dolt')]")
    assert hidden
    for cell in hidden:
        visible = cell.xpath("./span[@aria-hidden='true']")[0]
        assert text(visible) == HIDDEN
        assert not re.search(r"\d", text(visible))
        link = cell.xpath(".//a")[0]
        note = tree.get_element_by_id(link.get("href")[1:])
        number = text(link).split()[-1]
        assert text(note).startswith(f"{number} Dolt:")
    # undersköterskor: seven learners shown, means hidden, nobody worse (a hidden zero)
    learners, pre, post, gain, effect, improved, unchanged, worse = row(
        tree, "Kunskap före och efter", "Undersköterskor"
    )
    assert text(learners) == "7" and text(improved) == "5"
    for cell in (pre, post, gain, effect, unchanged, worse):
        assert "dolt" in cell.get("class") and text(cell).startswith(HIDDEN)
        assert text(cell) != "0"
    assert "färre än 10 deltagare" in text(tree.get_element_by_id(pre.xpath(".//a/@href")[0][1:]))
    note = tree.get_element_by_id(unchanged.xpath(".//a/@href")[0][1:])
    assert "annat dolt värde" in text(note)
    # barnmorskor: all hidden, their count too
    assert all("dolt" in c.get("class") for c in row(tree, "Kunskap före och efter", "Barnmorskor"))


def test_no_hidden_value_is_printed(html: str) -> None:
    for hidden in ("41,0", "33,3", "66,7", "3,67"):  # hidden means of the sample
        assert hidden not in html


def test_one_number_per_reason_listed_in_each_section(tree: HtmlElement) -> None:
    notes = {n.get("id"): text(n) for n in tree.xpath("//p[@class='note']")}
    assert notes["not-kunskap-1"].startswith("1 Dolt: färre än 10 deltagare")
    assert notes["not-kunskap-3"].startswith("3 Dolt: färre än 5 deltagare")
    assert notes["not-enkat-3"] == notes["not-kunskap-3"].replace("kunskap", "enkat")
    assert "not-tid-1" not in notes  # a section without hidden figures has no notes


def test_the_questions(tree: HtmlElement) -> None:
    answered_pre, _, right_pre, right_post, disc_pre, _, flag = row(
        tree, "Frågorna före", "2. En stor språkmodell kontrollerar att svaren är sanna."
    )
    assert text(answered_pre) == "64" and text(right_pre) == "92\xa0%"
    assert text(right_post) == "95\xa0%"
    # no coefficient from 64 learners: "..", with a note that says why, and not "hidden"
    assert "saknas" in disc_pre.get("class") and text(disc_pre).startswith("..")
    note = tree.get_element_by_id(disc_pre.xpath(".//a/@href")[0][1:])
    assert text(note).endswith("Ej beräknat: färre än 100 deltagare, för få för ett säkert värde.")
    assert text(flag) == "Redan känd"
    wrong = row(
        tree,
        "Fel svar på fråga 1",
        "Ett program som följer regler som en programmerare har skrivit steg för steg.",
    )
    assert [text(c) for c in wrong] == ["20", "6"]
    assert row(tree, "Fel svar på fråga 2", "Sant")
    explained = text(tree.xpath("//dl[@class='flags']")[0])
    assert "Redan känd" in explained and "Inte lärd" in explained


def test_survey_reflections_reach_and_time(tree: HtmlElement) -> None:
    everyone = row(tree, "Antal svar per alternativ: ”Innehållet", "Alla deltagare")
    assert [text(c) for c in everyone] == ["2", "5", "9", "20", "24", "4,0"]
    not_stated = row(tree, "Antal svar per alternativ: ”Innehållet", "Ej angivet")
    assert [text(c)[:1] for c in not_stated][:3] == [HIDDEN, HIDDEN, "5"]
    reflections = tree.xpath("//table[caption='Svarade på reflektionsfrågorna']//td")
    assert [text(c)[:2] for c in reflections] == ["23", "17", f"{HIDDEN}d"]  # "–dolt, se not"
    assert [text(c) for c in row(tree, "Deltagare som nådde", "Avslutning")] == ["50", "70\xa0%"]
    assert "31,5\xa0min" in text(tree.get_element_by_id("tid"))


def test_how_to_read_it(tree: HtmlElement) -> None:
    guide = text(tree.get_element_by_id("las"))
    for words in ("Normaliserad vinst", "Effektstorlek", "dolt", "inte att det är noll"):
        assert words in guide
    assert "Antal visas från 5 deltagare, medelvärden och andelar från 10" in guide


def test_a_group_nobody_belongs_to_is_in_the_table_but_not_in_the_chart(
    tree: HtmlElement,
) -> None:
    learners, pre, *_, improved, _same, worse = row(tree, "Kunskap före och efter", "Psykologer")
    assert [text(c) for c in (learners, pre, improved, worse)] == ["0", "..", "0", "0"]
    chart = text(tree.get_element_by_id("kunskap-yrkesgrupp-d"))
    assert chart.endswith("Inga deltagare: Psykologer.")
    assert "Psykologer" not in [
        text(t) for t in tree.get_element_by_id("kunskap-yrkesgrupp-t").getparent().iter("text")
    ]
    survey = text(tree.get_element_by_id("enkat-1-d"))
    assert survey.endswith("Inga svar: Psykologer.")


def test_input_not_used_and_sources_in_swedish(tree: HtmlElement) -> None:
    read = text(tree.get_element_by_id("underlag"))
    assert "2 × nedladdad rapport från lärplattformen" in read
    assert "1 × fil med xAPI-uttryck" in read
    assert "en annan version av kurspaketet (1.1)" in read
    assert "eftertest utan förtest (kan inte jämföras)" in read
    assert "a reason nobody translated" in read


def test_a_value_that_could_not_be_computed_is_not_a_dash(results: Results) -> None:
    results.time_minutes = Figure(None, 0)
    results.learners = Figure(71, 71, suppressed=True, reason="fewer than 5")
    tree = lxml.html.document_fromstring(render_html(published(results)))
    assert text(tree.get_element_by_id("tid")).count("..") == 1
    # without every learner shown, no share of them is printed
    assert text(row(tree, "Deltagare som nådde", "Avslutning")[1]) == ".."
