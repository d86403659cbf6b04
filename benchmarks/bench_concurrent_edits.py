"""Concurrent edits: how often a reported success is lost, or lands on the wrong post.

Issue 13's yardstick, measured on main before edits were transactions: two
`torctl member add` runs at once both exited 0 but only one post was in the
file in 16 of 50 runs; `member remove headteacher-primary` racing `member update
headteacher-secondary --holder X` wrote the holder onto another post in 4 of 50.
The target is 0 of N for both. Each round races two real `torctl` processes on
a fresh copy of the bodies.

    python benchmarks/bench_concurrent_edits.py [--rounds 50] [--before SRC]

`--before SRC` runs the same rounds, in the same run, with torctl imported from
SRC (e.g. `git archive 3ede183 src | tar -x -C /tmp/main`, then `/tmp/main/src`),
so the figure before the change is measured beside the figure after it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TORCTL = [sys.executable, "-m", "torctl"]
BODY = "solihull-sscp-executive"


def race(*commands: list[str], src: str | None = None) -> list[int]:
    env = {**os.environ, "PYTHONPATH": src} if src else None
    procs = [
        subprocess.Popen(TORCTL + c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) for c in commands
    ]
    return [p.wait() for p in procs]


def posts(root: Path) -> dict[str, str | None]:
    sys.path.insert(0, str(ROOT / "src"))
    from torctl.data.load import load_tree

    body = load_tree(root).bodies[BODY]
    return {m.id: m.holder for m in body.members}


def rounds(count: int, src: str | None) -> tuple[int, int, int, float]:
    """(lost updates, wrong posts, refusals, seconds) over `count` rounds of both races."""
    lost = wrong = refused = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            root = Path(tmp) / f"r{n}"
            shutil.copytree(ROOT / "bodies", root)
            codes = race(
                ["--bodies", str(root), "member", "add", BODY, "extra-a", "--role", "Extra A", "--class", "core"],
                ["--bodies", str(root), "member", "add", BODY, "extra-b", "--role", "Extra B", "--class", "core"],
                src=src,
            )
            now = posts(root)
            refused += sum(1 for c in codes if c != 0)
            if any(c == 0 and post not in now for c, post in zip(codes, ("extra-a", "extra-b"), strict=True)):
                lost += 1
            codes = race(
                ["--bodies", str(root), "member", "remove", BODY, "headteacher-primary"],
                ["--bodies", str(root), "member", "update", BODY, "headteacher-secondary", "--holder", "X. Holder"],
                src=src,
            )
            now = posts(root)
            misplaced = [p for p, holder in now.items() if holder == "X. Holder" and p != "headteacher-secondary"]
            if misplaced or (codes[1] == 0 and now.get("headteacher-secondary") != "X. Holder"):
                wrong += 1
            shutil.rmtree(root)
    return lost, wrong, refused, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--before", metavar="SRC", help="Also measure torctl imported from this src directory.")
    args = parser.parse_args()
    n = args.rounds
    print(
        "issue 13 yardstick, main before edits were transactions: lost updates 16 of 50 (32%), wrong post 4 of 50 (8%)"
    )
    results = [("this branch", rounds(n, None))]
    if args.before:
        results.append((f"before ({args.before})", rounds(n, args.before)))
    for label, (lost, wrong, refused, seconds) in results:
        print(
            f"{label}: {n} rounds in {seconds:.1f} s: lost updates {lost} of {n} ({lost / n:.0%}), "
            f"wrong post {wrong} of {n} ({wrong / n:.0%}), edits refused {refused}"
        )
    lost_now = results[0][1][0] / n
    print(
        f"ratio to the yardstick: lost updates {lost_now:.0%} / 32% = {lost_now / 0.32:.2f}, "
        f"wrong post {results[0][1][1] / n:.0%} / 8% = {results[0][1][1] / n / 0.08:.2f} (target 0 for both)"
    )


if __name__ == "__main__":
    main()
