"""The one line that names a block in the review's lists of differences."""

from __future__ import annotations

from pydantic import TypeAdapter

from aicourse_build.model.blocks import Block
from aicourse_build.resolve import ExternalSurvey
from aicourse_build.review.document import Review
from aicourse_build.review.labels import block_name, plain, summary


def _block(data: dict[str, object]) -> Block:
    block: Block = TypeAdapter(Block).validate_python(data)
    return block


def test_a_block_is_named_by_kind_id_and_the_start_of_its_text() -> None:
    reflection = _block({"type": "reflection", "id": "r", "prompt": "Tänk **efter**?"})
    assert summary(reflection) == "Reflektion “r”: Tänk efter?"
    callout = _block({"type": "callout", "title": "Obs", "text": "Läs."})
    assert summary(callout) == "Faktaruta: Obs"
    image = _block({"type": "image", "src": "media/a.svg", "alt": "En pil"})
    assert summary(image) == "Bild: En pil"


def test_text_is_cut_after_fourteen_words_without_markup() -> None:
    body = "## Rubrik\n\n" + " ".join(f"ord{i}" for i in range(20))
    text = _block({"type": "text", "body": body})
    assert summary(text) == "Text: Rubrik " + " ".join(f"ord{i}" for i in range(13)) + " …"
    assert plain("<b>Se</b> [länken](https://example.org/x) `kod`") == "Se länken kod"
    assert plain("ett två tre", words=2) == "ett två …"


def test_an_external_survey_is_named_by_its_address(review: Review) -> None:
    survey = next(
        view.block
        for page in review.pages
        for view in page.blocks
        if isinstance(view.block, ExternalSurvey)
    )
    assert summary(survey).endswith(": https://forms.office.com/e/aicourse-intro")


def test_a_block_without_id_is_named_by_its_line(review: Review) -> None:
    page = review.course.page(review.pages[0].id, review.lang)
    assert page is not None
    first = page.blocks[0]
    assert getattr(first.block, "id", None) is None
    assert block_name(first.block, first) == f"{first.block.type} at line {first.raw.span.line}"
