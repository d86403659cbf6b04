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
        cli_all = timed(
            lambda: subprocess.run([*torctl, "render", "--all", "-o", out], check=True, capture_output=True)
        )
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
    from torctl.render.pdf import WORKERS

    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [*torctl(), "--bodies", str(BODIES), "render", "--all", "-f", "typ", "-o", out],
            check=True,
            capture_output=True,
        )
        sources = sorted(str(p) for p in Path(out).glob("*.typ"))
        typst_alone = "import sys, typst\nfor f in sys.argv[1:]:\n    typst.compile(open(f, 'rb').read(), ignore_system_fonts=True)\n"
        medians = interleaved(
            {
                "typst": [sys.executable, "-c", typst_alone, *sources],
                "floor": [sys.executable, "-c", FLOOR, str(WORKERS), *sources],
                "torctl": [*torctl(), "--bodies", str(BODIES), "render", "--all", "-f", "pdf", "-o", out],
            },
            runs,
        )
    typst_alone_s, floor_s, torctl_s = medians["typst"][0], medians["floor"][0], medians["torctl"][0]
    print(f"goal 3: {len(sources)} ToRs to PDF, whole processes, interleaved, median of {runs}")
    ratio_line("`torctl render --all -f pdf`", torctl_s, "typst.compile of the .typ alone", typst_alone_s, "<= 1.5")
    print(
        f"  floor: the libraries and torctl's models imported, the two validators built, the same sources typeset "
        f"as render does, nothing read or generated: {floor_s:.3f} s, ratio {floor_s / typst_alone_s:.2f}; "
        f"torctl's own work beyond it {1000 * (torctl_s - floor_s):.0f} ms, "
        f"the target leaves it {1000 * (1.5 * typst_alone_s - floor_s):.0f} ms"
    )


# The floor under `render --all -f pdf`: what any renderer with this stack must do, and nothing of
# torctl's own work. The libraries render imports (typer, PyYAML, Jinja, Typst), torctl's pydantic
# models with the Body and agency-registry validators built, and the eight sources typeset as
# `torctl.render.pdf` does (one font set, one compiler a thread, as many threads); no body read, no
# template compiled, no source generated, no file written.
FLOOR = """
import sys, tempfile, threading
import typer, yaml, jinja2, typst
from concurrent.futures import ThreadPoolExecutor
from torctl.model import AgencyRegistry, Body
Body.model_rebuild(); AgencyRegistry.model_rebuild()
root = tempfile.mkdtemp()
fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)
local = threading.local()
def typeset(path):
    if getattr(local, "compiler", None) is None:
        local.compiler = typst.Compiler(root=root, font_paths=fonts, ignore_system_fonts=True)
    return local.compiler.compile(input=open(path, "rb").read())
with ThreadPoolExecutor(int(sys.argv[1])) as pool:  # as many threads as render uses
    list(pool.map(typeset, sys.argv[2:]))
"""


if __name__ == "__main__":
    main()
