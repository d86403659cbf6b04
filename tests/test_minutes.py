"""`torctl minutes`: the draft minutes of a meeting from its record, in every format, and what it refuses.

Goldens in tests/goldens/minutes/ (regenerate with TORCTL_UPDATE_GOLDENS=1 and review the diff); the
Word document is checked for its structure (heading styles, header rows, title, language), as
`torctl import` and Word's accessibility checker read it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from render_support import text_of_pdf
from test_render_documents import check_golden

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
RECORDS = ROOT / "docs" / "examples" / "records"
COUNCIL = EXAMPLES / "attendance" / "example-council-committee"
FEBRUARY = COUNCIL / "2027-02-09.yaml"
SCHOOL = EXAMPLES / "attendance" / "example-school-governing-body" / "2027-01-20.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def minutes(cli, *args: str, bodies: Path = EXAMPLES):
    return cli("--bodies", str(bodies), "minutes", *args)


@pytest.mark.parametrize("fmt", ["md", "html", "typ"])
@pytest.mark.parametrize("record", [FEBRUARY, SCHOOL], ids=["council", "school"])
def test_golden(cli, record, fmt):
    result = minutes(cli, str(record), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    check_golden(f"minutes/{record.parent.name}-{record.stem}.{fmt}", result.stdout.encode("utf-8"))


def test_the_minutes_say_what_the_record_holds_and_the_check_rules(cli):
    text = minutes(cli, str(FEBRUARY)).stdout
    assert "- **Place:** Committee Room 2, Town Hall" in text
    assert (
        "| Cllr Eve Evans | Committee member | Attended remotely: does not count toward quorum and may not vote. |"
        in text
    )
    assert "- Licensing Manager" in text  # in attendance, as the record names them
    assert "Cllr Gita Gill (Committee member)" in text.split("## Apologies")[1].split("##")[0]
    assert "Stayed in the room, held a dispensation, voted for." in text
    assert "- For: Cllr Ann Archer (Chair of the Licensing Committee); Cllr Ben Baker" in text
    assert "- The chair's casting vote: for." in text
    # The validity note is meeting check's verdict, on the item meeting check finds not validly taken, and only there.
    check = cli("--bodies", str(EXAMPLES), "meeting", "check", str(FEBRUARY), "-f", "json")
    import json

    invalid = [i["number"] for i in json.loads(check.stdout)["items"] if i["valid"] is False]
    assert invalid == ["3"]
    assert text.count("**Validity note.**") == 1
    assert "**Validity note.**" in text.split("## 3\\. Taxi")[1].split("## 4")[0]
    assert "Casting vote used, item 3\\. Taxi licensing fees 2027/28." in text
    assert "| Report the consultation responses to the committee<br>Action 2027-02-02 |" in text
    assert "The next meeting is on Tuesday 9 March 2027 (from the recorded pattern FREQ=MONTHLY;BYDAY=+2TU)." in text
    assert "These minutes are due by Tuesday 23 February 2027 (within 10 working days after the meeting)." in text


def test_nothing_is_filled_in_that_the_record_leaves_out(cli, tmp_path):
    record = tmp_path / "r.yaml"
    record.write_text(
        "body: example-council-committee\ndate: 2027-02-09\nsource: ModernGov GetMeeting (saved)\n"
        "not_recorded: [votes, declarations]\npresent: [chair, member-3, member-4]\n"
        "items:\n  - number: 1\n    title: Budget\n    decision: {text: Agreed., by: not-recorded}\n",
        encoding="utf-8",
    )
    text = minutes(cli, str(record)).stdout
    assert "- **Time:** Not recorded" in text and "- **Place:** Not recorded" in text
    assert "- **Source:** ModernGov GetMeeting (saved)" in text
    assert "> The source of this record does not record how each decision was voted on." in text
    assert "Not recorded by the source of this record." in text  # the declarations
    assert "How the decision was taken is not recorded." in text
    assert "No actions are recorded." in text and "No apologies are recorded." in text


def test_substitutes_are_minuted_for_whom_they_stood_in(cli):
    record = RECORDS / "attendance" / "solihull-sscp-executive" / "2024-03-19.yaml"
    text = minutes(cli, str(record), bodies=RECORDS).stdout
    assert "| Sam Patel | Substitute for Borough Commander (DSP) | In person |" in text
    assert "Not known: no meeting dates or pattern are recorded for this body." in text


def test_a_day_the_body_did_not_meet_is_refused_and_nothing_written(cli, tmp_path):
    record = tmp_path / "r.yaml"
    record.write_text("body: example-council-committee\ndate: 2027-02-10\npresent: [chair]\n", encoding="utf-8")
    out = tmp_path / "m.md"
    result = minutes(cli, str(record), "-o", str(out))
    assert result.exit_code == 2
    assert "had no meeting on 2027-02-10" in result.stderr and "special: true" in result.stderr
    assert not out.exists()
    record.write_text(record.read_text() + "special: true\n", encoding="utf-8")
    result = minutes(cli, str(record), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("# Example Borough Council Licensing Committee\n\n**Draft minutes of a special")
    assert cli("--bodies", str(EXAMPLES), "meeting", "check", str(record)).exit_code == 0  # the check accepts it


def test_an_existing_file_is_kept_without_force(cli, tmp_path):
    out = tmp_path / "m.html"
    out.write_text("mine", encoding="utf-8")
    result = minutes(cli, str(FEBRUARY), "-f", "html", "-o", str(out))
    assert result.exit_code == 2 and "exists; give --force" in result.stderr
    assert out.read_text() == "mine" and not list(tmp_path.glob(".m.html.*"))
    assert minutes(cli, str(FEBRUARY), "-f", "html", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert (
        minutes(cli, str(FEBRUARY), "-f", "html", "-o", f"{tmp_path}/")
        .stdout.strip()
        .endswith("example-council-committee-minutes-2027-02-09.html")
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("body: example-council-committee\ndate: 2027-02-09\npresent: [Cllr Nobody]\n", ":3:11: no member of"),
        ("body: example-council-committee\ndate: 2027-02-09\npresent: chair\n", "error: cannot read the meeting"),
        ("body: nobody\ndate: 2027-02-09\n", "nobody"),
    ],
)
def test_a_record_that_does_not_resolve_is_refused(cli, tmp_path, text, message):
    record = tmp_path / "r.yaml"
    record.write_text(text, encoding="utf-8")
    out = tmp_path / "m.md"
    result = minutes(cli, str(record), "-o", str(out))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_binary_formats_are_not_printed(cli):
    for fmt in ("pdf", "docx"):
        result = minutes(cli, str(FEBRUARY), "-f", fmt)
        assert result.exit_code == 2 and "is not printed" in result.stderr
    assert minutes(cli, str(FEBRUARY), "-f", "md", "-o", "m.pdf").exit_code == 2  # a .pdf name for Markdown


def test_pdf_is_tagged_and_says_the_same(cli, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "m.pdf"
    assert minutes(cli, str(FEBRUARY), "-f", "pdf", "-o", str(out)).exit_code == 0
    reader = PdfReader(out)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == "Licensing Committee: minutes, Tuesday 9 February 2027"
    text = text_of_pdf(out.read_bytes())
    assert "Validity note." in text and "Taxi licensing fees 2027/28" in text


def _docx_parts(data: bytes) -> tuple[object, zipfile.ZipFile]:
    import docx

    return docx.Document(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(data))


def _structure(data: bytes) -> tuple[list[tuple[str, str]], list[list[str]], dict[str, str]]:
    """The outline (style, text) of a .docx, each table's header row, and its title and language, read back."""
    document, package = _docx_parts(data)
    outline = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    from xml.etree import ElementTree

    body = ElementTree.fromstring(package.read("word/document.xml"))
    tables = list(body.iter(f"{W}tbl"))
    assert len(tables) == len(document.tables)
    for table in tables:  # each table's first row repeats as its header on every page
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None, "header row not marked to repeat"
    headers = []
    for table in document.tables:
        first = table.rows[0]
        assert all(run.bold for cell in first.cells for p in cell.paragraphs for run in p.runs)
        headers.append([cell.text for cell in first.cells])
    styles = package.read("word/styles.xml").decode()
    assert '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="en-GB"/>' in styles
    assert b"<pic:" not in package.read("word/document.xml")  # no images, so none without alternative text
    props = document.core_properties
    return outline, headers, {"title": props.title, "language": props.language}


