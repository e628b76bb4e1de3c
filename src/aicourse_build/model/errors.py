"""Turning pydantic's validation errors into diagnostics at the YAML line and column."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from aicourse_build.diagnostics import Diagnostic, Span, error
from aicourse_build.model.base import CHOICE_ID_PATTERN, ID_PATTERN, LANG_PATTERN
from aicourse_build.source.yaml_positions import Loc, PositionIndex
from aicourse_build.suggest import did_you_mean, one_of

_OWN_CODE = re.compile(r"^AIC\d{3}$")
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of 'key: value' lines",
    "model_type": "a mapping of 'key: value' lines",
    "model_attributes_type": "a mapping of 'key: value' lines",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _is_union_label(part: str | int, current: Any, last: bool, kind: str) -> bool:
    """Pydantic puts union member labels ('quiz', "literal['all']") into locs; they are not keys."""
    if not isinstance(part, str) or part == "[key]":
        return False
    if not isinstance(current, dict):
        return True
    if part in current:
        return False
    return current.get("type") == part or not (last and kind == "missing")


def _strip_tags(loc: Sequence[str | int], data: Any, kind: str = "") -> tuple[Loc, list[Any]]:
    """Drop union labels from a pydantic loc; also return the data at each step."""
    clean: list[str | int] = []
    trail = [data]
    current = data
    for position, part in enumerate(loc):
        if _is_union_label(part, current, position == len(loc) - 1, kind):
            continue
        if part == "[key]":
            clean.append(part)
            continue
        clean.append(part)
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
        trail.append(current)
    return tuple(clean), trail


def _unwrap(annotation: Any, value: Any) -> Any:
    """From an annotation, the model class that fits `value`, if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(annotation)
        for member in members:
            found = _unwrap(member, value)
            if isinstance(found, type) and issubclass(found, BaseModel):
                tag = value.get("type") if isinstance(value, dict) else None
                field = found.model_fields.get("type")
                if tag is None or field is None or tag in typing.get_args(field.annotation):
                    return found
        # an optional list or mapping: the member whose container fits the value
        wanted = list if isinstance(value, list) else dict if isinstance(value, dict) else None
        for member in members:
            if wanted is not None and typing.get_origin(member) is wanted:
                return member
        return None
    return annotation


def allowed_keys(root: Any, loc: Loc, data: Any) -> list[str]:
    """The keys the model accepts at `loc` (for 'did you mean')."""
    annotation: Any = root
    current = data
    for part in loc:
        annotation = _unwrap(annotation, current)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = _field_by_key(annotation, str(part))
            annotation = field.annotation if field else None
        elif typing.get_origin(annotation) in (list, dict):
            annotation = typing.get_args(annotation)[-1]
        else:
            return []
        if isinstance(current, dict):
            current = current.get(part) if isinstance(part, str) else None
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
    model = _unwrap(annotation, current)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items() if name != "type"]
    return []


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _pattern_message(err: ErrorDetails, value: Any) -> tuple[str, str | None]:
    pattern = str((err.get("ctx") or {}).get("pattern", ""))
    if pattern == ID_PATTERN:
        return (
            f"{_describe(value)} is not a valid id",
            "ids use lower-case letters, digits and single hyphens, starting with a letter "
            "(e.g. 'vad-ar-ai')",
        )
    if pattern == CHOICE_ID_PATTERN:
        return (
            f"{_describe(value)} is not a valid choice id",
            "choice ids use lower-case letters, digits and '_' (e.g. 'a', 'ja', 'opt_1')",
        )
    if pattern == LANG_PATTERN:
        return f"{_describe(value)} is not a language code", "use a two-letter code such as 'sv'"
    if pattern.endswith("/$"):
        return (
            f"{_describe(value)} is not a valid base IRI",
            "an absolute address ending in '/', e.g. 'https://example.org/xapi/'",
        )
    if "https" in pattern and "@" not in pattern:
        return f"{_describe(value)} is not a valid web address", "start it with https://"
    if "@" in pattern:
        return f"{_describe(value)} is not a valid e-mail address", None
    if r"\d{1,3}:" in pattern:
        return f"{_describe(value)} is not a duration", "write minutes:seconds, e.g. '1:30'"
    if r"\d+\.\d+\.\d+" in pattern:
        return f"{_describe(value)} is not a version", "use three numbers, e.g. '1.0.0'"
    if "[0-9a-f]{8}" in pattern:
        return (
            f"{_describe(value)} is not a hash",
            "eight lower-case hexadecimal digits, as check prints",
        )
    return f"{_describe(value)} does not have the expected form", f"expected pattern {pattern}"


