"""The files other repositories use to run aicourse in CI stay valid."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_runs_the_strict_check() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "aicourse-check"
    assert hook["entry"] == "aicourse check --strict"
    assert hook["pass_filenames"] is False


def test_ci_examples_in_the_docs_are_valid_yaml() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = text.split("```yaml\n")[1:]
    assert len(blocks) == 3
    for block in blocks:
        data = yaml.safe_load(block.split("```", 1)[0])
        assert isinstance(data, (dict, list)) and data
