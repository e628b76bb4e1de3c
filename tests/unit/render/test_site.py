import json
import re

from aicourse_build.render.site import render_site, strings_for
from aicourse_build.render.themes import load_theme
from aicourse_build.resolve import ResolvedCourse


def test_site_has_every_page_the_config_and_the_media(resolved_intern: ResolvedCourse) -> None:
    theme = load_theme("vgr", resolved_intern.course.root)
    site = render_site(resolved_intern, theme, "scorm12")
    assert {
        "index.html",
        "runtime.js",
        "runtime.css",
        "theme/theme.css",
        "theme/logo.svg",
        "media/bild.svg",
    } <= set(site.files)
    html = site.files["index.html"].decode()
    assert '<html lang="sv">' in html
    assert 'id="start"' in html and 'id="prov"' in html
    raw = re.search(r'<script type="application/json" id="aicourse-config">(.*?)</script>', html)
    assert raw is not None
    assert json.loads(raw[1])["course"]["id"] == "minikurs"
    # the variable was filled in for this profile
    assert "Kursteamet, kurs@example.org" in html


def test_strings_fall_back_to_swedish() -> None:
    assert strings_for("en")["next"] == "Next"
    assert strings_for("fi")["next"] == "Nästa"
