from aicourse_build.suggest import did_you_mean, one_of


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "id"]) == "did you mean 'title'?"
    assert did_you_mean("zzz", ["title", "id"]) is None


def test_one_of_is_sorted_and_short() -> None:
    assert one_of(["b", "a"]) == "a, b"
    assert one_of([str(i) for i in range(20)], limit=2) == "0, 1, ..."
