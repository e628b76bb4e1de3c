"""The footprint read from a zip is the one `build` wrote into its report, field for field."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from aicourse_build.build import build_courses
from aicourse_build.diff.footprint import Footprint
from aicourse_build.diff.read import (
    NotAPackageError,
    files_of_zip,
    footprint_of_files,
    footprint_of_zip,
    state_format,
)
from aicourse_build.package.state_budget import STATE_FORMAT
from aicourse_build.render.site import runtime_bundle


def test_zip_and_build_report_agree(small_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = build_courses([small_course], out)
    assert len(result.built) == 4
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    for entry in report["packages"]:
        from_zip = footprint_of_zip(out / entry["file"])
        assert Footprint.model_validate(entry["footprint"]) == from_zip
        assert from_zip.format == entry["format"] and from_zip.profile == entry["profile"]
        assert from_zip.resume.worst_case == entry["resume_state"]["worst_case"]
        assert from_zip.resume.limit == entry["resume_state"]["limit"]


def test_what_each_manifest_gives(small_course: Path, tmp_path: Path) -> None:
    build_courses([small_course], tmp_path)
    scorm = footprint_of_zip(tmp_path / "minikurs-1.0.0-intern-scorm12.zip")
    assert scorm.manifest == "MAN_minikurs_intern"
    assert [(u.kind, u.id, u.launch) for u in scorm.units] == [
        ("item", "ITEM_minikurs_intern", "index.html")
    ]
    assert scorm.interactions[:2] == ("aicourse", "aicourse-progress")
    cmi5 = footprint_of_zip(tmp_path / "minikurs-1.0.0-publik-cmi5.zip")
    assert cmi5.manifest == "https://example.org/xapi/minikurs"
    assert [u.id for u in cmi5.units] == ["https://example.org/xapi/minikurs/au"]
    assert "au@moveOn=CompletedAndPassed" in cmi5.completion.manifest
    scorm2004 = footprint_of_zip(tmp_path / "minikurs-1.0.0-publik-scorm2004.zip")
    # the manifest declares no objectives today; one it declares is read by its id
    files = files_of_zip(tmp_path / "minikurs-1.0.0-publik-scorm2004.zip")
    manifest = files["imsmanifest.xml"]
    files["imsmanifest.xml"] = manifest.replace(
        b"<organizations", b'<x:o xmlns:x="urn:x" objectiveID="OBJ1"/><organizations', 1
    )
    assert footprint_of_files(files).objectives == ("OBJ1",)
    assert [(q.quiz, q.id, q.type) for q in scorm2004.questions] == [
        ("slutprov", "modell", "single"),
        ("slutprov", "data", "truefalse"),
    ]


def test_a_language_switch_package(english_course: Path, tmp_path: Path) -> None:
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "language_switch: true\n", encoding="utf-8")
    build_courses([english_course], tmp_path, ["publik"], ["scorm2004"])
    found = footprint_of_zip(tmp_path / "minikurs-1.0.0-publik-scorm2004.zip")
    assert found.language == "sv+en"


def test_the_state_format_of_each_runtime() -> None:
    assert state_format("  var FORMAT = 2;   // mirrored") == "2"
    assert state_format('     state     = "1" *section') == "1"
    assert state_format("function encode(m) { return '1' + pages + rest; }") == "1"
    assert state_format("nothing here") == "?"
    # what a package's runtime.js says is the format the Python side numbers
    for target in ("scorm12", "xapi"):
        assert state_format(runtime_bundle(target)[0].decode()) == str(STATE_FORMAT)


def test_not_a_package(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(NotAPackageError, match="not a zip file"):
        files_of_zip(junk)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(NotAPackageError, match="no launch page"):
        footprint_of_zip(empty)
    page = b'<html><body><script id="aicourse-config">{}</script></body></html>'
    with pytest.raises(NotAPackageError, match="no manifest"):
        footprint_of_files({"index.html": page})
