"""Issue 15, item 8: the defects a reader of the published documents saw, through the CLI."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from torctl.render.governance import BOLD_CHARS_PER_LINE, merge_what


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from torctl.cli import main

    out = tmp_path_factory.mktemp("published")
    assert (
        main(
            [
                "--bodies",
                "bodies",
                "render",
                "solihull-lscp",
                "solihull-sscp-executive",
                "plymouth-improvement-board",
                "-f",
                "pdf",
                "-f",
                "html",
                "-o",
                f"{out}/",
            ]
        )
        == 0
    )
    assert main(["--bodies", "bodies", "handbook", "-o", str(out / "handbook.html")]) == 0
    assert main(["--bodies", "bodies", "map", "-f", "svg", "-o", str(out / "map.svg")]) == 0
    return out


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_handbook_review_page_has_no_cli_instruction(published):
    html = (published / "handbook.html").read_text()
    assert "--as-of" not in html and "Build with" not in html
    assert "this edition gives no review status, as it was not prepared for a given date" in html


def test_handbook_reporting_line_is_not_repeated(published):
    html = (published / "handbook.html").read_text()
    row = next(
        r for r in html.split("<tr>") if 'href="#solihull-elrag">ELRAG' in r and 'href="#solihull-lscp">LSCP' in r
    )
    assert row.lower().count("schools report to the lscp via elrag") == 1


def test_merge_what_keeps_each_thing_said_once():
    parts = merge_what([], "Development and delivery of actions and outcomes")
    assert merge_what(parts, "Development and delivery of actions and outcomes (a continuous flow of information)") == [
        "Development and delivery of actions and outcomes (a continuous flow of information)"
    ]
    assert merge_what(["A; b"], "B") == ["A; b"]
    assert merge_what(["Annual report"], "Scrutiny findings") == ["Annual report", "Scrutiny findings"]


def test_next_review_is_a_date_under_its_label(published):
    text = pdf_text(published / "solihull-sscp-executive.pdf")
    assert re.search(r"Next review\s*March 2024", text)
    assert "Next review Review due" not in text.replace("\n", " ")
    assert "<dt>Next review</dt>\n<dd>March 2024</dd>" in (published / "solihull-sscp-executive.html").read_text()


def test_vote_column_does_not_wrap(published):
    lines = pdf_text(published / "solihull-lscp.pdf").splitlines()
    assert any(line.rstrip().endswith("shares the BSol CCG vote") for line in lines), [
        line for line in lines if "shares" in line
    ]


def test_via_column_only_where_a_line_has_one(published):
    assert '<th scope="col">Via</th>' not in (published / "solihull-lscp.html").read_text()
    assert '<th scope="col">Via</th>' in (published / "plymouth-improvement-board.html").read_text()


def test_pdf_reads_cleanly_in_poppler(published):
    pdf = published / "solihull-sscp-executive.pdf"
    assert b"/Suspects" not in pdf.read_bytes()
    assert bool(PdfReader(io.BytesIO(pdf.read_bytes())).trailer["/Root"]["/MarkInfo"]["/Marked"])  # still tagged
    if shutil.which("pdfinfo"):  # poppler itself, where installed
        run = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 0 and "Syntax Error" not in run.stderr, run.stderr


def test_svg_bold_titles_fit_their_boxes(published):
    svg = (published / "map.svg").read_text()
    bold = re.findall(r'<tspan [^>]*font-weight="bold"[^>]*>([^<]*)</tspan>', svg)
    assert bold and "Plymouth Improvement" in bold
    assert max(len(t) for t in bold) <= BOLD_CHARS_PER_LINE
