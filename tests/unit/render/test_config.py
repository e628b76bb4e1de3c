from aicourse_build.render.config import build_config, storage_key, tracked_ids
from aicourse_build.resolve import ResolvedCourse


def test_config_follows_the_contract(resolved_intern: ResolvedCourse) -> None:
    config = build_config(resolved_intern, "scorm12", {"next": "Nästa"})
    assert config["target"] == "scorm12"
    assert [p["id"] for p in config["pages"]] == ["start", "prov"]
    assert config["completion"] == {
        "pages": ["start", "prov"],
        "assessment": "slutprov",
        "passingScore": 80,
        "onFail": "failed",
    }
    quiz = config["quizzes"]["slutprov"]
    assert [q["id"] for q in quiz["questions"]] == ["modell", "data"]
    assert quiz["questions"][0]["answer"] == "b" and quiz["questions"][1]["answer"] is True
    assert config["privacy"]["freeText"] == "send"
    assert set(config["reflections"]) == {"tanke"}


def test_every_tracked_element_has_a_unique_key(resolved_intern: ResolvedCourse) -> None:
    config = build_config(resolved_intern, "scorm2004", {})
    keys = [p["k"] for p in config["pages"]] + [config["quizzes"]["slutprov"]["k"]]
    keys += [q["k"] for q in config["quizzes"]["slutprov"]["questions"]]
    keys += [r["k"] for r in config["reflections"].values()]
    assert len(keys) == len(set(keys)) == len(tracked_ids(resolved_intern))


def test_storage_key_is_per_language_unless_languages_share_it(
    resolved_intern: ResolvedCourse,
) -> None:
    assert storage_key(resolved_intern) == "aicourse:minikurs:1.0.0:intern:sv"
    shared = storage_key(resolved_intern, ["sv", "en"])
    assert shared == "aicourse:minikurs:1.0.0:intern:sv+en"
    keys = dict.fromkeys(tracked_ids(resolved_intern), "abc")
    config = build_config(resolved_intern, "scorm12", {}, keys, shared)
    assert config["course"]["storageKey"] == shared
    assert {p["k"] for p in config["pages"]} == {"abc"}
