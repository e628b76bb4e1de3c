"""A wheel built from the repository works on its own, the way docs/ci.md and the hook install it.

The dev install is editable, where the checkout's themes/ and src/ are at hand, so nothing else
shows whether the wheel carries what the package reads at run time. Here the wheel is built, put
into a fresh virtualenv (not editable), and used from a folder outside the repository without
AICOURSE_THEMES, which tests/conftest.py sets for every other test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CI_DOC = REPO / "docs" / "ci.md"
HOOKS = REPO / ".pre-commit-hooks.yaml"
PACKAGE = "aicourse_build"
# what pip prints when it cannot reach a package index (no network, a proxy refusing)
NO_INDEX = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Temporary failure in name "
    r"resolution|Name or service not known|Network is unreachable|ProxyError|Max retries exceeded"
)
# the install step of docs/ci.md, which installs from the project's git repository
GIT_INSTALL = re.compile(r"^pip install \"?aicourse-build @ git\+\S+\"?$")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _missing(reason: str) -> None:
    """A tool or the network this test needs is not there: CI must not pass without the test."""
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: not skipped)")
    pytest.skip(reason)


def _env(bin_dir: Path | None, **extra: str) -> dict[str, str]:
    """The environment of a shell in which only the fresh install (`bin_dir`) is on PATH.

    AICOURSE_THEMES would hand the checkout's themes to the installed package, and the dev
    venv's bin/ on PATH would run the editable install instead of the wheel's.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"AICOURSE_THEMES", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
        and not name.startswith("GIT_")
    }
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not _inside_repo(Path(p))]
    env["PATH"] = os.pathsep.join([str(bin_dir), *path] if bin_dir else path)
    env.update(extra)
    return env


def _inside_repo(path: Path) -> bool:
    return path.resolve().is_relative_to(REPO)


