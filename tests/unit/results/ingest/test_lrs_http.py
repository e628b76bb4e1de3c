"""The HTTP client of an LRS pull on its own: addresses, headers, `more`, redirects and the
consistent-through time, against a scripted server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest

from aicourse_build.results.ingest.lrs_credentials import Credentials, LrsError
from aicourse_build.results.ingest.lrs_http import Client, endpoint_of, instant

CREDENTIALS = Credentials("Basic cmVhZGVyOnB3", "test")


@dataclass
class Script:
    """What the server answers, in order: (status, headers, body) per request."""

    answers: list[tuple[int, dict[str, str], Any]] = field(default_factory=list)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    script: ClassVar[Script]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.script.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        status, headers, body = self.script.answers.pop(0)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def script() -> Iterator[Script]:
    found = Script()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), type("H", (_Handler,), {"script": found})
    )
    server.daemon_threads = True
    found.port = int(server.server_address[1])
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield found
    server.shutdown()
    server.server_close()


def client(script: Script) -> Client:
    return Client(
        f"http://127.0.0.1:{script.port}/xapi/", CREDENTIALS, timeout=2, retries=1, backoff=0.01
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://lrs.vgregion.se/data/xAPI", "https://lrs.vgregion.se/data/xAPI/"),
        ("  http://127.0.0.1:8100/xAPI/?x=1#y ", "http://127.0.0.1:8100/xAPI/"),
        ("http://localhost:8100/xAPI/", "http://localhost:8100/xAPI/"),
        ("http://[::1]:8100/xAPI/", "http://[::1]:8100/xAPI/"),
    ],
)
def test_an_endpoint_is_kept_without_query_and_ending_in_a_slash(given: str, expected: str) -> None:
    assert endpoint_of(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("ftp://lrs.test/xapi/", "ftp://lrs.test/xapi/: an LRS endpoint is an http(s) address"),
        ("lrs.test/xapi", "lrs.test/xapi: an LRS endpoint is an http(s) address"),
        ("https://u:secret@lrs.test/x/", "https://lrs.test/x/: the address carries credentials"),
        ("http://lrs.test/x/", "http://lrs.test/x/: an LRS on another machine is reached by https"),
        ("http://10.0.0.7/x/", "http://10.0.0.7/x/: an LRS on another machine is reached by https"),
    ],
)
def test_an_endpoint_that_cannot_be_used_is_refused_without_its_secret(
    given: str, message: str
) -> None:
    with pytest.raises(LrsError) as raised:
        endpoint_of(given)
    assert str(raised.value).startswith(message) and "secret" not in str(raised.value)


def test_instants_are_read_in_utc_and_anything_else_is_none() -> None:
    assert instant("2026-12-01T10:00:00Z") == datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert instant("2026-12-01T11:00:00+01:00") == datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert instant("2026-12-01T10:00:00") is None  # no zone: cannot be ordered safely
    assert instant("yesterday") is None and instant(7) is None


def test_a_page_sends_the_xapi_headers_and_resolves_more_on_the_lrs(script: Script) -> None:
    script.answers = [
        (200, {"X-Experience-API-Consistent-Through": "2026-12-01T10:05:00Z"},
         {"statements": [{"id": "a"}], "more": "/xapi/statements?page=2"}),
        (200, {"X-Experience-API-Consistent-Through": "2026-12-01T10:04:00Z"},
         {"statements": [{"id": "b"}], "more": ""}),
    ]  # fmt: skip
    http_client = client(script)
    first, following = http_client.page(http_client.endpoint + "statements")
    assert first == [{"id": "a"}]
    assert following == f"http://127.0.0.1:{script.port}/xapi/statements?page=2"
    assert http_client.page(following) == ([{"id": "b"}], "")
    path, headers = script.seen[0]
    assert path == "/xapi/statements"
    assert headers["x-experience-api-version"] == "1.0.3"
    assert headers["authorization"] == CREDENTIALS.authorization
    # the earliest of the pages' consistent-through times is the one that holds for all
    assert http_client.consistent == datetime(2026, 12, 1, 10, 4, tzinfo=UTC)
    assert http_client.requests == 2


def test_a_redirect_is_not_followed(script: Script) -> None:
    # urllib would otherwise send the Authorization header on to wherever it points
    script.answers = [(307, {"Location": f"http://127.0.0.1:{script.port}/other"}, b"")]
    http_client = client(script)
    with pytest.raises(LrsError, match=r"the LRS redirects to http://127\.0\.0\.1:\d+/other"):
        http_client.page(http_client.endpoint + "statements")
    assert [path for path, _ in script.seen] == ["/xapi/statements"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"statements": [], "more": "https://elsewhere.test/s"},
         "the next page is on another server (https://elsewhere.test/s): not followed"),
        ({"statements": [], "more": 3}, "the StatementResult's more is '3', not an address"),
        ({"statements": [1, 2]}, "not a StatementResult"),
        ([], "GET statements answered b'[]', not a StatementResult"),
    ],
)  # fmt: skip
def test_an_answer_that_is_not_a_statement_result_is_refused(
    script: Script, body: Any, message: str
) -> None:
    script.answers = [(200, {}, body)]
    http_client = client(script)
    with pytest.raises(LrsError) as raised:
        http_client.page(http_client.endpoint + "statements")
    assert str(raised.value).startswith(http_client.endpoint + ": ")
    assert message in str(raised.value)


def test_a_refused_query_says_what_the_lrs_said_on_one_line(script: Script) -> None:
    script.answers = [(400, {}, {"message": "since:\n  not a timestamp " + "x" * 400})]
    http_client = client(script)
    with pytest.raises(LrsError) as raised:
        http_client.page(http_client.endpoint + "statements")
    message = str(raised.value)
    assert "the LRS refused the query (HTTP 400): since: not a timestamp x" in message
    assert "\n" not in message and len(message) < 300
