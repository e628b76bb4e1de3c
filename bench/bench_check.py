"""Benchmark of `aicourse check`: wall time of the command, as an author runs it.

Runs `aicourse check` on the default course (both profiles) a number of times in fresh
processes, so interpreter start-up and imports count, and prints the median and best time.
Target: under 0.5 s wall on the 2-core reference machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "content" / "introduktionsutbildning"
RUNS = 15
TARGET_SECONDS = 0.5


def time_check() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "aicourse_build", "check", str(COURSE)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def time_in_process() -> float:
    """The pipeline alone, without interpreter start-up and imports."""
    from aicourse_build.diagnostics import Report
    from aicourse_build.pipeline import check_course_dir

    start = time.perf_counter()
    check_course_dir(COURSE, Report())
    return time.perf_counter() - start


def main() -> None:
    time_check()  # warm the file cache
    samples = sorted(time_check() for _ in range(RUNS))
    median = statistics.median(samples)
    print(f"aicourse check {COURSE.relative_to(REPO)} (both profiles), {RUNS} runs:")
    print(f"  median {median:.3f} s, best {samples[0]:.3f} s, worst {samples[-1]:.3f} s")
    in_process = statistics.median(time_in_process() for _ in range(RUNS))
    print(f"  of which the pipeline in-process: median {in_process:.3f} s")
    verdict = "within" if median < TARGET_SECONDS else "OVER"
    print(f"  target {TARGET_SECONDS:.1f} s: {verdict}")


if __name__ == "__main__":
    main()
