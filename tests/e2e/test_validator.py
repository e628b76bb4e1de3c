"""The Totara-rules validator against hand-made call logs (no browser needed)."""

from __future__ import annotations

from typing import Any

import pytest
from scorm_rules import SCORM12, SCORM2004, assert_totara_clean, check_calls

Log = list[dict[str, Any]]

INIT = {SCORM12: "LMSInitialize", SCORM2004: "Initialize"}
FINISH = {SCORM12: "LMSFinish", SCORM2004: "Terminate"}
GET = {SCORM12: "LMSGetValue", SCORM2004: "GetValue"}
SET = {SCORM12: "LMSSetValue", SCORM2004: "SetValue"}
COMMIT = {SCORM12: "LMSCommit", SCORM2004: "Commit"}
SESSION_TIME = {
    SCORM12: ("cmi.core.session_time", "00:12:07.5"),
    SCORM2004: ("cmi.session_time", "PT12M7.5S"),
}


def call(
    method: str, *args: str, ret: str = "true", error: str = "0", **extra: Any
) -> dict[str, Any]:
    return {"method": method, "args": list(args), "ret": ret, "error": error, **extra}


def session(standard: str, *middle: dict[str, Any], finish: bool = True) -> Log:
    """Initialize, the given calls, session time, commit and finish; numbered."""
    log = [call(INIT[standard], "")]
    log += middle
    if finish:
        log.append(call(SET[standard], *SESSION_TIME[standard]))
        log.append(call(COMMIT[standard], ""))
        log.append(call(FINISH[standard], ""))
    for seq, entry in enumerate(log):
        entry.setdefault("seq", seq)
    return log


def s12(element: str, value: str, **kw: Any) -> dict[str, Any]:
    return call("LMSSetValue", element, value, **kw)


def s04(element: str, value: str, **kw: Any) -> dict[str, Any]:
    return call("SetValue", element, value, **kw)


def rules(log: Log, standard: str) -> list[str]:
    return [str(p) for p in check_calls(log, standard)]


def one_problem(log: Log, standard: str, needle: str) -> None:
    problems = rules(log, standard)
    assert len(problems) == 1, problems
    assert needle in problems[0], problems


# --- whole sessions -------------------------------------------------------------------------


def good_session_12() -> Log:
    return session(
        SCORM12,
        call("LMSGetValue", "cmi.core.entry", ret="ab-initio"),
        call("LMSGetValue", "cmi.core.lesson_status", ret="not attempted"),
        call("LMSGetValue", "cmi.suspend_data", ret=""),
        s12("cmi.core.lesson_status", "incomplete"),
        s12("cmi.core.lesson_location", "vad-ar-ai"),
        s12("cmi.suspend_data", "1|a1Z.b2c"),
        call("LMSGetValue", "cmi.interactions._count", ret="0"),
        s12("cmi.interactions.0.id", "kunskapstest-efter__model"),
        s12("cmi.interactions.0.type", "choice"),
        s12("cmi.interactions.0.time", "14:05:33"),
        s12("cmi.interactions.0.student_response", "b"),
        s12("cmi.interactions.0.correct_responses.0.pattern", "b"),
        s12("cmi.interactions.0.result", "correct"),
        s12("cmi.interactions.0.weighting", "1"),
        s12("cmi.interactions.0.latency", "00:00:12.5"),
        s12("cmi.interactions.1.id", "kunskapstest-efter__language-model"),
        s12("cmi.interactions.1.type", "true-false"),
        s12("cmi.interactions.1.result", "wrong"),
        s12("cmi.core.score.min", "0"),
        s12("cmi.core.score.max", "100"),
        s12("cmi.core.score.raw", "87.5"),
        s12("cmi.core.lesson_status", "passed"),
        s12("cmi.core.exit", ""),
        call("LMSCommit", ""),
        call("LMSGetLastError", ret="0"),
    )


