"""Rendering: each block from templates/block.html.j2, Markdown with images inlined, headings
demoted, and documents that fetch nothing."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from html_query import select, text_of, unmarked

from aicourse_build.diagnostics import Report
from aicourse_build.model.blocks import QuizBlock
from aicourse_build.pipeline import check_course_dir
from aicourse_build.review.document import Review, collect, review_html
from aicourse_build.review.render import data_uri, demote, self_contained
from aicourse_build.review.views import quiz_questions


def test_every_question_with_its_correct_answers_marked(
    review: Review, tree: lxml.html.HtmlElement
) -> None:
    quizzes = [
        view.block
        for page in review.pages
        for view in page.blocks
        if isinstance(view.block, QuizBlock)
    ]
    assert len(quizzes) == 2  # before and after, both from the bank
    rendered = select(tree, "div.question")
    questions = [q for quiz in quizzes for q in quiz_questions(review, quiz)]
    assert len(questions) == 16
    assert len(rendered) == len(questions)
    for question, element in zip(questions, rendered, strict=True):
        assert unmarked(question.prompt) in text_of(select(element, ".q-prompt")[0])
        correct = [text_of(row) for row in select(element, "tr.correct")]
        if question.type in ("single", "multiple"):
            right = [question.answer] if question.type == "single" else question.answer
            texts = [unmarked(c.text) for c in question.choices if c.id in right]
            assert len(correct) == len(texts)
            for text, row in zip(texts, correct, strict=True):
                assert "Rätt svar" in row
                assert text in row
            wrong = select(element, "tr.wrong")
            assert len(wrong) == len(question.choices) - len(texts)
            for choice in question.choices:
                if choice.feedback:
                    assert unmarked(choice.feedback) in text_of(element)
        elif question.type == "truefalse":
            assert correct == [f"✔ Rätt svar {'Sant' if question.answer else 'Falskt'}"]
        elif question.type == "ordering":
            by_id = {c.id: unmarked(c.text) for c in question.choices}
            items = [text_of(li) for li in select(element, "ol.ordering > li")]
            assert all(i.startswith(by_id[a]) for a, i in zip(question.answer, items, strict=True))
        elif question.type == "matching":
            by_id = {c.id: unmarked(c.text) for c in question.choices}
            prompts = {p.id: unmarked(p.text) for p in question.prompts}
            for (prompt_id, choice_id), row in zip(question.answer.items(), correct, strict=True):
                assert prompts[prompt_id] in row
                assert by_id[choice_id] in row
        if question.feedback and question.feedback.correct:
            assert unmarked(question.feedback.correct) in text_of(element)
        if question.feedback and question.feedback.incorrect:
            assert unmarked(question.feedback.incorrect) in text_of(element)
    types = {q.type for q in questions}
    assert {"single", "multiple", "truefalse", "ordering", "matching"} <= types
    assert "Avgör godkänt: minst 75 % rätt" in text_of(tree)


def test_the_document_fetches_nothing(html: str, tree: lxml.html.HtmlElement) -> None:
    sources = [e.get("src") for e in tree.iter() if e.get("src") is not None]
    assert sources  # the course's SVG images are inlined
    assert all(s.startswith("data:") for s in sources)
    assert any(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert not select(tree, "link, script, iframe, object, embed, video, audio, source")
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
    # links (not fetched) stay, e.g. to the external survey
    assert select(tree, 'a[href="https://forms.office.com/e/aicourse-intro"]')


def test_headings_go_down_two_levels_and_stop_at_h6() -> None:
    assert (
        demote("<h2>A</h2><h3 id='b'>B</h3><h5>C</h5>") == "<h4>A</h4><h5 id='b'>B</h5><h6>C</h6>"
    )
    assert demote("<header><hr>") == "<header><hr>"


def test_images_are_inlined_or_become_their_alt_text(review: Review) -> None:
    course = review.course
    path = next(p for p in course.assets if p.endswith(".svg"))
    uri = data_uri(course, path)
    assert uri is not None and uri.startswith("data:image/svg+xml;base64,")
    assert data_uri(course, "https://example.org/a.png") is None
    assert data_uri(course, "media/saknas.png") is None
    html = self_contained(course, f'<p><img src="{path}" alt="A" title="t" /></p>')
    assert html == f'<p><img src="{uri}" alt="A"></p>'
    missing = self_contained(course, '<img src="media/saknas.png" alt="B">')
    assert missing == '<span class="missing-image">[Bild: B]</span>'


def _reflection_heading(course_root: Path) -> str:
    report = Report()
    checked = check_course_dir(course_root, report)
    assert not report.has_errors and checked.course is not None
    tree = lxml.html.fromstring(review_html(collect(checked.course)))
    [heading] = [text_of(p) for p in select(tree, ".reflection > p.box-title")]
    return heading


def test_a_required_reflection_is_marked_obligatory(small_course: Path) -> None:
    assert _reflection_heading(small_course) == "Reflektion tanke (frivillig)"
    start = small_course / "pages" / "start.md"
    text = start.read_text(encoding="utf-8")
    start.write_text(text.replace("id: tanke\n", "id: tanke\nrequired: true\n"), encoding="utf-8")
    assert _reflection_heading(small_course) == "Reflektion tanke (obligatorisk)"
