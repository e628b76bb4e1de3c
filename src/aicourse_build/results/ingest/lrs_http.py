"""The HTTP side of an LRS pull: GET pages of statements with urllib, one-line errors.

The standard library does what a pull needs (GET, Basic or token headers, timeouts); what it
does not do by itself is refuse redirects, which it would follow with the Authorization header
to any host, and a `more` link that leaves the LRS's origin.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from aicourse_build.results.ingest.lrs_credentials import Credentials, LrsError

XAPI_VERSION = "1.0.3"


def _shown(parts: SplitResult) -> str:
    """An address as a message may show it: without the credentials it should not carry."""
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


def _loopback(host: str) -> bool:
    """This machine (a test's LRS, or one reached through an SSH tunnel)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def endpoint_of(url: str) -> str:
    """The xAPI base as the store knows it: http(s), no credentials, ending in '/'."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsError(
            f"{_shown(parts)}: an LRS endpoint is an http(s) address (https://host/xAPI/)"
        )
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise LrsError(
            f"{_shown(parts)}: an LRS on another machine is reached by https only (the "
            "credentials and the statements would cross the network readable by anyone on it)"
        )
    if "@" in parts.netloc:
        raise LrsError(
            f"{_shown(parts)}: the address carries credentials; give them by AICOURSE_LRS_* or "
            "a netrc file instead"
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def instant(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found.astimezone(UTC) if found.tzinfo else None


def _said(body: bytes) -> str:
    """What an LRS said about a refused query, on one short line."""
    try:
        said = json.loads(body)
    except ValueError:
        said = body.decode("utf-8", "replace")
    if isinstance(said, dict):
        said = said.get("detail") or said.get("message") or said.get("error") or ""
    text = " ".join(str(said).split())[:160]
    return f": {text}" if text else ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would follow a redirect with the Authorization header, to any host
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """GET pages of statements: one-line errors naming the endpoint, 5xx retried with backoff."""

    def __init__(
        self, endpoint: str, credentials: Credentials, timeout: float, retries: int, backoff: float
    ) -> None:
        self.endpoint = endpoint
        self.origin = urlsplit(endpoint)[:2]
        self.credentials = credentials
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.opener = urllib.request.build_opener(_NoRedirect)
        self.requests = 0
        self.consistent: datetime | None = None  # X-Experience-API-Consistent-Through, earliest

    def fail(self, why: str) -> LrsError:
        return LrsError(f"{self.endpoint}: {why}")

    def page(self, url: str) -> tuple[list[dict[str, Any]], str]:
        """One StatementResult: its statements and the absolute address of the next page."""
        body = self._get(url)
        try:
            result = json.loads(body)
        except ValueError:
            result = None
        statements = result.get("statements") if isinstance(result, dict) else None
        more = result.get("more") if isinstance(result, dict) else None
        if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
            raise self.fail(f"GET statements answered {body[:60]!r}, not a StatementResult")
        if not more:
            return statements, ""
        if not isinstance(more, str):
            raise self.fail(f"the StatementResult's more is {str(more)[:60]!r}, not an address")
        # the spec's `more` is a path on the LRS's origin; an absolute one must stay there, as
        # the credentials go with it
        following = urljoin(self.endpoint, more)
        if urlsplit(following)[:2] != self.origin:
            raise self.fail(f"the next page is on another server ({following}): not followed")
        return statements, following

    def _get(self, url: str) -> bytes:
        request = urllib.request.Request(url, method="GET")
        request.add_header("X-Experience-API-Version", XAPI_VERSION)
        request.add_header("Authorization", self.credentials.authorization)
        request.add_header("Accept", "application/json")
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                with self.opener.open(request, timeout=self.timeout) as reply:
                    body: bytes = reply.read()
                    through = instant(reply.headers.get("X-Experience-API-Consistent-Through"))
            except urllib.error.HTTPError as exc:
                said = _said(exc.read(2000)) if exc.code == 400 else ""
                exc.close()
                if exc.code >= 500 and attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise self.fail(
                    self._status(exc.code, exc.headers.get("Location")) + said
                ) from None
            except TimeoutError:
                raise self.fail(f"no answer within {self.timeout:g} s") from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise self.fail(f"no answer within {self.timeout:g} s") from None
                raise self.fail(f"cannot connect ({exc.reason})") from None
            except (http.client.HTTPException, OSError) as exc:
                raise self.fail(f"the connection broke ({type(exc).__name__})") from None
            if through is not None and (self.consistent is None or through < self.consistent):
                self.consistent = through
            return body
        raise AssertionError("unreachable")  # pragma: no cover

    def _status(self, status: int, location: str | None) -> str:
        if status in (401, 403):
            return f"the LRS refused the credentials ({self.credentials.source}): HTTP {status}"
        if status == 404:
            return (
                "HTTP 404 on GET statements: not an xAPI endpoint? The address must end with the "
                "LRS's xAPI base (often .../xAPI/ or .../data/xAPI/)"
            )
        if 300 <= status < 400:
            return f"the LRS redirects to {location}: give that address as the endpoint"
        if status >= 500:
            return f"the LRS failed (HTTP {status}) {self.retries + 1} times; try again later"
        return f"the LRS refused the query (HTTP {status})"