def good_session_2004() -> Log:
    return session(
        SCORM2004,
        call("GetValue", "cmi.entry", ret="ab-initio"),
        call("GetValue", "cmi.completion_status", ret="not attempted"),
        call("GetValue", "cmi.location", ret="", error="403"),
        call("GetValue", "cmi.suspend_data", ret="", error="403"),
        s04("cmi.completion_status", "incomplete"),
        s04("cmi.location", "vad-ar-ai"),
        s04("cmi.suspend_data", "1|a1Z"),
        s04("cmi.interactions.0.id", "kunskapstest-efter__model"),
        s04("cmi.interactions.0.type", "choice"),
        s04("cmi.interactions.0.timestamp", "2025-03-01T14:05:33.5Z"),
        s04("cmi.interactions.0.description", "Vad är en AI-modell?"),
        s04("cmi.interactions.0.learner_response", "b"),
        s04("cmi.interactions.0.correct_responses.0.pattern", "b"),
        s04("cmi.interactions.0.result", "correct"),
        s04("cmi.interactions.0.weighting", "1"),
        s04("cmi.interactions.0.latency", "PT12.5S"),
        s04("cmi.interactions.1.id", "kunskapstest-efter__concepts"),
        s04("cmi.interactions.1.type", "matching"),
        s04("cmi.interactions.1.learner_response", "data[.]c[,]bias[.]d"),
        s04("cmi.interactions.1.result", "incorrect"),
        call("GetValue", "cmi.interactions.0.id", ret="kunskapstest-efter__model"),
        s04("cmi.score.scaled", "0.875"),
        s04("cmi.score.raw", "87.5"),
        s04("cmi.score.min", "0"),
        s04("cmi.score.max", "100"),
        s04("cmi.progress_measure", "1.00"),
        s04("cmi.completion_status", "completed"),
        s04("cmi.success_status", "passed"),
        s04("cmi.exit", "normal"),
    )


def test_clean_sessions_pass() -> None:
    assert rules(good_session_12(), SCORM12) == []
    assert rules(good_session_2004(), SCORM2004) == []
    assert_totara_clean(good_session_12(), SCORM12)


def test_assert_lists_every_problem_readably() -> None:
    log = session(SCORM12, s12("cmi.core.lesson_location", "x" * 256), s12("cmi.core.exit", "x"))
    with pytest.raises(AssertionError) as info:
        assert_totara_clean(log, SCORM12, "vgr-scorm12 walk")
    text = str(info.value)
    assert "2 call(s) break Totara's rules (scorm12, vgr-scorm12 walk)" in text
    assert "#1 LMSSetValue('cmi.core.lesson_location', 'xxxx" in text
    assert "256 characters; Totara allows 255" in text
    assert "cmi.core.exit 'x'" in text


# --- lengths ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "element", "limit"),
    [
        (SCORM12, "cmi.suspend_data", 4096),
        (SCORM12, "cmi.core.lesson_location", 255),
        (SCORM2004, "cmi.suspend_data", 64000),
        (SCORM2004, "cmi.location", 1000),
    ],
)
def test_length_limits(standard: str, element: str, limit: int) -> None:
    assert rules(session(standard, call(SET[standard], element, "a" * limit)), standard) == []
    one_problem(
        session(standard, call(SET[standard], element, "a" * (limit + 1))),
        standard,
        f"{limit + 1} characters; Totara allows {limit}",
    )


def test_12_response_and_pattern_length() -> None:
    log = session(
        SCORM12,
        s12("cmi.interactions.0.id", "q1"),
        s12("cmi.interactions.0.student_response", "a" * 256),
        s12("cmi.interactions.0.correct_responses.0.pattern", "b" * 256),
    )
    problems = rules(log, SCORM12)
    assert len(problems) == 2, problems


# --- identifiers --------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["has space", "quiz.question", "a" * 256, "", "åäö"])
def test_12_interaction_id_rejected(ident: str) -> None:
    log = session(SCORM12, s12("cmi.interactions.0.id", ident))
    one_problem(log, SCORM12, "interaction id")


