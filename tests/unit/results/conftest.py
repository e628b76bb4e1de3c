"""The default course's catalogue, shared by the results tests (checking a course takes time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.results.catalogue import Catalogue, catalogue_of

COURSE = Path(__file__).resolve().parents[3] / "content" / "introduktionsutbildning"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    check = check_course_dir(COURSE, Report())
    return catalogue_of(check)
