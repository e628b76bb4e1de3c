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
