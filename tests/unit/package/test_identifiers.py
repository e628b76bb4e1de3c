from pathlib import Path

from aicourse_build.model.validate import validate_tree
from aicourse_build.package.identifiers import identifiers
from aicourse_build.resolve import resolve_profile
from aicourse_build.source.project import load_course


def test_identifiers_do_not_change_with_the_version(small_course: Path) -> None:
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    first = identifiers(resolved)
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("version: 1.0.0", "version: 2.1.0"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["intern"])
    assert identifiers(resolved) == first
    assert first["item"] == "ITEM_minikurs_intern"
