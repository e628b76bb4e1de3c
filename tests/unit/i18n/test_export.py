from pathlib import Path

from aicourse_build.i18n.export import STALE_NOTE, export_course, source_language
from aicourse_build.i18n.kinds import load
from aicourse_build.model.tree import Course
from aicourse_build.translations import content_hash


def _course(root: Path) -> Course:
    course, errors = load(root)
    assert errors == [] and course is not None
    return course


def test_texts_without_translation_are_exported_to_translate(small_course: Path) -> None:
    result, problems = export_course(_course(small_course), "en")
    assert problems == []
    document = result.document
    assert (document.src_lang, document.trg_lang) == ("sv", "en")
    assert [(f.id, f.original) for f in document.files] == [
        ("course.en.yaml", "course.yaml"),
        ("pages:prov.en.md", "pages/prov.md"),
        ("pages:start.en.md", "pages/start.md"),
    ]
    start = document.files[2]
    assert [u.id for u in start.units] == [
        "start.title",
        "text_1.body",
        "image_1.alt",
        "tanke.prompt",
    ]
    assert start.meta["translation"] == "pages/start.en.md" and start.meta["course"] == "minikurs"
    for unit in start.units:
        assert (unit.target, unit.state, unit.notes) == (None, "initial", [])
        assert unit.source_hash == content_hash(unit.source)
    assert start.units[3].source == "Var i ditt arbete skulle en modell kunna hjälpa till?"
    assert (result.units, result.translated, result.to_review) == (result.units, 0, 0)
    assert [u.id for u in document.files[0].units][:3] == [
        "title",
        "description",
        "owner.organisation",
    ]


def test_a_current_translation_is_exported_as_translated(small_course: Path) -> None:
    result, _ = export_course(_course(small_course), "sv")
    [bank] = result.document.files
    assert (result.document.src_lang, bank.id) == ("en", "questions:fragor.sv.yaml")
    assert [(u.id, u.target, u.state) for u in bank.units][:2] == [
        ("modell.prompt", "Vad är en modell?", "translated"),
        ("modell.choices.a.text", "Regler som en människa skrivit", "translated"),
    ]
    assert result.translated == len(bank.units) == 4


def test_a_stale_translation_is_exported_for_review(small_course: Path) -> None:
    original = small_course / "questions" / "fragor.en.yaml"
    original.write_text(original.read_text().replace("What is a model?", "What is an AI model?"))
    result, _ = export_course(_course(small_course), "sv")
    [bank] = result.document.files
    assert {(u.state, tuple(u.notes)) for u in bank.units} == {("initial", (STALE_NOTE,))}
    assert bank.units[0].target == "Vad är en modell?"
    assert (result.to_review, result.translated) == (4, 0)


def test_originals_in_several_languages_export_one_source_language_at_a_time(
    small_course: Path,
) -> None:
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("[sv, en]", "[sv, en, de]"))
    course = _course(small_course)
    assert source_language(course, "de", None) == "sv"
    assert source_language(course, "sv", None) == "en"
    result, _ = export_course(course, "de")
    assert result.left_out == {"en": 1}
    assert all(f.original != "questions/fragor.en.yaml" for f in result.document.files)
    from_english, _ = export_course(course, "de", "en")
    assert [f.id for f in from_english.document.files] == ["questions:fragor.de.yaml"]
    assert from_english.left_out == {"sv": 3}
