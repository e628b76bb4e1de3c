"""The packages a checked course gives, rendered in memory: `check` renders them all, so `build`
only writes what was checked, and `preview` serves the same files."""

from __future__ import annotations

from dataclasses import dataclass

from aicourse_build.diagnostics import Diagnostic, error
from aicourse_build.model.theme import Theme
from aicourse_build.package.targets import TARGETS, Package
from aicourse_build.render.site import (
    PageCache,
    Site,
    render_languages,
    render_site,
    runtime_adapters,
)
from aicourse_build.resolve import ResolvedCourse


@dataclass(frozen=True)
class Job:
    """One package to make: the languages it holds (the first launches) and its format."""

    languages: tuple[ResolvedCourse, ...]
    format: str

    @property
    def first(self) -> ResolvedCourse:
        return self.languages[0]

    @property
    def lang(self) -> str:
        return "+".join(r.lang for r in self.languages)

    @property
    def name(self) -> str:
        return package_name(self.first, self.format, len(self.languages) > 1)


@dataclass(frozen=True)
class Rendered:
    job: Job
    package: Package
    site: Site


def package_name(resolved: ResolvedCourse, fmt: str, every_language: bool = False) -> str:
    """`<course>-<version>-<profile>[-<lang>]-<format>.zip`; no language for the course's own
    language, nor for a package holding every language of its profile (a language switch)."""
    meta = resolved.course.meta
    own = every_language or resolved.lang == meta.language
    lang = "" if own else f"-{resolved.lang}"
    return f"{meta.id}-{meta.version}-{resolved.profile.name}{lang}-{fmt}.zip"


def language_groups(resolved: list[ResolvedCourse]) -> list[list[ResolvedCourse]]:
    """The languages of each package: one language each, or every language of a profile with
    `language_switch` in one package."""
    by_profile: dict[str, list[ResolvedCourse]] = {}
    for each in resolved:
        by_profile.setdefault(each.profile.name, []).append(each)
    groups: list[list[ResolvedCourse]] = []
    for languages in by_profile.values():
        switch = languages[0].profile.model.language_switch
        groups += [languages] if switch else [[r] for r in languages]
    return groups


def jobs(resolved: list[ResolvedCourse], formats: list[str] | None = None) -> list[Job]:
    """Every package of the resolved profiles, in the profile's formats or in `formats`."""
    return [
        Job(tuple(group), fmt)
        for group in language_groups(resolved)
        for fmt in formats or list(group[0].profile.model.formats)
    ]


def buildable(job: Job) -> bool:
    return job.format in runtime_adapters()


def render_package(job: Job, theme: Theme, pages: PageCache | None = None) -> Rendered:
    """A package's files in memory: of one language, or of several with a switch. With `pages`,
    the pages rendered for one format serve the others."""
    languages = list(job.languages)
    if len(languages) > 1:
        site = render_languages(languages, theme, job.format, pages)
    else:
        site = render_site(languages[0], theme, job.format, pages=pages)
    return Rendered(job, TARGETS()[job.format].build(job.first, site), site)


def name_clashes(all_jobs: list[Job]) -> list[Diagnostic]:
    """Two packages with one file name would overwrite each other in dist/: a profile named
    like another profile plus a language (`intern-en` beside `intern` in English)."""
    first: dict[str, Job] = {}
    out = []
    for job in all_jobs:
        other = first.setdefault(job.name, job)
        if other is job:
            continue
        profile = job.first.profile
        out.append(
            error(
                "AIC019",
                f"this profile's {job.lang} package and profile '{other.first.profile.name}'s "
                f"{other.lang} package would both be {job.name}",
                profile.source.index.root,
                "rename one of the profiles: a name ending in '-<language>' reads as a language",
            )
        )
    return out
