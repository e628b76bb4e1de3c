import stat
from pathlib import Path

import pytest

from aicourse_build.i18n.rawtext import RawText, write_atomic


@pytest.mark.parametrize(
    "data",
    [b"a\nb\n", b"a\r\nb\r\n", b"a\r\nb\nc\rd", b"\xef\xbb\xbfid: x\n", b"no final newline", b""],
)
def test_decoding_and_encoding_unchanged_lines_gives_the_same_bytes(data: bytes) -> None:
    raw = RawText.decode(data)
    assert raw.encode(raw.lines) == data


def test_lines_are_what_the_loader_reads() -> None:
    raw = RawText.decode(b"\xef\xbb\xbfa\r\nb\r\n")
    assert raw.text == "a\nb\n" and raw.bom


def test_changed_lines_take_the_usual_line_end_and_the_others_keep_theirs() -> None:
    raw = RawText.decode(b"one\r\ntwo\r\nthree\nfour\r\n")
    lines = ["one", "TWO", "and a half", "three", "four", ""]
    assert raw.encode(lines) == b"one\r\nTWO\r\nand a half\r\nthree\nfour\r\n"


def test_a_file_without_final_line_end_keeps_it_that_way() -> None:
    raw = RawText.decode(b"a\nb")
    assert raw.encode(["a", "c", "d"]) == b"a\nc\nd"


def test_write_atomic_keeps_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    write_atomic(tmp_path / "b.yaml", b"fresh")
    assert stat.S_IMODE((tmp_path / "b.yaml").stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old")

    def refuse(self: Path, other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
