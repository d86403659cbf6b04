"""How long `torctl validate` takes on 1,000 ToR files, against yamllint and a bare libyaml parse.

Targets (issue 3): torctl at most 1.5 s, and at least 10x faster than yamllint
(relaxed config) on the same files. The bare C-accelerated parse is the floor:
no validator that reads YAML can beat it.

    python benchmarks/bench_validate.py [--files 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import make_corpus  # noqa: E402


def timed(cmd: list[str], runs: int, ok_codes: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(cmd[:3])}... exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    torctl = [python, "-m", "torctl"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "bodies", args.files)
        files = sorted(str(p) for p in corpus.glob("*.yaml"))
        size = sum(Path(f).stat().st_size for f in files)
        print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
              f"{len(files)} files, {size / 1e6:.1f} MB")

        t_torctl = timed([*torctl, "validate", "--quiet", str(corpus)], args.runs)
        floor_code = (
            "import sys, yaml\n"
            "for f in sys.argv[1:]:\n"
            "    with open(f, encoding='utf-8') as handle:\n"
            "        yaml.load(handle.read(), Loader=yaml.CSafeLoader)\n"
        )
        t_floor = timed([python, "-c", floor_code, *files], args.runs)
        yamllint = shutil.which("yamllint") or str(Path(python).with_name("yamllint"))
        t_lint = None
        if Path(yamllint).exists():
            t_lint = timed([yamllint, "-d", "relaxed", str(corpus)], 1, ok_codes=(0, 1))
        print(f"torctl validate          {t_torctl:7.3f} s   (target <= 1.5 s)")
        print(f"bare libyaml parse       {t_floor:7.3f} s   (the floor)")
        if t_lint is None:
            print("yamllint                 not installed (pip install '.[bench]')")
        else:
            print(f"yamllint -d relaxed      {t_lint:7.3f} s   torctl is {t_lint / t_torctl:.1f}x faster (target >= 10x)")


if __name__ == "__main__":
    main()
