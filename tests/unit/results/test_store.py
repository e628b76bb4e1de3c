from pathlib import Path

from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.store import Store


def test_facts_are_added_once_by_key_and_kept_ones_survive_the_run(tmp_path: Path) -> None:
    kept = tmp_path / "store.duckdb"
    store = Store(kept)
    facts = [Fact(f"r:{i}", Kind.PAGE, "valkommen", key=f"s{i}") for i in range(3)]
    assert store.add(facts, keep=True) == 3
    assert store.add([*facts, Fact("r:9", Kind.PAGE, "valkommen", key="s9")]) == 1
    assert store.add([Fact("r:1", Kind.PAGE, "x"), Fact("r:1", Kind.PAGE, "x")]) == 2  # no key
    store.pulled("https://lrs.example.org/xapi/", "2026-12-01T00:00:00Z", 3)
    store.close()
    again = Store(kept)
    assert again.count() == 3  # the run's own facts are gone, the pulled ones are kept
    assert again.since("https://lrs.example.org/xapi/") == "2026-12-01T00:00:00Z"
    assert again.since("https://other.example.org/") is None


def test_exclusions_are_counted_by_reason() -> None:
    store = Store()
    store.exclude("another course", 2, "row 3")
    store.exclude("another course")
    assert store.exclusions["another course"].count == 3
    assert store.exclusions["another course"].example == "row 3"
