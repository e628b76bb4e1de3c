"""Rules for the statements a package sent, as stored by the LRS: xAPI 1.0.3 shape (our own
checks beside Ralph's model), the Tin Can session sequence (standards.md 4.4), the cmi5 rules
(cmi5 spec sections 7.1, 9, 10; standards.md 5.3-5.4) and our activity ids (runtime.md).

Every function returns a list of problems, each naming the statement (`describe`), so that a
failing test shows what was sent. test_rules.py tries them on hand-made statements.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/"
CAT_CMI5 = CMI5 + "context/categories/cmi5"
CAT_MOVEON = CMI5 + "context/categories/moveon"
EXT_SESSION = CMI5 + "context/extensions/sessionid"
EXT_MASTERY = CMI5 + "context/extensions/masteryscore"
EXT_LAUNCHMODE = CMI5 + "context/extensions/launchmode"
EXT_LAUNCHURL = CMI5 + "context/extensions/launchurl"
EXT_MOVEON = CMI5 + "context/extensions/moveon"
EXT_LAUNCHPARAMS = CMI5 + "context/extensions/launchparameters"
EXT_PROGRESS = CMI5 + "result/extensions/progress"
CMI5_AU_VERBS = ("initialized", "completed", "passed", "failed", "terminated")
LMS_ONLY_VERBS = {
    ADL_VERBS + "launched": "launched",
    "https://w3id.org/xapi/adl/verbs/abandoned": "abandoned",
    "https://w3id.org/xapi/adl/verbs/waived": "waived",
    "https://w3id.org/xapi/adl/verbs/satisfied": "satisfied",
}
OUTCOMES = ("completed", "passed", "failed")

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")
# ISO 8601 duration, xAPI: at most 0.01 s precision is kept
DURATION_RE = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"
)
IRI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$")


def verb(st: dict[str, Any]) -> str:
    vid = str(st.get("verb", {}).get("id", "?"))
    return LMS_ONLY_VERBS.get(vid) or vid.removeprefix(ADL_VERBS)


def obj_id(st: dict[str, Any]) -> str:
    return str(st.get("object", {}).get("id", "?"))


def describe(st: dict[str, Any]) -> str:
    """A one-line excerpt of a statement for failure messages."""
    result = st.get("result")
    ctx = st.get("context", {})
    ext = sorted(k.rsplit("/", 1)[-1] for k in ctx.get("extensions", {}))
    cats = sorted(
        c.get("id", "?").rsplit("/", 1)[-1]
        for c in ctx.get("contextActivities", {}).get("category", [])
    )
    text = f"{st.get('timestamp', '?')} {verb(st)} {obj_id(st)}"
    if result:
        text += f" result={json.dumps(result, ensure_ascii=False)[:160]}"
    if cats:
        text += f" category={cats}"
    if ext:
        text += f" ext={ext}"
    return text + f" id={st.get('id')}"


def timestamp(st: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(st["timestamp"]).replace("Z", "+00:00"))


def duration_seconds(value: str) -> float:
    match = re.match(
        r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", value or ""
    )
    if not match:
        raise ValueError(f"not a duration we can read: {value!r}")
    days, hours, minutes, seconds = (float(g or 0) for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def by_time(statements: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(statements, key=lambda s: (timestamp(s), s.get("stored", "")))


def _categories(st: dict[str, Any]) -> set[str]:
    acts = st.get("context", {}).get("contextActivities", {})
    return {str(c.get("id")) for c in acts.get("category", [])}


def _grouping(st: dict[str, Any]) -> set[str]:
    acts = st.get("context", {}).get("contextActivities", {})
    return {str(c.get("id")) for c in acts.get("grouping", [])}


# --- every statement ----------------------------------------------------------------------


def statement_problems(
    statements: list[dict[str, Any]],
    actor: dict[str, Any],
    registration: str | None,
    utc: bool = False,
) -> list[str]:
    """Our own checks on each statement: id, timestamp, actor, registration, verb, object,
    result fields; and no id twice."""
    out: list[str] = []
    for st in statements:
        where = describe(st)
        if not UUID_RE.match(str(st.get("id", ""))):
            out.append(f"id is not a lower-case RFC 4122 UUID: {where}")
        ts = str(st.get("timestamp", ""))
        if not TIMESTAMP_RE.match(ts):
            out.append(f"timestamp {ts!r} is not ISO 8601 with a zone: {where}")
        elif utc and not (ts.endswith("Z") or ts.endswith("+00:00")):
            out.append(f"timestamp {ts!r} is not UTC (cmi5 9.7): {where}")
        if st.get("actor") != actor:
            out.append(
                f"actor {json.dumps(st.get('actor'), ensure_ascii=False)} is not the launch "
                f"actor {json.dumps(actor, ensure_ascii=False)}: {where}"
            )
        got = st.get("context", {}).get("registration")
        if got != registration:
            out.append(f"context.registration {got!r}, launched with {registration!r}: {where}")
        v = st.get("verb", {})
        if not IRI_RE.match(str(v.get("id", ""))):
            out.append(f"verb id is not an IRI: {where}")
        if not v.get("display"):
            out.append(f"verb has no display: {where}")
        if not IRI_RE.match(obj_id(st)):
            out.append(f"object id is not an absolute IRI: {where}")
        if "version" in st and not str(st["version"]).startswith("1.0"):
            out.append(f"version {st['version']!r}: {where}")
        out += _result_problems(st, where)
    counts = Counter(str(st.get("id")) for st in statements)
    out += [f"statement id {i} stored {n} times" for i, n in counts.items() if n > 1]
    return out


def _result_problems(st: dict[str, Any], where: str) -> list[str]:
    result = st.get("result")
    if result is None:
        return []
    out = []
    duration = result.get("duration")
    if duration is not None and not DURATION_RE.match(str(duration)):
        out.append(f"result.duration {duration!r} is not an ISO 8601 duration (<= 0.01 s): {where}")
    score = result.get("score")
    if score is not None:
        scaled = score.get("scaled")
        if scaled is not None and not -1 <= scaled <= 1:
            out.append(f"score.scaled {scaled} outside -1..1: {where}")
        raw, low, high = score.get("raw"), score.get("min"), score.get("max")
        if raw is not None and (low is None or high is None or not low <= raw <= high):
            out.append(f"score.raw {raw} needs min <= raw <= max ({low}, {high}): {where}")
    return out


# --- Tin Can: the session sequence ------------------------------------------------------------


def tincan_session_problems(
    statements: list[dict[str, Any]], course_object: str, course_iri: str
) -> list[str]:
    """One or more launches in timestamp order: each starts with initialized (or resumed) and
    ends with terminated (or suspended); outcomes are about the course; every other statement
    carries the course in contextActivities (parent or grouping)."""
    out: list[str] = []
    starts, ends = {"initialized", "resumed", "attempted"}, {"terminated", "suspended"}
    open_session = False
    ordered = by_time(statements)
    for st in ordered:
        name = verb(st)
        if name in starts:
            if open_session:
                out.append(f"{name} before the previous session ended: {describe(st)}")
            open_session = True
        elif not open_session:
            out.append(f"statement outside a session (before initialized or after terminated): "
                       f"{describe(st)}")  # fmt: skip
        if name in ends:
            open_session = False
        if name in starts | ends | set(OUTCOMES):
            if obj_id(st) != course_object:
                out.append(f"{name} is not about the launched activity {course_object}: "
                           f"{describe(st)}")  # fmt: skip
        else:
            acts = st.get("context", {}).get("contextActivities", {})
            ids = {str(a.get("id")) for key in ("parent", "grouping") for a in acts.get(key, [])}
            if course_iri not in ids and course_object not in ids:
                out.append(f"no course in contextActivities parent/grouping: {describe(st)}")
        out += _outcome_result_problems(st)
    if open_session:
        out.append(f"the last session has no terminated/suspended (last: {describe(ordered[-1])})")
    completed = [s for s in statements if verb(s) == "completed"]
    passed = [s for s in statements if verb(s) == "passed"]
    for name, found in (("completed", completed), ("passed", passed)):
        if len(found) > 1:
            out.append(f"{name} {len(found)} times in one registration: "
                       + "; ".join(describe(s) for s in found))  # fmt: skip
    return out


def _outcome_result_problems(st: dict[str, Any]) -> list[str]:
    name, result = verb(st), st.get("result") or {}
    where = describe(st)
    out = []
    if name == "completed" and result.get("completion") is not True:
        out.append(f"completed without result.completion true: {where}")
    if name == "passed" and result.get("success") is not True:
        out.append(f"passed without result.success true: {where}")
    if name == "failed" and result.get("success") is not False:
        out.append(f"failed without result.success false: {where}")
    if name in ("passed", "failed"):
        scaled = (result.get("score") or {}).get("scaled")
        if scaled is not None and not 0 <= scaled <= 1:
            out.append(f"{name} with score.scaled {scaled} outside 0..1: {where}")
    return out


# --- cmi5 ---------------------------------------------------------------------------------


@dataclass
class Cmi5Session:
    """What the LMS set up for one launch (the test's record of it)."""

    session_id: str
    registration: str
    activity_id: str  # the LMS's id for the AU (the object of cmi5 defined statements)
    au_id: str  # the publisher's id from cmi5.xml (in contextActivities.grouping)
    launch_mode: str  # Normal | Browse | Review
    mastery: float | None
    template: dict[str, Any] = field(default_factory=dict)


def cmi5_problems(statements: list[dict[str, Any]], sessions: list[Cmi5Session]) -> list[str]:
    """Every cmi5 rule we can check on the stored statements of one registration (the LMS's
    launched statements included)."""
    out: list[str] = []
    by_session = {s.session_id: s for s in sessions}
    lms = [s for s in statements if verb(s) == "launched"]
    au = [s for s in statements if verb(s) != "launched"]
    for st in au:
        if verb(st) in LMS_ONLY_VERBS.values():
            out.append(f"the AU sent {verb(st)}, which only the LMS may: {describe(st)}")
    grouped: dict[str, list[dict[str, Any]]] = {}
    for st in au:
        sid = st.get("context", {}).get("extensions", {}).get(EXT_SESSION)
        if sid not in by_session:
            out.append(f"session id {sid!r} is none the LMS launched: {describe(st)}")
            continue
        grouped.setdefault(str(sid), []).append(st)
    for sid, session in by_session.items():
        mine = by_time(grouped.get(sid, []))
        launched = [
            s for s in lms if s.get("context", {}).get("extensions", {}).get(EXT_SESSION) == sid
        ]
        out += _session_problems(mine, session, launched)
    out += _registration_problems(au, sessions)
    return out


def _template_problems(st: dict[str, Any], session: Cmi5Session) -> list[str]:
    """The context template copied: its extensions and context activities kept, unchanged."""
    out = []
    ctx = st.get("context", {})
    for key, value in session.template.get("extensions", {}).items():
        if ctx.get("extensions", {}).get(key) != value:
            got = ctx.get("extensions", {}).get(key)
            out.append(
                f"context template extension {key} is {got!r}, not {value!r}: {describe(st)}"
            )
    for kind, acts in session.template.get("contextActivities", {}).items():
        have = {str(a.get("id")) for a in ctx.get("contextActivities", {}).get(kind, [])}
        for act in acts:
            if act.get("id") not in have:
                out.append(f"contextActivities.{kind} lost the template's {act.get('id')}: "
                           f"{describe(st)}")  # fmt: skip
    for key, value in session.template.items():
        if key not in ("extensions", "contextActivities") and ctx.get(key) != value:
            out.append(f"context.{key} differs from the template's {value!r}: {describe(st)}")
    return out


def _session_problems(
    mine: list[dict[str, Any]], session: Cmi5Session, launched: list[dict[str, Any]]
) -> list[str]:
    out: list[str] = []
    sid = session.session_id
    if not mine:
        return [f"session {sid}: the AU sent nothing (not even initialized)"]
    if len(launched) != 1:
        out.append(f"session {sid}: {len(launched)} launched statements by the LMS")
    elif timestamp(launched[0]) > timestamp(mine[0]):
        out.append(
            f"session {sid}: the AU's first statement precedes launched: {describe(mine[0])}"
        )
    if verb(mine[0]) != "initialized":
        out.append(f"session {sid}: the first statement is not initialized: {describe(mine[0])}")
    if verb(mine[-1]) != "terminated":
        out.append(f"session {sid}: the last statement is not terminated: {describe(mine[-1])}")
    defined = [s for s in mine if CAT_CMI5 in _categories(s)]
    counts = Counter(verb(s) for s in defined)
    for name, n in counts.items():
        if n > 1:
            out.append(f"session {sid}: {name} sent {n} times (cmi5 9.3: no duplicate verbs)")
    if counts["passed"] + counts["failed"] > 1:
        out.append(f"session {sid}: both passed and failed, or one twice")
    if session.launch_mode != "Normal":
        extra = [s for s in defined if verb(s) not in ("initialized", "terminated")]
        out += [
            f"session {sid} ({session.launch_mode}): {verb(s)} sent, only initialized and "
            f"terminated are allowed: {describe(s)}"
            for s in extra
        ]
    init = next((s for s in mine if verb(s) == "initialized"), None)
    for st in mine:
        out += _template_problems(st, session)
        out += _cmi5_statement_problems(st, session, init)
    return out


def _cmi5_statement_problems(
    st: dict[str, Any], session: Cmi5Session, init: dict[str, Any] | None
) -> list[str]:
    out: list[str] = []
    name, where = verb(st), describe(st)
    cats = _categories(st)
    result = st.get("result") or {}
    is_au_verb = name in CMI5_AU_VERBS and obj_id(st) == session.activity_id
    if name in CMI5_AU_VERBS and obj_id(st) != session.activity_id:
        out.append(f"{name} is not about the launch activityId {session.activity_id}: {where}")
    if is_au_verb and CAT_CMI5 not in cats:
        out.append(f"cmi5 defined {name} without the cmi5 category: {where}")
    if not is_au_verb and CAT_CMI5 in cats:
        out.append(f"the cmi5 category on a statement that is not cmi5 defined: {where}")
    judged = "success" in result or "completion" in result
    if is_au_verb and judged and CAT_MOVEON not in cats:
        out.append(f"{name} has success/completion but not the moveon category: {where}")
    if CAT_MOVEON in cats and not (is_au_verb and judged):
        out.append(f"the moveon category where cmi5 9.6.2.2 forbids it: {where}")
    if not is_au_verb:
        return out
    if name != "completed" and "completion" in result:
        out.append(f"{name} has result.completion (only completed may): {where}")
    if name not in ("passed", "failed") and "success" in result:
        out.append(f"{name} has result.success (only passed/failed may): {where}")
    if name not in ("passed", "failed") and "score" in result:
        out.append(f"{name} has a score (only passed/failed may): {where}")
    if name in ("completed", "passed", "failed", "terminated") and "duration" not in result:
        out.append(f"{name} has no result.duration: {where}")
    if name == "completed":
        if result.get("completion") is not True:
            out.append(f"completed without result.completion true: {where}")
        if EXT_PROGRESS in result.get("extensions", {}):
            out.append(f"completed carries the progress extension: {where}")
    if name in ("passed", "failed"):
        expected = name == "passed"
        if result.get("success") is not expected:
            out.append(f"{name} needs result.success {str(expected).lower()}: {where}")
        scaled = (result.get("score") or {}).get("scaled")
        mastery = session.mastery
        if scaled is not None and not 0 <= scaled <= 1:
            out.append(f"{name}: score.scaled {scaled} outside 0..1: {where}")
        if mastery is not None and scaled is not None:
            if expected and scaled < mastery:
                out.append(f"passed with scaled {scaled} < masteryScore {mastery}: {where}")
            if not expected and scaled >= mastery:
                out.append(f"failed with scaled {scaled} >= masteryScore {mastery}: {where}")
        ext = st.get("context", {}).get("extensions", {})
        if mastery is not None and ext.get(EXT_MASTERY) != mastery:
            out.append(f"{name}: masteryscore extension {ext.get(EXT_MASTERY)!r}, the launch "
                       f"data's masteryScore is {mastery}: {where}")  # fmt: skip
        raw = (result.get("score") or {}).get("raw")
        if raw is not None and not isinstance(raw, int):
            out.append(f"{name}: score.raw {raw!r} is not an integer: {where}")
    if name == "terminated" and init is not None and "duration" in result:
        took = (timestamp(st) - timestamp(init)).total_seconds()
        said = duration_seconds(str(result["duration"]))
        if said > took + 2 or (took > 5 and said < took / 2):
            out.append(f"terminated says {said:.1f} s, initialized..terminated took {took:.1f} s: "
                       f"{where}")  # fmt: skip
    return out


def _registration_problems(au: list[dict[str, Any]], sessions: list[Cmi5Session]) -> list[str]:
    out: list[str] = []
    defined = by_time(s for s in au if CAT_CMI5 in _categories(s))
    for name in ("completed", "passed"):
        found = [s for s in defined if verb(s) == name]
        if len(found) > 1:
            out.append(f"{name} {len(found)} times in one registration (cmi5 9.3): "
                       + "; ".join(describe(s) for s in found))  # fmt: skip
    passed_at = next((timestamp(s) for s in defined if verb(s) == "passed"), None)
    if passed_at is not None:
        out += [
            f"failed after passed in the registration: {describe(s)}"
            for s in defined
            if verb(s) == "failed" and timestamp(s) > passed_at
        ]
    return out


# --- the requests: nothing after terminated -----------------------------------------------------


def sent_after_end(
    requests: list[tuple[int, list[dict[str, Any]]]], session_of: Any = None
) -> list[str]:
    """In the order the LRS received them ((status, statements) per request): once a request
    carrying terminated was accepted, no later request of that session may carry statements
    the LRS had not accepted before. `session_of(st)` names a statement's session (cmi5: its
    session id); without it, everything is one session."""
    out: list[str] = []
    accepted: set[str] = set()
    ended: set[Any] = set()
    for status, sts in requests:
        for st in sts:
            key = session_of(st) if session_of else None
            if key in ended and str(st.get("id")) not in accepted:
                out.append(f"sent after terminated was stored: {describe(st)}")
        if status < 300:
            for st in sts:
                accepted.add(str(st.get("id")))
                if verb(st) == "terminated":
                    ended.add(session_of(st) if session_of else None)
    return out


# --- our activity ids -------------------------------------------------------------------------


def element_iris(config: dict[str, Any]) -> dict[str, str]:
    """{IRI: what it is} for every page, quiz, question, survey, item, reflection and group of
    the boot config, each checked against runtime.md's pattern first (see iri_problems)."""
    out: dict[str, str] = {}
    for page in config.get("pages", []):
        out[page.get("iri", "")] = f"page {page['id']}"
    for quiz_id, quiz in config.get("quizzes", {}).items():
        out[quiz.get("iri", "")] = f"quiz {quiz_id}"
        for q in quiz.get("questions", []):
            out[q.get("iri", "")] = f"question {quiz_id}/{q['id']}"
    for survey_id, survey in config.get("surveys", {}).items():
        out[survey.get("iri", "")] = f"survey {survey_id}"
        for item in survey.get("items", []):
            out[item.get("iri", "")] = f"survey item {survey_id}/{item['id']}"
        if survey.get("comment"):  # the free-text comment has no iri of its own in the config
            out[f"{survey.get('iri', '')}/{survey['comment']}"] = f"survey comment {survey_id}"
    for kind in ("reflections", "groups"):
        for element_id, element in config.get(kind, {}).items():
            out[element.get("iri", "")] = f"{kind[:-1]} {element_id}"
    return out


def iri_problems(config: dict[str, Any], base_iri: str, course_id: str) -> list[str]:
    """The boot config's IRIs are `<base_iri><course-id>/<kind>/<id>` (stable across builds)."""
    out: list[str] = []
    course = f"{base_iri}{course_id}"
    xapi = config.get("xapi", {})
    if xapi.get("courseIri") != course:
        out.append(f"config xapi.courseIri {xapi.get('courseIri')!r}, expected {course!r}")
    expected: list[tuple[str, str]] = [(p.get("iri", ""), f"{course}/pages/{p['id']}")
                                       for p in config.get("pages", [])]  # fmt: skip
    for quiz_id, quiz in config.get("quizzes", {}).items():
        expected.append((quiz.get("iri", ""), f"{course}/quizzes/{quiz_id}"))
        expected += [
            (q.get("iri", ""), f"{course}/quizzes/{quiz_id}/{q['id']}")
            for q in quiz.get("questions", [])
        ]
    for survey_id, survey in config.get("surveys", {}).items():
        expected.append((survey.get("iri", ""), f"{course}/surveys/{survey_id}"))
        expected += [
            (i.get("iri", ""), f"{course}/surveys/{survey_id}/{i['id']}")
            for i in survey.get("items", [])
        ]
    for kind in ("reflections", "groups"):
        expected += [
            (e.get("iri", ""), f"{course}/{kind}/{element_id}")
            for element_id, e in config.get(kind, {}).items()
        ]
    out += [f"IRI {got!r}, expected {want!r}" for got, want in expected if got != want]
    return out


def object_problems(
    statements: list[dict[str, Any]], config: dict[str, Any], course_object: str
) -> list[str]:
    """Each statement's object is the launched activity or one of the config's element IRIs
    of the right kind (experienced: a page; answered: a question, survey item, reflection or
    group)."""
    known = element_iris(config)
    out = []
    for st in statements:
        oid, name = obj_id(st), verb(st)
        if oid == course_object:
            continue
        what = known.get(oid)
        if what is None:
            out.append(f"object {oid} is neither the launched activity nor a config IRI: "
                       f"{describe(st)}")  # fmt: skip
        elif name == "experienced" and not what.startswith("page "):
            out.append(f"experienced a {what}, not a page: {describe(st)}")
        elif name == "answered" and what.split()[0] not in (
            "question",
            "survey",
            "reflection",
            "group",
        ):
            out.append(f"answered a {what}: {describe(st)}")
    return out


def leaks(texts: Iterable[tuple[str, str]], needle: str) -> list[str]:
    """Where `needle` occurs among (where, text) pairs."""
    return [f"{where}: ...{text[max(0, text.find(needle) - 80):][:200]}..."
            for where, text in texts if needle in text]  # fmt: skip
