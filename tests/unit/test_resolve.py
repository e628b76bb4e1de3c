from collections.abc import Callable
from pathlib import Path

from aicourse_build.model.blocks import ReflectionBlock, TextBlock
from aicourse_build.model.tree import Course
from aicourse_build.model.validate import validate_tree
from aicourse_build.resolve import ExternalSurvey, resolve_profile
from aicourse_build.source.project import load_course


def _course(root: Path) -> Course:
    course, problems = validate_tree(load_course(root))
    assert course is not None and problems == []
    return course


def _add_page(root: Path, body: str) -> None:
    (root / "pages" / "extra.md").write_text(f"---\nid: extra\ntitle: Extra\n---\n\n{body}")
    course_yaml = root / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("[start, prov]", "[start, extra, prov]"))


def test_variables_are_filled_from_contacts(small_course: Path) -> None:
    course = _course(small_course)
    resolved, problems = resolve_profile(course, course.profiles["intern"])
    assert problems == []
    text = resolved.pages[0].blocks[0].block
    assert isinstance(text, TextBlock)
    assert "Kursteamet, kurs@example.org" in text.body


def test_conditions_and_survey_mode(small_course: Path) -> None:
    _add_page(
        small_course,
        "::: only internal\nInternt.\n:::\n\n```reflection\nid: r\n"
        "prompt: P\nexcept: [publik]\n```\n\n```survey\nid: enkat\n"
        "items: [{id: nytta, text: Nyttig}]\n```\n",
    )
    course = _course(small_course)
    internal, _ = resolve_profile(course, course.profiles["intern"])
    public, _ = resolve_profile(course, course.profiles["publik"])
    kinds = [type(rb.block) for rb in internal.pages[1].blocks]
    assert kinds[:2] == [TextBlock, ReflectionBlock]
    public_blocks = [rb.block for rb in public.pages[1].blocks]
    assert len(public_blocks) == 1 and isinstance(public_blocks[0], ExternalSurvey)
    assert public_blocks[0].url == "https://forms.example.org/minikurs"
    assert {lo.kind for lo in public.left_out} == {"text", "reflection"}


def test_unknown_variable_is_an_error_for_the_profile_that_lacks_it(small_course: Path) -> None:
    _add_page(small_course, "Se {{ intranat }}.\n")
    profile = small_course / "profiles" / "intern.yaml"
    profile.write_text(profile.read_text() + "variables:\n  intranat: https://intra.example\n")
    course = _course(small_course)
    _, internal = resolve_profile(course, course.profiles["intern"])
    _, public = resolve_profile(course, course.profiles["publik"])
    assert internal == []
    [d] = public
    assert (d.code, d.profile, d.span.line, d.span.col) == ("AIC041", "publik", 6, 4)


def test_profile_leaving_nothing(small_course: Path) -> None:
    course_yaml = small_course / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text().replace(
            "    pages: [start, prov]", "    pages: [start, prov]\n    only: [intern]"
        )
    )
    course = _course(small_course)
    _, problems = resolve_profile(course, course.profiles["publik"])
    assert sorted(d.code for d in problems) == ["AIC042"]


def test_the_resolved_course_reads_course_yaml_in_its_language(
    english_course: Path,
) -> None:
    course = _course(english_course)
    english, problems = resolve_profile(course, course.profiles["publik"], "en")
    swedish, _ = resolve_profile(course, course.profiles["publik"], "sv")
    assert english.meta.title == "Mini course" and swedish.meta.title == "Minikurs"
    assert [m.title for m in english.modules] == ["Module one"]
    assert [a.label for a in english.meta.audiences] == ["Physicians", "Other professional group"]
    assert english.contacts["kurs"].role == "Course contact"
    # settings stay course.yaml's
    assert english.meta.completion == course.meta.completion
    # the pages have no English version yet: a warning each, but not for course.yaml
    assert {d.message for d in problems} == {
        "page 'start' has no 'en' version; the original is used",
        "page 'prov' has no 'en' version; the original is used",
    }


def test_a_missing_course_translation_is_reported_once_per_profile(small_course: Path) -> None:
    profile = small_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "languages: [sv, en]\n")
    course = _course(small_course)
    resolved, problems = resolve_profile(course, course.profiles["publik"], "en")
    [d] = [d for d in problems if d.span.path.endswith("course.yaml")]
    assert (d.code, d.severity, d.profile) == ("AIC051", "warning", "publik")
    assert d.message == "course.yaml has no 'en' version; the original is used"
    assert d.hint == "add course.en.yaml, a translated copy of course.yaml, or drop the language"
    assert (d.span.line, d.span.col) == (2, 1)
    assert resolved.meta is course.meta
    # a translation that failed to load has its own error: no warning on top of it
    (small_course / "course.en.yaml").write_text("title: [\n")
    course = _course(small_course)
    _, problems = resolve_profile(course, course.profiles["publik"], "en")
    assert not [d for d in problems if d.span.path.endswith("course.yaml")]