@pytest.mark.parametrize("ident", ["kunskapstest-efter__model", "Q_1", "a" * 255])
def test_12_interaction_id_accepted(ident: str) -> None:
    assert rules(session(SCORM12, s12("cmi.interactions.0.id", ident)), SCORM12) == []


def test_2004_interaction_id() -> None:
    assert rules(session(SCORM2004, s04("cmi.interactions.0.id", "quiz.q-1")), SCORM2004) == []
    one_problem(session(SCORM2004, s04("cmi.interactions.0.id", "a b")), SCORM2004, "long id")
    one_problem(session(SCORM2004, s04("cmi.interactions.0.id", "urn::x")), SCORM2004, "long id")


def test_interaction_index_gap_and_id_first() -> None:
    log = session(SCORM12, s12("cmi.interactions.0.id", "a"), s12("cmi.interactions.2.id", "b"))
    one_problem(log, SCORM12, "index 2 leaves a gap: the next index is 1")
    log = session(SCORM12, s12("cmi.interactions.0.type", "choice"))
    one_problem(log, SCORM12, "must be its id")
    # rewriting an existing interaction is fine
    log = session(
        SCORM12, s12("cmi.interactions.0.id", "a"), s12("cmi.interactions.0.result", "wrong")
    )
    assert rules(log, SCORM12) == []


def test_declared_slots_written_again_in_any_order() -> None:
    """The runtime's slots: ids and types declared 0..2 at the first launch, answers later into
    their slots in any order; a relaunch (count 3) writes into them and appends at 3."""
    for standard, s in ((SCORM12, s12), (SCORM2004, s04)):
        response = "student_response" if standard == SCORM12 else "learner_response"
        declare = [
            s("cmi.interactions.0.id", "aicourse"),
            s("cmi.interactions.0.type", "fill-in"),
            s(f"cmi.interactions.0.{response}", "1.0.0/5e1f0a2b"),
            s("cmi.interactions.1.id", "quiz__a"),
            s("cmi.interactions.1.type", "choice"),
            s("cmi.interactions.2.id", "quiz__b"),
            s("cmi.interactions.2.type", "choice"),
        ]
        answers = [
            s("cmi.interactions.2.id", "quiz__b"),
            s("cmi.interactions.2.type", "choice"),
            s(f"cmi.interactions.2.{response}", "c"),
            s("cmi.interactions.1.id", "quiz__a"),
            s("cmi.interactions.1.type", "choice"),
            s(f"cmi.interactions.1.{response}", "a"),
        ]
        count = call(GET[standard], "cmi.interactions._count", ret="0")
        assert rules(session(standard, count, *declare, *answers), standard) == []
        relaunch = session(
            standard,
            call(GET[standard], "cmi.interactions._count", ret="3"),
            s(f"cmi.interactions.1.{response}", "b"),  # a restored slot: id and type are there
            s("cmi.interactions.3.id", "quiz__a__2"),
            s("cmi.interactions.3.type", "choice"),
        )
        assert rules(relaunch, standard) == []
        gap = session(
            standard,
            call(GET[standard], "cmi.interactions._count", ret="3"),
            s("cmi.interactions.4.id", "quiz__a__2"),
        )
        one_problem(gap, standard, "index 4 leaves a gap: the next index is 3")


def test_2004_at_most_250_interactions() -> None:
    ids = [s04(f"cmi.interactions.{i}.id", f"q{i}") for i in range(251)]
    one_problem(session(SCORM2004, *ids), SCORM2004, "more than 250 interactions")
    assert rules(session(SCORM2004, *ids[:250]), SCORM2004) == []


def test_2004_long_fill_in_length() -> None:
    def log(n: int) -> Log:
        return session(
            SCORM2004,
            s04("cmi.interactions.0.id", "reflektion"),
            s04("cmi.interactions.0.type", "long-fill-in"),
            s04("cmi.interactions.0.learner_response", "x" * n),
        )

    assert rules(log(4000), SCORM2004) == []
    one_problem(log(4001), SCORM2004, "4001 characters; Totara allows 4000")


