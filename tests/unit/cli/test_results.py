"""`aicourse results` as an administrator runs it: exit codes and messages, never a traceback."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"
sys.path.insert(0, str(REPO / "bench"))
from cohort import cohort  # noqa: E402  (bench/ is no package)

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_a_report_from_a_download(tmp_path: Path, aicourse: Run) -> None:
    download = tmp_path / "interactions.txt"
    cohort(download, learners=40, form="moodle", seed=3)
    out = tmp_path / "rapport"
    done = aicourse("results", str(COURSE), str(download), "--out", str(out), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert f"wrote {out / 'results.html'}" in done.stdout
    assert "40 learner(s)" in done.stderr
    assert (out / "results.json").is_file() and not (out / "results.pdf").exists()


def test_clear_messages_and_nothing_written(tmp_path: Path, aicourse: Run) -> None:
    out = tmp_path / "rapport"
    missing = aicourse("results", str(COURSE), str(tmp_path / "saknas.ods"), "--out", str(out))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "saknas.ods: no such file; nothing was written" in missing.stderr
    assert not out.exists()
    small = aicourse("results", str(COURSE), "x.ods", "--out", str(out), "--min-group", "2")
    assert small.returncode == 2 and "--min-group" in small.stderr
    broken = tmp_path / "kurs"
    broken.mkdir()
    (broken / "course.yaml").write_text("id: Trasig\n", encoding="utf-8")
    bad = aicourse("results", str(broken), str(tmp_path / "a.ods"), "--out", str(out))
    assert bad.returncode == 1 and "error[AIC" in bad.stdout
    assert "the course has errors" in bad.stderr
