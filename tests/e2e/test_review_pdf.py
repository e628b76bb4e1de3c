"""The review document and the discussion guide printed to PDF by headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.review import write_review
from aicourse_build.review.pdf import CHROMIUM, page_count, pdf_titles

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "content" / "introduktionsutbildning"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Debian's Chromium is missing ({CHROMIUM}); run `make test`", pytrace=False)
    out = tmp_path_factory.mktemp("review")
    return {path.name: path for path in write_review(COURSE, out)}


def test_all_four_files_are_written(printed: dict[str, Path]) -> None:
    assert sorted(printed) == [
        "introduktionsutbildning-discussion-guide.html",
        "introduktionsutbildning-discussion-guide.pdf",
        "introduktionsutbildning-review.html",
        "introduktionsutbildning-review.pdf",
    ]
    assert not [p for p in printed.values() if p.with_name(p.name + ".tmp").exists()]


def test_the_review_pdf(printed: dict[str, Path]) -> None:
    data = printed["introduktionsutbildning-review.pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    # the cover, time, privacy and diff each start a page, and so does every module (7)
    assert page_count(data) > 10
    titles = pdf_titles(data)
    # the document's title and the headings Chromium put in the outline: what was printed
    assert titles[0] == "Granskningsunderlag: Introduktionsutbildning i AI"
    for heading in (
        "Beräknad tid",
        "Integritet: vilka uppgifter varje profil skickar",
        "Skillnader mellan profilerna",
        "Det här ser en vgr-deltagare men inte en public-deltagare",
        "Modul 1: Introduktion",
        "Modul 6: AI-huset: vem gör vad i VGR? endast vgr",
        "Modul 7: Sista delen",
        "Testa din AI-kunskap igen",
        "Om du har en idé – vart vänder du dig?",
    ):
        assert heading in titles
    html = printed["introduktionsutbildning-review.html"].read_text(encoding="utf-8")
    for text in ("✔ Rätt svar", "endast public", "stannar i deltagarens webbläsare"):
        assert text in html


def test_the_discussion_guide_pdf(printed: dict[str, Path]) -> None:
    data = printed["introduktionsutbildning-discussion-guide.pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    # one reflection per page, the first under the introduction
    assert page_count(data) == 3
    titles = pdf_titles(data)
    assert titles[0] == "Diskussionsunderlag: Introduktionsutbildning i AI"
    assert {"Fråga 1", "Fråga 2", "Fråga 3"} <= set(titles)


def test_the_changes_since_an_earlier_version_are_printed(
    small_course: Path, tmp_path: Path
) -> None:
    """`review --since`: the summary and the marks reach the PDF (printed from the same HTML)."""
    import shutil

    old = shutil.copytree(small_course, tmp_path / "v1")
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text(encoding="utf-8").replace("grunderna", "det viktigaste"))
    written = {p.name: p for p in write_review(small_course, tmp_path / "out", since=str(old))}
    titles = pdf_titles(written["minikurs-review.pdf"].read_bytes())
    assert "Ändringar sedan version 1.0.0" in titles
    assert "Ändrade sidor (1)" in titles
    assert "Start Ändrad sida" in titles  # the page's heading carries its mark in words
