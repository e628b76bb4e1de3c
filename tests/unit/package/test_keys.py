from aicourse_build.package.keys import ALPHABET, assign_keys


def test_keys_are_short_unique_and_stable() -> None:
    ids = [f"sida-{n}" for n in range(2000)]
    keys = assign_keys(ids)
    assert len(set(keys.values())) == 2000
    assert all(len(k) == 3 and set(k) <= set(ALPHABET) for k in keys.values())
    # a key depends on its id, not on what else is in the course
    assert assign_keys(["sida-7"])["sida-7"] == keys["sida-7"]
    assert assign_keys(reversed(ids)) == keys
