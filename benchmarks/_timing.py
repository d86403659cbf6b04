"""Timing whole torctl processes side by side with their yardsticks, for the benchmark scripts.

The machine may be shared, so absolute times are noisy: every script runs its
command and its yardstick interleaved, in the same run, and reports the ratio of
their medians. Peak memory is the child's own maximum resident set size.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The libraries were byte-compiled when pip installed them; torctl must be too, as in any
# real install, or every run would time compiling torctl's source instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def torctl() -> list[str]:
    script = Path(sys.executable).with_name("torctl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "torctl"]


def once(argv: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one fresh process."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a command may warn at length
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    code = proc.returncode
    if code not in ok:
        sys.exit(f"{' '.join(argv[:6])}... exited {code}:\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(commands: dict[str, list[str]], runs: int, warm: bool = True) -> dict[str, tuple[float, float]]:
    """Median seconds and peak megabytes of each command, the commands taking turns run by run."""
    if warm:
        for argv in commands.values():  # the file cache and .pyc files, as a user's second run
            once(argv)
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            seen[name].append(once(argv))
    return {name: (statistics.median(t for t, _ in v), max(m for _, m in v)) for name, v in seen.items()}


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def line(label: str, seconds: float, yardstick: str, base: float, target: str, ratio: float | None = None) -> None:
    ratio = seconds / base if ratio is None else ratio
    print(f"  {label:<58} {seconds:8.3f} s   {yardstick} {base:.3f} s   ratio {ratio:5.2f}   (target {target})")
