"""SCORM 1.2 imsmanifest.xml (IMS CP 1.1.2 + ADL CP 1.2, IMS MD 1.2.1 metadata).

No adlcp:masteryscore: with it Moodle and Totara rewrite lesson_status from the raw score when
the SCO finishes, which turns a passed test with required pages still unseen into "passed"
(and, with on_fail incomplete, a fail into "failed"). The runtime reports the policy's status
itself (docs/completion.md)."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.content_package import Flavour, content_package
from aicourse_build.package.lom import IMS_MD, lom
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MD = IMS_MD.namespace
SCHEMA_LOCATION = f"{CP} imscp_rootv1p1p2.xsd {MD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


def _lom(parent: etree._Element, resolved: ResolvedCourse) -> None:
    lom(parent, resolved, IMS_MD)


def _no_extras(item: etree._Element, resolved: ResolvedCourse) -> None:
    """The item has its title only (no masteryscore, see above)."""


FLAVOUR = Flavour(
    cp=CP,
    prefixes={"adlcp": ADLCP, "imsmd": MD},
    schema_location=SCHEMA_LOCATION,
    schemaversion="1.2",
    scorm_type=f"{{{ADLCP}}}scormtype",
    item_attrs={"isvisible": "true"},
    item_extras=_no_extras,
    organization_metadata=_lom,
)


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    return "imsmanifest.xml", content_package(resolved, site, FLAVOUR)
