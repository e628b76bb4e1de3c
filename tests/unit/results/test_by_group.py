"""What the measures share: figures from SQL's values, keys of groups, the per-group query."""

from __future__ import annotations

from aicourse_build.results.by_group import by_group, count, group_keys, mean
from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.model import NOT_STATED, Figure
from aicourse_build.results.store import Store


def test_a_group_id_in_two_self_reports_is_keyed_by_its_self_report() -> None:
    labels = {"yrke": {"lakare": "Läkare", "-": "Ej angivet"}, "org": {"nu": "NU", "-": "Ej"}}
    assert group_keys(labels) == {
        ("yrke", "lakare"): "lakare",
        ("yrke", "-"): "yrke/-",
        ("org", "nu"): "nu",
        ("org", "-"): "org/-",
    }


def test_none_counted_is_zero_and_a_missing_mean_says_why() -> None:
    assert count(None) == Figure(0.0, 0, "count")
    assert mean(None, 3, "fewer than 2") == Figure(None, 3, "mean", reason="fewer than 2")
    assert mean(2, 4) == Figure(2.0, 4, "mean")


def test_a_figure_is_given_for_everyone_and_per_group_with_not_stated() -> None:
    store = Store()
    store.add([Fact(who, Kind.PAGE, "p") for who in "abc"])
    con = store.con
    con.execute("CREATE TEMP TABLE m_options (dimension VARCHAR, option VARCHAR)")
    con.execute("INSERT INTO m_options VALUES ('yrke', 'lakare'), ('yrke', 'chefer')")
    con.execute("CREATE TEMP TABLE m_groups (learner VARCHAR, dimension VARCHAR, grp VARCHAR)")
    con.execute("INSERT INTO m_groups VALUES ('a', 'yrke', 'lakare'), ('b', 'yrke', 'lakare')")
    rows = con.execute(by_group("count(*)", "(SELECT * FROM facts)")).fetchall()
    assert sorted(rows) == [("", "", 3), ("yrke", NOT_STATED, 1), ("yrke", "lakare", 2)]
