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


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return f"'{value}'"


def _structure_differences(bank: Bank, original: Bank) -> list[Diagnostic]:
    """A translation keeps the original's question ids, types, choice ids and answers."""
    index = bank.source.index
    hint = (
        "a translation must keep the original's question ids, types, choice ids and answers; "
        f"compare it with {original.file_name}"
    )
    mine, theirs = bank.model.questions, original.model.questions
    if [q.id for q in mine] != [q.id for q in theirs]:
        ids = ", ".join(q.id for q in theirs)
        return [
            error(
                "AIC053",
                f"the questions differ from the original's ({ids})",
                index.key_span(("questions",)),
                hint,
            )
        ]
    out = []
    for i, (q, o) in enumerate(zip(mine, theirs, strict=True)):
        checks: list[tuple[str, Any, Any]] = [
            ("type", q.type, o.type),
            (
                "choices",
                [c.id for c in getattr(q, "choices", [])],
                [c.id for c in getattr(o, "choices", [])],
            ),
            ("answer", q.answer, o.answer),
        ]
        for key, here, there in checks:
            if here != there:
                what = "choice ids" if key == "choices" else f"the {key}"
                message = (
                    f"question '{q.id}' has {what} {_format(here)} in this translation "
                    f"but {_format(there)} in the original"
                )
                out.append(error("AIC053", message, index.value_span(("questions", i, key)), hint))
                break
    return out


def check_translations(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for variants in course.banks.values():
        by_file = {b.file_name: b for b in variants.values()}
        for bank in variants.values():
            translates = bank.model.translates
            if translates is None:
                continue
            original = by_file.get(translates.from_)
            if original is None:
                if translates.from_ not in course.broken_files:
                    others = [f for f in by_file if f != bank.file_name]
                    span = bank.source.index.value_span(("translates", "from"))
                    out.append(_unknown_original(translates.from_, others, span))
                continue
            span = bank.source.index.value_span(("translates", "hash"))
            _stale(out, translates.hash, bank_hash(original), original.file_name, span)
            out += _structure_differences(bank, original)
    for page_variants in course.pages.values():
        pages_by_file = {p.source.file.path.name: p for p in page_variants.values()}
        for page in page_variants.values():
            if page.meta.translates is None:
                continue
            original_page = pages_by_file.get(page.meta.translates.from_)
            if original_page is None:
                if (page.source.file.path.parent / page.meta.translates.from_).is_file():
                    continue  # the original exists but failed to load; its errors say why
                out.append(
                    _unknown_original(
                        page.meta.translates.from_,
                        [f for f in pages_by_file if f != page.source.file.path.name],
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
        did_you_mean(name, files) or f"other versions: {', '.join(sorted(files)) or 'none'}",
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
