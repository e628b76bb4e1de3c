import re
from pathlib import Path

from aicourse_build.i18n.kinds import KINDS, families, file_ids, load, to_translate
from aicourse_build.model.tree import Course
from aicourse_build.translations import bank_hash


def _course(root: Path) -> Course:
    course, errors = load(root)
    assert errors == [] and course is not None
    return course


def test_every_text_of_the_course_is_found_with_its_versions(small_course: Path) -> None:
    course = _course(small_course)
    found = {(f.kind.name, f.relative(f.original.path)): f for f in families(course)}
    assert list(found) == [
        ("course", "course.yaml"),
        ("page", "pages/prov.md"),
        ("page", "pages/start.md"),
        ("bank", "questions/fragor.en.yaml"),
    ]
    bank = found[("bank", "questions/fragor.en.yaml")]
    assert bank.original.lang == "en" and bank.original_hash == bank_hash(
        course.banks["fragor"]["en"]
    )
    assert bank.translation("sv") is not None and bank.translation("en") is None
    assert bank.has_original_in("en") and not bank.has_original_in("sv")
    assert [kind.name for kind in KINDS] == ["course", "page", "bank"]


def test_a_translation_goes_beside_its_original(small_course: Path) -> None:
    course = _course(small_course)
    by_path = {f.relative(f.original.path): f for f in families(course)}
    assert by_path["pages/start.md"].path_in("en") == small_course / "pages" / "start.en.md"
    bank = by_path["questions/fragor.en.yaml"]
    assert bank.path_in("de") == small_course / "questions" / "fragor.de.yaml"
    assert bank.path_in("sv") == small_course / "questions" / "fragor.sv.yaml"  # it exists
    assert by_path["course.yaml"].path_in("en") == small_course / "course.en.yaml"


def test_texts_to_translate_exclude_originals_in_the_target_language(small_course: Path) -> None:
    course = _course(small_course)
    into_en = [f.relative(f.original.path) for f in to_translate(course, "en", "sv")]
    assert into_en == ["course.yaml", "pages/prov.md", "pages/start.md"]
    into_sv = [f.relative(f.original.path) for f in to_translate(course, "sv", "en")]
    assert into_sv == ["questions/fragor.en.yaml"]


def test_file_ids_are_xml_name_tokens_and_unique(small_course: Path) -> None:
    (small_course / "pages" / "start.md").rename(small_course / "pages" / "a b.md")
    (small_course / "pages" / "prov.md").rename(small_course / "pages" / "a_b.md")
    course = _course(small_course)
    ids = file_ids(to_translate(course, "en", "sv"), "en")
    assert list(ids) == ["course.en.yaml", "pages:a_b.en.md", "pages:a_b.en.md-2"]
    assert all(re.fullmatch(r"[\w.:-]+", file_id) for file_id in ids)


def test_a_course_with_errors_gives_them_instead(small_course: Path) -> None:
    (small_course / "pages" / "start.md").write_text("---\nid: start\n", encoding="utf-8")
    course, errors = load(small_course)
    assert course is None and [e.code for e in errors] == ["AIC007"]
