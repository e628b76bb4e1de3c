from collections.abc import Callable
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


def test_course_meta_in_a_language(small_course: Path) -> None:
    course_yaml = (small_course / "course.yaml").read_text(encoding="utf-8")
    english = course_yaml.replace("title: Minikurs", "title: Mini course").replace(
        "title: Modul ett", "title: Module one"
    )
    (small_course / "course.en.yaml").write_text(
        "lang: en\ntranslates: {from: course.yaml, hash: 0a0b0c0d}\n" + english, encoding="utf-8"
    )
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    assert course.translations["en"].file_name == "course.en.yaml"
    english_meta = course.meta_in("en")
    assert english_meta.title == "Mini course"
    assert [m.title for m in english_meta.modules] == ["Module one"]
    assert english_meta.translates is None  # course.yaml's own settings, not the copy's
    # no translation, the primary language or no language: course.yaml as written
    for lang in ("de", "sv", None):
        assert course.meta_in(lang) is course.meta


def test_a_profile_in_a_language_has_the_texts_of_its_translation(
    profile_course: Path, profile_translation_writer: Callable[..., Path]
) -> None:
    profile_translation_writer(profile_course)
    course, _ = validate_tree(load_course(profile_course))
    assert course is not None
    publik = course.profiles["publik"]
    english = course.profile_in(publik, "en")
    assert english.model.title == "Public platform"
    assert english.model.variables["team"] == {"namn": "The region's course team"}
    assert english.model.contacts["stod"].name == "Your line manager"
    assert (english.name, english.source) == (publik.name, publik.source)
    assert english.model.survey == publik.model.survey
    # the course's own language, a language without a translation, no language: as written
    for lang in ("sv", "de", None):
        assert course.profile_in(publik, lang) is publik
    assert course.profile_in(course.profiles["intern"], "en") is course.profiles["intern"]
