"""`make bench`: how fast and how small, measured (never asserted in tests).

Prints check time, build times (default course; synthetic 100- and 1,000-page courses), runtime
bytes gzipped, package sizes, the worst-case resume state, and `zip -r` over the same files as
a baseline; and `aicourse results` (ingest + measure) at a pilot's and at a national scale, and
its pull from an LRS (Ralph) in statements per second (bench/ralph_pull.py).
Every timing runs `aicourse` in a fresh process, as an author or CI would.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from make_course import make_course

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "content" / "introduktionsutbildning"
AICOURSE = [sys.executable, "-m", "aicourse_build"]
CACHE = Path(__file__).resolve().parent / ".cache"  # generated cohorts; git ignores it


def timed(command: list[str], runs: int, cwd: Path = REPO) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd)
        samples.append(time.perf_counter() - start)
    return sorted(samples)


def line(label: str, samples: list[float], target: float | None = None) -> float:
    median = statistics.median(samples)
    verdict = ""
    if target is not None:
        verdict = f"  (target {target:.1f} s: {'met' if median <= target else 'MISSED'})"
    print(f"  {label:<46} median {median:6.3f} s  best {samples[0]:6.3f} s{verdict}")
    return median


def zip_baseline(packages: list[Path], work: Path) -> float:
    """Time `zip -r` over exactly the files of the given packages."""
    total = 0.0
    for package in packages:
        folder = work / package.stem
        with zipfile.ZipFile(package) as handle:
            handle.extractall(folder)
        start = time.perf_counter()
        subprocess.run(
            ["zip", "-q", "-r", str(work / f"{package.stem}.zip"), "."], cwd=folder, check=True
        )
        total += time.perf_counter() - start
    return total


def in_process(course: Path, out: Path, runs: int = 3) -> tuple[float, float]:
    """Median build time without interpreter start-up, and of writing the zips alone."""
    from aicourse_build import build as build_module
    from aicourse_build.build import build_courses

    zip_times: list[float] = []
    original = build_module.write_zip

    def timed_write(package: object, path: Path) -> Path:
        start = time.perf_counter()
        result = original(package, path)  # type: ignore[arg-type]
        zip_times.append(time.perf_counter() - start)
        return result

    build_module.write_zip = timed_write  # type: ignore[assignment]
    totals = []
    try:
        for _ in range(runs):
            zip_times.clear()
            start = time.perf_counter()
            build_courses([course], out)
            totals.append(time.perf_counter() - start)
    finally:
        build_module.write_zip = original
    return statistics.median(totals), sum(zip_times)


def worst_states(course: Path) -> dict[str, int]:
    from aicourse_build.diagnostics import Report
    from aicourse_build.package.state_budget import worst_case_state_length
    from aicourse_build.pipeline import check_course_dir
    from aicourse_build.render.config import build_config

    result = check_course_dir(course, Report())
    return {
        f"{r.profile.name}/{fmt}": worst_case_state_length(build_config(r, fmt, {}))
        for r in result.resolved
        for fmt in r.profile.model.formats
        if fmt in ("scorm12", "scorm2004")
    }


def preview_ready(course: Path) -> tuple[float, float]:
    """`aicourse preview`: seconds from starting the process until the course's first page is
    served, and from saving a file until the page hears of the rebuild."""
    import re
    import socket
    import urllib.request

    start = time.perf_counter()
    proc = subprocess.Popen(
        [*AICOURSE, "preview", str(course), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        found = re.search(r"(http://127\.0\.0\.1:(\d+))/", proc.stdout.readline())
        assert found, "preview did not start"
        base, port = found.group(1), int(found.group(2))
        state = json.loads(urllib.request.urlopen(base + "/_preview/state").read())
        first = state["variants"][0]["key"]
        urllib.request.urlopen(f"{base}/c/{first}/index.html").read()
        ready = time.perf_counter() - start
        with socket.create_connection(("127.0.0.1", port), timeout=10) as events:
            events.sendall(b"GET /_preview/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            received = b""
            while b": connected" not in received:  # listening from here on
                received += events.recv(4096)
            time.sleep(0.5)  # let the watcher settle
            page = next((course / "pages").glob("*.md"))
            saved = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", "utf-8")
            while b"event: build" not in received:
                received += events.recv(65536)
            rebuilt = time.perf_counter() - saved
        return ready, rebuilt
    finally:
        proc.terminate()
        proc.wait(10)


def cohort_file(name: str, learners: int, form: str) -> Path:
    """A synthetic cohort (bench/cohort.py), generated once into the cache: the national one is
    4 GB of statements and takes a minute or more to write."""
    import hashlib

    from cohort import cohort

    # keyed by what the cohort is made from: a changed manuscript (a new slot, another version)
    # makes a new cohort, not a stale one the course refuses
    sources = [*sorted(p for p in COURSE.rglob("*") if p.is_file()), CACHE.parent / "cohort.py"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:8]
    suffix = "ndjson" if form == "ndjson" else "txt"
    path = CACHE / f"{name}-{learners}-{digest}.{suffix}"
    if not path.exists():
        for stale in CACHE.glob(f"{name}-{learners}*.{suffix}"):
            stale.unlink()  # the national one is 4 GB
        partial = path.with_name(path.name + ".part")
        truth = cohort(partial, learners, form, seed=1)
        partial.rename(path)
        unit = "statements" if form == "ndjson" else "rows"
        print(f"  generated {path.name}: {truth.statements:,} {unit} in {truth.seconds:.0f} s")
    return path


def results_child(path: Path) -> None:
    """In a fresh process: one source into the store, measure and disclose; prints the seconds
    of each and the process's peak memory as JSON."""
    import resource

    from aicourse_build.diagnostics import Report
    from aicourse_build.pipeline import check_course_dir
    from aicourse_build.results.catalogue import catalogue_of
    from aicourse_build.results.disclose import disclose
    from aicourse_build.results.facts import Fact
    from aicourse_build.results.ingest.moodle import moodle_facts
    from aicourse_build.results.ingest.statements import read_statements_file
    from aicourse_build.results.measure import measure
    from aicourse_build.results.pseudonym import Pseudonyms
    from aicourse_build.results.run import layouts
    from aicourse_build.results.store import Store

    check = check_course_dir(COURSE, Report())  # the manuscript, as `results` checks it first
    catalogue = catalogue_of(check)
    start = time.perf_counter()
    store = Store()
    if path.suffix == ".ndjson":
        read_statements_file(store, catalogue, Pseudonyms(), path)
    else:
        read = list(moodle_facts(path, catalogue, layouts(check, None), Pseudonyms()))
        store.add(item for item in read if isinstance(item, Fact))
    ingested = time.perf_counter()
    measured = measure(store, catalogue, ["bench"])
    disclose(measured, 5, 10)
    done = time.perf_counter()
    figures = {"ingest": ingested - start, "measure": done - ingested, "facts": store.count()}
    figures["learners"] = measured.learners.value or 0
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB
    print(json.dumps(figures))


