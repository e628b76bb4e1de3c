import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aicourse_build.model.theme import Theme
from aicourse_build.render.site import (
    language_name,
    launch_file,
    profile_strings,
    render_languages,
    render_site,
    strings_for,
)
from aicourse_build.resolve import ResolvedCourse

REPO = Path(__file__).resolve().parents[3]
ThemeOf = Callable[[str, Path], Theme]
ResolveCourse = Callable[..., ResolvedCourse]


def test_site_has_every_page_the_config_and_the_media(
    resolved_intern: ResolvedCourse, theme_of: ThemeOf
) -> None:
    theme = theme_of("vgr", REPO)
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


def _resolved(
    resolve: ResolveCourse, course_root: Path, profile_extra: str, lang: str = "sv"
) -> ResolvedCourse:
    profile = course_root / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + profile_extra, encoding="utf-8")
    return resolve(course_root, "intern", lang)


def _config(html: str) -> dict[str, Any]:
    raw = re.search(r'<script type="application/json" id="aicourse-config">(.*?)</script>', html)
    assert raw is not None
    data: dict[str, Any] = json.loads(raw[1])
    return data


def test_the_profiles_strings_reach_the_html_and_the_runtime(
    small_course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse
) -> None:
    overrides = (
        "languages: [sv, en]\nstrings:\n  en:\n    next: Onwards\n    saveFailed: Not saved.\n"
    )
    resolved = _resolved(resolve_course, small_course, overrides, "en")
    html = render_site(resolved, theme_of("vgr", small_course), "scorm12").files["index.html"]
    text = html.decode()
    assert '<html lang="en">' in text
    assert '<button type="button" data-ac="next">Onwards</button>' in text
    assert '<button type="button" data-ac="prev">Previous</button>' in text
    strings = _config(text)["strings"]
    assert (strings["next"], strings["saveFailed"], strings["quizResult"][:7]) == (
        "Onwards",
        "Not saved.",
        "You got",
    )
    # the Swedish package of the same profile keeps the defaults
    swedish = profile_strings(resolved, "sv")
    assert swedish["next"] == "Nästa"


def test_the_logo_and_language_names_come_from_the_strings(
    small_course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse
) -> None:
    resolved = _resolved(
        resolve_course,
        small_course,
        "languages: [sv, en]\nstrings: {en: {languageName: Engelska}}\n",
    )
    html = render_site(resolved, theme_of("vgr", small_course), "scorm12").files["index.html"]
    assert 'alt="Logotyp: Västra Götalandsregionen"' in html.decode()
    assert language_name(resolved, "sv") == "Svenska"
    assert language_name(resolved, "en") == "Engelska"
    assert language_name(resolved, "fi") == "Suomi"
    assert language_name(resolved, "xx") == "xx"


def test_the_english_package_shows_the_english_course_texts(
    resolved_publik_en: ResolvedCourse, theme_of: ThemeOf
) -> None:
    theme = theme_of("public", REPO)
    html = render_site(resolved_publik_en, theme, "scorm2004").files["index.html"].decode()
    assert '<html lang="en">' in html
    assert "<title>Mini course</title>" in html
    assert '<span class="toc-module-title">Module one</span>' in html
    assert _config(html)["course"]["title"] == "Mini course"
    assert "Minikurs" not in html and "Modul ett" not in html


def _without_seconds(page: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in page.items() if key != "seconds"}


def test_a_multi_language_site_links_its_pages_and_shares_storage_and_keys(
    small_course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse
) -> None:
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "languages: [sv, en]\nlanguage_switch: true\n",
        encoding="utf-8",
    )
    both = [resolve_course(small_course, "intern", lang) for lang in ("sv", "en")]
    site = render_languages(both, theme_of("vgr", small_course), "scorm12")
    assert site.launch == "index.html"
    assert {"index.html", "index.en.html", "runtime.js", "media/bild.svg"} <= set(site.files)
    swedish, english = site.files["index.html"].decode(), site.files["index.en.html"].decode()
    assert '<html lang="sv">' in swedish and '<html lang="en">' in english
    # each page links to the other languages only, named in their own language
    assert '<nav class="language-switch" aria-label="Språk" data-ac="languages" hidden>' in swedish
    assert 'href="index.en.html" hreflang="en" lang="en" data-ac="language">English</a>' in swedish
    assert 'href="index.html" hreflang="sv" lang="sv" data-ac="language">Svenska</a>' in english
    assert 'aria-label="Language"' in english and "index.en.html" not in english
    sv_config, en_config = _config(swedish), _config(english)
    assert sv_config["course"]["storageKey"] == en_config["course"]["storageKey"]
    assert sv_config["course"]["storageKey"].endswith(":intern:sv+en")
    # the same pages under the same keys; each language's text takes its own time to read
    assert [_without_seconds(p) for p in sv_config["pages"]] == [
        _without_seconds(p) for p in en_config["pages"]
    ]
    assert sv_config["strings"]["next"] == "Nästa" and en_config["strings"]["next"] == "Next"
    # a single-language site has no switch
    single = render_site(both[0], theme_of("vgr", small_course), "scorm12")
    assert "language-switch" not in single.files["index.html"].decode()
    assert launch_file(0, "sv") == "index.html" and launch_file(1, "en") == "index.en.html"


def test_images_of_any_text_travel_with_the_package_but_not_transcript_files(
    small_course: Path, theme_of: ThemeOf, resolve_course: ResolveCourse
) -> None:
    media = small_course / "media"
    (media / "ikon.svg").write_bytes((media / "bild.svg").read_bytes())
    (media / "graf.svg").write_bytes((media / "bild.svg").read_bytes())
    (media / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2")
    (media / "film.md").write_text("Talaren visar ![graf](media/graf.svg).\n", encoding="utf-8")
    page = small_course / "pages" / "start.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```callout\ntext: Se ![ikon](media/ikon.svg).\n```\n"
        + "\n```video\nid: film\nsrc: media/film.mp4\ntranscript_src: media/film.md\n"
        + "duration: 0:30\n```\n",
        encoding="utf-8",
    )
    site = render_site(resolve_course(small_course, "intern"), theme_of("vgr", REPO), "scorm12")
    assert {"media/ikon.svg", "media/graf.svg", "media/film.mp4"} <= set(site.files)
    assert "media/film.md" not in site.files  # its text is in the page
    assert "Talaren visar" in site.files["index.html"].decode()
