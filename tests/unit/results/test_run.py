"""The whole results run: sources read first, nothing written when one cannot be used, and no
name or e-mail address of any source in any output."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from aicourse_build.results.run import Options, SourceError, run_results

REPO = Path(__file__).resolve().parents[3]
COURSE = REPO / "content" / "introduktionsutbildning"
sys.path.insert(0, str(REPO / "bench"))
from cohort import cohort  # noqa: E402  (bench/ is no package)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sources")
    found = {}
    for fmt, name in (("moodle", "interactions.txt"), ("ndjson", "statements.ndjson")):
        found[fmt] = folder / name
        cohort(found[fmt], learners=60, form=fmt, seed=7)
    return found


def test_a_download_and_statements_give_one_report(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = run_results(COURSE, [str(p) for p in sources.values()], out, Options(pdf=False))
    assert not done.report.has_errors
    assert {p.name for p in done.written} >= {"results.html", "results.json", "groups.csv"}
    assert done.learners == 120 and done.facts > 1000
    every_output = "".join(p.read_text(encoding="utf-8-sig") for p in done.written)
    rows = sources["moodle"].read_text(encoding="utf-8").splitlines()[1:]
    names = {row.split("\t")[0] for row in rows} | {row.split("\t")[1] for row in rows}
    statements = sources["ndjson"].read_text(encoding="utf-8")
    names |= set(re.findall(r'"name":"([^"]+)"', statements))
    names |= set(re.findall(r'"mbox":"mailto:([^"]+)"', statements))
    assert len(names) > 80  # the sources do carry identities...
    leaked = [name for name in names if name in every_output]
    assert leaked == []  # ...and no output has any of them
    assert "@example.org" not in every_output


def test_a_source_that_cannot_be_used_stops_the_run_and_writes_nothing(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    other = tmp_path / "annan-kurs.txt"
    other.write_text(
        "Name\tEmail address\tAttempt\tResponse 0\nAnna\ta@example.org\t1\t9.9.9/deadbeef\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(SourceError, match="another course, activity or version"):
        run_results(COURSE, [str(sources["moodle"]), str(other)], out, Options(pdf=False))
    assert not out.exists()
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(SourceError, match="not a kind of source"):
        run_results(COURSE, [str(pdf)], out, Options(pdf=False))
    with pytest.raises(SourceError, match="no such file"):
        run_results(COURSE, [str(tmp_path / "saknas.ods")], out, Options(pdf=False))
