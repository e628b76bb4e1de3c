"""cmi5 with one AU per module: each AU shows only its module, and only the one holding the
assessment asks for a pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[2]
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"

pytestmark = pytest.mark.e2e


def test_each_au_launches_only_its_module(browser: Browser, tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(REPO / "content" / "introduktionsutbildning", course)
    profile = course / "profiles" / "public.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "cmi5:\n  au_per_module: true\n", encoding="utf-8"
    )
    out = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "aicourse_build",
            "build",
            str(course),
            "--profile",
            "public",
            "--format",
            "cmi5",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    # the Swedish package (the public profile also builds English: public-en-cmi5)
    [package] = out.glob("*-public-cmi5.zip")
    folder = tmp_path / "package"
    with zipfile.ZipFile(package) as handle:
        handle.extractall(folder)
    aus = etree.parse(str(folder / "cmi5.xml")).getroot().findall(f"{CMI5}au")
    urls = [au.findtext(f"{CMI5}url") for au in aus]
    assert urls[2] == "index.html?au=ansvar"
    assessed = [au.get("id", "").rsplit("/", 1)[-1] for au in aus if au.get("masteryScore")]
    assert assessed == ["avslut"]

    page = browser.new_page()
    try:
        page.goto(f"{(folder / 'index.html').as_uri()}?au=ansvar")
        page.wait_for_function("document.querySelectorAll('section.page').length < 5")
        shown = page.eval_on_selector_all("section.page", "els => els.map(e => e.id)")
        toc = page.eval_on_selector_all("[data-ac=toc] a", "els => els.map(e => e.textContent)")
    finally:
        page.close()
    assert shown == ["ansvarsfull-ai", "data-och-modeller"]
    assert toc == ["Ansvarsfull AI", "Data, modeller och risker"]
