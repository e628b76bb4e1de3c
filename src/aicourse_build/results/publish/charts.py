"""Charts as inline SVG strings: no script, no fetch, printable, and readable without colour.

Every chart is `role="img"` with a <title> (its name) and a <desc> (the data in words), and the
report puts a table of the same data next to it. Marks differ by shape (pre-test: an open
circle, post-test: a filled square) or by pattern (survey steps), each value is written out in
text, and every colour has at least 3:1 against the white page (WCAG 1.4.11). A row whose
figures are hidden says so in words; it is never drawn as a zero.

The drawing is 360 units wide and scales with the page (CSS: width 100%), so the text stays
readable from a 390 px phone to a desktop; labels sit above their bars to need no left margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
PAD = 8
INK = "#1b1b1b"
MUTED = "#555555"
GRID = "#c8c8c8"  # decoration only: the values are in the text
PRE = "#595959"
POST = "#0b5394"
BAR = "#0b5394"
# a diverging scale, the negative end first; each has >= 3:1 against white
PALETTE = ("#7f2704", "#b33d06", "#a15c00", "#6b6b6b", "#2f6fb0", "#1f4e9c", "#0b2f6b")
# white strokes over the colour, one kind per step, so steps differ without colour
PATTERNS = (
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>',
    '<circle cx="2" cy="2" r="1.4" fill="#fff"/><circle cx="6" cy="6" r="1.4" fill="#fff"/>',
    '<path d="M0,4 h8" stroke="#fff" stroke-width="1.6"/>',
    "",
    '<path d="M4,0 v8" stroke="#fff" stroke-width="1.6"/>',
    '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#fff" stroke-width="1.6"/>',
    '<path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.2"/>',
)


@dataclass
class Paired:
    """One row of the before/after chart; None when hidden or not computable."""

    label: str
    pre: float | None
    post: float | None
    pre_text: str
    post_text: str


@dataclass
class Stacked:
    """One row of a stacked bar: counts per step, or None when any step is hidden."""

    label: str
    counts: list[float] | None
    note: str  # what to say instead of a bar


@dataclass
class Bar:
    label: str
    value: float | None
    text: str


def _t(x: float, y: float, text: str, size: int = 14, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{escape(text)}</text>'


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg(cid: str, title: str, summary: str, height: float, body: str, defs: str = "") -> Markup:
    """The chart's frame: its accessible name (title) and description (summary, the data)."""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" aria-labelledby="{cid}-t" aria-describedby="{cid}-d" '
        f'font-family="inherit" fill="{INK}">'
        f'<title id="{cid}-t">{escape(title)}</title><desc id="{cid}-d">{escape(summary)}</desc>'
        f"{f'<defs>{defs}</defs>' if defs else ''}{body}</svg>"
    )


def _pre_mark(x: float, y: float) -> str:
    stroke = f'stroke="{PRE}" stroke-width="2.5"'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#fff" {stroke}/>'


def _post_mark(x: float, y: float) -> str:
    return f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="{POST}"/>'


