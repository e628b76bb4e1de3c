import json
from pathlib import Path
from typing import Any

import pytest

from aicourse_build.results.catalogue import Catalogue, CatalogueQuestion
from aicourse_build.results.model import NOT_STATED, OVERALL, Figure, Results
from aicourse_build.results.publish.data import (
    EVERYONE,
    NOT_STATED_LABEL,
    Published,
    choice_text,
    group_label,
    published,
    to_json,
    value,
)
from aicourse_build.schema import SCHEMAS, schema_text

SCHEMA = Path(__file__).resolve().parents[4] / "schemas" / "results.schema.json"
TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def check(data: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> None:
    """The parts of JSON Schema that results.schema.json uses, for when jsonschema is not
    installed (it is not a dependency): $ref, anyOf, type, const, enum, properties, required,
    additionalProperties, items."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                check(data, option, root, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: none of anyOf: {errors}")
    if "type" in schema:
        expected = TYPES[schema["type"]]
        ok = isinstance(data, expected) and not (
            isinstance(data, bool) and schema["type"] in ("integer", "number")
        )
        assert ok, f"{where}: {data!r} is not {schema['type']}"
    if "const" in schema:
        assert data == schema["const"], where
    if "enum" in schema:
        assert data in schema["enum"], where
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        missing = set(schema.get("required", [])) - set(data)
        assert not missing, f"{where}: missing {missing}"
        if schema.get("additionalProperties") is False:
            assert set(data) <= set(properties), f"{where}: extra {set(data) - set(properties)}"
        for key, item in data.items():
            if key in properties:
                check(item, properties[key], root, f"{where}.{key}")
    if isinstance(data, list) and "items" in schema:
        for i, item in enumerate(data):
            check(item, schema["items"], root, f"{where}[{i}]")


def validate(data: Any, schema: dict[str, Any]) -> None:
    try:
        import jsonschema
    except ImportError:
        check(data, schema, schema)
    else:
        jsonschema.validate(data, schema)


def test_a_hidden_figure_keeps_neither_value_nor_count() -> None:
    hidden = value(Figure(3.0, 3, "count", suppressed=True, reason="fewer than 5"))
    assert (hidden.value, hidden.n, hidden.suppressed, hidden.reason) == (
        None,
        None,
        True,
        "fewer than 5",
    )
    shown = value(Figure(48.123456, 12, "mean"))
    assert (shown.value, shown.n, shown.suppressed, shown.reason) == (48.1235, 12, False, None)


def test_results_json_validates_against_the_committed_schema(document: Published) -> None:
    assert "results" in SCHEMAS
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert SCHEMA.read_text(encoding="utf-8") == schema_text("results"), "run `make schemas`"
    data = json.loads(to_json(document))
    validate(data, schema)
    assert data["format"] == "aicourse-results" and data["format_version"] == 1
    with pytest.raises(AssertionError):
        check({**data, "extra": 1}, schema, schema)
    with pytest.raises(AssertionError):
        check({**data, "learners": {"value": 1}}, schema, schema)


def test_no_hidden_value_reaches_the_json(results: Results, document: Published) -> None:
    text = to_json(document)
    data = json.loads(text)
    midwives = next(g for g in data["groups"] if g["group"] == "barnmorskor")
    for key in ("learners", "pre_mean", "post_mean", "gain", "improved", "worse"):
        assert midwives[key] == {
            "value": None,
            "n": None,
            "kind": midwives[key]["kind"],
            "suppressed": True,
            "reason": "fewer than 5",
        }
    assistants = next(g for g in data["groups"] if g["group"] == "underskoterskor")
    assert assistants["learners"]["value"] == 7 and assistants["pre_mean"]["value"] is None
    assert assistants["unchanged"]["reason"] == "complementary"
    # the hidden means of these groups (41.0, 33.3, 66.7) are nowhere in the file
    for hidden in ("41.0", "33.3", "66.7", "0.49"):
        assert hidden not in text


def test_texts_come_from_the_catalogue(document: Published) -> None:
    model = document.questions[0]
    assert [c.choice for c in model.wrong_choices] == ["a", "c", "d"]  # most picked after first
    assert model.wrong_choices[0].text.startswith("Ett program som följer regler")
    assert document.questions[1].wrong_choices[0].text == "Sant"
    assert " | " in document.questions[2].wrong_choices[0].text
    assert "→" in document.questions[3].wrong_choices[0].text
    assert document.reflections[0].prompt.startswith("Tänk på en arbetsuppgift")
    assert [(d.id, d.title) for d in document.dimensions] == [("yrkesgrupp", "Yrkesgrupp")]


def test_without_a_catalogue_ids_stand_in(results: Results) -> None:
    document = published(results)
    assert document.questions[0].wrong_choices[0].text == "a"
    assert document.reflections[0].prompt == "reflektion-risker"
    assert document.dimensions[0].title == "Yrkesgrupp"


def test_choice_texts_of_every_question_type(catalogue: Catalogue) -> None:
    def question(qid: str) -> CatalogueQuestion | None:
        return catalogue.question("kunskapstest-efter", qid)

    assert choice_text(question("language-model"), "false") == "Falskt"
    assert choice_text(question("patient-data"), "a,d").startswith("En patients namn")
    order = choice_text(question("building-a-model"), "train,collect")
    assert order == "Träna modellen på data | Samla in och förbereda data"
    assert choice_text(question("model"), "x") == "x"
    assert choice_text(None, "a") == "a"


def test_group_labels(results: Results, document: Published) -> None:
    assert group_label(results, OVERALL) == EVERYONE
    assert group_label(results, NOT_STATED) == NOT_STATED_LABEL
    assert group_label(results, "lakare") == "Läkare"
    assert group_label(results, "okand") == "okand"
    labels = [g.label for g in document.groups]
    assert labels[0] == EVERYONE and labels[-1] == NOT_STATED_LABEL
    assert document.surveys[0].groups[0].group == OVERALL


def test_docs_describe_every_key_of_results_json() -> None:
    docs = (SCHEMA.parents[1] / "docs" / "results.md").read_text(encoding="utf-8")
    section = docs.split("\n## results.json\n", 1)[1].split("\n## ", 1)[0]
    schema = json.loads(schema_text("results"))
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition["properties"])
    assert not [key for key in sorted(keys) if f"`{key}`" not in section]
