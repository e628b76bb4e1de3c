"""SCORM 2004 4th edition imsmanifest.xml: one SCO, completion and success set by content."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.content_package import Flavour, content_package
from aicourse_build.package.lom import IEEE_LOM, lom
from aicourse_build.package.xml import E
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
SCHEMA_LOCATION = (
    f"{CP} imscp_v1p1.xsd {ADLCP} adlcp_v1p3.xsd {ADLSEQ} adlseq_v1p3.xsd "
    f"{ADLNAV} adlnav_v1p3.xsd {IMSSS} imsss_v1p0.xsd"
)


def _lom(parent: etree._Element, resolved: ResolvedCourse) -> None:
    lom(parent, resolved, IEEE_LOM)


def _sequencing(item: etree._Element, resolved: ResolvedCourse) -> None:
    # Completion and success are set by content only, with no objective measure: a primary
    # objective with minNormalizedMeasure makes the LMS's cmi.scaled_passing_score, and a
    # conformant LMS then derives success_status from cmi.score.scaled (RTE 4.2.21), over what
    # the SCO reports: "failed" for an on_fail "incomplete" policy, "passed" while required
    # pages are unseen. Moodle turns even a bare primaryObjective into a passing score of 1.0
    # (scormlib.php's default). So the item has none; docs/completion.md.
    sequencing = E(item, IMSSS, "sequencing")
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
