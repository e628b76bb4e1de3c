import json
import shutil
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

from aicourse_build.schema import SCHEMAS

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_new_scaffolds_a_course_that_checks_clean(tmp_path: Path, aicourse: Run) -> None:
    made = aicourse("new", "ny-kurs", "--dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert aicourse("check", str(tmp_path / "ny-kurs"), "--strict").returncode == 0
    assert aicourse("new", "ny-kurs", "--dir", str(tmp_path)).returncode == 2  # not overwritten
    assert aicourse("new", "Ny Kurs", "--dir", str(tmp_path)).returncode == 2


def test_schema_writes_json_schemas(tmp_path: Path, aicourse: Run) -> None:
    result = aicourse("schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = [Path(line.removeprefix("wrote ")) for line in result.stdout.splitlines()]
    assert sorted(path.name for path in written) == sorted(f"{n}.schema.json" for n in SCHEMAS)
    assert all("$schema" in json.loads(path.read_text(encoding="utf-8")) for path in written)


def test_review_writes_the_html_documents(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    out = tmp_path / "review"
    result = aicourse("review", str(small_course), "--out", str(out), "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "minikurs-discussion-guide.html",
        "minikurs-review.html",
    ]


def test_review_since_an_earlier_version(small_course: Path, tmp_path: Path, aicourse: Run) -> None:
    old = shutil.copytree(small_course, tmp_path / "v1")
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text(encoding="utf-8").replace("grunderna", "det viktigaste"))
    out = tmp_path / "review"
    result = aicourse(
        "review", str(small_course), "--out", str(out), "--no-pdf", "--since", str(old)
    )
    assert result.returncode == 0, result.stderr
    html = (out / "minikurs-review.html").read_text(encoding="utf-8")
    assert "Ändringar sedan version 1.0.0" in html and "<ins>det viktigaste</ins>" in html


def test_review_since_errors_are_one_line_and_write_nothing(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    out = tmp_path / "review"
    unknown = aicourse(
        "review",
        str(small_course),
        "--out",
        str(out),
        "--no-pdf",
        "--since",
        "v9.9.9",
        cwd=tmp_path,
    )
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "aicourse review: --since v9.9.9: no such file, and this is not a git repository"
    ]
    broken = shutil.copytree(small_course, tmp_path / "broken")
    (broken / "pages" / "start.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    errors = aicourse(
        "review", str(small_course), "--out", str(out), "--no-pdf", "--since", str(broken)
    )
    assert errors.returncode == 1
    [line] = errors.stderr.splitlines()
    assert line.startswith(f"aicourse review: --since {broken}: the manuscript there has errors")
    assert "broken/course.yaml:28:13: no page has the id 'start'" in line
    assert not out.exists()


def test_preview_shows_one_course_at_a_time(
    small_course: Path, tmp_path: Path, aicourse: Run
) -> None:
    shutil.copytree(small_course, tmp_path / "courses" / "b")
    shutil.copytree(small_course, tmp_path / "courses" / "a")
    result = aicourse("preview", str(tmp_path / "courses"), "--port", "0")
    assert result.returncode == 2
    assert "preview shows one course at a time" in result.stderr
    assert "Traceback" not in result.stderr


def test_preview_refuses_an_unknown_profile(small_course: Path, aicourse: Run) -> None:
    result = aicourse("preview", str(small_course), "--profile", "nobody", "--port", "0")
    assert result.returncode == 2
    assert "no profile nobody" in result.stderr


def test_preview_reports_a_port_in_use(small_course: Path, aicourse: Run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = aicourse("preview", str(small_course), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
