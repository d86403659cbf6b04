"""Publishing speed: the eight ToRs to PDF (target under 0.5 s in all) and the handbook (under 1 s).

Run from the repository root:  .venv/bin/python benchmarks/bench_render.py

Times the core in one process, cold (first use: Jinja compiles the templates,
Typst loads its fonts) and warm (best of five), and then the whole command in a
fresh process, as a user runs it. Goal 3 of issue 14: `torctl render --all -f pdf`
in at most 1.5x Typst alone compiling the same eight generated sources (a fresh
process running `typst.compile` on each `.typ`), the two interleaved, median of 5.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"
TARGET_ALL_PDF = 0.5
TARGET_HANDBOOK = 1.0


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    started = time.perf_counter()
    from torctl.data.load import load_tree
    from torctl.render import Templates, finish, render_tors
    from torctl.render.handbook import build_handbook

    tree = load_tree(BODIES)
    load_seconds = time.perf_counter() - started
    bodies = [tree.bodies[k] for k in sorted(tree.bodies)]

    def all_pdfs(templates: Templates | None = None) -> None:
        templates = templates or Templates.find(None, BODIES)
        for _ in render_tors(templates, tree, [(body, "pdf") for body in bodies]):
            pass

    def handbook(templates: Templates | None = None) -> None:
        templates = templates or Templates.find(None, BODIES)
        text = templates.render("handbook.typ.j2", handbook=build_handbook(tree, "Partnership handbook"))
        finish("pdf", text, "the handbook")

    cold_all = timed(all_pdfs)
    cold_handbook = timed(handbook)
    warm = Templates.find(None, BODIES)
    warm_all = min(timed(lambda: all_pdfs(warm)) for _ in range(5))
    warm_handbook = min(timed(lambda: handbook(warm)) for _ in range(5))

    with tempfile.TemporaryDirectory() as out:
        torctl = [sys.executable, "-m", "torctl", "--bodies", str(BODIES)]
        cli_all = timed(lambda: subprocess.run([*torctl, "render", "--all", "-o", out], check=True, capture_output=True))
        cli_handbook = timed(
            lambda: subprocess.run([*torctl, "handbook", "-o", f"{out}/handbook.pdf"], check=True, capture_output=True)
        )
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", Path(f"{out}/handbook.pdf").read_bytes()))

    def line(label: str, seconds: float, target: float | None = None) -> None:
        verdict = "" if target is None else f"   target < {target:.1f} s: {'ok' if seconds < target else 'MISSED'}"
        print(f"  {label:<52} {seconds * 1000:7.0f} ms{verdict}")

    print(f"torctl publishing benchmark ({len(bodies)} bodies, Python {sys.version.split()[0]})")
    line("load and validate the bodies", load_seconds)
    line("8 ToRs to PDF, cold (first in a process)", cold_all, TARGET_ALL_PDF)
    line("8 ToRs to PDF, warm (best of 5)", warm_all, TARGET_ALL_PDF)
    line("handbook PDF, cold", cold_handbook, TARGET_HANDBOOK)
    line("handbook PDF, warm (best of 5)", warm_handbook, TARGET_HANDBOOK)
    line("`torctl render --all` (whole process)", cli_all)
    line(f"`torctl handbook -o handbook.pdf` (whole process, {pages} pages)", cli_handbook)
    against_typst()


def against_typst(runs: int = 5) -> None:
    """`render --all -f pdf` against Typst compiling the eight generated sources, side by side."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _timing import interleaved, line as ratio_line, torctl

    with tempfile.TemporaryDirectory() as out:
        subprocess.run([*torctl(), "--bodies", str(BODIES), "render", "--all", "-f", "typ", "-o", out], check=True, capture_output=True)
        sources = sorted(str(p) for p in Path(out).glob("*.typ"))
        typst_alone = "import sys, typst\nfor f in sys.argv[1:]:\n    typst.compile(open(f, 'rb').read(), ignore_system_fonts=True)\n"
        medians = interleaved({
            "typst": [sys.executable, "-c", typst_alone, *sources],
            "torctl": [*torctl(), "--bodies", str(BODIES), "render", "--all", "-f", "pdf", "-o", out],
        }, runs)
    print(f"goal 3: {len(sources)} ToRs to PDF, whole processes, interleaved, median of {runs}")
    ratio_line("`torctl render --all -f pdf`", medians["torctl"][0], "typst.compile of the .typ alone", medians["typst"][0], "<= 1.5")


if __name__ == "__main__":
    main()
