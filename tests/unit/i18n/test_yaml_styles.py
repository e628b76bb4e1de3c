import pytest

from aicourse_build.i18n.yaml_styles import DEFAULT_WIDTH, Context, plain_or_quoted, renderers

BLOCK = Context(
    flow=False, parent_col=0, multi_line=False, continuation=2, content_indent=2, width=24
)


def _first(style: str, value: str, ctx: Context = BLOCK) -> str:
    for render in renderers(style, value):
        written = render(value, ctx, 6)
        if written is not None:
            return written
    raise AssertionError("double quotes hold anything")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Kurs i AI", "Kurs i AI"),
        ("Obs: viktigt", '"Obs: viktigt"'),
        ("#taggar", '"#taggar"'),
        ("~", '"~"'),
        (" kant", '" kant"'),
        ('säg "hej"', 'säg "hej"'),
    ],
)
def test_plain_or_quoted(value: str, written: str) -> None:
    assert plain_or_quoted(value) == written


def test_each_style_is_kept_when_it_can_hold_the_value() -> None:
    assert _first("", "Ett svar") == "Ett svar"
    assert _first("'", "Ett 'svar'") == "'Ett ''svar'''"
    assert _first('"', "Ett\tsvar\\") == '"Ett\\tsvar\\\\"'
    assert _first("|", "rad ett\nrad två\n") == "|\n  rad ett\n  rad två"
    assert _first(">", "ett två tre fyra fem sex sju") == ">-\n  ett två tre fyra fem\n  sex sju"


def test_line_breaks_yaml_would_fold_are_escaped() -> None:
    assert _first('"', "a\x85b\u2028c\ufeff") == '"a\\x85b\\u2028c\\ufeff"'
    assert _first("", "a\x85b") == '"a\\x85b"'


def test_styles_that_cannot_hold_a_value_fall_back() -> None:
    assert _first("|", "rad\n   \nrad") == '"rad\\n   \\nrad"'  # a line of only spaces
    assert _first(">", "ett\n två") == "|-\n  ett\n   två"  # an indented line is kept
    assert _first("", "två\nrader") == "|-\n  två\n  rader"
    flow = Context(True, 0, False, 2, 2, DEFAULT_WIDTH)
    assert _first("", "två\nrader", flow) == '"två\\nrader"'
    assert _first("", "a, b", flow) == '"a, b"'
