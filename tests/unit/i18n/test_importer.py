import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from aicourse_build.diagnostics import Report, display_path, format_text
from aicourse_build.i18n.export import export_course
from aicourse_build.i18n.importer import ImportPlan, write_all
from aicourse_build.i18n.kinds import load
from aicourse_build.i18n.xliff import XLIFF_NS, File, Unit, XliffDocument, read_xliff, write_xliff
from aicourse_build.pipeline import check_course_dir
from aicourse_build.translations import content_hash, profile_hash

Export = Callable[..., XliffDocument]
Import = Callable[[Path, XliffDocument], ImportPlan]
Snapshot = Callable[[Path], dict[str, bytes]]


def _unit(document: XliffDocument, unit_id: str, file_id: str | None = None) -> Unit:
    for file in document.files:
        if file_id in (None, file.id):
            for unit in file.units:
                if unit.id == unit_id:
                    return unit
    raise AssertionError(unit_id)


def _file(document: XliffDocument, file_id: str) -> File:
    return next(f for f in document.files if f.id == file_id)


def _translate(document: XliffDocument, file_id: str, how: Callable[[str], str]) -> None:
    for unit in _file(document, file_id).units:
        unit.target, unit.state = how(unit.source), "translated"


def _check(root: Path) -> list[str]:
    report = Report()
    check_course_dir(root, report)
    return [format_text(d) for d in report.sorted()]


