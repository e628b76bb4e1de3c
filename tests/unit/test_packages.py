from collections.abc import Callable
from pathlib import Path

from aicourse_build.packages import Job, jobs, language_groups, package_name, render_package
from aicourse_build.render.site import PageCache
from aicourse_build.resolve import ResolvedCourse

REPO = Path(__file__).resolve().parents[2]


def test_names_jobs_and_groups(
    resolve_course: Callable[..., ResolvedCourse], small_course: Path
) -> None:
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text() + "languages: [sv, en]\nlanguage_switch: true\n")
    sv, en = (resolve_course(small_course, "intern", lang) for lang in ("sv", "en"))
    assert package_name(sv, "scorm12") == "minikurs-1.0.0-intern-scorm12.zip"
    assert package_name(en, "scorm12") == "minikurs-1.0.0-intern-en-scorm12.zip"
    assert package_name(en, "scorm12", every_language=True) == "minikurs-1.0.0-intern-scorm12.zip"
    assert language_groups([sv, en]) == [[sv, en]]
    [job] = jobs([sv, en])
    assert (job.lang, job.format, job.name) == (
        "sv+en",
        "scorm12",
        "minikurs-1.0.0-intern-scorm12.zip",
    )
    assert [j.format for j in jobs([sv, en], ["xapi", "cmi5"])] == ["xapi", "cmi5"]


def test_one_page_rendering_serves_every_format(
    resolved_publik: ResolvedCourse, theme_of: Callable[..., object]
) -> None:
    from aicourse_build.model.theme import Theme

    theme = theme_of("public", REPO)
    assert isinstance(theme, Theme)
    pages: PageCache = {}
    a = render_package(Job((resolved_publik,), "scorm2004"), theme, pages)
    b = render_package(Job((resolved_publik,), "cmi5"), theme, pages)
    assert len(pages) == 1
    assert "imsmanifest.xml" in a.package.files and "cmi5.xml" in b.package.files
    html_a, html_b = a.package.files["index.html"], b.package.files["index.html"]
    assert html_a != html_b  # the boot config differs
    before, after = html_a.split(b'id="aicourse-config">')
    assert html_b.startswith(before) and html_b.endswith(after.split(b"</script>", 1)[1])
