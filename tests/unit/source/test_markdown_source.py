from pathlib import Path

from aicourse_build.source.files import SourceFile
from aicourse_build.source.markdown_source import parse_page

PAGE = """---
id: sida
title: Sida
---

Inledning.

::: only vgr
Bara internt.
:::

```quiz
id: fraga
questions: []
```

```python
print("kod är text")
```
"""


def test_page_is_split_into_text_and_blocks_with_lines() -> None:
    page, problems = parse_page(SourceFile.from_text(Path("p.md"), "p.md", PAGE))
    assert problems == []
    assert page.front is not None and page.front.data == {"id": "sida", "title": "Sida"}
    kinds = [(b.type, b.span.line, [c.kind for c in b.conditions]) for b in page.blocks]
    assert kinds == [("text", 6, []), ("text", 9, ["only"]), ("quiz", 12, []), ("text", 17, [])]
    quiz = page.blocks[2]
    assert quiz.data == {"type": "quiz", "id": "fraga", "questions": []}
    assert quiz.index.value_span(("id",)).line == 13


def test_missing_and_unclosed_front_matter() -> None:
    _, problems = parse_page(SourceFile.from_text(Path("p.md"), "p.md", "Hej\n"))
    assert problems[0].code == "AIC007"
    _, problems = parse_page(SourceFile.from_text(Path("p.md"), "p.md", "---\nid: x\n"))
    assert "never closed" in problems[0].message


def test_misspelt_fence_is_a_warning() -> None:
    text = "---\nid: a\ntitle: A\n---\n\n```quizz\nid: x\n```\n"
    page, problems = parse_page(SourceFile.from_text(Path("p.md"), "p.md", text))
    assert [(p.code, p.span.line, p.hint) for p in problems] == [
        ("AIC013", 6, "did you mean 'quiz'?")
    ]
    assert [b.type for b in page.blocks] == ["text"]


def test_block_body_must_be_a_mapping() -> None:
    text = "---\nid: a\ntitle: A\n---\n\n```image\n- a\n```\n"
    _, problems = parse_page(SourceFile.from_text(Path("p.md"), "p.md", text))
    assert problems[0].code == "AIC012" and problems[0].span.line == 6
