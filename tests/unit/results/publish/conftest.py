"""A hand-made `Results` (results_sample.py, next to this file), what may be published of it with
the default course's catalogue, and its report parsed."""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import pytest

from aicourse_build.results.catalogue import Catalogue
from aicourse_build.results.model import Results
from aicourse_build.results.publish.data import Published, published
from aicourse_build.results.publish.html import render_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results_sample import sample_results


@pytest.fixture
def results() -> Results:
    return sample_results()


@pytest.fixture
def document(results: Results, catalogue: Catalogue) -> Published:
    return published(results, catalogue)


@pytest.fixture
def html(document: Published) -> str:
    return render_html(document)


@pytest.fixture
def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)
