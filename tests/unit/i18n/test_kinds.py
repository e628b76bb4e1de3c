import re
from collections.abc import Callable
from pathlib import Path

from aicourse_build.i18n.kinds import (
    COURSE,
    KINDS,
    PROFILE,
    Variant,
    families,
    file_ids,
    load,
    to_translate,
)
from aicourse_build.i18n.rawtext import RawText
from aicourse_build.model.tree import Course
from aicourse_build.translations import bank_hash, profile_hash


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
        ("profile", "profiles/intern.yaml"),
        ("profile", "profiles/publik.yaml"),
    ]
    bank = found[("bank", "questions/fragor.en.yaml")]
    assert bank.original.lang == "en" and bank.original_hash == bank_hash(
        course.banks["fragor"]["en"]
    )
    assert bank.translation("sv") is not None and bank.translation("en") is None
    assert bank.has_original_in("en") and not bank.has_original_in("sv")
    assert [kind.name for kind in KINDS] == ["course", "page", "bank", "profile"]


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


def test_a_profile_is_a_text_in_the_course_language_for_the_languages_it_builds(
    profile_course: Path, profile_translation_writer: Callable[..., Path]
) -> None:
    translation = profile_translation_writer(profile_course)
    course = _course(profile_course)
    found = {f.relative(f.original.path): f for f in families(course)}
    publik = found["profiles/publik.yaml"]
    assert (publik.kind.name, publik.original.lang, publik.languages) == (
        "profile",
        "sv",
        ("sv", "en"),
    )
    assert publik.original_hash == profile_hash(course.profiles["publik"].model)
    assert publik.translation("en") == Variant(translation, "en", publik.variants["en"].translates)
    assert publik.path_in("en") == translation
    # the internal profile builds Swedish only: nothing of it to translate into English
    into_en = [f.relative(f.original.path) for f in to_translate(course, "en", "sv")]
    assert "profiles/publik.yaml" in into_en and "profiles/intern.yaml" not in into_en


def test_profile_versions_compare_by_their_texts_alone(profile_course: Path) -> None:
    profile = (profile_course / "profiles" / "publik.yaml").read_text(encoding="utf-8")
    original, _ = PROFILE.read(profile, "publik.yaml")
    translation, _ = PROFILE.read(
        "lang: en\ntitle: T\nvariables: {organisation: o, team: {namn: n}}\ncontacts:\n"
        "  stod: {role: r, name: n}\n  kurs: {role: r, name: n}\n",
        "publik.en.yaml",
    )
    assert original is not None and translation is not None
    assert original.skeleton == translation.skeleton
    assert (
        list(original.slots)
        == list(translation.slots)
        == [
            "title",
            "variables.organisation",
            "variables.team.namn",
            "contacts.stod.role",
            "contacts.stod.name",
            "contacts.kurs.role",
            "contacts.kurs.name",
        ]
    )


def test_a_new_profile_translation_starts_from_the_profile_s_texts_alone(
    profile_course: Path,
) -> None:
    path = profile_course / "profiles" / "publik.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/profile.schema.json\n"
        + path.read_text().replace("name: Din närmaste chef", "name: 'Chef: din närmaste'"),
        encoding="utf-8",
    )
    start = PROFILE.start(RawText.read(path))
    assert start.text == (
        "# yaml-language-server: $schema=../../schemas/profile-translation.schema.json\n"
        "title: Publik\n"
        "variables:\n"
        "  organisation: din organisation\n"
        "  team:\n"
        "    namn: Regionens kursteam\n"
        "contacts:\n"
        "  stod:\n"
        "    role: Stöd\n"
        '    name: "Chef: din närmaste"\n'
        "  kurs:\n"
        "    role: Kontakt för kursen\n"
        "    name: Plattformens kursteam\n"
    )
    assert COURSE.start(RawText.read(path)) == RawText.read(path)  # other kinds: a copy