def test_2004_type_before_response() -> None:
    log = session(
        SCORM2004,
        s04("cmi.interactions.0.id", "q"),
        s04("cmi.interactions.0.learner_response", "a"),
    )
    one_problem(log, SCORM2004, "before the interaction's type (error 408)")


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("choice", "a[,]b[,]d", True),
        ("choice", "choice-a", False),
        ("choice", "a[,]a", False),
        ("choice", "[,]".join(f"c{i}" for i in range(37)), False),
        ("sequencing", "collect[,]train[,]test", True),
        ("sequencing", "collect[,]train-it", False),
        ("matching", "data[.]c[,]bias[.]d", True),
        ("matching", "data[.]c[,]bias", False),
        ("matching", "language-model[.]a", False),
        ("likert", "4", True),
        ("likert", "very-good", False),
        ("true-false", "true", True),
        ("true-false", "yes", False),
        ("fill-in", "anything at all, even - and spaces", True),
    ],
)
def test_2004_response_ids(kind: str, value: str, ok: bool) -> None:
    log = session(
        SCORM2004,
        s04("cmi.interactions.0.id", "q"),
        s04("cmi.interactions.0.type", kind),
        s04("cmi.interactions.0.learner_response", value),
        s04("cmi.interactions.0.correct_responses.0.pattern", value),
    )
    problems = rules(log, SCORM2004)
    assert (problems == []) == ok, problems


# --- times ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("00:05:00", True),
        ("00:12:07.5", True),
        ("0000:05:00.25", True),
        ("0:05:00", False),
        ("00:05:00.123", False),
        ("00:60:00", False),
        ("PT5M", False),
        ("12345:00:00", False),
    ],
)
def test_12_timespans(value: str, ok: bool) -> None:
    for log in (
        [call("LMSInitialize", ""), s12("cmi.core.session_time", value), call("LMSFinish", "")],
        session(
            SCORM12, s12("cmi.interactions.0.id", "q"), s12("cmi.interactions.0.latency", value)
        ),
    ):
        for i, entry in enumerate(log):
            entry["seq"] = i
        assert (rules(log, SCORM12) == []) == ok, rules(log, SCORM12)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("14:05:33", True), ("09:00:00.5", True), ("2025-03-01T14:05:33", False), ("25:00:00", False)],
)
def test_12_interaction_time_is_a_clock_time(value: str, ok: bool) -> None:
    log = session(SCORM12, s12("cmi.interactions.0.id", "q"), s12("cmi.interactions.0.time", value))
    assert (rules(log, SCORM12) == []) == ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2025-03-01T14:05:33.5Z", True),
        ("2025-03-01T14:05:33.51+01:00", True),
        ("2025-03-01T14:05:33", True),
        ("2025-03-01", True),
        ("2025-03-01T14:05:33.512Z", False),  # Date.toISOString(): 3 fractional digits
        ("2025-03-01T14:05:33Z", False),  # a zone needs a fraction
        ("2039-01-01T00:00:00", False),
        ("2025-13-01T00:00:00", False),
    ],
)
def test_2004_timestamps(value: str, ok: bool) -> None:
    log = session(
        SCORM2004, s04("cmi.interactions.0.id", "q"), s04("cmi.interactions.0.timestamp", value)
    )
    assert (rules(log, SCORM2004) == []) == ok, rules(log, SCORM2004)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("PT12M7.5S", True),
        ("PT0S", True),
        ("P1DT2H", True),
        ("PT1H2M3.45S", True),
        ("PT1H2M3.456S", False),
        ("P1W", False),
        ("PT", False),
        ("00:05:00", False),
        ("PT5.S", False),
    ],
)
def test_2004_timespans(value: str, ok: bool) -> None:
    log = [call("Initialize", ""), s04("cmi.session_time", value), call("Terminate", "")]
    for i, entry in enumerate(log):
        entry["seq"] = i
    assert (rules(log, SCORM2004) == []) == ok, rules(log, SCORM2004)
    log = session(
        SCORM2004, s04("cmi.interactions.0.id", "q"), s04("cmi.interactions.0.latency", value)
    )
    assert (rules(log, SCORM2004) == []) == ok


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element", "value", "ok"),
    [
        ("cmi.core.score.raw", "85", True),
        ("cmi.core.score.raw", "87.5", True),
        ("cmi.core.score.raw", "100", True),
        ("cmi.core.score.raw", "101", False),
        ("cmi.core.score.raw", "-1", False),
        ("cmi.core.score.raw", ".5", False),
        ("cmi.core.score.raw", "8.5e1", False),
        ("cmi.core.score.raw", "1000", False),
        ("cmi.core.score.max", "100", True),
        ("cmi.core.score.min", "", True),
    ],
)
def test_12_scores(element: str, value: str, ok: bool) -> None:
    assert (rules(session(SCORM12, s12(element, value)), SCORM12) == []) == ok


