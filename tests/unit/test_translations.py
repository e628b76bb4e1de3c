from collections.abc import Callable
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.profile import Profile
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course
from aicourse_build.translations import (
    bank_hash,
    check_translations,
    content_hash,
    course_hash,
    profile_hash,
)


def test_hash_ignores_formatting_but_not_content() -> None:
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})
    assert len(content_hash("x")) == 8


def test_changed_original_makes_translation_stale(small_course: Path) -> None:
    original = small_course / "questions" / "fragor.en.yaml"
    course, _ = validate_tree(load_course(small_course))
    assert course is not None and check_translations(course) == []
    original.write_text(original.read_text().replace("What is a model?", "What is an AI model?"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    [d] = check_translations(course)
    new = bank_hash(course.banks["fragor"]["en"])
    assert d.code == "AIC050"
    assert d.hint == f"review the changes, update the translation, then set 'hash: {new}'"
    assert (d.span.line, d.span.col) == (4, 9)


def test_comments_in_the_original_do_not_make_it_stale(small_course: Path) -> None:
    original = small_course / "questions" / "fragor.en.yaml"
    original.write_text("# reviewed\n" + original.read_text().replace("lang: en", "lang:   en"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None and check_translations(course) == []


def test_translation_must_keep_answers(small_course: Path) -> None:
    sv = small_course / "questions" / "fragor.sv.yaml"
    sv.write_text(sv.read_text().replace("answer: b", "answer: a"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    assert [d.code for d in check_translations(course)] == ["AIC053"]


def test_translation_must_keep_the_question_version(small_course: Path) -> None:
    en = small_course / "questions" / "fragor.en.yaml"
    en.write_text(en.read_text().replace("  - id: data\n", "  - id: data\n    version: 2\n"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    found = check_translations(course)
    assert [d.code for d in found] == ["AIC050", "AIC053"]
    assert "question 'data' has the version 'None' in this translation" in found[1].message


def test_a_bank_without_versions_hashes_as_before(small_course: Path) -> None:
    """Translations made before questions had a version stay current."""
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    assert bank_hash(course.banks["fragor"]["en"]) == "043db093"


WriteEnglish = Callable[..., Path]


# -- course.<lang>.yaml ----------------------------------------------------------------------------
def _check(root: Path) -> list[Diagnostic]:
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return check_translations(course)


def test_a_course_translation_with_the_current_hash_is_clean(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(small_course)
    assert _check(small_course) == []


def test_changed_course_texts_make_the_course_translation_stale(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(small_course)
    original = small_course / "course.yaml"
    original.write_text(original.read_text().replace("title: Modul ett", "title: Första modulen"))
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    [d] = check_translations(course)
    translates = course.translations["en"].translates
    assert translates is not None
    old, new = translates.hash, course_hash(course.meta)
    assert old != new
    assert (d.code, d.severity) == ("AIC050", "warning")
    assert d.message == (
        f"translation is stale: course.yaml has changed since it was translated "
        f"(hash {old}, now {new})"
    )
    assert d.hint == f"review the changes, update the translation, then set 'hash: {new}'"
    assert d.span.path.endswith("course.en.yaml") and (d.span.line, d.span.col) == (4, 9)


def test_a_new_setting_is_copied_not_translated(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    """A new version does not make the translation stale, but the copy must follow it."""
    translation = english_writer(small_course)
    original = small_course / "course.yaml"
    original.write_text(original.read_text().replace("version: 1.0.0", "version: 1.1.0"))
    [d] = _check(small_course)
    assert (d.code, d.severity) == ("AIC054", "error")
    assert d.message == "'version' is '1.0.0' in this translation but '1.1.0' in course.yaml"
    assert d.hint == (
        "a translation changes texts only; settings come from course.yaml: set it to '1.1.0'"
    )
    line = translation.read_text().splitlines().index("version: 1.0.0") + 1
    assert (d.span.line, d.span.col) == (line, 10)


def test_every_setting_of_a_course_translation_is_compared(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(
        small_course,
        {
            "passing_score: 80": "passing_score: 50",
            "email: kurs@example.org": "email: course@example.org",
            "    pages: [start, prov]": "    pages: [start, prov]\n    only: [publik]",
        },
    )
    found = [(d.code, d.message) for d in _check(small_course)]
    assert found == [
        (
            "AIC054",
            "'contacts.kurs.email' is 'course@example.org' in this translation but "
            "'kurs@example.org' in course.yaml",
        ),
        ("AIC054", "'completion.passing_score' is 50 in this translation but 80 in course.yaml"),
        (
            "AIC054",
            "'only' of module 'modul-ett' is [publik] in this translation but [] in course.yaml",
        ),
    ]


def test_a_course_translation_keeps_the_ids(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    english_writer(
        small_course,
        {
            "[start, prov]": "[prov, start]",
            "id: annan": "id: other",
            "  kurs:\n": "  course:\n",
        },
    )
    hint = (
        "a translation of course.yaml keeps its module, page, audience and contact ids; "
        "compare it with course.yaml"
    )
    found = _check(small_course)
    assert [(d.code, d.message) for d in found] == [
        (
            "AIC053",
            "module 'modul-ett' lists the pages [prov, start] in this translation but "
            "[start, prov] in the original",
        ),
        ("AIC053", "the audiences differ from the original's (lakare, annan)"),
        ("AIC053", "the contacts differ from the original's (kurs)"),
    ]
    assert {d.hint for d in found} == {hint}


def test_a_course_translation_must_say_what_it_translates(
    small_course: Path, english_writer: WriteEnglish
) -> None:
    path = english_writer(small_course)
    text = path.read_text()
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    current = course_hash(course.meta)
    path.write_text(text.replace("  from: course.yaml\n", "  from: kurs.yaml\n"))
    [d] = _check(small_course)
    assert (d.code, d.message) == (
        "AIC052",
        "the original 'kurs.yaml' is not a version of this text",
    )
    assert d.hint == "did you mean 'course.yaml'?"
    path.write_text(text.replace(f"translates:\n  from: course.yaml\n  hash: {current}\n", ""))
    [d] = _check(small_course)
    assert (d.code, d.message) == (
        "AIC010",
        "missing 'translates': course.en.yaml must say what it translates",
    )
    assert f"hash: {current}" in (d.hint or "")


def test_course_yaml_is_always_the_original(small_course: Path) -> None:
    original = small_course / "course.yaml"
    original.write_text(
        original.read_text() + "translates:\n  from: course.en.yaml\n  hash: 0a0b0c0d\n"
    )
    [d] = _check(small_course)
    assert d.code == "AIC052"
    assert (
        d.message
        == "course.yaml is the original; it translates nothing (it names 'course.en.yaml')"
    )


# -- profiles/<name>.<lang>.yaml ------------------------------------------------------------------
WriteProfileTranslation = Callable[..., Path]


def _profile(root: Path) -> Profile:
    course, _ = validate_tree(load_course(root))
    assert course is not None
    return course.profiles["publik"].model


def _edit_profile(root: Path, old: str, new: str) -> None:
    path = root / "profiles" / "publik.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_profile_hash_covers_its_texts_and_nothing_else(profile_course: Path) -> None:
    before = profile_hash(_profile(profile_course))
    _edit_profile(profile_course, "theme: public", "theme: vgr")
    _edit_profile(profile_course, "https://example.org/stod", "https://example.org/hjalp")
    assert profile_hash(_profile(profile_course)) == before
    _edit_profile(profile_course, "name: Din närmaste chef", "name: Din chef")
    assert profile_hash(_profile(profile_course)) != before


def test_a_current_profile_translation_is_clean_and_a_changed_text_makes_it_stale(
    profile_course: Path, profile_translation_writer: WriteProfileTranslation
) -> None:
    profile_translation_writer(profile_course)
    assert _check(profile_course) == []
    _edit_profile(
        profile_course, "tags: [external]", "tags: [external]\nprivacy:\n  group: keep_local"
    )
    assert _check(profile_course) == []  # a setting is nothing to translate
    _edit_profile(profile_course, "organisation: din organisation", "organisation: regionen")
    [d] = _check(profile_course)
    new = profile_hash(_profile(profile_course))
    assert (d.code, d.severity, d.span.path.rsplit("/", 1)[-1]) == (
        "AIC050",
        "warning",
        "publik.en.yaml",
    )
    assert d.message.startswith("translation is stale: publik.yaml has changed since it was")
    assert d.hint == f"review the changes, update the translation, then set 'hash: {new}'"
    assert (d.span.line, d.span.col) == (4, 9)


def test_a_profile_translation_names_only_variables_and_contacts_the_profile_has(
    profile_course: Path, profile_translation_writer: WriteProfileTranslation
) -> None:
    profile_translation_writer(
        profile_course,
        "variables:\n  organistion: your organisation\n  team: The team\n"
        "  organisation:\n    name: x\ncontacts:\n  stodd:\n    name: Support\n",
    )
    found = [(d.code, d.span.line, d.message, d.hint) for d in _check(profile_course)]
    assert found == [
        (
            "AIC053",
            11,
            "the profile 'publik' has no contact 'stodd'",
            "did you mean 'stod'?",
        ),
        (
            "AIC053",
            6,
            "the profile 'publik' has no variable 'organistion'",
            "did you mean 'organisation'?",
        ),
        (
            "AIC053",
            7,
            "the variable 'team' is a group of variables in publik.yaml, not a text",
            "a translation gives each text of the profile in its place",
        ),
        (
            "AIC053",
            9,
            "the variable 'organisation' is a text in publik.yaml, not a group of variables",
            "a translation gives each text of the profile in its place",
        ),
    ]


def test_a_profile_translation_says_what_it_translates(
    profile_course: Path, profile_translation_writer: WriteProfileTranslation
) -> None:
    path = profile_translation_writer(profile_course)
    current = profile_hash(_profile(profile_course))
    path.write_text(path.read_text().replace("from: publik.yaml", "from: publk.yaml"))
    [d] = _check(profile_course)
    assert (d.code, d.hint) == ("AIC052", "did you mean 'publik.yaml'?")
    path.write_text("lang: en\ntitle: Public platform\n")
    [d] = _check(profile_course)
    assert (d.code, d.message) == (
        "AIC010",
        "missing 'translates': publik.en.yaml must say what it translates",
    )
    assert d.hint == (
        f"add 'translates: {{from: publik.yaml, hash: {current}}}' once the texts are translated"
    )


def test_a_profile_translation_needs_its_profile_and_one_of_its_languages(
    profile_course: Path,
) -> None:
    profiles = profile_course / "profiles"
    (profiles / "publk.en.yaml").write_text("title: Public\n", encoding="utf-8")
    (profiles / "publik.sv.yaml").write_text("title: Publik\n", encoding="utf-8")
    (profiles / "intern.en.yaml").write_text("title: Internal\n", encoding="utf-8")
    found = {
        (d.code, d.span.path.rsplit("/", 1)[-1], d.message, d.hint) for d in _check(profile_course)
    }
    assert found == {
        (
            "AIC052",
            "publk.en.yaml",
            "publk.en.yaml translates the profile 'publk', which does not exist",
            "did you mean 'publik'?",
        ),
        (
            "AIC012",
            "publik.sv.yaml",
            "publik.yaml is written in 'sv', the course's language: nothing to translate",
            "edit publik.yaml itself, or name this file after the language it translates into",
        ),
        (
            "AIC081",
            "intern.en.yaml",
            "a translation into 'en', a language the profile 'intern' does not build",
            "languages: sv",
        ),
    }


def test_a_translation_of_a_broken_profile_adds_no_error(profile_course: Path) -> None:
    (profile_course / "profiles" / "publik.en.yaml").write_text("title: Public\n")
    _edit_profile(profile_course, "theme: public", "theme: [public]")
    course, problems = validate_tree(load_course(profile_course))
    assert course is not None and [d.code for d in problems] == ["AIC012"]
    assert check_translations(course) == []
