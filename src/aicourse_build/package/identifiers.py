"""Manifest identifiers: stable across rebuilds and versions (LMSs join tracking on them)."""

from __future__ import annotations

import re

from aicourse_build.resolve import ResolvedCourse


def _ncname(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def identifiers(resolved: ResolvedCourse) -> dict[str, str]:
    base = _ncname(f"{resolved.course.meta.id}_{resolved.profile.name}")
    if resolved.lang != resolved.course.meta.language:
        base += f"_{resolved.lang}"
    return {
        "manifest": f"MAN_{base}",
        "organization": f"ORG_{base}",
        "item": f"ITEM_{base}",
        "resource": f"RES_{base}",
    }
