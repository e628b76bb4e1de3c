"""The LMS's part of xAPI and cmi5 launches, played by the tests against the test LRS.

- Tin Can (standards.md 4.3): the launch URL to the package's launch file with `endpoint`,
  `auth`, `actor`, `registration` and `activity_id` (the first activity of tincan.xml).
- cmi5 (spec 8-10, standards.md 5.3): for each launch a new session id; the `LMS.LaunchData`
  state document (contextTemplate with the session id extension and the publisher's AU id in
  contextActivities.grouping, launchMode, launchParameters, masteryScore and moveOn from
  cmi5.xml, returnURL); the learner preferences once per learner; a one-time fetch URL; the
  LMS's own `launched` statement; and the AU URL from cmi5.xml with the five parameters.

The package facts come from the built package itself: tincan.xml, cmi5.xml (lxml) and the boot
config in index.html.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from lrs_server import LAUNCH_DATA, TestLrs
from lxml import etree
from statement_rules import (
    ADL_VERBS,
    CAT_CMI5,
    EXT_LAUNCHMODE,
    EXT_LAUNCHPARAMS,
    EXT_LAUNCHURL,
    EXT_MASTERY,
    EXT_MOVEON,
    EXT_SESSION,
    Cmi5Session,
)

TINCAN_NS = "http://projecttincan.com/tincan.xsd"
CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
# The LMS's own namespace for accounts and the activity ids it generates. Only an identifier:
# nothing is ever fetched from it.
LMS_HOME = "https://lms.aicourse.test"


def learner(name: str, display: str | None = None) -> dict[str, Any]:
    """An account actor, as an LMS launches with (cmi5 9.2: objectType Agent, an account)."""
    actor: dict[str, Any] = {"objectType": "Agent", "account": {"homePage": LMS_HOME, "name": name}}
    if display:
        actor["name"] = display
    return actor


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- the built package ----------------------------------------------------------------------


def boot_config(index_html: bytes) -> dict[str, Any]:
    root = etree.HTML(index_html)
    found = root.xpath("//script[@id='aicourse-config']/text()")
    return json.loads(found[0]) if found else {}


@dataclass
class Cmi5Au:
    id: str
    url: str
    move_on: str
    mastery: float | None
    launch_parameters: str | None
    title: str


@dataclass
class XapiPackage:
    """A built xapi or cmi5 package, unpacked."""

    profile: str
    format: str  # xapi | cmi5
    zip_path: Path
    folder: Path
    launch: str  # tincan.xml's launch, or the first AU's url
    course_id: str  # tincan.xml's first activity, or cmi5.xml's course id
    config: dict[str, Any]
    aus: list[Cmi5Au] = field(default_factory=list)
    manifest: bytes = b""

    @property
    def key(self) -> str:
        return f"{self.profile}-{self.format}"

    @property
    def mastery(self) -> str | None:
        au = self.aus[0] if self.aus else None
        return None if au is None or au.mastery is None else str(au.mastery)


def read_tincan(xml: bytes) -> tuple[str, str]:
    """(activity id, launch) of the first activity, the one launchers start."""
    root = etree.fromstring(xml)
    assert etree.QName(root).namespace == TINCAN_NS, f"tincan.xml root is {root.tag}"
    first = root.find(f"{{{TINCAN_NS}}}activities/{{{TINCAN_NS}}}activity")
    assert first is not None, "tincan.xml has no activity"
    launch = first.findtext(f"{{{TINCAN_NS}}}launch")
    assert launch, "the first activity of tincan.xml has no launch"
    return str(first.get("id")), launch.strip()


def read_cmi5(xml: bytes) -> tuple[str, list[Cmi5Au]]:
    """(course id, AUs) of cmi5.xml."""
    root = etree.fromstring(xml)
    ns = {"c": CMI5_NS}
    assert etree.QName(root).namespace == CMI5_NS, f"cmi5.xml root is {root.tag}"
    course = root.find("c:course", ns)
    assert course is not None, "cmi5.xml has no course"
    aus = []
    for au in root.iterfind(".//c:au", ns):
        mastery = au.get("masteryScore")
        aus.append(
            Cmi5Au(
                id=str(au.get("id")),
                url=(au.findtext("c:url", namespaces=ns) or "").strip(),
                move_on=au.get("moveOn") or "NotApplicable",
                mastery=float(mastery) if mastery is not None else None,
                launch_parameters=au.findtext("c:launchParameters", namespaces=ns),
                title=(au.findtext("c:title/c:langstring", namespaces=ns) or "").strip(),
            )
        )
    assert aus, "cmi5.xml has no au"
    return str(course.get("id")), aus


def unpack(zip_path: Path, folder: Path, profile: str, fmt: str) -> XapiPackage:
    with zipfile.ZipFile(zip_path) as handle:
        handle.extractall(folder)
    aus: list[Cmi5Au] = []
    if fmt == "xapi":
        manifest = (folder / "tincan.xml").read_bytes()
        course_id, launch = read_tincan(manifest)
    else:
        manifest = (folder / "cmi5.xml").read_bytes()
        course_id, aus = read_cmi5(manifest)
        launch = aus[0].url
    config = boot_config((folder / launch.split("?")[0]).read_bytes())
    return XapiPackage(profile, fmt, zip_path, folder, launch, course_id, config, aus, manifest)


# --- Tin Can --------------------------------------------------------------------------------------


def tincan_launch_url(
    package_url: str,
    lrs: TestLrs,
    actor: dict[str, Any],
    registration: str,
    activity_id: str,
    auth: str | None = None,
) -> str:
    """`<launch>?endpoint=..&auth=..&actor=..&registration=..&activity_id=..` (URL-encoded)."""
    query = urlencode(
        {
            "endpoint": lrs.endpoint,
            "auth": auth or lrs.launch.basic,
            "actor": json.dumps(actor),
            "registration": registration,
            "activity_id": activity_id,
        }
    )
    joiner = "&" if "?" in package_url else "?"
    return f"{package_url}{joiner}{query}"


# --- cmi5 ------------------------------------------------------------------------------------


@dataclass
class Cmi5Launch:
    url: str
    session: Cmi5Session
    fetch_key: str
    launch_data: dict[str, Any]
    launched: dict[str, Any]
    return_url: str | None


class Cmi5Lms:
    """The LMS for one imported cmi5 package: registrations and launches."""

    def __init__(self, lrs: TestLrs, package: XapiPackage, package_base: str) -> None:
        self.lrs = lrs
        self.package = package
        self.package_base = package_base.rstrip("/") + "/"
        self.preferences_set: set[str] = set()

    def activity_id(self, au: Cmi5Au) -> str:
        """The LMS's id for the AU: not the publisher's (cmi5 8.1), the same on every launch."""
        digest = hashlib.sha1(au.id.encode()).hexdigest()[:16]
        return f"{LMS_HOME}/cmi5/aus/{digest}"

    def launch(
        self,
        actor: dict[str, Any],
        registration: str,
        mode: str = "Normal",
        au: Cmi5Au | None = None,
        return_url: bool = True,
        mastery: float | str | None = "from-course-structure",
    ) -> Cmi5Launch:
        au = au or self.package.aus[0]
        lrs = self.lrs
        session_id = str(uuid.uuid4())
        activity_id = self.activity_id(au)
        agent = json.dumps(actor)
        template = {
            "contextActivities": {"grouping": [{"id": au.id, "objectType": "Activity"}]},
            "extensions": {EXT_SESSION: session_id},
        }
        score = au.mastery if mastery == "from-course-structure" else mastery
        back = f"{lrs.origin}/lms/return?session={session_id}" if return_url else None
        launch_data: dict[str, Any] = {
            "contextTemplate": template,
            "launchMode": mode,
            "moveOn": au.move_on,
        }
        # cmi5 10: the LMS provides launchParameters (the course structure's, here none: "")
        launch_data["launchParameters"] = au.launch_parameters or ""
        if score is not None:
            launch_data["masteryScore"] = score
        if back:
            launch_data["returnURL"] = back
        params = {
            "activityId": activity_id,
            "agent": agent,
            "registration": registration,
            "stateId": LAUNCH_DATA,
        }
        status, body, _ = lrs.call("PUT", "activities/state", params, launch_data)
        assert status == 204, f"the LMS could not write {LAUNCH_DATA}: {status} {body!r}"
        if agent not in self.preferences_set:
            prefs = {"languagePreference": "sv-SE", "audioPreference": "off"}
            status, _, _ = lrs.call(
                "PUT",
                "agents/profile",
                {"agent": agent, "profileId": "cmi5LearnerPreferences"},
                prefs,
                {"If-None-Match": "*"},
            )
            assert status in (204, 412), status
            self.preferences_set.add(agent)
        au_url = self.package_base + au.url
        launched_context: dict[str, Any] = {
            "registration": registration,
            "contextActivities": {
                "category": [{"id": CAT_CMI5, "objectType": "Activity"}],
                "grouping": [{"id": au.id, "objectType": "Activity"}],
            },
            "extensions": {
                EXT_SESSION: session_id,
                EXT_LAUNCHMODE: mode,
                EXT_LAUNCHURL: au_url.split("?")[0],
                EXT_MOVEON: au.move_on,
            },
        }
        if score is not None:
            launched_context["extensions"][EXT_MASTERY] = score
        launched_context["extensions"][EXT_LAUNCHPARAMS] = launch_data["launchParameters"]
        launched = {
            "id": str(uuid.uuid4()),
            "actor": actor,
            "verb": {"id": ADL_VERBS + "launched", "display": {"en-US": "launched"}},
            "object": {"id": activity_id, "objectType": "Activity"},
            "context": launched_context,
            "timestamp": now_iso(),
        }
        status, body, _ = lrs.call("POST", "statements", body=launched)
        assert status == 200, f"the LMS's launched statement was refused: {status} {body!r}"
        fetch_url, key = lrs.new_fetch_url(session=session_id, registration=registration)
        query = urlencode(
            {
                "endpoint": lrs.endpoint,
                "fetch": fetch_url,
                "actor": agent,
                "registration": registration,
                "activityId": activity_id,
            }
        )
        url = au_url + ("&" if "?" in au_url else "?") + query
        session = Cmi5Session(
            session_id=session_id,
            registration=registration,
            activity_id=activity_id,
            au_id=au.id,
            launch_mode=mode,
            mastery=score if isinstance(score, float) else None,
            template=template,
        )
        return Cmi5Launch(url, session, key.key, launch_data, launched, back)


# --- building the packages ----------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "content" / "introduktionsutbildning"
# one build per profile: its xAPI formats together (vgr cmi5: tests/e2e/test_free_text.py)
BUILDS = {"public": ("xapi", "cmi5"), "vgr": ("xapi", "cmi5")}


def build(out: Path, profile: str, formats: tuple[str, ...]) -> dict[str, Path]:
    """`aicourse build content/introduktionsutbildning --profile P --format F... --out OUT`;
    {format: zip}, each named `<course>-<version>-<profile>-<format>.zip`."""
    cmd = [sys.executable, "-m", "aicourse_build", "build", str(COURSE), "--profile", profile]
    for fmt in formats:
        cmd += ["--format", fmt]
    cmd += ["--out", str(out)]
    env = {**os.environ, "AICOURSE_THEMES": str(REPO / "themes")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    if done.returncode != 0:
        raise AssertionError(
            f"`aicourse {' '.join(cmd[4:])}` failed ({done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}"
        )
    zips: dict[str, Path] = {}
    for fmt in formats:
        found = sorted(out.glob(f"*-{profile}-{fmt}.zip"))
        if len(found) != 1:
            raise AssertionError(
                f"expected one *-{profile}-{fmt}.zip in {out}, found {[z.name for z in found]}:"
                f"\n{done.stdout}\n{done.stderr}"
            )
        zips[fmt] = found[0]
    return zips


class XapiPackages:
    """Each profile's xAPI/cmi5 packages built once per test session (on first use) and unpacked
    under `root/pkg/<profile>-<format>` (where the e2e static server serves /pkg/)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, str], XapiPackage | str] = {}

    def get(self, profile: str, fmt: str) -> XapiPackage:
        if (profile, fmt) not in self.built:
            formats = BUILDS.get(profile, (fmt,))
            try:
                zips = build(self.root / "zips" / f"{profile}-xapi", profile, formats)
                for each, zip_path in zips.items():
                    folder = self.root / "pkg" / f"{profile}-{each}"
                    self.built[(profile, each)] = unpack(zip_path, folder, profile, each)
            except AssertionError as exc:
                for each in formats:
                    self.built[(profile, each)] = str(exc)
        found = self.built[(profile, fmt)]
        if isinstance(found, str):
            raise AssertionError(f"could not build {profile}-{fmt}: {found}")
        return found
