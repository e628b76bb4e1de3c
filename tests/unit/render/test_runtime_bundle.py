"""The runtime as packages ship it: minified, the same every time, and within its size budget.

The budget is measured on what `runtime_bundle` puts into a package (render/site.py), so the
number is the one learners download, not the size of the commented source.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from aicourse_build.render.site import runtime_adapters, runtime_bundle

RUNTIME = Path(__file__).resolve().parents[3] / "src" / "aicourse_build" / "runtime"
KB = 1024
# gzipped runtime.js + runtime.css per target; themes add about 3 KB to reach the 30 KB limit
BUDGET = {"scorm12": 22 * KB, "scorm2004": 22 * KB, "local": 22 * KB}
BUDGET_XAPI = 24 * KB  # xapi and cmi5 also carry the statement queue and the LRS client


def _gzipped(target: str) -> int:
    js, css = runtime_bundle(target)
    return len(gzip.compress(js + b"\n" + css, compresslevel=9, mtime=0))


@pytest.mark.parametrize("target", sorted(runtime_adapters()))
def test_the_shipped_runtime_stays_within_budget(target: str) -> None:
    size = _gzipped(target)
    assert size <= BUDGET.get(target, BUDGET_XAPI), f"{target}: {size} bytes gzipped"


def test_the_shipped_runtime_has_no_comments_and_is_the_same_each_time() -> None:
    js, css = runtime_bundle("cmi5")
    runtime_bundle.cache_clear()
    assert runtime_bundle("cmi5") == (js, css)
    source = (RUNTIME / "core" / "base.js").read_text(encoding="utf-8")
    assert "/*" in source and b"/*" not in js and b"/*" not in css
    assert b"'use strict'" in js  # directives are code, not comments
    bundle = json.loads((RUNTIME / "bundle.json").read_text(encoding="utf-8"))
    files = [*bundle["core"], *bundle["adapters"]["cmi5"]]
    assert js.count(b"(function(AC){") == len(files)  # every file is there, each one whole


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("target", sorted(runtime_adapters()))
def test_the_shipped_runtime_parses(target: str, tmp_path: Path) -> None:
    script = tmp_path / "runtime.js"
    script.write_bytes(runtime_bundle(target)[0])
    result = subprocess.run(
        ["node", "--check", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
