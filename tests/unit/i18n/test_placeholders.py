import pytest

from aicourse_build.i18n.placeholders import code_ids, difference, is_variable, pieces, variables

TEXT = "Ring {{ contacts.course }} eller {{organisation}}, sedan {{ contacts.course }}."


def test_a_text_is_cut_into_plain_runs_and_variables_without_loss() -> None:
    found = pieces(TEXT)
    assert found == [
        ("Ring ", False),
        ("{{ contacts.course }}", True),
        (" eller ", False),
        ("{{organisation}}", True),
        (", sedan ", False),
        ("{{ contacts.course }}", True),
        (".", False),
    ]
    assert "".join(run for run, _ in found) == TEXT
    assert pieces("{{ a }}{{ b }}") == [("{{ a }}", True), ("{{ b }}", True)]
    assert pieces("no variable { here }") == [("no variable { here }", False)]
    assert pieces("") == []


def test_variables_are_found_as_the_build_finds_them() -> None:
    assert variables(TEXT) == ["{{ contacts.course }}", "{{organisation}}", "{{ contacts.course }}"]
    assert (is_variable("{{ x.y }}"), is_variable("{{ x }} y"), is_variable("{ x }")) == (
        True,
        False,
        False,
    )


def test_a_variable_of_the_target_is_the_same_code_as_in_the_source() -> None:
    source = "{{ a }} och {{ b }} och {{ a }}"
    # moved, one {{ a }} left out, one unknown and one spaced otherwise added
    target = "{{ b }}, {{ a }}, {{ c }}, {{a}}"
    assert code_ids(source, target) == (["1", "2", "3"], ["2", "1", "4", "5"])
    assert code_ids(source, "{{ a }} {{ a }} {{ a }}") == (["1", "2", "3"], ["1", "3", "4"])
    assert code_ids(source, None) == (["1", "2", "3"], [])
    assert code_ids("plain", "plain") == ([], [])


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("{{ organisation }} then {{ contacts.course }}", None),
        ("{{organisation}} then {{contacts.course}}", None),  # spaced otherwise: the same
        ("Call {{ contacts.course }}", "drops {{ organisation }}"),
        ("Call", "drops {{ contacts.course }}, {{ organisation }}"),
        (
            "{{ contacts.course }} {{ organisation }} {{ organisation }} {{ x }}",
            "adds {{ organisation }}, {{ x }}",
        ),
        (
            "{{ contacts.kurs }} {{ organisation }}",
            "drops {{ contacts.course }} and adds {{ contacts.kurs }}",
        ),
    ],
)
def test_a_target_must_keep_each_variable_as_often_as_the_source(
    target: str, expected: str | None
) -> None:
    assert difference("Ring {{ contacts.course }} i {{ organisation }}", target) == expected


def test_repeated_variables_are_counted() -> None:
    source = "{{ a }} {{ a }} {{ a }}"
    assert difference(source, "{{ a }}") == "drops {{ a }} twice"
    assert difference("", source) == "adds {{ a }} 3 times"
    assert difference(source, source) is None
