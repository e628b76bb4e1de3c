"""`aicourse` run as a separate process, as an author or CI runs it: exit codes, stdout and
stderr are what the console script produces, not what click's test runner mixes together."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicourse_build", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def aicourse() -> Run:
    """aicourse(*args, cwd=None): the finished process of `aicourse ARGS`."""
    return _run
