"""Meetings on the public site and in the open data: per body its recorded meetings and next ones, when it last met,
and Popolo events, motions and vote events."""

from __future__ import annotations

import json
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
COMMITTEE = "example-council-committee"

# The properties Popolo's own schemas (popolo-project/popolo-spec, schemas/*.json) give each class used here.
POPOLO = {
    "events": {"id", "name", "classification", "start_date", "status", "organization_id", "attendees", "location"},
    "motions": {"id", "organization_id", "legislative_session_id", "text", "identifier", "result"},
    "vote_events": {"id", "organization_id", "legislative_session_id", "motion_id", "result", "counts"},
}


def _site(cli, bodies: Path, out: Path) -> Path:
    result = cli("--bodies", str(bodies), "site", "-o", str(out), "--as-of", "2027-03-20", "--no-pdf")
    assert result.exit_code == 0, result.stderr
    return out


def test_a_body_with_records_gets_a_meetings_page(cli, examples, tmp_path):
    site = _site(cli, examples, tmp_path / "site")
    page = (site / "bodies" / f"{COMMITTEE}-meetings.html").read_text(encoding="utf-8")
    assert "<h1>Example Borough Council Licensing Committee: meetings</h1>" in page
    assert "Last met: Tuesday 9 March 2027." in page
    assert '<th scope="row">Tuesday 13 April 2027</th>' in page  # the next meetings, from the pattern
    assert '<a href="example-council-committee.ics">' in page
    assert '<h3 id="meeting-2027-01-12">Tuesday 12 January 2027</h3>' in page
    assert (
        "Cllr Gita Gill (Committee member) (attended remotely: does not count toward quorum and may not vote)" in page
    )
    assert "Apologies: Cllr Hal Hughes (Committee member)." in page
    assert '<span class="answer-not-valid">NOT VALID.</span> Cllr Gita Gill (Committee member) voted on item 3' in page
    assert '<span class="answer-valid">Valid.</span>' in page
    body = (site / "bodies" / f"{COMMITTEE}.html").read_text(encoding="utf-8")
    assert f'href="{COMMITTEE}-meetings.html"' in body
    index = (site / "index.html").read_text(encoding="utf-8")
    assert (
        f'<li><a href="bodies/{COMMITTEE}-meetings.html">Example Borough Council Licensing Committee: meetings</a>. '
        "Last met: Tuesday 9 March 2027.</li>"
    ) in index


def test_an_imported_meeting_shows_cannot_tell_and_text_is_escaped(cli, examples, tmp_path):
    imported = cli(
        "--bodies",
        str(examples),
        "import",
        "moderngov",
        "--body",
        COMMITTEE,
        "--meeting",
        str(ROOT / "docs" / "examples" / "moderngov" / "getmeeting-2027-04-13.xml"),
        "--force",  # in place of the typed record of that meeting
    )
    assert imported.exit_code == 0, imported.stderr
    record = examples / "attendance" / COMMITTEE / "2027-02-09.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Appendix A", "Appendix <b>A</b>"), encoding="utf-8")
    site = _site(cli, examples, tmp_path / "site")
    page = (site / "bodies" / f"{COMMITTEE}-meetings.html").read_text(encoding="utf-8")
    assert page.index("meeting-2027-03-09") < page.index("meeting-2027-02-09") < page.index("meeting-2027-01-12")
    assert '<span class="answer-cannot-tell">Cannot tell.</span> The record does not say who declared' in page
    assert "Appendix &lt;b&gt;A&lt;/b&gt;" in page and "<b>A</b>" not in page


def test_the_minutes_hook_links_what_it_writes(cli, examples, tmp_path, monkeypatch):
    from torctl.render import site_meetings

    def minutes(files, folder, meeting, templates, tree):
        name = f"{meeting.body.id}-{meeting.record.date}-minutes.html"
        files[f"{folder}/{name}"] = b"<!DOCTYPE html><title>minutes</title>"
        return [site_meetings.PageLink("Minutes (HTML)", name)]

    monkeypatch.setattr(site_meetings, "minutes_pages", minutes)
    site = _site(cli, examples, tmp_path / "site")
    page = (site / "bodies" / f"{COMMITTEE}-meetings.html").read_text(encoding="utf-8")
    assert f'<a href="{COMMITTEE}-2027-01-12-minutes.html">Minutes (HTML)</a>' in page
    assert (site / "bodies" / f"{COMMITTEE}-2027-01-12-minutes.html").exists()


