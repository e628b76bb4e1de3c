"""`aicourse preview`: serve a course locally, rebuild on save, inspect what it tracks."""

from __future__ import annotations

import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

from aicourse_build.diagnostics import Severity
from aicourse_build.preview.builds import PreviewBuilds
from aicourse_build.preview.server import PreviewApp, PreviewServer, bind, watch


def start(
    root: Path,
    profiles: list[str] | None = None,
    port: int = 8765,
    fixed_port: bool = False,
    log: Callable[[str], None] | None = None,
) -> tuple[PreviewServer, float]:
    """Check and build once, then listen; returns the server and the seconds it took."""
    started = time.perf_counter()
    app = PreviewApp(PreviewBuilds(root, profiles))
    app.rebuild()
    server = bind(app, port, fixed_port, log)
    return server, time.perf_counter() - started


def serve(
    server: PreviewServer,
    echo: Callable[[str], None],
    open_browser: bool = False,
) -> None:
    """Serve and watch until interrupted (Ctrl+C)."""
    stop = threading.Event()

    def built(ok: bool, seconds: float) -> None:
        problems = len(server.app.builds.diagnostics)
        if ok:
            notes = sum(1 for d in server.app.builds.diagnostics if d.severity is Severity.NOTE)
            counts = f"{problems - notes} warning(s)" + (f", {notes} note(s)" if notes else "")
            echo(f"rebuilt in {seconds:.2f} s ({counts}); the page reloads")
        else:
            echo(f"the manuscript has errors ({problems} problem(s)); the page shows them")

    watcher = threading.Thread(target=watch, args=(server.app, stop, built), daemon=True)
    watcher.start()
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    if open_browser:
        webbrowser.open(server.app.base_url + "/")
    try:
        while serving.is_alive():
            serving.join(0.5)
    except KeyboardInterrupt:
        echo("stopping")
    finally:
        stop.set()
        server.app.events.close()
        server.shutdown()
        server.server_close()
