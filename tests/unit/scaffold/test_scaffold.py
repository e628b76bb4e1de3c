import re
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir
from aicourse_build.scaffold import EXAMPLE_ID, new_course, scaffold_files

DOCS = Path(__file__).resolve().parents[3] / "docs" / "manuscript.md"
EXAMPLE_FILE = re.compile(r"^#### `([^`]+)`\n\n(`{3,4})\w*\n(.*?)\n\2$", re.MULTILINE | re.DOTALL)


def test_a_new_course_passes_the_strict_check_for_both_profiles(tmp_path: Path) -> None:
    root = tmp_path / "min-nya-kurs"
    new_course(root, "min-nya-kurs")
    report = Report()
    result = check_course_dir(root, report)
    assert report.sorted() == []
    assert result.course is not None and result.course.meta.id == "min-nya-kurs"
    assert sorted(result.course.profiles) == ["intern", "publik"]
    used = {
        pb.block.type for v in result.course.pages.values() for p in v.values() for pb in p.blocks
    }
    assert len(used) == 11  # text and all ten fenced block types


def test_the_scaffold_is_the_example_in_the_docs() -> None:
    documented = {
        name: body + "\n"
        for name, _f, body in EXAMPLE_FILE.findall(DOCS.read_text(encoding="utf-8"))
    }
    files = scaffold_files(EXAMPLE_ID)
    assert {n: files[n].decode() for n in documented} == documented


def test_new_refuses_a_folder_that_is_in_use(tmp_path: Path) -> None:
    (tmp_path / "kurs").mkdir()
    (tmp_path / "kurs" / "course.yaml").write_text("id: kurs\n")
    try:
        new_course(tmp_path / "kurs", "kurs")
    except FileExistsError:
        return
    raise AssertionError("an existing course was overwritten")
