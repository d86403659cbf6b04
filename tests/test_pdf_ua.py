"""Every PDF torctl writes declares PDF/UA-1 and passes the structural check of tests/pdf_checks.py.

The PDFs come from the commands a user runs: `render --all -f pdf` (the eight ToRs, the same documents `site`
publishes), `handbook`, `agenda -f pdf` and `meeting check -f pdf` (a validity note). The check reads each
file's objects with pypdf; its docstring says what it covers and what only a full PDF/UA checker would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BODIES, BODY_IDS, ROOT
from pdf_checks import check_pdf

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
COUNCIL_RECORD = EXAMPLES / "attendance" / "example-council-committee" / "2027-01-12.yaml"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every kind of PDF torctl writes, by a name for the report."""
    from torctl.cli import main

    out = tmp_path_factory.mktemp("pdfs")
    assert main(["--bodies", str(BODIES), "render", "--all", "-f", "pdf", "-o", f"{out}/tor/"]) == 0
    assert main(["--bodies", str(BODIES), "handbook", "-o", str(out / "handbook.pdf"), "--as-of", "2026-12-04"]) == 0
    agenda = ["agenda", "solihull-lscp", "-d", "2026-12-10", "-f", "pdf", "-o", str(out / "agenda.pdf")]
    assert main(["--bodies", str(BODIES), *agenda]) == 0
    assert (
        main(
            [
                "--bodies",
                str(EXAMPLES),
                "meeting",
                "check",
                str(COUNCIL_RECORD),
                "-f",
                "pdf",
                "-o",
                str(out / "validity.pdf"),
            ]
        )
        == 1
    )
    found = {f"tor/{p.name}": p.read_bytes() for p in sorted((out / "tor").glob("*.pdf"))}
    found |= {name: (out / name).read_bytes() for name in ("handbook.pdf", "agenda.pdf", "validity.pdf")}
    return found


def test_every_kind_of_pdf_is_checked(pdfs: dict[str, bytes]) -> None:
    assert {f"tor/{b}.pdf" for b in BODY_IDS} | {"handbook.pdf", "agenda.pdf", "validity.pdf"} == set(pdfs)


@pytest.mark.parametrize(
    "name", [*(f"tor/{b}.pdf" for b in sorted(BODY_IDS)), "handbook.pdf", "agenda.pdf", "validity.pdf"]
)
def test_pdf_is_pdf_ua_by_structure(pdfs: dict[str, bytes], name: str) -> None:
    found = check_pdf(pdfs[name])
    assert not found.problems, (name, found.problems)
    assert found.lang == "en-GB"
    assert found.headings and found.headings[0][0] == 1


def test_titles_and_headings(pdfs: dict[str, bytes]) -> None:
    tor = check_pdf(pdfs["tor/plymouth-improvement-board.pdf"])
    assert tor.title == "Plymouth Children's Services Improvement Board (Plymouth Improvement Board)"
    assert tor.headings[0] == (1, tor.title)  # the title is the one H1; every section is an H2 under it
    assert [level for level, _ in tor.headings].count(1) == 1
    assert (2, "1. Purpose") in tor.headings or any(level == 2 and "Purpose" in text for level, text in tor.headings)
    assert tor.tables >= 2 and tor.header_cells >= 10
    handbook = check_pdf(pdfs["handbook.pdf"])
    assert handbook.title == "Partnership handbook"
    assert handbook.figures >= 1  # the governance maps, each with its description as alternative text
    assert "Validity note" in (check_pdf(pdfs["validity.pdf"]).title or "")
    assert "agenda" in (check_pdf(pdfs["agenda.pdf"]).title or "")


def test_the_check_catches_a_pdf_that_is_not_pdf_ua() -> None:
    """Typst without PDF/UA-1, an untagged PDF, and headings that skip a level: each fails by name."""
    import typst

    source = b'#set document(title: "T")\n#set text(lang: "en")\n= One\n=== Three\n#figure(rect(), caption: [c])\n'
    plain = check_pdf(typst.compile(source, pdf_tags=False))
    assert {name for name, ok in plain.checks().items() if not ok} >= {"pdfuaid", "DisplayDocTitle", "tagged"}
    tagged = check_pdf(typst.compile(source))
    failed = {name for name, ok in tagged.checks().items() if not ok}
    assert {"pdfuaid", "headings", "figures"} <= failed, tagged.problems


def test_typst_refuses_a_pdf_ua_document_without_a_title(tmp_path: Path) -> None:
    """PDF/UA-1 needs a title: a template that sets none fails with a usage error, never a PDF without one."""
    from torctl.errors import UsageError
    from torctl.render.pdf import compile_pdf

    with pytest.raises(UsageError, match="Typst could not typeset the test document"):
        compile_pdf('#set text(lang: "en")\nHello', "the test document")
