"""torctl reads back its own Word files: `render -f docx` and `minutes -f docx` through `import --dry-run`.

The import must find every heading the render wrote as the start of a section, read one body named as the
document's title (not one per sentence that mentions 'the terms of reference', nor one per field that names the
source document), keep the ToR's purpose in its own words, and find every post of the membership table and no
row of another table (the membership classes) as a post.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml
from conftest import BODIES, ROOT

from torctl.data.load import load_tree

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
RECORD = EXAMPLES / "attendance" / "example-council-committee" / "2027-02-09.yaml"


def headings(path: Path) -> list[str]:
    """The headings a Word file has, by their styles."""
    return [p.text.strip() for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


def imported(cli, bodies: Path, path: Path) -> tuple[dict, dict]:
    """The import's JSON report and its draft body, both from `import --dry-run`."""
    report = cli("--bodies", str(bodies), "import", str(path), "--dry-run", "--format", "json")
    assert report.exit_code == 0, report.stderr
    draft = cli("--bodies", str(bodies), "import", str(path), "--dry-run")
    assert draft.exit_code == 0, draft.stderr
    return json.loads(report.stdout), yaml.safe_load(draft.stdout)


@pytest.mark.parametrize(
    ("bodies", "body_id"),
    [(BODIES, "solihull-sscp-executive"), (BODIES, "sefton-improvement-board"), (EXAMPLES, "example-partnership")],
)
def test_a_rendered_tor_reads_back(cli, tmp_path: Path, bodies: Path, body_id: str):
    body = load_tree(bodies).bodies[body_id]
    path = tmp_path / f"{body_id}.docx"
    assert cli("--bodies", str(bodies), "render", body_id, "-f", "docx", "-o", str(path)).exit_code == 0
    report, draft = imported(cli, bodies, path)

    assert report["not_imported"] == [] and len(report["bodies"]) == 1
    found = {s["heading"] for s in report["bodies"][0]["sections"]}
    written = headings(path)
    assert len(written) >= 9 and [h for h in written if h not in found] == []
    assert draft["name"].startswith(body.name)

    # the purpose first, in its own words (the import reads a 'Responsibilities' section into purpose too)
    assert draft["purpose"][: len(body.purposes)] == body.purposes
    roles = [m["role"] for m in draft["members"]]
    assert {m.role for m in body.members} <= set(roles)
    assert not set(body.membership_classes) & set(roles)  # no row of the classes table taken for a post


def test_rendered_minutes_read_back_with_their_headings(cli, tmp_path: Path):
    path = tmp_path / "minutes.docx"
    assert cli("--bodies", str(EXAMPLES), "minutes", str(RECORD), "-f", "docx", "-o", str(path)).exit_code == 0
    report, _ = imported(cli, EXAMPLES, path)
    assert report["not_imported"] == [] and len(report["bodies"]) == 1
    found = {s["heading"] for s in report["bodies"][0]["sections"]}
    written = headings(path)
    assert "Declarations of interest" in written and [h for h in written if h not in found] == []
