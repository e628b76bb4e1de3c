"""From real walks to `aicourse results`: learners walk the default course's xAPI and cmi5
packages (profile `public`) in Chromium against Ralph, each with planned answers; the facts are
pulled from Ralph through its xAPI Statements API and measured, and every figure must equal the
truth computed here from the plans, without measure.py's code. Then one more learner walks, a
second pull into the same kept store fetches only that learner's statements, and the CLI
publishes counts as the truth and docs/results.md's disclosure rules say, with no name, e-mail
address or account of any launch in any file it writes.

A Ralph of the module's own: the shared one holds the statements of every other browser test,
which a pull would take in (a pull keeps every statement about the course).
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from course_window import REFLECTION, course_window
from learner import Course, Learner, wrong_answer
from lms import StaticServer
from lms_side import Cmi5Lms, XapiPackages, tincan_launch_url
from lrs_server import Credentials, Ralph, TestLrs
from playwright.sync_api import Browser

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.results.catalogue import Catalogue, catalogue_of
from aicourse_build.results.ingest.lrs import PullResult, pull
from aicourse_build.results.ingest.lrs_credentials import Credentials as Reader
from aicourse_build.results.measure import measure
from aicourse_build.results.model import NOT_STATED, OVERALL, Results
from aicourse_build.results.pseudonym import Pseudonyms
from aicourse_build.results.run import MIN_MEAN
from aicourse_build.results.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "content" / "introduktionsutbildning"
PROFILE = "public"
PRE, POST = "kunskapstest-fore", "kunskapstest-efter"
DIMENSION = "yrkesgrupp"
MIN_GROUP = 3
RUN = secrets.token_hex(3)  # in every identity, so that none can match by chance elsewhere


@dataclass(frozen=True)
class Plan:
    """What one learner does: the groups chosen on page 1 (the last one counts), the questions
    answered wrong in the pre-test and in each attempt at the post-test (None: leaves after the
    pre-test), a reflection written, and whether the learner goes on to the last page."""

    key: str
    format: str  # xapi | cmi5
    groups: tuple[str, ...]
    pre_wrong: frozenset[str]
    post_wrong: tuple[frozenset[str], ...] | None = None
    reflection: bool = False
    to_the_end: bool = False

    @property
    def group(self) -> str:
        return self.groups[-1] if self.groups else NOT_STATED

    @property
    def paired(self) -> bool:
        return self.post_wrong is not None

    @property
    def pages(self) -> list[str]:
        """The pages the walk shows (page 1, Next to the pre-test, then the table of contents)."""
        found = ["valkommen", "testa-kunskapen-fore"]
        found += ["data-och-modeller"] if self.reflection else []
        found += ["testa-kunskapen-efter"] if self.paired else []
        found += ["avslutning"] if self.to_the_end else []
        return found

    def actor(self) -> dict[str, Any]:
        """Who the launch says the learner is: an e-mail address (Tin Can) or an LMS account
        (cmi5 requires one), with a name; none of it may reach the results."""
        actor: dict[str, Any] = {"objectType": "Agent", "name": f"Hemlig {self.key} Persson{RUN}"}
        if self.format == "xapi":
            actor["mbox"] = f"mailto:{self.key}.{RUN}@hemlig-region.example.org"
        else:
            actor["account"] = {
                "homePage": "https://lms.hemlig-region.example.org",
                "name": f"anst-{self.key}-{RUN}",
            }
        return actor

    def identities(self) -> list[str]:
        actor = self.actor()
        found = [actor["name"], actor.get("mbox", ""), actor.get("account", {}).get("name", "")]
        return [f for f in found if f]


def wrong(*ids: str) -> frozenset[str]:
    return frozenset(ids)


ALL = wrong(
    "model",
    "language-model",
    "patient-data",
    "building-a-model",
    "concepts",
    "responsibility",
    "ai-act",
    "prerequisites",
)
PLANS = [
    # 62.5 -> 100: improved; writes a reflection (public keeps it in the browser)
    Plan(
        "x1", "xapi", ("lakare",), wrong("model", "patient-data", "concepts"), (wrong(),),
        reflection=True, to_the_end=True,
    ),
    # says Läkare, then Sjuksköterskor; 75 -> 62.5 (failed), then 100 (passed): the first
    # attempt counts, so worse
    Plan(
        "x2", "xapi", ("lakare", "sjukskoterskor"), wrong("language-model", "building-a-model"),
        (wrong("language-model", "ai-act", "prerequisites"), wrong()), to_the_end=True,
    ),
    # 75 -> 75 (passed: six of eight): unchanged; stays on the post-test's page
    Plan(
        "c1", "cmi5", ("lakare",), wrong("responsibility", "ai-act"),
        (wrong("responsibility", "concepts"),),
    ),
    # 87.5, then leaves: not paired
    Plan("c2", "cmi5", ("barnmorskor",), wrong("model")),
]  # fmt: skip
# the fifth learner, after the first pull: 0 -> 87.5, improved
LATE = Plan("c3", "cmi5", ("lakare",), ALL, (wrong("model"),), to_the_end=True)


# --- the truth, from the plans ------------------------------------------------------------------


def score(wrong_ids: frozenset[str], questions: int) -> float:
    return 100.0 * (questions - len(wrong_ids)) / questions


def group_truth(plans: list[Plan], questions: int) -> dict[str, Any]:
    """n, means, gain, paired effect and improved/unchanged/worse of the paired learners."""
    paired = [p for p in plans if p.post_wrong is not None]
    pre = [score(p.pre_wrong, questions) for p in paired]
    post = [score(p.post_wrong[0], questions) for p in paired if p.post_wrong]
    diffs = [b - a for a, b in zip(pre, post, strict=True)]
    pre_mean = statistics.fmean(pre) if pre else None
    post_mean = statistics.fmean(post) if post else None
    gain = None
    if pre_mean is not None and post_mean is not None and pre_mean < 100:
        gain = (post_mean - pre_mean) / (100 - pre_mean)
    spread = statistics.stdev(diffs) if len(diffs) >= 2 else 0.0
    return {
        "n": len(paired),
        "pre": pre_mean,
        "post": post_mean,
        "gain": gain,
        "effect": statistics.fmean(diffs) / spread if spread else None,
        "improved": sum(d > 0 for d in diffs),
        "unchanged": sum(d == 0 for d in diffs),
        "worse": sum(d < 0 for d in diffs),
    }


def groups_truth(
    plans: list[Plan], options: list[str], questions: int
) -> dict[tuple[str, str], dict[str, Any]]:
    paired = [p for p in plans if p.paired]
    found = {(OVERALL, OVERALL): group_truth(paired, questions)}
    for group in [*options, NOT_STATED]:
        mine = [p for p in paired if p.group == group]
        found[(DIMENSION, group)] = group_truth(mine, questions)
    return found


def questions_truth(plans: list[Plan], course: Course) -> dict[str, dict[str, Any]]:
    """Per question: learners who answered it before and after (first attempts), the share
    right, the wrong choices picked (single and multiple choice), and the flags."""
    out = {}
    before = [p.pre_wrong for p in plans]
    after = [p.post_wrong[0] for p in plans if p.post_wrong]
    for question in course.questions:
        qid = question["id"]
        pre_right = sum(qid not in w for w in before) / len(before) if before else None
        post_right = sum(qid not in w for w in after) / len(after) if after else None
        picked: dict[str, list[int]] = {}
        if question["type"] in ("single", "multiple"):
            right = (
                {question["answer"]} if question["type"] == "single" else set(question["answer"])
            )
            for c in question["choices"]:
                if c["id"] not in right:
                    picked[c["id"]] = [0, 0]
            chosen = set(wrong_answer(question)) if question["type"] == "multiple" else None
            chosen = chosen or {wrong_answer(question)}
            for side, answers in enumerate((before, after)):
                for w in answers:
                    if qid in w:
                        for c in chosen:
                            picked[c][side] += 1
        flags = []
        if pre_right is not None and pre_right >= 0.9:  # docs/results.md: "already known"
            flags.append("already known")
        rose = None if pre_right is None or post_right is None else post_right - pre_right
        if rose is not None and rose < 0.1 - 1e-9 and post_right < 0.6:  # "not learned"
            flags.append("not learned")
        out[qid] = {
            "answered": (len(before), len(after)),
            "right": (pre_right, post_right),
            "wrong choices": {c: tuple(n) for c, n in picked.items()},
            "flags": flags,
        }
    return out


def reach_truth(plans: list[Plan], catalogue: Catalogue) -> list[tuple[str, int]]:
    """Per page: learners whose furthest page is this one or a later one."""
    order = [page for page, _title in catalogue.pages]
    furthest = [max(order.index(page) for page in p.pages) for p in plans]
    return [(page, sum(f >= i for f in furthest)) for i, page in enumerate(order)]


# --- measured, in the same shapes -----------------------------------------------------------------


def measured_groups(results: Results) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (g.dimension, g.group): {
            "n": g.learners.value,
            "pre": g.pre_mean.value,
            "post": g.post_mean.value,
            "gain": g.gain.value,
            "effect": g.effect.value,
            "improved": g.improved.value,
            "unchanged": g.unchanged.value,
            "worse": g.worse.value,
        }
        for g in results.groups
    }


def measured_questions(results: Results) -> dict[str, dict[str, Any]]:
    return {
        q.question: {
            "answered": (q.answered_pre.value, q.answered_post.value),
            "right": (q.difficulty_pre.value, q.difficulty_post.value),
            "wrong choices": {c: (a.value, b.value) for c, (a, b) in q.wrong_choices.items()},
            "flags": q.flags,
        }
        for q in results.questions
        if q.test == POST
    }


def approx(value: Any) -> Any:
    """Numbers as pytest.approx (means are float sums), everything else as it is."""
    if isinstance(value, dict):
        return {k: approx(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(approx(v) for v in value)
    if isinstance(value, float):
        return pytest.approx(value, abs=1e-9)
    return value


# --- the walks ----------------------------------------------------------------------------------


@dataclass
class Walked:
    plan: Plan
    registration: str
    statements: list[dict[str, Any]]


def take(learner: Learner, course: Course, quiz_id: str, wrong_ids: frozenset[str]) -> str:
    """Answer every question of the quiz as planned (a wrong answer of its shape where planned),
    submit, and return what the quiz said."""
    quiz = learner.quiz_region(quiz_id)
    quiz.wait_for()
    for question in course.questions:
        answer = wrong_answer(question) if question["id"] in wrong_ids else question["answer"]
        learner.answer_question(quiz, question, answer)
    quiz.get_by_role("button", name=learner.s("quizSubmit")).click()
    if course.quizzes[quiz_id].silent:
        return learner.quiz_saved(quiz)
    said = learner.quiz_result(quiz)
    total = len(course.questions)
    told = learner.s("quizResult").split("{score}")[0]
    told = told.format(correct=total - len(wrong_ids), total=total)
    assert told in said, f"{quiz_id}: the quiz said {said!r}, the plan gives {told!r}"
    return said


def walk_plan(
    plan: Plan,
    browser: Browser,
    server: StaticServer,
    lrs: TestLrs,
    packages: XapiPackages,
    course: Course,
    titles: dict[str, str],
) -> Walked:
    """One learner's launch, walk as planned and leave; their statements once all are in Ralph."""
    package = packages.get(PROFILE, plan.format)
    registration = str(uuid.uuid4())
    with course_window(browser, server.origin, lrs, package, course) as window:
        launch = None
        if plan.format == "xapi":
            url = tincan_launch_url(
                window.base_url + package.launch, lrs, plan.actor(), registration, package.course_id
            )
        else:
            launch = Cmi5Lms(lrs, package, window.base_url).launch(plan.actor(), registration)
            url = launch.url
        learner = window.open(url)
        for group in plan.groups:
            learner.choose_group(course.group_labels[group])
        learner.next()
        take(learner, course, PRE, plan.pre_wrong)
        if plan.reflection:
            learner.go_to(titles["data-och-modeller"])
            learner.write_reflection(course.reflection_prompts[0], REFLECTION)
        for attempt, wrong_ids in enumerate(plan.post_wrong or ()):
            if attempt == 0:
                learner.go_to(titles["testa-kunskapen-efter"])
            else:
                learner.retry_quiz(POST)
            take(learner, course, POST, wrong_ids)
        if plan.to_the_end:
            learner.next()
        window.wait_synced(registration)
        if launch is None:
            window.leave()
        else:
            window.exit_course(learner)
            assert launch.return_url
            window.page.wait_for_url(launch.return_url, timeout=15_000)
        statements = window.wait_for_statement(registration, "terminated|suspended")
        window.assert_clean(f"learner {plan.key}")
    return Walked(plan, registration, statements)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_of(check_course_dir(COURSE, Report(), [PROFILE]), [PROFILE])


