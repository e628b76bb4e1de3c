"""Writing the report: every file to a temporary folder inside `out` first, then each renamed
into place, so a failure (Chromium missing, a disk full) leaves the previous report whole."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from aicourse_build.results.model import Results
from aicourse_build.results.publish.data import published, to_json
from aicourse_build.results.publish.html import render_html
from aicourse_build.results.publish.tables import csv_files
from aicourse_build.review.pdf import print_pdfs

if TYPE_CHECKING:
    from aicourse_build.results.catalogue import Catalogue


def publish(
    results: Results, out: Path, pdf: bool = True, *, catalogue: Catalogue | None = None
) -> list[Path]:
    """Write results.html, results.pdf (unless `pdf` is False), results.json and groups.csv,
    questions.csv, survey.csv, reach.csv into `out`; returns the paths written, in that order.

    `catalogue` (the course's, results/catalogue.py) gives the texts the results name by id
    only: the choices of a wrong answer, the reflection questions, the dimensions' names.
    Raises review.pdf.PdfError when a PDF is asked for and Chromium is missing; then nothing
    is written.
    """
    document = published(results, catalogue)
    html = render_html(document)
    files: dict[str, bytes] = {
        "results.html": html.encode("utf-8"),
        "results.json": to_json(document).encode("utf-8"),
        **csv_files(document),
    }
    out.mkdir(parents=True, exist_ok=True)
    # in `out` itself, so that each rename below stays on one file system (atomic)
    staging = Path(tempfile.mkdtemp(prefix=".results-", dir=out))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        names = list(files)
        if pdf:
            print_pdfs([(html, staging / "results.pdf")])
            names.insert(1, "results.pdf")
        written = []
        for name in names:
            (staging / name).replace(out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