@pytest.mark.parametrize(
    ("element", "value", "ok"),
    [
        ("cmi.score.scaled", "0.875", True),
        ("cmi.score.scaled", "-1", True),
        ("cmi.score.scaled", "1.5", False),
        ("cmi.score.scaled", ".5", False),
        ("cmi.score.scaled", "5e-1", False),
        ("cmi.score.raw", "87.5", True),
        ("cmi.score.raw", "0.8571428571428571", True),
        ("cmi.score.raw", "150", False),
        ("cmi.progress_measure", "0.50", True),
        ("cmi.progress_measure", "1.01", False),
        ("cmi.score.raw", "123456", False),
    ],
)
def test_2004_decimals(element: str, value: str, ok: bool) -> None:
    assert (rules(session(SCORM2004, s04(element, value)), SCORM2004) == []) == ok


# --- vocabularies -----------------------------------------------------------------------------


def test_not_attempted_is_never_written() -> None:
    one_problem(
        session(SCORM12, s12("cmi.core.lesson_status", "not attempted")),
        SCORM12,
        "lesson_status 'not attempted' may not be written",
    )
    one_problem(
        session(SCORM2004, s04("cmi.completion_status", "not attempted")),
        SCORM2004,
        "completion_status 'not attempted'",
    )


def test_12_types_and_results() -> None:
    log = session(
        SCORM12,
        s12("cmi.interactions.0.id", "q"),
        s12("cmi.interactions.0.type", "long-fill-in"),
        s12("cmi.interactions.0.result", "incorrect"),
    )
    problems = rules(log, SCORM12)
    assert len(problems) == 2
    assert "long-fill-in' does not exist in SCORM 1.2" in problems[0]
    assert "result 'incorrect'" in problems[1]


def test_exit_values() -> None:
    one_problem(session(SCORM12, s12("cmi.core.exit", "normal")), SCORM12, "cmi.core.exit")
    assert rules(session(SCORM2004, s04("cmi.exit", "normal")), SCORM2004) == []


# --- read-only, write-only ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "element",
    ["cmi.interactions.0.id", "cmi.interactions.3.student_response", "cmi.core.session_time"],
)
def test_12_write_only_elements_are_never_read(element: str) -> None:
    log = session(SCORM12, call("LMSGetValue", element, ret="", error="0"))
    one_problem(log, SCORM12, "is write-only")


def test_12_counts_are_readable() -> None:
    log = session(
        SCORM12,
        call("LMSGetValue", "cmi.interactions._count", ret="0"),
        call("LMSGetValue", "cmi.interactions.0.correct_responses._count", ret="0"),
    )
    assert rules(log, SCORM12) == []


def test_2004_reading_interactions_is_allowed_but_exit_is_write_only() -> None:
    log = session(SCORM2004, call("GetValue", "cmi.interactions.0.result", ret="correct"))
    assert rules(log, SCORM2004) == []
    one_problem(session(SCORM2004, call("GetValue", "cmi.exit", ret="")), SCORM2004, "write-only")


def test_read_only_elements_are_never_written() -> None:
    one_problem(session(SCORM12, s12("cmi.core.student_name", "x")), SCORM12, "read-only")
    one_problem(session(SCORM2004, s04("cmi.entry", "resume")), SCORM2004, "read-only")


