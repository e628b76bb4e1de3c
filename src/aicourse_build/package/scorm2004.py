"""SCORM 2004 4th edition imsmanifest.xml: one SCO, completion and objective set by content."""

from __future__ import annotations

from typing import cast

from lxml import etree

from aicourse_build.package.content_package import Flavour, content_package
from aicourse_build.package.xml import E
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
SCHEMA_LOCATION = (
    f"{CP} imscp_v1p1.xsd {ADLCP} adlcp_v1p3.xsd {ADLSEQ} adlseq_v1p3.xsd "
    f"{ADLNAV} adlnav_v1p3.xsd {IMSSS} imsss_v1p0.xsd"
)


def _string(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    holder = E(parent, LOM, tag)
    E(holder, LOM, "string", text, {"language": lang})


def _lom(parent: etree._Element, resolved: ResolvedCourse) -> None:
    meta, lang = resolved.course.meta, resolved.lang
    lom = etree.SubElement(parent, f"{{{LOM}}}lom", nsmap=cast("dict[str, str]", {None: LOM}))
    general = E(lom, LOM, "general")
    _string(general, "title", meta.title, lang)
    E(general, LOM, "language", lang)
    _string(general, "description", meta.description, lang)
    for keyword in meta.keywords:
        _string(general, "keyword", keyword, lang)
    lifecycle = E(lom, LOM, "lifeCycle")
    _string(lifecycle, "version", meta.version, "x-none")
    if meta.audiences:
        classification = E(lom, LOM, "classification")
        _string(classification, "description", "audiences", "en")
        for audience in meta.audiences:
            _string(classification, "keyword", audience.label, lang)


def _sequencing(item: etree._Element, resolved: ResolvedCourse) -> None:
    completion = resolved.course.meta.completion
    sequencing = E(item, IMSSS, "sequencing")
    if completion.assessment is not None:
        objectives = E(sequencing, IMSSS, "objectives")
        primary = E(
            objectives,
            IMSSS,
            "primaryObjective",
            attrs={"objectiveID": "PRIMARYOBJ", "satisfiedByMeasure": "true"},
        )
        # Moodle derives cmi.scaled_passing_score from this
        E(primary, IMSSS, "minNormalizedMeasure", f"{completion.passing_score / 100:.2f}")
    E(
        sequencing,
        IMSSS,
        "deliveryControls",
        attrs={"completionSetByContent": "true", "objectiveSetByContent": "true"},
    )


FLAVOUR = Flavour(
    cp=CP,
    prefixes={"adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS},
    schema_location=SCHEMA_LOCATION,
    schemaversion="2004 4th Edition",
    scorm_type=f"{{{ADLCP}}}scormType",
    item_attrs={},
    item_extras=_sequencing,
    organization_metadata=_lom,
)


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    return "imsmanifest.xml", content_package(resolved, site, FLAVOUR)
