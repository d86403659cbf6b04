"""`minutes` for one record against `meeting check` of the same record, side by side in one run.

The yardstick (issue 29): the draft minutes of one meeting take at most 1.5x `meeting check`
of its record, which reads the same body and record and rules on every decision. The minutes
add the calendars directory (closure days count in the minutes' deadline), the schedule for
the next meeting, and a template: Markdown and HTML are held to the target; the PDF (Typst
typesetting) and the Word document (python-docx) are reported beside them.

    .venv/bin/python benchmarks/bench_minutes.py [--runs 11]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved, line, machine, torctl

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "bodies"
RECORD = EXAMPLES / "attendance" / "example-council-committee" / "2027-02-09.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each command (default 11)")
    args = parser.parse_args()
    cli = [*torctl(), "--bodies", str(EXAMPLES)]
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"meeting check": [*cli, "meeting", "check", str(RECORD)]}
        for fmt in ("md", "html", "pdf", "docx"):
            runs[f"minutes -f {fmt}"] = [*cli, "minutes", str(RECORD), "-f", fmt, "-o", f"{tmp}/{fmt}/", "--force"]
        medians = interleaved(runs, args.runs)
    print(f"minutes of one record (4 items), {args.runs} runs each, interleaved, median wall time; {machine()}")
    check = medians.pop("meeting check")[0]
    print(f"  meeting check of the same record: {check:.3f} s")
    for name, (seconds, _) in medians.items():
        target = "<= 1.5" if name.endswith(("md", "html")) else "reported"
        line(name, seconds, "meeting check", check, target)


if __name__ == "__main__":
    main()
