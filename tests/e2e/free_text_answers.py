"""The long free-text answer of the browser and Moodle tests, and how a learner writes it."""

from __future__ import annotations

from learner import Learner

# 1,000 characters, no double spaces (SCORM 1.2's answers have their white space collapsed)
LONG = (
    "På vår vårdavdelning överväger vi att låta en språkmodell sammanfatta anteckningar; "
    "då måste någon granska varje förslag, äga beslutet och följa upp avvikelser. "
) * 8
LONG = LONG[:999] + "."
# (an answer is sent without white space at its ends: the 255th character is a letter)
assert len(LONG) == 1000 and "  " not in LONG and not LONG[254].isspace()


def first_reflection(learner_: Learner) -> str:
    """Next until a page has a reflection; its prompt."""
    # before the runtime starts, every page of the HTML is visible (it works without script):
    # a reflection further on would count as on this page
    learner_.wait_ready()
    while True:
        found = learner_.visible_reflections()
        if found:
            return found[0]
        learner_.next()


def write(learner_: Learner, prompt: str, limit: int) -> str:
    """Paste the long text, leave the field (it is sent on change); the field took `limit`.
    The reflection's id."""
    box = learner_.sco.get_by_role("textbox", name=prompt)
    box.fill(LONG)
    assert box.get_attribute("maxlength") == str(limit)
    kept = LONG[:limit]
    assert box.input_value() == kept, f"the field holds {len(box.input_value())} characters"
    shown = f"{len(kept)} av {limit} tecken"
    described = (box.get_attribute("aria-describedby") or "").split()
    counter = learner_.sco.locator(f"#{box.get_attribute('id')}-count")
    assert counter.is_visible() and counter.inner_text() == shown, counter.inner_text()
    assert counter.get_attribute("id") in described, described
    box.press("Tab")
    return str(box.get_attribute("id")).removesuffix("-text")
