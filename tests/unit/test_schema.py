import json
from pathlib import Path

from aicourse_build.schema import SCHEMAS, schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def test_committed_schemas_are_up_to_date() -> None:
    for name in SCHEMAS:
        committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(name), f"schemas/ is stale: run `make schemas` ({name})"


def test_schemas_describe_the_manuscript() -> None:
    course = json.loads(schema_text("course"))
    assert {"id", "title", "modules", "completion"} <= set(course["properties"])
    assert course["additionalProperties"] is False
    page = json.loads(schema_text("page"))
    assert "except" in page["properties"]


def test_a_profile_translation_has_a_schema_of_texts_only() -> None:
    schema = json.loads(schema_text("profile-translation"))
    assert set(schema["properties"]) == {
        "lang",
        "translates",
        "title",
        "variables",
        "contacts",
        "free_text_note",
    }
    assert schema["additionalProperties"] is False
    contact = schema["$defs"]["ContactTexts"]
    assert set(contact["properties"]) == {"role", "name"} and not contact["additionalProperties"]
