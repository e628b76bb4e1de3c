"""How the review names a block in one line: its kind in Swedish, its id, the start of its text."""

from __future__ import annotations

import re

from aicourse_build.model.blocks import Block, TextBlock
from aicourse_build.model.tree import PageBlock
from aicourse_build.resolve import ExternalSurvey

AnyBlock = Block | ExternalSurvey

_TAGS = re.compile(r"<[^>]+>")
_MD_NOISE = re.compile(r"[#*_`>\[\]]|\(https?://[^)]*\)")
_NAMES = {
    "text": "Text",
    "image": "Bild",
    "video": "Video",
    "callout": "Faktaruta",
    "quote": "Citat",
    "quiz": "Quiz",
    "reflection": "Reflektion",
    "survey": "Enkät",
    "survey-link": "Länk till extern enkät",
    "group": "Yrkesgrupp (självrapport)",
    "contacts": "Kontakter",
    "offline": "Aktivitet utanför kursen",
}


def plain(text: str, words: int = 14) -> str:
    """The first words of a text, without HTML tags, Markdown marks or link addresses."""
    parts = _MD_NOISE.sub("", _TAGS.sub("", text)).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def block_name(block: AnyBlock, pb: PageBlock) -> str:
    """The block's id, or where it is written when it has none."""
    return getattr(block, "id", None) or f"{pb.block.type} at line {pb.raw.span.line}"


def summary(block: AnyBlock) -> str:
    """ "Quiz “fore”: …", the line that stands for a block in the lists of differences."""
    label = _NAMES.get(block.type, block.type)
    text: str | None
    if isinstance(block, TextBlock):
        text = block.body
    elif isinstance(block, ExternalSurvey):
        text = block.url
    else:
        text = next(
            (
                value
                for key in ("title", "prompt", "text", "alt", "caption")
                if isinstance(value := getattr(block, key, None), str)
            ),
            None,
        )
    ident = getattr(block, "id", None)
    head = f"{label} “{ident}”" if ident else label
    return f"{head}: {plain(text)}" if text else head
