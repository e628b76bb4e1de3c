from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicourse_build.diagnostics import Diagnostic
from aicourse_build.source.css import check_css, check_svg_css

ROOT = Path(__file__).resolve().parents[3]
OUT = "outside the package"
OUTSIDE_HINT = "copy the file into the theme's static/ folder and refer to it with a relative path"


CSS_TOKENS = ["url(", ")", "(", '"', "'", "\\", "\\72 ", "/*", "*/", "@import", "@namespace"]
CSS_TOKENS += ["#", "data:", " ", "\n", "a", "%2e", "?"]


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.col, d.message) for d in diagnostics]


def problems(text: str) -> list[tuple[str, int, int, str]]:
    return found(check_css(text, "theme.css")[1])


def paths(text: str) -> list[str]:
    return check_css(text, "theme.css")[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "themes").rglob("*.css")), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_shipped_stylesheets_are_clean(path: Path) -> None:
    assert check_css(path.read_text(encoding="utf-8"), str(path)) == ([], [])


def test_relative_urls_are_returned_normalised_and_once() -> None:
    text = (
        "@font-face { src: url(fonts/inter.woff2) format('woff2'); }\n"
        'a { background: url( "img/./a.png" ) }\n'
        "b { background: url('img/a.png'); cursor: url(img/sub/../hand.cur), auto; }\n"
        "c { background: url(icons/x%20y.svg?v=2#part) }\n"
    )
    assert paths(text) == ["fonts/inter.woff2", "img/a.png", "img/hand.cur", "icons/x y.svg"]
    assert problems(text) == []


def test_fragments_and_embedded_images_are_no_files() -> None:
    text = "a { filter: url(#blur); background: url(data:image/png;base64,iVBORw0KGgo=) }"
    assert check_css(text, "theme.css") == ([], [])


def test_urls_in_comments_and_plain_strings_are_no_references() -> None:
    text = '/* url(https://x.org/a.png)\n@import "b.css"; */ a::before { content: "url(c.png)" }'
    assert check_css(text, "theme.css") == ([], [])


def test_an_unclosed_comment_hides_the_rest() -> None:
    assert check_css("a {}\n/* url(https://x.org/a.png)", "theme.css") == ([], [])


def test_import_is_refused_once_in_every_spelling() -> None:
    text = '@import "base.css";\n  @IMPORT url(https://x.org/b.css);\n@\\69mport "c.css";\n'
    message = "@import is not allowed in a theme stylesheet"
    assert problems(text) == [
        ("AIC034", 1, 1, message),
        ("AIC034", 2, 3, message),
        ("AIC034", 3, 1, message),
    ]
    hint = check_css(text, "theme.css")[1][0].hint
    assert hint == "list the other stylesheet in theme.yaml's 'stylesheets' instead"


def test_namespace_urls_are_names_not_fetches() -> None:
    assert problems("@namespace svg url(http://www.w3.org/2000/svg);\na { b: c }") == []


def test_addresses_outside_the_package() -> None:
    text = (
        "a { background: url(https://cdn.example.org/a.png) }\n"
        "b { background: url(//cdn.example.org/b.png) }\n"
        "c { src: url(C:/fonts/c.woff) }\n"
    )
    assert problems(text) == [
        ("AIC034", 1, 17, f"stylesheet refers to 'https://cdn.example.org/a.png', {OUT}"),
        ("AIC034", 2, 17, f"stylesheet refers to '//cdn.example.org/b.png', {OUT}"),
        ("AIC034", 3, 10, f"stylesheet refers to 'C:/fonts/c.woff', {OUT}"),
    ]
    assert check_css(text, "theme.css")[1][0].hint == OUTSIDE_HINT


def test_paths_must_stay_below_the_stylesheet() -> None:
    text = (
        "a { b: url(/img/a.png) }\n"
        "a { b: url(../b.png) }\n"
        "a { b: url(img/../../c.png) }\n"
        "a { b: url(%2e%2e/d.png) }\n"
        "a { b: url(img/../e.png) }\n"
    )
    above = "points above the theme's static/ folder"
    assert problems(text) == [
        ("AIC034", 1, 8, "url '/img/a.png' starts with '/'"),
        ("AIC034", 2, 8, f"url '../b.png' {above}"),
        ("AIC034", 3, 8, f"url 'img/../../c.png' {above}"),
        ("AIC034", 4, 8, f"url '%2e%2e/d.png' {above}"),
    ]
    assert paths(text) == ["e.png"]
    hint = check_css(text, "theme.css")[1][0].hint
    assert hint == "write it relative to the stylesheet: 'img/a.png'"


