"""Free text: where it goes and how much of it (check), and the profile's note on every field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from aicourse_build.free_text import free_text_fields, free_text_line
from aicourse_build.model.profile import Profile, ProfileTranslation, with_translated_texts
from aicourse_build.model.theme import Theme
from aicourse_build.render.site import render_site
from aicourse_build.resolve import ResolvedCourse
from aicourse_build.translations import profile_hash

REPO = Path(__file__).resolve().parents[2]
NOTE = "Skriv inga patientuppgifter eller namn."


def test_a_profile_sending_scorm12_is_told_of_255_characters(
    resolved_intern: ResolvedCourse,
) -> None:
    fields = free_text_fields(resolved_intern)
    assert fields
    line = free_text_line(resolved_intern)
    assert line == (
        f"  free text [intern/sv]: {len(fields)} field(s), kept in the browser and sent: "
        "scorm12 in cmi.interactions.n.student_response, at most 255 characters"
    )


def test_a_profile_keeping_free_text_is_told_it_stays_in_the_browser(
    resolved_publik: ResolvedCourse,
) -> None:
    line = free_text_line(resolved_publik)
    assert line is not None and line.endswith(
        "kept in the learner's browser only, at most 4000 characters each"
    )


def test_sending_over_2004_and_xapi_gives_4000(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "privacy:\n  free_text: send\n", encoding="utf-8")
    line = free_text_line(resolve_course(small_course, "publik"))
    assert line is not None
    assert "scorm2004 in cmi.interactions.n.learner_response, at most 4000 characters" in line
    assert "xapi in result.response of an 'answered' statement, at most 4000 characters" in line


def test_the_note_is_on_every_free_text_field(
    small_course: Path,
    resolve_course: Callable[..., ResolvedCourse],
    theme_of: Callable[[str, Path], Theme],
) -> None:
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text() + f"free_text_note: {NOTE}\n", encoding="utf-8")
    resolved = resolve_course(small_course, "intern")
    html = render_site(resolved, theme_of("vgr", REPO), "scorm12").files["index.html"].decode()
    fields = free_text_fields(resolved)
    assert fields and html.count(NOTE) == len(fields)
    # without the option no note
    plain = resolve_course(small_course, "publik")
    html = render_site(plain, theme_of("public", REPO), "xapi").files["index.html"].decode()
    assert NOTE not in html


def test_the_note_is_a_profile_text_its_translation_replaces() -> None:
    profile = Profile.model_validate(
        {"title": "T", "theme": "vgr", "formats": ["scorm12"], "free_text_note": NOTE}
    )
    english = ProfileTranslation.model_validate(
        {"free_text_note": "Do not write patient details or names."}
    )
    assert with_translated_texts(profile, english).free_text_note == (
        "Do not write patient details or names."
    )
    assert with_translated_texts(profile, ProfileTranslation()).free_text_note == NOTE
    # the translation's hash covers it: a changed note makes the translation stale
    changed = profile.model_copy(update={"free_text_note": "Skriv inga namn."})
    assert profile_hash(changed) != profile_hash(profile)