def results_bench() -> None:
    """`aicourse results` at the pilot's size and at a national one: ingest + measure (and
    disclose) of synthetic cohorts, each in a fresh process."""
    print("results (synthetic cohorts, bench/cohort.py; cached in bench/.cache/)")
    cases = [
        ("pilot 2,000 learners, NDJSON", cohort_file("pilot", 2000, "ndjson"), 2.0, 3),
        ("pilot 2,000 learners, Moodle download", cohort_file("pilot", 2000, "moodle"), 2.0, 3),
        ("national 200,000 learners, NDJSON", cohort_file("national", 200_000, "ndjson"), 30, 1),
    ]
    for label, path, target, runs in cases:
        samples = []
        for _ in range(runs):
            child = [sys.executable, __file__, "--results-child", str(path)]
            done = subprocess.run(child, check=True, capture_output=True, text=True, cwd=REPO)
            samples.append(json.loads(done.stdout))
        best = min(samples, key=lambda s: s["ingest"] + s["measure"])
        total = best["ingest"] + best["measure"]
        verdict = "met" if total <= target else "MISSED"
        print(
            f"  {label:<38} {best['facts']:>10,} facts: ingest {best['ingest']:6.2f} s + "
            f"measure {best['measure']:5.2f} s = {total:6.2f} s (target {target} s: {verdict}); "
            f"peak {best['peak_mb']:,.0f} MB (target 2,048 MB)"
        )
    from ralph_pull import ralph_pull_bench  # tests/lrs's Ralph, only when it is wanted

    ralph_pull_bench(cohort_file("pilot", 2000, "ndjson"))


