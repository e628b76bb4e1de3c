"""A synthetic cohort of learners with known effects, for the tests and the benchmark of results.

Each learner has a profession (or none stated), a true probability of answering a question right
before and after the course that depends on the group only (plus a small zero-mean spread per
learner and per question, so the expected score of a group is exactly its truth), survey answers,
reflections, how far they got, and time. The same cohort is written either as a Moodle
interactions download in the package's fixed slot layout (render/slots.py) or as xAPI statements,
one a line; names and e-mail addresses are fake. Files are streamed, so 200,000 learners
(about 8 million statements) take a minute or so and little memory.

    python bench/cohort.py OUT --learners N --format moodle|ndjson --seed S
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "content" / "introduktionsutbildning"
NOT_STATED = "-"  # as results/model.py
VERBS = "http://adlnet.gov/expapi/verbs/"
FIRST = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per")
LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson")
HEAD = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", "Kursen"]


@dataclass(frozen=True)
class Effect:
    share: float  # of all learners
    pre: float  # true probability of a right answer in the pre-test
    post: float  # ... in the post-test


# Groups differ in what they know before and in what they gain; not all professions are common.
EFFECTS: dict[str, Effect] = {
    "lakare": Effect(0.10, 0.55, 0.80),
    "sjukskoterskor": Effect(0.25, 0.45, 0.75),
    "barnmorskor": Effect(0.03, 0.45, 0.70),
    "underskoterskor": Effect(0.20, 0.35, 0.65),
    "fysioterapeuter": Effect(0.04, 0.45, 0.72),
    "arbetsterapeuter": Effect(0.03, 0.45, 0.70),
    "psykologer": Effect(0.02, 0.50, 0.75),
    "kuratorer": Effect(0.02, 0.45, 0.70),
    "biomedicinska-analytiker": Effect(0.03, 0.55, 0.78),
    "administrativ-personal": Effect(0.12, 0.40, 0.62),
    "chefer": Effect(0.06, 0.50, 0.78),
    "annan-yrkesgrupp": Effect(0.02, 0.40, 0.60),
    NOT_STATED: Effect(0.08, 0.40, 0.65),
}


@dataclass
class Truth:
    """What the cohort was drawn from, and how many learners each group got."""

    learners: int
    effects: dict[str, Effect]
    drawn: Counter[str] = field(default_factory=Counter)  # learners per group
    paired: Counter[str] = field(default_factory=Counter)  # with both tests
    statements: int = 0  # xAPI statements (or rows of the download)
    seconds: float = 0.0  # how long writing took


@dataclass(frozen=True)
class Question:
    id: str
    iri: str
    slot: str
    right: tuple[str, str]  # (SCORM 1.2 as Moodle shows it, xAPI pattern)
    wrong: tuple[tuple[str, str], ...]  # likely mistakes, the first ones more often
    offset: float  # easier or harder than the group's probability (zero mean over a test)


@dataclass
class Course:
    version: str  # what slot 0 holds
    slots: list[str]
    base: str  # the course IRI
    version_iri: str
    attempt_iri: str
    pages: list[tuple[str, str]]  # (id, iri) in order
    group_iri: str
    options: list[str]
    tests: dict[str, list[Question]]  # "pre" / "post"
    items: list[tuple[str, str, int]]  # survey items of every survey: (slot, iri, steps)
    reflections: list[tuple[str, str, int]]  # (id, iri, page index)
    at: dict[str, int]  # page index of the tests ("pre", "post") and of the surveys ("survey")


def _patterns(kind: str, parts: list[str]) -> tuple[str, str]:
    if kind == "truefalse":
        return parts[0][0], parts[0]
    scorm = ",".join(parts)
    return scorm, "[,]".join(p.replace(".", "[.]") for p in parts)


def _answers(q: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    kind, answer, choices = q["type"], q["answer"], q["choices"]
    if kind == "truefalse":
        return ["true" if answer else "false"], [["false" if answer else "true"]]
    if kind == "single":
        return [answer], [[c] for c in choices if c != answer]
    if kind == "multiple":
        toggled = [sorted(set(answer) ^ {c}) for c in choices]
        return sorted(answer), [t for t in toggled if t]
    if kind == "ordering":
        swaps = [
            [*answer[:i], answer[i + 1], answer[i], *answer[i + 2 :]]
            for i in range(len(answer) - 1)
        ]
        return list(answer), swaps
    prompts = sorted(answer)  # matching: two prompts swap their choices
    right = [f"{p}.{answer[p]}" for p in prompts]
    wrong = []
    for i in range(len(prompts) - 1):
        pairs = dict(answer)
        a, b = prompts[i], prompts[i + 1]
        pairs[a], pairs[b] = pairs[b], pairs[a]
        wrong.append([f"{p}.{pairs[p]}" for p in prompts])
    return right, wrong


def load_course(course: Path = COURSE, profile: str = "vgr") -> Course:
    from aicourse_build.diagnostics import Report
    from aicourse_build.model.blocks import QuizBlock
    from aicourse_build.pipeline import check_course_dir
    from aicourse_build.render.config import build_config
    from aicourse_build.render.slots import slots, version_response

    resolved = check_course_dir(course, Report(), [profile]).resolved[0]
    config = build_config(resolved, "xapi", {})
    layout = slots(resolved)
    tests: dict[str, list[Question]] = {}
    page_of = {
        str(getattr(rb.block, "id", "")): i for i, p in enumerate(resolved.pages) for rb in p.blocks
    }
    # a page may hold several surveys (one scale each): a learner answers all or none
    surveys = config["surveys"]
    at = {"survey": min(page_of[survey_id] for survey_id in surveys)}
    for block in (rb.block for page in resolved.pages for rb in page.blocks):
        if isinstance(block, QuizBlock) and block.measures:
            measures = block.measures
            at[measures] = page_of[block.id]
            quiz = config["quizzes"][block.id]
            offsets = [0.08, -0.08, 0.05, -0.05, 0.02, -0.02, 0.0, 0.0]
            tests[measures] = [
                Question(
                    q["id"],
                    q["iri"],
                    f"{block.id}__{q['id']}",
                    _patterns(q["type"], right),
                    tuple(_patterns(q["type"], w) for w in wrong),
                    offsets[i % len(offsets)],
                )
                for i, q in enumerate(quiz["questions"])
                for right, wrong in [_answers(q)]
            ]
    # the effects are per profession; other self-reports (vgr's administration) stay unanswered
    group = next(g for g in config["groups"].values() if g["kind"] == "profession")
    return Course(
        version_response(resolved, layout),
        [slot.id for slot in layout],
        config["xapi"]["courseIri"],
        config["xapi"]["extensions"]["version"],
        config["xapi"]["extensions"]["attempt"],
        [(p["id"], p["iri"]) for p in config["pages"]],
        group["iri"],
        list(group["options"]),
        tests,
        [
            (f"{survey_id}__{i['id']}", i["iri"], int(survey["scale"]))
            for survey_id, survey in surveys.items()
            for i in survey["items"]
        ],
        [(r, entry["iri"], page_of[r]) for r, entry in config["reflections"].items()],
        at,
    )


class Learner:
    """One learner's path through the course, drawn from the truth of their group."""

    def __init__(self, number: int, course: Course, effects: dict[str, Effect], rng: random.Random):
        groups = list(effects)
        self.group = rng.choices(groups, [effects[g].share for g in groups])[0]
        # some said one group first and corrected it (xAPI keeps both; a slot the last one)
        changed = self.group != NOT_STATED and rng.random() < 0.05
        self.changed = rng.choice(course.options) if changed else None
        effect, ability = effects[self.group], rng.uniform(-0.1, 0.1)
        last, post = len(course.pages) - 1, course.at["post"]
        path = rng.random()  # most finish; some stop before the post-test; a few skip the pre-test
        self.furthest = rng.randrange(0, post) if 0.85 <= path < 0.97 else last
        self.answers: dict[str, list[tuple[Question, str, str]]] = {}
        for test, p in (("pre", effect.pre), ("post", effect.post)):
            if self.furthest >= course.at[test] and (test == "post" or path < 0.97):
                self.answers[test] = [self._answer(q, p + ability, rng) for q in course.tests[test]]
        self.retake = "post" in self.answers and rng.random() < 0.1  # xAPI only: attempt 2
        mood = 3.0 + effect.post  # those who learn more like the course more
        self.survey = [min(top, max(1, round(rng.gauss(mood, 1.0)))) for *_, top in course.items]
        self.surveyed = self.furthest >= course.at["survey"] and rng.random() < 0.7
        self.reflected = [p <= self.furthest and rng.random() < 0.5 for *_, p in course.reflections]
        self.seconds = int(rng.lognormvariate(7.8, 0.4)) if rng.random() < 0.9 else 0
        self.name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.mail = f"{self.name.lower().replace(' ', '.')}.{number}@example.org"

    @staticmethod
    def _answer(q: Question, p: float, rng: random.Random) -> tuple[Question, str, str]:
        if rng.random() < min(0.98, max(0.02, p + q.offset)):
            return q, *q.right
        weights = range(len(q.wrong), 0, -1)  # some mistakes are more common than others
        return q, *rng.choices(q.wrong, weights)[0]


