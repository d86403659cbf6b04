"""Timings for editing and diffing ToRs: one edit on the bundled bodies and on 1,000 bodies, and diffs.

Run: .venv/bin/python benchmarks/bench_edit.py [--copies N]

Copies of the eight bundled bodies are made under new ids (N copies each, 125 by
default: 1,000 bodies) to see how the checks before a write, and a diff of the
whole directory, grow with the size of a partnership's repository.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"


def timed(label: str, func, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(f"{label:<58} best {best * 1000:8.1f} ms   median {statistics.median(runs) * 1000:8.1f} ms")
    return best


def make_copies(target: Path, copies: int) -> None:
    shutil.copy(BODIES / "agencies.yaml", target / "agencies.yaml")
    for path in sorted(BODIES.glob("*.yaml")):
        if path.name == "agencies.yaml":
            continue
        text = path.read_text()
        (target / path.name).write_text(text)
        for n in range(1, copies):
            body_id = f"{path.stem}-{n}"
            (target / f"{body_id}.yaml").write_text(text.replace(f"id: {path.stem}\n", f"id: {body_id}\n", 1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=125)
    args = parser.parse_args()

    from torctl.change.diff import diff_paths
    from torctl.change.engine import apply_edit
    from torctl.change.ops import apply_ops, delete
    from torctl.change.operations import member_remove
    from torctl.data.load import load_tree

    text = (BODIES / "sefton-improvement-board.yaml").read_text()
    timed("round trip of one file (ruamel load + 1 op + dump)", lambda: apply_ops(text, [delete(("members", 3))]))

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small"
        shutil.copytree(BODIES, small)
        tree = load_tree(small)
        plan = member_remove(tree.body("solihull-sscp-executive"), "police-chief-inspector")
        timed(
            "edit, checked, dry run (8 bodies)",
            lambda: apply_edit(tree, "solihull-sscp-executive", plan.ops, summary="x", dry_run=True),
        )
        timed("diff of the 8 bodies with themselves", lambda: diff_paths(BODIES, small))

        big = Path(tmp) / "big"
        big.mkdir()
        make_copies(big, args.copies)
        start = time.perf_counter()
        tree = load_tree(big)
        print(f"{'load ' + str(len(tree.bodies)) + ' bodies':<58} once {(time.perf_counter() - start) * 1000:8.1f} ms")
        timed(
            f"edit, checked, dry run ({len(tree.bodies)} bodies)",
            lambda: apply_edit(tree, "solihull-sscp-executive", plan.ops, summary="x", dry_run=True),
            repeat=3,
        )

        changed = Path(tmp) / "changed"
        shutil.copytree(big, changed)
        for path in sorted(changed.glob("solihull-rdg*.yaml")):  # one body in eight: quorum lowered
            path.write_text(path.read_text().replace("  count: 3\n", "  count: 2\n"))
        result = diff_paths(big, changed)
        print(f"  ({len(result.bodies)} bodies changed, {sum(1 for b in result.bodies if b.weakening)} weakening)")
        timed(
            f"diff of {len(tree.bodies)} bodies, {len(result.bodies)} changed",
            lambda: diff_paths(big, changed),
            repeat=3,
        )


if __name__ == "__main__":
    main()
