"""tests/unit mirrors src/: every module has a test module of the same name."""

from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "aicourse_build"
UNIT = Path(__file__).resolve().parent


def test_every_module_has_a_test_module() -> None:
    missing = []
    for module in sorted(SRC.rglob("*.py")):
        if module.name in ("__init__.py", "__main__.py"):
            continue
        relative = module.relative_to(SRC)
        expected = UNIT / relative.parent / f"test_{relative.name}"
        if not expected.is_file():
            missing.append(str(expected.relative_to(UNIT)))
    assert missing == []
