"""tincan.xml: the course activity an xAPI (Tin Can) launcher starts, first and alone."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.xml import E, serialize
from aicourse_build.render.config import course_iri
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

TINCAN = "http://projecttincan.com/tincan.xsd"
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    iri = course_iri(resolved)
    assert iri is not None, "check requires xapi.base_iri for this format"
    meta, lang = resolved.meta, resolved.lang
    root = etree.Element(f"{{{TINCAN}}}tincan", nsmap={None: TINCAN})  # type: ignore[dict-item]
    activities = E(root, TINCAN, "activities")
    # launchers such as mod_tincanlaunch read only the first activity: the course
    activity = E(activities, TINCAN, "activity", attrs={"id": iri, "type": COURSE_TYPE})
    E(activity, TINCAN, "name", meta.title, {"lang": lang})
    E(activity, TINCAN, "description", meta.description, {"lang": lang})
    E(activity, TINCAN, "launch", site.launch, {"lang": lang})
    return "tincan.xml", serialize(root)
