"""SCORM 1.2 imsmanifest.xml (IMS CP 1.1.2 + ADL CP 1.2, IMS MD 1.2.1 metadata)."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.content_package import Flavour, content_package
from aicourse_build.package.xml import E
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
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


def _mastery_score(item: etree._Element, resolved: ResolvedCourse) -> None:
    completion = resolved.course.meta.completion
    if completion.assessment is not None and completion.on_fail == "failed":
        # With a mastery score Moodle/Totara set passed/failed from score.raw at finish: the
        # policy exactly when a failed test reports "failed". With on_fail "incomplete" it
        # would turn the runtime's "incomplete" into "failed", so it is left out.
        E(item, ADLCP, "masteryscore", str(completion.passing_score))


FLAVOUR = Flavour(
    cp=CP,
    prefixes={"adlcp": ADLCP, "imsmd": MD},
    schema_location=SCHEMA_LOCATION,
    schemaversion="1.2",
    scorm_type=f"{{{ADLCP}}}scormtype",
    item_attrs={"isvisible": "true"},
    item_extras=_mastery_score,
    organization_metadata=_lom,
)


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    return "imsmanifest.xml", content_package(resolved, site, FLAVOUR)
