import pytest
from pydantic import ValidationError

from aicourse_build.model.base import Conditional, Translates


def test_conditions_use_the_yaml_keyword_except() -> None:
    element = Conditional.model_validate({"only": ["vgr"], "except": ["public"], "tags": ["x"]})
    assert element.except_ == ["public"]
    with pytest.raises(ValidationError):
        Conditional.model_validate({"except_": ["public"]})


def test_models_are_frozen() -> None:
    element = Conditional.model_validate({})
    with pytest.raises(ValidationError):
        element.only = ["vgr"]  # type: ignore[misc]


def test_translation_hash_form() -> None:
    assert Translates.model_validate({"from": "a.en.yaml", "hash": "0123abcd"}).from_ == "a.en.yaml"
    with pytest.raises(ValidationError):
        Translates.model_validate({"from": "a.en.yaml", "hash": "XYZ"})