def test_a_profile_contact_copied_from_course_yaml_follows_the_translation(
    english_course: Path,
) -> None:
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(
        profile.read_text()
        + "contacts:\n  kurs:\n    role: Kontakt för kursen\n    name: Plattformens kursteam\n"
        "    url: https://example.org/kurs\n"
    )
    course = _course(english_course)
    english, _ = resolve_profile(course, course.profiles["publik"], "en")
    contact = english.contacts["kurs"]
    # the role is course.yaml's word for word, so it is translated; the name is the profile's own
    assert (contact.role, contact.name) == ("Course contact", "Plattformens kursteam")
    assert (contact.email, contact.url) == (None, "https://example.org/kurs")
    swedish, _ = resolve_profile(course, course.profiles["publik"], "sv")
    assert swedish.contacts["kurs"].role == "Kontakt för kursen"


def test_a_profile_resolved_in_a_language_uses_the_texts_of_its_translation(
    profile_course: Path, profile_translation_writer: Callable[..., Path]
) -> None:
    profile_translation_writer(profile_course)
    _add_page(profile_course, "Fråga {{ team.namn }} på {{ organisation }}: {{ contacts.stod }}.\n")
    course = _course(profile_course)
    english, problems = resolve_profile(course, course.profiles["publik"], "en")
    swedish, _ = resolve_profile(course, course.profiles["publik"], "sv")
    assert not [d for d in problems if d.span.path.endswith(".yaml")]
    text = english.pages[1].blocks[0].block
    assert isinstance(text, TextBlock)
    assert "The region's course team på your organisation: Your line manager, https://" in text.body
    assert english.profile.model.title == "Public platform"
    stod, kurs = english.contacts["stod"], english.contacts["kurs"]
    assert (stod.role, stod.name, stod.url) == (
        "Support",
        "Your line manager",
        "https://example.org/stod",
    )
    # not in the translation: the role copied from course.yaml follows course.en.yaml, the
    # profile's own name stays as written
    assert (kurs.role, kurs.name) == ("Course contact", "Plattformens kursteam")
    swedish_text = swedish.pages[1].blocks[0].block
    assert isinstance(swedish_text, TextBlock)
    assert "Regionens kursteam på din organisation: Din närmaste chef" in swedish_text.body
    assert swedish.profile is course.profiles["publik"]


def test_a_missing_profile_translation_is_reported_once_at_the_profile(
    profile_course: Path,
) -> None:
    course = _course(profile_course)
    _, problems = resolve_profile(course, course.profiles["publik"], "en")
    [d] = [d for d in problems if "profiles" in d.span.path]
    assert (d.code, d.severity, d.profile) == ("AIC051", "warning", "publik")
    assert d.message == "profile 'publik' has no 'en' version; the original is used"
    assert d.hint == (
        "add publik.en.yaml with its contacts and variables in that language, or drop the language"
    )
    assert (d.span.line, d.span.col) == (15, 3)  # variables.organisation
    _, swedish = resolve_profile(course, course.profiles["publik"], "sv")
    assert not [d for d in swedish if "profiles" in d.span.path]


def test_a_profile_with_nothing_of_its_own_to_translate_needs_no_translation(
    english_course: Path,
) -> None:
    # a contact whose words are course.yaml's follows course.en.yaml; the title is for authors
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(
        profile.read_text()
        + "contacts:\n  kurs:\n    role: Kontakt för kursen\n    name: Kursteamet\n"
        "    url: https://example.org/kurs\n"
    )
    course = _course(english_course)
    _, problems = resolve_profile(course, course.profiles["publik"], "en")
    assert not [d for d in problems if "profiles" in d.span.path]


def test_a_broken_profile_translation_is_not_also_missing(profile_course: Path) -> None:
    (profile_course / "profiles" / "publik.en.yaml").write_text("theme: vgr\n")
    course, errors = validate_tree(load_course(profile_course))
    assert course is not None and [d.code for d in errors] == ["AIC054"]
    _, problems = resolve_profile(course, course.profiles["publik"], "en")
    assert not [d for d in problems if "profiles" in d.span.path]


def test_a_question_version_is_tracked_as_another_question(small_course: Path) -> None:
    """The runtime's interaction ids, xAPI activity ids and `results` all see '<id>-v<version>'."""
    from aicourse_build.diagnostics import Report
    from aicourse_build.pipeline import check_course_dir
    from aicourse_build.render.config import build_config
    from aicourse_build.results.catalogue import catalogue_of

    for name in ("fragor.sv.yaml", "fragor.en.yaml"):
        path = small_course / "questions" / name
        path.write_text(
            path.read_text().replace("  - id: data\n", "  - id: data\n    version: 2\n")
        )
    report = Report()
    check = check_course_dir(small_course, report)
    assert not report.has_errors
    resolved = next(r for r in check.resolved if r.profile.name == "publik")
    config = build_config(resolved, "scorm2004", {})
    assert ["slutprov__data-v2", "choice"] not in config["slots"]["ids"]
    assert ["slutprov__data-v2", "true-false"] in config["slots"]["ids"]
    xapi = build_config(resolved, "xapi", {})
    iris = [q["iri"] for q in xapi["quizzes"]["slutprov"]["questions"]]
    assert iris[1] == "https://example.org/xapi/minikurs/quizzes/slutprov/data-v2"
    catalogue = catalogue_of(check)
    assert "slutprov__data-v2" in catalogue.ids and "slutprov__data" not in catalogue.ids
    assert catalogue.question("slutprov", "data-v2") is not None
