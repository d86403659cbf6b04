"""Goal 5 of issue 14: `schedule --all --format ics` over 1,000 bodies, and `diff` of two 1,000-body trees, against validate.

Both are measured against `torctl validate` of the same tree in the same run:
the calendar for a year of every body in at most 1.5x validate; a diff between
two trees that differ in 10% of their files in at most 0.5x validate of one.

    .venv/bin/python benchmarks/bench_calendar_diff.py [--bodies 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus
from _timing import interleaved, line, machine, torctl


def changed_copy(source: Path, target: Path, share: float) -> Path:
    """A copy of `source` with a seeded `share` of its body files changed (each body renamed)."""
    shutil.copytree(source, target)
    bodies = sorted(p for p in target.glob("*.yaml") if p.name != "agencies.yaml")
    for path in random.Random(14).sample(bodies, round(len(bodies) * share)):
        path.write_text(path.read_text(encoding="utf-8").replace("\nname: ", "\nname: Revised ", 1), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = make_corpus(Path(tmp) / "old", args.bodies)
        new = changed_copy(old, Path(tmp) / "new", 0.10)
        cli = torctl()
        runs = {
            "validate": [*cli, "validate", "--quiet", str(old)],
            "schedule": [
                *cli,
                "--bodies",
                str(old),
                "schedule",
                "--all",
                "--from",
                "2026-09-01",
                "--until",
                "2027-08-31",
                "--first",
                "2026-09-08",
                "--format",
                "ics",
                "--output",
                str(Path(tmp) / "all.ics"),
            ],
            "diff": [*cli, "diff", str(old), str(new)],
        }
        medians = interleaved(runs, args.runs)
    print(f"calendars and diffs, {args.bodies:,} bodies, {args.runs} runs each, interleaved, median; {machine()}")
    base = medians["validate"][0]
    line("schedule --all --format ics (a year of every body)", medians["schedule"][0], "validate", base, "<= 1.5")
    line("diff of two trees differing in 10% of files", medians["diff"][0], "validate", base, "<= 0.5")


if __name__ == "__main__":
    main()
