from pathlib import Path

from aicourse_build.source.files import MAX_TEXT_BYTES, SourceFile, read_source


def test_reads_utf8_and_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffhej\r\nvärld\r\n".encode())
    source, problems = read_source(path, "a.md")
    assert problems == []
    assert source is not None and source.lines[:2] == ("hej", "värld")


def test_latin1_is_reported_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("rad ett\nvärld\n".encode("latin-1"))
    source, problems = read_source(path, "a.md")
    assert source is None
    assert (problems[0].code, problems[0].span.line, problems[0].span.col) == ("AIC003", 2, 2)


def test_binary_empty_and_large_files(tmp_path: Path) -> None:
    binary, empty, large = tmp_path / "b.md", tmp_path / "e.md", tmp_path / "l.md"
    binary.write_bytes(b"abc\x00def")
    empty.write_text("  \n", encoding="utf-8")
    with large.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)
    assert read_source(binary, "b.md")[1][0].code == "AIC005"
    assert read_source(empty, "e.md")[1][0].code == "AIC004"
    assert read_source(large, "l.md")[1][0].code == "AIC006"


def test_locate_finds_text_after_a_start() -> None:
    source = SourceFile.from_text(Path("x"), "x", "a {{ v }}\nb {{ v }}\n")
    first = source.locate("{{ v }}")
    assert (first.line, first.col) == (1, 3)
    second = source.locate("{{ v }}", source.span(2, 1))
    assert (second.line, second.col) == (2, 3)
