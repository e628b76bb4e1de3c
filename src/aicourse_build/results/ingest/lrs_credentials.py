"""Credentials for reading an LRS: from the environment or a netrc file, never from the course.

A course folder is a repository that is shared and published; a secret in it would be too. So
the credentials are the person's who runs `aicourse results`: `AICOURSE_LRS_USERNAME` and
`AICOURSE_LRS_PASSWORD` (HTTP Basic), `AICOURSE_LRS_AUTHORIZATION` (a whole Authorization
header, for an LRS that hands out tokens), or a netrc file (`machine <host> login <key> password
<secret>`), named or `~/.netrc`. No message and no repr shows a secret.
"""

from __future__ import annotations

import base64
import netrc
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

USERNAME = "AICOURSE_LRS_USERNAME"
PASSWORD = "AICOURSE_LRS_PASSWORD"
AUTHORIZATION = "AICOURSE_LRS_AUTHORIZATION"


class LrsError(Exception):
    """A one-line message for the user: what went wrong with which LRS, never a secret."""


@dataclass(frozen=True)
class Credentials:
    authorization: str = field(repr=False)  # the Authorization header's value
    source: str  # where it came from, for messages: a variable's name or a file

    def __repr__(self) -> str:
        return f"Credentials(from {self.source})"

    __str__ = __repr__


def basic(user: str, password: str, source: str) -> Credentials:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return Credentials(f"Basic {token}", source)


def _repository(folder: Path) -> Path:
    """The repository a course folder is in (its own root when it is not in one)."""
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            return parent
    return folder


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def from_netrc(path: Path, host: str, course: Path | None = None) -> Credentials:
    """The login and password for `host` in a netrc file outside the course's repository."""
    if course is not None:
        for folder in (course, _repository(course)):
            if _inside(path, folder):
                raise LrsError(
                    f"{path}: a credentials file inside the course's folder ({folder}) could be "
                    "committed and published with it; keep it outside, e.g. ~/.netrc"
                )
    default = path.expanduser() == Path.home() / ".netrc"
    try:
        # the default file is read the way netrc reads it, so that its check that nobody else
        # can read the file applies
        parsed = netrc.netrc(None if default else str(path))
    except netrc.NetrcParseError as exc:
        # the parser's message may quote a token of the file: only its own checks are shown
        why = exc.msg if exc.msg.startswith("~/.netrc") else "not netrc syntax"
        raise LrsError(f"{path}:{exc.lineno}: {why}") from None
    except OSError as exc:
        raise LrsError(f"{path}: cannot read it ({exc.strerror})") from None
    found = parsed.authenticators(host)
    if found is None:
        raise LrsError(f"{path}: no 'machine {host}' (nor 'default') entry")
    login, _account, password = found
    if not login or not password:
        raise LrsError(f"{path}: 'machine {host}' needs both a login and a password")
    return basic(login, password, str(path))


def credentials(
    endpoint: str,
    course: Path | None = None,
    netrc_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Credentials:
    """The credentials for `endpoint`: a named netrc file, else the environment, else
    ~/.netrc. `course` is the course folder, where a netrc file is refused."""
    env = os.environ if environ is None else environ
    host = urlsplit(endpoint).hostname or ""
    if netrc_file is not None:
        return from_netrc(netrc_file, host, course)
    user, password = env.get(USERNAME, ""), env.get(PASSWORD, "")
    if user or password:
        if not (user and password):
            raise LrsError(f"{endpoint}: set both {USERNAME} and {PASSWORD}, or neither")
        return basic(user, password, f"{USERNAME}/{PASSWORD}")
    header = env.get(AUTHORIZATION, "").strip()
    if header:
        if any(c in header for c in "\r\n\0"):
            raise LrsError(f"{AUTHORIZATION} is not one header value (it has a line break)")
        return Credentials(header, AUTHORIZATION)
    home = Path.home() / ".netrc"
    if home.is_file():
        return from_netrc(home, host, course)
    raise LrsError(
        f"{endpoint}: no credentials for the LRS: set {USERNAME} and {PASSWORD}, or "
        f"{AUTHORIZATION}, or put 'machine {host} login <key> password <secret>' in ~/.netrc"
    )
