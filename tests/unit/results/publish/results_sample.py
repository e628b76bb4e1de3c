"""A `Results` built by hand for the default course, as measure and disclose would leave it:
groups large and small, and figures hidden for each reason (some of them zeros, some not)."""

from __future__ import annotations

from aicourse_build.results.model import (
    NOT_STATED,
    OVERALL,
    Figure,
    GroupOutcome,
    QuestionOutcome,
    Reach,
    Results,
    SurveyOutcome,
)

PRE, POST = "kunskapstest-fore", "kunskapstest-efter"
SCALE = (
    "Instämmer inte alls",
    "Instämmer delvis inte",
    "Neutral",
    "Instämmer delvis",
    "Instämmer helt",
)
PAGES = [
    ("valkommen", "Välkommen till kursen", 64),
    ("testa-kunskapen-fore", "Testa din AI-kunskap", 63),
    ("vad-ar-ai", "Vad är AI?", 61),
    ("utmaningar", "Utmaningar", 60),
    ("ansvarsfull-ai", "Ansvarsfull AI", 58),
    ("generativ-ai", "Generativ AI och språkmodeller", 55),
    ("testa-kunskapen-efter", "Testa din AI-kunskap igen", 52),
    ("avslutning", "Avslutning", 50),
]


def shown(value: float, n: int, kind: str = "count") -> Figure:
    return Figure(value, n, kind)


def hidden(value: float, n: int, reason: str, kind: str = "count") -> Figure:
    return Figure(value, n, kind, suppressed=True, reason=reason)


def group(dimension: str, gid: str, label: str, n: int, **figures: Figure) -> GroupOutcome:
    """A group with every figure shown unless given."""
    defaults = {
        "learners": shown(n, n),
        "pre_mean": shown(48.5, n, "mean"),
        "post_mean": shown(77.25, n, "mean"),
        "gain": shown(0.5583, n, "mean"),
        "effect": shown(1.12, n, "mean"),
        "improved": shown(n - 8, n),
        "unchanged": shown(5, n),
        "worse": shown(3, n),
    }
    defaults.update(figures)
    return GroupOutcome(dimension, gid, label, **defaults)


def groups() -> list[GroupOutcome]:
    few = "fewer than 5"
    means = "fewer than 10"
    return [
        group(
            "", OVERALL, "", 64, improved=shown(52, 64), unchanged=shown(8, 64), worse=shown(4, 64)
        ),
        group("yrkesgrupp", "lakare", "Läkare", 12, pre_mean=shown(55.0, 12, "mean")),
        group(
            "yrkesgrupp", "sjukskoterskor", "Sjuksköterskor", 30, effect=shown(-0.25, 30, "mean")
        ),
        # seven learners: counts shown, means hidden; nobody got worse (a hidden zero)
        group(
            "yrkesgrupp",
            "underskoterskor",
            "Undersköterskor",
            7,
            pre_mean=hidden(41.0, 7, means, "mean"),
            post_mean=hidden(70.0, 7, means, "mean"),
            gain=hidden(0.49, 7, means, "mean"),
            effect=hidden(0.9, 7, means, "mean"),
            improved=shown(5, 7),
            unchanged=hidden(2, 7, "complementary"),
            worse=hidden(0, 7, few),
        ),
        # three learners: everything hidden
        group(
            "yrkesgrupp",
            "barnmorskor",
            "Barnmorskor",
            3,
            learners=hidden(3, 3, few),
            pre_mean=hidden(33.3, 3, few, "mean"),
            post_mean=hidden(66.7, 3, few, "mean"),
            gain=hidden(0.5, 3, few, "mean"),
            effect=hidden(0.7, 3, few, "mean"),
            improved=hidden(3, 3, few),
            unchanged=hidden(0, 3, few),
            worse=hidden(0, 3, few),
        ),
        # nobody said so: everything that divides by the learners is missing, not hidden
        group(
            "yrkesgrupp",
            "psykologer",
            "Psykologer",
            0,
            pre_mean=Figure(None, 0, "mean"),
            post_mean=Figure(None, 0, "mean"),
            gain=Figure(None, 0, "mean"),
            effect=Figure(None, 0, "mean"),
            improved=shown(0, 0),
            unchanged=shown(0, 0),
            worse=shown(0, 0),
        ),
        group(
            "yrkesgrupp",
            NOT_STATED,
            "Ej angivet",
            12,
            effect=Figure(None, 12, "mean", reason="no variation"),
        ),
    ]


