"""What `aicourse results` measures and publishes: the typed values between measure, disclose and
publish (results/measure.py, disclose.py, publish/).

A measured figure is a `Figure`: its value, the number of learners behind it, and — after
disclosure control — whether it is shown. Nothing here identifies anyone; a group is a label of
the manuscript's self-report, and "not stated" for learners who gave none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OVERALL = ""  # the group id of "everyone"
NOT_STATED = "-"  # the group id of learners who did not say


@dataclass
class Figure:
    value: float | None  # a count, a mean, a share (0..1), a gain, an effect size
    n: int  # learners behind it
    kind: str = "count"  # count | mean (means, gains, shares and effect sizes need more learners)
    suppressed: bool = False  # hidden by disclosure control (results/disclose.py)
    reason: str = ""  # why hidden: "fewer than 5", "complementary", "fewer than 10"


@dataclass
class GroupOutcome:
    """Pre- and post-test of one group (or everyone): first attempts, paired per learner."""

    dimension: str  # the self-report's id ("yrkesgrupp"), "" for everyone
    group: str  # option id, OVERALL or NOT_STATED
    label: str
    learners: Figure  # with both tests
    pre_mean: Figure  # percent
    post_mean: Figure
    gain: Figure  # normalized gain of the means: (post - pre) / (100 - pre)
    effect: Figure  # paired effect size: mean of differences / their standard deviation
    improved: Figure
    unchanged: Figure
    worse: Figure


@dataclass
class QuestionOutcome:
    test: str  # the post-test's id (the pre-test asks the same questions)
    question: str
    prompt: str
    answered_pre: Figure
    answered_post: Figure
    difficulty_pre: Figure  # share answering right
    difficulty_post: Figure
    discrimination_pre: Figure  # point-biserial with the rest of the test; only from n >= 100
    discrimination_post: Figure
    wrong_choices: dict[str, tuple[Figure, Figure]]  # choice id -> picked (pre, post) when wrong
    flags: list[str] = field(default_factory=list)  # "already known", "not learned"


@dataclass
class SurveyOutcome:
    survey: str
    item: str
    text: str
    scale: tuple[str, ...]
    # group (OVERALL first) -> one Figure per step of the scale
    steps: dict[str, list[Figure]] = field(default_factory=dict)
    mean: dict[str, Figure] = field(default_factory=dict)


@dataclass
class Reach:
    """How far learners got: per page, how many reached it (where they stop)."""

    page: str
    title: str
    learners: Figure


@dataclass
class Results:
    course: str
    title: str
    version: str
    sources: list[str]  # what was read ("2 downloads, 1 statements file, 1 LRS"), no paths
    learners: Figure  # every learner seen
    groups: list[GroupOutcome]
    questions: list[QuestionOutcome]
    surveys: list[SurveyOutcome]
    reflections: dict[str, Figure]  # reflection id -> learners who answered (never the texts)
    reach: list[Reach]
    time_minutes: Figure  # median time spent, where the sources say (xAPI durations)
    exclusions: list[tuple[str, int]]  # (reason, count)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> id -> label
    min_group: int = 5
    min_mean: int = 10
