"""css_events: what a browser would fetch or run in CSS, found as browsers tokenise it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.source import css
from aicourse_build.source.css_scan import CssEvent, css_events

TOKENS = ["url(", ")", "(", '"', "'", "\\", "\\75 ", "/*", "*/", "@import", "@namespace", ";"]
TOKENS += ["{", "}", "image-set(", "expression(", " ", "\n", "a", "é"]


def kinds(text: str) -> list[tuple[str, int, str]]:
    return [(e.kind, e.offset, e.value) for e in css_events(text)]


def test_urls_quoted_and_unquoted_at_the_u_of_url() -> None:
    text = "a { background: url(a.png) } b { src: URL( 'b c.woff' ) format('woff') }"
    assert kinds(text) == [("url", 16, "a.png"), ("url", 38, "b c.woff")]


def test_comments_and_plain_strings_hide_what_they_hold() -> None:
    assert css_events('/* url(x.png) */ a::before { content: "url(y.png) @import" }') == []
    assert css_events("a { } /* url(x.png)") == []


def test_import_and_expression_wherever_written() -> None:
    text = '@import "a.css";\n@\\69mport url(b.css);\na { width: expression(alert(1)) }'
    at = text.index("expression")
    assert kinds(text) == [("import", 0, ""), ("import", 17, ""), ("expression", at, "")]


def test_namespace_and_import_urls_are_not_fetches_of_their_own() -> None:
    assert kinds("@namespace svg url(http://www.w3.org/2000/svg);") == []
    assert kinds("@import url(a.css); a { background: url(b.png) }") == [
        ("import", 0, ""),
        ("url", 36, "b.png"),
    ]


def test_escapes_decode_in_names_and_mark_urls_and_strings() -> None:
    assert kinds("a { background: \\75rl(a.png) }") == [("url", 16, "a.png")]
    assert kinds("a { background: url(a\\.png) }") == [("escaped-url", 16, "a\\.png")]
    assert kinds('a { background: url("a\\2e png") }') == [("escaped-url", 16, "a.png")]


def test_unquoted_urls_with_spaces_or_quotes_cannot_be_read() -> None:
    assert kinds("a { background: url(a b.png) }") == [("bad-url", 16, "a b.png")]


def test_strings_in_fetching_functions_are_addresses() -> None:
    text = 'a { background: image-set("a.png" 1x, url(b.png) 2x); content: attr(x, "c") }'
    assert kinds(text) == [("url", 26, "a.png"), ("url", 38, "b.png")]


def test_a_declaration_end_closes_every_open_function() -> None:
    assert kinds('a { background: image-set(; content: "x" }') == []


def test_css_reads_the_events_from_here() -> None:
    assert css.css_events is css_events
    assert css.CssEvent is CssEvent


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_events_are_in_order_inside_the_text(text: str) -> None:
    offsets = [event.offset for event in css_events(text)]
    assert offsets == sorted(offsets)
    assert all(0 <= offset < len(text) for offset in offsets)
