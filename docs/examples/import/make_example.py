"""Build example-partnership-tor.docx from example-partnership-tor.md: real Word headings, bullets and a table.

Run from the repository root: python docs/examples/import/make_example.py
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent


def build(source: Path, target: Path) -> None:
    document = Document()
    table = None
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("A made-up ToR"):
            table = None if not line.strip().startswith("|") else table
            continue
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            document.add_heading(heading[2], level=len(heading[1]) - 1)
        elif line.startswith("| ---"):
            continue
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            for cell, value in zip(table.add_row().cells, cells, strict=True):
                cell.text = value
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.core_properties.title = "Solihull Exploitation and Missing Subgroup - Terms of Reference"
    document.save(target)


if __name__ == "__main__":
    build(HERE / "example-partnership-tor.md", HERE / "example-partnership-tor.docx")
