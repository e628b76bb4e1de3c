import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from aicourse_build.cli import cli


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicourse_build", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_clean_course_exits_zero(small_course: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(small_course), "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_errors_exit_one_and_warnings_only_fail_when_strict(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("alt: En pil från data till modell.\n", ""))
    assert _run("check", str(small_course)).returncode == 0
    assert _run("check", str(small_course), "--strict").returncode == 1
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    assert _run("check", str(small_course)).returncode == 1


def test_usage_errors_exit_two(small_course: Path, tmp_path: Path) -> None:
    assert _run("check", str(tmp_path / "nowhere")).returncode == 2
    unknown = _run("check", str(small_course), "--profile", "vgrr")
    assert unknown.returncode == 2 and "unknown profile vgrr" in unknown.stderr
    assert _run("check", "--format", "xml").returncode == 2


def test_json_and_github_formats(small_course: Path) -> None:
    page = small_course / "pages" / "start.md"
    page.write_text(page.read_text().replace("id: tanke", "id: Tanke"))
    lines = _run("check", str(small_course), "--format", "json").stdout.splitlines()
    record = next(r for r in map(json.loads, lines) if r["code"] == "AIC012")
    assert record["code"] == "AIC012" and record["line"] == 19 and record["severity"] == "error"
    github = _run("check", str(small_course), "--format", "github").stdout
    assert "::error file=" in github
    assert ",line=19,col=5,endLine=19,endColumn=10,title=AIC012::" in github


def test_internal_error_is_not_a_traceback(small_course: Path, monkeypatch: object) -> None:
    code = (
        "import sys, aicourse_build.pipeline as p\n"
        "def boom(*a, **k): raise RuntimeError('kaboom')\n"
        "p.check_course_dir = boom\n"
        "from aicourse_build.cli import main\n"
        f"sys.argv = ['aicourse', 'check', {str(small_course)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr
    debug = subprocess.run(
        [sys.executable, "-c", code.replace("'check'", "'--debug', 'check'")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" in debug.stderr


def test_version() -> None:
    assert _run("--version").stdout.startswith("aicourse, version ")


def test_new_scaffolds_a_course_that_checks_clean(tmp_path: Path) -> None:
    made = _run("new", "ny-kurs", "--dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert _run("check", str(tmp_path / "ny-kurs"), "--strict").returncode == 0
    assert _run("new", "ny-kurs", "--dir", str(tmp_path)).returncode == 2  # not overwritten
    assert _run("new", "Ny Kurs", "--dir", str(tmp_path)).returncode == 2


def test_quiet_prints_problems_only(small_course: Path) -> None:
    result = _run("-q", "check", str(small_course))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_review_writes_the_html_documents(small_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "review"
    result = _run("review", str(small_course), "--out", str(out), "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "minikurs-discussion-guide.html",
        "minikurs-review.html",
    ]


def test_preview_shows_one_course_at_a_time(small_course: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(small_course, tmp_path / "courses" / "b")
    shutil.copytree(small_course, tmp_path / "courses" / "a")
    result = _run("preview", str(tmp_path / "courses"), "--port", "0")
    assert result.returncode == 2
    assert "preview shows one course at a time" in result.stderr
    assert "Traceback" not in result.stderr


def test_preview_refuses_an_unknown_profile(small_course: Path) -> None:
    result = _run("preview", str(small_course), "--profile", "nobody", "--port", "0")
    assert result.returncode == 2
    assert "no profile nobody" in result.stderr


def test_preview_reports_a_port_in_use(small_course: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run("preview", str(small_course), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
