import zipfile
from pathlib import Path

import pytest

from aicourse_build.package.archive import write_zip
from aicourse_build.package.targets import Package


def test_zip_is_sorted_fixed_and_identical_twice(tmp_path: Path) -> None:
    package = Package({"b.txt": b"b", "a/x.webm": b"\x1a" * 10, "index.html": b"<p>"}, "index.html")
    first = write_zip(package, tmp_path / "one.zip").read_bytes()
    second = write_zip(package, tmp_path / "two.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one.zip") as handle:
        infos = handle.infolist()
    assert [i.filename for i in infos] == ["a/x.webm", "b.txt", "index.html"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[1].compress_type == zipfile.ZIP_DEFLATED


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_zip(Package({"a": b"a"}, "a"), tmp_path / "p.zip")
    with zipfile.ZipFile(tmp_path / "p.zip") as handle:
        assert handle.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    class Broken(dict[str, bytes]):
        def __getitem__(self, key: str) -> bytes:
            raise RuntimeError("disk full")

    out = tmp_path / "p.zip"
    out.write_bytes(b"old package")
    with pytest.raises(RuntimeError):
        write_zip(Package(Broken({"a": b"a"}), "a"), out)
    assert out.read_bytes() == b"old package"
    assert [p.name for p in tmp_path.iterdir()] == ["p.zip"]
