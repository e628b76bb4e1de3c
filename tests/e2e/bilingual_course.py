"""A small course in Swedish and English for the language tests, written into a folder.

Three pages (a reflection, a two-question test, an end page), each in both languages, and two
profiles: `tva` builds one package per language and overrides a few UI strings; `vaxla` builds
one package per format holding both languages with a language switch.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from course_packages import REPO

COURSE_YAML = """\
id: sprakkurs
title: Språkkurs
description: En liten kurs på svenska och engelska.
version: 1.0.0
language: sv
languages: [sv, en]
duration: 2
owner:
  organisation: Testregionen
contacts:
  kurs:
    role: Kontakt
    name: Kursteamet
    email: kurs@example.org
completion:
  pages: all
  assessment: slutprov
  passing_score: 50
  on_fail: failed
modules:
  - id: modul
    title: Modulen
    pages: [start, prov, slut]
"""

PAGES = {
    "start": (
        "Välkommen",
        "Welcome",
        "Här börjar kursen.",
        "The course starts here.",
        "```reflection\nid: tanke\nprompt: {prompt}\n```\n",
        ("Vad tar du med dig?", "What do you take with you?"),
    ),
    "prov": (
        "Kunskapstest",
        "Knowledge test",
        "Svara på frågorna.",
        "Answer the questions.",
        "```quiz\nid: slutprov\ntitle: {prompt}\nbank: fragor\n```\n",
        ("Testet", "The test"),
    ),
    "slut": ("Slut", "The end", "Kursen är slut.", "The course is over.", "", ("", "")),
}

QUESTIONS = {
    "sv": [
        ("modell", "Vad är en modell?", [("a", "Regler"), ("b", "Beteende inlärt från data")]),
        ("data", "En modell är aldrig bättre än sina data.", None),
    ],
    "en": [
        ("modell", "What is a model?", [("a", "Rules"), ("b", "Behaviour learnt from data")]),
        ("data", "A model is never better than its data.", None),
    ],
}

PROFILE_TVA = """\
title: Två paket
theme: vgr
formats: [scorm12, scorm2004]
languages: [sv, en]
privacy:
  free_text: send
  identity: launch
strings:
  sv:
    quizSubmit: Skicka in svaren
  en:
    next: Onwards
    progressDone: "{percent}% finished"
"""

PROFILE_VAXLA = """\
title: Ett paket med båda språken
theme: public
formats: [scorm12, scorm2004, xapi, cmi5]
languages: [sv, en]
language_switch: true
privacy:
  free_text: keep_local
xapi:
  base_iri: https://example.org/xapi/
"""


def _page(page_id: str, lang: str) -> str:
    sv_title, en_title, sv_text, en_text, block, prompts = PAGES[page_id]
    english = lang == "en"
    front = f"---\nid: {page_id}\ntitle: {en_title if english else sv_title}\n"
    if english:
        front += "lang: en\n"
    body = (en_text if english else sv_text) + "\n\n"
    if block:
        body += block.format(prompt=prompts[1] if english else prompts[0])
    return front + "---\n\n" + body


def _bank(lang: str) -> str:
    lines = [f"lang: {lang}", "questions:"]
    for qid, prompt, choices in QUESTIONS[lang]:
        lines += [f"  - id: {qid}", f"    prompt: {json.dumps(prompt, ensure_ascii=False)}"]
        if choices is None:
            lines += ["    type: truefalse", "    answer: true"]
            continue
        lines += ["    type: single", "    choices:"]
        for cid, text in choices:
            lines += [f"      - id: {cid}", f"        text: {text}"]
        lines += ["    answer: b"]
    return "\n".join(lines) + "\n"


def write_course(root: Path) -> Path:
    """The course under root/sprakkurs; returns its folder."""
    course = root / "sprakkurs"
    files = {
        "course.yaml": COURSE_YAML,
        "profiles/tva.yaml": PROFILE_TVA,
        "profiles/vaxla.yaml": PROFILE_VAXLA,
        "questions/fragor.sv.yaml": _bank("sv"),
        "questions/fragor.en.yaml": _bank("en"),
    }
    for page_id in PAGES:
        files[f"pages/{page_id}.md"] = _page(page_id, "sv")
        files[f"pages/{page_id}.en.md"] = _page(page_id, "en")
    for name, text in files.items():
        path = course / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def build(course: Path, out: Path, profile: str, fmt: str) -> list[Path]:
    """`aicourse build COURSE --profile P --format F --out OUT`: the zips written."""
    cmd = [sys.executable, "-m", "aicourse_build", "build", str(course)]
    cmd += ["--profile", profile, "--format", fmt, "--out", str(out)]
    env = {**os.environ, "AICOURSE_THEMES": str(REPO / "themes")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    if done.returncode != 0:
        raise AssertionError(f"`{' '.join(cmd[2:])}` failed:\n{done.stdout}\n{done.stderr}")
    return sorted(out.glob(f"*-{fmt}.zip"))