def main() -> None:
    if sys.argv[1:2] == ["--results-child"]:
        results_child(Path(sys.argv[2]))
        return
    if sys.argv[1:] == ["results"]:  # `python bench/bench.py results`: this section only
        results_bench()
        return
    work = Path(tempfile.mkdtemp(prefix="aicourse-bench-"))
    try:
        run(work)
    finally:
        shutil.rmtree(work)


def run(work: Path) -> None:
    print("aicourse benchmark (2-core reference machine; fresh process per run)")
    print("check")
    timed([*AICOURSE, "check", str(COURSE)], 1)
    line("check default course, both profiles", timed([*AICOURSE, "check", str(COURSE)], 15), 0.5)
    print("build")
    out = work / "default"
    default = line(
        "build all default packages",
        timed([*AICOURSE, "build", str(COURSE), "--out", str(out)], 5),
        2.0,
    )
    synthetic = {}
    for pages in (100, 1000):
        course = make_course(work / f"course-{pages}", pages)
        target = 15.0 if pages == 1000 else None
        synthetic[pages] = line(
            f"build synthetic {pages} pages (scorm12 + scorm2004)",
            timed([*AICOURSE, "build", str(course), "--out", str(work / f"out-{pages}")], 3),
            target,
        )
    inner = {
        pages: in_process(work / f"course-{pages}", work / f"inner-{pages}")
        for pages in (100, 1000)
    }
    for pages, (total, zips) in inner.items():
        print(f"  in-process build, {pages} pages: {total:.3f} s (writing zips {zips:.3f} s)")
    print(f"  1000/100 pages, in-process: {inner[1000][0] / inner[100][0]:.1f}x (10 = linear)")
    packages = sorted((work / "out-1000").glob("*.zip"))
    baseline = zip_baseline(packages, work / "zip-baseline")
    print(f"  zip -r over the same files (1000 pages, both packages): {baseline:.3f} s")
    print(
        f"    whole build / zip -r = {synthetic[1000] / baseline:.1f}x; writing our zips / "
        f"zip -r = {inner[1000][1] / baseline:.1f}x (target: build at most 3x)"
    )
    print("preview")
    copy = work / "preview-course"
    shutil.copytree(COURSE, copy)
    samples = [preview_ready(copy) for _ in range(3)]
    line("preview: start until the first page is served", sorted(s[0] for s in samples), 1.0)
    line("preview: save until the page is told", sorted(s[1] for s in samples), 1.0)
    print("size")
    report = json.loads((out / "build-report.json").read_text())
    for package in report["packages"]:
        print(
            f"  {package['file']:<58} {package['bytes'] / 1024:7.1f} KB, runtime+theme "
            f"{package['runtime_gzip_bytes'] / 1024:.1f} KB gzipped (budget 30 KB)"
        )
    print("resume state, worst case (characters)")
    for name, length in worst_states(COURSE).items():
        print(f"  default course {name:<24} {length}")
    for name, length in worst_states(work / "course-1000").items():
        print(f"  1000 pages, 300 questions {name:<14} {length} (SCORM 1.2 limit 4096)")
    print(f"  default build median {default:.3f} s")
    results_bench()


if __name__ == "__main__":
    main()
