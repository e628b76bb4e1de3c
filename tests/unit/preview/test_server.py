"""The preview server over real HTTP on 127.0.0.1: pages, launches, files, LRS, events."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from aicourse_build.preview import start
from aicourse_build.preview.server import PreviewServer, bind, watched_paths


@pytest.fixture
def server(small_course: Path) -> Iterator[PreviewServer]:
    srv, _seconds = start(small_course, port=0)
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.app.events.close()
    srv.shutdown()
    srv.server_close()


def _get(
    srv: PreviewServer, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(srv.app.base_url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _json(srv: PreviewServer, path: str, method: str = "GET", body: bytes | None = None) -> Any:
    request = urllib.request.Request(srv.app.base_url + path, data=body, method=method)
    with urllib.request.urlopen(request, timeout=5) as reply:
        return json.loads(reply.read() or b"null")


def test_it_listens_on_loopback_only(server: PreviewServer) -> None:
    host, port = server.server_address[:2]
    assert host == "127.0.0.1" and port > 0
    assert server.app.base_url == f"http://127.0.0.1:{port}"


def test_the_preview_page_and_its_assets(server: PreviewServer) -> None:
    status, headers, body = _get(server, "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<select id="variant">' in body and b"/_preview/shell.js" in body
    for asset in ("/_preview/shell.js", "/_preview/shell.css"):
        assert _get(server, asset)[0] == 200
    assert _get(server, "/favicon.ico")[0] == 204
    assert _get(server, "/nothing")[0] == 404


def test_other_host_names_are_refused(server: PreviewServer) -> None:
    status, _, _ = _get(server, "/_preview/state", {"Host": "evil.example:80"})
    assert status == 403
    assert _get(server, "/_preview/state", {"Host": "localhost"})[0] == 200


def test_state_lists_variants(server: PreviewServer) -> None:
    state = _json(server, "/_preview/state")
    assert state["ok"] is True
    assert {v["key"] for v in state["variants"]} >= {"intern/sv/scorm12", "publik/sv/xapi"}


def test_course_files_come_from_the_package_uncached(server: PreviewServer) -> None:
    status, headers, body = _get(server, "/c/intern/sv/scorm12/index.html")
    assert status == 200 and b"<html" in body
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert _get(server, "/c/intern/sv/scorm12/imsmanifest.xml")[0] == 200
    assert _get(server, "/c/intern/sv/scorm12/../../publik/sv/xapi/index.html")[0] == 404
    assert _get(server, "/c/intern/sv/scorm12/missing.png")[0] == 404
    assert _get(server, "/c/intern/sv/index.html")[0] == 404


def test_byte_ranges_for_media(server: PreviewServer) -> None:
    whole = _get(server, "/c/intern/sv/scorm12/runtime.js")[2]
    status, headers, part = _get(
        server, "/c/intern/sv/scorm12/runtime.js", {"Range": "bytes=10-19"}
    )
    assert (status, part) == (206, whole[10:20])
    assert headers["Content-Range"] == f"bytes 10-19/{len(whole)}"
    _, _, tail = _get(server, "/c/intern/sv/scorm12/runtime.js", {"Range": "bytes=-5"})
    assert tail == whole[-5:]
    bad = _get(server, "/c/intern/sv/scorm12/runtime.js", {"Range": f"bytes={len(whole)}-"})
    assert bad[0] == 416


def test_scorm_launch_is_the_manifest_launch_file(server: PreviewServer) -> None:
    found = _json(server, "/_preview/launch?variant=intern/sv/scorm12")
    assert found["url"] == "/c/intern/sv/scorm12/index.html"
    assert found["mastery"] is None  # no masteryscore in the manifest (docs/completion.md)


def test_xapi_launch_points_at_the_preview_lrs_on_the_pages_origin(server: PreviewServer) -> None:
    found = _json(server, "/_preview/launch?variant=publik/sv/xapi")
    query = {k: v[0] for k, v in parse_qs(urlsplit(found["url"]).query).items()}
    assert query["endpoint"] == server.app.base_url + "/lrs/"
    assert query["activity_id"] == "https://example.org/xapi/minikurs"
    assert query["registration"] == found["registration"]
    assert json.loads(query["actor"])["mbox"].startswith("mailto:")
    again = _json(server, "/_preview/launch?variant=publik/sv/xapi")
    assert again["registration"] == found["registration"]  # the same learner resumes
    _json(server, "/_preview/reset?variant=publik/sv/xapi", "POST", b"")
    fresh = _json(server, "/_preview/launch?variant=publik/sv/xapi")
    assert fresh["registration"] != found["registration"]


def test_cmi5_launch_prepares_a_one_time_fetch_url(server: PreviewServer) -> None:
    found = _json(server, "/_preview/launch?variant=publik/sv/cmi5")
    query = {k: v[0] for k, v in parse_qs(urlsplit(found["url"]).query).items()}
    fetch_path = urlsplit(query["fetch"]).path
    token = _json(server, fetch_path, "POST", b"")
    assert "auth-token" in token
    assert "error-code" in _json(server, fetch_path, "POST", b"")
    state = _json(
        server,
        "/lrs/activities/state?"
        + urllib.parse.urlencode(
            {
                "stateId": "LMS.LaunchData",
                "activityId": query["activityId"],
                "agent": query["actor"],
                "registration": query["registration"],
            }
        ),
    )
    assert state["moveOn"] == "CompletedAndPassed"
    assert state["masteryScore"] == 0.8


def test_unknown_variants_do_not_launch(server: PreviewServer) -> None:
    assert _get(server, "/_preview/launch?variant=nobody/sv/xapi")[0] == 404
    assert _get(server, "/_preview/launch")[0] == 404


def test_statements_reach_the_lrs_and_the_event_stream(server: PreviewServer) -> None:
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), port), timeout=5) as events:
        events.sendall(b"GET /_preview/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = b""
        while b": connected" not in received:  # the page is listening from here on
            received += events.recv(4096)
        assert b"text/event-stream" in received
        statement = {
            "actor": {"mbox": "mailto:a@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {"id": "https://example.org/x"},
        }
        ids = _json(server, "/lrs/statements", "POST", json.dumps(statement).encode())
        server.app.rebuild()
        while b"event: build" not in received:
            received += events.recv(65536)
    assert b"event: statement" in received and ids[0].encode() in received
    assert b'"ok":true' in received


def test_a_taken_port_moves_on_unless_it_was_asked_for(server: PreviewServer) -> None:
    taken = server.server_address[1]
    other = bind(server.app, taken, fixed=False)
    try:
        assert other.server_address[1] != taken
    finally:
        other.server_close()
    with pytest.raises(OSError):
        bind(server.app, taken, fixed=True)
    server.app.base_url = f"http://127.0.0.1:{taken}"


def test_the_course_and_its_themes_are_watched(small_course: Path) -> None:
    paths = watched_paths(small_course)
    assert paths[0] == small_course.resolve()
    assert any((p / "vgr" / "theme.yaml").is_file() for p in paths[1:])


def test_start_reports_how_long_it_took(small_course: Path) -> None:
    srv, seconds = start(small_course, port=0)
    try:
        assert 0 < seconds < 60
        assert srv.app.builds.state()["served"] == 1
    finally:
        srv.server_close()


def test_a_switching_package_is_served_under_its_quoted_key(english_course: Path) -> None:
    profile = english_course / "profiles" / "publik.yaml"
    profile.write_text(profile.read_text() + "language_switch: true\n", encoding="utf-8")
    srv, _seconds = start(english_course, port=0)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    try:
        found = _json(srv, "/_preview/launch?variant=publik/sv%2Ben/scorm2004")
        assert found["url"] == "/c/publik/sv%2Ben/scorm2004/index.html"
        status, _, body = _get(srv, "/c/publik/sv%2Ben/scorm2004/index.en.html")
        assert status == 200 and b'lang="en"' in body
    finally:
        srv.shutdown()
        srv.server_close()
