"""A manuscript file's bytes, kept so that writing it back changes only the lines that changed.

The loader reads text with `\\n` line ends and no byte order mark; a file saved with CRLF (or a
mix) or a BOM keeps them for every line an import does not rewrite, and new lines take the
file's most common line end.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_BOM = "\ufeff"
_LINE_END = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class RawText:
    lines: tuple[str, ...]  # as the loader sees them
    ends: tuple[str, ...]  # the line end after each line ("" after the last)
    bom: bool

    @classmethod
    def decode(cls, data: bytes) -> RawText:
        text = data.decode("utf-8")
        bom = text.startswith(_BOM)
        parts = _LINE_END.split(text.removeprefix(_BOM))
        return cls(tuple(parts[0::2]), (*parts[1::2], ""), bom)

    @classmethod
    def read(cls, path: Path) -> RawText:
        return cls.decode(path.read_bytes())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def newline(self) -> str:
        counts = Counter(end for end in self.ends if end)
        return counts.most_common(1)[0][0] if counts else "\n"

    def encode(self, lines: list[str] | tuple[str, ...]) -> bytes:
        """`lines` as bytes: unchanged lines with their own line ends, new ones with the usual."""
        ends: list[str] = []
        matcher = difflib.SequenceMatcher(None, self.lines, lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                ends += self.ends[i1:i2]
            else:
                ends += [self.newline] * (j2 - j1)
        if ends:
            ends[-1] = ""  # nothing follows the last line (after a final line end it is "")
        text = "".join(line + end for line, end in zip(lines, ends, strict=True))
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` through a temporary file in its folder and a rename: never half a file.

    An existing file keeps its permissions.
    """
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temp.chmod(mode)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
