from lxml import etree

from aicourse_build.package import scorm12, scorm2004
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse


def test_both_versions_share_identifiers_and_list_files_the_same_way(
    resolved_intern: ResolvedCourse,
) -> None:
    site = Site({"index.html": b"", "b.css": b""})
    roots = [etree.fromstring(m.manifest(resolved_intern, site)[1]) for m in (scorm12, scorm2004)]
    for root, flavour in zip(roots, (scorm12.FLAVOUR, scorm2004.FLAVOUR), strict=True):
        ns = {"cp": flavour.cp}
        assert root.get("identifier") == "MAN_minikurs_intern"
        assert root.find("cp:organizations", ns).get("default") == "ORG_minikurs_intern"  # type: ignore[union-attr]
        files = root.findall("cp:resources/cp:resource/cp:file", ns)
        assert [f.get("href") for f in files] == ["b.css", "index.html"]
        # the literal prefix LMS parsers look for
        assert b"adlcp:" in etree.tostring(root)
