"""A Moodle/Totara interactions download into facts: by slot, version checked, names gone."""

from pathlib import Path

import pytest

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.render.slots import slots, version_response
from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.facts import Fact, Kind
from aicourse_build.results.ingest.moodle import (
    DownloadError,
    Layout,
    columns_of,
    moodle_facts,
    read_table,
)
from aicourse_build.results.pseudonym import Pseudonyms

COURSE = Path(__file__).resolve().parents[4] / "content" / "introduktionsutbildning"
HEAD = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", "Kursen"]


@pytest.fixture(scope="module")
def layout() -> Layout:
    check = check_course_dir(COURSE, Report(), ["vgr"])
    resolved = check.resolved[0]
    found = slots(resolved)
    return Layout("vgr", tuple(found), version_response(resolved, found))


def _download(tmp_path: Path, layout: Layout, rows: list[dict[str, str]]) -> Path:
    ids = [slot.id for slot in layout.slots]
    lines = ["\t".join(HEAD + [f'"Response {i}"' for i in range(len(ids))])]
    for number, answers in enumerate(rows, start=1):
        cells = [f"Anna {number}", f"anna{number}@example.org", "1", "-", "-", "80", "80"]
        cells += [answers.get(slot, "") for slot in ids]
        lines.append("\t".join(cells))
    path = tmp_path / "interactions.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_responses_become_facts_by_slot(
    tmp_path: Path, layout: Layout, catalogue: Catalogue
) -> None:
    path = _download(
        tmp_path,
        layout,
        [
            {
                "aicourse": layout.version,
                "aicourse-progress": "ai-huset",
                "yrkesgrupp": "lakare",
                "kunskapstest-fore__patient-data": "d,a,b",
                "kunskapstest-efter__language-model": "t",
                "kursenkat__enkat-relevans": "4",
                "reflektion-risker": "Hemlig text om en patient",
            }
        ],
    )
    found = list(moodle_facts(path, catalogue, [layout], Pseudonyms()))
    facts = [f for f in found if isinstance(f, Fact)]
    assert sorted((f.kind, f.element, f.value, f.number, f.correct) for f in facts) == [
        (Kind.ANSWER, "language-model", "true", None, False),
        (Kind.ANSWER, "patient-data", "a,b,d", None, True),
        (Kind.GROUP, "yrkesgrupp", "lakare", None, None),
        (Kind.PAGE, "ai-huset", "furthest", None, None),
        (Kind.REFLECTION, "reflektion-risker", None, None, None),
        (Kind.SURVEY, "enkat-relevans", None, 4.0, None),
    ]
    assert len({f.learner for f in facts}) == 1
    text = repr(found)
    assert "Anna" not in text and "example.org" not in text and "Hemlig" not in text


def test_another_version_or_course_is_refused(
    tmp_path: Path, layout: Layout, catalogue: Catalogue
) -> None:
    path = _download(tmp_path, layout, [{"aicourse": "0.9.0/abcdef12"}])
    with pytest.raises(DownloadError, match="another course, activity or version"):
        list(moodle_facts(path, catalogue, [layout], Pseudonyms()))


def test_a_scorm_2004_download_says_why_it_holds_nothing(
    layout: Layout, catalogue: Catalogue
) -> None:
    """Moodle 4.5.6's own download of the public SCORM 2004 package, learners who answered."""
    sample = Path(__file__).resolve().parents[3] / "moodle" / "samples" / "scorm2004"
    for name in ("interactions.txt", "interactions-moodle-default.txt"):
        with pytest.raises(DownloadError, match="every interaction column is empty: a SCORM 2004"):
            list(moodle_facts(sample / name, catalogue, [layout], Pseudonyms()))


def test_files_that_are_no_report_download(tmp_path: Path) -> None:
    comma = tmp_path / "a.csv"
    comma.write_text("only one column\nx\n", encoding="utf-8")
    with pytest.raises(DownloadError, match="fewer than three columns"):
        read_table(comma)
    broken = tmp_path / "a.ods"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DownloadError, match="cannot read it as ods"):
        read_table(broken)
    with pytest.raises(DownloadError, match="no 'Attempt' column"):
        columns_of(["Name", "Email", "Score"])


def test_columns_by_name_in_english_and_swedish() -> None:
    english = columns_of([*HEAD, "Question 0", "Response 0", "Right answer 0", "Result 0"])
    assert (english.attempt, english.responses, english.questions) == (2, {0: 8}, {0: 7})
    swedish = columns_of(["Namn", "Försök", "Fråga 0", "Svar 0", "Svar 1"])
    assert (swedish.attempt, swedish.responses, swedish.questions) == (1, {0: 3, 1: 4}, {0: 2})
