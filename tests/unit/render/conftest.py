from pathlib import Path

import pytest

from aicourse_build.model.validate import validate_tree
from aicourse_build.resolve import ResolvedCourse, resolve_profile
from aicourse_build.source.project import load_course


@pytest.fixture
def resolved_intern(small_course: Path) -> ResolvedCourse:
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    return resolved
