"""Looking into the review's HTML: a few CSS selectors, an element's text, Markdown as it reads."""

from __future__ import annotations

import re

import lxml.html

_SIMPLE = re.compile(r'^([a-z0-9]*)((?:[#.][\w-]+)*)(?:\[(\w+)="([^"]*)"\])?$')


def _xpath(selector: str) -> str:
    """The few CSS selectors these tests use, as XPath (lxml's cssselect is not installed)."""
    paths = []
    for part in selector.split(","):
        path, axis = ".", "//"
        for token in part.split():
            if token == ">":
                axis = "/"
                continue
            match = _SIMPLE.match(token)
            assert match, token
            tag, rest, attr, value = match.groups()
            tests = []
            for kind, name in re.findall(r"([#.])([\w-]+)", rest):
                if kind == "#":
                    tests.append(f"@id='{name}'")
                else:
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
            if attr:
                tests.append(f"@{attr}='{value}'")
            path += axis + (tag or "*") + "".join(f"[{t}]" for t in tests)
            axis = "//"
        paths.append(path)
    return " | ".join(paths)


def select(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = element.xpath(_xpath(selector))
    return found


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def unmarked(text: str) -> str:
    """Markdown as its text reads in HTML: emphasis and code marks dropped."""
    return " ".join(re.sub(r"[*_`]", "", text).split())
