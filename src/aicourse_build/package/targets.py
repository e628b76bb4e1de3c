"""Package targets: one module per standard, registered here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aicourse_build.formats import FORMATS
from aicourse_build.render.site import Site
from aicourse_build.resolve import ResolvedCourse


@dataclass(frozen=True)
class Package:
    """Every file of a zip, in memory: the site plus the manifest."""

    files: dict[str, bytes]
    launch: str


@dataclass(frozen=True)
class Target:
    name: str
    title: str
    manifest: Callable[[ResolvedCourse, Site], tuple[str, bytes]]

    def build(self, resolved: ResolvedCourse, site: Site) -> Package:
        name, manifest = self.manifest(resolved, site)
        return Package({**site.files, name: manifest}, site.launch)


def _registry() -> dict[str, Target]:
    from aicourse_build.package import cmi5, scorm12, scorm2004, tincan

    builders = {
        "scorm12": scorm12.manifest,
        "scorm2004": scorm2004.manifest,
        "xapi": tincan.manifest,
        "cmi5": cmi5.manifest,
    }
    # every format of the table has its builder here: a missing one fails at start-up
    return {name: Target(name, f.long_title, builders[name]) for name, f in FORMATS.items()}


TARGETS = _registry
