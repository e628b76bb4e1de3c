from lxml import etree

from aicourse_build.package.scorm2004 import ADLCP, CP, IMSSS, manifest
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse


def test_manifest_leaves_status_to_content_without_a_measure(
    resolved_intern: ResolvedCourse,
) -> None:
    _, data = manifest(resolved_intern, Site({"index.html": b""}))
    root = etree.fromstring(data)
    ns = {"cp": CP, "adlcp": ADLCP, "imsss": IMSSS}
    metadata = root.find("cp:metadata", ns)
    assert metadata is not None and [child.text for child in metadata] == [
        "ADL SCORM",
        "2004 4th Edition",
    ]
    # no objective: a minNormalizedMeasure (or Moodle's default 1.0 for a bare primary
    # objective) becomes cmi.scaled_passing_score, from which an LMS derives success_status
    assert root.find(".//imsss:objectives", ns) is None
    controls = root.find(".//imsss:deliveryControls", ns)
    assert controls is not None and controls.get("completionSetByContent") == "true"
    assert controls.get("objectiveSetByContent") == "true"
    resource = root.find("cp:resources/cp:resource", ns)
    assert resource is not None and resource.get(f"{{{ADLCP}}}scormType") == "sco"


def test_the_titles_are_in_the_packages_language(resolved_publik_en: ResolvedCourse) -> None:
    root = etree.fromstring(manifest(resolved_publik_en, Site({"index.html": b""}))[1])
    ns = {"cp": CP}
    assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=ns) == (
        "Mini course"
    )
    assert root.findtext(".//cp:item/cp:title", namespaces=ns) == "Mini course"
    # the English package is a package of its own, next to the Swedish one
    assert root.get("identifier") == "MAN_minikurs_publik_en"
