"""JSON Schemas for editors, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aicourse_build.model.course import CourseFile, PageMeta, QuestionBank
from aicourse_build.model.profile import Profile, ProfileTranslation
from aicourse_build.model.theme import ThemeFile
from aicourse_build.results.publish.data import Published

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "course": (CourseFile, "aicourse course.yaml"),
    "page": (PageMeta, "aicourse page front matter"),
    "profile": (Profile, "aicourse profile"),
    "profile-translation": (
        ProfileTranslation,
        "aicourse profile translation (<name>.<lang>.yaml)",
    ),
    "questions": (QuestionBank, "aicourse question bank"),
    "results": (Published, "aicourse results.json"),
    "theme": (ThemeFile, "aicourse theme.yaml"),
}


def schema_text(name: str) -> str:
    model, title = SCHEMAS[name]
    schema: dict[str, Any] = model.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
