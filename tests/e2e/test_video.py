"""The default course's video in Chromium, at a phone's width (390 px) and a desktop's.

The page offers both files of the video, MP4 before WebM (render/video.py says why), and keeps
its captions; Chromium picks one of them, reads its metadata (the length the manuscript gives)
and plays it; axe-core finds nothing on the page, at any impact. Where the MP4 cannot be had (as
in a browser without H.264), the WebM plays instead.
"""

from __future__ import annotations

from typing import Any

import pytest
from learner import Course, Learner
from lms import AXE, LmsSession, OpenLms

pytestmark = pytest.mark.e2e

WIDTHS = [390, 1280]
COMBOS = [("vgr", "scorm12"), ("public", "scorm2004")]
FILES = ["media/chefens-ord.mp4", "media/chefens-ord.webm"]

SOURCES = """
() => {
  const video = document.querySelector('figure.video video');
  const box = video.getBoundingClientRect();
  return {
    sources: [...video.querySelectorAll('source')].map(s => [s.getAttribute('src'), s.type]),
    tracks: [...video.querySelectorAll('track')].map(t => [t.kind, t.srclang]),
    visible: box.width > 0,
    fits: box.right <= document.documentElement.clientWidth + 1,
  };
}
"""

# Wait until Chromium has chosen a source and read its metadata (readyState 1, HAVE_METADATA),
# then play it muted (allowed without a gesture) until its clock moves.
PLAYED = """
async () => {
  const video = document.querySelector('figure.video video');
  const until = (ok) => new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => ok() ? resolve() : Date.now() - started > 8000
      ? reject(new Error('readyState ' + video.readyState + ', error ' +
          (video.error && video.error.code) + ', currentSrc ' + video.currentSrc))
      : setTimeout(poll, 50);
    poll();
  });
  await until(() => video.readyState >= 1);
  const chosen = {src: video.currentSrc, duration: video.duration, readyState: video.readyState};
  video.muted = true;
  await video.play();
  await until(() => video.currentTime > 0);
  video.pause();
  return {...chosen, played: video.currentTime};
}
"""

AXE_PAGE = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '));
}
"""


def _at_the_video(session: LmsSession, course: Course, width: int) -> Learner:
    session.page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    learner = Learner(session.launch(), course, session.package.config.get("strings"))
    learner.wait_ready()
    for _ in range(len(session.package.config["pages"])):
        if learner.sco.locator("figure.video video").first.is_visible():
            return learner
        learner.next()
    raise AssertionError("no page of the course shows the video")


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("combo", COMBOS, ids=[f"{p}-{f}" for p, f in COMBOS])
def test_the_video_offers_mp4_and_webm_and_chromium_plays_one(
    open_lms: OpenLms, course: Course, combo: tuple[str, str], width: int
) -> None:
    session = open_lms(*combo)
    _at_the_video(session, course, width)
    frame = session.sco_frame
    shown: dict[str, Any] = frame.evaluate(SOURCES)
    assert shown["sources"] == [[FILES[0], "video/mp4"], [FILES[1], "video/webm"]]
    assert ["captions", "sv"] in shown["tracks"]
    assert shown["visible"] and shown["fits"], shown
    played: dict[str, Any] = frame.evaluate(PLAYED)
    assert any(played["src"].endswith(name) for name in FILES), played
    assert played["readyState"] >= 1 and played["played"] > 0
    assert played["duration"] == pytest.approx(60, abs=0.5)  # duration: "1:00" in the page
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    assert frame.evaluate(AXE_PAGE) == [], f"axe-core at {width} px"
    session.leave()
    session.assert_clean(f"video page at {width} px")


def test_a_browser_that_cannot_have_the_mp4_falls_back_to_the_webm(
    open_lms: OpenLms, course: Course
) -> None:
    """As a browser without H.264 would: the MP4 fails, and the next source, the WebM, plays."""
    session = open_lms("vgr", "scorm12")
    session.page.route("**/media/chefens-ord.mp4", lambda route: route.abort("failed"))
    _at_the_video(session, course, 1280)
    played: dict[str, Any] = session.sco_frame.evaluate(PLAYED)
    assert played["src"].endswith(FILES[1]), played
    assert played["duration"] == pytest.approx(60, abs=0.5) and played["played"] > 0
