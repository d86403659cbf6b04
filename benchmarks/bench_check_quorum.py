"""How long `torctl check-quorum`, `vote` and `meeting check` take, against Python merely importing torctl's dependencies.

A business manager runs check-quorum at the door of the meeting room, so it must
answer in well under 0.25 s. The floor for any Python CLI built on these
libraries is the interpreter starting and importing them; this script measures
both as fresh processes (interleaved, several runs, median) and prints the
ratio, which should stay at or below 1.5.

    .venv/bin/python benchmarks/bench_check_quorum.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples" / "bodies"
BASELINE = [sys.executable, "-c", "import typer, pydantic, yaml, ruamel.yaml, rich, jinja2"]
SCRIPT = Path(sys.executable).parent / "torctl"
TORCTL = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "torctl"]
COMMANDS = {
    "check-quorum (SSCP Exec, a substitute)": [
        *TORCTL, "--bodies", str(ROOT / "bodies"), "check-quorum", "solihull-sscp-executive",
        "--present", "dcs", "--present", "icb-dsp", "--sub", "Jane Smith for Borough Commander",
    ],
    "check-quorum --apologies (Sefton, json)": [
        *TORCTL, "--bodies", str(ROOT / "bodies"), "check-quorum", "sefton-improvement-board",
        "--apologies", "police-senior-officer", "--format", "json",
    ],
    "check-quorum --item --interest (SSCP Exec)": [
        *TORCTL, "--bodies", str(ROOT / "bodies"), "check-quorum", "solihull-sscp-executive",
        "-p", "dcs", "-p", "icb-dsp", "-p", "police-dsp", "--item", "3", "--interest", "dcs:3",
    ],
    "vote (Sefton, a tie)": [
        *TORCTL, "--bodies", str(ROOT / "bodies"), "vote", "sefton-improvement-board", "--for", "3", "--against", "3",
    ],
    "check-quorum --attendance (the same record, for comparison)": [
        *TORCTL, "--bodies", str(EXAMPLES), "check-quorum", "--attendance",
        str(EXAMPLES / "attendance" / "example-council-committee" / "2027-01-12.yaml"),
    ],
    "meeting check (example council committee, 4 items)": [
        *TORCTL, "--bodies", str(EXAMPLES), "meeting", "check", str(EXAMPLES / "attendance" / "example-council-committee" / "2027-01-12.yaml"),
    ],
}


# The libraries were byte-compiled when pip installed them; torctl must be too, as it is
# in any real install, or every run would time compiling torctl's source instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    args = parser.parse_args()
    for argv in (BASELINE, *COMMANDS.values()):  # warm the file cache, .pyc files and torctl's snapshot
        once(argv)
    times: dict[str, list[float]] = {"baseline": [], **{name: [] for name in COMMANDS}}
    for _ in range(args.runs):
        times["baseline"].append(once(BASELINE))
        for name, argv in COMMANDS.items():
            times[name].append(once(argv))
    base = statistics.median(times["baseline"])
    print(f"python {sys.version.split()[0]}, {args.runs} runs each, median wall time")
    print(f"  {'baseline: import typer, pydantic, yaml, ruamel.yaml, rich, jinja2':<70} {base * 1000:6.1f} ms")
    worst = 0.0
    for name in COMMANDS:
        median = statistics.median(times[name])
        worst = max(worst, median / base)
        print(f"  {name:<70} {median * 1000:6.1f} ms  ratio {median / base:.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.5); worst median {max(statistics.median(t) for t in times.values()) * 1000:.0f} ms (limit 250 ms)")


if __name__ == "__main__":
    main()