def test_docx_minutes_have_headings_header_rows_title_and_language(cli, tmp_path):
    out = tmp_path / "m.docx"
    assert minutes(cli, str(FEBRUARY), "-f", "docx", "-o", str(out)).exit_code == 0
    outline, headers, props = _structure(out.read_bytes())
    assert outline[0] == ("Title", "Example Borough Council Licensing Committee")
    assert [text for style, text in outline if style == "Heading 1"] == [
        "Present",
        "In attendance",
        "Apologies",
        "Declarations of interest",
        "1. Minutes of the meeting of 12 January 2027",
        "2. Premises licence, The Crown, 4 Market Place",
        "3. Taxi licensing fees 2027/28",
        "4. Enforcement update",
        "Decisions of the chair",
        "Actions agreed",
        "Next meeting and these minutes",
        "Assumed where the terms of reference are silent",
    ][: len([s for s, _ in outline if s == "Heading 1"])]
    assert headers == [
        ["Name", "Post", "Attended"],
        ["Member", "Item", "Interest", "What they did"],
        ["Action", "Owner", "Due", "Item", "Status"],
    ]
    assert props == {"title": "Licensing Committee: minutes, Tuesday 9 February 2027", "language": "en-GB"}
    again = tmp_path / "again.docx"
    assert minutes(cli, str(FEBRUARY), "-f", "docx", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()  # the same bytes for the same record


def test_docx_tor_has_the_sections_of_the_markdown(cli, tmp_path):
    assert cli("render", "solihull-sscp-executive", "-f", "docx", "-f", "md", "-o", f"{tmp_path}/").exit_code == 0
    outline, headers, props = _structure((tmp_path / "solihull-sscp-executive.docx").read_bytes())
    markdown = (tmp_path / "solihull-sscp-executive.md").read_text(encoding="utf-8")
    sections = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert [text for style, text in outline if style == "Heading 1"] == [s.replace("\\", "") for s in sections]
    subheadings = [line[4:] for line in markdown.splitlines() if line.startswith("### ")]
    assert [text for style, text in outline if style == "Heading 2"] == subheadings
    assert headers[0] == ["Post", "Holder", "Agency", "Class", "Vote"]
    assert props == {"title": "SSCP Executive Group (SSCP Exec): terms of reference", "language": "en-GB"}
    document, _ = _docx_parts((tmp_path / "solihull-sscp-executive.docx").read_bytes())
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def test_minutes_and_actions_never_write_over_a_body_without_force(cli, examples):
    """Issue 30's rule for every output command: not over a body, record or registry without --force."""
    body = examples / "example-partnership.yaml"
    before = body.read_bytes()
    record = examples / "attendance" / "example-council-committee" / "2027-03-09.yaml"
    actions = cli("--bodies", str(examples), "actions", "-f", "ics", "-o", str(body), "--as-of", "2027-03-10")
    minutes = cli("--bodies", str(examples), "minutes", str(record), "-o", str(body))
    assert actions.exit_code == 2 and "bodies directory" in actions.stderr
    assert minutes.exit_code == 2 and "exists" in minutes.stderr
    assert body.read_bytes() == before
