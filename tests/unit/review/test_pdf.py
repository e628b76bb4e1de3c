"""Helpers of the PDF printing that need no browser; printing itself is in tests/e2e."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.review import pdf


def test_page_count_counts_page_objects_not_the_page_tree() -> None:
    data = (
        b"%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n"
        b"2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n"
    )
    assert pdf.page_count(data) == 2


def test_titles_in_hex_and_literal_strings() -> None:
    heading = "Modul 1: Vad är AI?"
    hex_title = (b"\xfe\xff" + heading.encode("utf-16-be")).hex().upper().encode()
    data = (
        b"1 0 obj <</Title <" + hex_title + b"> /Parent 2 0 R>> endobj\n"
        b"2 0 obj <</Title (Granskning \\(utkast\\)\\051) /Count 1>> endobj\n"
    )
    assert pdf.pdf_titles(data) == [heading, "Granskning (utkast))"]


def test_missing_chromium_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pdf.PdfError, match="Chromium"):
        pdf.print_pdfs([("<p>x</p>", tmp_path / "x.pdf")])
    assert not (tmp_path / "x.pdf").exists()
