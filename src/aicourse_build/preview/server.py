"""`aicourse preview`: the course on 127.0.0.1, rebuilt on save, with an LMS/LRS inspector.

Routes:
  /                         the preview page (profile switcher, course frame, inspector)
  /_preview/state           the variants of the last good build and the latest problems
  /_preview/events          server-sent events: "build" after each rebuild, "statement"
  /_preview/launch?variant= where to open a variant, as an LMS would launch it
  /_preview/reset?variant=  forget the learner's xAPI state for a variant (POST)
  /c/<variant>/<file>       the package's files, from memory
  /lrs/...                  the preview LRS (xAPI and cmi5 variants)
"""

from __future__ import annotations

import json
import mimetypes
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from aicourse_build.formats import FORMATS
from aicourse_build.preview.builds import LaunchFacts, PreviewBuilds, Variant, launch_facts
from aicourse_build.preview.events import Broadcaster
from aicourse_build.preview.lrs import AUTH_TOKEN, PREVIEW_ACTOR, PreviewLrs, Reply
from aicourse_build.themes import theme_dirs

SHELL_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/_preview/shell.js": ("shell.js", "text/javascript; charset=utf-8"),
    "/_preview/shell.css": ("shell.css", "text/css; charset=utf-8"),
}
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class PreviewApp:
    """Everything the request handlers share."""

    builds: PreviewBuilds
    events: Broadcaster = field(default_factory=Broadcaster)
    lrs: PreviewLrs = field(default_factory=PreviewLrs)
    registrations: dict[str, str] = field(default_factory=dict)
    base_url: str = ""

    def __post_init__(self) -> None:
        self.lrs.on_statement = lambda statement: self.events.publish("statement", statement)
        self.lrs.on_document = lambda method, doc_id, body: self.events.publish(
            "document", {"method": method, "id": doc_id, "body": body.decode("utf-8", "replace")}
        )

    def rebuild(self) -> bool:
        ok = self.builds.rebuild()
        self.events.publish("build", self.builds.state())
        return ok

    def registration(self, variant: Variant) -> str:
        return self.registrations.setdefault(variant.key, str(uuid.uuid4()))

    def reset(self, variant: Variant) -> None:
        old = self.registrations.pop(variant.key, None)
        if old:
            self.lrs.forget(old)

    def launch(self, variant: Variant, unit: int, origin: str) -> dict[str, Any] | None:
        """The URL an LMS would open for the variant (its unit `unit` for cmi5).

        `origin` is the address the page used (127.0.0.1 or localhost): the course must call
        the LRS on its own origin."""
        package = self.builds.package(variant)
        if package is None:
            return None
        units = launch_facts(variant, package)
        facts = units[min(max(unit, 0), len(units) - 1)]
        url = f"/c/{quote(variant.key)}/{facts.launch}"
        if FORMATS[variant.format].family == "xapi":
            url += ("&" if "?" in url else "?") + self._xapi_query(variant, facts, origin)
        return {
            "url": url,
            "mastery": facts.mastery,
            "units": [{"id": u.activity_id, "url": u.launch} for u in units],
            "registration": self.registrations.get(variant.key),
        }

    def _xapi_query(self, variant: Variant, facts: LaunchFacts, origin: str) -> str:
        registration = self.registration(variant)
        params = {
            "endpoint": f"{origin}/lrs/",
            "actor": json.dumps(PREVIEW_ACTOR, ensure_ascii=False),
            "registration": registration,
        }
        if variant.format == "xapi":
            params["auth"] = f"Basic {AUTH_TOKEN}"
            params["activity_id"] = facts.activity_id or ""
            return urlencode(params)
        token = uuid.uuid4().hex
        launch_data: dict[str, Any] = {
            "contextTemplate": {"extensions": {SESSION_ID: str(uuid.uuid4())}},
            "launchMode": "Normal",
            "launchMethod": "AnyWindow",
            "moveOn": facts.move_on or "Completed",
        }
        if facts.mastery:
            launch_data["masteryScore"] = float(facts.mastery)
        self.lrs.prepare_cmi5_launch(facts.activity_id or "", registration, launch_data, token)
        params["fetch"] = f"{origin}/lrs/fetch/{token}"
        params["activityId"] = facts.activity_id or ""
        return urlencode(params)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(format % args)

    @property
    def app(self) -> PreviewApp:
        return self.server.app

    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"unknown host", "text/plain")
            return
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), dict(parse_qsl(parts.query))
        body = self._body()
        if path.startswith("/lrs/"):
            ctype = self.headers.get("Content-Type", "")
            reply = self.app.lrs.handle(method, path.removeprefix("/lrs/"), query, body, ctype)
            self._reply(reply)
        elif path in SHELL_FILES and method in ("GET", "HEAD"):
            name, ctype = SHELL_FILES[path]
            data = resources.files("aicourse_build.preview").joinpath("shell", name).read_bytes()
            self._send(HTTPStatus.OK, data, ctype)
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif path == "/_preview/state":
            self._send_json(self.app.builds.state())
        elif path == "/_preview/events":
            self._stream()
        elif path == "/_preview/launch":
            self._launch(query)
        elif path == "/_preview/reset" and method == "POST":
            variant = Variant.parse(query.get("variant", ""))
            if variant:
                self.app.reset(variant)
            self._send_json({"reset": bool(variant)})
        elif path.startswith("/c/") and method in ("GET", "HEAD"):
            self._course_file(path.removeprefix("/c/"))
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def _host_allowed(self) -> bool:
        """Only pages of this server may call it (a web page elsewhere could rebind a name)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in ("127.0.0.1", "localhost")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _launch(self, query: dict[str, str]) -> None:
        variant = Variant.parse(query.get("variant", ""))
        unit = int(query["unit"]) if query.get("unit", "").isdigit() else 0
        origin = f"http://{self.headers.get('Host') or '127.0.0.1'}"
        found = self.app.launch(variant, unit, origin) if variant else None
        if found is None:
            self._send_json({"error": "no such variant in the last good build"}, 404)
        else:
            self._send_json(found)

    def _course_file(self, rest: str) -> None:
        segments = rest.split("/", 3)
        variant = Variant.parse("/".join(segments[:3])) if len(segments) == 4 else None
        package = self.app.builds.package(variant) if variant else None
        data = package.files.get(segments[3]) if package else None
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, b"not in this package", "text/plain")
            return
        ctype = mimetypes.guess_type(segments[3])[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml")):
            ctype += "; charset=utf-8"
        self._send_ranged(data, ctype)

    def _send_ranged(self, data: bytes, ctype: str) -> None:
        """Whole files, or one byte range (video players seek with ranges)."""
        match = _RANGE.match(self.headers.get("Range", ""))
        if not match or not any(match.groups()):
            self._send(HTTPStatus.OK, data, ctype, {"Accept-Ranges": "bytes"})
            return
        first, last = match.groups()
        size = len(data)
        start = int(first) if first else max(size - int(last), 0)
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size or start > end:
            self._send(
                HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                b"",
                ctype,
                {"Content-Range": f"bytes */{size}"},
            )
            return
        headers = {"Accept-Ranges": "bytes", "Content-Range": f"bytes {start}-{end}/{size}"}
        self._send(HTTPStatus.PARTIAL_CONTENT, data[start : end + 1], ctype, headers)

    def _stream(self) -> None:
        # Subscribed before the headers go out: once the page sees the stream open, every
        # later event reaches it.
        with self.app.events.subscribe() as subscription:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for chunk in subscription.chunks(self.server.keepalive):
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the page went away

    def _reply(self, reply: Reply) -> None:
        headers = {"X-Experience-API-Version": "1.0.3"}
        self._send(reply.status, reply.body, reply.content_type, headers)

    def _send_json(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status not in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != HTTPStatus.NO_CONTENT:
            self.wfile.write(body)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page that goes away mid-answer is normal; anything else is logged in one line."""
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError)):
            return
        if self.log:
            self.log(f"preview server: {type(error).__name__}: {error}")

    def __init__(
        self,
        address: tuple[str, int],
        app: PreviewApp,
        log: Callable[[str], None] | None = None,
        keepalive: float = 15.0,
    ) -> None:
        self.app = app
        self.log = log
        self.keepalive = keepalive
        super().__init__(address, PreviewHandler)
        host, port = self.server_address[:2]
        app.base_url = f"http://{host!s}:{port}"


def bind(
    app: PreviewApp, port: int, fixed: bool, log: Callable[[str], None] | None = None
) -> PreviewServer:
    """Listen on 127.0.0.1: on `port`, or (unless the port was asked for) the next free one."""
    attempts = 1 if fixed or port == 0 else 20
    for offset in range(attempts):
        try:
            return PreviewServer(("127.0.0.1", port + offset), app, log)
        except OSError:
            if offset == attempts - 1:
                raise
    raise AssertionError("unreachable")


def watched_paths(root: Path) -> list[Path]:
    """The course and the theme folders it may use: editing a theme reloads the preview too."""
    return [root.resolve(), *(p.resolve() for p in theme_dirs(root) if p.is_dir())]


def watch(app: PreviewApp, stop: threading.Event, on_build: Callable[[bool, float], None]) -> None:
    """Rebuild whenever a watched file changes, until `stop` is set."""
    from watchfiles import watch as watch_files

    for _changes in watch_files(*watched_paths(app.builds.root), stop_event=stop):
        started = time.perf_counter()
        ok = app.rebuild()
        on_build(ok, time.perf_counter() - started)
