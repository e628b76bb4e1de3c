"""`aicourse review`: the review document and the discussion guide, as HTML and PDF."""

from __future__ import annotations

from pathlib import Path

from aicourse_build.diagnostics import DiagnosticError, Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.review.document import collect, discussion_guide_html, review_html
from aicourse_build.review.pdf import print_pdfs


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def write_review(course_root: Path, out_dir: Path, *, pdf: bool = True) -> list[Path]:
    """Check the course, then write <id>-review.html/.pdf and <id>-discussion-guide.html/.pdf.

    Raises DiagnosticError with every diagnostic (sorted) when the course has errors; nothing is
    written then. Raises review.pdf.PdfError when a PDF is asked for and Chromium is missing.
    """
    report = Report()
    checked = check_course_dir(course_root, report)
    if report.has_errors or checked.course is None:
        raise DiagnosticError(report.sorted())
    review = collect(checked.course)
    out_dir.mkdir(parents=True, exist_ok=True)
    course_id = checked.course.meta.id
    documents = [
        (review_html(review), out_dir / f"{course_id}-review"),
        (discussion_guide_html(review), out_dir / f"{course_id}-discussion-guide"),
    ]
    written = [_write_text(stem.with_suffix(".html"), html) for html, stem in documents]
    if pdf:
        written += print_pdfs([(html, stem.with_suffix(".pdf")) for html, stem in documents])
    return written
