"""Server-sent events: every listener gets every event; close ends the streams."""

from __future__ import annotations

import threading

from aicourse_build.preview.events import Broadcaster, encode


def test_an_event_is_one_text_event_stream_record() -> None:
    assert encode("build", {"ok": True, "text": "å"}) == (
        'event: build\ndata: {"ok":true,"text":"å"}\n\n'.encode()
    )


def test_every_listener_gets_each_event_until_closed() -> None:
    hub = Broadcaster()
    streams = [hub.listen(keepalive=5), hub.listen(keepalive=5)]
    assert [next(s) for s in streams] == [b": connected\n\n"] * 2
    assert hub.listeners == 2
    hub.publish("build", {"n": 1})
    assert [next(s) for s in streams] == [encode("build", {"n": 1})] * 2
    hub.close()
    for stream in streams:
        assert list(stream) == []
    assert hub.listeners == 0


def test_a_quiet_stream_sends_keepalives() -> None:
    hub = Broadcaster()
    stream = hub.listen(keepalive=0.01)
    next(stream)
    assert next(stream) == b": keepalive\n\n"
    stream.close()
    assert hub.listeners == 0


def test_publishing_never_waits_for_a_listener() -> None:
    hub = Broadcaster()
    stream = hub.listen(keepalive=5)
    next(stream)
    done = threading.Event()

    def flood() -> None:
        for n in range(1500):  # more than a listener's queue holds
            hub.publish("statement", {"n": n})
        done.set()

    threading.Thread(target=flood).start()
    assert done.wait(5)
    assert next(stream) == encode("statement", {"n": 0})
