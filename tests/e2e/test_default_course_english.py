"""The default course's English public package in Chromium, with scorm-again as the LMS: every
page in English (titles from the English manuscript), English UI, nothing Swedish in the
navigation, and no Totara rule broken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from course_packages import COURSE, REPO, Package, unpack
from lms import StaticServer, open_session
from playwright.sync_api import Browser, expect

from aicourse_build.render.strings import strings_for

pytestmark = pytest.mark.e2e


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---", 2)[1]))


def _titles(lang: str) -> dict[str, str]:
    """{page id: title} from the manuscript's pages in `lang` (the originals are Swedish)."""
    suffix = ".en.md" if lang == "en" else ".md"
    found = {}
    for path in sorted((COURSE / "pages").glob("*.md")):
        if lang == "sv" and path.name.count(".") > 1:
            continue
        if path.name.endswith(suffix):
            meta = _front_matter(path)
            found[meta["id"]] = meta["title"]
    return found


@pytest.fixture(scope="module")
def english(package_cache: Any, tmp_path_factory: pytest.TempPathFactory) -> Package:
    out = tmp_path_factory.mktemp("english")
    command = ["build", str(COURSE), "--profile", "public", "--format", "scorm2004"]
    subprocess.run(
        [sys.executable, "-m", "aicourse_build", *command, "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    [zip_path] = out.glob("*-public-en-scorm2004.zip")
    folder = package_cache.root / "pkg" / "public-en-scorm2004"
    return unpack(zip_path, folder, "public-en", "scorm2004")


def test_every_page_and_the_ui_are_in_english(
    browser: Browser, server: StaticServer, english: Package
) -> None:
    s, swedish = strings_for("en"), strings_for("sv")
    titles, swedish_titles = _titles("en"), _titles("sv")
    pages = [p["id"] for p in english.config["pages"]]
    assert len(pages) >= 10 and set(pages) <= set(titles)
    with open_session(browser, english, server.origin) as lms:
        sco = lms.launch()
        expect(sco.locator("html")).to_have_attribute("lang", "en")
        pager = sco.get_by_role("navigation", name=s["pagerLabel"], exact=True)
        toc = sco.get_by_role("navigation", name=s["tocLabel"], exact=True)
        expect(toc).to_be_attached()
        toc_text = toc.inner_text()
        for page_id in pages:
            assert titles[page_id] in toc_text
            if swedish_titles[page_id] != titles[page_id]:
                assert swedish_titles[page_id] not in toc_text
        for index, page_id in enumerate(pages):
            expect(sco.get_by_role("heading", level=1)).to_have_text(titles[page_id])
            if index < len(pages) - 1:
                pager.get_by_role("button", name=s["next"], exact=True).click()
        expect(pager.get_by_role("button", name=swedish["next"], exact=True)).to_have_count(0)
        lms.leave()
        lms.assert_clean("English public package")
