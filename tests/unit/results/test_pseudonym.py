import duckdb

from aicourse_build.results.pseudonym import Pseudonyms


def test_keys_are_stable_within_a_run_and_unrelated_between_runs() -> None:
    one, two = Pseudonyms(), Pseudonyms()
    assert one.of("mailto:anna@example.org") == one.of("mailto:anna@example.org")
    assert one.of("mailto:anna@example.org") != two.of("mailto:anna@example.org")
    assert "anna" not in one.of("mailto:anna@example.org")


def test_python_and_sql_make_the_same_key() -> None:
    keys = Pseudonyms(b"\x01" * 32)
    [(in_sql,)] = duckdb.sql("SELECT " + keys.sql("'mailto:anna@example.org'")).fetchall()
    assert in_sql == keys.of("mailto:anna@example.org")
    assert Pseudonyms.registration(" 6A1F-x ") == "r:6a1f-x"
