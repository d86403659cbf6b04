"""Benchmark: `torctl review-due` over 1,000 bodies. Target: under 2 seconds.

Generates 125 copies of the eight real bodies (1,000 files) into a temporary
directory, each copy with its own ids (`solihull-lscp-007`) and every reference
between bodies renamed with it, so the tree validates as the real one does.
Then times the whole command, interpreter start-up included, as a user or a
cron job would run it: best of five runs.

    .venv/bin/python benchmarks/bench_review_due.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus

TARGET_SECONDS = 2.0
BODY_COUNT = 1000


def torctl() -> list[str]:
    exe = Path(sys.executable).with_name("torctl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "torctl"]


def breakdown(root: Path) -> tuple[float, float]:
    """Best-of-three seconds for loading the tree, and for the review report on the loaded bodies."""
    import datetime as dt

    from torctl.calendar.review import review_report
    from torctl.data.load import load_tree

    load = review = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        tree = load_tree(root)
        loaded = time.perf_counter()
        review_report(tree.bodies.values(), dt.date(2026, 11, 23))
        load, review = min(load, loaded - started), min(review, time.perf_counter() - loaded)
    return load, review


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bodies"
        root.mkdir()
        count = BODY_COUNT
        make_corpus(root, BODY_COUNT)
        check = subprocess.run([*torctl(), "--bodies", str(root), "validate", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            print(check.stdout[-2000:], check.stderr[-2000:])
            return 1
        command = [*torctl(), "--bodies", str(root), "review-due", "--as-of", "2026-11-23", "--format", "json"]
        times = []
        for _ in range(5):
            started = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                print(result.stderr)
                return 1
        import json

        reported = len(json.loads(result.stdout)["bodies"])
        load, review = breakdown(root)
    best = min(times)
    print(
        f"review-due over {count} bodies ({reported} reported): best {best:.2f} s, median {sorted(times)[2]:.2f} s "
        f"of 5 runs (target: under {TARGET_SECONDS:.0f} s) -> {'OK' if best < TARGET_SECONDS else 'TOO SLOW'}"
    )
    print(
        f"  of which, in-process: loading and validating the bodies (torctl.data.load) {load:.2f} s, "
        f"review statuses and sorting {review * 1000:.1f} ms"
    )
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
