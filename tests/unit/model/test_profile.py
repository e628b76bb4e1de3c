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
