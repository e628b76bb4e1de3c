"""Small helpers for building manifests with lxml."""

from __future__ import annotations

from lxml import etree


def E(  # noqa: N802 - reads like the element factories of lxml
    parent: etree._Element,
    namespace: str,
    tag: str,
    text: str | None = None,
    attrs: dict[str, str] | None = None,
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attrs or {})
    if text is not None:
        element.text = text
    return element


def serialize(root: etree._Element) -> bytes:
    # the declaration written out with double quotes, as every LMS parser expects
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
