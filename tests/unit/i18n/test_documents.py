from aicourse_build.i18n.documents import (
    Region,
    as_translation,
    read_page_document,
    read_yaml_document,
    with_hash,
    with_texts,
)
from aicourse_build.i18n.texts import BANK_TEXTS

PAGE = """---
id: start
title: Start
tags: [grund]
---

Välkommen. Kontakta {{ contacts.kurs }}.

## Bakgrund

En modell lär sig av exempel.

```image
src: media/bild.svg
alt: >-
  En pil från data
  till modell.
```

::: only intern
Bara internt.
:::

```reflection
id: tanke
prompt: Var skulle en modell hjälpa till?
```
"""

BANK = """# a comment
lang: sv
translates:
  from: fragor.en.yaml
  hash: "043db093"
questions:
  - id: modell
    type: single
    prompt: Vad är en modell?
    choices:
      - {id: a, text: Regler}
      - {id: b, text: Data}
    answer: b
"""


def test_a_page_reads_as_its_texts_with_their_places() -> None:
    doc, problems = read_page_document(PAGE, "start.md")
    assert problems == [] and doc is not None
    assert {unit: (slot.region, slot.loc) for unit, slot in doc.slots.items()} == {
        "start.title": (Region(2, 4), ("title",)),
        "text_1.body": (Region(7, 11, markdown=True), ("body",)),
        "image_1.alt": (Region(14, 17), ("alt",)),
        "text_2.body": (Region(21, 21, markdown=True), ("body",)),
        "tanke.prompt": (Region(25, 26), ("prompt",)),
    }
    assert doc.slots["text_1.body"].value.startswith("Välkommen. Kontakta {{ contacts.kurs }}.")
    assert doc.slots["image_1.alt"].value == "En pil från data till modell."
    assert doc.layout == (
        ("text", "text_1", ()),
        ("image", "image_1", ()),
        ("text", "text_2", (("only", ("intern",)),)),
        ("reflection", "tanke", ()),
    )
    assert doc.skeleton["front"]["tags"] == ["grund"]


def test_a_yaml_file_reads_as_its_texts_without_its_translation_keys() -> None:
    doc, problems = read_yaml_document(BANK, "fragor.sv.yaml", BANK_TEXTS)
    assert problems == [] and doc is not None
    assert list(doc.slots) == ["modell.prompt", "modell.choices.a.text", "modell.choices.b.text"]
    assert doc.recorded_hash == "043db093"
    assert "translates" not in doc.skeleton and doc.skeleton["questions"][0]["answer"] == "b"


def test_a_broken_file_gives_its_problems() -> None:
    doc, problems = read_yaml_document("a: [\n", "x.yaml", BANK_TEXTS)
    assert doc is None and problems[0].code == "AIC001"
    doc, problems = read_page_document("no front matter\n", "x.md")
    assert doc is None and problems[0].code == "AIC007"


def test_texts_are_written_in_place_from_the_last_region_up() -> None:
    doc, _ = read_page_document(PAGE, "start.md")
    assert doc is not None
    lines, failed = with_texts(
        doc,
        {
            "start.title": "Welcome",
            "text_1.body": "Welcome.\n\n## Background\n\nA model learns.\nFrom examples.",
            "tanke.prompt": "Where could a model help?",
        },
    )
    assert failed == []
    before = PAGE.split("\n")
    assert lines[2] == "title: Welcome" and lines[1] == before[1] and lines[3] == before[3]
    assert lines[6:12] == ["Welcome.", "", "## Background", "", "A model learns.", "From examples."]
    assert lines[12:] == [*before[11:-3], "prompt: Where could a model help?", "```", ""]


def test_as_translation_and_with_hash_mark_the_file() -> None:
    doc, _ = read_page_document(PAGE, "start.md")
    assert doc is not None
    lines = as_translation(doc, "en", "start.md", "0123abcd")
    assert lines is not None
    assert lines[:9] == [
        "---",
        "id: start",
        "title: Start",
        "tags: [grund]",
        "lang: en",
        "translates:",
        "  from: start.md",
        '  hash: "0123abcd"',
        "---",
    ]
    bank, _ = read_yaml_document(BANK, "fragor.sv.yaml", BANK_TEXTS)
    assert bank is not None
    rehashed = with_hash(bank, "fedcba98")
    assert rehashed == BANK.replace('"043db093"', '"fedcba98"').split("\n")
    assert as_translation(bank, "de", "fragor.en.yaml", "fedcba98") is None  # already one
