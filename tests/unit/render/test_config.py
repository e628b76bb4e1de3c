import re
from collections.abc import Callable
from pathlib import Path

import jinja2

from aicourse_build.render.config import build_config, storage_key, tracked_ids
from aicourse_build.resolve import ResolvedCourse

REPO = Path(__file__).resolve().parents[3]


def test_config_follows_the_contract(resolved_intern: ResolvedCourse) -> None:
    config = build_config(resolved_intern, "scorm12", {"next": "Nästa"})
    assert config["target"] == "scorm12"
    assert [p["id"] for p in config["pages"]] == ["start", "prov"]
    assert config["completion"] == {
        "pages": ["start", "prov"],
        "assessment": "slutprov",
        "passingScore": 80,
        "onFail": "failed",
    }
    quiz = config["quizzes"]["slutprov"]
    assert [q["id"] for q in quiz["questions"]] == ["modell", "data"]
    assert quiz["questions"][0]["answer"] == "b" and quiz["questions"][1]["answer"] is True
    assert config["privacy"]["freeText"] == "send"
    assert set(config["reflections"]) == {"tanke"}


def test_scorm_configs_carry_the_slots_xapi_and_cmi5_do_not(
    resolved_intern: ResolvedCourse, resolved_publik: ResolvedCourse
) -> None:
    """config.slots (render/slots.py, docs/runtime.md): where each answer goes in
    cmi.interactions; xAPI and cmi5 statements name their activity and need none."""
    for target in ("scorm12", "scorm2004"):
        slots = build_config(resolved_intern, target, {})["slots"]
        assert slots["ids"][:2] == [["aicourse", "fill-in"], ["aicourse-progress", "fill-in"]]
        assert ["slutprov__modell", "choice"] in slots["ids"]
        assert re.fullmatch(r"1\.0\.0/[0-9a-f]{8}", slots["version"])
    for target in ("xapi", "cmi5"):
        config = build_config(resolved_publik, target, {})
        assert "slots" not in config
        extensions = config["xapi"]["extensions"]
        assert set(extensions) == {"group", "attempt", "version"}
        assert extensions["attempt"] == "https://example.org/xapi/extensions/attempt"


def test_every_tracked_element_has_a_unique_key(resolved_intern: ResolvedCourse) -> None:
    config = build_config(resolved_intern, "scorm2004", {})
    keys = [p["k"] for p in config["pages"]] + [config["quizzes"]["slutprov"]["k"]]
    keys += [q["k"] for q in config["quizzes"]["slutprov"]["questions"]]
    keys += [r["k"] for r in config["reflections"].values()]
    assert len(keys) == len(set(keys)) == len(tracked_ids(resolved_intern))


def test_storage_key_is_per_language_unless_languages_share_it(
    resolved_intern: ResolvedCourse,
) -> None:
    assert storage_key(resolved_intern) == "aicourse:minikurs:1.0.0:intern:sv"
    shared = storage_key(resolved_intern, ["sv", "en"])
    assert shared == "aicourse:minikurs:1.0.0:intern:sv+en"
    keys = dict.fromkeys(tracked_ids(resolved_intern), "abc")
    config = build_config(resolved_intern, "scorm12", {}, keys, shared)
    assert config["course"]["storageKey"] == shared
    assert {p["k"] for p in config["pages"]} == {"abc"}


def _require_reflection(course: Path, pages: str = "all") -> None:
    start = course / "pages" / "start.md"
    text = start.read_text(encoding="utf-8")
    start.write_text(text.replace("id: tanke\n", "id: tanke\nrequired: true\n"), encoding="utf-8")
    meta = course / "course.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("  pages: all\n", f"  pages: {pages}\n"), encoding="utf-8")


def test_a_required_reflection_is_marked_with_its_page(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    _require_reflection(small_course)
    config = build_config(resolve_course(small_course, "intern"), "scorm12", {})
    tanke = config["reflections"]["tanke"]
    assert tanke["required"] is True and tanke["page"] == "start"
    assert set(tanke) == {"k", "description", "required", "page"}


def test_an_optional_reflection_has_no_required_key(resolved_intern: ResolvedCourse) -> None:
    """Configs of courses without required reflections stay as they were (goldens)."""
    assert set(build_config(resolved_intern, "scorm12", {})["reflections"]["tanke"]) == {
        "k",
        "description",
    }


def _reflection_markup(resolved: ResolvedCourse) -> str:
    """The default theme's reflection template for `tanke`, rendered on its own."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "themes" / "default" / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = resolved.pages[0]
    block = next(rb.block for rb in page.blocks if getattr(rb.block, "id", "") == "tanke")
    return env.get_template("blocks/reflection.html.j2").render(
        block=block,
        page=page,
        course=resolved.meta,
        privacy=resolved.profile.model.privacy,
        s={},
        mdi=str,
    )


def test_only_required_reflections_on_pages_the_policy_lists_count(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    _require_reflection(small_course, "[prov]")
    resolved = resolve_course(small_course, "intern")
    config = build_config(resolved, "scorm12", {})
    assert config["completion"]["pages"] == ["prov"]
    assert "required" not in config["reflections"]["tanke"]
    # the markup agrees with the config
    assert "required" not in _reflection_markup(resolved)


def test_the_textarea_of_a_required_reflection_is_required(
    small_course: Path, resolve_course: Callable[..., ResolvedCourse]
) -> None:
    _require_reflection(small_course, "[start, prov]")
    resolved = resolve_course(small_course, "intern")
    assert build_config(resolved, "scorm12", {})["reflections"]["tanke"]["required"] is True
    textarea = re.search(r"<textarea [^>]*>", _reflection_markup(resolved))
    assert textarea is not None
    assert textarea.group(0).endswith(' required aria-required="true">')
