"""What the preview serves: the last good build of every variant, and the latest problems.

A variant is one (profile, language, format) package. Variants are rendered on first request
and kept until the manuscript changes; when a rebuild finds errors the previous good variants
stay served, so the author keeps the course in front of them while fixing the text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from aicourse_build.build import language_groups, render_package
from aicourse_build.diagnostics import Diagnostic, Report, diagnostic_dict
from aicourse_build.package.targets import Package
from aicourse_build.pipeline import CourseCheck, check_course_dir
from aicourse_build.render.themes import Theme, load_theme
from aicourse_build.resolve import ResolvedCourse


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
    resolved: dict[Variant, list[ResolvedCourse]]  # the languages of each package
    packages: dict[Variant, Package] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)


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
            return list(self.good.resolved) if self.good else []

    def package(self, variant: Variant) -> Package | None:
        """The variant's files from the last good build, rendered now if not yet."""
        with self._lock:
            generation = self.good
            if generation is None or variant not in generation.resolved:
                return None
            if variant not in generation.packages:
                generation.packages[variant] = self._render(generation, variant)
            return generation.packages[variant]

    def _render(self, generation: Generation, variant: Variant) -> Package:
        languages = generation.resolved[variant]
        name = languages[0].profile.model.theme
        if name not in generation.themes:
            generation.themes[name] = load_theme(name, self.root)
        return render_package(languages, generation.themes[name], variant.format)[0]

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
                        "title": languages[0].profile.model.title,
                    }
                    for v, languages in (good.resolved.items() if good else [])
                ],
                "diagnostics": [diagnostic_dict(d) for d in self.diagnostics],
            }


def _packages(check: CourseCheck) -> dict[Variant, list[ResolvedCourse]]:
    """The packages `build` would write; a package with a language switch has the language
    "sv+en"."""
    return {
        Variant(group[0].profile.name, "+".join(r.lang for r in group), fmt): group
        for group in language_groups(check)
        for fmt in group[0].profile.model.formats
    }


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
    if fmt == "cmi5":
        tree = etree.fromstring(package.files["cmi5.xml"])
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
        tree = etree.fromstring(package.files["tincan.xml"])
        return [
            LaunchFacts(
                launch=_first(tree, "//tc:activity[1]/tc:launch/text()") or package.launch,
                activity_id=_first(tree, "//tc:activity[1]/@id"),
            )
        ]
    tree = etree.fromstring(package.files["imsmanifest.xml"])
    if fmt == "scorm12":
        mastery = _first(tree, "//adlcp12:masteryscore/text()")
    else:
        mastery = _first(tree, "//imsss:primaryObjective/imsss:minNormalizedMeasure/text()")
    return [LaunchFacts(launch=package.launch, mastery=mastery)]