def _lines_changed(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_an_unedited_export_imports_as_no_change(
    default_course: Path, exported: Export, imported: Import, snapshot: Snapshot, lang: str
) -> None:
    before = snapshot(default_course)
    plan = imported(default_course, exported(default_course, lang))
    assert (plan.writes, plan.diagnostics) == ([], [])
    write_all(plan)
    assert snapshot(default_course) == before


def test_an_edited_target_changes_that_string_only(
    default_course: Path, exported: Export, imported: Import
) -> None:
    bank = default_course / "questions" / "ai-kunskap.sv.yaml"
    before = bank.read_bytes()
    document = exported(default_course, "sv")
    prompt, choice = _unit(document, "model.prompt"), _unit(document, "model.choices.c.text")
    old = [prompt.target, choice.target]
    prompt.target = "Vad är egentligen en AI-modell?"
    choice.target = "Svar: en databas # med alla svar"  # needs quotes in YAML
    plan = imported(default_course, document)
    assert plan.diagnostics == []
    assert [(w.path, w.texts, w.hash_set, w.created) for w in plan.writes] == [
        (bank, 2, None, False)
    ]
    write_all(plan)
    changed = _lines_changed(before, bank.read_bytes())
    assert [new for _, new in changed] == [
        "    prompt: Vad är egentligen en AI-modell?".encode(),
        b'        text: "Svar: en databas # med alla svar"',
    ]
    assert all(str(text) in line.decode() for (line, _), text in zip(changed, old, strict=True))
    assert not [d for d in _check(default_course) if "error[" in d or "AIC050" in d]


def test_a_translated_course_imported_again_unedited_stays_the_same(
    default_course: Path, exported: Export, imported: Import, snapshot: Snapshot
) -> None:
    document = exported(default_course, "en")
    for file in document.files:
        _translate(document, file.id, lambda s: s.replace(" och ", " and "))
    plan = imported(default_course, document)
    assert plan.diagnostics == [] and len(plan.writes) == len(document.files)
    write_all(plan)
    assert not [d for d in _check(default_course) if "error[" in d or "AIC050" in d]
    before = snapshot(default_course)
    again = imported(default_course, exported(default_course, "en"))
    assert (again.writes, again.unchanged) == ([], len(document.files))
    assert snapshot(default_course) == before


def test_a_text_without_translation_gets_a_new_file(
    default_course: Path, exported: Export, imported: Import
) -> None:
    public = default_course / "profiles" / "public.yaml"
    public.write_text(re.sub(r"(?m)^languages: .*$", "languages: [sv, en]", public.read_text()))
    (default_course / "pages" / "01-valkommen.en.md").unlink(missing_ok=True)
    assert any("AIC051" in d and "'valkommen'" in d for d in _check(default_course))
    document = exported(default_course, "en")
    _translate(document, "pages:01-valkommen.en.md", lambda s: s.replace("och", "and"))
    plan = imported(default_course, document)
    assert plan.diagnostics == []
    new = default_course / "pages" / "01-valkommen.en.md"
    original = default_course / "pages" / "01-valkommen.md"
    assert [(w.path, w.created) for w in plan.writes] == [(new, True)]
    write_all(plan)
    text = new.read_text(encoding="utf-8")
    assert text.startswith("---\nid: valkommen\ntitle: Välkommen till kursen\nlang: en\n")
    assert "translates:\n  from: 01-valkommen.md\n" in text
    front = original.read_text().split("\n---\n")[0]
    marks = front.split("\nconfirm:\n")[1].count("\n") + 2  # the original's, not translated
    assert "confirm:" not in text
    assert (
        text.replace(" and ", " och ").count("\n") == original.read_text().count("\n") + 4 - marks
    )
    found = _check(default_course)
    assert not [d for d in found if "error[" in d]
    assert not [d for d in found if "01-valkommen" in d]  # neither stale nor missing


def test_a_changed_original_refuses_the_file(
    default_course: Path, exported: Export, imported: Import
) -> None:
    document = exported(default_course, "sv")
    original = default_course / "questions" / "ai-kunskap.en.yaml"
    original.write_text(original.read_text().replace("What is an AI model?", "What is a model?"))
    _unit(document, "model.choices.a.text").target = "Nytt svar"
    plan = imported(default_course, document)
    unit = _unit(document, "model.prompt")
    assert unit.span is not None
    shown = display_path(original)
    translation = display_path(default_course / "questions" / "ai-kunskap.sv.yaml")
    assert [format_text(d) for d in plan.diagnostics] == [
        f"t.xlf:{unit.span.line}:5: error[AIC094]: the source of unit 'model.prompt' has "
        f"changed in {shown} since the export\n"
        f"  hint: export again and translate the new text; nothing was written to {translation}"
    ]
    assert plan.writes == []


def test_a_new_file_waits_for_all_its_texts(
    small_course: Path, exported: Export, imported: Import
) -> None:
    document = exported(small_course, "en")
    _unit(document, "start.title").target = "Start"
    plan = imported(small_course, document)
    assert [(d.code, d.message) for d in plan.diagnostics] == [
        (
            "AIC096",
            f"{display_path(small_course / 'pages' / 'start.en.md')} was not created: "
            "3 of 4 texts are not translated yet",
        )
    ]
    every = sum(len(f.units) for f in document.files)
    assert plan.writes == [] and plan.untranslated == every - 1


def _make_english_start(small_course: Path, exported: Export, imported: Import) -> Path:
    document = exported(small_course, "en")
    _translate(document, "pages:start.en.md", lambda s: s.replace("modell", "model"))
    write_all(imported(small_course, document))
    return small_course / "pages" / "start.en.md"


def test_a_stale_translation_gets_the_new_hash_once_every_text_is_confirmed(
    small_course: Path, exported: Export, imported: Import, snapshot: Snapshot
) -> None:
    english = _make_english_start(small_course, exported, imported)
    original = small_course / "pages" / "start.md"
    original.write_text(original.read_text().replace("title: Start", "title: Börja"))
    assert any("AIC050" in d for d in _check(small_course))
    document = exported(small_course, "en")
    before = snapshot(small_course)
    assert imported(small_course, document).writes == []  # stale targets, not confirmed yet
    _unit(document, "start.title").target = "Begin"
    partly = imported(small_course, document)
    assert [(w.texts, w.hash_set) for w in partly.writes] == [(1, None)]
    for unit in _file(document, "pages:start.en.md").units:
        unit.state = "reviewed"
    plan = imported(small_course, document)
    [write] = plan.writes
    assert (write.path, write.texts, write.hash_set is not None) == (english, 1, True)
    write_all(plan)
    changed = _lines_changed(before["pages/start.en.md"], english.read_bytes())
    assert [line for line, _ in changed] == [b"title: Start", changed[1][0]]
    assert changed[1][0].startswith(b"  hash: ") and changed[0][1] == b"title: Begin"
    assert not [d for d in _check(small_course) if "start" in d]


def test_a_translation_that_differs_in_more_than_text_stays_stale(
    small_course: Path, exported: Export, imported: Import
) -> None:
    english = _make_english_start(small_course, exported, imported)
    english.write_text(english.read_text().replace("src: media/bild.svg", "src: media/bild.en.svg"))
    original = small_course / "pages" / "start.md"
    original.write_text(original.read_text().replace("title: Start", "title: Börja"))
    document = exported(small_course, "en")
    _translate(document, "pages:start.en.md", lambda s: s)
    plan = imported(small_course, document)
    assert [(d.code, d.severity.value) for d in plan.diagnostics] == [("AIC097", "warning")]
    assert [(w.texts, w.hash_set) for w in plan.writes] == [(4, None)]


def test_a_translation_with_other_blocks_is_refused(
    small_course: Path, exported: Export, imported: Import
) -> None:
    english = _make_english_start(small_course, exported, imported)
    text = english.read_text()
    english.write_text(text[: text.index("```reflection")])
    document = exported(small_course, "en")
    plan = imported(small_course, document)
    assert [d.code for d in plan.diagnostics] == ["AIC095"]
    assert "does not have the blocks of its original" in plan.diagnostics[0].message


def test_markdown_that_would_add_a_block_is_refused(
    small_course: Path, exported: Export, imported: Import
) -> None:
    document = exported(small_course, "en")
    _translate(document, "pages:start.en.md", lambda s: s)
    unit = _unit(document, "text_1.body")
    unit.target = "Hello {{ contacts.kurs }}.\n\n```quiz\nid: extra\nbank: fragor\n```\n"
    plan = imported(small_course, document)
    assert [(d.code, d.span.line, d.message.split(" cannot")[0]) for d in plan.diagnostics] == [
        ("AIC095", unit.span.line if unit.span else 0, "the translation of 'text_1.body'")
    ]
    assert [w.path.name for w in plan.writes] == []


def test_unknown_files_units_courses_and_languages_are_refused(
    small_course: Path, exported: Export, imported: Import
) -> None:
    document = exported(small_course, "en")
    document.files[1].id = "pages:nope.en.md"
    _unit(document, "start.title").id = "start.titel"
    codes = [(d.code, d.message) for d in imported(small_course, document).diagnostics]
    assert codes[0] == (
        "AIC093",
        "'pages:nope.en.md' is not a text of this course to translate from 'sv' into 'en'",
    )
    assert codes[1][0] == "AIC093" and "unit 'start.titel' is not a text of" in codes[1][1]
    document.files[0].meta["course"] = "annan-kurs"
    assert [d.message for d in imported(small_course, document).diagnostics] == [
        "this XLIFF was exported from the course 'annan-kurs', not from 'minikurs'"
    ]
    for trg, message in [
        ("de", "'de' is not one of the course's languages (sv, en)"),
        ("sv", "source and target language are both 'sv'"),
        (None, "the XLIFF has no target language (trgLang)"),
    ]:
        document.trg_lang = trg
        assert [(d.code, d.message) for d in imported(small_course, document).diagnostics] == [
            ("AIC092", message)
        ]
    document.trg_lang = "EN-gb"  # a region or other case names the same course language
    assert [d.code for d in imported(small_course, document).diagnostics][-1] == "AIC093"


def test_line_ends_of_untouched_lines_are_kept(
    small_course: Path, exported: Export, imported: Import
) -> None:
    bank = small_course / "questions" / "fragor.sv.yaml"
    bank.write_bytes(bank.read_bytes().replace(b"\n", b"\r\n"))
    document = exported(small_course, "sv")
    _unit(document, "data.prompt").target = "En modell blir aldrig bättre än sina data."
    write_all(imported(small_course, document))
    data = bank.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 18
    assert b"    prompt: En modell blir aldrig b\xc3\xa4ttre \xc3\xa4n sina data.\r\n" in data


def test_source_hash_is_what_is_compared(
    small_course: Path, exported: Export, imported: Import
) -> None:
    document = exported(small_course, "sv")
    unit = _unit(document, "modell.prompt")
    assert unit.source_hash == content_hash("What is a model?")
    unit.source = "whitespace  normalised by a tool"  # the recorded hash still matches
    unit.target = "Vad är en modell, egentligen?"
    assert [w.texts for w in imported(small_course, document).writes] == [1]
    unit.source_hash = None  # without it, the source text itself must match
    assert [d.code for d in imported(small_course, document).diagnostics] == ["AIC094"]


def test_blank_lines_around_markdown_are_layout_and_a_second_import_changes_nothing(
    small_course: Path, exported: Export, imported: Import, snapshot: Snapshot
) -> None:
    document = exported(small_course, "en")
    _translate(document, "pages:start.en.md", lambda s: s)
    _unit(document, "text_1.body").target = "\n\n- a list\n- of {{ contacts.kurs }}\n \t\n"
    write_all(imported(small_course, document))
    text = (small_course / "pages" / "start.en.md").read_text()
    assert "---\n\n- a list\n- of {{ contacts.kurs }}\n\n```image" in text
    before = snapshot(small_course)
    assert imported(small_course, document).writes == []
    assert snapshot(small_course) == before


# -- a profile's texts (profiles/<name>.<lang>.yaml) ------------------------------------------
PUBLIC_EN = "profiles:public.en.yaml"


def test_a_profile_translation_is_exported_and_imported_unchanged(
    default_course: Path, exported: Export, imported: Import, snapshot: Snapshot
) -> None:
    document = exported(default_course, "en")
    profile = _file(document, PUBLIC_EN)
    assert (profile.original, profile.meta["kind"]) == ("profiles/public.yaml", "profile")
    assert ("variables.organisation", "din organisation", "your organisation") in [
        (u.id, u.source, u.target) for u in profile.units
    ]
    assert {u.state for u in profile.units} == {"translated"}
    assert not any(f.original == "profiles/vgr.yaml" for f in document.files)  # Swedish only
    before = snapshot(default_course)
    plan = imported(default_course, document)
    assert (plan.writes, plan.diagnostics) == ([], [])
    assert snapshot(default_course) == before


def test_a_profile_without_translation_gets_a_file_of_its_texts(
    default_course: Path, exported: Export, imported: Import
) -> None:
    existing = default_course / "profiles" / "public.en.yaml"
    existing.unlink()
    assert any("AIC051" in d and "profile 'public'" in d for d in _check(default_course))
    document = exported(default_course, "en")
    _unit(document, "title", PUBLIC_EN).target = "AI Sweden's learning platform (public)"
    plan = imported(default_course, document)
    assert plan.writes == [] and [d.code for d in plan.diagnostics] == ["AIC096"]
    targets = {
        "title": "AI Sweden's learning platform (public)",
        "variables.organisation": "your organisation",
        "contacts.course.role": "Course contact",
        "contacts.course.name": "AI Sweden",
        "contacts.content.role": "Responsible for the content",
        "contacts.content.name": "Region VG: together with AI Sweden",
        "contacts.innovation.role": "Ideas and innovation",
        "contacts.innovation.name": "Your line manager",
    }
    for unit in _file(document, PUBLIC_EN).units:
        unit.target, unit.state = targets[unit.id], "translated"
    plan = imported(default_course, document)
    assert plan.diagnostics == []
    # every text but 'AI Sweden', which stays as it is
    assert [(w.path, w.created, w.texts) for w in plan.writes] == [(existing, True, 7)]
    write_all(plan)
    course, _ = load(default_course)
    assert course is not None
    current = profile_hash(course.profiles["public"].model)
    assert existing.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schemas/profile-translation.schema.json\n"
        "lang: en\n"
        "translates:\n"
        "  from: public.yaml\n"
        f'  hash: "{current}"\n'
        "title: AI Sweden's learning platform (public)\n"
        "variables:\n"
        "  organisation: your organisation\n"
        "contacts:\n"
        "  course:\n"
        "    role: Course contact\n"
        "    name: AI Sweden\n"
        "  content:\n"
        "    role: Responsible for the content\n"
        '    name: "Region VG: together with AI Sweden"\n'
        "  innovation:\n"
        "    role: Ideas and innovation\n"
        "    name: Your line manager\n"
    )
    assert not [d for d in _check(default_course) if "profiles/" in d]


