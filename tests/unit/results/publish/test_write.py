import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.model import Results
from aicourse_build.results.publish import publish, write
from aicourse_build.review.pdf import PdfError

NAMES = ["groups.csv", "questions.csv", "reach.csv", "results.html", "results.json", "survey.csv"]


def test_publish_writes_every_file_and_no_temporary_one(
    results: Results, catalogue: Catalogue, tmp_path: Path
) -> None:
    out = tmp_path / "rapport"
    written = publish(results, out, pdf=False, catalogue=catalogue)
    assert [p.name for p in written][:2] == ["results.html", "results.json"]
    assert sorted(p.name for p in out.iterdir()) == NAMES
    assert (
        json.loads((out / "results.json").read_text(encoding="utf-8"))["course"]["version"] == "1.2"
    )
    assert "Ett program som följer regler" in (out / "results.html").read_text(encoding="utf-8")


def test_the_pdf_is_printed_by_the_review_and_put_second(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[str] = []

    def fake_print(jobs: Sequence[tuple[str, Path]]) -> list[Path]:
        for html, path in jobs:
            printed.append(html)
            path.write_bytes(b"%PDF-1.7\n%%EOF\n")
        return [path for _, path in jobs]

    monkeypatch.setattr(write, "print_pdfs", fake_print)
    written = publish(results, tmp_path)
    assert [p.name for p in written][:2] == ["results.html", "results.pdf"]
    assert printed == [(tmp_path / "results.html").read_text(encoding="utf-8")]


def test_a_failure_before_the_renames_leaves_the_previous_report(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "results.html").write_text("förra rapporten", encoding="utf-8")

    def no_chromium(jobs: Sequence[tuple[str, Path]]) -> list[Path]:
        raise PdfError("Chromium is needed for the PDF")

    monkeypatch.setattr(write, "print_pdfs", no_chromium)
    with pytest.raises(PdfError):
        publish(results, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["results.html"]
    assert (tmp_path / "results.html").read_text(encoding="utf-8") == "förra rapporten"
