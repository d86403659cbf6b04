"""Word (.docx) versions of plain-text ToRs, built by code, for the import tests and benchmarks/bench_import.py.

The text is read line by line into an outline (torctl's own text reader: headings,
numbered clauses, bullets, tab-separated rows), then written with python-docx as a
Word author would: headings in Heading styles, simple numbered clauses in Word's own
automatic numbering ("List Number"), bullets in "List Bullet", other clause numbers
("1.1", "(a)") kept in the text, and each run of rows as one real table. No binary
file is committed: the fixtures are made afresh from the seed texts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document

from torctl.ingest.textlines import parse_text

_SIMPLE = re.compile(r"^\d{1,2}\.$")


def docx_bytes(text: str, *, title: str | None = None) -> bytes:
    document = Document()
    if title:
        document.add_heading(title, level=0)
    rows: list[tuple[str, ...]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for index, value in enumerate(row):
                cells[index].text = value
        rows.clear()

    for block in parse_text(text):
        if block.kind == "row":
            rows.append(block.cells)
            continue
        flush()
        if block.kind == "heading":
            document.add_heading(block.text, level=min(max(block.level, 1), 3))
        elif block.kind == "item" and block.number == "":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "item" and block.number and _SIMPLE.match(block.number):
            document.add_paragraph(block.text, style="List Number")
        else:
            document.add_paragraph(block.words)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_docx(text_file: Path, target: Path) -> Path:
    target.write_bytes(docx_bytes(text_file.read_text(encoding="utf-8")))
    return target