@pytest.fixture(scope="module")
def own_lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestLrs]:
    """A Ralph of this module's own (with the test server in front, for the launches)."""
    lms = Credentials("lms", secrets.token_urlsafe(12))
    launch = Credentials("launch", secrets.token_urlsafe(12))
    ralph = Ralph(tmp_path_factory.mktemp("ralph"), [lms, launch])
    try:
        ralph.start()
    except FileNotFoundError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        with TestLrs(ralph, lms, launch) as lrs:
            yield lrs
    finally:
        ralph.stop()


@dataclass
class Walks:
    lrs: TestLrs
    walk: Callable[[Plan], Walked]
    walked: list[Walked]

    @property
    def endpoint(self) -> str:
        """Ralph's own xAPI address, not the test server's: a pull talks to Ralph."""
        return f"{self.lrs.ralph.origin}/xAPI/"

    @property
    def reader(self) -> Reader:
        return Reader(self.lrs.lms.basic, "the test")


@pytest.fixture(scope="module")
def walks(
    browser: Browser,
    server: StaticServer,
    own_lrs: TestLrs,
    xapi_packages: XapiPackages,
    course: Course,
    catalogue: Catalogue,
) -> Walks:
    titles = dict(catalogue.pages)

    def walk(plan: Plan) -> Walked:
        return walk_plan(plan, browser, server, own_lrs, xapi_packages, course, titles)

    return Walks(own_lrs, walk, [walk(plan) for plan in PLANS])


