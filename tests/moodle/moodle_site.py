"""The Moodle 4.5.6 of the tests, driven through moodle.sh (lms/moodle in the shared folder).

Everything Moodle-side goes through the script's commands (setup, start, reset, add-scorm,
users, tracks, report), so these tests see exactly what its README documents; this module only
runs them and parses their JSON. The script keeps its state in ${MOODLE_HOME:-~/.cache/moodle-lms}.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moodle_web_workers import end_web_server

REPO = Path(__file__).resolve().parents[2]
# The Makefile exports MOODLE_SH (its moodle-setup target runs the same script); the default is
# where the shared folder sits beside this checkout.
MOODLE_SH = Path(
    os.environ.get("MOODLE_SH") or REPO.parent / "shared" / "lms" / "moodle" / "moodle.sh"
)
TARBALL_NAME = "moodle-4.5.6.tar.xz"


def tarball(script: Path = MOODLE_SH) -> Path:
    """The Moodle source moodle.sh installs from; without it there is no Moodle to test against."""
    return script.parent / TARBALL_NAME


class MoodleError(RuntimeError):
    """A moodle.sh command failed (its stderr tail is in the message)."""


@dataclass(frozen=True)
class Student:
    username: str
    password: str
    id: int
    fullname: str


@dataclass(frozen=True)
class Activity:
    """A SCORM activity as add-scorm reports it."""

    cmid: int
    scormid: int
    name: str
    url: str
    player_url: str
    version: str  # what Moodle parsed: SCORM_1.2, SCORM_1.3 (2004), AICC, ERROR
    launch_scoid: int
    popup: bool
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


class MoodleSite:
    """One moodle.sh state dir (and its running PostgreSQL and PHP web server)."""

    def __init__(self, script: Path = MOODLE_SH) -> None:
        self.script = script
        self._env: dict[str, str] | None = None

    # -- running the script ------------------------------------------------------------------

    def run(self, *args: str, timeout: float = 120) -> str:
        """stdout of `moodle.sh ARGS`; MoodleError with the end of stderr when it fails."""
        done = subprocess.run(
            ["bash", str(self.script), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-25:])
            raise MoodleError(f"moodle.sh {' '.join(args)} exited {done.returncode}:\n{tail}")
        return done.stdout

    def json(self, *args: str, timeout: float = 120) -> Any:
        return json.loads(self.run(*args, timeout=timeout))

    # -- lifecycle ---------------------------------------------------------------------------

    def setup(self) -> float:
        """Install (first time ~2-3 min with apt) or just check and start (~1 s); seconds taken."""
        started = time.monotonic()
        try:
            self.run("setup", timeout=1800)
        except MoodleError as exc:
            if "in use by another program" not in str(exc):
                raise
            # An orphaned worker of an earlier run's server holds the port (moodle_web_workers.py).
            end_web_server(self.wwwroot, self.env["MOODLE_HOME"])
            self.run("setup", timeout=1800)
        self._env = None
        return time.monotonic() - started

    def start(self) -> None:
        self.run("start")

    def reset(self) -> float:
        """The site as right after setup: no activities, one student; ids start again."""
        started = time.monotonic()
        # A worker of the old server may outlive moodle.sh's stop (moodle_web_workers.py).
        end_web_server(self.wwwroot, self.env["MOODLE_HOME"])
        self.run("reset", timeout=300)
        self._env = None
        return time.monotonic() - started

    def status(self) -> dict[str, Any]:
        done = subprocess.run(
            ["bash", str(self.script), "status"], capture_output=True, text=True, check=False
        )
        return dict(json.loads(done.stdout)) if done.stdout.strip() else {}

    @property
    def env(self) -> dict[str, str]:
        """WWWROOT, ADMIN_USER, STUDENT_USER, ... (`moodle.sh env`)."""
        if self._env is None:
            env: dict[str, str] = {}
            for line in self.run("env").splitlines():
                if line.startswith("export ") and "=" in line:
                    key, value = line[len("export ") :].split("=", 1)
                    env[key] = value.strip("'\"")
            self._env = env
        return self._env

    @property
    def wwwroot(self) -> str:
        return self.env["WWWROOT"]

    # -- activities and users -----------------------------------------------------------------

    def add_scorm(
        self,
        package: Path,
        *,
        name: str | None = None,
        popup: bool = False,
        completion: str | None = None,
        settings: dict[str, str | int] | None = None,
    ) -> Activity:
        """A new SCORM activity in the test course, as a teacher's add-activity form makes it."""
        args = ["add-scorm", str(package)]
        if name:
            args += ["--name", name]
        if popup:
            args.append("--popup")
        if completion:
            args += ["--completion", completion]
        for key, value in (settings or {}).items():
            args += ["--set", f"{key}={value}"]
        data = self.json(*args)
        if not data.get("ok") or data.get("moodle_outcome") != "created":
            raise MoodleError(f"Moodle did not create a usable activity: {data}")
        return Activity(
            cmid=int(data["cmid"]),
            scormid=int(data["scormid"]),
            name=str(data["name"]),
            url=str(data["url"]),
            player_url=str(data["player_url"]),
            version=str(data["version"]),
            launch_scoid=int(data["launch_scoid"]),
            popup=bool(data.get("settings", {}).get("popup")),
            raw=data,
        )

    def replace_scorm(self, cmid: int, package: Path) -> dict[str, Any]:
        """The activity's package replaced in place, as "Edit settings" with a new file does:
        Moodle keeps the tracks of every item whose identifier is still in the manifest."""
        data = dict(self.json("replace-scorm", str(cmid), str(package)))
        if not data.get("ok"):
            raise MoodleError(f"Moodle did not replace the package: {data}")
        return data

    def students(self) -> list[Student]:
        data = self.json("users", "list")
        return [_student(s) for s in data["students"]]

    def add_students(self, count: int) -> list[Student]:
        """`count` more students enrolled in the test course (student2, student3, ...)."""
        data = self.json("users", "add", str(count))
        return [_student(s) for s in data["created"]]

    def ensure_students(self, count: int) -> list[Student]:
        """The first `count` students, creating the missing ones."""
        have = self.students()
        if len(have) < count:
            have += self.add_students(count - len(have))
        return have[:count]

    # -- what Moodle stored --------------------------------------------------------------------

    def tracks(self, cmid: int, user: str | None = None) -> dict[str, Any]:
        """`moodle.sh tracks`: every stored element per attempt, grade and completion."""
        args = ["tracks", str(cmid)]
        if user:
            args += ["--user", user]
        return dict(self.json(*args))

    def all_tracks(self, cmid: int) -> dict[str, Any]:
        return dict(self.json("tracks", str(cmid), "--all"))

    def wait_tracks(
        self,
        cmid: int,
        user: str,
        ready: Callable[[dict[str, Any]], bool],
        timeout: float = 15,
    ) -> dict[str, Any]:
        """Tracks once `ready(tracks)` holds: the SCO's last commit may still be in flight when
        the browser has already left the player (Moodle sends it with sendBeacon on unload)."""
        deadline = time.monotonic() + timeout
        while True:
            data = self.tracks(cmid, user)
            if ready(data) or time.monotonic() > deadline:
                return data
            time.sleep(0.5)

    def report(
        self,
        cmid: int,
        mode: str,
        fmt: str,
        out: Path,
        *,
        columns: str | None = None,
        detailed: bool = False,
        objective_score: bool = False,
        attempts: str | None = None,
    ) -> dict[str, Any]:
        """Moodle's own report download (basic|interactions|objectives, csv|ods|excel) to `out`.

        `columns` (interactions): a subset of qtext,resp,right,result; moodle.sh's default is all
        four, Moodle's own default only resp."""
        args = ["report", str(cmid), mode, "--format", fmt, "--out", str(out)]
        if columns is not None:
            args += ["--columns", columns]
        if detailed:
            args.append("--detailed")
        if objective_score:
            args.append("--objective-score")
        if attempts:
            args += ["--attempts", attempts]
        return dict(self.json(*args))


def _student(data: dict[str, Any]) -> Student:
    return Student(
        username=str(data["username"]),
        password=str(data["password"]),
        id=int(data["id"]),
        fullname=str(data.get("fullname", "")),
    )


def last_attempt(tracks: dict[str, Any]) -> dict[str, Any]:
    """The newest attempt of a `tracks` answer (for one user)."""
    attempts = tracks.get("attempts") or []
    if not attempts:
        raise AssertionError(f"Moodle stored no attempt: {json.dumps(tracks)[:600]}")
    return dict(max(attempts, key=lambda a: a["attempt"]))


def elements(tracks: dict[str, Any], attempt: int | None = None) -> dict[str, str]:
    """The stored elements of one attempt's (only) SCO: {element name: value}."""
    chosen = (
        last_attempt(tracks)
        if attempt is None
        else next(a for a in tracks["attempts"] if a["attempt"] == attempt)
    )
    scoes = chosen["scoes"]
    if len(scoes) != 1:
        raise AssertionError(f"expected one SCO in the attempt, found {len(scoes)}")
    return {str(k): str(v) for k, v in scoes[0]["elements"].items()}
