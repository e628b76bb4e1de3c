"""Checking WebVTT caption files, the one caption format browsers show in a <track>.

A browser silently drops what it cannot read: a cue with a bad time, a file in SubRip format, a
missing blank line. Learners who rely on captions then see nothing, so every such slip is an error
at the line and column where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aicourse_build.diagnostics import Diagnostic, Span, error

CODE = "AIC032"
CUE_SETTINGS = ("vertical", "line", "position", "size", "align", "region")
_TIMESTAMP = re.compile(r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})")
# what an author may have meant as a time: any digits, either decimal mark, any fraction
_LOOSE_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d+):(\d+)(?:([.,])(\d*))?")
_SRT_TIMING = re.compile(r"\s*\d+:\d{2}:\d{2},\d{3}\s*-->")
_TOKEN = re.compile(r"\S+")
_EXAMPLE_CUE = "'00:01.000 --> 00:04.000' and the text below it"


def _is_block_keyword(line: str, keyword: str) -> bool:
    return line == keyword or line.startswith((f"{keyword} ", f"{keyword}\t"))


def _is_header(line: str) -> bool:
    return _is_block_keyword(line, "WEBVTT")


def _timestamp(token: str) -> tuple[int | None, str | None]:
    """Milliseconds, or what is wrong with the time as written."""
    exact = _TIMESTAMP.fullmatch(token)
    if exact:
        hours, minutes, seconds = int(exact[1] or 0), int(exact[2]), int(exact[3])
        if minutes >= 60:
            return None, f"time '{token}' has {minutes} minutes; minutes must be below 60"
        if seconds >= 60:
            return None, f"time '{token}' has {seconds} seconds; seconds must be below 60"
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(exact[4]), None
    loose = _LOOSE_TIMESTAMP.fullmatch(token)
    if loose is None:
        return None, f"'{token}' is not a time; write mm:ss.ttt or hh:mm:ss.ttt"
    if loose[4] == ",":
        fixed = token.replace(",", ".")
        return None, f"time '{token}' has a comma; WebVTT writes '{fixed}'"
    if loose[5] is None or len(loose[5]) != 3:
        return None, f"time '{token}' needs exactly three digits after the full stop"
    return None, f"time '{token}' needs two digits for minutes and seconds (and for hours)"


@dataclass
class _Checker:
    display: str
    problems: list[Diagnostic] = field(default_factory=list)
    previous_start: int | None = None
    cues: int = 0
    untimed_text: bool = False  # already reported, so "no cues" would say it twice

    def report(self, line: int, col: int, message: str, hint: str) -> None:
        self.problems.append(error(CODE, message, Span(self.display, line, col), hint))

    def header(self, lines: list[str]) -> bool:
        """Whether the first line is good enough to read on."""
        first = lines[0]
        if _is_header(first):
            return True
        if first.strip().isdigit() and len(lines) > 1 and _SRT_TIMING.match(lines[1]):
            self.report(
                1,
                1,
                "captions are in SubRip (SRT) format, not WebVTT",
                "convert them: 'ffmpeg -i captions.srt captions.vtt', or by hand put the line "
                "'WEBVTT' and a blank line first and write times with a full stop (00:00:01.000)",
            )
            return False
        if first[:6].upper() == "WEBVTT":
            if first[:6] != "WEBVTT":
                self.report(1, 1, "the first line must be 'WEBVTT' in capitals", "write 'WEBVTT'")
            else:
                self.report(
                    1,
                    7,
                    "'WEBVTT' must be followed by a space or the end of the line",
                    "write 'WEBVTT' alone on the first line",
                )
            return True
        self.report(
            1,
            1,
            "captions do not start with the line 'WEBVTT'",
            "caption files are WebVTT: the line 'WEBVTT', a blank line, then the captions",
        )
        return False

    def block(self, block: list[tuple[int, str]]) -> None:
        number, first = block[0]
        if _is_block_keyword(first, "NOTE"):
            return
        for keyword in ("STYLE", "REGION"):
            if _is_block_keyword(first, keyword):
                if self.cues:
                    self.report(
                        number,
                        1,
                        f"a {keyword} block after the first caption is ignored by browsers",
                        f"move the {keyword} block above the first caption",
                    )
                return
        timing = next((i for i, (_, text) in enumerate(block[:2]) if "-->" in text), None)
        if timing is None:
            self.untimed_text = True
            self.report(
                number,
                1,
                "caption text without a timing line",
                f"start each caption with a line such as {_EXAMPLE_CUE}, and keep a blank line "
                "between captions",
            )
            return
        self.timing(*block[timing])
        for text_number, text in block[timing + 1 :]:
            if "-->" in text:
                self.report(
                    text_number,
                    1,
                    "a blank line is needed before this caption",
                    "put an empty line between two captions",
                )
                self.timing(text_number, text)

    def timing(self, number: int, line: str) -> None:
        self.cues += 1
        arrow = line.index("-->")
        before = line[:arrow]
        start_text = before.strip()
        start_col = len(before) - len(before.lstrip()) + 1
        if not start_text:
            hint = f"write a caption's start and end: {_EXAMPLE_CUE}"
            self.report(number, 1, "the timing line has no start time before '-->'", hint)
            return
        start, problem = _timestamp(start_text)
        if problem:
            self.report(number, start_col, problem, "write times as 00:01.500 or 01:02:03.000")
        after = list(_TOKEN.finditer(line, arrow + 3))
        if not after:
            hint = f"write a caption's start and end: {_EXAMPLE_CUE}"
            self.report(number, arrow + 1, "the timing line has no end time after '-->'", hint)
            return
        end_col = after[0].start() + 1
        end, problem = _timestamp(after[0][0])
        if problem:
            self.report(number, end_col, problem, "write times as 00:01.500 or 01:02:03.000")
        for setting in after[1:]:
            self.setting(number, setting)
        if start is None:
            return
        if end is not None and end <= start:
            when = "when" if end == start else "before"
            message = f"the caption ends ({after[0][0]}) {when} it starts ({start_text})"
            self.report(number, end_col, message, "the end time must come after the start time")
        if self.previous_start is not None and start < self.previous_start:
            self.report(
                number,
                start_col,
                f"the caption starts ({start_text}) before the caption above it",
                "order the captions by their start times",
            )
        self.previous_start = start

    def setting(self, number: int, setting: re.Match[str]) -> None:
        name, colon, value = setting[0].partition(":")
        if name in CUE_SETTINGS and colon and value:
            return
        self.report(
            number,
            setting.start() + 1,
            f"'{setting[0]}' is not a cue setting",
            f"settings are written name:value, with names {', '.join(CUE_SETTINGS)}",
        )


def check_webvtt(text: str, display: str) -> list[Diagnostic]:
    """Problems in decoded caption text (no byte order mark, line ends already '\\n')."""
    lines = text.split("\n")
    checker = _Checker(display)
    if not checker.header(lines):
        return checker.problems
    index = 1
    while index < len(lines) and lines[index]:
        if "-->" in lines[index]:
            hint = "put an empty line after the header"
            checker.report(index + 1, 1, "a blank line is needed before the first caption", hint)
            break
        index += 1
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines[index:], start=index + 1):
        if line and not line.strip():
            hint = "delete the spaces: a line between captions must be empty"
            checker.report(number, 1, "a line with only spaces or tabs", hint)
        if line.strip():
            block.append((number, line))
        elif block:
            checker.block(block)
            block = []
    if block:
        checker.block(block)
    if not checker.cues and not checker.untimed_text:
        checker.report(
            1,
            1,
            "captions have no cues, so learners would see no text",
            f"add the captions after the 'WEBVTT' line: {_EXAMPLE_CUE}",
        )
    return checker.problems