def _moodle_row(number: int, who: Learner, course: Course) -> str:
    value = {course.slots[0]: course.version, course.slots[1]: course.pages[who.furthest][0]}
    if who.group != NOT_STATED:
        value["yrkesgrupp"] = who.group
    for answers in who.answers.values():
        value.update({q.slot: scorm for q, scorm, _x in answers})
    if who.surveyed:
        value.update(
            {slot: str(step) for (slot, *_), step in zip(course.items, who.survey, strict=True)}
        )
    for (rid, _iri, _page), done in zip(course.reflections, who.reflected, strict=True):
        if done:
            value[rid] = "Min egen text om AI i arbetet"
    cells = [who.name, who.mail, "1", "-", "-", "", ""]
    return "\t".join(cells + [value.get(slot, "") for slot in course.slots]) + "\n"


def _statements(number: int, who: Learner, course: Course, start: datetime) -> list[str]:
    registration = f"{number:08x}-0000-4000-8000-000000000000"
    actor = f'{{"name":"{who.name}","mbox":"mailto:{who.mail}"}}'
    out: list[str] = []
    clock = [start]

    def emit(verb: str, obj: str, result: str = "", attempt: int = 0) -> None:
        clock[0] += timedelta(seconds=7)
        extensions = f'"{course.version_iri}":"1.0.0"'
        if attempt:
            extensions += f',"{course.attempt_iri}":{attempt}'
        out.append(
            f'{{"id":"{number:08x}-{len(out):04x}-4000-8000-000000000001","actor":{actor},'
            f'"verb":{{"id":"{VERBS}{verb}"}},"object":{{"id":"{obj}","objectType":"Activity"}},'
            f'"result":{{{result}}},"context":{{"registration":"{registration}",'
            f'"extensions":{{{extensions}}}}},"timestamp":"{clock[0].isoformat()}Z"}}\n'
        )

    tests = {course.at["pre"]: "pre", course.at["post"]: "post"}
    emit("initialized", course.base)  # read but not a fact, as an LRS holds them
    for index, (_page, iri) in enumerate(course.pages[: who.furthest + 1]):
        emit("experienced", iri)
        if index == 0 and who.changed:  # said one group first, then corrected it
            emit("answered", course.group_iri, f'"response":"{who.changed}"')
        if index == 0 and who.group != NOT_STATED:
            emit("answered", course.group_iri, f'"response":"{who.group}"')
        test = tests.get(index, "")
        for q, _scorm, pattern in who.answers.get(test, []):
            emit("answered", q.iri, f'"response":"{pattern}"', attempt=1)
        if test == "post" and who.retake:  # a second attempt, all right: it must not count
            for q in course.tests["post"]:
                emit("answered", q.iri, f'"response":"{q.right[1]}"', attempt=2)
        for (_id, reflection, page), done in zip(course.reflections, who.reflected, strict=True):
            if page == index and done:
                emit("answered", reflection, '"response":"Min egen text"')
    if who.surveyed:
        for (_slot, iri, _steps), step in zip(course.items, who.survey, strict=True):
            emit("answered", iri, f'"response":"{step}"')
    if "post" in who.answers:
        emit("completed", course.base, '"completion":true')
        right = sum(scorm == q.right[0] for q, scorm, _x in who.answers["post"])
        emit("passed" if right >= 0.75 * len(who.answers["post"]) else "failed", course.base)
    if who.seconds:
        emit("terminated", course.base, f'"duration":"PT{who.seconds}S"')
    return out


