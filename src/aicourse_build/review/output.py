"""`aicourse review`: the review document and the discussion guide, as HTML and PDF."""

from __future__ import annotations

from pathlib import Path

from aicourse_build.diagnostics import DiagnosticError, Report
from aicourse_build.diff.sources import temporary
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.review import changes, summary
from aicourse_build.review.document import Review, collect, discussion_guide_html, review_html
from aicourse_build.review.pdf import print_pdfs
from aicourse_build.review.since import footprints_of_check, read_before, texts_of_check


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def write_review(
    course_root: Path, out_dir: Path, *, pdf: bool = True, since: str | None = None
) -> list[Path]:
    """Check the course, then write <id>-review.html/.pdf and <id>-discussion-guide.html/.pdf.

    `since`: an earlier version (git revision, build report, package zip, manuscript folder) whose
    changes the review shows. Raises DiagnosticError with every diagnostic (sorted) when the course
    has errors, since.SinceError when `since` cannot be used; nothing is written then. Raises
    review.pdf.PdfError when a PDF is asked for and Chromium is missing.
    """
    report = Report()
    checked = check_course_dir(course_root, report)
    if report.has_errors or checked.course is None:
        raise DiagnosticError(report.sorted())
    review = collect_since(checked, course_root, since) if since else collect(checked.course)
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


def collect_since(checked: CourseCheck, course_root: Path, since: str) -> Review:
    """The review with what changed since an earlier version: its questions marked as they are
    rendered, then the summary, with the earlier manuscript's texts when it is one."""
    course = checked.course
    assert course is not None
    with temporary() as work:  # a revision's files, gone once the review is gathered
        before = read_before(since, course_root, course.meta.id, Path(work))
        after = footprints_of_check(checked)
        compared = changes.compare(before.footprints, after, course.meta.language)
        review = collect(course, compared=compared)
        old = collect(before.course) if before.course is not None else None
        packages = texts_of_check(checked) if before.packages is not None else None
        review.changes = summary.summarise(review, compared, before, old, packages)
    return review
