"""`aicourse i18n`: a course's texts out to translators as XLIFF 2.0, and their work back in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aicourse_build.cli.app import EXIT_OK, EXIT_PROBLEMS, echo_diagnostics, quiet

if TYPE_CHECKING:
    from aicourse_build.model.tree import Course


def _note(line: str) -> None:
    if not quiet():
        click.echo(line, err=True)


def _load(root: Path) -> Course:
    from aicourse_build.i18n.kinds import load

    course, errors = load(root)
    if course is None:
        echo_diagnostics(errors)
        click.echo("the course has errors: fix them first (aicourse check)", err=True)
        sys.exit(EXIT_PROBLEMS)
    return course


def _one_course(path: Path) -> Path:
    from aicourse_build.source.project import find_courses

    courses, problems = find_courses([path])
    if problems or len(courses) != 1:
        raise click.UsageError("; ".join(problems) or f"{path} holds several courses: name one")
    return courses[0]


def _language(course: Course, lang: str, what: str) -> None:
    if lang not in course.meta.languages:
        raise click.UsageError(
            f"{what} '{lang}' is not one of the course's languages "
            f"({', '.join(course.meta.languages)}): add it to 'languages' in course.yaml first"
        )


@click.group()
def i18n() -> None:
    """Exchange a course's texts with translators as XLIFF 2.0 files.

    Translators work in their own translation tools: `export` writes every text to translate
    into a language (with its current translation, if any) as one XLIFF file; `import` writes
    the translated texts back into the manuscript, in place, and creates the translations that
    do not exist yet.

    \b
    Examples:
      aicourse i18n export content/introduktionsutbildning --lang en
      aicourse i18n import content/introduktionsutbildning/translations/*.en.xlf
    """


@i18n.command("export")
@click.argument("course", type=click.Path(path_type=Path))
@click.option("--lang", "-l", required=True, help="The language to translate into.")
@click.option(
    "--from",
    "source_lang",
    help="The language to translate from [default: that of the originals; the course's primary "
    "language when they are in several].",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="The file to write, or - for standard output "
    "[default: COURSE/translations/<course id>.<lang>.xlf].",
)
def export_command(course: Path, lang: str, source_lang: str | None, out: Path | None) -> None:
    """Write the texts of COURSE to translate into LANG as an XLIFF 2.0 file.

    One <file> per page, question bank or other text, one <unit> per string. A text with a
    current translation carries it as target (state translated); a stale translation is
    carried too, with state initial and a note that the original has changed. Texts whose
    original is in LANG are left out. Each {{ variable }} is an inline placeholder (<ph>) that
    translation tools protect.

    \b
    Examples:
      aicourse i18n export content/introduktionsutbildning --lang en
      aicourse i18n export content/introduktionsutbildning --lang sv --out - > sv.xlf
    """
    from aicourse_build.diagnostics import display_path
    from aicourse_build.i18n.export import export_course
    from aicourse_build.i18n.rawtext import write_atomic
    from aicourse_build.i18n.xliff import write_xliff

    root = _one_course(course)
    loaded = _load(root)
    _language(loaded, lang, "--lang")
    if source_lang is not None:
        _language(loaded, source_lang, "--from")
        if source_lang == lang:
            raise click.UsageError("--from and --lang name the same language")
    result, problems = export_course(loaded, lang, source_lang)
    if problems:
        echo_diagnostics(problems)
        sys.exit(EXIT_PROBLEMS)
    if not result.document.files:
        _note(f"nothing to translate into '{lang}': every text's original is in it")
        return
    data = write_xliff(result.document)
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        pair = f"{source_lang}-{lang}" if source_lang else lang
        target = out or root / "translations" / f"{loaded.meta.id}.{pair}.xlf"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        new = result.units - result.translated - result.to_review
        _note(
            f"wrote {display_path(target)}: {len(result.document.files)} file(s), "
            f"{result.units} text(s) ({new} to translate, {result.to_review} to review, "
            f"{result.translated} translated) from '{result.document.src_lang}' into '{lang}'"
        )
    for other, count in sorted(result.left_out.items()):
        _note(f"left out {count} text(s) whose original is in '{other}': add --from {other}")


def _course_of(file: Path) -> Path:
    """The course an XLIFF file belongs to: the course folder it is in, else the course in
    content/ whose id the file names (a translator's file saved anywhere)."""
    from aicourse_build.source.project import find_courses, is_course_dir

    for folder in file.absolute().parents:
        if is_course_dir(folder):
            return folder
    course_id = _named_course(file)
    candidates, _problems = (
        find_courses([Path("content")]) if Path("content").is_dir() else ([], [])
    )
    matching = [c for c in candidates if course_id and _course_id(c) == course_id]
    if len(matching) == 1:
        return matching[0]
    raise click.UsageError(
        f"{file} is not inside a course folder and no course in content/ has the id "
        f"'{course_id or '?'}' it names: name the course with --course"
    )


def _named_course(file: Path) -> str | None:
    """The course id an exported file records in its metadata (None if it cannot be read)."""
    from lxml import etree

    try:
        for _event, meta in etree.iterparse(str(file), tag="{*}meta"):
            if meta.get("type") == "course":
                return (meta.text or "").strip() or None
    except (OSError, etree.XMLSyntaxError):
        return None
    return None


def _course_id(folder: Path) -> str | None:
    import yaml

    try:
        data = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return str(data.get("id")) if isinstance(data, dict) else None


@i18n.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--course",
    "course_dir",
    type=click.Path(path_type=Path),
    help="The course to import into [default: the course folder FILE is in].",
)
@click.option("--dry-run", is_flag=True, help="Check everything, list the writes, write nothing.")
def import_command(file: Path, course_dir: Path | None, dry_run: bool) -> None:
    """Write the translations in the XLIFF 2.0 FILE back into the course.

    A translated string replaces the old one in its translation file, in place and in the same
    YAML style where it can; a text with no translation yet gets a new file name.<lang>.md or
    .yaml, made from its original, once every string of it is translated. When every string of
    a translation is confirmed and it differs from its original only in its texts, its
    'translates: hash' is set to the original's current hash.
    Units whose source text changed since the export are refused, and nothing is written for
    their file, as for a translation that drops or adds a {{ variable }}; units without a
    translation (state initial, no target) are skipped.

    \b
    Examples:
      aicourse i18n import content/introduktionsutbildning/translations/*.en.xlf
      aicourse i18n import kurs.en.xlf --course content/introduktionsutbildning --dry-run
    """
    from aicourse_build.diagnostics import display_path
    from aicourse_build.i18n.importer import plan_import, write_all
    from aicourse_build.i18n.xliff import read_xliff

    root = _one_course(course_dir) if course_dir else _course_of(file)
    document, problems = read_xliff(file.read_bytes(), display_path(file))
    if document is None:
        echo_diagnostics(problems)
        sys.exit(EXIT_PROBLEMS)
    plan = plan_import(_load(root), document)
    echo_diagnostics(plan.diagnostics)
    if not dry_run:
        write_all(plan)
    verb = "would " if dry_run else ""
    for write in plan.writes:
        what = "create" if write.created else "update"
        done = what if dry_run else f"{what}d"
        hashed = f", hash {write.hash_set}" if write.hash_set and not write.created else ""
        _note(f"{verb}{done} {display_path(write.path)}: {write.texts} text(s){hashed}")
    _note(
        f"{len(plan.writes)} file(s) {'to write' if dry_run else 'written'}, "
        f"{plan.unchanged} unchanged, {plan.untranslated} text(s) not translated yet"
    )
    sys.exit(EXIT_PROBLEMS if any(d.is_error for d in plan.diagnostics) else EXIT_OK)