def test_an_edited_profile_text_changes_that_line_and_a_stale_one_gets_the_new_hash(
    default_course: Path, exported: Export, imported: Import
) -> None:
    original = default_course / "profiles" / "public.yaml"
    original.write_text(
        original.read_text().replace("organisation: din organisation", "organisation: din region")
    )
    assert any("AIC050" in d and "public.yaml" in d for d in _check(default_course))
    document = exported(default_course, "en")
    units = _file(document, PUBLIC_EN).units
    assert {u.state for u in units} == {"initial"}  # stale: each to be checked again
    translation = default_course / "profiles" / "public.en.yaml"
    before = translation.read_bytes()
    _unit(document, "variables.organisation", PUBLIC_EN).target = "your region"
    for unit in units:
        unit.state = "reviewed"
    plan = imported(default_course, document)
    [write] = plan.writes
    assert (write.path, write.texts, write.created) == (translation, 1, False)
    write_all(plan)
    changed = _lines_changed(before, translation.read_bytes())
    assert [new for _, new in changed] == [
        f"  hash: {write.hash_set}".encode(),
        b"  organisation: your region",
    ]
    assert not [d for d in _check(default_course) if "profiles/" in d]


# -- {{ variables }}: placeholders a translator keeps ------------------------------------------
X = f"{{{XLIFF_NS}}}"
WELCOME = "pages:01-valkommen.en.md"


