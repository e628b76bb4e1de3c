from lxml import etree

from aicourse_build.package.xml import E, serialize


def test_serialize_writes_a_double_quoted_declaration_and_escapes() -> None:
    root = etree.Element("{urn:x}root", nsmap={"x": "urn:x"})
    E(root, "urn:x", "title", 'A & B <"C">')
    data = serialize(root)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<x:root')
    assert b'A &amp; B &lt;"C"&gt;' in data
