from aicourse_build.render.config import build_config, tracked_ids
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