@dataclass
class Pulled:
    path: Path
    first: PullResult
    results: Results
    in_ralph: list[dict[str, Any]]  # every statement in Ralph at the time


@pytest.fixture(scope="module")
def pulled(walks: Walks, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Pulled:
    """The four learners pulled from Ralph into a kept store, and measured."""
    path = tmp_path_factory.mktemp("kept") / "results.duckdb"
    in_ralph = walks.lrs.statements()
    store = Store(path)
    try:
        first = pull(walks.endpoint, walks.reader, store, catalogue, Pseudonyms())
        results = measure(store, catalogue, ["1 × LRS"], MIN_GROUP, MIN_MEAN)
    finally:
        store.close()
    return Pulled(path, first, results, in_ralph)


@dataclass
class Later:
    path: Path  # the kept file, after two pulls
    walked: Walked
    second: PullResult
    results: Results
    facts: tuple[int, int]  # kept facts before and after the second pull
    learner_facts: int  # the fifth learner's facts after it
    since: tuple[str | None, str | None]


@pytest.fixture(scope="module")
def later(pulled: Pulled, walks: Walks, catalogue: Catalogue) -> Later:
    """The fifth learner walks; a second pull into the same kept file; measured again."""
    walked = walks.walk(LATE)
    store = Store(pulled.path)
    try:
        before, since = store.count("kept.facts"), store.since(walks.endpoint)
        second = pull(walks.endpoint, walks.reader, store, catalogue, Pseudonyms())
        results = measure(store, catalogue, ["1 × LRS"], MIN_GROUP, MIN_MEAN)
        after = store.count("kept.facts")
        [(mine,)] = store.con.execute(
            "SELECT count(*) FROM kept.facts WHERE learner = ?", [f"r:{walked.registration}"]
        ).fetchall()
        now = store.since(walks.endpoint)
    finally:
        store.close()
    return Later(pulled.path, walked, second, results, (before, after), int(mine), (since, now))


# --- the tests ----------------------------------------------------------------------------------


def test_measured_figures_are_the_truth_of_the_plans(
    pulled: Pulled, walks: Walks, catalogue: Catalogue, course: Course
) -> None:
    """Before disclosure: every figure of the four learners as the plans make it."""
    results = pulled.results
    everything = pulled.in_ralph
    assert pulled.first.received == pulled.first.statements + pulled.first.others
    assert pulled.first.received == len(everything) == sum(len(w.statements) for w in walks.walked)
    # the cmi5 LMS's own `launched` statements are about its activity id only: not the course's
    launched = [s for s in everything if s["verb"]["id"].endswith("/launched")]
    assert pulled.first.others == len(launched) == 2

    questions = len(course.questions)
    assert results.learners.value == len(PLANS)
    options = list(catalogue.dimensions[DIMENSION].options)
    assert measured_groups(results) == approx(groups_truth(PLANS, options, questions))
    assert measured_questions(results) == approx(questions_truth(PLANS, course))
    assert [(r.page, r.learners.value) for r in results.reach] == reach_truth(PLANS, catalogue)
    # public keeps free text in the browser and sends nothing of a reflection, not even that
    # it was answered (x1 wrote one): none is counted
    assert any(p.reflection for p in PLANS)
    assert {r: f.value for r, f in results.reflections.items()} == dict.fromkeys(
        catalogue.reflections, 0
    )
    # public's survey is an external form (profiles/public.yaml): nothing to rate in the course
    assert results.surveys == []
    unpaired = sum(not p.paired for p in PLANS)
    assert ("pre-test without a post-test, not paired", unpaired) in results.exclusions
    # every session ends with its duration (cmi5: `terminated` of the AU's launch id; Tin Can:
    # `terminated`, or `suspended` before the course is done): each learner has a time
    ends = [s for s in everything if s["verb"]["id"].endswith(("/terminated", "/suspended"))]
    assert ends and all(s.get("result", {}).get("duration") for s in ends)
    assert results.time_minutes.n == len(PLANS)
    assert results.time_minutes.value is not None and results.time_minutes.value > 0
    # a cmi5 AU's `initialized`, of its launch id, names the course in its context: this
    # course's, used by no figure (Tin Can's is of the course's IRI, which ingest knows)
    initialized = sum(
        s["verb"]["id"].endswith("/initialized") and s["object"]["id"] not in catalogue.ids
        for s in everything
    )
    assert (
        initialized
        and (
            "statement of the course that no figure uses (launched, initialized)",
            initialized,
        )
        in results.exclusions
    )
    assert not [r for r, _n in results.exclusions if "not in this course" in r]


def test_a_second_pull_fetches_only_the_new_learner(
    pulled: Pulled, later: Later, walks: Walks, catalogue: Catalogue, course: Course
) -> None:
    """The kept file remembers where the first pull stopped; the second asks Ralph from a day
    before that (Ralph reads `since` on the learner's clock), so it receives every statement
    again and drops those stored up to the watermark: only the fifth learner's are new."""
    second = later.second
    everything = walks.lrs.statements()
    mine = later.walked.statements
    assert second.received == len(everything) == pulled.first.received + len(mine)
    assert second.statements + second.others == len(mine)
    assert second.others == sum(s["verb"]["id"].endswith("/launched") for s in mine) == 1
    assert second.requests == 1  # one page (500 a page)
    before, after = later.facts
    assert second.facts == after - before == later.learner_facts > 0
    first_since, now = later.since
    assert first_since == pulled.first.since and now == second.since
    assert first_since is not None and now is not None and now > first_since

    plans = [*PLANS, LATE]
    results = later.results
    options = list(catalogue.dimensions[DIMENSION].options)
    assert results.learners.value == len(plans)
    assert measured_groups(results) == approx(groups_truth(plans, options, len(course.questions)))
    assert measured_questions(results) == approx(questions_truth(plans, course))
    assert [(r.page, r.learners.value) for r in results.reach] == reach_truth(plans, catalogue)


def test_the_cli_publishes_what_the_truth_allows_and_no_identity(
    later: Later, walks: Walks, catalogue: Catalogue, course: Course, tmp_path: Path
) -> None:
    """`aicourse results` against Ralph, as its user runs it: counts of 0 and of 3 and more as
    the truth says (or hidden to protect a hidden one), 1 and 2 hidden, no mean of fewer than
    10; nothing of who the learners are in any file it writes or in either kept store."""
    out, kept = tmp_path / "out", tmp_path / "results.duckdb"
    env = {
        **os.environ,
        "AICOURSE_LRS_USERNAME": walks.lrs.lms.user,
        "AICOURSE_LRS_PASSWORD": walks.lrs.lms.password,
    }
    cmd = [sys.executable, "-m", "aicourse_build", "results", str(COURSE), walks.endpoint]
    cmd += ["--out", str(out), "--store", str(kept), "--min-group", str(MIN_GROUP)]
    cmd += ["--no-pdf", "--profile", PROFILE]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for line in (done.stdout + done.stderr).lower().splitlines():
        assert "hemlig" not in line, line
    published = json.loads((out / "results.json").read_text(encoding="utf-8"))
    plans = [*PLANS, LATE]
    counts = published_counts(published)
    truth = counts_truth(plans, catalogue, course)
    assert counts.keys() == truth.keys()
    # a group with fewer paired learners than min-group goes whole (every figure of it, its
    # reason that), and so does a group whose number of learners protects a hidden one
    rows = {(g["dimension"], g["group"]): g for g in published["groups"]}
    gone = {key for key, row in rows.items() if row["learners"]["suppressed"]}
    for key in gone:
        true = truth[("groups", *key, "learners")]
        reason = f"fewer than {MIN_GROUP}" if 0 < true < MIN_GROUP else "complementary"
        figures = [f for f in rows[key].values() if isinstance(f, dict)]
        assert all(f["suppressed"] and f["reason"] == reason for f in figures), rows[key]
    for where, figure in counts.items():
        true = truth[where]
        if where[0] == "groups" and where[1:3] in gone:
            continue
        if figure["suppressed"]:
            assert figure["value"] is None and figure["n"] is None, (where, figure)
            # hidden for its own sake when it is 1 or 2; else only to protect a hidden one
            reasons = {"complementary"}
            reasons |= {f"fewer than {MIN_GROUP}"} if 0 < true < MIN_GROUP else set()
            assert figure["reason"] in reasons, (where, true, figure)
        else:
            assert figure["value"] == true and (true == 0 or true >= MIN_GROUP), (where, figure)
    # none of these rests on 10 learners: no mean, share, gain or effect is shown
    for where, figure in published_means(published):
        assert figure["value"] is None, (where, figure)
        assert figure["suppressed"] or figure["n"] == 0 or figure["reason"], (where, figure)

    # what must be shown, exactly: everyone seen, the paired, who answered, who got how far
    shown = {w: f["value"] for w, f in counts.items() if not f["suppressed"]}
    assert shown[("learners",)] == len(plans)
    assert shown[("groups", OVERALL, OVERALL, "learners")] == sum(p.paired for p in plans) == 4
    for question in course.questions:
        assert shown[("questions", question["id"], "answered_pre")] == 5
        assert shown[("questions", question["id"], "answered_post")] == 4
    reach = reach_truth(plans, catalogue)
    assert [shown[("reach", page)] for page, _n in reach] == [n for _page, n in reach]
    assert all(shown[("reflections", r)] == 0 for r in catalogue.reflections)
    # Sjuksköterskor (one paired learner) goes whole; Läkare (three) goes with it, or its count
    # would be everyone's minus the others'; the groups nobody is in stay, as 0
    assert gone == {(DIMENSION, "sjukskoterskor"), (DIMENSION, "lakare")}
    assert rows[(DIMENSION, "lakare")]["learners"]["reason"] == "complementary"
    assert all(
        row["learners"]["value"] == 0
        for key, row in rows.items()
        if key[0] == DIMENSION and key not in gone
    )
    assert published["surveys"] == []
    assert published["time_minutes"]["value"] is None

    # a full pull into an empty store keeps the very facts of the two incremental pulls
    assert kept_facts(kept) == kept_facts(later.path)
    written = sorted(out.iterdir())
    assert {p.name for p in written} >= {"results.html", "results.json", "groups.csv"}
    # which were all in the statements pulled
    sent = json.dumps(walks.lrs.statements(), ensure_ascii=False)
    assert all(i in sent for p in plans for i in p.identities())
    assert_no_identity([*written, kept, later.path], plans)


# --- what was published -----------------------------------------------------------------------


Where = tuple[str, ...]


def published_counts(published: dict[str, Any]) -> dict[Where, dict[str, Any]]:
    """The published counts of learners, by where they are in results.json."""
    found: dict[Where, dict[str, Any]] = {("learners",): published["learners"]}
    for g in published["groups"]:
        for key in ("learners", "improved", "unchanged", "worse"):
            found[("groups", g["dimension"], g["group"], key)] = g[key]
    for q in published["questions"]:
        for key in ("answered_pre", "answered_post"):
            found[("questions", q["question"], key)] = q[key]
        for w in q["wrong_choices"]:
            for side in ("pre", "post"):
                found[("questions", q["question"], w["choice"], side)] = w[side]
    for r in published["reflections"]:
        found[("reflections", r["reflection"])] = r["learners"]
    for r in published["reach"]:
        found[("reach", r["page"])] = r["learners"]
    assert all(f["kind"] == "count" for f in found.values())
    return found


def published_means(published: dict[str, Any]) -> list[tuple[Where, dict[str, Any]]]:
    found = [(("time_minutes",), published["time_minutes"])]
    for g in published["groups"]:
        for key in ("pre_mean", "post_mean", "gain", "effect"):
            found.append((("groups", g["dimension"], g["group"], key), g[key]))
    for q in published["questions"]:
        for key in ("difficulty_pre", "difficulty_post", "discrimination_pre"):
            found.append((("questions", q["question"], key), q[key]))
        found.append(
            (("questions", q["question"], "discrimination_post"), q["discrimination_post"])
        )
    assert all(f["kind"] == "mean" for _w, f in found)
    return found


def counts_truth(plans: list[Plan], catalogue: Catalogue, course: Course) -> dict[Where, int]:
    """The same counts from the plans."""
    found: dict[Where, int] = {("learners",): len(plans)}
    options = list(catalogue.dimensions[DIMENSION].options)
    for (dimension, group), row in groups_truth(plans, options, len(course.questions)).items():
        for key, name in (("n", "learners"), ("improved",) * 2, ("unchanged",) * 2, ("worse",) * 2):
            found[("groups", dimension, group, name)] = row[key]
    for qid, row in questions_truth(plans, course).items():
        found[("questions", qid, "answered_pre")], found[("questions", qid, "answered_post")] = row[
            "answered"
        ]
        for choice, (pre, post) in row["wrong choices"].items():
            found[("questions", qid, choice, "pre")] = pre
            found[("questions", qid, choice, "post")] = post
    for reflection in catalogue.reflections:
        found[("reflections", reflection)] = 0  # public sends nothing of a reflection
    for page, n in reach_truth(plans, catalogue):
        found[("reach", page)] = n
    return found


def kept_facts(path: Path) -> list[tuple[Any, ...]]:
    store = Store(path)
    try:
        return sorted(store.con.execute("SELECT * FROM kept.facts").fetchall(), key=repr)
    finally:
        store.close()


def assert_no_identity(paths: list[Path], plans: list[Plan]) -> None:
    """No name, e-mail address or account of a launch in a file, nor in a kept store's tables
    (read out, as DuckDB may compress what it writes)."""
    identities = [i.lower() for p in plans for i in p.identities()] + ["hemlig"]
    for path in paths:
        texts = [path.read_bytes().decode("utf-8", errors="replace")]
        if path.suffix == ".duckdb":
            store = Store(path)
            try:
                for table in ("kept.facts", "kept.pulls"):
                    rows = store.con.execute(f"SELECT * FROM {table}").fetchall()
                    texts.append(json.dumps(rows, default=str, ensure_ascii=False))
            finally:
                store.close()
        for text in texts:
            lowered = text.lower()
            found = [i for i in identities if i in lowered]
            assert not found, f"{path.name} holds {found}"
