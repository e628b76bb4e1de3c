"""Each kind of change between two versions of a course, and the verdict it gives."""

from __future__ import annotations

from aicourse_build.diff.compare import PackageDiff, compare, content_changed, pair
from aicourse_build.diff.footprint import Footprint, ResumeState, Unit


def _diff(old: Footprint, new: Footprint) -> PackageDiff:
    return PackageDiff(old, new, list(compare(old, new)))


def _messages(d: PackageDiff, group: str) -> list[str]:
    return [f"{c.severity}: {c.message}" for c in d.changes if c.group == group]


def test_two_builds_of_one_manuscript_replace_safely(courses) -> None:
    first = courses.footprints(courses.base)
    second = courses.footprints(courses.copy(lambda root: None))
    diffs = pair(list(first.values()), list(second.values()))
    assert len(diffs) == 4
    assert all(d.changes == [] and d.verdict == "replace safely" for d in diffs)


def test_a_page_before_the_resume_point_keeps_progress_but_says_so(courses) -> None:
    old = courses.footprints(courses.base)["intern/scorm12"]
    new = courses.footprints(courses.copy(lambda r: courses.add_page(r, "nyhet", "start")))
    d = _diff(old, new["intern/scorm12"])
    assert d.severity == "caution"
    assert d.verdict.startswith("learners keep progress, but new pages come before")
    [added] = [m for m in _messages(d, "pages") if "nyhet" in m]
    assert added.startswith("caution: new page 'nyhet' (Sidan nyhet) before 'start' (Start)")
    assert "It is required" in added
    assert any("version is still 1.0.0" in m for m in _messages(d, "version"))


def test_a_page_at_the_end_is_safe_when_the_version_is_raised(courses) -> None:
    def edit(root):
        courses.add_page(root, "extra")
        courses.replace(root / "course.yaml", "version: 1.0.0", "version: 1.1.0")

    old = courses.footprints(courses.base)["intern/scorm12"]
    d = _diff(old, courses.footprints(courses.copy(edit))["intern/scorm12"])
    assert d.verdict == "replace safely", d.changes
    assert _messages(d, "pages") == ["info: new page 'extra' (Sidan extra) at the end."]
    assert _messages(d, "version") == ["info: version 1.0.0 -> 1.1.0"]


def test_a_removed_page_and_another_order(courses) -> None:
    def edit(root):
        courses.add_page(root, "tredje")
        courses.replace(root / "course.yaml", "[start, prov, tredje]", "[tredje, prov]")

    old = courses.footprints(courses.copy(lambda r: courses.add_page(r, "tredje"), "old"))
    new = courses.footprints(courses.copy(edit))
    d = _diff(old["intern/scorm12"], new["intern/scorm12"])
    pages = _messages(d, "pages")
    assert any(m.startswith("caution: page 'start' (Start) is removed") for m in pages)
    assert "caution: pages come in another order" in pages


def test_a_changed_answer_under_the_same_id(courses) -> None:
    old = courses.footprints(courses.base)
    new = courses.footprints(courses.copy(courses.change_answer))
    for key in old:
        d = _diff(old[key], new[key])
        assert _messages(d, "questions") == [
            "caution: question 'slutprov/data': the correct answer changed under the same id, "
            "so the LMS's reports and the LRS mix old and new answers that cannot be compared; "
            "give it a new id or a 'version' (aicourse check --previous says where)"
        ]


def test_a_question_version_is_another_question(courses) -> None:
    def edit(root):
        courses.change_answer(root)
        for name in ("fragor.sv.yaml", "fragor.en.yaml"):
            path = root / "questions" / name
            courses.replace(path, "  - id: data\n", "  - id: data\n    version: 2\n")

    old = courses.footprints(courses.base)
    new = courses.footprints(courses.copy(edit))
    scorm = _diff(old["intern/scorm12"], new["intern/scorm12"])
    assert _messages(scorm, "questions") == [
        "info: new question 'slutprov/data-v2'",
        "info: question 'slutprov/data' is removed",
    ]
    interactions = _messages(scorm, "interactions")
    assert interactions[0] == "caution: 1 interaction id(s) no longer reported: slutprov__data"
    assert any("one column per position" in m for m in interactions)
    xapi = _diff(old["publik/xapi"], new["publik/xapi"])
    assert any(m.endswith("/quizzes/slutprov/data-v2") for m in _messages(xapi, "interactions"))
    assert not any("column" in m for m in _messages(xapi, "interactions"))


