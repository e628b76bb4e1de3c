"""cmi5.xml: the course structure an LMS imports; one AU that launches the whole course."""

from __future__ import annotations

from lxml import etree

from aicourse_build.package.xml import E, serialize
from aicourse_build.render.config import course_iri
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _langstrings(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    holder = E(parent, CMI5, tag)
    E(holder, CMI5, "langstring", text, {"lang": lang})


def _au(
    parent: etree._Element,
    resolved: ResolvedCourse,
    au_id: str,
    url: str,
    title: str,
    assessed: bool,
    required: bool,
) -> None:
    meta, lang = resolved.meta, resolved.lang
    attrs = {
        "id": au_id,
        "moveOn": _move_on(assessed, required),
        "launchMethod": "AnyWindow",
    }
    if assessed:
        attrs["masteryScore"] = f"{meta.completion.passing_score / 100:.4g}"
    au = E(parent, CMI5, "au", attrs=attrs)
    # element order matters: title, description, (objectives), url
    _langstrings(au, "title", title, lang)
    _langstrings(au, "description", meta.description, lang)
    E(au, CMI5, "url", url)


def _move_on(assessed: bool, required: bool) -> str:
    """The policy's outcome for the LMS (docs/completion.md): the AU holding the assessment is
    satisfied by completed and passed; one with required pages by completed; an AU whose module
    the policy does not require counts at once, as the course's completion leaves it out."""
    if assessed:
        return "CompletedAndPassed"
    return "Completed" if required else "NotApplicable"


def _has_required_page(resolved: ResolvedCourse, page_ids: set[str]) -> bool:
    pages = resolved.course.meta.completion.pages
    # an empty list means every page, as in the runtime
    return pages == "all" or not pages or bool(page_ids & set(pages))


def _has_assessment(resolved: ResolvedCourse, page_ids: set[str]) -> bool:
    assessment = resolved.course.meta.completion.assessment
    return assessment is not None and any(
        getattr(rb.block, "id", None) == assessment
        for page in resolved.pages
        if page.id in page_ids
        for rb in page.blocks
    )


def manifest(resolved: ResolvedCourse, site: Site) -> tuple[str, bytes]:
    iri = course_iri(resolved)
    assert iri is not None, "check requires xapi.base_iri for this format"
    meta, lang = resolved.meta, resolved.lang
    root = etree.Element(f"{{{CMI5}}}courseStructure", nsmap={None: CMI5})  # type: ignore[dict-item]
    course = E(root, CMI5, "course", attrs={"id": iri})
    _langstrings(course, "title", meta.title, lang)
    _langstrings(course, "description", meta.description, lang)
    if not resolved.profile.model.cmi5.au_per_module:
        all_pages = {p.id for p in resolved.pages}
        _au(
            root,
            resolved,
            f"{iri}/au",
            site.launch,
            meta.title,
            _has_assessment(resolved, all_pages),
            _has_required_page(resolved, all_pages),
        )
    else:
        for module in resolved.modules:
            pages = {p.id for p in module.pages}
            # the runtime shows only this module's pages when launched with ?au=<module>
            _au(
                root,
                resolved,
                f"{iri}/au/{module.id}",
                f"{site.launch}?au={module.id}",
                module.title,
                _has_assessment(resolved, pages),
                _has_required_page(resolved, pages),
            )
    return "cmi5.xml", serialize(root)
