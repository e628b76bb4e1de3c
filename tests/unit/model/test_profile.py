import pytest
from pydantic import ValidationError

from aicourse_build.model.profile import (
    Profile,
    ProfileTranslation,
    profile_texts,
    with_translated_texts,
)

BASE = {"title": "T", "theme": "vgr", "formats": ["scorm12"]}


def test_privacy_defaults_keep_data_local() -> None:
    profile = Profile.model_validate(BASE)
    assert profile.privacy.free_text == "keep_local"
    assert profile.privacy.identity == "anonymous"


def test_credentials_are_not_a_profile_setting() -> None:
    with pytest.raises(ValidationError):
        Profile.model_validate({**BASE, "xapi": {"base_iri": "https://e.org/", "auth": "Basic x"}})


def test_base_iri_must_be_absolute_and_end_in_slash() -> None:
    with pytest.raises(ValidationError):
        Profile.model_validate({**BASE, "xapi": {"base_iri": "https://e.org/x"}})


def _problems(data: dict[str, object]) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({**BASE, **data})
    return [(e["type"], e["loc"]) for e in caught.value.errors()]


def test_strings_override_known_keys_per_language() -> None:
    profile = Profile.model_validate(
        {
            **BASE,
            "languages": ["sv", "en"],
            "strings": {"sv": {"next": "Fram"}, "en": {"next": "On"}},
        }
    )
    assert profile.strings == {"sv": {"next": "Fram"}, "en": {"next": "On"}}
    assert Profile.model_validate(BASE).strings == {}


def test_an_unknown_string_key_has_its_own_code_and_a_suggestion() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({**BASE, "strings": {"sv": {"previus": "Bakåt"}}})
    [err] = caught.value.errors()
    assert err["type"] == "AIC080"
    assert err["loc"] == ("strings", "sv", "previus", "[key]")
    assert (err.get("ctx") or {})["hint"] == "did you mean 'previous'?"


def test_string_values_are_text_that_is_not_blank() -> None:
    assert [t for t, _ in _problems({"strings": {"sv": {"next": "  "}}})] == ["value_error"]
    assert [t for t, _ in _problems({"strings": {"sv": {"next": ""}}})] == ["string_too_short"]
    assert [t for t, _ in _problems({"strings": {"sv": {"next": 3}}})] == ["string_type"]


def test_strings_only_for_the_profiles_languages() -> None:
    assert _problems({"strings": {"en": {"next": "On"}}}) == [("AIC081", ("strings", "en"))]


def test_a_placeholder_the_runtime_does_not_fill_in_is_an_error() -> None:
    text = "{percent} % klart, {minuter} min kvar"
    problems = _problems({"strings": {"sv": {"progressText": text}}})
    assert problems == [("AIC012", ("strings", "sv", "progressText"))]
    fewer = {"strings": {"sv": {"progressText": "{percent} % klart"}}}
    assert Profile.model_validate({**BASE, **fewer}).strings["sv"]["progressText"]


def test_a_language_switch_needs_two_languages() -> None:
    assert _problems({"language_switch": True}) == [("AIC082", ("language_switch",))]
    both = Profile.model_validate({**BASE, "languages": ["sv", "en"], "language_switch": True})
    assert both.language_switch
    assert not Profile.model_validate(BASE).language_switch


# -- translations of a profile's texts --------------------------------------------------------
WITH_TEXTS = {
    **BASE,
    "languages": ["sv", "en"],
    "variables": {"organisation": "din organisation", "team": {"namn": "Teamet", "rum": "B2"}},
    "contacts": {
        "stod": {"role": "Stöd", "name": "Din chef", "url": "https://example.org/stod"},
        "kurs": {"role": "Kurs", "name": "Kursteamet", "email": "kurs@example.org"},
    },
    "privacy": {"free_text": "send"},
}


def test_the_texts_of_a_profile_are_its_title_variables_and_contact_words() -> None:
    profile = Profile.model_validate(WITH_TEXTS)
    assert profile_texts(profile) == {
        ("title",): "T",
        ("variables", "organisation"): "din organisation",
        ("variables", "team", "namn"): "Teamet",
        ("variables", "team", "rum"): "B2",
        ("contacts", "stod", "role"): "Stöd",
        ("contacts", "stod", "name"): "Din chef",
        ("contacts", "kurs", "role"): "Kurs",
        ("contacts", "kurs", "name"): "Kursteamet",
    }


def test_a_translation_replaces_the_texts_it_gives_and_keeps_the_rest() -> None:
    profile = Profile.model_validate(WITH_TEXTS)
    texts = ProfileTranslation.model_validate(
        {
            "lang": "en",
            "variables": {"organisation": "your organisation", "team": {"namn": "The team"}},
            "contacts": {"stod": {"name": "Your manager"}},
        }
    )
    english = with_translated_texts(profile, texts)
    assert english.title == "T"  # not translated: as written
    assert english.variables == {
        "organisation": "your organisation",
        "team": {"namn": "The team", "rum": "B2"},
    }
    stod = english.contacts["stod"]
    assert (stod.role, stod.name, stod.url) == ("Stöd", "Your manager", "https://example.org/stod")
    assert english.contacts["kurs"] == profile.contacts["kurs"]
    # settings are the profile's, and the profile itself is unchanged
    assert (english.privacy, english.formats) == (profile.privacy, profile.formats)
    assert profile.variables["organisation"] == "din organisation"


def test_a_translation_that_does_not_fit_the_profile_changes_nothing_there() -> None:
    profile = Profile.model_validate(WITH_TEXTS)
    texts = ProfileTranslation.model_validate(
        {"variables": {"team": "a text for a group", "organisation": {"x": "a group"}, "ny": "n"}}
    )
    assert with_translated_texts(profile, texts).variables == profile.variables


def test_a_profile_translation_holds_texts_only() -> None:
    for settings in ({"theme": "public"}, {"contacts": {"stod": {"email": "a@b.se"}}}):
        with pytest.raises(ValidationError):
            ProfileTranslation.model_validate(settings)
    with pytest.raises(ValidationError):
        ProfileTranslation.model_validate({"contacts": {"stod": {"name": ""}}})
    assert ProfileTranslation.model_validate({}).variables == {}
