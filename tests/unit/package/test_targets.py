from aicourse_build.package.targets import TARGETS


def test_registry_names_each_target_once() -> None:
    assert sorted(TARGETS()) == ["cmi5", "scorm12", "scorm2004", "xapi"]
    assert TARGETS()["scorm2004"].title == "SCORM 2004 4th edition"
