"""Markdown to HTML for packages: one configuration, raw HTML never passes through."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape


def _external(href: str) -> bool:
    return href.startswith(("http://", "https://"))


def _link_open(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    # A link must not replace the course inside the LMS's frame: outside links open a new tab,
    # and say so to screen reader users.
    token = tokens[idx]
    if _external(str(token.attrs.get("href", ""))):
        token.attrSet("target", "_blank")
        token.attrSet("rel", "noopener")
        env["new_tab_links"] = env.get("new_tab_links", 0) + 1
    return renderer.renderToken(tokens, idx, options, env)


def _link_close(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    opening = next(
        (
            t
            for t in reversed(tokens[:idx])
            if t.type == "link_open" and t.level == tokens[idx].level
        ),
        None,
    )
    suffix = ""
    if opening is not None and _external(str(opening.attrs.get("href", ""))):
        note = escape(env.get("new_tab_text", "(opens in a new tab)"))
        suffix = f'<span class="visually-hidden"> {note}</span>'
    return suffix + renderer.renderToken(tokens, idx, options, env)


@cache
def _parser() -> MarkdownIt:
    # html=False: any raw HTML is shown as text (check refuses it before we get here anyway)
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    return md


# The same texts are rendered for every format of a profile: keep the HTML of recent ones.
@lru_cache(maxsize=4096)
def render_block(text: str, new_tab_text: str) -> Markup:
    env: dict[str, Any] = {"new_tab_text": new_tab_text}
    return Markup(_parser().render(text, env))


@lru_cache(maxsize=8192)
def render_inline(text: str, new_tab_text: str) -> Markup:
    env: dict[str, Any] = {"new_tab_text": new_tab_text}
    return Markup(_parser().renderInline(text, env))
