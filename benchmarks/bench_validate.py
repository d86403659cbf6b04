"""Goal 4 of issue 14: `torctl validate` on 1,000 files against a bare libyaml parse, clean and with findings in every file.

The floor is PyYAML's C loader reading the same files
(`yaml.load(..., Loader=yaml.CSafeLoader)`): no validator that reads YAML can beat
it. Three trees of the same 1,000 files: clean; one warning in every file (a TODO
marker); errors in every file (references to an agency and bodies that do not
exist, each with a did-you-mean). Targets: at most 1.6x the floor in each, and at
most 0.05x `yamllint -d relaxed` (install '.[bench]').

    .venv/bin/python benchmarks/bench_validate.py [--files 1000] [--runs 3] [--no-yamllint]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus
from _timing import interleaved, line, machine, once, torctl

FLOOR = (
    "import sys, yaml\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as handle:\n"
    "        yaml.load(handle.read(), Loader=yaml.CSafeLoader)\n"
)


def with_findings(source: Path, target: Path, kind: str) -> Path:
    """A copy of `source` where every body file has a warning ('warning') or dangling references ('errors')."""
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        if path.name == "agencies.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        if kind == "warning":
            text = text.replace("\nname: ", "\nname: TODO ", 1)
        else:
            text = text.replace("agency: solihull-mbc\n", "agency: solihull-mbcx\n")
            text = re.sub(r"(\n\s+- body: )([\w-]+)", r"\1\2-gone", text)
        path.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-yamllint", action="store_true", help="skip the yamllint comparison (some 40 s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clean = make_corpus(Path(tmp) / "clean", args.files)
        trees = {
            "clean": clean,
            "a warning in every file": with_findings(clean, Path(tmp) / "warning", "warning"),
            "errors in every file": with_findings(clean, Path(tmp) / "errors", "errors"),
        }
        files = sorted(str(p) for p in clean.glob("*.yaml"))
        size = sum(Path(f).stat().st_size for f in files)
        runs = {"floor": [sys.executable, "-c", FLOOR, *files]}
        runs.update({name: [*torctl(), "validate", "--quiet", str(tree)] for name, tree in trees.items()})
        medians = interleaved(runs, args.runs)
        yamllint = Path(sys.executable).with_name("yamllint")
        lint = (
            once([str(yamllint), "-d", "relaxed", str(clean)])[0]
            if yamllint.exists() and not args.no_yamllint
            else None
        )
    print(
        f"validate, {len(files):,} files ({size / 1e6:.1f} MB), {args.runs} runs each, interleaved, median; {machine()}"
    )
    floor = medians.pop("floor")[0]
    for name, (seconds, _) in medians.items():
        line(f"torctl validate, {name}", seconds, "libyaml parse", floor, "<= 1.6")
    if lint is None:
        print("  yamllint skipped (--no-yamllint) or not installed (pip install '.[bench]')")
    else:
        seconds = medians["clean"][0]
        print(
            f"  {'torctl validate, clean':<58} {seconds:8.3f} s   yamllint -d relaxed {lint:.3f} s   ratio {seconds / lint:5.3f}   (target <= 0.05)"
        )


if __name__ == "__main__":
    main()
