"""`torctl handbook`: every ToR in one document, with contents, the governance map and review status."""

from __future__ import annotations

import datetime as dt

import pytest
from render_support import parse_html, text_of_pdf

from torctl.render.handbook import build_handbook, review_status


@pytest.fixture(scope="module")
def handbook_pdf(tmp_path_factory):
    from conftest import BODIES

    from torctl.cli import main

    out = tmp_path_factory.mktemp("handbook") / "handbook.pdf"
    assert main(["--bodies", str(BODIES), "handbook", "--output", str(out), "--as-of", "2024-06-01"]) == 0
    return out.read_bytes()


def test_pdf_has_contents_map_review_status_and_every_body(tree, handbook_pdf):
    text = text_of_pdf(handbook_pdf)
    assert text.startswith("TERMS OF REFERENCE HANDBOOK Partnership handbook")
    assert "Contents" in text and "Governance map" in text and "Review status" in text
    assert "Map 3: Solihull Safeguarding Children Partnership (SSCP)" in text
    assert "Status at Saturday 1 June 2024" in text
    for body in tree.bodies.values():
        assert body.name in text
    # each body's pages carry its own footer
    assert "LSCP · Version not stated · Review date not stated Page" in text


def test_review_status_words_only_with_a_date(tree):
    plain = build_handbook(tree, "H")
    assert {r.status for r in plain.reviews} == {None}
    dated = {r.body_id: r.status for r in build_handbook(tree, "H", dt.date(2024, 3, 31)).reviews}
    assert dated["solihull-sscp-executive"] == "due soon"  # due March 2024: not overdue until April
    assert dated["solihull-strategic-quartet"] == "ok"
    assert dated["solihull-lscp"] == "unknown"
    assert review_status(tree.bodies["solihull-sscp-executive"], dt.date(2024, 4, 1)) == "overdue"


def test_html_handbook(cli, tmp_path):
    out = tmp_path / "handbook.html"
    result = cli("handbook", "-o", str(out), "--title", "Solihull & friends")
    assert result.exit_code == 0
    markup = out.read_text()
    text, tags = parse_html(markup)
    assert "Solihull & friends" in text
    assert tags.count("svg") == 5 and tags.count("section") == 10 and "nav" in tags
    assert 'href="#solihull-lscp"' in markup and 'id="solihull-lscp"' in markup
    assert '<th scope="col">Status</th>' not in markup  # no status column without --as-of


def test_handbook_is_deterministic(cli, tmp_path):
    for name in ("a.pdf", "b.pdf"):
        assert cli("handbook", "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_handbook_needs_a_known_format(cli, tmp_path):
    result = cli("handbook", "-o", str(tmp_path / "handbook.docx"))
    assert result.exit_code == 2
    assert "name it .pdf, .html or .typ" in result.stderr
    assert cli("handbook", "-o", str(tmp_path / "h.out"), "--format", "typ").exit_code == 0
    assert (tmp_path / "h.out").read_text().startswith("#set document(date: none)")


def test_handbook_bad_date(cli, tmp_path):
    result = cli("handbook", "-o", str(tmp_path / "h.pdf"), "--as-of", "June")
    assert result.exit_code == 2 and "--as-of: cannot read 'June' as a date" in result.stderr
