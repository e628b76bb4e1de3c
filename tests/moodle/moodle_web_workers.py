"""Ends what is left of moodle.sh's PHP web server before the script restarts it.

moodle.sh stops its server (`php -S`, several workers in one process group) with SIGTERM and
waits for the first process only. Moodle installs its own SIGTERM handler in every request
(core_shutdown_manager, when PHP has pcntl), and in PHP's built-in server that handler's exit()
ends the request, not the worker: a worker busy at that moment lives on, orphaned, still
listening. moodle.sh then finds the port taken by "another program" and every later reset fails
(reproduced by a reset under a stream of requests). The tests own this site, so before a reset
they end every process of that server with SIGKILL, which no handler can catch.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit


def _server_pids(listen: str, docroot: str) -> list[int]:
    """Processes whose command line is `php ... -S LISTEN -t DOCROOT ...` (moodle.sh's server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        words = [arg.decode(errors="replace") for arg in args]
        if _follows(words, "-S", listen) and _follows(words, "-t", docroot):
            found.append(int(entry.name))
    return found


def _follows(words: list[str], flag: str, value: str) -> bool:
    return any(a == flag and b == value for a, b in itertools.pairwise(words))


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def end_web_server(wwwroot: str, moodle_home: str) -> list[int]:
    """SIGKILL every process of the server on WWWROOT's host:port serving MOODLE_HOME/src; wait
    (up to 10 s) until the port is closed. Returns the pids it ended."""
    parts = urlsplit(wwwroot)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    pids = _server_pids(f"{host}:{port}", str(Path(moodle_home) / "src"))
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pids and _port_open(host, port) and time.monotonic() < deadline:
        time.sleep(0.1)
    return pids
