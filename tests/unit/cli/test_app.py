import ast
import subprocess
import sys
from collections.abc import Callable
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import aicourse_build
from aicourse_build.cli import cli

Run = Callable[..., subprocess.CompletedProcess[str]]

SRC = Path(aicourse_build.__file__).parent
CLI_MODULES = sorted(p.stem for p in (SRC / "cli").glob("*.py") if p.stem != "__init__")


def test_internal_error_is_not_a_traceback(small_course: Path) -> None:
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


def test_version(aicourse: Run) -> None:
    assert aicourse("--version").stdout.startswith("aicourse, version ")


def test_quiet_prints_problems_only(small_course: Path, aicourse: Run) -> None:
    result = aicourse("-q", "check", str(small_course))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_the_group_has_every_command() -> None:
    assert sorted(cli.commands) == [
        "build",
        "check",
        "diff",
        "i18n",
        "new",
        "preview",
        "results",
        "review",
        "schema",
    ]


@pytest.mark.parametrize("module", CLI_MODULES)
def test_each_module_imports_on_its_own(module: str) -> None:
    """In a fresh interpreter, so an import circle fails here whichever module comes first."""
    name = f"aicourse_build.cli.{module}"
    result = subprocess.run(
        [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _imported(path: Path) -> set[str]:
    """Every aicourse_build module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("aicourse_build.")}


def test_the_cli_modules_import_each_other_without_a_circle() -> None:
    """Also the imports inside functions, which importing a module does not run: the old circle
    between the cli and i18n's cli was one of those."""
    modules = {f"aicourse_build.cli.{m}": SRC / "cli" / f"{m}.py" for m in CLI_MODULES}
    modules["aicourse_build.cli"] = SRC / "cli" / "__init__.py"
    graph = {name: (_imported(path) & modules.keys()) - {name} for name, path in modules.items()}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        pytest.fail(f"import circle: {exc.args[1]}")


def test_only_the_entry_point_imports_the_cli() -> None:
    """The cli is the top layer: what it runs never reaches back into it."""
    importers = [
        path.relative_to(SRC).as_posix()
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] != "cli"
        and any(n.startswith("aicourse_build.cli") for n in _imported(path))
    ]
    assert importers == ["__main__.py"]
