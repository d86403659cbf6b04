"""`torctl site -o site/` on the bundled bodies: the work beyond the PDFs should be well under a second.

Run from the repository root:  .venv/bin/python benchmarks/bench_site.py

Measured side by side in one run, each the best of three:
- the whole command in a fresh process, with the PDFs and with --no-pdf;
- `torctl render --all -f pdf`, the PDFs alone (the yardstick's "PDFs");
- in one process, the core with no PDFs: build_site (pages, map, reviews,
  calendars, Popolo) and write_site, cold (first use compiles the templates) and warm.
The figure is the site's work beyond the PDFs, `site` minus `render --all -f pdf`,
against the issue's yardstick of 1 s.
"""

from __future__ import annotations

import datetime as dt
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


def best(function, runs: int = 3) -> float:
    return min(timed(function) for _ in range(runs))


def main() -> None:
    torctl = [sys.executable, "-m", "torctl", "--bodies", str(BODIES)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def run(*args: str) -> None:
            subprocess.run([*torctl, *args], check=True, capture_output=True)

        site_pdf = best(lambda: run("site", "-o", str(out / "site"), "--as-of", AS_OF))
        site_no_pdf = best(lambda: run("site", "-o", str(out / "site-no-pdf"), "--as-of", AS_OF, "--no-pdf"))
        pdfs = best(lambda: run("render", "--all", "-f", "pdf", "-o", str(out / "pdf")))
        files = sum(1 for p in (out / "site").rglob("*") if p.is_file())

        from torctl.data.load import load_tree
        from torctl.render import Templates
        from torctl.render.site import build_site, write_site

        tree = load_tree(BODIES)
        day = dt.date.fromisoformat(AS_OF)

        def core(templates: Templates | None = None) -> None:
            site = build_site(tree, templates or Templates.find(None, BODIES), day, pdf=False)
            write_site(site, out / "core")

        cold = timed(core)
        warm_templates = Templates.find(None, BODIES)
        core(warm_templates)
        warm = best(lambda: core(warm_templates), 5)

    beyond = site_pdf - pdfs
    print(f"torctl site -o site/ (8 bodies, {files} files), whole process: {site_pdf:.3f} s")
    print(f"torctl site --no-pdf, whole process:                  {site_no_pdf:.3f} s")
    print(f"torctl render --all -f pdf (the PDFs alone):          {pdfs:.3f} s")
    print(f"core without PDFs (build_site + write_site):           {cold:.3f} s cold, {warm:.3f} s warm")
    print(
        f"work beyond the PDFs: {beyond:.3f} s (site - render --all -f pdf); yardstick {YARDSTICK:.1f} s; "
        f"ratio {beyond / YARDSTICK:.2f} of the yardstick"
    )


if __name__ == "__main__":
    main()
