import pytest
from pydantic import ValidationError

from aicourse_build.model.profile import Profile

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
