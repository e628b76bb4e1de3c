"""The preview's builds: lazy variants, the last good build kept over errors, manifest facts."""

from __future__ import annotations

from pathlib import Path

from aicourse_build.preview.builds import LaunchFacts, PreviewBuilds, Variant, launch_facts


def test_variants_cover_every_profile_language_and_format(small_course: Path) -> None:
    builds = PreviewBuilds(small_course)
    assert builds.rebuild() is True
    keys = sorted(v.key for v in builds.variants())
    assert keys == [
        "intern/sv/scorm12",
        "publik/sv/cmi5",
        "publik/sv/scorm2004",
        "publik/sv/xapi",
    ]
    state = builds.state()
    assert state["ok"] is True
    assert state["served"] == state["generation"] == 1
    assert state["course"] == {"id": "minikurs", "title": "Minikurs"}


def test_a_variant_is_rendered_on_first_request_and_kept(small_course: Path) -> None:
    builds = PreviewBuilds(small_course)
    builds.rebuild()
    variant = Variant("intern", "sv", "scorm12")
    package = builds.package(variant)
    assert package is not None
    assert "imsmanifest.xml" in package.files
    assert b"<html" in package.files["index.html"]
    assert builds.package(variant) is package
    assert builds.package(Variant("nobody", "sv", "scorm12")) is None


def test_errors_keep_the_last_good_build_served(small_course: Path) -> None:
    builds = PreviewBuilds(small_course)
    builds.rebuild()
    before = builds.package(Variant("intern", "sv", "scorm12"))
    start = small_course / "pages" / "start.md"
    start.write_text(start.read_text(encoding="utf-8").replace("id: tanke", "id: Tanke"), "utf-8")

    assert builds.rebuild() is False
    state = builds.state()
    assert state["ok"] is False
    assert (state["generation"], state["served"]) == (2, 1)
    [problem] = state["diagnostics"]
    assert (problem["code"], problem["line"], problem["severity"]) == ("AIC012", 19, "error")
    assert problem["path"].endswith("pages/start.md")
    assert builds.package(Variant("intern", "sv", "scorm12")) is before


def test_a_fixed_manuscript_is_served_again(small_course: Path) -> None:
    builds = PreviewBuilds(small_course)
    builds.rebuild()
    start = small_course / "pages" / "start.md"
    text = start.read_text(encoding="utf-8")
    start.write_text(text.replace("## Bakgrund", "## Bakgrund ändrad"), "utf-8")
    assert builds.rebuild() is True
    package = builds.package(Variant("intern", "sv", "scorm12"))
    assert package is not None
    assert "Bakgrund ändrad" in package.files["index.html"].decode("utf-8")
    assert builds.state()["served"] == 2


def test_a_course_that_never_built_has_nothing_to_serve(small_course: Path) -> None:
    (small_course / "course.yaml").write_text("id: [\n", encoding="utf-8")
    builds = PreviewBuilds(small_course)
    assert builds.rebuild() is False
    state = builds.state()
    assert state["served"] is None
    assert state["variants"] == []
    assert state["diagnostics"][0]["path"].endswith("course.yaml")


def test_variant_keys_parse_back() -> None:
    assert Variant.parse("publik/sv/xapi") == Variant("publik", "sv", "xapi")
    assert Variant.parse("publik/sv") is None
    assert Variant.parse("publik//xapi") is None


def test_launch_facts_come_from_the_manifests(small_course: Path) -> None:
    builds = PreviewBuilds(small_course)
    builds.rebuild()

    def facts(key: str) -> list[LaunchFacts]:
        variant = Variant.parse(key)
        assert variant is not None
        package = builds.package(variant)
        assert package is not None
        return launch_facts(variant, package)

    [scorm12] = facts("intern/sv/scorm12")
    # SCORM manifests carry no pass mark: the runtime reports the status (docs/completion.md)
    assert (scorm12.launch, scorm12.mastery) == ("index.html", None)
    [scorm2004] = facts("publik/sv/scorm2004")
    assert scorm2004.mastery is None
    [xapi] = facts("publik/sv/xapi")
    assert xapi.activity_id == "https://example.org/xapi/minikurs"
    [cmi5] = facts("publik/sv/cmi5")
    assert cmi5.activity_id == "https://example.org/xapi/minikurs/au"
    assert (cmi5.mastery, cmi5.move_on) == ("0.8", "CompletedAndPassed")


def test_languages_are_variants_or_one_switching_package(english_course: Path) -> None:
    builds = PreviewBuilds(english_course)
    builds.rebuild()  # pages without an English version warn, and use the original
    keys = {v.key for v in builds.variants()}
    assert {"publik/sv/xapi", "publik/en/xapi"} <= keys

    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "language_switch: true\n", encoding="utf-8")
    assert builds.rebuild() is True
    keys = {v.key for v in builds.variants()}
    assert "publik/sv+en/xapi" in keys and "publik/en/xapi" not in keys
    package = builds.package(Variant("publik", "sv+en", "xapi"))
    assert package is not None
    assert {"index.html", "index.en.html"} <= set(package.files)
