from pathlib import Path

from lxml import etree

from aicourse_build.model.validate import validate_tree
from aicourse_build.package.cmi5 import CMI5, manifest
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse, resolve_profile
from aicourse_build.source.project import load_course


def test_one_au_with_the_completion_policy(resolved_publik: ResolvedCourse) -> None:
    name, data = manifest(resolved_publik, Site({"index.html": b""}))
    assert name == "cmi5.xml"
    root = etree.fromstring(data)
    ns = {"c": CMI5}
    course_el = root.find("c:course", ns)
    assert course_el is not None and course_el.get("id") == "https://example.org/xapi/minikurs"
    au = root.find("c:au", ns)
    assert au is not None
    assert au.get("moveOn") == "CompletedAndPassed" and au.get("masteryScore") == "0.8"
    # the XSD's sequence: title, description, url
    assert [etree.QName(child).localname for child in au] == ["title", "description", "url"]
    assert au.findtext("c:url", namespaces=ns) == "index.html"


def test_one_au_per_module_when_the_profile_asks(small_course: Path) -> None:
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "cmi5:\n  au_per_module: true\n")
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text().replace(
            "    pages: [start, prov]",
            "    pages: [start]\n  - id: modul-tva\n    title: Modul två\n    pages: [prov]",
        )
    )
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["publik"])
    root = etree.fromstring(manifest(resolved, Site({"index.html": b""}))[1])
    aus = root.findall(f"{{{CMI5}}}au")
    assert [(a.get("id"), a.get("moveOn"), a.get("masteryScore")) for a in aus] == [
        ("https://example.org/xapi/minikurs/au/modul-ett", "Completed", None),
        ("https://example.org/xapi/minikurs/au/modul-tva", "CompletedAndPassed", "0.8"),
    ]
    assert aus[1].findtext(f"{{{CMI5}}}url") == "index.html?au=modul-tva"


def test_course_and_au_titles_are_in_the_packages_language(english_course: Path) -> None:
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "cmi5:\n  au_per_module: true\n")
    course, _ = validate_tree(load_course(english_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["publik"], "en")
    root = etree.fromstring(manifest(resolved, Site({"index.html": b""}))[1])
    ns = {"c": CMI5}
    titles = [(s.text, s.get("lang")) for s in root.iterfind(".//c:title/c:langstring", ns)]
    # the course, then the one AU of its one module
    assert titles == [("Mini course", "en"), ("Module one", "en")]


def test_a_module_the_policy_does_not_require_is_not_applicable(small_course: Path) -> None:
    """completion.pages names a page of one module only: the other module's AU must not hold
    the course back in the LMS (moveOn NotApplicable), as the policy leaves it out."""
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "cmi5:\n  au_per_module: true\n")
    course_yaml = small_course / "course.yaml"
    text = course_yaml.read_text().replace(
        "    pages: [start, prov]",
        "    pages: [start]\n  - id: modul-tva\n    title: Modul två\n    pages: [prov]",
    )
    course_yaml.write_text(text.replace("  pages: all\n  assessment: slutprov", "  pages: [prov]"))
    course, problems = validate_tree(load_course(small_course))
    assert course is not None, problems
    resolved, _ = resolve_profile(course, course.profiles["publik"])
    aus = etree.fromstring(manifest(resolved, Site({"index.html": b""}))[1]).findall(
        f"{{{CMI5}}}au"
    )
    assert [(a.get("moveOn"), a.get("masteryScore")) for a in aus] == [
        ("NotApplicable", None),
        ("Completed", None),
    ]
