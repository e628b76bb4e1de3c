"""What the preview serves: the last good build of every variant, and the latest problems.

A variant is one (profile, language, format) package, rendered by the check exactly as `build`
would write it, and kept until the manuscript changes; when a rebuild finds errors the previous
good variants stay served, so the author keeps the course in front of them while fixing the text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from aicourse_build.diagnostics import Diagnostic, Report, diagnostic_dict
from aicourse_build.formats import FORMATS
from aicourse_build.package.targets import Package
from aicourse_build.packages import Rendered
from aicourse_build.pipeline import CourseCheck, check_course_dir


@dataclass(frozen=True)
class Variant:
    profile: str
    lang: str
    format: str

    @property
    def key(self) -> str:
        return f"{self.profile}/{self.lang}/{self.format}"

    @classmethod
    def parse(cls, key: str) -> Variant | None:
        parts = key.split("/")
        return cls(*parts) if len(parts) == 3 and all(parts) else None


@dataclass(frozen=True)
class LaunchFacts:
    """What an LMS reads from the manifest before it launches a package."""

    launch: str
    activity_id: str | None = None
    mastery: str | None = None
    move_on: str | None = None


@dataclass
class Generation:
    """One check of the manuscript and the packages built from it."""

    number: int
    check: CourseCheck
    packages: dict[Variant, Rendered] = field(default_factory=dict)


class PreviewBuilds:
    """Checks the course on demand and renders variants lazily, thread-safe."""

    def __init__(self, root: Path, profiles: list[str] | None = None) -> None:
        self.root = root
        self.profiles = profiles
        self.number = 0
        self.good: Generation | None = None
        self.diagnostics: list[Diagnostic] = []
        self.failed = False
        self._lock = threading.RLock()

    def rebuild(self) -> bool:
        """Check the manuscript again; True when it has no errors (the new build is served)."""
        report = Report()
        check = check_course_dir(self.root, report, self.profiles)
        with self._lock:
            self.number += 1
            self.diagnostics = report.sorted()
            self.failed = report.has_errors or check.course is None
            if not self.failed:
                self.good = Generation(self.number, check, _packages(check))
            return not self.failed

    def variants(self) -> list[Variant]:
        with self._lock:
            return list(self.good.packages) if self.good else []

    def package(self, variant: Variant) -> Package | None:
        """The variant's files from the last good build."""
        with self._lock:
            rendered = self.good.packages.get(variant) if self.good else None
            return rendered.package if rendered else None

    def state(self) -> dict[str, Any]:
        """What the preview page shows: the course, its variants and the latest problems."""
        with self._lock:
            good = self.good
            meta = good.check.course.meta if good and good.check.course else None
            return {
                "generation": self.number,
                "served": good.number if good else None,
                "ok": not self.failed,
                "course": {"id": meta.id, "title": meta.title} if meta else None,
                "variants": [
                    {
                        "key": v.key,
                        "profile": v.profile,
                        "lang": v.lang,
                        "format": v.format,
                        "formatTitle": FORMATS[v.format].title,
                        "title": rendered.job.first.profile.model.title,
                    }
                    for v, rendered in (good.packages.items() if good else [])
                ],
                "diagnostics": [diagnostic_dict(d) for d in self.diagnostics],
            }


def _packages(check: CourseCheck) -> dict[Variant, Rendered]:
    """The packages `build` would write; a package with a language switch has the language
    "sv+en"."""
    return {Variant(r.job.first.profile.name, r.job.lang, r.job.format): r for r in check.packages}


_NS = {
    "cp12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp12": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "cmi5": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
    "tc": "http://projecttincan.com/tincan.xsd",
}


def _first(tree: etree._Element, path: str) -> str | None:
    found = tree.xpath(path, namespaces=_NS)
    return str(found[0]) if isinstance(found, list) and found else None


def launch_facts(variant: Variant, package: Package) -> list[LaunchFacts]:
    """Read the package's manifest as an LMS would: launch file(s), ids, mastery."""
    fmt = variant.format
    manifest = package.files[FORMATS[fmt].manifest]
    if fmt == "cmi5":
        tree = etree.fromstring(manifest)
        return [
            LaunchFacts(
                launch=str(au.findtext("cmi5:url", namespaces=_NS) or package.launch),
                activity_id=au.get("id"),
                mastery=au.get("masteryScore"),
                move_on=au.get("moveOn"),
            )
            for au in tree.iterfind(".//cmi5:au", namespaces=_NS)
        ]
    if fmt == "xapi":
        tree = etree.fromstring(manifest)
        return [
            LaunchFacts(
                launch=_first(tree, "//tc:activity[1]/tc:launch/text()") or package.launch,
                activity_id=_first(tree, "//tc:activity[1]/@id"),
            )
        ]
    tree = etree.fromstring(manifest)
    if fmt == "scorm12":
        mastery = _first(tree, "//adlcp12:masteryscore/text()")
    else:
        mastery = _first(tree, "//imsss:primaryObjective/imsss:minNormalizedMeasure/text()")
    return [LaunchFacts(launch=package.launch, mastery=mastery)]
