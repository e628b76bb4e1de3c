from pathlib import Path

from lxml import etree

from aicourse_build.model.validate import validate_tree
from aicourse_build.package.cmi5 import CMI5, manifest
from aicourse_build.render.site import Site
from aicourse_build.resolve import resolve_profile
from aicourse_build.source.project import load_course


def test_one_au_with_the_completion_policy(small_course: Path) -> None:
    course, _ = validate_tree(load_course(small_course))
    assert course is not None
    resolved, _ = resolve_profile(course, course.profiles["publik"])
    name, data = manifest(resolved, Site({"index.html": b""}))
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
