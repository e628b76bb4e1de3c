from lxml import etree

from aicourse_build.package.scorm12 import ADLCP, CP, manifest
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse


def test_manifest_lists_every_file_and_no_mastery_score(resolved_intern: ResolvedCourse) -> None:
    site = Site({"index.html": b"", "runtime.js": b"", "media/bild.svg": b""})
    name, data = manifest(resolved_intern, site)
    assert name == "imsmanifest.xml"
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    # with a mastery score Moodle/Totara would rewrite the runtime's status (docs/completion.md)
    assert b"masteryscore" not in data
    root = etree.fromstring(data)
    ns = {"cp": CP, "adlcp": ADLCP}
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    resource = root.find("cp:resources/cp:resource", ns)
    assert resource is not None
    assert resource.get(f"{{{ADLCP}}}scormtype") == "sco" and resource.get("href") == "index.html"
    assert [f.get("href") for f in resource] == ["index.html", "media/bild.svg", "runtime.js"]


def test_the_titles_are_in_the_packages_language(resolved_publik_en: ResolvedCourse) -> None:
    root = etree.fromstring(manifest(resolved_publik_en, Site({"index.html": b""}))[1])
    ns = {"cp": CP}
    assert [t.text for t in root.iterfind(".//cp:title", ns)] == ["Mini course", "Mini course"]
    assert b">Minikurs<" not in etree.tostring(root)
