"""Issue 29: `meeting check --all` over a year of 1,000 meeting records, against `validate` of the same tree.

The tree: 20 copies of the example council committee (docs/examples/bodies), each
meeting weekly through a year, every record a full meeting record (remote
attendance, a declaration, counted, tied and named votes, a late leaver, a
special majority): 1,000 records in all. Both commands read and check every
record; the audit also judges every decision. Target: at most 1.5x validate.

    .venv/bin/python benchmarks/bench_meeting_check_all.py [--records 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import ROOT, interleaved, line, machine, torctl

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
BODY = "example-council-committee"
BODIES = 20


def make_year(target: Path, records: int) -> Path:
    """`BODIES` renamed copies of the example committee and `records` meeting records, weekly from January."""
    target.mkdir(parents=True)
    shutil.copy(EXAMPLES / "agencies.yaml", target / "agencies.yaml")
    body = (EXAMPLES / f"{BODY}.yaml").read_text(encoding="utf-8")
    record = (EXAMPLES / "attendance" / BODY / "2027-01-12.yaml").read_text(encoding="utf-8")
    per_body = -(-records // BODIES)
    written = 0
    for n in range(BODIES):
        body_id = f"{BODY}-{n:02d}"
        (target / f"{body_id}.yaml").write_text(body.replace(f"id: {BODY}", f"id: {body_id}"), encoding="utf-8")
        folder = target / "attendance" / body_id
        folder.mkdir(parents=True)
        for week in range(per_body):
            if written == records:
                break
            day = dt.date(2027, 1, 5) + dt.timedelta(days=7 * week + n % 5)
            text = record.replace(f"body: {BODY}", f"body: {body_id}").replace("date: 2027-01-12", f"date: {day}")
            (folder / f"{day}.yaml").write_text(text, encoding="utf-8")
            written += 1
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = make_year(Path(tmp) / "bodies", args.records)
        cli = torctl()
        runs = {
            "validate": [*cli, "validate", "--quiet", str(tree)],
            "audit": [*cli, "--bodies", str(tree), "meeting", "check", "--all", "--format", "json"],
        }
        medians = interleaved(runs, args.runs)
    print(f"meeting check --all, {args.records:,} records, {args.runs} runs each, interleaved, median; {machine()}")
    line(
        "meeting check --all (every decision of a year)",
        medians["audit"][0],
        "validate",
        medians["validate"][0],
        "<= 1.5",
    )


if __name__ == "__main__":
    main()
