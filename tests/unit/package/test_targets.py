from aicourse_build.package.targets import TARGETS


def test_registry_names_each_target_once() -> None:
    assert sorted(TARGETS()) == ["scorm12", "scorm2004"]
    assert TARGETS()["scorm2004"].title == "SCORM 2004 4th edition"