def test_12_comments_written_once() -> None:
    log = session(SCORM12, s12("cmi.comments", "a"), s12("cmi.comments", "b"))
    one_problem(log, SCORM12, "written twice")


# --- call order ------------------------------------------------------------------------------


def test_initialize_first() -> None:
    log = [call("LMSGetValue", "cmi.core.entry", ret=""), *session(SCORM12)]
    for i, entry in enumerate(log):
        entry["seq"] = i
    one_problem(log, SCORM12, "called before LMSInitialize")


def test_no_calls_after_finish_but_error_queries() -> None:
    log = session(SCORM2004)
    log.append(call("GetLastError", ret="0", seq=len(log)))
    assert rules(log, SCORM2004) == []
    log.append(call("SetValue", "cmi.location", "x", ret="false", error="132", seq=len(log)))
    problems = rules(log, SCORM2004)
    assert any("called after Terminate" in p for p in problems), problems
    assert any("error 132" in p for p in problems), problems


def test_finish_exactly_once() -> None:
    log = session(SCORM12)
    log.append(call("LMSFinish", "", ret="false", error="101", seq=len(log)))
    assert any("LMSFinish called more than once" in p for p in rules(log, SCORM12))
    problems = rules(session(SCORM12, finish=False), SCORM12)
    assert problems == ["LMSFinish was never called: Totara stores session time only then"]


def test_empty_log() -> None:
    assert rules([], SCORM2004) == ["no API call at all: the runtime never called Initialize"]


def test_initialize_twice() -> None:
    log = session(SCORM12, call("LMSInitialize", ""))
    one_problem(log, SCORM12, "called more than once")


def test_status_must_be_set_early() -> None:
    log = session(SCORM12, call("LMSGetValue", "cmi.core.lesson_status", ret="not attempted"))
    one_problem(log, SCORM12, "read 'not attempted' but never written")
    log = session(SCORM2004, call("GetValue", "cmi.completion_status", ret="not attempted"))
    one_problem(log, SCORM2004, "cmi.completion_status read 'not attempted'")


def test_session_time_is_required() -> None:
    log = [call("Initialize", ""), call("Commit", ""), call("Terminate", "")]
    for i, entry in enumerate(log):
        entry["seq"] = i
    one_problem(log, SCORM2004, "cmi.session_time never written")


# --- errors -----------------------------------------------------------------------------------


def test_error_codes_are_failures() -> None:
    one_problem(
        session(SCORM12, s12("cmi.core.lesson_location", "x", ret="false", error="201")),
        SCORM12,
        "failed (returned 'false', error 201)",
    )
    one_problem(
        session(SCORM12, call("LMSGetValue", "cmi.core.nonsense", ret="", error="401")),
        SCORM12,
        "returned error 401",
    )


def test_2004_not_initialized_reads_are_tolerated() -> None:
    log = session(SCORM2004, call("GetValue", "cmi.location", ret="", error="403"))
    assert rules(log, SCORM2004) == []
    log = session(SCORM2004, call("GetValue", "cmi.nonsense", ret="", error="401"))
    one_problem(log, SCORM2004, "returned error 401")


def test_injected_failures_are_not_the_runtimes_fault() -> None:
    log = session(
        SCORM2004,
        call("Commit", "", ret="false", error="391", injected=True),
        call("GetLastError", ret="391"),
        call("Commit", ""),
    )
    assert rules(log, SCORM2004) == []


def test_arguments_of_session_calls() -> None:
    log = session(SCORM12, call("LMSCommit", "now"))
    one_problem(log, SCORM12, 'must be called with the empty string ""')


def test_values_are_strings() -> None:
    raw = {"method": "LMSSetValue", "args": ["cmi.core.score.raw", 85], "ret": "true", "error": "0"}
    log = session(SCORM12, raw)
    one_problem(log, SCORM12, "value is a int")


def test_unknown_standard() -> None:
    with pytest.raises(ValueError, match="unknown standard"):
        check_calls([], "aicc")
