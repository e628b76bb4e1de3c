"""The review of the default course and its HTML; html_query (next to this file) looks into it."""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.review.document import Review, collect, review_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"


@pytest.fixture(scope="session")
def review() -> Review:
    """The review of the default course, in Swedish."""
    report = Report()
    checked = check_course_dir(COURSE, report)
    assert not report.has_errors
    assert checked.course is not None
    return collect(checked.course)


@pytest.fixture(scope="session")
def html(review: Review) -> str:
    return review_html(review)


@pytest.fixture(scope="session")
def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)
