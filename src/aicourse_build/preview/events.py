"""Server-sent events: the preview page learns of rebuilds and statements as they happen."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

KEEPALIVE_SECONDS = 15.0


def encode(kind: str, data: Any) -> bytes:
    """One event in the text/event-stream format (data on one line: JSON has no newlines)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {kind}\ndata: {text}\n\n".encode()


class Broadcaster:
    """Fans events out to every connected page; a slow page drops events, never blocks."""

    def __init__(self) -> None:
        self._listeners: set[queue.Queue[bytes | None]] = set()
        self._lock = threading.Lock()

    def publish(self, kind: str, data: Any) -> None:
        message = encode(kind, data)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            with contextlib.suppress(queue.Full):
                listener.put_nowait(message)

    def close(self) -> None:
        """Ends every stream (the server is stopping)."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            with contextlib.suppress(queue.Full):
                listener.put_nowait(None)

    def listen(self, keepalive: float = KEEPALIVE_SECONDS) -> Iterator[bytes]:
        """Chunks to write to one page until it goes away or the server closes."""
        listener: queue.Queue[bytes | None] = queue.Queue(maxsize=1000)
        with self._lock:
            self._listeners.add(listener)
        try:
            yield b": connected\n\n"
            while True:
                try:
                    message = listener.get(timeout=keepalive)
                except queue.Empty:
                    yield b": keepalive\n\n"
                    continue
                if message is None:
                    return
                yield message
        finally:
            with self._lock:
                self._listeners.discard(listener)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._listeners)
