from pathlib import Path

import pytest

from aicourse_build.source.project import find_courses, load_course, profile_file, split_lang


def test_finds_courses_in_a_parent_folder(small_course: Path) -> None:
    found, problems = find_courses([small_course.parent])
    assert found == [small_course] and problems == []
    found, problems = find_courses([small_course / "course.yaml"])
    assert found == [small_course]
    _, problems = find_courses([small_course / "nope"])
    assert "no such course folder" in problems[0]


def test_loads_every_kind_of_file(small_course: Path) -> None:
    tree = load_course(small_course)
    assert tree.diagnostics == []
    assert tree.course is not None
    assert sorted(tree.profiles) == ["intern", "publik"]
    assert sorted(tree.banks) == ["fragor.en.yaml", "fragor.sv.yaml"]
    assert len(tree.pages) == 2


def test_a_page_linking_outside_is_refused(small_course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\nid: ute\ntitle: Ute\n---\n", encoding="utf-8")
    (small_course / "pages" / "ute.md").symlink_to(outside)
    tree = load_course(small_course)
    assert [d.code for d in tree.diagnostics] == ["AIC031"]


def test_loads_course_translations_beside_course_yaml(small_course: Path) -> None:
    (small_course / "course.en.yaml").write_text("lang: en\n", encoding="utf-8")
    (small_course / "course.backup.yaml").write_text("not: a translation\n", encoding="utf-8")
    (small_course / "course.old.de.yaml").write_text("not: one either\n", encoding="utf-8")
    (small_course / "course.fi.yaml").write_text("title: [\n", encoding="utf-8")
    tree = load_course(small_course)
    assert sorted(tree.course_translations) == ["course.en.yaml"]
    assert tree.course_translations["course.en.yaml"].doc.data == {"lang": "en"}
    # a translation that does not parse is reported and remembered, so it is not also "missing"
    assert [d.code for d in tree.diagnostics] == ["AIC001"]
    assert tree.broken_files == {"course.fi.yaml"}


def test_a_profile_name_with_a_language_suffix_is_a_translation_of_that_profile(
    small_course: Path,
) -> None:
    profiles = small_course / "profiles"
    (profiles / "publik.en.yaml").write_text("lang: en\n", encoding="utf-8")
    (profiles / "publik.de.yaml").write_text("title: [\n", encoding="utf-8")
    tree = load_course(small_course)
    assert sorted(tree.profiles) == ["intern", "publik"]
    assert list(tree.profile_translations) == ["publik.en.yaml"]
    # one that does not parse is reported and remembered (it is not also "missing")
    assert [d.code for d in tree.diagnostics] == ["AIC001"]
    assert tree.broken_files == {profile_file("publik.de.yaml")}
    assert split_lang("publik.en.yaml") == ("publik", "en")
    assert split_lang("publik.yaml") == ("publik", None)
    assert split_lang("publik.eng.yaml") == ("publik.eng", None)


def test_translations_alone_are_no_profiles(small_course: Path) -> None:
    profiles = small_course / "profiles"
    for name in ("intern", "publik"):
        (profiles / f"{name}.yaml").rename(profiles / f"{name}.en.yaml")
    tree = load_course(small_course)
    assert [d.code for d in tree.diagnostics] == ["AIC014"]


def test_a_bare_name_is_found_in_content_where_new_puts_it(
    small_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    small_course.rename(tmp_path / "content" / "minikurs")
    monkeypatch.chdir(tmp_path)
    assert find_courses([Path("minikurs")]) == ([Path("content/minikurs")], [])
    assert find_courses([Path("saknas")])[1] == ["saknas: no such course folder"]
