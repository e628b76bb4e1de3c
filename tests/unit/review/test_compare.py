"""How the profiles differ: what one shows that another does not, the settings, privacy rows."""

from __future__ import annotations

import lxml.html
from html_query import select, text_of

from aicourse_build.review.compare import content_diffs, profile_diffs
from aicourse_build.review.document import Review


def test_privacy_summary(tree: lxml.html.HtmlElement) -> None:
    rows = {
        text_of(select(row, "th")[0]): [text_of(td) for td in select(row, "td")]
        for row in select(tree, "#integritet tbody tr")
    }
    public, vgr = rows["Fritextsvar (reflektioner, enkätkommentarer)"]
    assert public.startswith("stannar i deltagarens webbläsare")
    assert vgr.startswith("skickas till lärplattformen")
    assert "reflektion-risker" in vgr
    # how much of each answer is kept, and the vgr note, as check says it (free_text.py)
    assert "varje fält tar högst 255 tecken" in vgr
    assert "vid varje fält står: ”Skriv inga patientuppgifter eller namn.”" in vgr
    assert "högst 4000 tecken" in public
    assert "vid varje fält" not in public
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
    section = select(tree, "#skillnader")[0]
    headings = [text_of(h) for h in select(section, "h3")]
    lists = select(section, "ul.diff")
    public_only = text_of(
        lists[headings.index("Det här ser en public-deltagare men inte en vgr-deltagare")]
    )
    vgr_only = text_of(
        lists[headings.index("Det här ser en vgr-deltagare men inte en public-deltagare")]
    )
    assert "hela modulen “AI-huset: vem gör vad i VGR?”" in vgr_only
    assert "testa-ai-verktyg" in vgr_only
    assert "Så tar du idén vidare i VGR" in vgr_only
    assert "AI-huset" not in public_only
    assert "Så tar du idén vidare Börja i din egen organisation" in public_only
    changed = text_of(lists[headings.index("Samma innehåll, olika text")])
    assert "Kontakter" in changed
    assert "kursenkat" in changed
    settings = {
        text_of(select(row, "th")[0]): [text_of(td) for td in select(row, "td")]
        for row in select(section, "table.settings tbody tr")
    }
    assert settings["Variabel organisation"] == ["din organisation", "Västra Götalandsregionen"]
    assert "AI Sweden" in settings["Kontakt course"][0]
    assert "VGR Akademin" in settings["Kontakt course"][1]
    assert settings["Format"] == ["SCORM 2004, cmi5, xAPI", "SCORM 1.2"]


def test_a_diff_for_each_ordered_pair_of_profiles(review: Review) -> None:
    diffs = profile_diffs(review.profiles, review.modules)
    assert [(d.shown, d.other) for d in diffs] == [("public", "vgr"), ("vgr", "public")]
    assert diffs == review.diffs
    vgr_only = diffs[1].items
    [module] = [i for i in vgr_only if i.kind == "modul"]
    assert module.text == "hela modulen “AI-huset: vem gör vad i VGR?”"
    # the pages and blocks of a module only vgr keeps are not listed one by one
    assert [i for i in vgr_only if i.where == module.where] == [module]
    assert {i.kind for i in diffs[0].items} == {"block"}
    assert profile_diffs(["public"], review.modules) == []


def test_content_diffs_are_the_blocks_with_more_than_one_reading(review: Review) -> None:
    pairs = content_diffs(review.pages)
    assert pairs == review.content_diffs
    assert pairs
    assert all(len(view.variants) > 1 for _, view in pairs)