def cohort(
    out: Path,
    learners: int,
    form: str = "ndjson",
    seed: int = 1,
    effects: dict[str, Effect] | None = None,
    course: Course | None = None,
) -> Truth:
    """Write a cohort to `out` (a download `.txt` for "moodle", statements for "ndjson")."""
    began = time.perf_counter()
    course = course or load_course()
    truth = Truth(learners, dict(effects or EFFECTS))
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, 8, 0, 0)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        if form == "moodle":
            responses = [f'"Response {i}"' for i in range(len(course.slots))]
            handle.write("\t".join(HEAD + responses) + "\n")
        for number in range(1, learners + 1):
            who = Learner(number, course, truth.effects, rng)
            truth.drawn[who.group] += 1
            truth.paired[who.group] += len(who.answers) == 2
            truth.statements += _write(handle, form, number, who, course, start)
            start += timedelta(seconds=37)
    truth.seconds = time.perf_counter() - began
    return truth


def _write(
    handle: IO[str], form: str, number: int, who: Learner, course: Course, start: datetime
) -> int:
    if form == "moodle":
        handle.write(_moodle_row(number, who, course))
        return 1
    lines = _statements(number, who, course, start)
    handle.write("".join(lines))
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--format", choices=("moodle", "ndjson"), default="ndjson")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    truth = cohort(args.out, args.learners, args.format, args.seed)
    print(
        f"{truth.learners} learners, {truth.statements} lines in {truth.seconds:.1f} s: {args.out}"
    )


if __name__ == "__main__":
    main()
