"""The documentation's examples and code lists stay true."""

from __future__ import annotations

import re
from pathlib import Path

from aicourse_build.diagnostics import Report
from aicourse_build.pipeline import check_course_dir

DOCS = Path(__file__).resolve().parent.parent / "docs"
SRC = Path(__file__).resolve().parent.parent / "src"
EXAMPLE_FILE = re.compile(r"^#### `([^`]+)`\n\n(`{3,4})\w*\n(.*?)\n\2$", re.MULTILINE | re.DOTALL)


def _write_example(root: Path) -> None:
    text = (DOCS / "manuscript.md").read_text(encoding="utf-8")
    files = EXAMPLE_FILE.findall(text)
    assert len(files) >= 9
    for name, _fence, body in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body + "\n", encoding="utf-8")
    (root / "media").mkdir()
    (root / "media" / "modell.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")


def test_complete_example_in_manuscript_md_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "exempelkurs"
    _write_example(root)
    report = Report()
    result = check_course_dir(root, report)
    assert report.sorted() == []
    assert result.course is not None
    used = {
        pb.block.type for v in result.course.pages.values() for p in v.values() for pb in p.blocks
    }
    assert len(used) == 11  # text and all ten fenced block types


def test_every_code_in_the_source_is_documented() -> None:
    documented = set(
        re.findall(r"^### (AIC\d{3})", (DOCS / "diagnostics.md").read_text(), re.MULTILINE)
    )
    used = set()
    for path in SRC.rglob("*.py"):
        used.update(re.findall(r'"(AIC\d{3})"', path.read_text(encoding="utf-8")))
    assert used == documented


def test_the_limits_table_in_manuscript_md_is_the_one_check_applies() -> None:
    from aicourse_build.source.media_types import limits_table

    assert limits_table() in (DOCS / "manuscript.md").read_text(encoding="utf-8")