def test_variables_round_trip_and_an_unedited_import_changes_no_byte(
    default_course: Path, exported: Export, imported: Import, snapshot: Snapshot
) -> None:
    pages = default_course / "pages"
    original = pages / "01-valkommen.md"
    original.write_text(
        original.read_text()
        .replace(
            "title: Välkommen till kursen", "title: Välkommen till kursen i {{ organisation }}"
        )
        .replace(
            "kommer ihåg var du slutade.",
            "kommer ihåg var du slutade. Frågor? Kontakta {{ contacts.course }} eller "
            "{{organisation}}; {{ contacts.course }} svarar.",
        )
    )
    document = exported(default_course, "en")
    welcome = _file(document, WELCOME)
    title, body = _unit(document, "valkommen.title", WELCOME), welcome.units[1]
    assert title.target is not None and body.target is not None
    title.target = "Welcome to the course at {{ organisation }}"
    body.target = body.target.replace(
        "course remembers where you stopped.",
        "course remembers where you stopped. Questions? {{ contacts.course }} answers them; or "
        "ask {{organisation}} or {{ contacts.course }}.",
    )
    for unit in welcome.units:
        unit.state = "reviewed"
    plan = imported(default_course, document)
    assert plan.diagnostics == []
    assert [(w.path.name, w.texts, bool(w.hash_set)) for w in plan.writes] == [
        ("01-valkommen.en.md", 2, True)
    ]
    write_all(plan)
    assert not [d for d in _check(default_course) if "error[" in d or "AIC050" in d]
    english = (pages / "01-valkommen.en.md").read_text()
    assert "title: Welcome to the course at {{ organisation }}\n" in english
    assert "Questions? {{ contacts.course }} answers them; or ask {{organisation}} or" in english
    # exported again, the translation's variables are placeholders too, the same codes as the
    # source's; imported unedited, nothing changes
    element = _xml_export(default_course, "en").find(f".//{X}unit[@id='{body.id}']")
    assert element is not None
    codes = [
        [(ph.get("id"), ph.get("dataRef")) for ph in part.iter(f"{X}ph")]
        for part in element.iter(f"{X}source", f"{X}target")
    ]
    assert codes == [
        [("1", "d1"), ("2", "d2"), ("3", "d1")],
        [("1", "d1"), ("2", "d2"), ("3", "d1")],
    ]
    before = snapshot(default_course)
    again = imported(default_course, exported(default_course, "en"))
    assert (again.writes, again.diagnostics) == ([], [])
    assert snapshot(default_course) == before


