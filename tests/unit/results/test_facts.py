from aicourse_build.results.facts import Exclusion, Fact, Kind


def test_a_fact_names_a_learner_by_key_only() -> None:
    fact = Fact("r:abc", Kind.ANSWER, "model", "kunskapstest-fore", attempt=1, value="b")
    assert set(Fact.__dataclass_fields__) >= {"learner", "kind", "element", "value", "key"}
    assert not {"name", "email", "actor", "user"} & set(Fact.__dataclass_fields__)
    assert fact.correct is None and Kind("group") is Kind.GROUP
    assert Exclusion("x").count == 0
