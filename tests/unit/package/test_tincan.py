from lxml import etree

from aicourse_build.package.tincan import TINCAN, manifest
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse


def test_the_course_activity_comes_first_with_its_launch(resolved_publik: ResolvedCourse) -> None:
    name, data = manifest(resolved_publik, Site({"index.html": b""}))
    assert name == "tincan.xml"
    root = etree.fromstring(data)
    ns = {"t": TINCAN}
    first = root.find("t:activities/t:activity", ns)
    assert first is not None
    assert first.get("id") == "https://example.org/xapi/minikurs"
    assert first.get("type") == "http://adlnet.gov/expapi/activities/course"
    assert first.findtext("t:launch", namespaces=ns) == "index.html"
    assert first.find("t:name", ns).get("lang") == "sv"  # type: ignore[union-attr]


def test_the_course_activity_is_named_in_the_packages_language(
    resolved_publik_en: ResolvedCourse,
) -> None:
    root = etree.fromstring(manifest(resolved_publik_en, Site({"index.html": b""}))[1])
    ns = {"t": TINCAN}
    name = root.find("t:activities/t:activity/t:name", ns)
    assert name is not None and (name.text, name.get("lang")) == ("Mini course", "en")
    description = root.findtext("t:activities/t:activity/t:description", namespaces=ns)
    assert description == "A small course the tests build on."
