"""A real LRS for the tests: Ralph (ralph-malph) behind a small test server of our own.

Ralph implements only the xAPI statements resource. `TestLrs` sits in front of it on 127.0.0.1
and is the endpoint the packages are launched with:

- `/xAPI/statements` (GET, POST, PUT) is proxied to Ralph with the request's own headers and
  body. The one change: a cmi5 session token (from the fetch URL below) is the LMS's, so the
  Authorization it stands for (Ralph's `launch` account) is what Ralph receives.
- `/xAPI/activities/state` and `/xAPI/agents/profile` are implemented here, in memory, after
  xAPI 1.0.3 (Communication 2.2-2.6, 3.1): single and multiple-id GET, PUT, POST as a JSON merge,
  DELETE; documents keyed by activityId + agent + registration + stateId (state) or agent +
  profileId (profile); 404 when absent; a quoted SHA-1 ETag and Last-Modified on GET;
  If-Match / If-None-Match answered with 412 when they do not hold; an agent-profile PUT of an
  existing document with neither header is a 409. `LMS.LaunchData` is the LMS's: only the LMS
  account may write it (403 otherwise, and logged as a violation).
- `/xAPI/about` answers the version (no authentication, as the spec allows).
- `/fetch/<key>` is the cmi5 one-time fetch URL: the first POST returns {"auth-token": ...},
  every later one {"error-code": "1", ...}; a GET is refused (405).
- `/lms/...` are the LMS's own pages (a returnURL target, a page to leave to).

Every /xAPI/ request must carry `X-Experience-API-Version: 1.0.x` (400 otherwise) and Basic
credentials the LMS handed out (401 otherwise). CORS preflights are answered, since the package
and the LRS are on different ports. Everything that arrives is logged (`TestLrs.log`), and the
server can be told to refuse requests for a while (`TestLrs.faults`).

Ralph is started with `ralph runserver -b fs` in a temporary folder, its users written with
`ralph auth --write-to-disk`, from its own virtualenv (`make test-setup` makes it; see RALPH).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import http.server
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
# ralph-malph pins click<8.2.1 and fastapi/uvicorn versions of its own, so it lives in its own
# virtualenv (inside .venv, so that git ignores it and `make clean` removes it).
RALPH_VENV = Path(os.environ.get("AICOURSE_RALPH_VENV", REPO / ".venv" / "lrs"))
RALPH = RALPH_VENV / "bin" / "ralph"
SETUP_HINT = "run `make test-setup` (or `make test`) first: it installs ralph-malph there"

XAPI_VERSION = "1.0.3"
LAUNCH_DATA = "LMS.LaunchData"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
VERSION_RE = re.compile(r"^1\.0(\.\d+)?$")
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
CORS_ALLOW_HEADERS = (
    "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, "
    "Accept, Accept-Language"
)
CORS_EXPOSE_HEADERS = (
    "ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through"
)


# Ralph's fs backend writes with operation type CREATE, which refuses an existing file: the first
# statement is stored, every later write answers 500 ("fs_lrs.jsonl already exists and overwrite
# is not allowed"; ralph-malph 4.2.0 to 5.1.0). Its processes get this sitecustomize, which makes
# the LRS file append-only, as an LRS needs it.
_SITECUSTOMIZE = """
try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
except ImportError:
    pass
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str

    @property
    def token(self) -> str:
        return base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    @property
    def basic(self) -> str:
        return f"Basic {self.token}"


# --- Ralph -------------------------------------------------------------------------------------


