"""cmi5.xml: the course structure an LMS imports; one AU that launches the whole course."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.xml import E, serialize
from aicourse_build.render.config import course_iri, move_on
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _langstrings(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    holder = E(parent, CMI5, tag)
    E(holder, CMI5, "langstring", text, {"lang": lang})


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    iri = course_iri(resolved)
    assert iri is not None, "check requires xapi.base_iri for this format"
    meta, lang = resolved.course.meta, resolved.lang
    completion = meta.completion
    root = etree.Element(f"{{{CMI5}}}courseStructure", nsmap={None: CMI5})  # type: ignore[dict-item]
    course = E(root, CMI5, "course", attrs={"id": iri})
    _langstrings(course, "title", meta.title, lang)
    _langstrings(course, "description", meta.description, lang)
    attrs = {"id": f"{iri}/au", "moveOn": move_on(resolved), "launchMethod": "AnyWindow"}
    if completion.assessment is not None:
        attrs["masteryScore"] = f"{completion.passing_score / 100:.4g}"
    au = E(root, CMI5, "au", attrs=attrs)
    # element order matters: title, description, (objectives), url
    _langstrings(au, "title", meta.title, lang)
    _langstrings(au, "description", meta.description, lang)
    E(au, CMI5, "url", site.launch)
    return "cmi5.xml", serialize(root)