def test_bodies_with_no_records_and_no_dates_get_no_page_and_the_index_says_so(cli, tmp_path):
    site = tmp_path / "site"
    assert cli("site", "-o", str(site), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    assert not list((site / "bodies").glob("*-meetings.html"))
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<li>Assurance and Review Group. Last met: No meeting recorded.</li>" in index
    assert index.count("Last met: No meeting recorded.") == 8


def test_popolo_has_the_recorded_meetings_with_motions_and_vote_events(cli, examples, tmp_path):
    site = _site(cli, examples, tmp_path / "site")
    data = json.loads((site / "popolo.json").read_text(encoding="utf-8"))
    exported = json.loads(cli("--bodies", str(examples), "export", "-f", "popolo", "--as-of", "2027-01-25").stdout)
    assert exported["motions"] == data["motions"] and exported["vote_events"] == data["vote_events"]
    for collection, allowed in POPOLO.items():
        for item in data[collection]:
            assert set(item) - {"torctl"} <= allowed, (collection, set(item) - allowed)
    held = [e for e in data["events"] if e.get("status") == "held"]
    assert [e["id"] for e in held] == [
        f"{COMMITTEE}/2027-01-12/meeting",
        f"{COMMITTEE}/2027-02-09/meeting",
        f"{COMMITTEE}/2027-03-09/meeting",
        "example-partnership/2027-02-03/meeting",
        "example-partnership/2027-03-03/meeting",
        "example-school-governing-body/2027-01-20/meeting",
    ]
    ids = [e["id"] for e in data["events"]]
    assert len(ids) == len(set(ids))
    attendees = held[0]["attendees"]
    assert {"id": f"person:{COMMITTEE}/chair", "name": "Cllr Ann Archer"} in attendees
    assert {"name": "Legal Adviser"} in attendees
    persons = {p["id"] for p in data["persons"]}
    assert all(a["id"] in persons for a in attendees if "id" in a)
    motions = {m["id"]: m for m in data["motions"]}
    third = motions[f"{COMMITTEE}/2027-01-12/meeting/item-3"]
    assert third["result"] == "pass" and third["torctl"]["valid"] is False and third["torctl"]["answer"] == "not-valid"
    fourth = motions[f"{COMMITTEE}/2027-01-12/meeting/item-4"]
    assert fourth["result"] == "fail"
    tie = next(v for v in data["vote_events"] if v["motion_id"].endswith("2027-01-12/meeting/item-2"))
    assert tie["counts"] == [
        {"option": "yes", "value": 2},
        {"option": "no", "value": 2},
        {"option": "abstain", "value": 1},
    ]
    assert tie["result"] == "pass" and tie["torctl"]["casting"] == "for"
    for vote_event in data["vote_events"]:
        assert vote_event["motion_id"] in motions
        assert all(isinstance(c["option"], str) and isinstance(c["value"], int) for c in vote_event["counts"])
    consensus = [
        m for m in data["motions"] if m["id"].startswith("example-school-governing-body") and "result" not in m
    ]
    assert consensus  # agreed by consensus: a motion, no vote event, no result invented


def test_the_site_publishes_each_meetings_minutes_as_html_and_pdf(cli, examples, tmp_path):
    site = tmp_path / "site"
    result = cli("--bodies", str(examples), "site", "-o", str(site), "--as-of", "2027-03-20")
    assert result.exit_code == 0, result.stderr
    page = (site / "bodies" / f"{COMMITTEE}-meetings.html").read_text(encoding="utf-8")
    for fmt in ("html", "pdf"):
        name = f"{COMMITTEE}-2027-03-09-minutes.{fmt}"
        assert f'<a href="{name}">Minutes ({fmt.upper()})</a>' in page
        assert (site / "bodies" / name).read_bytes()
    minutes = (site / "bodies" / f"{COMMITTEE}-2027-03-09-minutes.html").read_text(encoding="utf-8")
    assert "Draft minutes" in minutes and "Review the street trading consent conditions" in minutes
