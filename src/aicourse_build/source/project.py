"""Finding and reading the files of a course folder: the only stage that reads manuscripts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, display_path, error
from aicourse_build.source.files import SourceFile, read_source
from aicourse_build.source.markdown_source import RawPage, parse_page
from aicourse_build.source.yaml_positions import YamlDoc, load_yaml_mapping

LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})$")


@dataclass
class YamlFile:
    file: SourceFile
    doc: YamlDoc


@dataclass
class SourceTree:
    """Everything read from one course folder, parsed but not yet validated."""

    root: Path
    display_root: str
    course: YamlFile | None = None
    course_translations: dict[str, YamlFile] = field(default_factory=dict)  # file name -> file
    pages: list[RawPage] = field(default_factory=list)
    banks: dict[str, YamlFile] = field(default_factory=dict)  # file name -> file
    profiles: dict[str, YamlFile] = field(default_factory=dict)  # profile name -> file
    # profiles/<name>.<lang>.yaml: file name -> file
    profile_translations: dict[str, YamlFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable_pages: int = 0  # page files that could not be read at all
    broken_files: set[str] = field(default_factory=set)  # names of files that failed to parse

    def display(self, path: Path) -> str:
        return display_path(path)


def is_course_dir(path: Path) -> bool:
    """A course folder: course.yaml, or the pages/ and profiles/ of one that lost it."""
    if (path / "course.yaml").is_file():
        return True
    return (path / "pages").is_dir() and (path / "profiles").is_dir()


def find_courses(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Course folders named by `paths`: a course folder, its course.yaml, or a parent folder; a
    bare name that is no folder here is looked for in content/, where `aicourse new` puts it."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        in_content = Path("content") / path
        if not path.exists() and len(path.parts) == 1 and is_course_dir(in_content):
            path = in_content
        if path.is_file() and path.name == "course.yaml":
            found.append(path.parent)
        elif path.is_dir() and is_course_dir(path):
            found.append(path)
        elif path.is_dir():
            children = sorted(p for p in path.iterdir() if p.is_dir() and is_course_dir(p))
            if not children:
                problems.append(f"{path}: no course.yaml here or in its sub-folders")
            found.extend(children)
        else:
            problems.append(f"{path}: no such course folder")
    return found, problems


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _read(tree: SourceTree, path: Path) -> SourceFile | None:
    shown = tree.display(path)
    if not _inside(path, tree.root):
        tree.diagnostics.append(
            error(
                "AIC031",
                "file is a link to somewhere outside the course folder",
                Span(shown, 1, 1),
                "copy the file into the course instead of linking to it",
            )
        )
        return None
    source, problems = read_source(path, shown)
    tree.diagnostics.extend(problems)
    return source


def _read_yaml(tree: SourceTree, path: Path) -> YamlFile | None:
    source = _read(tree, path)
    if source is None:
        return None
    doc, problems = load_yaml_mapping(source.text, source.display)
    tree.diagnostics.extend(problems)
    return None if doc is None else YamlFile(source, doc)


def _files(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file() or p.is_symlink())


def course_translation_files(root: Path) -> list[Path]:
    """course.<lang>.yaml files beside course.yaml (course.backup.yaml is not one)."""
    found = []
    for path in _files(root, "course.*.yaml"):
        match = LANG_SUFFIX.match(path.name.removesuffix(".yaml"))
        if match and match["stem"] == "course":
            found.append(path)
    return found


def profile_file(file_name: str) -> str:
    """How `broken_files` names a file of profiles/ (apart from a question bank of that name)."""
    return f"profiles/{file_name}"


def split_lang(file_name: str) -> tuple[str, str | None]:
    """`public.en.yaml` -> (`public`, `en`); `public.yaml` -> (`public`, None)."""
    stem = file_name.rsplit(".", 1)[0]
    match = LANG_SUFFIX.match(stem)
    return (match["stem"], match["lang"]) if match else (stem, None)


def _load_profiles(tree: SourceTree, folder: Path) -> None:
    """profiles/<name>.yaml, and profiles/<name>.<lang>.yaml translating its texts (so no
    profile can be named like `x.en`)."""
    for path in _files(folder, "*.yaml"):
        name, lang = split_lang(path.name)
        loaded = _read_yaml(tree, path)
        if loaded is None:
            tree.broken_files.add(profile_file(path.name))
        elif lang is not None:
            tree.profile_translations[path.name] = loaded
        else:
            tree.profiles[name] = loaded
    if not any(split_lang(p.name)[1] is None for p in _files(folder, "*.yaml")):
        tree.diagnostics.append(
            error(
                "AIC014",
                "the course has no profiles",
                Span(tree.display(tree.root / "course.yaml")),
                "add profiles/<name>.yaml, e.g. profiles/vgr.yaml",
            )
        )


def load_course(root: Path) -> SourceTree:
    tree = SourceTree(root, display_path(root))
    if (root / "course.yaml").exists() or (root / "course.yaml").is_symlink():
        tree.course = _read_yaml(tree, root / "course.yaml")
    for path in course_translation_files(root):
        translation = _read_yaml(tree, path)
        if translation is not None:
            tree.course_translations[path.name] = translation
        else:
            tree.broken_files.add(path.name)
    for path in _files(root / "pages", "**/*.md"):
        source = _read(tree, path)
        if source is None:
            tree.unreadable_pages += 1
            continue
        page, problems = parse_page(source)
        tree.diagnostics.extend(problems)
        tree.pages.append(page)
    for path in _files(root / "questions", "*.yaml"):
        bank = _read_yaml(tree, path)
        if bank is not None:
            tree.banks[path.name] = bank
        else:
            tree.broken_files.add(path.name)
    _load_profiles(tree, root / "profiles")
    return tree
