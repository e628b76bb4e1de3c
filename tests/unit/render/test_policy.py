"""A rendered page may run only the runtime and use only files of its own package."""

import pytest

from aicourse_build.render.policy import scan_package

GOOD = (
    '<!doctype html><html><head><link rel="stylesheet" href="theme/theme.css"></head><body>'
    '<main id="main"><img src="media/a.svg" alt=""><a href="https://example.org">Ut</a>'
    '<a href="#start">Start</a><img src="data:image/png;base64,AAAA" alt=""></main>'
    '<script type="application/json" id="aicourse-config">{}</script>'
    '<script src="runtime.js"></script></body></html>'
)
FILES = {"theme/theme.css": b"", "media/a.svg": b"<svg/>", "runtime.js": b""}


def _scan(html: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in scan_package({**FILES, "index.html": html.encode()})]


def test_a_good_page_passes() -> None:
    assert _scan(GOOD) == []


@pytest.mark.parametrize(
    ("insert", "code", "needle"),
    [
        ("<script>alert(1)</script>", "AIC112", "a <script> that is not the runtime's"),
        ('<img src="media/a.svg" onerror="x()" alt="">', "AIC112", "event-handler attribute"),
        ('<a href="javascript:x()">x</a>', "AIC112", "'javascript:' address"),
        ('<iframe src="media/a.svg"></iframe>', "AIC112", "<iframe> is not allowed"),
        ('<img src="https://cdn.example.org/a.png" alt="">', "AIC034", "fetched from outside"),
        ('<link rel="stylesheet" href="//cdn.example.org/a.css">', "AIC034", "outside"),
        ('<img src="media/saknas.png" alt="">', "AIC112", "the package does not have"),
        ('<div style="background: url(https://x.org/a.png)"></div>', "AIC034", "style"),
        ('<p id="main">dubbel</p>', "AIC028", "the id 'main' is used 2 times"),
        ('<a href="index.fi.html">fi</a>', "AIC112", "the package does not have"),
    ],
)
def test_what_a_page_may_not_have(insert: str, code: str, needle: str) -> None:
    found = _scan(GOOD.replace("</main>", insert + "</main>"))
    assert any(c == code and needle in m for c, m in found), found


def test_the_runtime_must_be_there_once() -> None:
    without = GOOD.replace('<script src="runtime.js"></script>', "")
    [(code, message)] = _scan(without)
    assert code == "AIC112" and "runtime.js once" in message
