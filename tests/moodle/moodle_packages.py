"""The default course's SCORM packages for the Moodle tests, built with the real CLI."""

from __future__ import annotations

from pathlib import Path

from course_packages import Package, run_build, unpack

# The two packages the real-LMS tests upload: what VGR's Totara and the public platform run.
PACKAGES = {"scorm12": ("vgr", "scorm12"), "scorm2004": ("public", "scorm2004")}


class BuiltPackages:
    """Each package built once per test session, on first use, and unpacked (for its config)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[str, Package] = {}

    def get(self, standard: str) -> Package:
        if standard not in self.built:
            profile, fmt = PACKAGES[standard]
            zip_path = run_build(self.root / "zips" / standard, profile, fmt)
            self.built[standard] = unpack(zip_path, self.root / "pkg" / standard, profile, fmt)
        return self.built[standard]
