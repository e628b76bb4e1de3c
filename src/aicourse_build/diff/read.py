"""A package's footprint from its files: the manifest, the launch pages with the boot config the
runtime reads (docs/runtime.md), and runtime.js.

`build` reads the files it is about to zip, `diff` the files of a zip: one reader, so a package
and the build report written with it can never disagree.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from aicourse_build.diff.footprint import (
    Completion,
    Footprint,
    PageFootprint,
    QuestionFootprint,
    ResumeState,
    Unit,
    fingerprint,
)
from aicourse_build.diff.tracking import UNKNOWN_FORMAT
from aicourse_build.formats import FORMATS
from aicourse_build.package.state_budget import worst_case_state_length

CONFIG_ID = "aicourse-config"
LAUNCH_PAGE = re.compile(r"^index(?:\.[a-z]{2})?\.html$")
# Where the runtime names its resume-state format: its constant (state.js, `FORMAT`), else the
# grammar's first rule (in the source), else the literal the encoder of format 1 started every
# state with (whole-line comments are stripped from runtime.js in a package).
_STATE_FORMAT = (
    re.compile(r"\bvar FORMAT\s*=\s*['\"]?(\w+)"),  # state.js from format 2 on
    re.compile(r"\bSTATE_(?:FORMAT|VERSION)\s*=\s*['\"]?(\w+)"),
    re.compile(r"^\s*state\s*=\s*\"(\w+)\"", re.MULTILINE),
    re.compile(r"return\s+'(\w)'\s*\+\s*pages"),
)
MAX_ZIP_ENTRY = 64 * 1024 * 1024  # a package's own file is far smaller; larger is not ours


class NotAPackageError(ValueError):
    """The files are not a package aicourse built (no manifest, no boot config)."""


def files_of_zip(path: Path) -> dict[str, bytes]:
    """The files diff reads of a zip: the manifests, launch pages and runtime.js."""
    wanted = {f.manifest for f in FORMATS.values()} | {"runtime.js"}
    files: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename in wanted or LAUNCH_PAGE.match(info.filename):
                    if info.file_size > MAX_ZIP_ENTRY:
                        raise NotAPackageError(f"{info.filename} is too large for a package")
                    files[info.filename] = archive.read(info)
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotAPackageError(f"not a zip file ({exc})") from exc
    return files


def state_format(runtime_js: str) -> str:
    """The resume-state format version the runtime writes; "?" when it cannot be found."""
    for pattern in _STATE_FORMAT:
        found = pattern.search(runtime_js)
        if found:
            return found.group(1)
    return UNKNOWN_FORMAT


def _launch_pages(files: Mapping[str, bytes]) -> list[tuple[Any, dict[str, Any]]]:
    """(HTML tree, boot config) of each launch page, index.html first."""
    names = sorted((n for n in files if LAUNCH_PAGE.match(n)), key=lambda n: (n != "index.html", n))
    pages = []
    for name in names:
        tree = lxml.html.document_fromstring(files[name])
        scripts: Any = tree.xpath("//script[@id=$id]", id=CONFIG_ID)
        if not scripts or not scripts[0].text:
            continue
        pages.append((tree, json.loads(scripts[0].text)))
    if not pages:
        raise NotAPackageError("no launch page with the runtime's boot config")
    return pages


def _xml(files: Mapping[str, bytes], name: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(files[name], parser)


def _scorm(root: Any) -> tuple[str, list[Unit], list[str], list[str]]:
    """Manifest id, items, objective ids and the completion facts an item gives the LMS."""
    hrefs = {
        r.get("identifier"): r.get("href") or "" for r in root.xpath("//*[local-name()='resource']")
    }
    units, facts = [], []
    for item in root.xpath("//*[local-name()='item'][@identifierref]"):
        launch = hrefs.get(item.get("identifierref"), "") + (item.get("parameters") or "")
        units.append(Unit(kind="item", id=item.get("identifier") or "", launch=launch))
        for el in item.iter(etree.Element):
            local = etree.QName(el).localname
            if local in ("item", "title", "objectives", "sequencing"):
                continue
            text = (el.text or "").strip()
            facts.append(f"{local}={text}" if text else local)
            facts += [
                f"{local}@{etree.QName(a).localname}={v}" for a, v in sorted(el.attrib.items())
            ]
    objectives = [str(v) for v in root.xpath("//@objectiveID")]
    return root.get("identifier") or "", units, objectives, facts


def _cmi5(root: Any) -> tuple[str, list[Unit], list[str], list[str]]:
    course = root.xpath("//*[local-name()='course']/@id")
    units, facts = [], []
    for au in root.xpath("//*[local-name()='au']"):
        url = au.xpath("string(*[local-name()='url'])").strip()
        units.append(Unit(kind="au", id=au.get("id") or "", launch=url))
        facts += [f"au@{name}={value}" for name, value in sorted(au.attrib.items()) if name != "id"]
    objectives = [str(v) for v in root.xpath("//*[local-name()='objective']/@id")]
    return str(course[0]) if course else "", units, objectives, facts


def _tincan(root: Any) -> tuple[str, list[Unit], list[str], list[str]]:
    first = root.xpath("//*[local-name()='activity']")
    if not first:
        return "", [], [], []
    launch = first[0].xpath("string(*[local-name()='launch'])").strip()
    activity = first[0].get("id") or ""
    return activity, [Unit(kind="activity", id=activity, launch=launch)], [], []


_MANIFESTS = {"imsmanifest.xml": _scorm, "cmi5.xml": _cmi5, "tincan.xml": _tincan}


def _manifest(files: Mapping[str, bytes]) -> tuple[str, list[Unit], list[str], list[str]]:
    for name, read in _MANIFESTS.items():
        if name in files:
            return read(_xml(files, name))
    raise NotAPackageError("no manifest (imsmanifest.xml, cmi5.xml or tincan.xml)")


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def _section(tree: Any, page_id: str) -> Any:
    found = tree.xpath("//*[@data-ac-page=$id][not(self::a)]", id=page_id)
    return found[0] if found else None


def _page(trees: list[Any], page: dict[str, Any], required: set[str]) -> PageFootprint:
    parts, title = [], ""
    for tree in trees:
        section = _section(tree, page["id"])
        if section is None:
            continue
        section = copy.deepcopy(section)
        # the badge follows the last page: a page added after it is no change of this page
        for badge in section.xpath(".//*[@data-ac='badge']"):
            badge.getparent().remove(badge)
        parts.append(etree.tostring(section, method="html", encoding="unicode"))
        if not title:
            heading = section.xpath(".//*[@id=$id]", id=f"{page['id']}-title") or section.xpath(
                ".//h1|.//h2"
            )
            title = _text(heading[0]) if heading else ""
    content = fingerprint("\n".join(parts).encode("utf-8"))
    return PageFootprint(
        id=page["id"], title=title, required=page["id"] in required, content=content
    )


def _answer(question: dict[str, Any]) -> Any:
    answer = question.get("answer")
    # a multiple-choice answer is a set: its order is no change
    if question.get("type") == "multiple" and isinstance(answer, list):
        return sorted(answer)
    return answer


def _questions(trees: list[Any], config: dict[str, Any]) -> list[QuestionFootprint]:
    found = []
    for quiz_id, quiz in sorted(config.get("quizzes", {}).items()):
        for q in quiz.get("questions", []):
            texts = [
                _text(el)
                for tree in trees
                for el in tree.xpath(
                    "//*[@data-ac-quiz=$quiz]//*[@data-ac-question=$q]", quiz=quiz_id, q=q["id"]
                )
            ]
            choices = [f"prompt:{p}" for p in q.get("prompts", [])] + list(q.get("choices", []))
            found.append(
                QuestionFootprint(
                    quiz=quiz_id,
                    id=q["id"],
                    type=q.get("type", ""),
                    choices=tuple(choices),
                    answer=fingerprint(_answer(q)),
                    text=fingerprint("\n".join(texts)),
                )
            )
    return found


def _interactions(config: dict[str, Any]) -> list[str]:
    """SCORM: the slots, whose position is the report's column; xAPI: the activity ids of answers,
    which an LRS keys by id alone (so their order is no change)."""
    if "slots" in config:
        return [str(slot[0]) for slot in config["slots"].get("ids", [])]
    iris = [
        q.get("iri", "") for quiz in config.get("quizzes", {}).values() for q in quiz["questions"]
    ]
    iris += [i.get("iri", "") for s in config.get("surveys", {}).values() for i in s["items"]]
    iris += [e.get("iri", "") for kind in ("reflections", "groups") for e in config[kind].values()]
    return sorted(iri for iri in iris if iri)


def footprint_of_files(files: Mapping[str, bytes]) -> Footprint:
    """The footprint of a package given its files (at least manifest, launch pages, runtime)."""
    pages = _launch_pages(files)
    trees = [tree for tree, _config in pages]
    config = pages[0][1]
    course = config.get("course", {})
    target = str(config.get("target", ""))
    manifest, units, objectives, facts = _manifest(files)
    completion = config.get("completion", {})
    required = set(completion.get("pages", []))
    runtime = files.get("runtime.js", b"").decode("utf-8", "replace")
    limit = FORMATS[target].state_limit if target in FORMATS else 0
    languages = [str(c.get("course", {}).get("lang", "")) for _tree, c in pages]
    return Footprint(
        course=str(course.get("id", "")),
        version=str(course.get("version", "")),
        # the storage key ends in "<profile>:<languages>" (render/config.py)
        profile=str(course.get("storageKey", "")).split(":")[-2:][0],
        language="+".join([languages[0], *sorted(languages[1:])]),
        format=target,
        manifest=manifest,
        units=tuple(units),
        pages=tuple(_page(trees, page, required) for page in config.get("pages", [])),
        questions=tuple(_questions(trees, config)),
        interactions=tuple(_interactions(config)),
        objectives=tuple(objectives),
        resume=ResumeState(
            format=state_format(runtime),
            worst_case=max(worst_case_state_length(c) for _tree, c in pages),
            limit=limit,
        ),
        completion=Completion(
            pages=tuple(completion.get("pages", [])),
            assessment=completion.get("assessment"),
            passing_score=int(completion.get("passingScore", 0)),
            on_fail=str(completion.get("onFail", "")),
            manifest=tuple(facts),
        ),
    )


def footprint_of_zip(path: Path) -> Footprint:
    return footprint_of_files(files_of_zip(path))
