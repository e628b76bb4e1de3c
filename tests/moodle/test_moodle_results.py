"""From learners in a real LMS to the steering group's figures: `aicourse results` on Moodle's own
report downloads recovers exactly what the learners did.

Six students walk the vgr SCORM 1.2 package in Moodle 4.5.6's player with planned, different
choices: profession and administration (or none), which pre- and post-test questions they get
wrong, survey ratings, reflections, and one stops right after the pre-test. A teacher then
downloads the interactions report with Moodle's default columns in each of its formats (text,
ODS, Excel). The figures measured from each download (before disclosure control) must equal the
truth computed here from the plans alone; the published results.json must be the same for every
format, show what disclosure control allows and nothing more, and no student's name or e-mail
address may reach any output. The public SCORM 2004 package's download holds no answers in
Moodle (docs/lms-moodle.md): `results` must say so and write nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean, stdev
from typing import Any

import pytest
from learner import Course, Learner
from moodle_packages import BuiltPackages
from moodle_player import MoodleBrowser
from moodle_reports import as_records, read_report
from moodle_site import Activity, MoodleSite, Student, elements
from moodle_walk import Choices, walk

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.results.catalogue import catalogue_of
from aicourse_build.results.facts import Fact
from aicourse_build.results.ingest.moodle import moodle_facts
from aicourse_build.results.measure import measure
from aicourse_build.results.model import NOT_STATED, OVERALL, Results
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.run import MIN_MEAN, layouts
from aicourse_build.results.store import Store

pytestmark = [pytest.mark.moodle, pytest.mark.e2e, pytest.mark.slow]

COURSE = Path(__file__).resolve().parents[2] / "content" / "introduktionsutbildning"
PROFESSION, ADMINISTRATION = "yrkesgrupp", "forvaltning"
FORMATS = {"csv": "interactions.txt", "ods": "interactions.ods", "excel": "interactions.xlsx"}
PRE, POST = "kunskapstest-fore", "kunskapstest-efter"


@dataclass(frozen=True)
class Plan:
    """One student. `post_wrong` None: leaves right after the pre-test, before anything else."""

    profession: str | None
    administration: str | None
    pre_wrong: tuple[str, ...]
    post_wrong: tuple[str, ...] | None
    survey: dict[str, int] = field(default_factory=dict)  # item id -> step; others 3
    reflects: bool = False


PLANS = (
    Plan("lakare", "sahlgrenska", ("model", "concepts"), (), {"enkat-relevans": 5}, True),
    Plan("lakare", "narhalsan", ("language-model", "patient-data", "building-a-model"),
         ("concepts",), {"enkat-relevans": 4}),
    Plan("lakare", None, ("ai-act",), ("ai-act", "responsibility"), {"enkat-relevans": 2}, True),
    Plan("sjukskoterskor", "sahlgrenska", ("model", "prerequisites", "concepts", "ai-act"),
         ("building-a-model",), {"enkat-relevans": 4}),
    Plan(None, "sahlgrenska", ("patient-data",), ("patient-data",), {"enkat-relevans": 1}),
    Plan("sjukskoterskor", None, ("model", "concepts"), None),
)  # fmt: skip


def choices(plan: Plan) -> Choices:
    return Choices(
        group=plan.profession,
        pre_test_wrong=plan.pre_wrong,
        post_test_wrong=plan.post_wrong or (),
        other_groups={ADMINISTRATION: plan.administration} if plan.administration else {},
        survey=dict(plan.survey),
        reflection="Jag skulle vilja prova AI i min vardag." if plan.reflects else "",
    )


@dataclass
class Walked:
    package_config: dict[str, Any]
    activity: Activity
    students: list[Student]
    downloads: dict[str, Path]
    titles: list[str]


def _done(tracks: dict[str, Any], furthest: str, finished: bool) -> bool:
    """Moodle has the session's last commit: the furthest page in its slot, and the outcome of
    the post-test (a finished learner) or the suspended exit (one who left)."""
    stored = elements(tracks) if tracks.get("attempts") else {}
    if furthest not in stored.values():
        return False
    if finished:
        return stored.get("cmi.core.lesson_status") == "passed"
    return stored.get("cmi.core.exit") == "suspend"


@pytest.fixture(scope="module")
def walked(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    scorm_packages: BuiltPackages,
    course: Course,
    tmp_path_factory: pytest.TempPathFactory,
) -> Walked:
    package = scorm_packages.get("scorm12")
    strings: dict[str, str] = package.config.get("strings", {})
    pages = [p["id"] for p in package.config["pages"]]
    activity = moodle.add_scorm(package.zip_path, name="Resultat: sanningen")
    students = moodle.ensure_students(len(PLANS) + 1)  # the last one never starts
    titles: list[str] = []
    for student, plan in zip(students, PLANS, strict=False):
        with ExitStack() as stack:
            browser = stack.enter_context(moodle_browser.learner(student))
            window = stack.enter_context(browser.session(activity))
            titles = titles or Learner(window.sco, course, strings).toc_titles()
            stop = titles[2] if plan.post_wrong is None else None
            walk(window, course, strings, choices(plan), stop_on=stop)
            warnings = window.runtime_warnings()
            assert not warnings, f"{student.username}: the runtime reported problems: {warnings}"
        furthest = pages[2] if plan.post_wrong is None else pages[-1]
        finished = plan.post_wrong is not None
        tracks = moodle.wait_tracks(
            activity.cmid, student.username, lambda t, p=furthest, f=finished: _done(t, p, f)
        )
        stored = elements(tracks) if tracks.get("attempts") else {}
        assert _done(tracks, furthest, finished), (
            f"{student.username}: the last commit never arrived: "
            f"{ {k: v for k, v in stored.items() if 'interactions_1.' in k or 'cmi.core' in k} }"
        )
    folder = tmp_path_factory.mktemp("moodle-downloads")
    downloads = {}
    for fmt, name in FORMATS.items():
        # as a teacher downloads it: Moodle's default columns (the responses only)
        moodle.report(activity.cmid, "interactions", fmt, folder / name, columns="resp")
        downloads[fmt] = folder / name
    # with every column switched on as well: the question and result columns are ignored
    moodle.report(activity.cmid, "interactions", "csv", folder / "all-columns.txt")
    downloads["all-columns"] = folder / "all-columns.txt"
    return Walked(package.config, activity, students, downloads, titles)


def measured(download: Path) -> Results:
    """The stages of `aicourse results` up to measure, on one download (no disclosure yet)."""
    check = check_course_dir(COURSE, Report(), ["vgr"])
    catalogue = catalogue_of(check, ["vgr"])
    store = Store(None)
    try:
        items = list(moodle_facts(download, catalogue, layouts(check, ["vgr"]), Pseudonyms()))
        store.add(item for item in items if isinstance(item, Fact))
        for item in items:
            if isinstance(item, str):
                store.exclude(item.split(",")[0], 1, item)
        return measure(store, catalogue, ["1 × LMS report download"], 3, MIN_MEAN)
    finally:
        store.close()


# --- the truth, from the plans alone ---------------------------------------------------------


QUESTIONS = (
    "model", "language-model", "patient-data", "building-a-model",
    "concepts", "responsibility", "ai-act", "prerequisites",
)  # fmt: skip


def score(wrong: tuple[str, ...]) -> float:
    return 100.0 * (len(QUESTIONS) - len(wrong)) / len(QUESTIONS)


def paired(plans: list[Plan]) -> list[tuple[float, float]]:
    return [(score(p.pre_wrong), score(p.post_wrong)) for p in plans if p.post_wrong is not None]


def members(dimension: str, group: str) -> list[Plan]:
    if dimension == "":
        return list(PLANS)
    said = (lambda p: p.profession) if dimension == PROFESSION else (lambda p: p.administration)
    return [p for p in PLANS if (said(p) or NOT_STATED) == group]


def truth_of_group(dimension: str, group: str) -> dict[str, Any]:
    pairs = paired(members(dimension, group))
    if not pairs:
        return {"n": 0, "pre": None, "post": None, "improved": 0, "unchanged": 0, "worse": 0}
    pre, post = mean(a for a, _ in pairs), mean(b for _, b in pairs)
    diffs = [b - a for a, b in pairs]
    return {
        "n": len(pairs),
        "pre": pre,
        "post": post,
        "gain": (post - pre) / (100 - pre),
        "effect": mean(diffs) / stdev(diffs) if len(diffs) > 1 else None,
        "improved": sum(d > 0 for d in diffs),
        "unchanged": sum(d == 0 for d in diffs),
        "worse": sum(d < 0 for d in diffs),
    }


def test_the_figures_of_every_download_are_the_truth_of_the_walks(walked: Walked) -> None:
    for fmt, download in walked.downloads.items():
        results = measured(download)
        assert results.learners.value == len(PLANS), fmt
        assert dict(results.exclusions).get("learner has not started the course") == 1, fmt
        groups = {(g.dimension, g.group): g for g in results.groups}
        expected_groups = {("", OVERALL)} | {
            (d, (p.profession if d == PROFESSION else p.administration) or NOT_STATED)
            for d in (PROFESSION, ADMINISTRATION)
            for p in PLANS
        }
        for dimension, group in expected_groups:
            got, want = groups[(dimension, group)], truth_of_group(dimension, group)
            where = f"{fmt} {dimension or 'overall'} {group}"
            assert got.learners.value == want["n"], where
            assert (got.improved.value, got.unchanged.value, got.worse.value) == (
                want["improved"], want["unchanged"], want["worse"]
            ), where  # fmt: skip
            if want["n"]:
                assert got.pre_mean.value == pytest.approx(want["pre"]), where
                assert got.post_mean.value == pytest.approx(want["post"]), where
                assert got.gain.value == pytest.approx(want["gain"]), where
                assert got.effect.value == pytest.approx(want["effect"]), where
        assert groups[(PROFESSION, "barnmorskor")].learners.value == 0  # chosen by nobody

        by_question = {q.question: q for q in results.questions}
        assert set(by_question) == set(QUESTIONS)
        for qid, outcome in by_question.items():
            pre_right = [qid not in p.pre_wrong for p in PLANS]
            post_right = [qid not in p.post_wrong for p in PLANS if p.post_wrong is not None]
            assert outcome.answered_pre.value == len(PLANS), (fmt, qid)
            assert outcome.answered_post.value == len(post_right), (fmt, qid)
            assert outcome.difficulty_pre.value == pytest.approx(mean(pre_right)), (fmt, qid)
            assert outcome.difficulty_post.value == pytest.approx(mean(post_right)), (fmt, qid)
        # the wrong answer the walk gives a single-choice question is its first wrong choice
        model = by_question["model"].wrong_choices
        picked_pre = {c: f[0].value for c, f in model.items() if f[0].value}
        wrong_in_pre = sum("model" in p.pre_wrong for p in PLANS)
        assert sum(picked_pre.values()) == wrong_in_pre and len(picked_pre) == 1, (fmt, model)

        [relevance] = [s for s in results.surveys if s.item == "enkat-relevans"]
        ratings = [p.survey.get("enkat-relevans", 3) for p in PLANS if p.post_wrong is not None]
        steps = [f.value for f in relevance.steps[OVERALL]]
        assert steps == [ratings.count(s) for s in range(1, 6)], fmt
        # another statement of the same survey, which every walk rates 3 (the page's other
        # surveys, of their own scales, are not answered by the walks)
        same = [s for s in results.surveys if s.survey == relevance.survey]
        [other] = [s for s in same if s.item != "enkat-relevans"][:1]
        assert [f.value for f in other.steps[OVERALL]] == [0, 0, len(ratings), 0, 0], fmt

        reflected = sum(p.reflects and p.post_wrong is not None for p in PLANS)
        assert {f.value for f in results.reflections.values()} == {reflected}, fmt

        reach = {r.page: r.learners.value for r in results.reach}
        pages = [p["id"] for p in walked.package_config["pages"]]
        assert [reach[p] for p in pages[:3]] == [len(PLANS)] * 3, fmt
        assert [reach[p] for p in pages[3:]] == [len(PLANS) - 1] * (len(pages) - 3), fmt


def run_results(download: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicourse_build", "results", str(COURSE), str(download),
         "--out", str(out), "--profile", "vgr", "--min-group", "3", "--no-pdf"],
        capture_output=True, text=True, check=False, timeout=180,
    )  # fmt: skip


def test_every_format_publishes_the_same_report_without_a_name(
    walked: Walked, tmp_path: Path
) -> None:
    # who the download names: every student who walked, with the address Moodle has for them
    records = as_records(read_report(walked.downloads["all-columns"]))
    identities = {r["Name"] for r in records} | {r["Email address"] for r in records}
    assert {s.fullname for s in walked.students} <= identities and len(identities) >= 12
    identities |= {s.username for s in walked.students}
    published: dict[str, Any] = {}
    for fmt, download in walked.downloads.items():
        out = tmp_path / fmt
        done = run_results(download, out)
        assert done.returncode == 0, done.stderr
        published[fmt] = json.loads((out / "results.json").read_text(encoding="utf-8"))
        every_output = b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file())
        for identity in identities:
            assert identity.encode() not in every_output, (fmt, identity)
    first = published["csv"]
    for fmt, document in published.items():
        assert document == first, f"{fmt} publishes other figures than the text download"

    # what disclosure control lets through at --min-group 3: counts of 3 or more, no mean
    groups = {(g["dimension"], g["group"]): g for g in first["groups"]}
    overall = groups[("", OVERALL)]
    assert overall["learners"]["value"] == 5 and not overall["learners"]["suppressed"]
    assert overall["pre_mean"]["value"] is None and overall["pre_mean"]["suppressed"]
    lakare = groups[(PROFESSION, "lakare")]["learners"]
    assert (lakare["value"], lakare["suppressed"]) == (3, False)
    sjukskoterskor = groups[(PROFESSION, "sjukskoterskor")]["learners"]
    assert sjukskoterskor["value"] is None and sjukskoterskor["suppressed"]  # 1 paired
    sahlgrenska = groups[(ADMINISTRATION, "sahlgrenska")]["learners"]
    assert (sahlgrenska["value"], sahlgrenska["suppressed"]) == (3, False)


def test_a_scorm_2004_download_from_moodle_is_refused_with_its_reason(
    moodle: MoodleSite,
    moodle_browser: MoodleBrowser,
    scorm_packages: BuiltPackages,
    course: Course,
    walked: Walked,
    tmp_path: Path,
) -> None:
    """The public package's answers are stored by Moodle and shown in no download."""
    package = scorm_packages.get("scorm2004")
    strings: dict[str, str] = package.config.get("strings", {})
    activity = moodle.add_scorm(package.zip_path, name="Resultat: SCORM 2004")
    student = walked.students[0]
    with ExitStack() as stack:
        browser = stack.enter_context(moodle_browser.learner(student))
        window = stack.enter_context(browser.session(activity))
        walk(window, course, strings, choices(PLANS[0]), stop_on=walked.titles[2])
    tracks = moodle.wait_tracks(
        activity.cmid,
        student.username,
        lambda t: bool(t.get("attempts")) and "cmi.exit" in elements(t),
    )
    assert any(".learner_response" in k for k in elements(tracks)), "Moodle stored no answer"
    download = tmp_path / "interactions-2004.txt"
    moodle.report(activity.cmid, "interactions", "csv", download)
    out = tmp_path / "out"
    done = run_results(download, out)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "every interaction column is empty: a SCORM 2004 package?" in done.stderr
    assert not out.exists()
