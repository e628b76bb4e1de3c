"""Reading manuscript files defensively: size, binary content and encoding are checked first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aicourse_build.diagnostics import Diagnostic, Span, error

# Manuscript text files are small; anything larger is a mistake (a video saved as .md, a log file).
MAX_TEXT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A decoded text file with its display path; `lines` are without line ends."""

    path: Path
    display: str
    text: str
    lines: tuple[str, ...] = field(repr=False)

    @classmethod
    def from_text(cls, path: Path, display: str, text: str) -> SourceFile:
        return cls(path, display, text, tuple(text.split("\n")))

    def span(self, line: int = 1, col: int = 1) -> Span:
        return Span(self.display, line, col)

    def find(self, needle: str, start: Span | None = None) -> Span | None:
        """Where `needle` first occurs on one line at or after `start`."""
        first = start.line if start else 1
        for number in range(first, len(self.lines) + 1):
            text = self.lines[number - 1]
            from_col = start.col - 1 if start and number == first else 0
            index = text.find(needle, from_col)
            if index >= 0:
                return Span(self.display, number, index + 1)
        return None

    def locate(self, needle: str, start: Span | None = None) -> Span:
        """Like `find`, but the start itself when the needle is not there."""
        return self.find(needle, start) or start or self.span()


def _utf8_error_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


def read_source(path: Path, display: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read a manuscript text file, or explain why it cannot be used."""
    where = Span(display, 1, 1)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [error("AIC009", f"cannot read file: {exc.strerror}", where)]
    if size > MAX_TEXT_BYTES:
        megabytes = size / (1024 * 1024)
        return None, [
            error(
                "AIC006",
                f"file is {megabytes:.1f} MB; manuscript text files may be at most "
                f"{MAX_TEXT_BYTES // 1024} KB",
                where,
                "keep media in media/ and refer to it from a block; is this the right file?",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("AIC009", f"cannot read file: {exc.strerror}", where)]
    text, problems = decode_text(data, display)
    if text is None:
        return None, problems
    return SourceFile.from_text(path, display, text), []


def decode_text(
    data: bytes, display: str, kind: str = "manuscript files"
) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text without a byte order mark and with '\n' line ends, or why `data` is not that.

    `kind` names the files in the message for binary content ("caption files").
    """
    where = Span(display, 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error("AIC003", "file is UTF-16 text, not UTF-8", where, "save the file as UTF-8")
        ]
    if b"\x00" in data:
        return None, [
            error(
                "AIC005",
                f"file looks binary (it contains NUL bytes); {kind} must be UTF-8 text",
                where,
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _utf8_error_position(data, exc.start)
        byte = data[exc.start]
        return None, [
            error(
                "AIC003",
                f"file is not valid UTF-8 (byte 0x{byte:02X})",
                Span(display, line, col),
                "save the file as UTF-8; it is probably in Latin-1 or Windows-1252",
            )
        ]
    if not text.strip():
        return None, [error("AIC004", "file is empty", where)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
