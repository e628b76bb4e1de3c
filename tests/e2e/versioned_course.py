"""A small course in two versions, for the tests of a new version published mid-course.

Version 1.0.0: start (the group self-report and a reflection), test (the assessment, two
questions), middle, old, end. Version 1.1.0 of the same manuscript: a page inserted before the
middle (where the learner stops in version 1), one inserted after it, and `old` removed. One
profile builds every format.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from course_packages import REPO

TITLES = {
    "start": "Välkommen",
    "nyfore": "Nytt om källor",
    "prov": "Kunskapstest",
    "mitten": "Mitt i kursen",
    "gammal": "Gammal sida",
    "nyefter": "Nytt om ansvar",
    "slut": "Slut",
}
V1 = ["start", "prov", "mitten", "gammal", "slut"]
V2 = ["start", "nyfore", "prov", "mitten", "nyefter", "slut"]
GROUP_PROMPT = "Vilken yrkesgrupp tillhör du?"
GROUP_LABEL = "Sjuksköterskor"
REFLECTION_PROMPT = "Vad tar du med dig?"
QUIZ_TITLE = "Testet"
RIGHT_CHOICE = "Beteende inlärt från data"

COURSE_YAML = """\
id: versionskurs
title: Versionskurs
description: En liten kurs som får en ny version mitt i.
version: {version}
language: sv
duration: 3
owner:
  organisation: Testregionen
contacts:
  kurs:
    role: Kontakt
    name: Kursteamet
    email: kurs@example.org
audiences:
  - id: lakare
    label: Läkare
  - id: sjukskoterskor
    label: Sjuksköterskor
completion:
  pages: all
  assessment: slutprov
  passing_score: 50
  on_fail: failed
modules:
  - id: modul
    title: Modulen
    pages: [{pages}]
"""

BLOCKS = {
    "start": (
        f"```group\nid: yrkesgrupp\nprompt: {GROUP_PROMPT}\n```\n\n"
        f"```reflection\nid: tanke\nprompt: {REFLECTION_PROMPT}\n```\n"
    ),
    "prov": f"```quiz\nid: slutprov\ntitle: {QUIZ_TITLE}\nbank: fragor\n```\n",
}

BANK = f"""\
questions:
  - id: modell
    prompt: Vad är en modell?
    type: single
    choices:
      - id: a
        text: Regler
      - id: b
        text: {RIGHT_CHOICE}
    answer: b
  - id: data
    prompt: {json.dumps("En modell är aldrig bättre än sina data.", ensure_ascii=False)}
    type: truefalse
    answer: true
"""

PROFILE = """\
title: Alla format
theme: public
formats: [scorm12, scorm2004, xapi, cmi5]
languages: [sv]
privacy:
  free_text: keep_local
xapi:
  base_iri: https://example.org/xapi/
"""


def write_course(root: Path, version: int) -> Path:
    """Version 1 or 2 of the manuscript under root/v<version>/versionskurs."""
    pages = V1 if version == 1 else V2
    course = root / f"v{version}" / "versionskurs"
    files = {
        "course.yaml": COURSE_YAML.format(version=f"1.{version - 1}.0", pages=", ".join(pages)),
        "profiles/alla.yaml": PROFILE,
        "questions/fragor.yaml": BANK,
    }
    for page_id in pages:
        text = f"---\nid: {page_id}\ntitle: {TITLES[page_id]}\n---\n\nSidan {TITLES[page_id]}.\n\n"
        files[f"pages/{page_id}.md"] = text + BLOCKS.get(page_id, "")
    for name, text in files.items():
        path = course / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def build(course: Path, out: Path) -> dict[str, Path]:
    """`aicourse build COURSE --out OUT` (the profile's four formats): {format: zip}."""
    cmd = [sys.executable, "-m", "aicourse_build", "build", str(course), "--out", str(out)]
    env = {**os.environ, "AICOURSE_THEMES": str(REPO / "themes")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    if done.returncode != 0:
        raise AssertionError(f"`{' '.join(cmd[2:])}` failed:\n{done.stdout}\n{done.stderr}")
    zips = {}
    for fmt in ("scorm12", "scorm2004", "xapi", "cmi5"):
        [found] = sorted(out.glob(f"*-{fmt}.zip"))
        zips[fmt] = found
    return zips
