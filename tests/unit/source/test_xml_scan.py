"""scan, unescape and blank: where tags and attributes of XML are written, in its bytes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.source.xml_scan import XmlTag, blank, scan, unescape


def _names(tag: XmlTag, data: bytes) -> list[tuple[str, bytes]]:
    return [(a.name, data[a.value_start : a.value_end]) for a in tag.attributes]


def test_each_start_tag_with_its_attributes_and_content() -> None:
    data = b"<svg xmlns=\"http://www.w3.org/2000/svg\"\n  width='10'><style>a{}</style><g/></svg>"
    markup = scan(data)
    svg, style, g = markup.tags
    assert svg.offset == 0
    assert _names(svg, data) == [("xmlns", b"http://www.w3.org/2000/svg"), ("width", b"10")]
    assert svg.attributes[1].offset == data.index(b"width")
    assert data[style.content_start : style.content_end] == b"a{}"
    assert g.content_start == g.content_end == data.index(b"</svg>")
    assert data[svg.content_start : svg.content_end] == b"<style>a{}</style><g/>"


def test_comments_cdata_and_instructions_hold_no_tags() -> None:
    data = (
        b'<?xml version="1.0"?><?xml-stylesheet href="a.css"?>'
        b"<svg><!-- <a href='x'/> --><style><![CDATA[ <b> ]]></style></svg>"
    )
    markup = scan(data)
    assert [data[t.offset : t.offset + 6] for t in markup.tags] == [b"<svg><", b"<style"]
    assert markup.stylesheet_instructions == [data.index(b"<?xml-stylesheet")]
    assert markup.internal_subset is None


def test_the_internal_subset_of_a_doctype() -> None:
    data = b'<!DOCTYPE svg [\n<!ENTITY a "]>">\n]>\n<svg/>'
    markup = scan(data)
    assert markup.internal_subset is not None
    start, end = markup.internal_subset
    assert data[start:end] == b'[\n<!ENTITY a "]>">\n]'
    assert [t.offset for t in markup.tags] == [data.index(b"<svg")]
    blanked = blank(data, markup.internal_subset)
    assert len(blanked) == len(data)
    assert (blanked[:start], blanked[end:]) == (data[:start], data[end:])
    assert blanked[start:end].split(b"\n") == [b" ", b" " * 16, b" "]  # line ends stay
    assert blank(data, None) is data


def test_unescape_reads_text_as_the_parser_and_remembers_where_each_character_was() -> None:
    text, origins = unescape("a&amp;b&#x41;<!-- c --><![CDATA[d]]>\r\ne", in_attribute=False)
    assert text == "a&bAd\ne"
    assert origins == [0, 1, 6, 7, 32, 37, 38]  # an entity's character is at its '&'
    spaced, _ = unescape("a\tb\nc", in_attribute=True)
    assert spaced == "a b c"
    unknown, _ = unescape("&nbsp;x", in_attribute=False)
    assert unknown == "x"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["<", ">", "/", "a", "=", '"', "'", "!--", "-->", "?", " "]))
    .map("".join)
    .map(str.encode)
)
def test_never_raises_and_offsets_stay_inside(data: bytes) -> None:
    markup = scan(data)
    for tag in markup.tags:
        assert 0 <= tag.offset < len(data)
        for attribute in tag.attributes:
            assert attribute.offset < attribute.value_start <= attribute.value_end <= len(data)
