"""`torctl render`: ToR documents of the real bodies, golden files, PDF text, determinism, output safety.

Golden files live in tests/goldens/. After a deliberate change to the wording or
the templates, regenerate them and review the diff:

    TORCTL_UPDATE_GOLDENS=1 .venv/bin/pytest tests/test_render_documents.py tests/test_agenda.py tests/test_map.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BODIES
from render_support import normalise, parse_html, text_of_pdf

from torctl.render import Templates, render_tor
from torctl.render.document import tor_document

GOLDENS = Path(__file__).resolve().parent / "goldens"
BODY_IDS = sorted(p.stem for p in BODIES.glob("*.yaml") if p.name != "agencies.yaml")


def check_golden(name: str, actual: bytes) -> None:
    """Compare with tests/goldens/NAME, or rewrite it under TORCTL_UPDATE_GOLDENS=1."""
    path = GOLDENS / name
    if os.environ.get("TORCTL_UPDATE_GOLDENS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.exists(), f"no golden file {path}; run with TORCTL_UPDATE_GOLDENS=1 to create it"
    assert actual.decode("utf-8") == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def templates():
    return Templates.find(None, BODIES)


@pytest.mark.parametrize("fmt", ["md", "html", "typ"])
@pytest.mark.parametrize("body_id", BODY_IDS)
def test_golden(tree, templates, body_id, fmt):
    check_golden(f"{body_id}.{fmt}", render_tor(templates, tree, tree.bodies[body_id], fmt))


@pytest.fixture(scope="module")
def pdf_texts(tree, templates):
    return {b: text_of_pdf(render_tor(templates, tree, tree.bodies[b], "pdf")) for b in BODY_IDS}


@pytest.mark.parametrize("body_id", BODY_IDS)
def test_pdf_says_quorum_review_and_every_member(tree, pdf_texts, body_id):
    body = tree.bodies[body_id]
    doc = tor_document(body, tree.agencies, tree.bodies)
    text = pdf_texts[body_id]
    squashed = text.replace(" ", "")
    assert normalise(doc.quorum).replace(" ", "") in squashed
    assert doc.review_due in text
    assert doc.footer in text  # the footer, with body, version and review date
    for member in body.members:
        assert normalise(member.role).replace(" ", "") in squashed, member.role
        if member.holder:
            assert member.holder in text


def test_pdf_footer_on_every_page(tree, templates):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_tor(templates, tree, tree.bodies["plymouth-improvement-board"], "pdf")))
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, start=1):
        text = normalise(page.extract_text())
        assert "Plymouth Improvement Board · Version 3 · Review date not stated" in text
        assert f"Page {number} of {len(reader.pages)}" in text


def test_pdf_says_what_is_not_known(pdf_texts):
    plymouth = pdf_texts["plymouth-improvement-board"]
    assert "to be appointed" in plymouth
    assert "There is no quorum." in plymouth
    assert "Not known: the date of the last review is not recorded." in plymouth
    assert "Vacant (the terms of reference say: Deputy Chair - To be decided)." in pdf_texts["solihull-rdg"]
    assert "The order of turns and the current chair are not recorded." in pdf_texts["solihull-sscp-executive"]


def test_lscp_voting_and_agencies(tree):
    doc = tor_document(tree.bodies["solihull-lscp"], tree.agencies, tree.bodies)
    assert (
        doc.voting
        == "Where a vote is needed, each statutory partner has one vote, whatever the number of its representatives."
    )
    votes = {m.id: m.vote for m in doc.members}
    assert votes["dcs"] == "shares the SMBC vote"
    assert votes["lead-member"] == "no"
    assert any(
        a.label == "BSol CCG"
        and a.note
        == (
            "replaced by BSol ICB from 1 July 2022 under the Health and Care Act 2022; "
            "where these terms name BSol CCG, BSol ICB's people count for it"
        )
        for a in doc.agencies
    )


def test_html_is_self_contained_and_accessible(tree, templates):
    markup = render_tor(templates, tree, tree.bodies["solihull-sscp-executive"], "html").decode()
    assert markup.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<style>" in markup and "@media print" in markup
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in markup
    text, tags = parse_html(markup)
    assert tags.count("h1") == 1 and "h2" in tags and "th" in tags and "caption" in tags
    assert 'scope="col"' in markup and 'scope="row"' in markup
    assert "SSCP Exec · As at September 2023 · Review due March 2024" in text


def test_same_input_same_bytes(tree, templates):
    body = tree.bodies["solihull-lscp"]
    for fmt in ("pdf", "html", "md"):
        assert render_tor(templates, tree, body, fmt) == render_tor(Templates.find(None, BODIES), tree, body, fmt)


# ------------------------------------------------------------------ the command


def test_render_all_formats(cli, tmp_path):
    out = tmp_path / "published"
    result = cli("render", "--all", "-f", "pdf", "-f", "html", "-f", "md", "--output", f"{out}/")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted(f"{b}.{ext}" for b in BODY_IDS for ext in ("pdf", "html", "md"))
    assert result.stdout.splitlines()[0] == str(out / "plymouth-improvement-board.pdf")
    assert (out / "solihull-arg.pdf").read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".torctl-written"]  # no temporary files left


def test_render_to_stdout(cli):
    result = cli("render", "solihull-rdg", "--format", "md", "--output", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Response and Delivery Group (RDG)\n")


def test_render_stdout_takes_one_document(cli):
    result = cli("render", "--all", "-f", "md", "-o", "-")
    assert result.exit_code == 2
    assert "prints one document" in result.stderr


def test_render_needs_bodies_or_all(cli):
    assert "give --all" in cli("render").stderr
    assert cli("render", "solihull-arg", "--all").exit_code == 2


def test_render_unknown_body(cli, tmp_path):
    result = cli("render", "solihull-lscpp", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "did you mean 'solihull-lscp'" in result.stderr


def test_render_refuses_invalid_data(cli, scratch, tmp_path):
    path = scratch / "solihull-arg.yaml"
    path.write_text(path.read_text().replace("rule: at-least", "rule: at-most"))
    result = cli("--bodies", str(scratch), "render", "--all", "-f", "md", "-o", f"{tmp_path / 'out'}/")
    assert result.exit_code == 2
    assert "run `torctl validate`" in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_refuses_to_write_outside_its_directory(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("keep me")
    (out / "solihull-arg.md").symlink_to(outside)
    result = cli("render", "solihull-arg", "-f", "md", "-o", str(out))
    assert result.exit_code == 2
    assert "outside the output directory" in result.stderr
    assert outside.read_text() == "keep me"


def test_output_path_refuses_names_that_climb_out(tmp_path):
    from torctl.errors import UsageError
    from torctl.render import output_path

    assert output_path(tmp_path, "a.md") == tmp_path / "a.md"
    for name in ("../a.md", "sub/a.md", "/etc/a.md"):
        with pytest.raises(UsageError, match="outside the output directory"):
            output_path(tmp_path, name)


def test_output_that_is_neither_a_directory_nor_a_file_of_the_format_is_refused(cli, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = cli("render", "solihull-arg", "-f", "md", "-o", str(target))
    assert (
        result.exit_code == 2
        and f"--output {target} has no extension: write --output {target}/ for a directory" in result.stderr
    )
    assert target.read_text() == "x"


def test_help_stays_fast_without_jinja_or_typst():
    import subprocess
    import sys

    code = "import sys; from torctl.cli import main; main(['--help']); print(sorted(m for m in ('jinja2', 'typst', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_recorded_rotation_and_dissolution_are_published(scratch):
    from torctl.data.load import load_tree

    path = scratch / "solihull-sscp-executive.yaml"
    text = path.read_text().replace(
        "    # order, current holder and start are not recorded in the ToR\n",
        "    order: [dcs, icb-dsp, police-dsp]\n    current: icb-dsp\n    since: 2023-09\n",
    )
    text = (
        text.replace("status: not-stated", "status: dissolved", 1)
        + "dissolution:\n  condition: Replaced.\n  dissolved_on: 2025-01\n"
    )
    path.write_text(text)
    tree = load_tree(scratch)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    doc = tor_document(tree.bodies["solihull-sscp-executive"], tree.agencies, tree.bodies)
    assert doc.chair.endswith(
        "The Deputy Chief Executive/Chief Nursing Officer (DSP) has chaired since September 2023."
    )
    assert "not recorded" not in doc.chair
    assert doc.status_note == "This body has been dissolved (January 2025)."
    assert [f.text for f in doc.dissolution] == ["Replaced.", "January 2025."]
