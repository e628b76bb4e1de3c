"""The one table of formats: everything that knows a format agrees with it."""

import json
import re
import typing
from pathlib import Path

from aicourse_build.formats import (
    FORMAT_NAMES,
    FORMATS,
    KEPT_TEXT_LIMIT,
    free_text_limit,
    needing_base_iri,
)
from aicourse_build.model.profile import Profile
from aicourse_build.package.targets import TARGETS

RUNTIME = Path(__file__).resolve().parents[2] / "src" / "aicourse_build" / "runtime"
_LIMITS = re.compile(
    r"limits:\s*\{\s*state:\s*(\d+),\s*location:\s*(\d+)(?:,\s*text:\s*(\d+))?\s*\}"
)


def test_profiles_accept_exactly_the_formats_of_the_table() -> None:
    annotation = Profile.model_fields["formats"].annotation
    (literal,) = typing.get_args(annotation)
    assert typing.get_args(literal) == FORMAT_NAMES


def test_every_format_has_a_manifest_builder_and_a_runtime_adapter() -> None:
    adapters = json.loads((RUNTIME / "bundle.json").read_text(encoding="utf-8"))["adapters"]
    assert set(TARGETS()) == set(FORMATS)
    assert set(FORMATS) <= set(adapters)
    assert {name: t.title for name, t in TARGETS().items()}["scorm2004"] == "SCORM 2004 4th edition"


def test_the_runtime_adapters_keep_the_limits_of_the_table() -> None:
    adapters = json.loads((RUNTIME / "bundle.json").read_text(encoding="utf-8"))["adapters"]
    for name, fmt in FORMATS.items():
        files = adapters[name] if isinstance(adapters[name], list) else [adapters[name]]
        source = "\n".join((RUNTIME / f).read_text(encoding="utf-8") for f in files)
        [(state, location, text)] = _LIMITS.findall(source)
        assert (int(state), int(location)) == (fmt.state_limit, fmt.location_limit), name
        # free text: the adapter's own limit, else the runtime's 4000 (core/reflection.js)
        assert int(text or 4000) == fmt.text_limit, name
    core = (RUNTIME / "core" / "reflection.js").read_text(encoding="utf-8")
    assert f"|| {KEPT_TEXT_LIMIT};" in core


def test_xapi_formats_need_a_base_iri() -> None:
    assert needing_base_iri(["scorm12", "xapi", "cmi5"]) == ["xapi", "cmi5"]
    assert (
        FORMATS["scorm12"].manifest == "imsmanifest.xml" and FORMATS["cmi5"].manifest == "cmi5.xml"
    )


def test_free_text_limits_are_what_each_target_stores() -> None:
    assert free_text_limit("scorm12", "send") == 255  # CMIString255
    assert free_text_limit("scorm2004", "send") == 4000  # long-fill-in SPM
    assert free_text_limit("xapi", "send") == free_text_limit("cmi5", "send") == 4000
    assert {free_text_limit(name, "keep_local") for name in FORMATS} == {KEPT_TEXT_LIMIT}