def _run(
    args: Sequence[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    command = shlex.join(str(a) for a in result.args)
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}"
    return result.stdout


def _pip(venv: Path, *args: str | Path, cwd: Path) -> str:
    """Run the venv's pip; an unreachable package index is a missing prerequisite, not a bug."""
    result = _run([venv / "bin" / "pip", *args], cwd, _env(venv / "bin"), timeout=600)
    if result.returncode != 0 and NO_INDEX.search(result.stdout):
        _missing(f"no package index reachable for `pip {args[0]}`:\n{result.stdout[-2000:]}")
    return _ok(result)


def _make_venv(folder: Path) -> Path:
    # the venv module of the Python running the tests only creates it; everything after runs the
    # venv's own executables
    result = _run([sys.executable, "-m", "venv", folder], folder.parent, _env(None))
    if result.returncode != 0:
        _missing(
            f"cannot create a virtualenv (python3-venv / ensurepip missing?):\n{result.stdout}"
        )
    return folder


def _one(folder: Path, pattern: str) -> Path:
    [found] = folder.glob(pattern)
    return found


def _shipped_files(folder: Path) -> list[str]:
    """Files under `folder` that a build ships: what git would track, not caches."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


@dataclass(frozen=True)
class Install:
    venv: Path
    wheel: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        return _env(self.bin, **extra)

    def aicourse(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        return _run([self.bin / "aicourse", *args], cwd, self.env(), timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """The wheel built from the repository, installed into a fresh venv: once per test module."""
    root = tmp_path_factory.mktemp("wheel")
    venv = _make_venv(root / "venv")
    # pip builds the wheel straight from the source tree (its build isolation fetches hatchling),
    # as `pip install "aicourse-build @ git+..."` and pre-commit's install of the hook do
    _pip(venv, "wheel", "--no-deps", "--wheel-dir", root / "dist", REPO, cwd=root)
    wheel = _one(root / "dist", "*.whl")
    _pip(venv, "install", wheel, cwd=root)
    return Install(venv, wheel)


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv apart from the install's: pre-commit, and the build backend for the sdist."""
    root = tmp_path_factory.mktemp("tools")
    venv = _make_venv(root / "venv")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    _pip(venv, "install", "pre-commit", *pyproject["build-system"]["requires"], cwd=root)
    return venv


@pytest.fixture
def manuscripts(installed: Install, tmp_path: Path) -> Path:
    """A manuscript repository outside this one: the course that `aicourse new x` writes."""
    assert not _inside_repo(tmp_path)
    _ok(installed.aicourse("new", "x", cwd=tmp_path))
    assert (tmp_path / "content" / "x" / "course.yaml").is_file()
    return tmp_path


def _zips(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.zip"))


def _wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _assert_package_data(names: set[str]) -> None:
    themes = sorted(p.name for p in (REPO / "themes").iterdir() if p.is_dir())
    assert {"default", "vgr", "public"} <= set(themes)
    for theme in themes:
        assert f"{PACKAGE}/themes/{theme}/theme.yaml" in names
    theme_files = _shipped_files(REPO / "themes")
    # the default theme's templates and every theme's static files, so the loop below cannot pass
    # over an empty listing
    assert any(f.startswith("default/templates/") for f in theme_files)
    assert {t for t in themes if any(f.startswith(f"{t}/static/") for f in theme_files)} == set(
        themes
    )
    runtime = _shipped_files(REPO / "src" / PACKAGE / "runtime")
    assert runtime
    expected = [f"{PACKAGE}/themes/{f}" for f in theme_files]
    expected += [f"{PACKAGE}/runtime/{f}" for f in runtime]
    assert [e for e in expected if e not in names] == []


def test_wheel_holds_the_themes_and_the_runtime(installed: Install) -> None:
    _assert_package_data(_wheel_names(installed.wheel))


def test_installed_package_finds_its_own_themes(installed: Install, tmp_path: Path) -> None:
    code = "from aicourse_build.themes import shipped_themes_dir; print(shipped_themes_dir())"
    out = _ok(_run([installed.bin / "python", "-c", code], tmp_path, installed.env()))
    shipped = Path(out.strip())
    assert shipped.parent.name == PACKAGE
    assert shipped.resolve().is_relative_to(installed.venv.resolve())
    assert (shipped / "vgr" / "theme.yaml").is_file()


def test_sdist_holds_the_themes_and_builds_the_same_wheel(
    installed: Install, tools: Path, tmp_path: Path
) -> None:
    # hatchling's own entry point, as `python -m build` calls it, run from the repository root
    build = "import sys, hatchling.build; print(hatchling.build.build_sdist(sys.argv[1]))"
    name = _ok(_run([tools / "bin" / "python", "-c", build, tmp_path], REPO, _env(tools / "bin")))
    sdist = tmp_path / name.strip().splitlines()[-1]
    with tarfile.open(sdist) as archive:
        members = set(archive.getnames())
    top = sdist.name.removesuffix(".tar.gz")
    for file in _shipped_files(REPO / "themes"):
        assert f"{top}/themes/{file}" in members
    # `python -m build` makes the wheel from the unpacked sdist, not from the checkout
    _pip(
        installed.venv, "wheel", "--no-deps", "--wheel-dir", tmp_path / "dist", sdist, cwd=tmp_path
    )
    from_sdist = _wheel_names(_one(tmp_path / "dist", "*.whl"))
    _assert_package_data(from_sdist)
    assert from_sdist == _wheel_names(installed.wheel)


def test_new_check_build_from_another_folder(installed: Install, tmp_path: Path) -> None:
    assert not _inside_repo(tmp_path)
    created = _ok(installed.aicourse("new", "x", cwd=tmp_path))
    # `aicourse new x` writes the course into content/x; `check x` and `build x` find it there
    assert (tmp_path / "content" / "x" / "course.yaml").is_file()
    outputs = [created]
    outputs.append(_ok(installed.aicourse("check", "--strict", "x", cwd=tmp_path)))
    outputs.append(_ok(installed.aicourse("build", "x", cwd=tmp_path)))
    assert not any("no theme" in out for out in outputs), outputs
    assert _zips(tmp_path / "dist")
    assert (tmp_path / "dist" / "build-report.json").is_file()


def _ci_examples() -> list[Any]:
    """The YAML blocks of docs/ci.md, in order (GitHub Actions, GitLab CI, pre-commit)."""
    text = CI_DOC.read_text(encoding="utf-8")
    return [
        yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```$", text, re.M | re.S)
    ]


def _example(key: str) -> dict[str, Any]:
    """The example with this top-level key: `jobs` (GitHub Actions) or `repos` (pre-commit)."""
    [found] = [block for block in _ci_examples() if isinstance(block, dict) and key in block]
    return found


def _gitlab_job() -> dict[str, Any]:
    """The one job of the GitLab example: the top-level entry with a `script`."""
    [job] = [
        value
        for block in _ci_examples()
        if isinstance(block, dict)
        for value in block.values()
        if isinstance(value, dict) and "script" in value
    ]
    return job


def _run_steps(
    install: Install, commands: list[str], cwd: Path, env: dict[str, str]
) -> Iterator[str]:
    """Run a CI job's shell lines in order, the git install line replaced by the built wheel."""
    installs = [c for c in commands if GIT_INSTALL.match(c)]
    assert len(installs) == 1, f"docs/ci.md: expected one `pip install` from git in {commands}"
    assert commands[0] in installs, "the install step comes before aicourse is used"
    for command in commands:
        if GIT_INSTALL.match(command):
            command = shlex.join(["pip", "install", str(install.wheel)])
        # bash -e, as both CI systems run a step's script
        yield _ok(_run(["bash", "-e", "-c", command], cwd, env, timeout=300))


def test_github_actions_recipe(installed: Install, manuscripts: Path) -> None:
    workflow = _example("jobs")
    [job] = workflow["jobs"].values()
    steps = job["steps"]
    actions = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    # checkout is the manuscript folder, setup-python the fresh venv, upload-artifact the check
    # of dist/ below: the steps this test stands in for
    assert actions == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    [python] = [
        step["with"]["python-version"] for step in steps if "setup-python" in step.get("uses", "")
    ]
    assert tuple(map(int, str(python).split("."))) >= (3, 11)
    commands = [step["run"] for step in steps if "run" in step]
    env = installed.env(CI="true", GITHUB_ACTIONS="true")
    outputs = list(_run_steps(installed, commands, manuscripts, env))
    assert not any("no theme" in out or "::error" in out for out in outputs), outputs
    [artifact] = [
        step["with"]["path"] for step in steps if "upload-artifact" in step.get("uses", "")
    ]
    assert _zips(manuscripts / artifact)
    assert (manuscripts / artifact / "build-report.json").is_file()


def test_gitlab_ci_recipe(installed: Install, manuscripts: Path) -> None:
    job = _gitlab_job()
    env = installed.env(CI="true", GITLAB_CI="true")
    outputs = list(_run_steps(installed, job["script"], manuscripts, env))
    assert not any("no theme" in out for out in outputs), outputs
    report = etree.parse(str(manuscripts / job["artifacts"]["reports"]["junit"]))
    assert report.getroot().tag in {"testsuites", "testsuite"}
    assert report.xpath("//failure | //error") == []
    [dist] = job["artifacts"]["paths"]
    assert _zips(manuscripts / dist)


def _hook() -> dict[str, Any]:
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hook, dict)
    return hook


def _documented_hook_ids() -> list[str]:
    [repo] = _example("repos")["repos"]
    return [hook["id"] for hook in repo["hooks"]]


def test_pre_commit_hook_entry_from_the_fresh_install(
    installed: Install, manuscripts: Path
) -> None:
    hook = _hook()
    assert _documented_hook_ids() == [hook["id"]]
    # language python: pre-commit pip-installs the package, so the hook needs a complete wheel
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(p.name) for p in (manuscripts / "content" / "x").rglob("*.yaml"))
    assert hook["pass_filenames"] is False
    program, *args = shlex.split(hook["entry"])
    # pre-commit runs the entry in the repository's root, with the hook env's bin/ first on PATH
    out = _ok(_run([installed.bin / program, *args], manuscripts, installed.env()))
    assert "no theme" not in out


def test_pre_commit_try_repo(
    tools: Path, manuscripts: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if shutil.which("git") is None:
        _missing("git is not installed; pre-commit needs it")
    if not (REPO / ".git").exists():
        _missing(f"{REPO} is not a git repository; pre-commit try-repo clones one")
    # try-repo copies the checkout's tracked files with their uncommitted changes, never an
    # untracked file: a new module not yet added to git would be missing from the hook's install
    untracked = _ok(
        _run(
            ["git", "ls-files", "--others", "--exclude-standard", "--", "src", "themes"],
            REPO,
            _env(None),
        )
    ).split()
    if untracked:
        _missing(f"pre-commit try-repo leaves out files git does not track: {untracked}")
    env = _env(
        tools / "bin",
        # a cache of its own: pre-commit builds the hook's virtualenv from this repository anew
        # (pip and hatchling from the package index), as it would on a user's machine
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
    )
    _ok(_run(["git", "init", "--quiet"], manuscripts, env))
    _ok(_run(["git", "add", "."], manuscripts, env))
    [hook_id] = _documented_hook_ids()
    pre_commit: list[str | Path] = [
        tools / "bin" / "pre-commit",
        "try-repo",
        REPO,
        hook_id,
        "--all-files",
    ]
    result = _run(pre_commit, manuscripts, env, timeout=600)
    if result.returncode != 0 and NO_INDEX.search(result.stdout):
        _missing(f"pre-commit could not reach a package index:\n{result.stdout[-2000:]}")
    out = _ok(result)
    assert re.search(rf"{re.escape(_hook()['name'])}\.+Passed", out), out
    assert "no theme" not in out
