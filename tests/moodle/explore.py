"""The exploration behind docs/lms-moodle.md: walks, report downloads and SCORM API experiments
in Moodle 4.5.6. Not a test (pytest does not collect it); run it to see the facts again:

    .venv/bin/python tests/moodle/explore.py --out /tmp/moodle-explore [--samples]

It resets the moodle.sh site, builds the default course, uploads the vgr SCORM 1.2 and the public
SCORM 2004 package, walks each with three students making different choices, downloads every report
in every format, runs the API experiments (part (c)/(d) of the document) on further activities,
and writes everything it saw under --out (JSON, the downloads, the tracks). With --samples it
also refreshes tests/moodle/samples/ (CSV downloads and tracks, names replaced by Student N).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "e2e"))

from course_packages import Package, run_build, unpack
from learner import Course
from lms import ANNOUNCEMENTS_JS, CHROMIUM, CHROMIUM_ARGS
from moodle_player import Api, MoodleBrowser, as_dict
from moodle_reports import read_report
from moodle_site import Activity, MoodleSite, Student
from moodle_walk import Choices, walk
from playwright.sync_api import sync_playwright

FORMATS = {"csv": "txt", "ods": "ods", "excel": "xlsx"}
# Report variants: (file stem, mode, moodle.sh options)
REPORTS: list[tuple[str, str, dict[str, Any]]] = [
    ("basic", "basic", {}),
    ("basic-detailed", "basic", {"detailed": True}),
    ("interactions", "interactions", {}),  # moodle.sh default: all four columns per interaction
    ("interactions-moodle-default", "interactions", {"columns": "resp"}),
    ("objectives", "objectives", {}),
    ("objectives-score", "objectives", {"objective_score": True}),
]

# Three learners with different choices (see docs/lms-moodle.md, part 2).
WALKS = [
    Choices(
        group="lakare",
        survey={"enkat-relevans": 5, "enkat-begriplighet": 4, "enkat-ide": 2},
        comment="Bra kurs, lagom lång",
        reflection="Reflektion: granska alltid svaren",
        pass_post_test=True,
    ),
    Choices(
        group="biomedicinska-analytiker",
        pre_test_wrong=("model", "language-model", "building-a-model", "concepts", "patient-data"),
        survey={"enkat-relevans": 1, "enkat-rekommendation": 1},
        reflection="",
        pass_post_test=False,
    ),
    Choices(group=None, pre_test_wrong=("responsibility", "ai-act", "prerequisites")),
]
# The third learner leaves on this page (an unfinished attempt in the reports).
THIRD_STOPS_ON = "Generativ AI och språkmodeller"


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def log(*args: Any) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


# --- walks and downloads -----------------------------------------------------------------------


def walk_students(
    mb: MoodleBrowser,
    site: MoodleSite,
    activity: Activity,
    package: Package,
    course: Course,
    students: list[Student],
    out: Path,
) -> dict[str, Any]:
    strings = package.config.get("strings", {})
    summary: dict[str, Any] = {}
    for n, (student, choices) in enumerate(zip(students, WALKS, strict=True), start=1):
        started = time.monotonic()
        stop = THIRD_STOPS_ON if n == 3 else None
        with mb.learner(student) as learner, learner.session(activity) as window:
            result = walk(window, course, strings, choices, stop_on=stop)
            warnings = window.runtime_warnings()
        tracks = site.wait_tracks(
            activity.cmid,
            student.username,
            lambda t: (
                bool(t.get("attempts"))
                and any(
                    "session_time" in k for s in t["attempts"][-1]["scoes"] for k in s["elements"]
                )
            ),
        )
        summary[student.username] = {
            "choices": choices.__dict__,
            "visited": result.visited,
            "pre_result": result.pre_result,
            "post_result": result.post_result,
            "surveyed": result.surveyed,
            "runtime_warnings": warnings,
            "seconds": round(time.monotonic() - started, 1),
            "grade": tracks.get("gradebook"),
            "completion": tracks.get("completion"),
            "attempts": [
                {k: a[k] for k in ("attempt", "grade")}
                | {
                    "scoes": [
                        {
                            k: s.get(k)
                            for k in ("status", "score_raw", "total_time", "element_count")
                        }
                        for s in a["scoes"]
                    ]
                }
                for a in tracks.get("attempts", [])
            ],
        }
        log(f"  walked {student.username}: {summary[student.username]['seconds']} s")
    dump(out / "walks.json", summary)
    dump(out / "tracks-all.json", site.all_tracks(activity.cmid))
    return summary


def download_all(site: MoodleSite, activity: Activity, out: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for stem, mode, options in REPORTS:
        for fmt, ext in FORMATS.items():
            path = out / "reports" / f"{stem}.{ext}"
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = site.report(activity.cmid, mode, fmt, path, **options)
            headers, rows = read_report(path)
            found[f"{stem}.{ext}"] = {
                "moodle_filename": meta.get("moodle_filename"),
                "preferences": meta.get("preferences"),
                "headers": headers,
                "rows": rows,
            }
    dump(out / "reports.json", found)
    return found


# --- API experiments -----------------------------------------------------------------------------


def experiment_session_1(api: Api, scorm12: bool, slots: int) -> dict[str, Any]:
    """First launch: declare interaction ids 0..slots-1, fill some out of order, overwrite,
    objectives with overwrite; every call and its error code is kept."""
    resp = "student_response" if scorm12 else "learner_response"
    wrong = "wrong" if scorm12 else "incorrect"
    t = {"choice": "choice", "tf": "true-false"}
    out: dict[str, Any] = {
        "count_at_start": api.value("cmi.interactions._count"),
        "objectives_count_at_start": api.value("cmi.objectives._count"),
        "objective_0_at_start": api.get("cmi.objectives.0.id").__dict__,
    }
    # ids first, for every question slot, before any answer
    out["declare"] = [
        api.set(f"cmi.interactions.{i}.id", f"slot-{i:02d}_q").error for i in range(slots)
    ]
    out["count_after_declare"] = api.value("cmi.interactions._count")
    # answers later, out of order
    for n, (kind, response, result) in {
        7: (t["choice"], "b", "correct"),
        3: (t["tf"], "t" if scorm12 else "true", wrong),
        12: (t["choice"], "a,c" if scorm12 else "a[,]c", "correct"),
    }.items():
        api.set(f"cmi.interactions.{n}.type", kind)
        api.set(f"cmi.interactions.{n}.{resp}", response)
        api.set(f"cmi.interactions.{n}.result", result)
    out["first_commit"] = api.commit().__dict__
    # overwrite an answer after it was committed
    api.set(f"cmi.interactions.7.{resp}", "c")
    api.set("cmi.interactions.7.result", wrong)
    # rename an interaction (1.2: the id is write-only but writable again; 2004: read-write)
    api.set("cmi.interactions.12.id", "slot-12-renamed")
    # a response on a declared slot that never got a type (2004 requires the type first)
    api.set(f"cmi.interactions.5.{resp}", "a")
    # a gap: an index beyond _count
    api.set(f"cmi.interactions.{slots + 1}.id", "gap")
    # 1.2 only: a field at index == _count without an id first creates the interaction
    api.set(f"cmi.interactions.{slots}.result", "neutral")
    # reading interaction fields back
    api.get(f"cmi.interactions.7.{resp}")
    api.get("cmi.interactions.7.id")
    # identifier rules
    for ident in ("with space", "dots.in.id", "colon:id", "x" * 255, "y" * 256, "åäö", "urn:x:y"):
        api.set("cmi.interactions.15.id", ident)
    api.set("cmi.interactions.15.id", "slot-15_q")
    # objectives: id, score, status; then overwrite
    status = "cmi.objectives.{}.status" if scorm12 else "cmi.objectives.{}.success_status"
    api.set("cmi.objectives.0.id", "obj-pre_test")
    api.set("cmi.objectives.0.score.raw", "40")
    api.set(status.format(0), "failed")
    api.set("cmi.objectives.1.id", "obj_post-test")
    api.set("cmi.objectives.1.score.raw", "80")
    api.set(status.format(1), "passed")
    if not scorm12:
        api.set("cmi.objectives.0.completion_status", "completed")
        api.set("cmi.objectives.1.completion_status", "incomplete")
        api.set("cmi.objectives.1.score.scaled", "0.8")
    api.set("cmi.objectives.2.id", "obj-rename-me")
    out["objectives_commit"] = api.commit().__dict__
    api.set("cmi.objectives.0.score.raw", "65")
    api.set(status.format(0), "passed")
    if not scorm12:
        api.set("cmi.objectives.1.completion_status", "completed")
    api.set("cmi.objectives.2.id", "obj-renamed")
    api.set("cmi.objectives.3.id", "obj-pre_test")  # the id of objective 0 again (if it took)
    api.set("cmi.objectives.4.id", "obj_post-test")  # the id of objective 1 again
    api.get("cmi.objectives.0.score.raw")
    api.get(status.format(0))
    out["objectives_count"] = api.value("cmi.objectives._count")
    out["count_at_end"] = api.value("cmi.interactions._count")
    out["last_commit"] = api.commit().__dict__
    return out


def experiment_session_2(api: Api, scorm12: bool) -> dict[str, Any]:
    """Relaunch of the same attempt: what comes back, and whether old indices can be rewritten."""
    resp = "student_response" if scorm12 else "learner_response"
    wrong = "wrong" if scorm12 else "incorrect"
    entry = "cmi.core.entry" if scorm12 else "cmi.entry"
    status = "cmi.objectives.{}.status" if scorm12 else "cmi.objectives.{}.success_status"
    out: dict[str, Any] = {
        "entry": api.value(entry),
        "interactions_count": api.value("cmi.interactions._count"),
        "objectives_count": api.value("cmi.objectives._count"),
    }
    for element in (
        "cmi.objectives.0.id",
        "cmi.objectives.0.score.raw",
        status.format(0),
        "cmi.interactions.7.id",
        f"cmi.interactions.7.{resp}",
    ):
        api.get(element)
    # a slot declared in session 1 answered now, and an old answer overwritten
    api.set("cmi.interactions.9.type", "choice")
    api.set(f"cmi.interactions.9.{resp}", "d")
    api.set("cmi.interactions.9.result", "correct")
    api.set("cmi.interactions.3.type", "true-false")
    api.set(f"cmi.interactions.3.{resp}", "f" if scorm12 else "false")
    api.set("cmi.interactions.3.result", "correct")
    api.set("cmi.objectives.1.score.raw", "90")
    api.set(status.format(1), "passed")
    count = int(api.value("cmi.interactions._count") or 0)
    api.set(f"cmi.interactions.{count}.id", "appended-in-session-2")
    if not scorm12:
        api.set(f"cmi.interactions.{count}.type", "other")
    api.set(f"cmi.interactions.{count}.result", wrong)
    out["commit"] = api.commit().__dict__
    out["interactions_count_after"] = api.value("cmi.interactions._count")
    return out


def capacity(
    api: Api, scorm12: bool, interactions: int, objectives: int, start: int = 0
) -> dict[str, Any]:
    """Write many interactions (id, type, response, result) and objectives, one commit."""
    resp = "student_response" if scorm12 else "learner_response"
    status = "cmi.objectives.{}.status" if scorm12 else "cmi.objectives.{}.success_status"
    errors = api.frame.evaluate(
        """([name, scorm12, resp, status, from, n, m, mfrom]) => {
             const api = window.parent[name];  // the player page, one hop up
             const set = scorm12 ? 'LMSSetValue' : 'SetValue';
             const err = scorm12 ? 'LMSGetLastError' : 'GetLastError';
             const bad = {};
             const put = (e, v) => {
               api[set](e, v);
               const c = String(api[err]());
               if (c !== '0') bad[e] = c;
             };
             for (let i = from; i < from + n; i++) {
               put('cmi.interactions.' + i + '.id', 'cap-' + i);
               put('cmi.interactions.' + i + '.type', 'choice');
               put('cmi.interactions.' + i + '.' + resp, 'a');
               put('cmi.interactions.' + i + '.result', 'correct');
             }
             for (let j = mfrom; j < mfrom + m; j++) {
               put('cmi.objectives.' + j + '.id', 'cap-obj-' + j);
               put('cmi.objectives.' + j + '.score.raw', String(j % 100));
               put(status.replace('{}', j), 'passed');
             }
             return bad;
           }""",
        [api.name, scorm12, resp, status, start, interactions, objectives, 0],
    )
    commit = api.commit()
    return {
        "set_errors": dict(list(errors.items())[:20]),
        "set_error_count": len(errors),
        "commit": commit.__dict__,
        "interactions_count": api.value("cmi.interactions._count"),
        "objectives_count": api.value("cmi.objectives._count"),
    }


def run_experiments(
    mb: MoodleBrowser, site: MoodleSite, package: Package, student: Student, out: Path
) -> dict[str, Any]:
    scorm12 = package.format == "scorm12"
    activity = site.add_scorm(package.zip_path, name=f"API experiments {package.format}")
    result: dict[str, Any] = {"cmid": activity.cmid}
    with mb.learner(student) as learner:
        with learner.session(activity) as window:
            window.frame.wait_for_timeout(1500)  # the runtime has initialized and committed
            api = window.api
            result["session1"] = experiment_session_1(api, scorm12, slots=16)
            result["session1_calls"] = as_dict(api.log)
        result["tracks_after_1"] = site.wait_tracks(
            activity.cmid, student.username, lambda t: bool(t.get("attempts"))
        )
        with learner.session(activity) as window:
            window.frame.wait_for_timeout(1500)
            api = window.api
            result["session2"] = experiment_session_2(api, scorm12)
            result["session2_calls"] = as_dict(api.log)
            result["session2_warnings"] = window.runtime_warnings()
    time.sleep(1)
    result["tracks_after_2"] = site.tracks(activity.cmid, student.username)
    variants: list[tuple[str, str, dict[str, Any]]] = [
        ("interactions", "interactions", {}),
        ("objectives-score", "objectives", {"objective_score": True}),
        ("objectives", "objectives", {}),
        ("basic-detailed", "basic", {"detailed": True}),
    ]
    for stem, mode, options in variants:
        path = out / f"experiment-{stem}.txt"
        site.report(activity.cmid, mode, "csv", path, attempts="with", **options)
        result[f"report_{stem}"] = read_report(path)

    # capacity on an activity of its own, so the report above stays readable
    cap = site.add_scorm(package.zip_path, name=f"Capacity {package.format}")
    result["capacity_cmid"] = cap.cmid
    with mb.learner(student) as learner, learner.session(cap) as window:
        window.frame.wait_for_timeout(1500)
        api = window.api
        result["capacity_300_120"] = capacity(api, scorm12, 300, 120)
        # one commit of 1300 more interactions: 5200 changed elements, over PHP's
        # max_input_vars (5000 in moodle.sh's ini, the minimum Moodle's installer demands)
        result["capacity_1300_more"] = capacity(api, scorm12, 1300, 0, start=300)
    time.sleep(1)
    tracks = site.tracks(cap.cmid, student.username)
    stored = tracks["attempts"][-1]["scoes"][0]["elements"]
    pattern = r"^cmi\.interactions[._](\d+)\.id$"
    idx = sorted(int(m.group(1)) for k in stored if (m := re.match(pattern, k)))
    result["capacity_stored"] = {
        "element_count": len(stored),
        "interaction_ids": len(idx),
        "max_interaction_index": idx[-1] if idx else None,
        "objective_ids": sum(1 for k in stored if re.match(r"^cmi\.objectives[._]\d+\.id$", k)),
    }
    path = out / "capacity-interactions.txt"
    site.report(cap.cmid, "interactions", "csv", path, attempts="with")
    headers, _ = read_report(path)
    result["capacity_report_columns"] = len(headers)
    path = out / "capacity-objectives.txt"
    site.report(cap.cmid, "objectives", "csv", path, attempts="with")
    headers, _ = read_report(path)
    result["capacity_objectives_columns"] = len(headers)
    dump(out / "experiments.json", result)
    return result


# --- samples for parser tests ----------------------------------------------------------------


def anonymise(text: str, students: list[Student]) -> str:
    for n, student in enumerate(students, start=1):
        text = text.replace(student.fullname, f"Student {n}")
        text = text.replace(f"{student.username}@example.org", f"student{n}@example.invalid")
    return text


def write_samples(out: Path, students: list[Student], standard: str) -> None:
    target = Path(__file__).resolve().parent / "samples" / standard
    target.mkdir(parents=True, exist_ok=True)
    for stem, _mode, _options in REPORTS:
        text = (out / "reports" / f"{stem}.txt").read_text(encoding="utf-8")
        (target / f"{stem}.txt").write_text(anonymise(text, students), encoding="utf-8")
    tracks = json.loads((out / "tracks-all.json").read_text(encoding="utf-8"))
    text = anonymise(json.dumps(tracks, ensure_ascii=False, indent=1), students)
    # student_name in the data model is "Lastname, Firstname"
    for n, student in enumerate(students, start=1):
        first, _, last = student.fullname.partition(" ")
        text = text.replace(f"{last}, {first}", f"Student {n}")
        text = re.sub(rf'"username": "{student.username}"', f'"username": "student{n}"', text)
    (target / "tracks.json").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("/tmp/moodle-explore"))
    ap.add_argument("--samples", action="store_true", help="refresh tests/moodle/samples/")
    ap.add_argument("--only", choices=["walks", "experiments"], default=None)
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    site = MoodleSite()
    log("setup", round(site.setup(), 1), "s; reset", round(site.reset(), 1), "s")
    students = site.ensure_students(4)
    course = Course.load()
    packages = {}
    for standard, (profile, fmt) in {
        "scorm12": ("vgr", "scorm12"),
        "scorm2004": ("public", "scorm2004"),
    }.items():
        zip_path = run_build(out / "zips" / standard, profile, fmt)
        packages[standard] = unpack(zip_path, out / "pkg" / standard, profile, fmt)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        mb = MoodleBrowser(chromium, site.wwwroot, (ANNOUNCEMENTS_JS,))
        for standard, package in packages.items():
            target = out / standard
            if args.only in (None, "walks"):
                activity = site.add_scorm(package.zip_path, name=f"Intro {standard}")
                dump(target / "add-scorm.json", activity.raw)
                log(standard, "cmid", activity.cmid)
                walk_students(mb, site, activity, package, course, students[:3], target)
                download_all(site, activity, target)
                if args.samples:
                    write_samples(target, students, standard)
            if args.only in (None, "experiments"):
                started = time.monotonic()
                run_experiments(mb, site, package, students[3], target)
                log(standard, "experiments", round(time.monotonic() - started, 1), "s")
        chromium.close()


if __name__ == "__main__":
    main()
