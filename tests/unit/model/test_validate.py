from pathlib import Path

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.model.validate import validate_tree
from aicourse_build.source.project import load_course


def test_valid_course_assembles(small_course: Path) -> None:
    course, problems = validate_tree(load_course(small_course))
    assert problems == []
    assert course is not None
    assert set(course.pages) == {"start", "prov"}
    assert set(course.banks["fragor"]) == {"en", "sv"}
    assert course.bank("fragor", "sv") is course.banks["fragor"]["sv"]
    quiz = course.pages["prov"]["sv"].blocks[0].block
    assert isinstance(quiz, QuizBlock) and quiz.bank == "fragor"


def test_every_page_is_validated_even_when_course_yaml_is_broken(small_course: Path) -> None:
    (small_course / "course.yaml").write_text("id: [\n", encoding="utf-8")
    (small_course / "pages" / "start.md").write_text("---\nid: Start\ntitle: S\n---\n")
    tree = load_course(small_course)
    course, problems = validate_tree(tree)
    assert course is None
    codes = sorted(d.code for d in [*tree.diagnostics, *problems])
    assert codes == ["AIC001", "AIC012"]


def test_two_pages_with_one_id(small_course: Path) -> None:
    (small_course / "pages" / "kopia.md").write_text("---\nid: start\ntitle: Kopia\n---\n")
    _, problems = validate_tree(load_course(small_course))
    assert [
        (d.code, d.span.path.endswith("start.md") or d.span.path.endswith("kopia.md"))
        for d in problems
    ] == [("AIC020", True)]


def test_credentials_in_a_profile_are_refused(small_course: Path) -> None:
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(
        profile.read_text().replace(
            "xapi:\n  base_iri: https://example.org/xapi/\n",
            "xapi:\n  base_iri: https://example.org/xapi/\n  endpoint: https://lrs.example.org/\n"
            "  auth: Basic c2VjcmV0\n",
        )
    )
    _, problems = validate_tree(load_course(small_course))
    assert [(d.code, d.span.line) for d in problems] == [("AIC018", 13), ("AIC018", 14)]


def test_course_translations_are_validated(small_course: Path) -> None:
    course_yaml = (small_course / "course.yaml").read_text(encoding="utf-8")
    head = "translates: {from: course.yaml, hash: 0a0b0c0d}\n"
    (small_course / "course.en.yaml").write_text(head + course_yaml, encoding="utf-8")
    (small_course / "course.fi.yaml").write_text(head + "titel: Kurssi\n", encoding="utf-8")
    (small_course / "course.de.yaml").write_text("lang: sv\n" + head + course_yaml)
    course, problems = validate_tree(load_course(small_course))
    assert course is not None
    # the language comes from the file name unless `lang` says otherwise
    assert sorted(course.translations) == ["en"]
    assert "course.fi.yaml" in course.broken_files
    found = {(d.code, d.span.path.rsplit("/", 1)[-1], d.message) for d in problems}
    assert ("AIC011", "course.fi.yaml", "unknown key 'titel'") in found
    assert ("AIC020", "course.de.yaml", "two versions of course.yaml in language 'sv'") in found


def _profile_translation(root: Path, text: str, name: str = "publik.en.yaml") -> list[Diagnostic]:
    (root / "profiles" / name).write_text(text, encoding="utf-8")
    course, problems = validate_tree(load_course(root))
    assert course is not None
    return problems


def test_a_profile_translation_is_read_with_its_language(small_course: Path) -> None:
    text = "lang: en\ntranslates: {from: publik.yaml, hash: 0a0b0c0d}\ntitle: Public\n"
    assert _profile_translation(small_course, text) == []
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    translation = course.profile_translations["publik"]["en"]
    assert (translation.profile, translation.file_name, translation.lang) == (
        "publik",
        "publik.en.yaml",
        "en",
    )
    assert translation.model.title == "Public" and translation.translates is not None


def test_settings_in_a_profile_translation_are_refused_where_written(small_course: Path) -> None:
    problems = _profile_translation(
        small_course,
        "lang: en\ntheme: vgr\nstrings:\n  en: {next: On}\ncontacts:\n  kurs:\n"
        "    name: The team\n    email: kurs@example.org\ntitel: Public\n",
    )
    found = [(d.code, d.span.line, d.span.col, d.message, d.hint) for d in problems]
    assert found == [
        (
            "AIC054",
            2,
            1,
            "'theme' is a setting, not a text: it comes from publik.yaml in every language",
            "a profile translation holds only texts ('title', 'variables' and the contacts' "
            "'role' and 'name'); remove it",
        ),
        (
            "AIC054",
            3,
            1,
            "'strings' is not translated here: publik.yaml sets UI strings per language",
            "put them under 'strings: {<lang>: ...}' in publik.yaml",
        ),
        (
            "AIC054",
            8,
            5,
            "a contact's 'email' is a setting, not a text: it comes from publik.yaml in every "
            "language",
            "a translation gives only a contact's 'role' and 'name'; remove it",
        ),
        ("AIC011", 9, 1, "unknown key 'titel'", "did you mean 'title'?"),
    ]


def test_a_profile_translation_in_another_language_than_its_name_says(
    small_course: Path,
) -> None:
    [d] = _profile_translation(small_course, "lang: de\ntitle: Öffentlich\n")
    assert (d.code, d.span.line, d.message) == (
        "AIC012",
        1,
        "'lang: de' does not match the file name publik.en.yaml",
    )
    course, _ = validate_tree(load_course(small_course))
    assert course is not None and course.profile_translations == {}
    assert "profiles/publik.en.yaml" in course.broken_files  # so it is not also "missing"
