from pathlib import Path

from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course


def test_language_fallbacks(small_course: Path) -> None:
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    # a language with no version falls back to the primary language, then the original
    bank = course.bank("fragor", "de")
    assert bank is not None and bank.lang == "sv"
    assert course.bank("fragor", "en") is course.banks["fragor"]["en"]
    page = course.page("start", "en")
    assert page is not None and page.lang == "sv"
    assert course.page("nope") is None