def paired(cid: str, title: str, summary: str, rows: Sequence[Paired]) -> Markup:
    """Before and after per group on one 0-100 % axis (a dot plot), values written beside."""
    left, right = PAD + 8, WIDTH - PAD - 8
    span = right - left

    def x(percent: float) -> float:
        return left + span * max(0.0, min(100.0, percent)) / 100

    parts = [
        _pre_mark(PAD + 6, 16),
        _t(PAD + 18, 21, "Före kursen"),
        _post_mark(PAD + 136, 16),
        _t(PAD + 148, 21, "Efter kursen"),
    ]
    top, row_h = 44, 46
    bottom = top + row_h * len(rows)
    for tick in range(0, 101, 25):
        anchor = {0: "start", 100: "end"}.get(tick, "middle")
        parts.append(_t(x(tick), bottom + 16, f"{tick} %", 12, text_anchor=anchor, fill=MUTED))
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(_t(PAD, y + 16, _short(row.label, 26), 14, font_weight="bold"))
        parts.append(
            _t(WIDTH - PAD, y + 16, f"{row.pre_text} → {row.post_text}", 14, text_anchor="end")
        )
        mid = y + 33
        if row.pre is None or row.post is None:
            parts.append(_t(left, mid + 5, "dolt eller saknas – se tabellen", 13, fill=MUTED))
            continue
        # the grid only beside the marks, so that it never runs through a text
        parts += [
            f'<line x1="{x(tick):.1f}" y1="{y + 23}" x2="{x(tick):.1f}" y2="{y + row_h}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            for tick in range(0, 101, 25)
        ]
        parts.append(
            f'<line x1="{x(row.pre):.1f}" y1="{mid}" x2="{x(row.post):.1f}" y2="{mid}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        parts += [_pre_mark(x(row.pre), mid), _post_mark(x(row.post), mid)]
    return svg(cid, title, summary, bottom + 24, "".join(parts))


def _patterns(cid: str, steps: int) -> tuple[str, list[str]]:
    """A fill per step: colours spread over the palette, a pattern each."""
    picks = [round(i * (len(PALETTE) - 1) / max(1, steps - 1)) for i in range(steps)]
    defs, fills = [], []
    for step, pick in enumerate(picks):
        pid = f"{cid}-p{step}"
        defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{PALETTE[pick]}"/>{PATTERNS[step % len(PATTERNS)]}'
            "</pattern>"
        )
        fills.append(f"url(#{pid})")
    return "".join(defs), fills


def stacked(
    cid: str, title: str, summary: str, scale: Sequence[str], rows: Sequence[Stacked]
) -> Markup:
    """Shares of each step per group as a 100 % bar, with a legend of the steps' patterns."""
    defs, fills = _patterns(cid, len(scale))
    parts, column = [], (WIDTH - 2 * PAD) / 2
    for i, name in enumerate(scale):
        lx, ly = PAD + (i % 2) * column, 4 + (i // 2) * 22
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="16" height="16" fill="{fills[i]}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        parts.append(_t(lx + 22, ly + 13, _short(name, 22), 13))
    top, row_h, inner = 4 + 22 * ((len(scale) + 1) // 2) + 10, 50, WIDTH - 2 * PAD
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(_t(PAD, y + 16, _short(row.label, 44), 14, font_weight="bold"))
        total = sum(row.counts) if row.counts else 0
        if not row.counts or total <= 0:
            parts.append(_t(PAD, y + 38, row.note, 12, fill=MUTED))
            continue
        x = float(PAD)
        for step, n in enumerate(row.counts):
            w = inner * n / total
            if w <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 22}" width="{w:.1f}" height="24" fill="{fills[step]}" '
                f'stroke="#fff" stroke-width="1.5"/>'
            )
            if w >= 38:  # a label where it fits, on white so it reads over any pattern
                cx = x + w / 2
                parts.append(
                    f'<rect x="{cx - 17:.1f}" y="{y + 26}" width="34" height="16" rx="3" '
                    f'fill="#fff"/>'
                )
                share = f"{round(100 * n / total)} %"
                parts.append(_t(cx, y + 38, share, 12, text_anchor="middle"))
            x += w
    return svg(cid, title, summary, top + row_h * len(rows) + 4, "".join(parts), defs)


def bars(cid: str, title: str, summary: str, rows: Sequence[Bar], top_value: float) -> Markup:
    """One bar per row against `top_value` (e.g. everyone who started), its value written out."""
    parts, row_h, inner = [], 40, WIDTH - 2 * PAD
    for i, row in enumerate(rows):
        y = i * row_h + 4
        parts.append(_t(PAD, y + 14, _short(row.label, 40), 13))
        parts.append(_t(WIDTH - PAD, y + 14, row.text, 13, text_anchor="end", font_weight="bold"))
        parts.append(
            f'<rect x="{PAD}" y="{y + 20}" width="{inner}" height="12" fill="#fff" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if row.value is None or top_value <= 0:
            continue
        w = inner * max(0.0, min(1.0, row.value / top_value))
        parts.append(f'<rect x="{PAD}" y="{y + 20}" width="{w:.1f}" height="12" fill="{BAR}"/>')
    return svg(cid, title, summary, len(rows) * row_h + 8, "".join(parts))