def _xml_export(root: Path, lang: str) -> etree._Element:
    course, errors = load(root)
    assert course is not None, errors
    result, _ = export_course(course, lang)
    return etree.fromstring(write_xliff(result.document))


def _copy_sources(xliff: etree._Element) -> None:
    """Every target a copy of its source, placeholders and all, as a translation tool makes it."""
    for segment in xliff.iter(f"{X}segment"):
        source = segment.find(f"{X}source")
        assert source is not None
        target = etree.SubElement(segment, f"{X}target")
        target.text = source.text
        target[:] = [copy.deepcopy(child) for child in source]
        segment.set("state", "translated")


def _target(xliff: etree._Element, unit_id: str) -> etree._Element:
    found = xliff.find(f".//{X}unit[@id='{unit_id}']/{X}segment/{X}target")
    assert found is not None
    return found


def _read(xliff: etree._Element) -> tuple[XliffDocument, str]:
    data = etree.tostring(xliff, encoding="UTF-8", xml_declaration=True)
    document, problems = read_xliff(data, "t.xlf")
    assert problems == [] and document is not None
    return document, data.decode()


def _where(text: str, start_tag: str) -> tuple[int, int]:
    for number, line in enumerate(text.split("\n"), start=1):
        if start_tag in line:
            return number, line.index(start_tag) + 1
    raise AssertionError(start_tag)


