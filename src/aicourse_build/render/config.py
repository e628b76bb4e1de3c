"""The boot config the runtime reads (docs/runtime.md): pure data, no HTML."""

from __future__ import annotations

from typing import Any

from aicourse_build.duration import page_seconds
from aicourse_build.formats import FORMATS
from aicourse_build.model.blocks import (
    GroupBlock,
    Matching,
    Question,
    QuizBlock,
    ReflectionBlock,
    SurveyBlock,
)
from aicourse_build.package.keys import assign_keys
from aicourse_build.render.slots import slots_config
from aicourse_build.resolve import ResolvedCourse


def _question(quiz: QuizBlock, q: Question, keys: dict[str, str]) -> dict[str, Any]:
    return {
        "id": q.id,
        "k": keys[f"{quiz.id}__{q.id}"],
        "type": q.type,
        "choices": [c.id for c in getattr(q, "choices", [])],
        "prompts": [p.id for p in q.prompts] if isinstance(q, Matching) else [],
        "answer": q.answer,
        "description": q.prompt[:250],
    }


def tracked_ids(resolved: ResolvedCourse) -> list[str]:
    """Every id the resume state may key: pages, interactive blocks, questions, items."""
    ids = [p.id for p in resolved.pages]
    for _page, block in blocks(resolved):
        if isinstance(block, QuizBlock):
            ids.append(block.id)
            ids += [f"{block.id}__{q.id}" for q in block.questions or []]
        elif isinstance(block, SurveyBlock):
            ids.append(block.id)
            ids += [f"{block.id}__{item.id}" for item in block.items]
        elif isinstance(block, (ReflectionBlock, GroupBlock)):
            ids.append(block.id)
    return ids


def blocks(resolved: ResolvedCourse) -> list[tuple[str, Any]]:
    return [(page.id, rb.block) for page in resolved.pages for rb in page.blocks]


def _required_pages(resolved: ResolvedCourse) -> list[str]:
    policy = resolved.course.meta.completion.pages
    present = [p.id for p in resolved.pages]
    if policy == "all":
        return present
    return [page_id for page_id in policy if page_id in present]


def course_iri(resolved: ResolvedCourse) -> str | None:
    settings = resolved.profile.model.xapi
    if settings is None:
        return None
    return f"{settings.base_iri}{resolved.course.meta.id}"


def move_on(resolved: ResolvedCourse) -> str:
    """cmi5 moveOn from the completion policy: the test must be passed when there is one."""
    return "CompletedAndPassed" if resolved.course.meta.completion.assessment else "Completed"


def _xapi_block(resolved: ResolvedCourse, config: dict[str, Any]) -> None:
    """Activity IRIs for xAPI and cmi5: stable, from the profile's base IRI and authored ids."""
    iri = course_iri(resolved)
    settings = resolved.profile.model.xapi
    if iri is None or settings is None:
        return
    completion = resolved.course.meta.completion
    config["xapi"] = {
        "courseIri": iri,
        "extensions": {
            "group": f"{settings.base_iri}extensions/group",
            "attempt": f"{settings.base_iri}extensions/attempt",
            "version": f"{settings.base_iri}extensions/version",
        },
        "moveOn": move_on(resolved),
        "auPerModule": resolved.profile.model.cmi5.au_per_module,
        "masteryScore": round(completion.passing_score / 100, 4) if completion.assessment else None,
    }
    for page in config["pages"]:
        page["iri"] = f"{iri}/pages/{page['id']}"
    for quiz_id, quiz in config["quizzes"].items():
        quiz["iri"] = f"{iri}/quizzes/{quiz_id}"
        for question in quiz["questions"]:
            question["iri"] = f"{quiz['iri']}/{question['id']}"
    for survey_id, survey in config["surveys"].items():
        survey["iri"] = f"{iri}/surveys/{survey_id}"
        for item in survey["items"]:
            item["iri"] = f"{survey['iri']}/{item['id']}"
        if survey["comment"]:
            survey["commentIri"] = f"{survey['iri']}/{survey['comment']}"
    for kind in ("reflections", "groups"):
        for element_id, element in config[kind].items():
            element["iri"] = f"{iri}/{kind}/{element_id}"