def test_a_url_naming_no_file() -> None:
    assert problems("a { b: url() }\nc { d: url('?v=1') }") == [
        ("AIC034", 1, 8, "stylesheet has an empty url()"),
        ("AIC034", 2, 8, "url '?v=1' names no file"),
    ]


def test_a_backslash_in_a_url_is_refused_rather_than_guessed() -> None:
    message = "stylesheet has a backslash in url(); escapes there are not supported"
    text = "a { b: url(img\\/a.png) }\nc { d: url('img\\61.png') }"
    assert problems(text) == [("AIC034", 1, 8, message), ("AIC034", 2, 8, message)]
    assert paths(text) == []


def test_a_url_that_cannot_be_read() -> None:
    assert problems("a { b: url(my file.png) }") == [
        ("AIC034", 1, 8, "stylesheet has a url() that cannot be read: 'url(my file.png)'")
    ]


def test_other_embedded_data_is_refused() -> None:
    text = (
        "a { b: url(data:image/svg+xml;utf8,<svg/>) }\nc { src: url('data:font/woff2;base64,AA') }"
    )
    assert problems(text) == [
        ("AIC034", 1, 8, "stylesheet embeds data of type 'image/svg+xml'"),
        ("AIC034", 2, 10, "stylesheet embeds data of type 'font/woff2'"),
    ]


def test_scripts_in_styles() -> None:
    text = (
        "a { width: expression(alert(1)) }\n"
        "b { width: EXPR\\65SSION(alert(2)) }\n"
        "c { background: url('  Java\tScript:alert(3)') }\n"
        "d { background: url(vbscript:msgbox) }\n"
    )
    assert problems(text) == [
        ("AIC033", 1, 12, "stylesheet uses expression(); styles may not run scripts"),
        ("AIC033", 2, 12, "stylesheet uses expression(); styles may not run scripts"),
        ("AIC033", 3, 17, "stylesheet uses a javascript: address; styles may not run scripts"),
        ("AIC033", 4, 17, "stylesheet uses a vbscript: address; styles may not run scripts"),
    ]


def test_escaped_function_names_are_read_as_browsers_do() -> None:
    assert problems("a { b: u\\72l(https://x.org/a.png) }") == [
        ("AIC034", 1, 8, "stylesheet refers to 'https://x.org/a.png', outside the package")
    ]


def test_image_set_strings_are_addresses() -> None:
    text = 'a { b: image-set("img/a.png" 1x, url(img/b.png) 2x, "https://x.org/c.png" 3x) }'
    assert paths(text) == ["img/a.png", "img/b.png"]
    assert problems(text) == [
        ("AIC034", 1, 53, "stylesheet refers to 'https://x.org/c.png', outside the package")
    ]


def test_positions_count_characters_after_comments_across_lines() -> None:
    text = "/* å\n   ä */ ö { b: url(https://x.org/a.png) }"
    assert problems(text) == [
        ("AIC034", 2, 16, "stylesheet refers to 'https://x.org/a.png', outside the package")
    ]


def test_svg_styles_may_not_name_files_at_all() -> None:
    findings = check_svg_css("a { fill: url(img/a.png) } @import 'b.css';")
    assert [(f.code, f.offset, f.message) for f in findings] == [
        ("AIC034", 10, "SVG style refers to 'img/a.png', outside the image"),
        ("AIC034", 27, "SVG style uses @import; an image may not load other stylesheets"),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.sampled_from(
                [*CSS_TOKENS, ";", "{", "}", "expression(", "image-set(", "javascript:", "..", "/"]
            ),
            max_size=40,
        ).map("".join),
    )
)
def test_never_raises(text: str) -> None:
    urls, diagnostics = check_css(text, "theme.css")
    assert all(not url.startswith(("/", "../")) for url in urls)
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in diagnostics)