def questions() -> list[QuestionOutcome]:
    no_discrimination = "fewer than 100"

    def question(
        qid: str,
        prompt: str,
        pre: float,
        post: float,
        wrong: dict[str, tuple[Figure, Figure]],
        flags: list[str],
    ) -> QuestionOutcome:
        return QuestionOutcome(
            POST,
            qid,
            prompt,
            shown(64, 64),
            shown(64, 64),
            shown(pre, 64, "mean"),
            shown(post, 64, "mean"),
            # too few learners for a coefficient: measure gives none, and says why
            Figure(None, 64, "mean", reason=no_discrimination),
            Figure(None, 64, "mean", reason=no_discrimination),
            wrong,
            flags,
        )

    return [
        question(
            "model",
            "Vad är en AI-modell?",
            0.45,
            0.86,
            {
                "a": (shown(20, 64), shown(6, 64)),
                "c": (shown(9, 64), hidden(2, 64, "fewer than 5")),
                "d": (hidden(3, 64, "fewer than 5"), hidden(0, 64, "fewer than 5")),
            },
            [],
        ),
        question(
            "language-model",
            "En stor språkmodell kontrollerar att svaren är sanna.",
            0.92,
            0.95,
            {"true": (shown(5, 64), hidden(3, 64, "fewer than 5"))},
            ["already known"],
        ),
        question(
            "patient-data",
            "Vad av följande får du aldrig skriva in i en AI-tjänst på internet?",
            0.5,
            0.52,
            {"a,b": (shown(21, 64), shown(19, 64))},
            ["not learned"],
        ),
        question(
            "concepts",
            "Para ihop varje begrepp med rätt beskrivning.",
            0.3,
            0.7,
            {"bias.a,data.c,hallucination.d,multimodal.b": (shown(11, 64), shown(6, 64))},
            [],
        ),
    ]


def surveys() -> list[SurveyOutcome]:
    few = "fewer than 5"
    steps = {
        OVERALL: [shown(2, 60), shown(5, 60), shown(9, 60), shown(20, 60), shown(24, 60)],
        "lakare": [shown(0, 12), shown(1, 12), shown(2, 12), shown(4, 12), shown(5, 12)],
        "psykologer": [shown(0, 0)] * 5,
        "barnmorskor": [
            hidden(0, 3, few),
            hidden(1, 3, few),
            hidden(0, 3, few),
            hidden(1, 3, few),
            hidden(1, 3, few),
        ],
        NOT_STATED: [
            hidden(1, 11, few),
            hidden(0, 11, "complementary"),
            shown(5, 11),
            shown(5, 11),
            hidden(0, 11, few),
        ],
    }
    mean = {
        OVERALL: shown(3.98, 60, "mean"),
        "lakare": shown(4.08, 12, "mean"),
        "psykologer": Figure(None, 0, "mean"),
        "barnmorskor": hidden(3.67, 3, few, "mean"),
        NOT_STATED: shown(3.27, 11, "mean"),
    }
    relevance = SurveyOutcome(
        "kursenkat",
        "enkat-relevans",
        "Innehållet var relevant för mitt arbete.",
        SCALE,
        steps,
        mean,
    )
    understood = SurveyOutcome(
        "kursenkat",
        "enkat-begriplighet",
        "Innehållet var lätt att förstå.",
        SCALE,
        {OVERALL: [shown(1, 60), shown(3, 60), shown(16, 60), shown(22, 60), shown(18, 60)]},
        {OVERALL: shown(3.88, 60, "mean")},
    )
    return [relevance, understood]


def sample_results() -> Results:
    labels = {
        "yrkesgrupp": {
            "lakare": "Läkare",
            "sjukskoterskor": "Sjuksköterskor",
            "underskoterskor": "Undersköterskor",
            "barnmorskor": "Barnmorskor",
        }
    }
    return Results(
        course="introduktionsutbildning",
        title="Introduktionsutbildning i AI",
        version="1.2",
        sources=["2 × LMS report download", "1 × xAPI statements"],
        learners=shown(71, 71),
        groups=groups(),
        questions=questions(),
        surveys=surveys(),
        reflections={
            "reflektion-risker": shown(23, 23),
            "reflektion-min-vardag": shown(17, 17),
            "reflektion-tillsammans": hidden(4, 4, "fewer than 5"),
        },
        reach=[Reach(page, title, shown(n, n)) for page, title, n in PAGES],
        time_minutes=shown(31.5, 50, "mean"),
        exclusions=[
            ("another version of the package (1.1)", 4),
            ("post-test without a pre-test", 7),
            ("a reason nobody translated", 1),
        ],
        labels=labels,
    )
