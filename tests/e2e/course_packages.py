"""Build the default course's SCORM packages with the real CLI and unpack them for the browser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "content" / "introduktionsutbildning"
PROFILES = ("vgr", "public")
FORMATS = ("scorm12", "scorm2004")
COMBOS = [(p, f) for p in PROFILES for f in FORMATS]


def combo_id(combo: tuple[str, str]) -> str:
    return f"{combo[0]}-{combo[1]}"


@dataclass
class Package:
    profile: str
    format: str
    zip_path: Path
    folder: Path  # the unpacked package
    launch: str  # the resource's href, relative to the folder
    mastery: str | None  # adlcp:masteryscore (1.2) or minNormalizedMeasure (2004)
    config: dict[str, Any] = field(default_factory=dict)  # the boot config of index.html

    @property
    def key(self) -> str:
        return f"{self.profile}-{self.format}"

    @property
    def standard(self) -> str:
        return self.format


def run_build(
    out: Path, profile: str, fmt: str, env: dict[str, str] | None = None, course: Path = COURSE
) -> Path:
    """`aicourse build COURSE --profile P --format F --out OUT` (the default course unless
    another is given) by the real CLI; the one zip it wrote."""
    cmd = [
        sys.executable,
        "-m",
        "aicourse_build",
        "build",
        str(course),
        "--profile",
        profile,
        "--format",
        fmt,
        "--out",
        str(out),
    ]
    full_env = {**os.environ, "AICOURSE_THEMES": str(REPO / "themes"), **(env or {})}
    done = subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=REPO, check=False)
    if done.returncode != 0:
        raise AssertionError(
            f"`{' '.join(cmd[2:])}` failed with exit {done.returncode}:\n"
            f"{done.stdout}\n{done.stderr}"
        )
    zips = sorted(out.glob(f"*-{profile}-{fmt}.zip"))
    if len(zips) != 1:
        raise AssertionError(
            f"expected one *-{profile}-{fmt}.zip in {out}, found {[z.name for z in zips]}; "
            f"output:\n{done.stdout}\n{done.stderr}"
        )
    return zips[0]


def manifest_facts(xml: bytes) -> tuple[str, str | None]:
    """(launch href, mastery value) of a SCORM manifest."""
    root = etree.fromstring(xml)
    hrefs = root.xpath("//*[local-name()='resource'][@href]/@href")
    if not hrefs:
        raise AssertionError("manifest has no resource with an href")
    mastery = root.xpath(
        "//*[local-name()='item']/*[local-name()='masteryscore']/text()"
        " | //*[local-name()='primaryObjective']/*[local-name()='minNormalizedMeasure']/text()"
    )
    return str(hrefs[0]), (str(mastery[0]).strip() if mastery else None)


def boot_config(index_html: str) -> dict[str, Any]:
    root = etree.HTML(index_html)
    found = root.xpath("//script[@id='aicourse-config']/text()")
    return json.loads(found[0]) if found else {}


def unpack(zip_path: Path, folder: Path, profile: str, fmt: str) -> Package:
    with zipfile.ZipFile(zip_path) as handle:
        handle.extractall(folder)
    launch, mastery = manifest_facts((folder / "imsmanifest.xml").read_bytes())
    config = {}
    launch_file = folder / launch.split("?")[0].split("#")[0]
    if launch_file.is_file():
        config = boot_config(launch_file.read_text(encoding="utf-8"))
    return Package(profile, fmt, zip_path, folder, launch, mastery, config)


# --- the course as authored -----------------------------------------------------------------


def course_yaml() -> dict[str, Any]:
    return dict(yaml.safe_load((COURSE / "course.yaml").read_text(encoding="utf-8")))


def question_bank(name: str = "ai-kunskap", lang: str = "sv") -> list[dict[str, Any]]:
    path = COURSE / "questions" / f"{name}.{lang}.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])


def strings(lang: str = "sv") -> dict[str, str]:
    """The runtime's user-visible strings (accessible names come from here)."""
    candidates = [
        REPO / "src" / "aicourse_build" / "runtime" / "strings.json",
        REPO / "src" / "aicourse_build" / "render" / "strings.json",
    ]
    merged: dict[str, str] = {}
    for path in reversed(candidates):
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            merged.update(data.get(lang, data))
    return merged
