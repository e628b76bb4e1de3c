"""SCORM 1.2 imsmanifest.xml (IMS CP 1.1.2 + ADL CP 1.2, IMS MD 1.2.1 metadata)."""

from __future__ import annotations

from typing import cast

from lxml import etree

from aicourse_build.package.identifiers import identifiers
from aicourse_build.package.xml import E, serialize
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{CP} imscp_rootv1p1p2.xsd {MD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


def _langstring(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    holder = E(parent, MD, tag)
    E(holder, MD, "langstring", text, {XML_LANG: lang})


def _lom(parent: etree._Element, resolved: ResolvedCourse) -> None:
    meta, lang = resolved.course.meta, resolved.lang
    lom = E(parent, MD, "lom")
    general = E(lom, MD, "general")
    _langstring(general, "title", meta.title, lang)
    E(general, MD, "language", lang)
    _langstring(general, "description", meta.description, lang)
    for keyword in meta.keywords:
        _langstring(general, "keyword", keyword, lang)
    lifecycle = E(lom, MD, "lifecycle")
    _langstring(lifecycle, "version", meta.version, "x-none")
    if meta.audiences:
        classification = E(lom, MD, "classification")
        _langstring(classification, "description", "audiences", "en")
        for audience in meta.audiences:
            _langstring(classification, "keyword", audience.label, lang)


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    ids = identifiers(resolved)
    meta = resolved.course.meta
    nsmap = {None: CP, "adlcp": ADLCP, "imsmd": MD, "xsi": XSI}
    root = etree.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": ids["manifest"],
            "version": meta.version,
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
        nsmap=cast("dict[str, str]", nsmap),  # lxml takes None for the default namespace
    )
    metadata = E(root, CP, "metadata")
    E(metadata, CP, "schema", "ADL SCORM")
    E(metadata, CP, "schemaversion", "1.2")
    organizations = E(root, CP, "organizations", attrs={"default": ids["organization"]})
    organization = E(organizations, CP, "organization", attrs={"identifier": ids["organization"]})
    E(organization, CP, "title", meta.title)
    item = E(
        organization,
        CP,
        "item",
        attrs={"identifier": ids["item"], "identifierref": ids["resource"], "isvisible": "true"},
    )
    E(item, CP, "title", meta.title)
    if meta.completion.assessment is not None and meta.completion.on_fail == "failed":
        # With a mastery score Moodle/Totara set passed/failed from score.raw at finish: the
        # policy exactly when a failed test reports "failed". With on_fail "incomplete" it
        # would turn the runtime's "incomplete" into "failed", so it is left out.
        E(item, ADLCP, "masteryscore", str(meta.completion.passing_score))
    _lom(E(organization, CP, "metadata"), resolved)
    resources = E(root, CP, "resources")
    resource = E(
        resources,
        CP,
        "resource",
        attrs={
            "identifier": ids["resource"],
            "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco",
            "href": site.launch,
        },
    )
    for path in sorted(site.files):
        E(resource, CP, "file", attrs={"href": path})
    return "imsmanifest.xml", serialize(root)