def test_changed_wording_only_is_information(courses) -> None:
    def edit(root):
        path = root / "questions" / "fragor.sv.yaml"
        courses.replace(path, "Vad är en modell?", "Vad är en AI-modell?")
        courses.replace(root / "course.yaml", "version: 1.0.0", "version: 1.0.1")

    old = courses.footprints(courses.base)["intern/scorm12"]
    d = _diff(old, courses.footprints(courses.copy(edit))["intern/scorm12"])
    assert _messages(d, "questions") == ["info: question 'slutprov/modell' is worded differently"]
    assert d.verdict == "replace safely"


def test_new_aus_lose_progress(courses) -> None:
    def edit(root):
        path = root / "profiles" / "publik.yaml"
        path.write_text(path.read_text() + "cmi5:\n  au_per_module: true\n", encoding="utf-8")

    old = courses.footprints(courses.base)["publik/cmi5"]
    d = _diff(old, courses.footprints(courses.copy(edit))["publik/cmi5"])
    assert d.severity == "loss"
    assert d.verdict == "learners lose progress: an AU is gone"
    assert _messages(d, "identifiers")[0] == (
        "loss: AU 'https://example.org/xapi/minikurs/au' is not in the new package: learners' "
        "progress in it is not carried over"
    )


def test_a_sco_identifier_that_changes_deletes_tracks(courses) -> None:
    old = courses.footprints(courses.base)["intern/scorm12"]
    unit = Unit(kind="item", id="ITEM_other", launch="index.html")
    d = _diff(old, old.model_copy(update={"units": (unit,), "manifest": "MAN_other"}))
    assert d.severity == "loss"
    identifiers = _messages(d, "identifiers")
    assert "delete every learner's tracks of it, in every attempt" in identifiers[1]
    assert identifiers[2] == "caution: new SCO 'ITEM_other': learners start it from the beginning"


def test_a_changed_launch_file_keeps_tracks(courses) -> None:
    old = courses.footprints(courses.base)["intern/scorm12"]
    unit = old.units[0].model_copy(update={"launch": "start.html"})
    d = _diff(old, old.model_copy(update={"units": (unit,)}))
    assert d.verdict == "replace safely"
    assert "launches 'start.html' instead of 'index.html'" in _messages(d, "identifiers")[0]


def test_resume_state_format_and_budget(courses) -> None:
    old = courses.footprints(courses.base)["intern/scorm12"]
    newer = old.model_copy(update={"resume": ResumeState(format="3", worst_case=40, limit=4096)})
    d = _diff(
        old.model_copy(update={"resume": ResumeState(format="2", worst_case=30, limit=4096)}), newer
    )
    assert d.severity == "info"
    assert _messages(d, "resume")[0].startswith(
        "info: resume-state format 2 -> 3: the new runtime reads"
    )
    older = _diff(
        newer, old.model_copy(update={"resume": ResumeState(format="2", worst_case=40, limit=4096)})
    )
    assert older.verdict == "learners lose progress: saved progress cannot be read"
    too_big = old.model_copy(
        update={"resume": ResumeState(format=old.resume.format, worst_case=5000, limit=4096)}
    )
    assert _diff(old, too_big).verdict == "learners lose progress: the resume state may not fit"


def test_completion_policy(courses) -> None:
    old = courses.footprints(courses.base)["publik/cmi5"]
    new = courses.footprints(
        courses.copy(
            lambda r: courses.replace(r / "course.yaml", "passing_score: 80", "passing_score: 70")
        )
    )["publik/cmi5"]
    d = _diff(old, new)
    completion = _messages(d, "completion")
    assert completion[0].startswith("caution: the passing score: 80 -> 70;")
    # cmi5.xml carries the mastery score: the LMS is told too
    assert any("what the manifest tells the LMS" in m and "0.7" in m for m in completion)
    assert not content_changed(old, new)
    assert _messages(d, "version") == []


def test_a_changed_course_id_pairs_by_profile_language_and_format(courses) -> None:
    old = courses.footprints(courses.base)
    new = courses.footprints(
        courses.copy(
            lambda r: courses.replace(r / "course.yaml", "id: minikurs", "id: minikurs-ny")
        )
    )
    diffs = pair(list(old.values()), list(new.values()))
    assert [d.severity for d in diffs] == ["loss"] * 4
    assert diffs[0].changes[0].message.startswith("course id 'minikurs' becomes 'minikurs-ny'")


def test_packages_without_a_counterpart(courses) -> None:
    old = courses.footprints(courses.base)
    diffs = pair([old["intern/scorm12"]], [old["publik/xapi"], old["intern/scorm12"]])
    assert [d.verdict for d in diffs] == ["replace safely", "new package: nothing to replace"]
    assert pair([old["publik/xapi"]], [])[0].verdict == "no new package: the old one stays as it is"
