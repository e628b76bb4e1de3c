from aicourse_build.source.yaml_positions import load_yaml


def test_spans_of_keys_and_values() -> None:
    doc, problems = load_yaml("a: 1\nb:\n  - x\n  - {c: true}\n", "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": "1", "b": ["x", {"c": "true"}]}
    assert (doc.index.key_span(("a",)).line, doc.index.key_span(("a",)).col) == (1, 1)
    assert (doc.index.value_span(("a",)).line, doc.index.value_span(("a",)).col) == (1, 4)
    assert doc.index.value_span(("b", 1, "c")).line == 4
    # an unknown path falls back to its nearest known parent
    assert doc.index.value_span(("b", 1, "nope")).line == 4


def test_offsets_shift_embedded_yaml() -> None:
    doc, _ = load_yaml("id: x\n", "page.md", line_offset=10, col_offset=2)
    assert doc is not None
    span = doc.index.value_span(("id",))
    assert (span.line, span.col) == (11, 7)


def test_duplicate_key_is_reported_with_first_line() -> None:
    _, problems = load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.code, p.span.line) for p in problems] == [("AIC002", 3)]
    assert problems[0].hint is not None and "line 1" in problems[0].hint


def test_tab_indentation_has_a_plain_message() -> None:
    _, problems = load_yaml("a:\n\tb: 1\n", "f.yaml")
    assert problems[0].code == "AIC001"
    assert "tab" in problems[0].message
    assert problems[0].span.line == 2


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    _, problems = load_yaml('a: 1\nb: "open\nc: 2\n', "f.yaml")
    assert problems[0].message.startswith("unclosed quote")
    assert (problems[0].span.line, problems[0].span.col) == (2, 4)


def test_alias_bomb_is_refused() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 8):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        text += f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n"
    doc, problems = load_yaml(text, "f.yaml")
    assert doc is None
    assert problems[0].code == "AIC006"


def test_empty_document() -> None:
    doc, problems = load_yaml("# only a comment\n", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data is None


def test_scalars_stay_as_written() -> None:
    doc, _ = load_yaml("d: 1:30\nh: 01234567\nl: [sv, no]\nv: 1.0\nn:\nt: ~\nq: 'null'\n", "f")
    assert doc is not None
    assert doc.data == {
        "d": "1:30",
        "h": "01234567",
        "l": ["sv", "no"],
        "v": "1.0",
        "n": None,
        "t": None,
        "q": "null",
    }
