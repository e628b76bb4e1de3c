"""Facts to confirm in the review: the list for the steering group and the labels in the body."""

from __future__ import annotations

import lxml.html
from html_query import select, text_of
from markupsafe import Markup

from aicourse_build.review.confirm import ConfirmItem, _marked
from aicourse_build.review.document import Review


def test_the_review_lists_every_mark_with_what_where_and_who(
    review: Review, tree: lxml.html.HtmlElement
) -> None:
    items = review.to_confirm.items
    assert items, "the default course marks its placeholders"
    rows = select(tree, "#att-bekrafta tbody tr")
    assert len(rows) == len(items)
    heading = text_of(select(tree, "#att-bekrafta h2")[0])
    assert heading == f"Att bekräfta före publicering ({len(items)})"
    whos = [text_of(row.xpath("./td")[2]) for row in rows]
    assert whos == [item.who for item in items]
    assert any(text_of(toc) == heading for toc in select(tree, "nav.toc a"))


def test_a_mark_on_a_page_links_to_the_page_and_a_key_names_its_file(review: Review) -> None:
    video = next(i for i in review.to_confirm.items if i.what == "Filen media/chefens-ord.webm")
    assert (video.page, video.where, video.who) == ("utmaningar", "Utmaningar", "Styrgruppen")
    assert video.position.startswith("pages/04-utmaningar.md:")
    email = next(i for i in review.to_confirm.items if "contacts.course.email" in i.what)
    assert (email.page, email.where) == (None, "course.yaml")
    survey = next(i for i in review.to_confirm.items if "survey.url" in i.what)
    assert (survey.page, survey.where) == (None, "profiles/public.yaml")


def test_each_page_with_marks_carries_a_visible_label(
    review: Review, tree: lxml.html.HtmlElement
) -> None:
    box = select(tree, "#sida-utmaningar .confirm-box")[0]
    assert box.get("role") == "note"
    assert "Att bekräfta: Styrgruppen" in text_of(box)
    pages = {item.page for item in review.to_confirm.items if item.page}
    assert {a.get("id").removeprefix("sida-") for a in select(tree, "article.page")} >= pages
    for page in pages:
        assert select(tree, f"#sida-{page} .confirm-box"), page


def test_marked_words_are_highlighted_where_the_page_shows_them(
    tree: lxml.html.HtmlElement,
) -> None:
    marked = [text_of(m) for m in select(tree, "#sida-ai-huset mark.confirm")]
    assert "i samarbete med AI Sweden" in marked
    label = select(tree, "#sida-ai-huset mark.confirm")[0].getnext()
    assert label is not None and text_of(label).startswith("Att bekräfta: ")


def test_words_inside_a_tag_are_never_wrapped() -> None:
    item = ConfirmItem("AI Sweden", "Texten", "Sida", "p.md:1", "p", text="https://www.ai.se/")
    html = Markup('<p>Se <a href="https://www.ai.se/">webbplatsen</a>.</p>')
    assert _marked(html, [item]) == html
    item = ConfirmItem("X", "Texten", "Sida", "p.md:1", "p", text="två ord")
    assert _marked(Markup("<p>Här står två\nord.</p>"), [item]) == Markup(
        '<p>Här står <mark class="confirm">två\nord</mark>'
        ' <span class="confirm-label">Att bekräfta: X</span>.</p>'
    )
