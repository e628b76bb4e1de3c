"""The small course with an English course.en.yaml, for tests of what reads the course's texts;
a copy of the default course, and a snapshot of a course's files, for translating them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aicourse_build.model.validate import validate_tree
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.source.project import load_course
from aicourse_build.translations import course_hash

REPO = Path(__file__).resolve().parents[2]

ENGLISH_TEXTS = {
    "title: Minikurs": "title: Mini course",
    "En liten kurs som testerna bygger vidare på.": "A small course the tests build on.",
    "organisation: Testregionen": "organisation: The test region",
    "role: Kontakt för kursen": "role: Course contact",
    "name: Kursteamet": "name: The course team",
    "label: Läkare": "label: Physicians",
    "label: Annan yrkesgrupp": "label: Other professional group",
    "title: Modul ett": "title: Module one",
}


def write_english(root: Path, changes: dict[str, str] | None = None) -> Path:
    """course.en.yaml translating the small course's course.yaml, with the current hash."""
    course, _ = validate_tree(load_course(root))
    assert course is not None
    text = (root / "course.yaml").read_text(encoding="utf-8")
    for swedish, english in {**ENGLISH_TEXTS, **(changes or {})}.items():
        assert swedish in text, swedish
        text = text.replace(swedish, english)
    head = f"lang: en\ntranslates:\n  from: course.yaml\n  hash: {course_hash(course.meta)}\n"
    path = root / "course.en.yaml"
    path.write_text(head + text, encoding="utf-8")
    return path


WriteEnglish = Callable[..., Path]


@pytest.fixture
def english_writer() -> WriteEnglish:
    """write_english(root, changes=None): course.en.yaml, with `changes` to its text."""
    return write_english


@pytest.fixture
def english_course(small_course: Path) -> Path:
    """The small course with course.en.yaml, its public profile building Swedish and English."""
    write_english(small_course)
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "languages: [sv, en]\n", encoding="utf-8")
    return small_course


@pytest.fixture
def resolved_publik_en(
    english_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> ResolvedCourse:
    """The small course resolved for its public profile in English."""
    return resolve_course(english_course, "publik", "en")


# The public profile's own texts, and their English translation (profiles/publik.en.yaml).
PROFILE_TEXTS = """\
variables:
  organisation: din organisation
  team:
    namn: Regionens kursteam
contacts:
  stod:
    role: Stöd
    name: Din närmaste chef
    url: https://example.org/stod
  kurs:
    role: Kontakt för kursen
    name: Plattformens kursteam
"""
PROFILE_ENGLISH = """\
title: Public platform
variables:
  organisation: your organisation
  team:
    namn: The region's course team
contacts:
  stod:
    role: Support
    name: Your line manager
"""


def write_profile_translation(root: Path, texts: str = PROFILE_ENGLISH, hash_: str = "") -> Path:
    """profiles/publik.en.yaml with `texts`, recording the profile's current hash (or `hash_`)."""
    from aicourse_build.translations import profile_hash

    course, _ = validate_tree(load_course(root))
    assert course is not None
    current = hash_ or profile_hash(course.profiles["publik"].model)
    path = root / "profiles" / "publik.en.yaml"
    head = f"lang: en\ntranslates:\n  from: publik.yaml\n  hash: {current}\n"
    path.write_text(head + texts, encoding="utf-8")
    return path


WriteProfileTranslation = Callable[..., Path]


@pytest.fixture
def profile_translation_writer() -> WriteProfileTranslation:
    """write_profile_translation(root, texts=PROFILE_ENGLISH, hash_=""): publik.en.yaml."""
    return write_profile_translation


@pytest.fixture
def profile_course(english_course: Path) -> Path:
    """The English small course whose public profile has contacts and variables of its own,
    not translated yet."""
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + PROFILE_TEXTS, encoding="utf-8")
    return english_course


@pytest.fixture
def default_course(tmp_path: Path) -> Path:
    """A copy of the default course (without exported XLIFF files)."""
    target = tmp_path / "kurs"
    source = REPO / "content" / "introduktionsutbildning"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("translations"))
    return target


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "translations" not in p.parts
    }


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file of a course but its exported XLIFF, as bytes."""
    return _files
