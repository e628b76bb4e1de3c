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


class Subscription:
    """One page's queue of events; bounded, so a page that stops reading loses events."""

    def __init__(self) -> None:
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=1000)

    def chunks(self, keepalive: float) -> Iterator[bytes]:
        """What to write to the page, a keepalive when quiet, until the server closes."""
        yield b": connected\n\n"
        while True:
            try:
                message = self.queue.get(timeout=keepalive)
            except queue.Empty:
                yield b": keepalive\n\n"
                continue
            if message is None:
                return
            yield message


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

    @contextlib.contextmanager
    def subscribe(self) -> Iterator[Subscription]:
        """A listener that receives every event published from now on, until the block ends.

        The server subscribes before it answers the page's request, so nothing published after
        the page sees the stream open (a cmi5 "launched" statement, say) can be missed."""
        subscription = Subscription()
        with self._lock:
            self._listeners.add(subscription.queue)
        try:
            yield subscription
        finally:
            with self._lock:
                self._listeners.discard(subscription.queue)

    def listen(self, keepalive: float = KEEPALIVE_SECONDS) -> Iterator[bytes]:
        """Chunks to write to one page until it goes away or the server closes."""
        with self.subscribe() as subscription:
            yield from subscription.chunks(keepalive)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._listeners)
