"""Learning Object Metadata for the manifests: title, description, language, keywords, version
and audiences. SCORM 1.2 uses IMS MD 1.2.1, SCORM 2004 IEEE LOM; they differ only in names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from lxml import etree

from aicourse_build.package.xml import E
from aicourse_build.resolve import ResolvedCourse

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Dialect:
    namespace: str
    string: str  # the element holding one language's text
    lang_attribute: str
    lifecycle: str
    own_default_namespace: bool  # IEEE LOM declares its namespace on <lom>


IMS_MD = Dialect(
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    "langstring",
    XML_LANG,
    "lifecycle",
    own_default_namespace=False,
)
IEEE_LOM = Dialect(
    "http://ltsc.ieee.org/xsd/LOM", "string", "language", "lifeCycle", own_default_namespace=True
)


def lom(parent: etree._Element, resolved: ResolvedCourse, dialect: Dialect) -> None:
    ns = dialect.namespace
    meta, lang = resolved.meta, resolved.lang

    def text(holder_parent: etree._Element, tag: str, value: str, language: str) -> None:
        holder = E(holder_parent, ns, tag)
        E(holder, ns, dialect.string, value, {dialect.lang_attribute: language})

    nsmap = cast("dict[str, str]", {None: ns}) if dialect.own_default_namespace else None
    root = etree.SubElement(parent, f"{{{ns}}}lom", nsmap=nsmap)
    general = E(root, ns, "general")
    text(general, "title", meta.title, lang)
    E(general, ns, "language", lang)
    text(general, "description", meta.description, lang)
    for keyword in meta.keywords:
        text(general, "keyword", keyword, lang)
    lifecycle = E(root, ns, dialect.lifecycle)
    text(lifecycle, "version", meta.version, "x-none")
    if meta.audiences:
        classification = E(root, ns, "classification")
        text(classification, "description", "audiences", "en")
        for audience in meta.audiences:
            text(classification, "keyword", audience.label, lang)
