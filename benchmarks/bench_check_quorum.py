"""`check-quorum`, `vote` and `meeting check` at the door, among 8 bodies and 10,000, against the pydantic floor.

The yardstick (issue 26) is the least any pydantic-validated typer CLI can do: a
process that imports typer and PyYAML, defines one pydantic model of one
whole-number field and validates it once, nothing of torctl's. Target: each
command at most 1.3x that floor. check-quorum reads the body's file and the
agency registry, never the whole directory, runs no cross-file checks and keeps
no cache, so its time must not grow with the directory. For reference, the
script also prints each command against bare imports (`python -c "import typer,
pydantic, yaml"`, issue 14's yardstick, which imports pydantic lazily and so
validates nothing), and torctl's models with the two validators a quorum check
builds, nothing read.

    .venv/bin/python benchmarks/bench_check_quorum.py [--runs 11] [--large 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import BODIES, make_corpus
from _timing import interleaved, line, machine, torctl

BASELINE = [sys.executable, "-c", "import typer, pydantic, yaml"]
# The yardstick's `import pydantic` is lazy: it loads neither BaseModel nor the machinery
# that builds a validator. Any answer validated by a pydantic model needs both; this is the
# least of them: one model of one field, defined and validated once, nothing of torctl's.
SMALLEST_MODEL = [
    sys.executable,
    "-c",
    "import typer, yaml\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM.model_validate({'x': 1})",
]
# Not a yardstick: torctl's model classes imported and the two validators a quorum check builds,
# nothing read or run. check-quorum takes about as long: the rest of its work is small.
MODELS_ALONE = [
    sys.executable,
    "-c",
    "import typer, yaml; from torctl.model import AgencyRegistry, Body; Body.model_rebuild(); AgencyRegistry.model_rebuild()",
]
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "bodies"
RECORD = EXAMPLES / "attendance" / "example-council-committee" / "2027-01-12.yaml"


def commands(directory: Path) -> dict[str, list[str]]:
    cli = [*torctl(), "--bodies", str(directory)]
    quorum = [*cli, "check-quorum"]
    return {
        "check-quorum SSCP Exec, a substitute": [
            *quorum,
            "solihull-sscp-executive",
            "-p",
            "dcs",
            "-p",
            "icb-dsp",
            "--sub",
            "Jane Smith for Borough Commander",
        ],
        "check-quorum LSCP (names other bodies), json": [*quorum, "solihull-lscp", "-p", "dcs", "--format", "json"],
        "check-quorum --item --interest": [
            *quorum,
            "solihull-sscp-executive",
            "-p",
            "dcs",
            "-p",
            "icb-dsp",
            "-p",
            "police-dsp",
            "--item",
            "3",
            "--interest",
            "dcs:3",
        ],
        "vote SSCP Exec": [*cli, "vote", "solihull-sscp-executive", "--for", "3", "--against", "2"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each command (default 11)")
    parser.add_argument("--large", type=int, default=10000, help="bodies in the large directory (default 10000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        large = make_corpus(Path(tmp) / "bodies", args.large)
        runs = {"baseline": BASELINE, "smallest model": SMALLEST_MODEL, "models alone": MODELS_ALONE}
        for size, directory in ((8, BODIES), (args.large, large)):
            runs.update({f"{name} ({size:,} bodies)": argv for name, argv in commands(directory).items()})
        runs["meeting check, 4 items (docs/examples)"] = [
            *torctl(),
            "--bodies",
            str(EXAMPLES),
            "meeting",
            "check",
            str(RECORD),
        ]
        medians = interleaved(runs, args.runs)
    print(f"meeting-day commands, {args.runs} runs each, interleaved, median wall time; {machine()}")
    base = medians.pop("baseline")[0]
    smallest = medians.pop("smallest model")[0]
    models = medians.pop("models alone")[0]
    floor = "the pydantic floor"
    for name, (seconds, _) in medians.items():
        line(name, seconds, floor, smallest, "<= 1.3")
    print(f"  the pydantic floor: {smallest:.3f} s (typer and PyYAML imported, one model of one field validated once)")
    print(f"  for reference, against `import typer, pydantic, yaml` ({base:.3f} s):")
    for name, (seconds, _) in medians.items():
        print(f"    {name:<58} ratio {seconds / base:5.2f}")
    print(
        f"  torctl's models imported and the two validators a quorum check builds, nothing read or run: {models:.3f} s, "
        f"ratio {models / smallest:.2f} to the floor"
    )


if __name__ == "__main__":
    main()
