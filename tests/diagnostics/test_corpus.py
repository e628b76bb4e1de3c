"""The corpus of broken manuscripts: each case must give exactly its expected diagnostics.

A case is `cases/<name>/` with `case.yaml` (what to do to the valid base course in `base/`),
optional `course/` files laid over the base, and `expected.txt`: the exact output of
`aicourse check course` (or of the `command` case.yaml names) followed by a line `exit: N`.
`make golden` rewrites expected.txt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
CASES = sorted(p for p in (HERE / "cases").iterdir() if (p / "case.yaml").is_file())


def _prepare(case: Path, work: Path) -> Path:
    spec: dict[str, Any] = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {}
    course = work / "course"
    shutil.copytree(HERE / "base", course)
    if (case / "course").is_dir():
        shutil.copytree(case / "course", course, dirs_exist_ok=True)
    for name in spec.get("delete", []):
        target = course / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for name, target in spec.get("symlinks", {}).items():
        (course / name).unlink(missing_ok=True)
        (course / name).symlink_to(target)
    for name, size in spec.get("generate", {}).items():
        # large files are made here, never committed
        with (course / name).open("wb") as handle:
            handle.truncate(int(size))
    for name, data in spec.get("bytes", {}).items():
        (course / name).write_bytes(bytes.fromhex(data))
    for name, text in spec.get("outside", {}).items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    return course


def run_check(case: Path, work: Path) -> str:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) or {}
    _prepare(case, work)
    env = {**os.environ, "AICOURSE_THEMES": str(HERE.parent.parent / "themes")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "aicourse_build",
            *spec.get("command", ["check", "course"]),
            *spec.get("args", []),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return f"{result.stdout}exit: {result.returncode}\n"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path, update_golden: bool) -> None:
    output = run_check(case, tmp_path)
    expected_file = case / "expected.txt"
    if update_golden:
        expected_file.write_text(output, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert output == expected


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_base_course_is_clean(tmp_path: Path) -> None:
    empty = tmp_path / "empty-case"
    (empty).mkdir()
    (empty / "case.yaml").write_text("{}\n", encoding="utf-8")
    assert run_check(empty, tmp_path / "work") == "exit: 0\n"
