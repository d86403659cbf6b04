"""Build a bodies directory of N ToR files from the real bodies, for benchmarks.

The real bodies refer to each other (reporting lines, standing items from other
bodies, cross-body presenters), so copies are made in groups: each group renames
all eight bodies consistently, references included, and validates cleanly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"


def make_corpus(target: Path, count: int = 1000) -> Path:
    """The registry, the real bodies, then renamed groups of copies up to `count` body files."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(BODIES / "agencies.yaml", target / "agencies.yaml")
    originals = sorted(p for p in BODIES.glob("*.yaml") if p.name != "agencies.yaml")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in originals}
    ids = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, texts)) + r")(?![\w-])")
    written = 0
    group = 0
    while written < count:
        for stem, text in texts.items():
            if written >= count:
                break
            suffix = "" if group == 0 else f"-g{group:03d}"
            renamed = ids.sub(lambda m, suffix=suffix: m.group(1) + suffix, text) if suffix else text
            (target / f"{stem}{suffix}.yaml").write_text(renamed, encoding="utf-8")
            written += 1
        group += 1
    return target
