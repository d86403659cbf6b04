"""`torctl import moderngov`: meeting records from ModernGov's web service, from saved responses and a local server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from torctl import __version__
from torctl.meetings.moderngov import html_to_text, read_time

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "moderngov"
BODY = "example-council-committee"


@pytest.fixture
def examples(examples: Path) -> Path:
    """The example bodies without the typed records of the meetings the saved responses describe (9 February and
    9 March 2027): an import never replaces a record without --force, which its own test covers."""
    for date in ("2027-02-09", "2027-03-09"):
        (examples / "attendance" / BODY / f"{date}.yaml").unlink()
    return examples


def _import(cli, root: Path, *args: str):
    return cli("--bodies", str(root), "import", "moderngov", "--body", BODY, *args)


def test_a_saved_response_becomes_a_record_that_validates(cli, examples):
    result = _import(cli, examples, "--meeting", str(DATA / "getmeeting-4711.xml"))
    assert result.exit_code == 0, result.stderr
    written = examples / "attendance" / BODY / "2027-02-09.yaml"
    assert result.stdout.strip() == f"wrote {written}"
    record = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert record["present"] == ["Cllr Ann Archer", "Cllr Ben Baker", "Cllr Cara Cole", "Cllr Finn Ford"]
    assert record["remote"] == ["Cllr Eve Evans"]
    assert record["substitutes"] == [{"name": "Councillor Ivy Ingram", "for": "member-4"}]
    assert record["apologies"] == ["Cllr Dev Doshi", "Cllr Gita Gill"]
    assert record["observers"] == ["Jo Jones (Legal Adviser)"]
    assert record["start"] == "18:35" and record["place"] == "The Council Chamber, Town Hall"
    assert record["not_recorded"] == ["votes", "declarations", "attendance-times"]
    assert "ModernGov records Councillor Hal Hughes (member-8) as absent" in record["notes"]
    decisions = [i.get("decision") for i in record["items"]]
    assert decisions[0] is None
    assert decisions[1] == {
        "text": "RESOLVED: that the premises licence be granted subject to the conditions in the report & the hours "
        "agreed at the hearing.",
        "by": "not-recorded",
    }
    assert record["items"][1]["title"] == "Premises licence, The Fish & Chip Shop, 3 Mill Lane"
    assert decisions[2]["text"] == "RESOLVED: that the fees in Appendix A be approved."  # the script is text, dropped
    assert cli("validate", str(examples)).exit_code == 0
    audit = cli("--bodies", str(examples), "meeting", "check", "--all", BODY, "--from", "2027-02-01", "-f", "json")
    answers = [d["answer"] for d in json.loads(audit.stdout)["meetings"][0]["decisions"]]
    assert answers == ["cannot-tell", "cannot-tell"]


def test_unknown_values_and_unmatched_people_are_findings_kept_in_the_notes(cli, examples):
    result = _import(cli, examples, "--meeting", str(DATA / "getmeeting.xml"), "--format", "json")
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["records"]
    assert entry["written"] is True
    codes = [(f["code"], f["message"].split(": ", 1)[1]) for f in entry["findings"]]
    assert codes[0] == (
        "G002",
        "Councillor Finn Ford: attendance value 'Present (part of meeting)' is not one torctl maps",
    )
    assert codes[1][0] == "G001" and "closest: member-8 (Committee member, Cllr Hal Hughes)" in codes[1][1]
    assert codes[2][0] == "G001" and codes[2][1].startswith("Councillor Zed Zane: no member")
    record = entry["record"]
    assert sum("not placed" in n for n in record["notes"]) == 3
    assert record["present"] == ["Cllr Ann Archer", "Cllr Ben Baker", "Cllr Cara Cole"]  # Mrs and Councillor aside
    assert "start: the scheduled time; ModernGov gives no actual start time" in record["notes"]
    assert record["start"] == "19:00" and record["place"] == "Committee Room 1, Town Hall & Annexe"
    assert record["items"][0]["title"] == "Street trading: R&B Foods' consent"
    assert record["items"][0]["decision"]["text"] == (
        "RESOLVED:\nThat consent be granted for 12 months.\nThat fees be £250."
    )
    assert "decision" not in record["items"][2]
    assert "item 6 is marked as a decision, but ModernGov gives no decision text" in record["notes"]
    assert cli("validate", str(examples)).exit_code == 0


def test_dry_run_prints_and_writes_nothing(cli, examples):
    result = _import(cli, examples, "--meeting", str(DATA / "getmeeting-4711.xml"), "--dry-run")
    assert (
        result.exit_code == 0
        and "(not written: --dry-run)" in result.stdout
        and "body: example-council" in result.stdout
    )
    assert not (examples / "attendance" / BODY / "2027-02-09.yaml").exists()


def test_an_existing_record_is_replaced_only_with_force(cli, examples):
    target = examples / "attendance" / BODY / "2027-02-09.yaml"
    target.write_text("body: example-council-committee\ndate: 2027-02-09\n", encoding="utf-8")
    refused = _import(cli, examples, "--meeting", str(DATA / "getmeeting-4711.xml"))
    assert refused.exit_code == 2 and "exists already; nothing written; give --force" in refused.stderr
    assert target.read_text(encoding="utf-8").count("\n") == 2
    assert _import(cli, examples, "--meeting", str(DATA / "getmeeting-4711.xml"), "--force").exit_code == 0
    assert "ModernGov" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "truncated.xml:17:2: truncated XML (no element found)"),
        ("login.html", "an HTML page, not ModernGov's XML"),
        ("not-xml.json", "not-xml.json:1:1: not XML"),
        ("entities.xml", "refused: the XML declares DTDForbidden"),
        ("other-committee.xml", "ModernGov gives 'Planning Committee' (committee 320), which does not name"),
        ("getmeetings.xml", "2 <meeting> elements: not a ModernGov GetMeeting response"),
    ],
)
def test_bad_responses_are_one_message_exit_two_and_nothing_written(cli, examples, name, message):
    result = _import(cli, examples, "--meeting", str(DATA / name))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in (examples / "attendance" / BODY).iterdir()) == ["2027-01-12.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --meeting FILE|URL (one meeting) or --committee ID"),
        (["--meeting", "nowhere.xml"], "--meeting: no file at 'nowhere.xml'"),
        (["--meeting", "x.xml", "--from", "2027-01-01"], "go with --committee"),
        (["--committee", "312", "--from", "2027-01-01", "--to", "2027-12-31"], "give --base-url URL"),
        (["--committee", "312", "--base-url", "https://x.example"], "needs --from DATE and --to DATE"),
        (["--committee", "312", "--base-url", "ftp://x", "--from", "2027-01-01", "--to", "2027-02-01"], "not a web"),
        (
            ["--committee", "0", "--base-url", "http://x.example", "--from", "2027-01-01", "--to", "2027-02-01"],
            "committee 0 means",
        ),
    ],
)
def test_bad_usage_is_exit_two(cli, examples, args, message):
    result = _import(cli, examples, *args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_times_and_html_are_read_safely():
    assert [read_time(t, "meetingtime", "x") for t in ("10.00 am", "6.30pm", "18:30", "12 pm", "19:05:00", "")] == [
        read_time("10:00", "t", "x"),
        read_time("18:30", "t", "x"),
        read_time("18:30", "t", "x"),
        read_time("12:00", "t", "x"),
        read_time("19:05", "t", "x"),
        None,
    ]
    assert html_to_text("<p>A&amp;amp;B</p><style>p{}</style><script>x()</script><ul><li>one</li></ul>") == "A&B\none"


# ---------------------------------------------------------------- fetching, from a server on localhost


class _Site:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes]] = {}
        self.requests: list[tuple[str, str]] = []


@pytest.fixture
def site() -> Iterator[tuple[_Site, str]]:
    state = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            status, body = state.pages.get(self.path, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LIST = "/mgWebService.asmx/GetMeetings?lCommitteeId=312&sFromDate=01%2F01%2F2027&sToDate=31%2F03%2F2027"


def test_a_committee_is_fetched_with_uk_dates_and_a_polite_user_agent(cli, examples, site):
    state, base = site
    state.pages[LIST] = (200, (DATA / "getmeetings.xml").read_bytes())
    state.pages["/mgWebService.asmx/GetMeeting?lMeetingId=4711"] = (200, (DATA / "getmeeting-4711.xml").read_bytes())
    state.pages["/mgWebService.asmx/GetMeeting?lMeetingId=5002"] = (200, (DATA / "getmeeting.xml").read_bytes())
    result = _import(
        cli, examples, "--committee", "312", "--from", "2027-01-01", "--to", "31/03/2027", "--base-url", base
    )
    assert result.exit_code == 1, result.stderr  # the second meeting has findings
    assert [p for p, _ in state.requests] == [
        LIST,
        "/mgWebService.asmx/GetMeeting?lMeetingId=4711",
        "/mgWebService.asmx/GetMeeting?lMeetingId=5002",
    ]
    assert all(agent.startswith(f"torctl/{__version__} (+https://") for _, agent in state.requests)
    written = sorted(p.name for p in (examples / "attendance" / BODY).iterdir())
    assert written == ["2027-01-12.yaml", "2027-02-09.yaml", "2027-03-09.yaml"]
    assert f"{base}/mgWebService.asmx/GetMeeting?lMeetingId=4711" in (
        examples / "attendance" / BODY / "2027-02-09.yaml"
    ).read_text(encoding="utf-8")


def test_every_committee_keeps_the_bodys_meetings(cli, examples, site):
    state, base = site
    everything = LIST.replace("lCommitteeId=312", "lCommitteeId=-1")
    state.pages[everything] = (200, (DATA / "getmeetings-all.xml").read_bytes())
    state.pages["/mgWebService.asmx/GetMeeting?lMeetingId=4711"] = (200, (DATA / "getmeeting-4711.xml").read_bytes())
    result = _import(
        cli,
        examples,
        "--committee",
        "-1",
        "--from",
        "2027-01-01",
        "--to",
        "2027-03-31",
        "--base-url",
        base,
        "--dry-run",
    )
    assert result.exit_code == 0, result.stderr
    assert "left out 1 meeting(s) of other committees: Planning Committee" in result.stderr
    assert [p for p, _ in state.requests] == [everything, "/mgWebService.asmx/GetMeeting?lMeetingId=4711"]


def test_a_committee_of_another_body_is_refused_before_any_meeting_is_fetched(cli, examples, site):
    state, base = site
    state.pages[LIST.replace("312", "320")] = (200, (DATA / "getmeetings-all.xml").read_bytes())
    result = _import(
        cli, examples, "--committee", "320", "--from", "2027-01-01", "--to", "2027-03-31", "--base-url", base
    )
    assert result.exit_code == 2 and "is 'Planning Committee' to ModernGov, which does not name" in result.stderr
    assert len(state.requests) == 1


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (403, b"Forbidden", "refused the request (403 Forbidden)"),
        (404, b"", "not found (404)"),
        (500, b"oops", "answered 500"),
        (200, (DATA / "login.html").read_bytes(), "an HTML page"),
    ],
)
def test_a_service_that_refuses_is_one_clear_error(cli, examples, site, status, body, message):
    state, base = site
    state.pages["/mgWebService.asmx/GetMeeting?lMeetingId=4711"] = (status, body)
    result = _import(cli, examples, "--meeting", f"{base}/mgWebService.asmx/GetMeeting?lMeetingId=4711")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert sorted(p.name for p in (examples / "attendance" / BODY).iterdir()) == ["2027-01-12.yaml"]


def test_an_unreachable_site_is_one_clear_error(cli, examples):
    result = _import(cli, examples, "--meeting", "http://127.0.0.1:9/mgWebService.asmx/GetMeeting?lMeetingId=1")
    assert result.exit_code == 2 and "cannot reach the site" in result.stderr
