"""The IMS Content Package skeleton both SCORM versions share: one organization, one item, one
SCO resource listing every file. Each version supplies its namespaces and its own extras."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from lxml import etree

from aicourse_build.package.identifiers import identifiers
from aicourse_build.package.xml import E, serialize
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse

XSI = "http://www.w3.org/2001/XMLSchema-instance"
Extra = Callable[[etree._Element, ResolvedCourse], None]


@dataclass(frozen=True)
class Flavour:
    cp: str  # the content-packaging namespace (the manifest's default namespace)
    prefixes: dict[str, str]  # the other namespaces, under the literal prefixes LMSs expect
    schema_location: str
    schemaversion: str
    scorm_type: str  # qualified name of the resource's SCORM type attribute
    item_attrs: dict[str, str]
    item_extras: Extra  # children of the item after its title
    organization_metadata: Extra  # LOM inside the organization's metadata


def content_package(resolved: ResolvedCourse, site: Site, flavour: Flavour) -> bytes:
    ids = identifiers(resolved)
    meta = resolved.meta
    cp = flavour.cp
    nsmap: dict[str | None, str] = {None: cp}
    nsmap.update(flavour.prefixes)
    nsmap["xsi"] = XSI
    root = etree.Element(
        f"{{{cp}}}manifest",
        {
            "identifier": ids["manifest"],
            "version": meta.version,
            f"{{{XSI}}}schemaLocation": flavour.schema_location,
        },
        nsmap=cast("dict[str, str]", nsmap),  # lxml takes None for the default namespace
    )
    metadata = E(root, cp, "metadata")
    E(metadata, cp, "schema", "ADL SCORM")
    E(metadata, cp, "schemaversion", flavour.schemaversion)
    organizations = E(root, cp, "organizations", attrs={"default": ids["organization"]})
    organization = E(organizations, cp, "organization", attrs={"identifier": ids["organization"]})
    E(organization, cp, "title", meta.title)
    item = E(
        organization,
        cp,
        "item",
        attrs={"identifier": ids["item"], "identifierref": ids["resource"], **flavour.item_attrs},
    )
    E(item, cp, "title", meta.title)
    flavour.item_extras(item, resolved)
    flavour.organization_metadata(E(organization, cp, "metadata"), resolved)
    resources = E(root, cp, "resources")
    resource = E(
        resources,
        cp,
        "resource",
        attrs={
            "identifier": ids["resource"],
            "type": "webcontent",
            flavour.scorm_type: "sco",
            "href": site.launch,
        },
    )
    for path in sorted(site.files):
        E(resource, cp, "file", attrs={"href": path})
    return serialize(root)
