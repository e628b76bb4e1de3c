import pytest

from aicourse_build.results.publish.text import (
    FORMATS,
    MINUS,
    NBSP,
    csv_number,
    exclusion_text,
    flag_label,
    missing_text,
    number,
    reason_text,
    source_text,
)


def test_numbers_are_written_as_in_swedish() -> None:
    assert number(1234.5, 1) == f"1{NBSP}234,5"
    assert number(-0.25, 2) == f"{MINUS}0,25"
    assert number(-0.001, 2) == "0,00"  # rounds to nothing: no minus before a zero
    assert FORMATS["percent"](48.25) == f"48,2{NBSP}%"
    assert FORMATS["share"](0.456) == f"46{NBSP}%"
    assert FORMATS["ratio"](1.125) == "1,12"
    assert FORMATS["minutes"](31.5) == f"31,5{NBSP}min"
    assert FORMATS["count"](0) == "0"


@pytest.mark.parametrize(
    ("fmt", "value", "text"),
    [
        ("count", 12, "12"),
        ("percent", 48.5, "48,5"),
        ("share", 0.861, "86,1"),
        ("ratio", -0.254, "-0,25"),
        ("ratio", -0.001, "0,00"),
        ("mean", 3.981, "3,98"),
    ],
)
def test_csv_numbers_are_what_swedish_excel_reads(fmt: str, value: float, text: str) -> None:
    assert csv_number(value, fmt) == text


def test_reasons_and_flags_in_the_readers_words() -> None:
    assert reason_text("fewer than 5", long=False) == "färre än 5 deltagare"
    assert reason_text("fewer than 10").startswith("färre än 10 deltagare, så att ingen")
    assert "annat dolt värde" in reason_text("complementary")
    assert reason_text("something new") == "something new"  # shown as given, not lost
    assert reason_text("") == "dolt"
    assert flag_label("already known") == "Redan känd"
    assert flag_label("not learned") == "Inte lärd"
    assert flag_label("odd") == "odd"


def test_why_a_value_is_missing_and_what_was_not_used() -> None:
    assert missing_text("fewer than 100", long=False) == "färre än 100 deltagare"
    assert missing_text("no variation").startswith("alla förändrades lika")
    assert missing_text("pre-test mean is 100") == "alla hade allt rätt redan före kursen"
    assert exclusion_text("another version of the package (1.1)") == (
        "en annan version av kurspaketet (1.1)"
    )
    assert exclusion_text("learner has not started the course") == (
        "deltagaren hade inte börjat kursen"
    )
    assert exclusion_text("something else") == "something else"
    assert source_text("3 × LRS") == "3 × LRS (xAPI)"
    assert source_text("1 × xAPI statements") == "1 × fil med xAPI-uttryck"
    assert source_text("a file") == "a file"