BODY_AFTER = (
    " answers your questions.\n\n## Background\n\nA model is a program whose behaviour was learnt "
    "from examples rather than written as rules."
)


def test_a_placeholder_moved_by_the_translator_is_imported_at_its_new_place(
    small_course: Path, imported: Import
) -> None:
    xliff = _xml_export(small_course, "en")
    _copy_sources(xliff)
    target = _target(xliff, "text_1.body")
    [placeholder] = target.findall(f"{X}ph")
    target.text = "Welcome to the mini course, where you learn how a model is trained on data.\n"
    placeholder.tail = BODY_AFTER
    target[:] = [placeholder]
    document, _ = _read(xliff)
    plan = imported(small_course, document)
    assert plan.diagnostics == []
    write_all(plan)
    english = (small_course / "pages" / "start.en.md").read_text()
    assert "on data.\n{{ contacts.kurs }} answers your questions.\n\n## Background\n" in english
    assert _check(small_course) == []


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda target: target.remove(target[0]), "drops {{ contacts.kurs }}"),
        (lambda target: target.append(copy.deepcopy(target[0])), "adds {{ contacts.kurs }}"),
    ],
)
def test_a_translation_must_keep_each_placeholder_once(
    small_course: Path,
    imported: Import,
    snapshot: Snapshot,
    edit: Callable[[etree._Element], None],
    message: str,
) -> None:
    xliff = _xml_export(small_course, "en")
    _copy_sources(xliff)
    target = _target(xliff, "text_1.body")
    target.text = "Welcome to the mini course. Contact "
    edit(target)
    document, text = _read(xliff)
    line, col = _where(text, "<target>Welcome to the mini course.")
    before = snapshot(small_course)
    plan = imported(small_course, document)
    shown = display_path(small_course / "pages" / "start.en.md")
    assert [format_text(d) for d in plan.diagnostics] == [
        f"t.xlf:{line}:{col}: error[AIC098]: the translation of 'text_1.body' {message}\n"
        "  hint: keep each {{ variable }} of the source in the translation, as often as the "
        "source has it (move it where the sentence needs it); nothing was written to "
        f"{shown}"
    ]
    assert [w.path.name for w in plan.writes] == ["course.en.yaml", "prov.en.md"]
    write_all(plan)
    assert not (small_course / "pages" / "start.en.md").exists()
    assert set(snapshot(small_course)) == set(before) | {"course.en.yaml", "pages/prov.en.md"}


def test_a_translation_without_a_variable_that_the_import_leaves_alone_is_not_refused(
    small_course: Path, imported: Import
) -> None:
    xliff = _xml_export(small_course, "en")
    _copy_sources(xliff)
    document, _ = _read(xliff)
    write_all(imported(small_course, document))
    english = small_course / "pages" / "start.en.md"
    # the translator of the page chose to name no contact: that is the manuscript's business
    english.write_text(english.read_text().replace("{{ contacts.kurs }}", "oss"))
    document, _ = _read(_xml_export(small_course, "en"))
    assert imported(small_course, document).diagnostics == []
    _unit(document, "start.title").target = "Start here"
    plan = imported(small_course, document)
    assert plan.diagnostics == [] and [w.texts for w in plan.writes] == [1]