def storage_key(resolved: ResolvedCourse, langs: list[str] | None = None) -> str:
    """Where the browser keeps this package's data; the pages of a multi-language package
    (`langs`) share one, so that switching language keeps answers and free text."""
    meta = resolved.meta
    suffix = "+".join(langs) if langs else resolved.lang
    return f"aicourse:{meta.id}:{meta.version}:{resolved.profile.name}:{suffix}"


def build_config(
    resolved: ResolvedCourse,
    target: str,
    strings: dict[str, str],
    keys: dict[str, str] | None = None,
    storage: str | None = None,
) -> dict[str, Any]:
    """The boot config; `keys` and `storage` are given when several languages share them."""
    meta = resolved.meta
    keys = keys or assign_keys(tracked_ids(resolved))
    profile = resolved.profile
    module_of = {page.id: module.id for module in resolved.modules for page in module.pages}
    config: dict[str, Any] = {
        "version": 1,
        "target": target,
        "course": {
            "id": meta.id,
            "version": meta.version,
            "title": meta.title,
            "lang": resolved.lang,
            "storageKey": storage or storage_key(resolved),
        },
        "pages": [
            {
                "id": page.id,
                "k": keys[page.id],
                "module": module_of[page.id],
                "seconds": round(page_seconds(page, resolved)),
            }
            for page in resolved.pages
        ],
        "completion": {
            "pages": _required_pages(resolved),
            "assessment": meta.completion.assessment,
            "passingScore": meta.completion.passing_score,
            "onFail": meta.completion.on_fail,
        },
        "quizzes": {},
        "surveys": {},
        "reflections": {},
        "groups": {},
        "privacy": {
            "freeText": profile.model.privacy.free_text,
            "group": profile.model.privacy.group,
            "identity": profile.model.privacy.identity,
        },
        "strings": strings,
    }
    audiences = [a.id for a in meta.audiences]
    required_pages = set(config["completion"]["pages"])
    for page_id, block in blocks(resolved):
        if isinstance(block, QuizBlock):
            config["quizzes"][block.id] = {
                "k": keys[block.id],
                "draw": block.draw,
                "shuffle": block.shuffle,
                "attempts": block.attempts,
                "questions": [_question(block, q, keys) for q in block.questions or []],
            }
            # only when set, so packages of courses without them stay byte for byte the same
            if block.feedback != "after_submit":
                config["quizzes"][block.id]["feedback"] = block.feedback
            if block.measures is not None:
                config["quizzes"][block.id]["measures"] = block.measures
        elif isinstance(block, SurveyBlock):
            config["surveys"][block.id] = {
                "k": keys[block.id],
                "scale": block.steps,
                "items": [
                    {"id": i.id, "k": keys[f"{block.id}__{i.id}"], "description": i.text[:250]}
                    for i in block.items
                ],
                "comment": block.comment.id if block.comment else None,
            }
        elif isinstance(block, ReflectionBlock):
            reflection: dict[str, Any] = {"k": keys[block.id], "description": block.prompt[:250]}
            if block.required and page_id in required_pages:
                # holds completion back; `page` lets a cmi5 unit keep only its own (runtime.md)
                reflection.update(required=True, page=page_id)
            config["reflections"][block.id] = reflection
        elif isinstance(block, GroupBlock):
            options = [o.id for o in block.options] if block.options is not None else audiences
            config["groups"][block.id] = {
                "k": keys[block.id],
                "options": options,
                "kind": block.kind,
            }
    if FORMATS[target].family == "scorm":
        config["slots"] = slots_config(resolved)
    _xapi_block(resolved, config)
    return config
