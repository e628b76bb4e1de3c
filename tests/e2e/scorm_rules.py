"""Totara's stricter rules, applied to the SCORM API calls a runtime made.

scorm-again (the LMS side of the browser tests) is more lenient than Moodle/Totara (see
shared/docs/standards.md, section 8): it accepts 64,000 characters of SCORM 1.2 suspend_data,
spaces in identifiers, six fractional digits and any hour width. The host page records every API
call; this module checks the record against the limits of standards.md tables 2.4 (SCORM 1.2)
and 3.4 (SCORM 2004) and the call-order rules of 2.3 and 3.3, so that a package that passes the
browser tests also passes in Totara.

A call is a dict as recorded by tests/e2e/host/host.js:
    {"seq": 3, "method": "LMSSetValue", "args": ["cmi.core.lesson_status", "incomplete"],
     "ret": "true", "error": "0", "injected": false}
`injected` marks a failure the test itself made (a commit failure it injected): the runtime is
not blamed for that call's result.

Interactions: a new index must be the next one (`_count`), first its id (2004: then its type
before any response). An existing index may be written again, as Moodle and Totara allow: the
runtime declares its fixed slots (id and type) at the first launch and writes each first answer
into its slot later (docs/runtime.md). Indexes below the `cmi.interactions._count` read at a
relaunch exist already.

The regular expressions for SCORM 2004 types are Moodle's (mod/scorm/datamodels/scorm_13.js),
which Totara shares; the SCORM 1.2 ones follow scorm_12.js and the 1.2 spec where standards.md
says Moodle is stricter than the spec.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Call = Mapping[str, Any]

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"

METHODS = {
    SCORM12: {
        "init": "LMSInitialize",
        "finish": "LMSFinish",
        "get": "LMSGetValue",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "queries": ("LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"),
    },
    SCORM2004: {
        "init": "Initialize",
        "finish": "Terminate",
        "get": "GetValue",
        "set": "SetValue",
        "commit": "Commit",
        "queries": ("GetLastError", "GetErrorString", "GetDiagnostic"),
    },
}

# --- formats -------------------------------------------------------------------------------

# SCORM 1.2 CMITimespan as Moodle checks it: 2-4 hour digits, at most 2 decimals.
TIMESPAN_12 = re.compile(r"^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$")
# SCORM 1.2 CMITime (interactions.n.time): a clock time, not a date.
TIME_12 = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$")
# SCORM 1.2 CMIDecimal as used for scores; leading digit required, at most 3 integer digits.
DECIMAL_12 = re.compile(r"^-?\d{1,3}(\.\d{1,18})?$")
# SCORM 1.2 identifiers (interaction and objective ids): letters, digits, '-', '_' only.
IDENTIFIER_12 = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
INTERACTION_TYPES_12 = {
    "true-false",
    "choice",
    "fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
}
RESULTS_12 = {"correct", "wrong", "unanticipated", "neutral"}
LESSON_STATUS_WRITABLE_12 = {"passed", "completed", "failed", "incomplete", "browsed"}
EXIT_12 = {"time-out", "suspend", "logout", ""}

# SCORM 2004, from Moodle's scorm_13.js.
TIMESPAN_2004 = re.compile(
    r"^P(\d+Y)?(\d+M)?(\d+D)?"
    r"(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$"
)
_ZONE = r"(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)"
TIMESTAMP_2004 = re.compile(
    r"^(19[7-9]\d|20[0-2]\d|203[0-8])"  # year, at most 2038 in Moodle
    r"(-(0[1-9]|1[0-2])"  # month
    r"(-(0[1-9]|[12]\d|3[01])"  # day
    r"(T([01]\d|2[0-3])"  # hour
    r"(:[0-5]\d"  # minute
    r"(:[0-5]\d"  # second
    r"(\.\d{1,2}" + _ZONE + r"?"  # fraction, then an optional zone: a zone needs a fraction
    r")?)?)?)?)?)?$"
)
DECIMAL_2004 = re.compile(r"^-?\d{1,5}(\.\d{1,18})?$")
LONG_IDENTIFIER_2004 = re.compile(r"^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$")
# Response identifiers inside learner_response / correct_responses patterns (Moodle: no '-').
RESPONSE_ID_2004 = re.compile(r"^[A-Za-z0-9_.]{1,250}$")
INTERACTION_TYPES_2004 = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
RESULTS_2004 = {"correct", "incorrect", "unanticipated", "neutral"}
COMPLETION_WRITABLE_2004 = {"completed", "incomplete"}
SUCCESS_WRITABLE_2004 = {"passed", "failed", "unknown"}
EXIT_2004 = {"time-out", "suspend", "logout", "normal", ""}

# Elements a SCO may not write (read-only), and may not read (write-only).
READ_ONLY_12 = re.compile(
    r"^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode|_children)"
    r"|launch_data|student_data\..*|comments_from_lms|_version|.*\._children|.*\._count)$"
)
WRITE_ONLY_12 = re.compile(
    r"^cmi\.(core\.exit|core\.session_time"
    r"|interactions\.\d+\.(?!_count$)(?!objectives\._count$)(?!correct_responses\._count$).*)$"
)
READ_ONLY_2004 = re.compile(
    r"^cmi\.(learner_id|learner_name|credit|entry|mode|total_time|launch_data"
    r"|scaled_passing_score|completion_threshold|max_time_allowed|time_limit_action|_version"
    r"|.*\._children|.*\._count)$"
)
WRITE_ONLY_2004 = re.compile(r"^cmi\.(exit|session_time)$")

INTERACTION_12 = re.compile(r"^cmi\.interactions\.(\d+)\.(.+)$")
INTERACTION_2004 = INTERACTION_12


@dataclass
class Violation:
    seq: int | None
    call: str
    rule: str

    def __str__(self) -> str:
        where = f"#{self.seq} " if self.seq is not None else ""
        return f"{where}{self.call}: {self.rule}" if self.call else f"{where}{self.rule}"


def show(call: Call, limit: int = 80) -> str:
    """A short readable form of one call: LMSSetValue('cmi.core.exit', 'suspend') -> 'true'."""
    parts = []
    for arg in call.get("args", []):
        text = str(arg)
        if len(text) > limit:
            text = f"{text[:limit]}…({len(text)} chars)"
        parts.append(repr(text))
    ret = str(call.get("ret"))
    if len(ret) > limit:
        ret = f"{ret[:limit]}…({len(ret)} chars)"
    err = call.get("error", "0")
    tail = f" [error {err}]" if str(err) not in ("0", "", "None") else ""
    return f"{call.get('method')}({', '.join(parts)}) -> {ret!r}{tail}"


@dataclass
class _Interaction:
    fields: set[str] = field(default_factory=set)
    type: str | None = None
    patterns: int = 0
    # stored by an earlier session (index below the `_count` the LMS gave): its id and type are
    # there already, so it may be written again, fields in any order (docs/lms-moodle.md 3.1/3.2)
    restored: bool = False


class _Checker:
    def __init__(self, standard: str) -> None:
        if standard not in METHODS:
            raise ValueError(f"unknown standard {standard!r}")
        self.standard = standard
        self.m = METHODS[standard]
        self.problems: list[Violation] = []
        self.initialized = False
        self.finished = False
        self.init_count = 0
        self.finish_count = 0
        self.interactions: dict[int, _Interaction] = {}
        self.status_written = False
        self.status_read_not_attempted = False
        self.session_time_written = False
        self.comments_written = 0

    def flag(self, call: Call | None, rule: str) -> None:
        seq = call.get("seq") if call is not None else None
        self.problems.append(Violation(seq, show(call) if call is not None else "", rule))

    # -- entry point ---------------------------------------------------------------------

    def run(self, calls: Iterable[Call]) -> list[Violation]:
        calls = list(calls)
        if not calls:
            self.flag(None, f"no API call at all: the runtime never called {self.m['init']}")
            return self.problems
        for call in calls:
            self.check_call(call)
        if self.init_count and not self.finish_count:
            self.flag(
                None, f"{self.m['finish']} was never called: Totara stores session time only then"
            )
        if self.finish_count and self.status_read_not_attempted and not self.status_written:
            what = "cmi.core.lesson_status" if self.standard == SCORM12 else "cmi.completion_status"
            self.flag(
                None,
                f"{what} read 'not attempted' but never written: set it (incomplete) early, or "
                f"Totara turns it into 'completed' at {self.m['finish']}",
            )
        if self.finish_count and not self.session_time_written:
            what = "cmi.core.session_time" if self.standard == SCORM12 else "cmi.session_time"
            self.flag(None, f"{what} never written before {self.m['finish']}")
        return self.problems

    def check_call(self, call: Call) -> None:
        method = call.get("method")
        args = list(call.get("args", []))
        queries = self.m["queries"]
        known = {self.m[k] for k in ("init", "finish", "get", "set", "commit")} | set(queries)
        if method not in known:
            self.flag(call, f"{method} is not a {self.standard} API method")
            return

        # order
        if method == self.m["init"]:
            self.init_count += 1
            if self.init_count > 1:
                self.flag(call, f"{method} called more than once in a session")
            if self.finished:
                self.flag(call, f"{method} after {self.m['finish']}")
        elif method not in queries:
            if not self.initialized and not self.finished:
                self.flag(call, f"called before {self.m['init']}")
            elif self.finished:
                self.flag(call, f"called after {self.m['finish']}: Totara ignores it (error 1x3)")
        if method == self.m["finish"]:
            self.finish_count += 1
            if self.finish_count > 1:
                self.flag(call, f"{method} called more than once")

        # the call's own result
        if method in (self.m["init"], self.m["finish"], self.m["commit"]) and args != [""]:
            self.flag(call, f'{method} must be called with the empty string ""')
        if not call.get("injected"):
            self.check_result(call, method)

        if method == self.m["init"] and str(call.get("ret")) == "true":
            self.initialized = True
        if method == self.m["finish"] and str(call.get("ret")) == "true":
            self.finished = True
            self.initialized = False
        if method == self.m["get"] and args:
            self.check_get(call, str(args[0]))
        if method == self.m["set"] and len(args) >= 2:
            self.check_set(call, str(args[0]), args[1])

    def check_result(self, call: Call, method: str) -> None:
        error = str(call.get("error", "0"))
        ret = str(call.get("ret"))
        if method in self.m["queries"]:
            return
        if method == self.m["get"]:
            # 2004: reading an element the LMS has no value for yet (cmi.location on a first
            # launch) is answered with 403 "not initialized" by the spec; that is information,
            # not a fault of the SCO.
            if error == "403" and self.standard == SCORM2004:
                return
            if error != "0":
                self.flag(call, f"returned error {error}")
            return
        if ret != "true" or error != "0":
            self.flag(call, f"failed (returned {ret!r}, error {error})")

    # -- reads ---------------------------------------------------------------------------

    def check_get(self, call: Call, element: str) -> None:
        write_only = WRITE_ONLY_12 if self.standard == SCORM12 else WRITE_ONLY_2004
        if write_only.match(element):
            self.flag(call, f"{element} is write-only: never read it (error 404 in Totara)")
        status = "cmi.core.lesson_status" if self.standard == SCORM12 else "cmi.completion_status"
        if element == status and str(call.get("ret")) == "not attempted":
            self.status_read_not_attempted = True
        # interactions a relaunch finds (the slots declared at the first launch, answers of
        # earlier sessions): written again at their index, new ones from the count on
        if element == "cmi.interactions._count" and str(call.get("error", "0")) == "0":
            count = str(call.get("ret") or "0")
            for index in range(int(count) if count.isdigit() else 0):
                self.interactions.setdefault(
                    index, _Interaction(fields={"id", "type"}, restored=True)
                )

    # -- writes --------------------------------------------------------------------------

    def check_set(self, call: Call, element: str, value: Any) -> None:
        if not isinstance(value, str):
            self.flag(call, f"value is a {type(value).__name__}, SCORM values are strings")
            value = str(value)
        read_only = READ_ONLY_12 if self.standard == SCORM12 else READ_ONLY_2004
        if read_only.match(element):
            self.flag(call, f"{element} is read-only: the SCO must not write it")
            return
        if self.standard == SCORM12:
            self.check_set_12(call, element, value)
        else:
            self.check_set_2004(call, element, value)

    def length(self, call: Call, element: str, value: str, limit: int) -> None:
        if len(value) > limit:
            self.flag(call, f"{element} is {len(value)} characters; Totara allows {limit}")

    def check_set_12(self, call: Call, element: str, value: str) -> None:
        if element == "cmi.core.lesson_status":
            self.status_written = True
            if value not in LESSON_STATUS_WRITABLE_12:
                self.flag(
                    call,
                    f"lesson_status {value!r} may not be written by a SCO "
                    f"(allowed: {', '.join(sorted(LESSON_STATUS_WRITABLE_12))})",
                )
        elif element == "cmi.core.lesson_location":
            self.length(call, element, value, 255)
        elif element == "cmi.suspend_data":
            self.length(call, element, value, 4096)
        elif element in ("cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"):
            self.score_12(call, element, value)
        elif element == "cmi.core.exit":
            if value not in EXIT_12:
                self.flag(call, f"cmi.core.exit {value!r} is not one of {sorted(EXIT_12)}")
        elif element == "cmi.core.session_time":
            self.session_time_written = True
            if not TIMESPAN_12.match(value):
                self.flag(call, "session_time must be HH:MM:SS(.ss) with 2-4 hour digits")
        elif element == "cmi.comments":
            self.comments_written += 1
            if self.comments_written == 2:
                self.flag(call, "cmi.comments written twice: Totara appends on every write")
        elif element.startswith("cmi.objectives."):
            if element.endswith(".id") and not IDENTIFIER_12.match(value):
                self.flag(call, f"objective id {value!r}: letters, digits, '-', '_', ≤255")
        elif (match := INTERACTION_12.match(element)) is not None:
            self.interaction_12(call, int(match.group(1)), match.group(2), value)

    def score_12(self, call: Call, element: str, value: str) -> None:
        if value == "" and element != "cmi.core.score.raw":
            return
        if not DECIMAL_12.match(value):
            self.flag(call, f"{element} {value!r} is not a decimal with at most 3 integer digits")
            return
        if not 0 <= float(value) <= 100:
            self.flag(call, f"{element} {value} is outside 0-100 (error 405 in Totara)")

    def interaction_index(self, call: Call, index: int, name: str) -> _Interaction | None:
        if index not in self.interactions:
            expected = len(self.interactions)
            if index != expected:
                self.flag(
                    call,
                    f"interaction index {index} leaves a gap: the next index is {expected} "
                    "(cmi.interactions._count)",
                )
            if name != "id":
                self.flag(call, f"first write to interaction {index} must be its id, not {name}")
            if self.standard == SCORM2004 and index == 250:
                self.flag(call, "more than 250 interactions: Totara guarantees only 250 per SCO")
            self.interactions[index] = _Interaction()
        return self.interactions[index]

    def interaction_12(self, call: Call, index: int, name: str, value: str) -> None:
        inter = self.interaction_index(call, index, name)
        assert inter is not None
        inter.fields.add(name)
        if name == "id":
            if not IDENTIFIER_12.match(value):
                self.flag(
                    call,
                    f"interaction id {value!r}: SCORM 1.2 allows letters, digits, '-' and '_' "
                    "only (no spaces, no '.'), at most 255",
                )
        elif name == "type":
            inter.type = value
            if value not in INTERACTION_TYPES_12:
                self.flag(call, f"interaction type {value!r} does not exist in SCORM 1.2")
        elif name == "time":
            if not TIME_12.match(value):
                self.flag(call, f"interactions.n.time {value!r} must be a clock time HH:MM:SS")
        elif name == "latency":
            if not TIMESPAN_12.match(value):
                self.flag(call, f"latency {value!r} must be HH:MM:SS(.ss), 2-4 hour digits")
        elif name == "result":
            if value not in RESULTS_12 and not DECIMAL_12.match(value):
                self.flag(call, f"result {value!r} is not one of {sorted(RESULTS_12)} or a number")
        elif name == "weighting":
            if not DECIMAL_12.match(value):
                self.flag(call, f"weighting {value!r} is not a decimal")
        elif name == "student_response":
            self.length(call, "student_response", value, 255)
        elif (m := re.match(r"^correct_responses\.(\d+)\.pattern$", name)) is not None:
            self.length(call, "correct_responses.n.pattern", value, 255)
            if int(m.group(1)) > inter.patterns:
                self.flag(call, "correct_responses index leaves a gap")
            inter.patterns = max(inter.patterns, int(m.group(1)) + 1)
        elif (m := re.match(r"^objectives\.(\d+)\.id$", name)) is not None:
            if not IDENTIFIER_12.match(value):
                self.flag(call, f"interaction objective id {value!r} is not a 1.2 identifier")
        else:
            self.flag(call, f"cmi.interactions.n.{name} is not a SCORM 1.2 element")

    def check_set_2004(self, call: Call, element: str, value: str) -> None:
        if element == "cmi.completion_status":
            self.status_written = True
            if value not in COMPLETION_WRITABLE_2004:
                self.flag(call, f"completion_status {value!r} may not be written by the SCO")
        elif element == "cmi.success_status":
            if value not in SUCCESS_WRITABLE_2004:
                self.flag(call, f"success_status {value!r} is not passed/failed/unknown")
        elif element == "cmi.location":
            self.length(call, element, value, 1000)
        elif element == "cmi.suspend_data":
            self.length(call, element, value, 64000)
        elif element == "cmi.exit":
            if value not in EXIT_2004:
                self.flag(call, f"cmi.exit {value!r} is not one of {sorted(EXIT_2004)}")
        elif element == "cmi.session_time":
            self.session_time_written = True
            self.timespan_2004(call, element, value)
        elif element == "cmi.score.scaled":
            self.decimal_2004(call, element, value, -1, 1)
        elif element in ("cmi.score.raw", "cmi.score.min", "cmi.score.max"):
            # Moodle/Totara grade from raw against a maximum grade of 100 (standards.md §7).
            self.decimal_2004(call, element, value, 0, 100)
        elif element == "cmi.progress_measure":
            self.decimal_2004(call, element, value, 0, 1)
        elif element.startswith("cmi.objectives."):
            if element.endswith(".id") and not LONG_IDENTIFIER_2004.match(value):
                self.flag(call, f"objective id {value!r} is not a long identifier")
        elif (match := INTERACTION_2004.match(element)) is not None:
            self.interaction_2004(call, int(match.group(1)), match.group(2), value)

    def decimal_2004(self, call: Call, element: str, value: str, low: float, high: float) -> None:
        if not DECIMAL_2004.match(value):
            self.flag(
                call,
                f"{element} {value!r} is not a decimal Totara accepts (leading digit, at most "
                "5 integer digits, no exponent)",
            )
            return
        if not low <= float(value) <= high:
            self.flag(call, f"{element} {value} is outside {low:g}..{high:g}")

    def timespan_2004(self, call: Call, element: str, value: str) -> None:
        if not TIMESPAN_2004.match(value) or value in ("P", "PT"):
            self.flag(call, f"{element} {value!r} is not an ISO duration like PT1H2M3.45S")

    def interaction_2004(self, call: Call, index: int, name: str, value: str) -> None:
        inter = self.interaction_index(call, index, name)
        assert inter is not None
        if name != "id" and "id" not in inter.fields:
            self.flag(call, "interaction written before its id (error 408)")
        inter.fields.add(name)
        if name == "id":
            if not LONG_IDENTIFIER_2004.match(value):
                self.flag(call, f"interaction id {value!r} is not a long identifier (no spaces)")
        elif name == "type":
            inter.type = value
            if value not in INTERACTION_TYPES_2004:
                self.flag(call, f"interaction type {value!r} does not exist in SCORM 2004")
        elif name == "timestamp":
            if not TIMESTAMP_2004.match(value):
                self.flag(
                    call,
                    f"timestamp {value!r}: YYYY-MM-DDThh:mm:ss, at most 2 fractional digits, "
                    "a zone only after a fraction, year ≤2038",
                )
        elif name == "latency":
            self.timespan_2004(call, "latency", value)
        elif name == "result":
            if value not in RESULTS_2004 and not DECIMAL_2004.match(value):
                self.flag(call, f"result {value!r} is not one of {sorted(RESULTS_2004)}")
        elif name == "weighting":
            if not DECIMAL_2004.match(value):
                self.flag(call, f"weighting {value!r} is not a decimal Totara accepts")
        elif name == "description":
            self.length(call, "description", value, 250)
        elif name == "learner_response":
            self.need_type(call, inter)
            self.response_2004(call, inter.type, value, "learner_response")
        elif (m := re.match(r"^correct_responses\.(\d+)\.pattern$", name)) is not None:
            self.need_type(call, inter)
            if int(m.group(1)) > inter.patterns:
                self.flag(call, "correct_responses index leaves a gap")
            inter.patterns = max(inter.patterns, int(m.group(1)) + 1)
            self.response_2004(call, inter.type, value, "correct_responses.n.pattern")
        elif (m := re.match(r"^objectives\.(\d+)\.id$", name)) is not None:
            if not LONG_IDENTIFIER_2004.match(value):
                self.flag(call, f"interaction objective id {value!r} is not a long identifier")
        else:
            self.flag(call, f"cmi.interactions.n.{name} is not a SCORM 2004 element")

    def need_type(self, call: Call, inter: _Interaction) -> None:
        if inter.type is None and not inter.restored:
            self.flag(call, "response written before the interaction's type (error 408)")

    def response_2004(self, call: Call, kind: str | None, value: str, what: str) -> None:
        """Response identifiers inside choice/sequencing/likert/matching responses."""
        ids: list[str] = []
        if kind in ("choice", "sequencing"):
            ids = value.split("[,]") if value else []
            if kind == "choice":
                if len(ids) > 36:
                    self.flag(call, f"{what}: more than 36 choices")
                if len(set(ids)) != len(ids):
                    self.flag(call, f"{what}: choice ids must be unique")
        elif kind == "likert":
            ids = [value] if value else []
        elif kind == "matching":
            for pair in value.split("[,]") if value else []:
                halves = pair.split("[.]")
                if len(halves) != 2:
                    self.flag(call, f"{what}: matching pair {pair!r} is not source[.]target")
                    continue
                ids.extend(halves)
        elif kind == "true-false":
            if value not in ("true", "false"):
                self.flag(call, f"{what}: true-false response {value!r} is not true or false")
            return
        elif kind == "long-fill-in":
            self.length(call, what, value, 4000)
            return
        elif kind == "fill-in":
            # up to 10 strings of up to 250 characters; the delimiters make a full parse
            # pointless here, but the total stays bounded
            if value.count("[,]") >= 10:
                self.flag(call, f"{what}: fill-in has more than 10 values")
            return
        elif kind == "numeric" and value and not re.match(r"^-?\d", value.split("[:]")[0] or "0"):
            self.flag(call, f"{what}: numeric response {value!r} is not a number")
            return
        for ident in ids:
            if not RESPONSE_ID_2004.match(ident):
                self.flag(
                    call,
                    f"{what}: response id {ident!r} — Totara allows letters, digits, '_' and '.' "
                    "only (no '-'), at most 250",
                )


def check_calls(calls: Iterable[Call], standard: str) -> list[Violation]:
    """Every rule a session's calls break, in call order (session-level rules last)."""
    return _Checker(standard).run(calls)


def assert_totara_clean(calls: Iterable[Call], standard: str, context: str = "") -> None:
    problems = check_calls(calls, standard)
    if problems:
        head = f"{len(problems)} call(s) break Totara's rules ({standard}"
        head += f", {context})" if context else ")"
        raise AssertionError(head + ":\n" + "\n".join(f"  - {p}" for p in problems))
