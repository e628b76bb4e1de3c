"""The LRS fixture: Ralph behind the test server, one per pytest session (shared with tests/e2e)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

# pytest runs with --import-mode=importlib: make this folder's helper modules importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest
from lrs_server import RALPH, SETUP_HINT, TestLrs, shared_lrs


@pytest.fixture(scope="session")
def lrs_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestLrs]:
    if not RALPH.exists():
        pytest.fail(f"ralph-malph is missing ({RALPH}); {SETUP_HINT}", pytrace=False)
    with shared_lrs(tmp_path_factory.mktemp("lrs")) as lrs:
        yield lrs


@pytest.fixture
def lrs(lrs_session: TestLrs) -> Iterator[TestLrs]:
    """The shared LRS with no fault set and an empty request log."""
    lrs_session.reset()
    yield lrs_session
    lrs_session.reset()
