"""Benchmark: `torctl schedule --all` for a year of all eight bodies. Target: well under a second.

Copies the real bodies into a temporary directory with a fixture term calendar
(invented dates, so that ELRAG can be scheduled too), then times the whole
command for the .ics of every body over a year, interpreter start-up included,
best of five; and the core alone (schedules and the iCalendar file, bodies
already loaded) to show what the command itself costs.

    .venv/bin/python benchmarks/bench_schedule.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"
TARGET_SECONDS = 1.0

FIXTURE_TERMS = """\
id: solihull-school-terms
name: Benchmark fixture terms (invented dates)
kind: term-dates
applies_to: [solihull-elrag]
covers: {start: 2026-09-01, end: 2027-08-31}
terms:
  - {name: Autumn, start: 2026-09-03, end: 2026-12-18}
  - {name: Spring, start: 2027-01-05, end: 2027-03-26}
  - {name: Summer, start: 2027-04-12, end: 2027-07-21}
"""

ARGS = [
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
]


def torctl() -> list[str]:
    exe = Path(sys.executable).with_name("torctl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "torctl"]


def core_seconds(root: Path) -> tuple[float, int]:
    from torctl.calendar.ics import to_ics
    from torctl.calendar.schedule import build_schedule
    from torctl.calendar.terms import calendars_for
    from torctl.data.load import load_tree

    tree = load_tree(root)
    best, meetings = float("inf"), 0
    for _ in range(20):
        started = time.perf_counter()
        schedules = [
            build_schedule(
                body,
                start=dt.date(2026, 9, 1),
                until=dt.date(2027, 8, 31),
                first=dt.date(2026, 9, 8),
                calendars=calendars_for(tree, body.id),
            )
            for body in tree.bodies.values()
        ]
        to_ics(schedules, name="all", stamp=dt.date(2026, 9, 1))
        best = min(best, time.perf_counter() - started)
        meetings = sum(len(s.meetings) for s in schedules)
    return best, meetings


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bodies"
        shutil.copytree(BODIES, root)
        (root / "calendars" / "solihull-school-terms.yaml").write_text(FIXTURE_TERMS, encoding="utf-8")
        command = [*torctl(), "--bodies", str(root), *ARGS]
        times = []
        for _ in range(5):
            started = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if result.returncode != 0 or result.stderr:
                print(result.stderr)
                return 1
        events = result.stdout.count("BEGIN:VEVENT")
        core, meetings = core_seconds(root)
    best = min(times)
    print(
        f"schedule --all, a year of 8 bodies ({meetings} meetings, {events} events in the .ics): "
        f"best {best:.2f} s of 5 runs, start-up included; core alone {core * 1000:.1f} ms "
        f"(target: well under {TARGET_SECONDS:.0f} s) -> {'OK' if best < TARGET_SECONDS else 'TOO SLOW'}"
    )
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
