"""`torctl agenda`: standing items and presenters, items from other bodies, added items, timings, deadlines."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from render_support import parse_html, text_of_pdf
from test_render_documents import check_golden

from torctl.errors import UsageError
from torctl.cli.agenda_items import load_items, parse_item, parse_time
from torctl.render.agenda import build_agenda


def agenda_for(tree, body_id, day, **options):
    return build_agenda(tree.bodies[body_id], tree.agencies, tree.bodies, day, **options)


def test_quartet_updates_presented_by_a_health_or_police_dsp(tree):
    agenda = agenda_for(tree, "solihull-strategic-quartet", dt.date(2024, 7, 9))
    item = next(i for i in agenda.items if i.title == "Partnership Improvement Updates")
    assert item.kind == "standing"
    assert item.presenter == (
        "a health or police DSP: Deputy Chief Executive/Chief Nursing Officer (DSP) or Borough Commander (DSP), "
        "members of the SSCP Executive Group"
    )
    assert agenda.chair == "Chief Executive"
    assert [d.text for d in agenda.deadlines] == ["Before the meeting (no figure given)"]


def test_lscp_receives_the_arg_highlight_report(tree):
    agenda = agenda_for(tree, "solihull-lscp", dt.date(2024, 7, 9))
    item = next(i for i in agenda.items if i.kind == "from-body")
    assert item.title == "ARG highlight report"
    assert item.source == item.presenter == "Assurance and Review Group (ARG)"
    assert agenda.chair == "Independent Scrutineer (Chair)"


def test_order_and_timings(tree):
    agenda = agenda_for(
        tree,
        "solihull-strategic-quartet",
        dt.date(2024, 7, 9),
        added=[parse_item("Budget:Chief Executive:20"), parse_item("Risks")],
        start=parse_time("14:00"),
    )
    assert [(i.number, i.start, i.title, i.minutes) for i in agenda.items] == [
        (1, "14:00", "Minutes of the previous meeting", 10),  # "ensure notes and actions are taken at each meeting"
        (2, "14:10", "Partnership Improvement Updates", 15),
        (3, "14:25", "Budget", 20),
        (4, "14:45", "Risks", 15),
    ]
    assert (agenda.start, agenda.end, agenda.total_minutes) == ("14:00", "15:00", 60)
    assert agenda.apologies is None  # the Quartet's ToR says nothing of a member who cannot attend


def test_papers_deadline_in_working_days_across_christmas(tree):
    agenda = agenda_for(tree, "solihull-sscp-executive", dt.date(2027, 1, 5))
    papers = next(d for d in agenda.deadlines if d.kind == "papers")
    assert papers.date == "2026-12-24"
    assert papers.text == "Thursday 24 December 2026 (at least 5 working days before the meeting)"
    minutes = next(d for d in agenda.deadlines if d.kind == "minutes")
    assert minutes.date == "2027-01-19"


def test_rotating_chair_not_recorded_says_so(tree):
    agenda = agenda_for(tree, "solihull-sscp-executive", dt.date(2024, 7, 9))
    assert agenda.chair == "Not known (rotation order not recorded)"
    assert agenda.chair_post is None


def test_plymouth_venue_virtual_and_substitute_notice(tree):
    agenda = agenda_for(tree, "plymouth-improvement-board", dt.date(2024, 7, 9))
    assert agenda.venue == "Plymouth Council House"
    assert agenda.virtual == "Virtual attendance is available"
    assert [d.kind for d in agenda.deadlines] == ["papers", "substitute-notice", "minutes"]
    assert agenda.deadlines[1].date == "2024-07-05"


def test_non_working_day_and_term_time_are_flagged(tree):
    assert agenda_for(tree, "solihull-lscp", dt.date(2024, 12, 25)).warnings == [
        "Wednesday 25 December 2024 is not a working day (Christmas Day)."
    ]
    assert "term time only" in agenda_for(tree, "solihull-elrag", dt.date(2024, 7, 9)).warnings[0]


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("Budget", ("Budget", None, None)),
        ("Budget:DCS", ("Budget", "DCS", None)),
        ("Budget:DCS:20", ("Budget", "DCS", 20)),
        ("Budget::20", ("Budget", None, 20)),
        (r"Item 3\: finance:DCS", ("Item 3: finance", "DCS", None)),
    ],
)
def test_parse_item(spec, expected):
    item = parse_item(spec)
    assert (item.title, item.presenter, item.minutes) == expected


@pytest.mark.parametrize("spec", ["", ":DCS", "a:b:c:d", "a:b:ten", "a:b:0", "a:b:601"])
def test_parse_item_refuses(spec):
    with pytest.raises(UsageError):
        parse_item(spec)


def test_items_from_a_text_file(tmp_path):
    path = tmp_path / "items.txt"
    path.write_text("# next month\nBudget:DCS:20\n\nRisks\n\\#1 priority\n")
    assert [(i.title, i.presenter, i.minutes) for i in load_items(path)] == [
        ("Budget", "DCS", 20),
        ("Risks", None, None),
        ("#1 priority", None, None),
    ]
    path.write_text("ok\nbad:x:y\n")
    with pytest.raises(UsageError, match=r"items.txt:2"):
        load_items(path)


def test_items_from_a_yaml_file(tmp_path):
    path = tmp_path / "items.yaml"
    path.write_text("items:\n  - title: Budget\n    presenter: DCS\n    minutes: 20\n  - title: Risks\n")
    assert [i.title for i in load_items(path)] == ["Budget", "Risks"]
    path.write_text("items:\n  - title: Budget\n    minutes: lots\n")
    with pytest.raises(UsageError, match=r"items.yaml:3:\d+"):
        load_items(path)


def test_parse_time():
    assert parse_time("9:05") == dt.time(9, 5)
    with pytest.raises(UsageError):
        parse_time("25:00")


# ------------------------------------------------------------------ the command


def test_agenda_markdown_golden(cli):
    result = cli(
        "agenda",
        "solihull-strategic-quartet",
        "--date",
        "2024-07-09",
        "--start",
        "10:00",
        "--item",
        "Ofsted monitoring visit:Director of Children's Services:20",
    )
    assert result.exit_code == 0, result.stderr
    check_golden("agenda/solihull-strategic-quartet-2024-07-09.md", result.stdout.encode())


def test_agenda_json(cli):
    result = cli("agenda", "solihull-lscp", "--date", "2024-07-09", "--format", "json")
    data = json.loads(result.stdout)
    assert data["body_id"] == "solihull-lscp" and data["date"] == "2024-07-09"
    assert [i["kind"] for i in data["items"]] == ["from-body"]  # the LSCP's ToR gives no other item


def test_agenda_html_and_pdf_files(cli, tmp_path):
    for fmt in ("html", "pdf"):
        result = cli("agenda", "solihull-sscp-executive", "-d", "2027-01-05", "-f", fmt, "-o", str(tmp_path))
        assert result.exit_code == 0, result.stderr
    html = (tmp_path / "solihull-sscp-executive-agenda-2027-01-05.html").read_text()
    text, tags = parse_html(html)
    assert "Thursday 24 December 2026" in text and "th" in tags
    pdf = text_of_pdf((tmp_path / "solihull-sscp-executive-agenda-2027-01-05.pdf").read_bytes())
    assert "Thursday 24 December 2026 (at least 5 working days before the meeting)" in pdf
    assert "Not known (rotation order not recorded)" in pdf


def test_agenda_items_file_and_warning(cli, tmp_path):
    items = tmp_path / "items.txt"
    items.write_text("Christmas cheer:Chair:5\n")
    result = cli("agenda", "solihull-lscp", "-d", "2024-12-25", "--items", str(items))
    assert result.exit_code == 0
    assert "Christmas cheer" in result.stdout
    assert "note: Wednesday 25 December 2024 is not a working day (Christmas Day)." in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["agenda", "solihull-lscp"], "Missing option '--date'"),
        (["agenda", "solihull-lscp", "--date", "9 July"], "--date: cannot read '9 July' as a date"),
        (["agenda", "solihull-lscp", "--date", "2024-07-09", "--start", "2pm"], "expected a time like"),
        (["agenda", "solihull-lscp", "--date", "2024-07-09", "--items", "nowhere.txt"], "no such file"),
        (["agenda", "solihull-lscp", "--date", "2024-07-09", "--item", "a:b:c:d"], "expected TITLE"),
    ],
)
def test_agenda_usage_errors(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_agenda_for_a_dissolved_body(cli, scratch):
    path = scratch / "solihull-rdg.yaml"
    path.write_text(path.read_text().replace("status: not-stated", "status: dissolved"))
    result = cli("--bodies", str(scratch), "agenda", "solihull-rdg", "--date", "2024-07-09")
    assert result.exit_code == 2
    assert "solihull-rdg has been dissolved" in result.stderr