def _message(
    err: ErrorDetails, key: str, value: Any, root: Any, loc: Loc, data: Any
) -> tuple[str, str | None]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if _OWN_CODE.match(kind):
        return str(err["msg"]), ctx.get("hint")
    if kind == "missing":
        return f"missing required key '{key}'", None
    if kind == "extra_forbidden":
        return f"unknown key '{key}'", did_you_mean(key, allowed_keys(root, loc[:-1], data))
    if kind in _TYPE_NAMES:
        return f"'{key}' should be {_TYPE_NAMES[kind]}, not {_describe(value)}", None
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        options = [o.strip() for o in expected.split(",") if o.strip()]
        hint = did_you_mean(str(value), options) or f"use one of: {one_of(options)}"
        return f"{_describe(value)} is not allowed for '{key}'", hint
    if kind == "string_pattern_mismatch":
        if key in ("theme", "extends"):
            return (
                f"{_describe(value)} is not a theme's name",
                "a theme is named by its folder in themes/, such as 'vgr'; never by a path",
            )
        return _pattern_message(err, value)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }
        limit = next(iter(ctx.values()), "")
        return f"'{key}' must be {words[kind]} {limit}, not {_describe(value)}", None
    if kind in ("too_short", "string_too_short"):
        if kind == "string_too_short":
            return f"'{key}' must not be empty", None
        return f"'{key}' needs at least {ctx.get('min_length')} item(s)", None
    if kind in ("too_long", "string_too_long"):
        return f"'{key}' is too long (at most {ctx.get('max_length')})", None
    if kind == "union_tag_not_found":
        return "missing required key 'type'", f"use one of: {ctx.get('expected_tags', '')}"
    if kind == "union_tag_invalid":
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        hint = did_you_mean(str(ctx.get("tag")), tags) or f"use one of: {one_of(tags)}"
        return f"unknown type '{ctx.get('tag')}'", hint
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, "), None
    return f"'{key}': {err['msg']}", None


def diagnostics_from_validation(
    exc: ValidationError, data: Any, index: PositionIndex, root: Any
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed with the position index."""
    found: list[Diagnostic] = []
    seen: set[Loc] = set()
    for err in exc.errors():
        loc, trail = _strip_tags(err["loc"], data, err["type"])
        if loc in seen and err["type"] not in ("missing", "extra_forbidden"):
            continue  # the other members of a union failing on the same value
        seen.add(loc)
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            key = str(loc[-1])
            value: Any = key
            span = index.key_span(loc)
        else:
            key = _key_name(loc)
            value = trail[-1] if len(trail) == len(loc) + 1 else None
            span = _span(err["type"], loc, index)
        message, hint = _message(err, key, value, root, loc, data)
        found.append(error(_code(err["type"]), message, span, hint))
    return _drop_missing_explained_by_typos(found)


def _key_name(loc: Loc) -> str:
    """The key a message names: for an item of a list, the list's key."""
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"


def _span(kind: str, loc: Loc, index: PositionIndex) -> Span:
    if kind == "extra_forbidden":
        return index.key_span(loc)
    if kind == "missing":
        return index.key_span(loc[:-1]) if loc[:-1] else index.root
    if kind == "union_tag_invalid":
        return index.value_span((*loc, "type"))
    if kind == "union_tag_not_found":
        return index.key_span(loc) if loc else index.root
    if kind == "value_error" or _OWN_CODE.match(kind):
        return index.key_span(loc) if loc else index.root
    return index.value_span(loc)


def _drop_missing_explained_by_typos(found: list[Diagnostic]) -> list[Diagnostic]:
    """`titel:` gives 'unknown key, did you mean title?'; 'title is missing' adds nothing."""
    suggested = {
        (d.hint.split("'")[1], d.span.path)
        for d in found
        if d.code == "AIC011" and d.hint and d.hint.startswith("did you mean")
    }
    return [
        d
        for d in found
        if not (
            d.code == "AIC010"
            and d.message.startswith("missing required key")
            and (d.message.split("'")[1], d.span.path) in suggested
        )
    ]


def _code(kind: str) -> str:
    if _OWN_CODE.match(kind):
        return kind  # a model's own check (e.g. profile.py's UI strings) names its code
    if kind in ("missing", "union_tag_not_found"):
        return "AIC010"
    if kind == "extra_forbidden":
        return "AIC011"
    return "AIC012"
