"""`torctl site -o site/` on the bundled bodies: the work beyond the PDFs should be well under a second.

Run from the repository root:  .venv/bin/python benchmarks/bench_site.py

Measured side by side in one run, interleaved and each the best of five (the machine is shared):
- the whole command in a fresh process, with the PDFs and with --no-pdf;
- `torctl render --all -f pdf`, the PDFs alone;
- build_site + write_site timed inside a fresh process (cold: Jinja compiles the
  templates, the calendar libraries load), with and without PDFs.
The figure is the work beyond the PDFs, the core without PDFs (pages, map, reviews,
calendars, Popolo, Markdown, JSON, written to disk), against the issue's yardstick of 1 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"
YARDSTICK = 1.0  # seconds of work beyond the PDFs: "well under a second"
AS_OF = "2026-12-04"


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def best(function, runs: int = 5) -> float:
    return min(timed(function) for _ in range(runs))


CORE = """
import datetime as dt, sys, time
from pathlib import Path
from torctl.data.load import load_tree
from torctl.render import Templates
from torctl.render.site import build_site, write_site
tree = load_tree(Path(sys.argv[1]))
start = time.perf_counter()
site = build_site(tree, Templates.find(None, tree.root), dt.date.fromisoformat(sys.argv[3]), pdf=sys.argv[4] == "pdf")
write_site(site, Path(sys.argv[2]))
print(time.perf_counter() - start)
"""


def core_in_fresh_process(out: Path, pdf: bool) -> float:
    """build_site + write_site timed inside a fresh process: cold, as a user's one run, without start-up and loading."""
    done = subprocess.run(
        [sys.executable, "-c", CORE, str(BODIES), str(out), AS_OF, "pdf" if pdf else "no-pdf"],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout)


def main() -> None:
    torctl = [sys.executable, "-m", "torctl", "--bodies", str(BODIES)]
    runs = 5
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def run(*args: str) -> float:
            return timed(lambda: subprocess.run([*torctl, *args], check=True, capture_output=True))

        # Interleaved, so that the load of a shared machine falls on every figure alike.
        figures: dict[str, list[float]] = {k: [] for k in ("site", "no_pdf", "pdfs", "core", "core_pdf")}
        for _ in range(runs):
            figures["site"].append(run("site", "-o", str(out / "site"), "--as-of", AS_OF))
            figures["no_pdf"].append(run("site", "-o", str(out / "site-no-pdf"), "--as-of", AS_OF, "--no-pdf"))
            figures["pdfs"].append(
                run("render", "--all", "-f", "pdf", "-o", f"{out / 'pdf'}/")
            )  # a new directory ends in /
            figures["core"].append(core_in_fresh_process(out / "core", pdf=False))
            figures["core_pdf"].append(core_in_fresh_process(out / "core-pdf", pdf=True))
        files = sum(1 for p in (out / "site").rglob("*") if p.is_file())
    site, no_pdf, pdfs, core, core_pdf = (min(figures[k]) for k in ("site", "no_pdf", "pdfs", "core", "core_pdf"))

    print(f"torctl site -o site/ (8 bodies, {files} files), whole process: {site:.3f} s")
    print(f"torctl site --no-pdf, whole process:                  {no_pdf:.3f} s")
    print(f"torctl render --all -f pdf (the PDFs alone), process: {pdfs:.3f} s")
    print(f"build_site + write_site in a fresh process (cold):     {core_pdf:.3f} s with PDFs, {core:.3f} s without")
    print(
        f"work beyond the PDFs: {core:.3f} s (the site's core without PDFs, cold); yardstick {YARDSTICK:.1f} s; "
        f"ratio {core / YARDSTICK:.2f} of the yardstick (best of {runs}, interleaved)"
    )


if __name__ == "__main__":
    main()
