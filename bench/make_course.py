"""Generate a synthetic course of N pages (and up to 300 questions) for benchmarks.

python bench/make_course.py OUT_DIR PAGES
"""

from __future__ import annotations

import sys
from pathlib import Path

WORDS = [
    "modell",
    "data",
    "träning",
    "vård",
    "patient",
    "säkerhet",
    "ansvar",
    "beslut",
    "stöd",
    "kvalitet",
    "journal",
    "planering",
    "språk",
    "bild",
    "mönster",
    "risk",
    "nytta",
    "etik",
    "lag",
    "tillit",
]


def _paragraph(seed: int, words: int = 90) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)).capitalize() + "."


def _quiz(page: int, questions: int) -> str:
    lines = ["```quiz", f"id: quiz-{page}", "questions:"]
    for q in range(questions):
        lines += [
            f"  - id: fraga-{q}",
            "    type: single",
            f"    prompt: Fråga {q} på sida {page}?",
            "    choices:",
            "      - {id: a, text: Det första svaret}",
            "      - {id: b, text: Det andra svaret}",
            "      - {id: c, text: Det tredje svaret}",
            "    answer: b",
        ]
    return "\n".join([*lines, "```"])


def make_course(out: Path, pages: int, questions: int = 300) -> Path:
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "profiles").mkdir(exist_ok=True)
    quiz_pages = max(1, min(pages // 10, 30))
    per_quiz = max(1, min(questions, pages * 3) // quiz_pages)
    ids = [f"sida-{n:04d}" for n in range(pages)]
    for n, page_id in enumerate(ids):
        body = [
            f"---\nid: {page_id}\ntitle: Sida {n}\n---\n",
            _paragraph(n),
            "",
            "## Mer",
            "",
            _paragraph(n + 1),
        ]
        if n % (pages // quiz_pages or 1) == 0 and n // (pages // quiz_pages or 1) < quiz_pages:
            body += ["", _quiz(n, per_quiz)]
        (out / "pages" / f"{page_id}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    modules = []
    for m in range(0, pages, 50):
        chunk = ", ".join(ids[m : m + 50])
        modules.append(f"  - id: modul-{m // 50}\n    title: Modul {m // 50}\n    pages: [{chunk}]")
    minutes = round(pages * 1.4 + quiz_pages * per_quiz * 0.5)
    (out / "course.yaml").write_text(
        f"id: syntetisk-{pages}\ntitle: Syntetisk kurs\ndescription: För mätningar.\n"
        f"version: 1.0.0\nduration: {minutes}\nowner:\n  organisation: Bench\n"
        "completion:\n  pages: all\n  assessment: quiz-0\n  passing_score: 80\n"
        "modules:\n" + "\n".join(modules) + "\n",
        encoding="utf-8",
    )
    (out / "profiles" / "bench.yaml").write_text(
        "title: Bench\ntheme: vgr\nformats: [scorm12, scorm2004]\n", encoding="utf-8"
    )
    return out


if __name__ == "__main__":
    make_course(Path(sys.argv[1]), int(sys.argv[2]))