class Ralph:
    """`ralph runserver -b fs` on 127.0.0.1:<free port>, its data and users in `root`."""

    def __init__(self, root: Path, users: list[Credentials]) -> None:
        self.root = root
        self.users = users
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.data = root / "data"
        self.app_dir = root / "app"
        self.workdir = root / "run"  # uvicorn's reloader watches its cwd: an empty folder
        self.log_path = root / "ralph.log"
        self.site = root / "site"
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env.update(
            RALPH_APP_DIR=str(self.app_dir),
            RALPH_AUTH_FILE=str(self.app_dir / "auth.json"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT="100000",
            RALPH_SENTRY_DSN="",
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONPATH=str(self.site),
        )
        return env

    def start(self, timeout: float = 60) -> None:
        if not RALPH.exists():
            raise FileNotFoundError(f"ralph is missing ({RALPH}); {SETUP_HINT}")
        for folder in (self.data, self.app_dir, self.workdir, self.site):
            folder.mkdir(parents=True, exist_ok=True)
        (self.site / "sitecustomize.py").write_text(_SITECUSTOMIZE)
        env = self.env()
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [
                *(str(RALPH), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)),
                *("--fs-default-directory-path", str(self.data)),
            ],
            env=env,
            cwd=self.workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends uvicorn's children too
        )
        log.close()
        # while it starts: the users (`ralph auth --write-to-disk` appends to the auth file,
        # which the server reads on each authentication), one at a time
        for user in self.users:
            cmd = [str(RALPH), "auth", "-u", user.user, "-p", user.password, "-s", "all"]
            cmd += ["-A", user.user, "http://127.0.0.1/lrs-users", "--write-to-disk"]
            done = subprocess.run(
                cmd, env=env, cwd=self.workdir, capture_output=True, timeout=120, check=False
            )
            if done.returncode != 0:
                self.stop()
                output = (done.stdout + done.stderr).decode(errors="replace")[-3000:]
                raise RuntimeError(f"`ralph auth` failed ({done.returncode}):\n{output}")
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        user = self.users[0]
        last = ""
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"ralph runserver exited ({self.proc.returncode}):\n{self.log()}"
                )
            try:
                status, body, _ = self.request("GET", "/whoami", auth=user)
                if status == 200:
                    return
                last = f"{status} {body[:200]!r}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"ralph did not answer within {timeout:.0f} s ({last}):\n{self.log()}")

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # the group this object started, by its id
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: Credentials | None = None,
        timeout: float = 30,
    ) -> tuple[int, bytes, list[tuple[str, str]]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = dict(headers or {})
            if auth is not None:
                sent["Authorization"] = auth.basic
            conn.request(method, path, body=body, headers=sent)
            resp = conn.getresponse()
            return resp.status, resp.read(), resp.getheaders()
        finally:
            conn.close()

    def statements(self, auth: Credentials, **params: str) -> list[dict[str, Any]]:
        """Every stored statement matching the xAPI query params (following `more` links)."""
        out: list[dict[str, Any]] = []
        path = "/xAPI/statements?" + urlencode({"limit": "0", **params})
        headers = {"X-Experience-API-Version": XAPI_VERSION}
        for _ in range(1000):
            status, body, _ = self.request("GET", path, headers=headers, auth=auth)
            if status != 200:
                raise AssertionError(f"GET {path} from ralph: {status} {body[:300]!r}")
            page = json.loads(body)
            out += page["statements"]
            more = page.get("more")
            if not more or not page["statements"]:
                return out
            path = more
        raise AssertionError("ralph keeps answering `more`")


# --- documents (State, Agent Profile) -----------------------------------------------------


class BadRequestError(Exception):
    pass


def agent_key(raw: str | None) -> str:
    """The agent parameter's identity: its one inverse functional identifier, canonical."""
    if raw is None:
        raise BadRequestError("agent is required")
    try:
        agent = json.loads(raw)
    except ValueError as exc:
        raise BadRequestError(f"agent is not JSON: {exc}") from exc
    if not isinstance(agent, dict):
        raise BadRequestError("agent is not a JSON object")
    if agent.get("objectType", "Agent") not in ("Agent", "Group"):
        raise BadRequestError(f"agent has objectType {agent.get('objectType')!r}")
    ifis = [k for k in IFI_KEYS if k in agent]
    if len(ifis) != 1:
        raise BadRequestError(f"agent needs exactly one inverse functional identifier, has {ifis}")
    value = agent[ifis[0]]
    if ifis[0] == "account":
        if not isinstance(value, dict) or not {"homePage", "name"} <= set(value):
            raise BadRequestError("agent.account needs homePage and name")
        value = {"homePage": value["homePage"], "name": value["name"]}
    return json.dumps({ifis[0]: value}, sort_keys=True)


@dataclass
class Document:
    body: bytes
    content_type: str
    updated: datetime

    @property
    def etag(self) -> str:
        return hashlib.sha1(self.body).hexdigest()

    @property
    def is_json(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() == "application/json"

    def json_object(self) -> dict[str, Any] | None:
        if not self.is_json:
            return None
        try:
            value = json.loads(self.body)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


def _etags(header: str) -> list[str]:
    return [t.strip().removeprefix("W/").strip('"') for t in header.split(",") if t.strip()]


def precondition_failed(current: Document | None, headers: dict[str, str]) -> bool:
    """RFC 2616 If-Match / If-None-Match against the current document (xAPI 3.1)."""
    if_match = headers.get("if-match")
    if if_match is not None:
        tags = _etags(if_match)
        if current is None or ("*" not in tags and current.etag not in tags):
            return True
    if_none = headers.get("if-none-match")
    if if_none is not None and current is not None:
        tags = _etags(if_none)
        if "*" in tags or current.etag in tags:
            return True
    return False


# --- the test server ---------------------------------------------------------------------


@dataclass
class Logged:
    """One request as the test server saw it."""

    at: float
    method: str
    path: str
    params: dict[str, str]
    status: int = 0
    who: str | None = None  # lms | launch | cmi5:<key> | None (no or bad credentials)
    version: str | None = None
    origin: str | None = None
    refused: bool = False  # a fault answered it, it never reached the store or Ralph
    statement_ids: list[str] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    body: bytes = b""
    note: str = ""

    @property
    def resource(self) -> str:
        return self.path.removeprefix("/xAPI/").strip("/")

    def __str__(self) -> str:
        query = "&".join(f"{k}={v[:40]}" for k, v in self.params.items())
        extra = f" ids={self.statement_ids}" if self.statement_ids else ""
        mark = " (refused by fault)" if self.refused else ""
        return f"{self.method} {self.path}?{query} -> {self.status} [{self.who}]{mark}{extra}"


@dataclass
class Faults:
    """Refuse requests for a while: `status` (503 by default) or `drop` (close, no answer).

    `lose_reply` forwards the request (it is stored) and then answers `status` anyway: the
    client must retry, and a retried statement must keep its id.
    """

    until: float = 0.0
    remaining: int | None = None
    status: int = 503
    mode: str = "refuse"  # refuse | drop | lose_reply
    resources: tuple[str, ...] = ("statements", "activities/state", "agents/profile")
    refused: int = 0

    def active(self, resource: str) -> bool:
        if resource not in self.resources:
            return False
        if self.remaining is not None:
            return self.remaining > 0
        return time.monotonic() < self.until

    def take(self) -> None:
        self.refused += 1
        if self.remaining is not None:
            self.remaining -= 1


@dataclass
class FetchKey:
    """One cmi5 fetch URL: one token, handed out once, valid while the session is open."""

    key: str
    token: str
    fetched: int = 0
    open: bool = True
    info: dict[str, Any] = field(default_factory=dict)


class TestLrs:
    """The endpoint packages are launched with; see the module docstring."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, ralph: Ralph, lms: Credentials, launch: Credentials) -> None:
        self.ralph = ralph
        self.lms = lms
        self.launch = launch
        self.lock = threading.RLock()
        self.state: dict[tuple[str, str, str, str], Document] = {}
        self.profiles: dict[tuple[str, str], Document] = {}
        self.log: list[Logged] = []
        self.violations: list[str] = []
        self.fetch_keys: dict[str, FetchKey] = {}
        self.faults = Faults()
        self.pages_seen: list[str] = []
        handler = type("Handler", (_Handler,), {"lrs": self})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"{self.origin}/xAPI/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> TestLrs:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        """Forget faults and the request log (documents and statements stay)."""
        with self.lock:
            self.faults = Faults()
            self.log.clear()
            self.violations.clear()

    # -- what a test tells it -----------------------------------------------------------------

    def refuse(
        self,
        seconds: float | None = None,
        count: int | None = None,
        status: int = 503,
        mode: str = "refuse",
        resources: tuple[str, ...] = ("statements", "activities/state", "agents/profile"),
    ) -> None:
        """Refuse the next `count` requests, or all for `seconds`, to these resources."""
        assert (seconds is None) != (count is None), "give seconds or count"
        with self.lock:
            self.faults = Faults(
                until=time.monotonic() + (seconds or 0),
                remaining=count,
                status=status,
                mode=mode,
                resources=resources,
            )

    def recover(self) -> None:
        with self.lock:
            refused = self.faults.refused
            self.faults = Faults(refused=refused)

    def new_fetch_url(self, **info: Any) -> tuple[str, FetchKey]:
        key = secrets.token_urlsafe(12)
        token = Credentials(f"cmi5-{key}", secrets.token_urlsafe(18)).token
        with self.lock:
            entry = self.fetch_keys[key] = FetchKey(key, token, info=info)
        return f"{self.origin}/fetch/{key}", entry

    def close_session(self, key: str) -> None:
        """The LMS ends the session: its token is refused from now on."""
        with self.lock:
            self.fetch_keys[key].open = False

    def requests(self, resource: str | None = None, method: str | None = None) -> list[Logged]:
        with self.lock:
            return [
                r
                for r in self.log
                if (resource is None or r.resource == resource)
                and (method is None or r.method == method)
            ]

    # -- direct access for the LMS side and the tests (through HTTP, like anyone) -------------

    def call(
        self,
        method: str,
        resource: str,
        params: dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        auth: Credentials | str | None = "lms",
        version: str | None = XAPI_VERSION,
    ) -> tuple[int, bytes, dict[str, str]]:
        """One HTTP request to this server, as the LMS (default) or with other credentials."""
        sent: dict[str, str] = {}
        if version is not None:
            sent["X-Experience-API-Version"] = version
        if auth == "lms":
            sent["Authorization"] = self.lms.basic
        elif isinstance(auth, Credentials):
            sent["Authorization"] = auth.basic
        elif isinstance(auth, str):
            sent["Authorization"] = auth
        data: bytes | None = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        sent.update(headers or {})
        path = resource if resource.startswith("/") else f"/xAPI/{resource}"
        if params:
            path += "?" + urlencode(params, quote_via=quote)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=sent)
            resp = conn.getresponse()
            return resp.status, resp.read(), {k.lower(): v for k, v in resp.getheaders()}
        finally:
            conn.close()

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Stored statements (straight from Ralph, as the LMS), oldest first."""
        found = self.ralph.statements(self.lms, **params)
        return sorted(found, key=lambda s: (s.get("stored", ""), s.get("timestamp", "")))

    def state_document(
        self, activity_id: str, agent: dict[str, Any], state_id: str, registration: str | None
    ) -> Any:
        params = {"activityId": activity_id, "agent": json.dumps(agent), "stateId": state_id}
        if registration:
            params["registration"] = registration
        status, body, _ = self.call("GET", "activities/state", params)
        if status == 404:
            return None
        assert status == 200, (status, body)
        try:
            return json.loads(body)
        except ValueError:
            return body.decode(errors="replace")


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    lrs: ClassVar[TestLrs]
    reply_lost = False
    lost_status = 0

    # -- plumbing ---------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _params(self) -> dict[str, str]:
        query = urlsplit(self.path).query
        return {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS)
        self.send_header("Vary", "Origin")

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = None,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        if self.reply_lost:  # lose_reply fault: what was done is not what the client hears
            self.reply_lost = False
            self.lost_status = status
            return
        self.send_response(status)
        self._cors()
        self.send_header("X-Experience-API-Version", XAPI_VERSION)
        self.send_header("Cache-Control", "no-store")
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, entry: Logged, status: int, message: str) -> None:
        entry.status = status
        entry.note = message
        self._send(status, _json({"error": message}), "application/json")

    def _who(self) -> str | None:
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Basic "):
            return None
        token = header.removeprefix("Basic ").strip()
        lrs = self.lrs
        if token == lrs.lms.token:
            return "lms"
        if token == lrs.launch.token:
            return "launch"
        with lrs.lock:
            for entry in lrs.fetch_keys.values():
                if entry.token == token and entry.open and entry.fetched:
                    return f"cmi5:{entry.key}"
        return None

    # -- methods ----------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:
        self._body()
        entry = Logged(time.time(), "OPTIONS", urlsplit(self.path).path, self._params(), 204)
        entry.origin = self.headers.get("Origin")
        entry.note = self.headers.get("Access-Control-Request-Method") or ""
        with self.lrs.lock:
            self.lrs.log.append(entry)
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS)
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        lrs = self.lrs
        path = urlsplit(self.path).path
        entry = Logged(
            at=time.time(),
            method=method,
            path=path,
            params=self._params(),
            version=self.headers.get("X-Experience-API-Version"),
            origin=self.headers.get("Origin"),
        )
        body = self._body()
        entry.body = body
        with lrs.lock:
            lrs.log.append(entry)
        try:
            if path.startswith("/fetch/"):
                self._fetch(entry, method, path.removeprefix("/fetch/"))
            elif path.startswith("/lms/"):
                self._lms_page(entry, path)
            elif path.rstrip("/") == "/xAPI/about":
                entry.status = 200
                self._send(200, _json({"version": [XAPI_VERSION]}), "application/json")
            elif path.startswith("/xAPI/"):
                self._xapi(entry, method, body)
            else:
                self._error(entry, 404, f"no resource {path}")
        except BadRequestError as exc:
            self._error(entry, 400, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            entry.note = "client went away"

    def _xapi(self, entry: Logged, method: str, body: bytes) -> None:
        lrs = self.lrs
        resource = entry.resource
        known = resource in ("statements", "activities/state", "agents/profile")
        with lrs.lock:
            fault = known and lrs.faults.active(resource)
            faults = lrs.faults
            if fault:
                faults.take()
        if fault and faults.mode != "lose_reply":
            entry.refused = True
            entry.status = faults.status if faults.mode == "refuse" else 0
            if resource == "statements":
                entry.statement_ids, entry.statements = _statement_ids(body)
            if faults.mode == "drop":
                entry.note = "dropped"
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(
                faults.status, _json({"error": "refused by the test (fault)"}), "application/json"
            )
            return
        if not entry.version or not VERSION_RE.match(entry.version):
            self._error(entry, 400, f"X-Experience-API-Version is {entry.version!r}; need 1.0.x")
            return
        entry.who = self._who()
        if entry.who is None:
            self._error(entry, 401, "missing or unknown Basic credentials")
            return
        handlers = {
            "statements": lambda: self._statements(entry, method, body),
            "activities/state": lambda: self._document(entry, method, body, state=True),
            "agents/profile": lambda: self._document(entry, method, body, state=False),
        }
        if resource not in handlers:
            self._error(entry, 404, f"the test LRS has no resource {resource!r}")
            return
        self.reply_lost = fault  # lose_reply: do it, then answer the fault's status
        try:
            handlers[resource]()
        except BadRequestError as exc:
            self._error(entry, 400, str(exc))
        finally:
            self.reply_lost = False
        if fault:
            entry.refused = True
            entry.note = f"done, reply lost (answered {faults.status} instead of {entry.status})"
            self._send(faults.status, _json({"error": "reply lost (fault)"}), "application/json")

    # -- statements: to Ralph -----------------------------------------------------------------

    def _statements(self, entry: Logged, method: str, body: bytes) -> None:
        lrs = self.lrs
        if method not in ("GET", "POST", "PUT", "HEAD"):
            self._error(entry, 405, f"{method} statements")
            return
        if method in ("POST", "PUT"):
            entry.statement_ids, entry.statements = _statement_ids(body)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if entry.who and entry.who.startswith("cmi5:"):
            headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
            headers["Authorization"] = lrs.launch.basic
        query = urlsplit(self.path).query
        target = "/xAPI/statements" + (f"?{query}" if query else "")
        status, reply, reply_headers = lrs.ralph.request(
            method, target, body=body if method in ("POST", "PUT") else None, headers=headers
        )
        entry.status = status
        if status >= 400:
            entry.note = reply[:500].decode(errors="replace")
        kept = [
            (k, v)
            for k, v in reply_headers
            if k.lower() not in HOP_BY_HOP
            and not k.lower().startswith("access-control-")
            and k.lower() not in ("date", "server", "x-experience-api-version")
        ]
        self._send(status, reply, headers=kept)

    # -- documents: here ------------------------------------------------------------------------

    def _document(self, entry: Logged, method: str, body: bytes, state: bool) -> None:
        lrs = self.lrs
        params = entry.params
        if state:
            allowed = {"activityId", "agent", "registration", "stateId", "since"}
            id_name = "stateId"
        else:
            allowed = {"agent", "profileId", "since"}
            id_name = "profileId"
        unknown = sorted(set(params) - allowed)
        if unknown:
            raise BadRequestError(f"unknown parameters {unknown}")
        agent = agent_key(params.get("agent"))
        doc_id = params.get(id_name)
        if state:
            activity = params.get("activityId")
            if not activity:
                raise BadRequestError("activityId is required")
            registration = params.get("registration", "")
            if registration and not UUID_RE.match(registration):
                raise BadRequestError(f"registration {registration!r} is not a UUID")
            scope: tuple[str, ...] = (activity, agent, registration)
            store: dict[Any, Document] = lrs.state
        else:
            scope = (agent,)
            store = lrs.profiles
        if method in ("PUT", "POST") and doc_id is None:
            raise BadRequestError(f"{id_name} is required for {method}")
        if not state and method == "DELETE" and doc_id is None:
            raise BadRequestError("profileId is required for DELETE")
        if (
            state
            and doc_id == LAUNCH_DATA
            and method in ("PUT", "POST", "DELETE")
            and entry.who != "lms"
        ):
            lrs.violations.append(f"{entry.who} tried to {method} {LAUNCH_DATA}")
            self._error(entry, 403, f"{LAUNCH_DATA} is the LMS's; the AU must not write it")
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        with lrs.lock:
            key = (*scope, doc_id)
            current = store.get(key) if doc_id is not None else None
            if method in ("GET", "HEAD"):
                if doc_id is not None:
                    if current is None:
                        self._error(entry, 404, f"no document {doc_id!r}")
                        return
                    entry.status = 200
                    self._send(
                        200,
                        current.body,
                        current.content_type,
                        [
                            ("ETag", f'"{current.etag}"'),
                            ("Last-Modified", format_datetime(current.updated, usegmt=True)),
                        ],
                    )
                    return
                since = _since(params.get("since"))
                ids = [
                    (k[-1], d.updated)
                    for k, d in store.items()
                    if k[:-1] == scope and (since is None or d.updated > since)
                ]
                ids.sort(key=lambda pair: pair[1])
                reply = _json([i for i, _ in ids])
                extra = [("ETag", f'"{hashlib.sha1(reply).hexdigest()}"')]
                if ids:
                    extra.append(("Last-Modified", format_datetime(ids[-1][1], usegmt=True)))
                entry.status = 200
                self._send(200, reply, "application/json", extra)
                return
            if precondition_failed(current, headers):
                self._error(entry, 412, "If-Match / If-None-Match does not hold")
                return
            now = datetime.now(UTC)
            content_type = self.headers.get("Content-Type") or "application/octet-stream"
            if method == "PUT":
                if (
                    not state
                    and current is not None
                    and "if-match" not in headers
                    and "if-none-match" not in headers
                ):
                    self._error(
                        entry,
                        409,
                        "the document exists: GET it and PUT with If-Match set to its ETag",
                    )
                    return
                store[key] = Document(body, content_type, now)
            elif method == "POST":
                posted = Document(body, content_type, now)
                new = posted.json_object()
                if new is None:
                    raise BadRequestError(
                        "POST needs a JSON object with Content-Type application/json"
                    )
                if current is not None:
                    old = current.json_object()
                    if old is None:
                        raise BadRequestError(
                            "the stored document is not a JSON object: cannot merge"
                        )
                    new = {**old, **new}
                store[key] = Document(_json(new), "application/json", now)
            elif method == "DELETE":
                if doc_id is not None:
                    store.pop(key, None)
                else:
                    for k in [k for k in store if k[:-1] == scope]:
                        del store[k]
            else:
                self._error(entry, 405, f"{method} on a document resource")
                return
        entry.status = 204
        self._send(204)

    # -- cmi5 fetch URL, LMS pages -----------------------------------------------------------------

    def _fetch(self, entry: Logged, method: str, key: str) -> None:
        lrs = self.lrs
        if method != "POST":
            lrs.violations.append(f"{method} on the fetch URL (cmi5 8.2: POST only)")
            entry.status = 405
            self._send(405, _json({"error": "POST only"}), "application/json", [("Allow", "POST")])
            return
        with lrs.lock:
            found = lrs.fetch_keys.get(key)
            if found is not None:
                found.fetched += 1
        if found is None:
            reply = {"error-code": "2", "error-text": "unknown fetch URL"}
        elif found.fetched > 1 or not found.open:
            lrs.violations.append(f"fetch URL {key} called {found.fetched} times")
            reply = {
                "error-code": "1",
                "error-text": "The authorization token was already returned.",
            }
        else:
            reply = {"auth-token": found.token}
        entry.status = 200
        entry.note = "error" if "error-code" in reply else "token"
        self._send(200, _json(reply), "application/json")

    def _lms_page(self, entry: Logged, path: str) -> None:
        with self.lrs.lock:
            self.lrs.pages_seen.append(self.path)
        title = "Tillbaka i LMS" if path.startswith("/lms/return") else "LMS"
        html = f"<!doctype html><html lang=sv><title>{title}</title><h1>{title}</h1></html>"
        entry.status = 200
        self._send(200, html.encode(), "text/html; charset=utf-8")


def _statement_ids(body: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return [], []
    items = data if isinstance(data, list) else [data]
    statements = [s for s in items if isinstance(s, dict)]
    return [str(s.get("id")) for s in statements], statements


def _since(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadRequestError(f"since {raw!r} is not a timestamp") from exc
    if value.tzinfo is None:
        raise BadRequestError(f"since {raw!r} has no time zone")
    return value


# --- one shared instance per test session -------------------------------------------------

LMS_USER = Credentials("lms", secrets.token_urlsafe(12))
LAUNCH_USER = Credentials("launch", secrets.token_urlsafe(12))
_shared: dict[str, Any] = {"users": 0, "lrs": None, "ralph": None}
_shared_lock = threading.Lock()


@contextlib.contextmanager
def shared_lrs(root: Path) -> Iterator[TestLrs]:
    """Ralph and the test server, started on first use and stopped when the last user leaves.

    tests/lrs and tests/e2e each have a session fixture around this; in one pytest run they
    share one Ralph.
    """
    with _shared_lock:
        if _shared["lrs"] is None:
            ralph = Ralph(root, [LMS_USER, LAUNCH_USER])
            ralph.start()
            lrs = TestLrs(ralph, LMS_USER, LAUNCH_USER).__enter__()
            _shared.update(lrs=lrs, ralph=ralph)
        _shared["users"] += 1
        lrs = _shared["lrs"]
    try:
        yield lrs
    finally:
        with _shared_lock:
            _shared["users"] -= 1
            if _shared["users"] == 0:
                _shared["lrs"].__exit__(None, None, None)
                _shared["ralph"].stop()
                _shared.update(lrs=None, ralph=None)


# --- statement validity by Ralph's own xAPI model -------------------------------------------

# `ralph validate -f xapi` only knows the statements of the profiles Ralph models (video,
# virtual classroom, LMS): ours come out as "no matching model", and an `answered` statement is
# judged as a virtual-classroom poll. Its base statement model is the generic xAPI 1.0.3 check
# (IRIs, UUIDs, language maps, agents, result ranges, ISO durations), so that is what we run.
_VALIDATE = """
import json, sys
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
out = []
for s in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(s)
        out.append(None)
    except ValidationError as exc:
        out.append("; ".join(
            ".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in exc.errors()
        ))
json.dump(out, sys.stdout)
"""


def ralph_validate(statements: list[dict[str, Any]]) -> list[str]:
    """Problems Ralph's BaseXapiStatement finds, one line per invalid statement."""
    python = RALPH_VENV / "bin" / "python"
    # what an LRS adds is not the client's: validate what the client sent
    sent = [
        {k: v for k, v in s.items() if k not in ("stored", "authority", "version")}
        for s in statements
    ]
    done = subprocess.run(
        [str(python), "-c", _VALIDATE],
        input=json.dumps(sent).encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ralph's model check failed to run:\n{done.stderr.decode()[-3000:]}")
    results = json.loads(done.stdout)
    return [
        f"statement {s.get('id')} ({_verb(s)}): {error}"
        for s, error in zip(statements, results, strict=True)
        if error
    ]


def _verb(statement: dict[str, Any]) -> str:
    return str(statement.get("verb", {}).get("id", "?")).rsplit("/", 1)[-1]
