"""Goal 2 of issue 14: every command at 10,000 bodies in at most 11x its time at 1,000, validate under 350 MB.

A county-wide repository keeps thousands of bodies (every English council's
committees are some 7,000). Each command runs once per size on renamed copies of
the real bodies (benchmarks/_corpus.py), the two sizes in the same run; commands
about one body should barely grow at all (they list the directory, nothing more).
The 10,000-body runs take a few minutes: keep them few on a shared machine.

    .venv/bin/python benchmarks/bench_scale.py [--small 1000] [--large 10000] [--runs 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus
from _timing import interleaved, machine, torctl

COMMANDS = {
    "validate": ["validate", "--quiet"],
    "list": ["list", "--format", "json"],
    "review-due": ["review-due", "--as-of", "2026-11-23", "--format", "json"],
    "schedule --all (ics)": [
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
    ],
    "member add --dry-run (one body)": [
        "member",
        "add",
        "solihull-lscp",
        "new-post",
        "--role",
        "New Post",
        "--class",
        "core",
        "--dry-run",
    ],
    "check-quorum (one body)": ["check-quorum", "solihull-lscp", "-p", "dcs"],
    "show (one body)": ["show", "solihull-lscp", "--format", "json"],
    "deadlines (one body)": ["deadlines", "solihull-lscp", "--meeting", "2027-01-12", "--format", "json"],
    "schedule (one body)": [
        "schedule",
        "solihull-lscp",
        "--from",
        "2026-09-01",
        "--until",
        "2027-08-31",
        "--first",
        "2026-09-08",
        "--format",
        "json",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=1, help="runs of each command at each size (default 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {size: make_corpus(Path(tmp) / str(size), size) for size in (args.small, args.large)}
        runs = {}
        for name, cmd in COMMANDS.items():
            for size, directory in dirs.items():
                extra = ["--output", str(Path(tmp) / f"{size}.ics")] if "ics" in cmd else []
                runs[(name, size)] = [*torctl(), "--bodies", str(directory), *cmd, *extra]
        medians = interleaved({f"{n}@{s}": argv for (n, s), argv in runs.items()}, args.runs, warm=False)
    print(f"scale, {args.small:,} against {args.large:,} bodies, {args.runs} run(s) each, whole process; {machine()}")
    growth = args.large / args.small
    for name in COMMANDS:
        (small, small_mb), (large, large_mb) = medians[f"{name}@{args.small}"], medians[f"{name}@{args.large}"]
        print(
            f"  {name:<34} {small:7.2f} s -> {large:7.2f} s   ratio {large / small:5.2f} "
            f"(target <= {growth * 1.1:.0f}; linear {growth:.0f})   peak {small_mb:5.0f} -> {large_mb:5.0f} MB"
        )
    print(f"  validate peak at {args.large:,} bodies: {medians[f'validate@{args.large}'][1]:.0f} MB (target < 350 MB)")


if __name__ == "__main__":
    main()
