import json
import zipfile
from pathlib import Path

from aicourse_build.build import build_courses


def test_build_writes_every_format_of_every_profile(small_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = build_courses([small_course], out)
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "build-report.json",
        "minikurs-1.0.0-intern-scorm12.zip",
        "minikurs-1.0.0-publik-cmi5.zip",
        "minikurs-1.0.0-publik-scorm2004.zip",
        "minikurs-1.0.0-publik-xapi.zip",
    ]
    assert result.skipped == []
    report = json.loads((out / "build-report.json").read_text())
    assert [p["format"] for p in report["packages"]] == ["scorm12", "scorm2004", "cmi5", "xapi"]
    with zipfile.ZipFile(out / "minikurs-1.0.0-publik-cmi5.zip") as handle:
        assert "cmi5.xml" in handle.namelist() and "imsmanifest.xml" not in handle.namelist()
    with zipfile.ZipFile(out / "minikurs-1.0.0-intern-scorm12.zip") as handle:
        names = handle.namelist()
    assert "imsmanifest.xml" in names and "index.html" in names and "media/bild.svg" in names


def test_errors_mean_nothing_is_written(small_course: Path, tmp_path: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    result = build_courses([small_course], tmp_path / "dist")
    assert result.report.has_errors and result.built == []
    assert not (tmp_path / "dist").exists()


def test_format_option_overrides_the_profile(small_course: Path, tmp_path: Path) -> None:
    result = build_courses([small_course], tmp_path, ["publik"], ["scorm12"])
    assert [b.path.name for b in result.built] == ["minikurs-1.0.0-publik-scorm12.zip"]


def test_report_lists_contents_and_each_package_its_own_warnings(
    small_course: Path, tmp_path: Path
) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text() + "\nSe https://portal.intern.example/rutiner.\n")
    build_courses([small_course], tmp_path)
    report = json.loads((tmp_path / "build-report.json").read_text())
    by_profile = {p["profile"]: p for p in report["packages"]}
    assert [w["code"] for w in by_profile["publik"]["warnings"]] == ["AIC066"]
    assert by_profile["intern"]["warnings"] == []
    contents = {c["path"]: c["bytes"] for c in by_profile["intern"]["contents"]}
    assert contents["media/bild.svg"] == (small_course / "media" / "bild.svg").stat().st_size


def _two_languages(small_course: Path, switch: bool) -> None:
    profile = small_course / "profiles" / "intern.yaml"
    extra = "languages: [sv, en]\n" + ("language_switch: true\n" if switch else "")
    profile.write_text(profile.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_a_package_per_language_without_a_switch(small_course: Path, tmp_path: Path) -> None:
    _two_languages(small_course, switch=False)
    result = build_courses([small_course], tmp_path, ["intern"])
    assert [(b.path.name, b.lang) for b in result.built] == [
        ("minikurs-1.0.0-intern-scorm12.zip", "sv"),
        ("minikurs-1.0.0-intern-en-scorm12.zip", "en"),
    ]


def test_a_language_switch_makes_one_package_with_every_language(
    small_course: Path, tmp_path: Path
) -> None:
    _two_languages(small_course, switch=True)
    result = build_courses([small_course], tmp_path, ["intern"])
    [built] = result.built
    assert (built.path.name, built.lang) == ("minikurs-1.0.0-intern-scorm12.zip", "sv+en")
    with zipfile.ZipFile(built.path) as handle:
        names = set(handle.namelist())
        manifest = handle.read("imsmanifest.xml").decode()
    assert {"index.html", "index.en.html", "media/bild.svg", "runtime.js"} <= names
    assert 'href="index.html"' in manifest and '<file href="index.en.html"/>' in manifest
    report = json.loads((tmp_path / "build-report.json").read_text())
    assert [p["language"] for p in report["packages"]] == ["sv+en"]


def test_the_report_is_the_same_for_the_same_manuscript(small_course: Path, tmp_path: Path) -> None:
    """Footprints and all: two reports of one manuscript compare equal, byte for byte."""
    build_courses([small_course], tmp_path / "a")
    build_courses([small_course], tmp_path / "b")
    first = (tmp_path / "a" / "build-report.json").read_bytes()
    assert first == (tmp_path / "b" / "build-report.json").read_bytes()
    report = json.loads(first)
    assert report["packages"][0]["footprint"]["units"][0]["id"] == "ITEM_minikurs_intern"


def test_build_warns_against_the_report_it_replaces(small_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build_courses([small_course], out).report.items == []
    for name in ("fragor.sv.yaml", "fragor.en.yaml"):
        bank = small_course / "questions" / name
        bank.write_text(bank.read_text().replace("answer: true", "answer: false"))
    result = build_courses([small_course], out)
    found = [(d.code, d.severity.value) for d in result.report.sorted()]
    assert ("AIC120", "warning") in found and ("AIC121", "warning") in found
    assert len(result.built) == 4
    report = json.loads((out / "build-report.json").read_text())
    assert "AIC120" in [w["code"] for w in report["packages"][0]["warnings"]]
    # the next build compares with this one: nothing changed since
    again = build_courses([small_course], out)
    assert not [d for d in again.report.items if d.code in ("AIC120", "AIC121")]


def test_the_rules_never_stop_a_build(small_course: Path, tmp_path: Path) -> None:
    """Warned and built all the same, even with --strict: the author may mean the change."""
    build_courses([small_course], tmp_path)
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("grunderna", "det viktigaste"))
    result = build_courses([small_course], tmp_path, strict=True)
    assert [d.code for d in result.report.items] == ["AIC121"] and len(result.built) == 4
