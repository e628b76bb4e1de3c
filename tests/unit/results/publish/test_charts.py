import re

from lxml import etree

from aicourse_build.results.publish import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> etree._Element:
    return etree.fromstring(markup.encode("utf-8"))


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_mark_has_3_to_1_against_the_page_and_text_4_5() -> None:
    for colour in (*charts.PALETTE, charts.PRE, charts.POST, charts.BAR):
        assert contrast(colour) >= 3, colour
    assert contrast(charts.INK) >= 4.5 and contrast(charts.MUTED) >= 4.5


def test_a_chart_is_a_named_image_with_its_data_in_words() -> None:
    rows = [
        charts.Paired("Alla", 40.0, 80.0, "40 %", "80 %"),
        charts.Paired("Få & små", None, None, "–", "–"),
    ]
    svg = parse(charts.paired("k", "Före & efter", "Alla: 40 % före, 80 % efter.", rows))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "k-t" and svg.get("aria-describedby") == "k-d"
    assert svg.find(f"{SVG}title").text == "Före & efter"
    assert svg.find(f"{SVG}desc").text == "Alla: 40 % före, 80 % efter."
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Få & små" in texts and "dolt eller saknas – se tabellen" in texts
    assert "40 % → 80 %" in texts
    # one open circle and one filled square per shown row, plus the legend's
    assert len(list(svg.iter(f"{SVG}circle"))) == 2 and len(list(svg.iter(f"{SVG}rect"))) == 2


def test_survey_steps_differ_by_pattern_and_a_hidden_row_says_so() -> None:
    scale = ["Nej", "Kanske", "Ja"]
    rows = [
        charts.Stacked("Alla", [1.0, 3.0, 6.0], ""),
        charts.Stacked("Få", None, "dolt – för få svar"),
    ]
    svg = parse(charts.stacked("e", "Enkät", "Alla: Nej 10 %, Kanske 30 %, Ja 60 %.", scale, rows))
    patterns = list(svg.iter(f"{SVG}pattern"))
    assert [p.get("id") for p in patterns] == ["e-p0", "e-p1", "e-p2"]
    drawn = [etree.tostring(p) for p in patterns]
    assert len({re.sub(rb'id="[^"]*"|fill="#[0-9a-f]+"', b"", d) for d in drawn}) == 3
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[:3] == scale  # the legend
    assert "60 %" in texts and "30 %" in texts and "10 %" not in texts  # too narrow for a label
    assert "dolt – för få svar" in texts


def test_bars_are_drawn_against_everyone() -> None:
    rows = [charts.Bar("Start", 50.0, "50"), charts.Bar("Slut", None, "– (dolt)")]
    svg = parse(charts.bars("r", "Räckvidd", "Start: 50. Slut: dolt.", rows, 100.0))
    filled = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") == charts.BAR]
    assert len(filled) == 1 and float(filled[0].get("width")) == (charts.WIDTH - 2 * charts.PAD) / 2
    assert "– (dolt)" in [t.text for t in svg.iter(f"{SVG}text")]
