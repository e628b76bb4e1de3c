"""The results report in Chromium: axe-core at a phone's and a desktop's width, no sideways
scrolling on the phone, nothing fetched, and the PDF printed through the review's printing.

The report is published from the hand-made results of tests/unit/results/publish (hidden
figures of every kind); screenshots go to /tmp/results-report-<width>.png for a look.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from lms import AXE
from playwright.sync_api import Browser

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.results.catalogue import catalogue_of
from aicourse_build.results.publish import publish
from aicourse_build.review.pdf import page_count, pdf_titles

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "unit" / "results" / "publish"))

from results_sample import sample_results  # noqa: E402

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")
AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' '))
  }));
}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("results")
    catalogue = catalogue_of(
        check_course_dir(REPO / "content" / "introduktionsutbildning", Report())
    )
    return {p.name: p for p in publish(sample_results(), out, catalogue=catalogue)}


def test_the_pdf_has_the_reports_pages(report: dict[str, Path]) -> None:
    data = report["results.pdf"].read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert page_count(data) >= 6  # every section of the report starts a page
    titles = pdf_titles(data)
    assert titles[0] == "Resultat: Introduktionsutbildning i AI"
    for heading in ("Så läser du rapporten", "Kunskap före och efter", "Enkäten", "Tid i kursen"):
        assert heading in titles


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_serious_and_a_phone_needs_no_sideways_scroll(
    browser: Browser, report: dict[str, Path], width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url))
    try:
        page = context.new_page()
        page.goto(report["results.html"].as_uri())
        page.screenshot(path=f"/tmp/results-report-{width}.png", full_page=True)
        page.add_script_tag(path=str(AXE))
        violations: list[dict[str, Any]] = page.evaluate(AXE_RUN)
        scroll = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        context.close()
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — {'; '.join(v['nodes'][:4])}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []
    assert scroll[0] <= scroll[1], f"{scroll[0]} px wide in a {scroll[1]} px window"
    assert [url for url in fetched if not url.startswith("file:")] == []
