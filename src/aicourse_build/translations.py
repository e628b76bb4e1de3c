"""Translations: hashing originals and finding stale or unknown ones."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from aicourse_build.diagnostics import Diagnostic, error, warning
from aicourse_build.model.tree import Bank, Course, Page

_TRANSLATION_KEYS = ("lang", "translates")


def content_hash(content: Any) -> str:
    """Eight hex digits of SHA-256 over a canonical form: formatting and comments do not count."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def _normal_text(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text)


def page_hash(page: Page) -> str:
    front = page.meta.model_dump(mode="json", by_alias=True, exclude=set(_TRANSLATION_KEYS))
    blocks = [
        dict(pb.raw.data.items())
        if pb.raw.type != "text"
        else {"type": "text", "body": _normal_text(str(pb.raw.data["body"]))}
        for pb in page.blocks
    ]
    return content_hash({"front": front, "blocks": blocks})


def bank_hash(bank: Bank) -> str:
    return content_hash(
        bank.model.model_dump(mode="json", by_alias=True, exclude=set(_TRANSLATION_KEYS))
    )


def _structure(bank: Bank) -> list[tuple[str, str, Any, Any]]:
    """What a translation must keep: ids, types, choice ids and answer keys."""
    shape: list[tuple[str, str, Any, Any]] = []
    for q in bank.model.questions:
        choices = [c.id for c in getattr(q, "choices", [])]
        shape.append((q.id, q.type, choices, q.answer))
    return shape


def check_translations(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name, variants in course.banks.items():
        by_file = {b.file_name: b for b in variants.values()}
        for bank in variants.values():
            if bank.model.translates is None:
                continue
            original = by_file.get(bank.model.translates.from_)
            loc = ("translates", "from")
            if original is None:
                out.append(
                    _unknown_original(
                        bank.model.translates.from_,
                        list(by_file),
                        bank.source.index.value_span(loc),
                    )
                )
                continue
            _stale(
                out,
                bank.model.translates.hash,
                bank_hash(original),
                original.file_name,
                bank.source.index.value_span(("translates", "hash")),
            )
            if _structure(bank) != _structure(original):
                out.append(
                    error(
                        "AIC053",
                        f"this translation of '{name}' does not keep the original's "
                        "question ids, types, choice ids or answers",
                        bank.source.index.value_span(("questions",)),
                        f"compare it with {original.file_name}",
                    )
                )
    for page_variants in course.pages.values():
        pages_by_file = {p.source.file.path.name: p for p in page_variants.values()}
        for page in page_variants.values():
            if page.meta.translates is None:
                continue
            original_page = pages_by_file.get(page.meta.translates.from_)
            if original_page is None:
                out.append(
                    _unknown_original(
                        page.meta.translates.from_,
                        list(pages_by_file),
                        page.source.index.value_span(("translates", "from")),
                    )
                )
                continue
            _stale(
                out,
                page.meta.translates.hash,
                page_hash(original_page),
                page.meta.translates.from_,
                page.source.index.value_span(("translates", "hash")),
            )
    return out


def _unknown_original(name: str, files: list[str], span: Any) -> Diagnostic:
    from aicourse_build.suggest import did_you_mean

    return error(
        "AIC052",
        f"the original '{name}' is not a version of this text",
        span,
        did_you_mean(name, files) or f"versions: {', '.join(sorted(files))}",
    )


def _stale(out: list[Diagnostic], recorded: str, current: str, original: str, span: Any) -> None:
    if recorded != current:
        out.append(
            warning(
                "AIC050",
                f"translation is stale: {original} has changed since it was "
                f"translated (hash {recorded}, now {current})",
                span,
                f"review the changes, update the translation, then set 'hash: {current}'",
            )
        )
