"""iCalendar export: valid RFC 5545 (parsed back with icalendar), stable UIDs, deterministic bytes."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from torctl.calendar.ics import to_ics, uid
from torctl.calendar.schedule import build_schedule

D = dt.date


@pytest.fixture
def schedule(tree):
    return build_schedule(
        tree.bodies["solihull-sscp-executive"], start=D(2026, 11, 23), until=D(2027, 11, 22), first=D(2027, 1, 5)
    )


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def check_rfc5545(data: bytes) -> Calendar:
    """What RFC 5545 requires of a calendar file, checked on the parsed-back calendar and on the raw lines."""
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded at 75 octets
    uids = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end > start
        uids.append(str(event["UID"]))
    assert len(uids) == len(set(uids))
    return calendar


def test_one_event_per_meeting_and_per_dated_deadline(schedule):
    data = to_ics([schedule], name="SSCP Exec", stamp=D(2026, 11, 23))
    check_rfc5545(data)
    found = events(data)
    assert len(found) == 6 * 3  # six meetings, each with papers and minutes
    meeting, papers, minutes = found[:3]
    assert str(meeting["SUMMARY"]) == "SSCP Exec meeting"
    assert meeting.decoded("DTSTART") == D(2027, 1, 5) and meeting.decoded("DTEND") == D(2027, 1, 6)
    assert "Chair: unknown: rotation order not recorded" in str(meeting["DESCRIPTION"])
    assert "Papers due: Thursday 24 December 2026 (at least 5 working days before the meeting; working days)" in str(
        meeting["DESCRIPTION"]
    )
    assert str(papers["SUMMARY"]) == "SSCP Exec: papers due (Tuesday 5 January 2027 meeting)"
    assert papers.decoded("DTSTART") == D(2026, 12, 24)
    assert str(papers["TRANSP"]) == "TRANSPARENT"
    assert str(papers["RELATED-TO"]) == str(meeting["UID"]) == "solihull-sscp-executive/2027-01-05/meeting@torctl"
    assert "(calendar period)" in str(minutes["DESCRIPTION"]) and minutes.decoded("DTSTART") == D(2027, 1, 19)


def test_same_input_same_bytes_and_stamp_from_the_data(schedule, tree):
    first = to_ics([schedule], name="x", stamp=D(2026, 11, 23))
    again = to_ics(
        [
            build_schedule(
                tree.bodies["solihull-sscp-executive"],
                start=D(2026, 11, 23),
                until=D(2027, 11, 22),
                first=D(2027, 1, 5),
            )
        ],
        name="x",
        stamp=D(2026, 11, 23),
    )
    assert first == again
    assert all(e.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC) for e in events(first))


def test_a_shifted_meeting_keeps_its_uid(tree):
    body = tree.bodies["solihull-sscp-executive"]
    kwargs = dict(start=D(2026, 12, 1), count=1, first=D(2026, 12, 25), anchor_by="date")
    flagged = events(to_ics([build_schedule(body, **kwargs)], name="x", stamp=D(2026, 12, 1)))[0]
    moved = events(to_ics([build_schedule(body, shift="next", **kwargs)], name="x", stamp=D(2026, 12, 1)))[0]
    assert flagged["UID"] == moved["UID"] == uid(body.id, D(2026, 12, 25), "meeting")
    assert (flagged.decoded("DTSTART"), moved.decoded("DTSTART")) == (D(2026, 12, 25), D(2026, 12, 29))
    assert "is not a working day (Christmas Day), moved to Tuesday 29 December 2026" in str(moved["DESCRIPTION"])


def test_timed_meetings_carry_their_timezone(schedule):
    from zoneinfo import ZoneInfo

    data = to_ics([schedule], name="x", stamp=D(2026, 11, 23), time=(dt.time(10), dt.time(12, 30)))
    calendar = check_rfc5545(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    meeting = events(data)[0]
    assert meeting.decoded("DTSTART") == dt.datetime(2027, 1, 5, 10, tzinfo=ZoneInfo("Europe/London"))
    summer = next(e for e in events(data) if str(e["UID"]).endswith("2027-07-06/meeting@torctl"))
    assert summer.decoded("DTEND").utcoffset() == dt.timedelta(hours=1)  # BST
    assert events(data)[1].decoded("DTSTART") == D(2026, 12, 24)  # deadlines stay all-day


def test_combined_calendar_and_undated_deadlines(tree):
    quartet = build_schedule(
        tree.bodies["solihull-strategic-quartet"], start=D(2027, 1, 1), count=2, first=D(2027, 1, 5)
    )
    plymouth = build_schedule(
        tree.bodies["plymouth-improvement-board"], start=D(2027, 1, 1), count=2, first=D(2027, 1, 5)
    )
    data = to_ics([plymouth, quartet], name="all", stamp=D(2027, 1, 1))
    check_rfc5545(data)
    summaries = [str(e["SUMMARY"]) for e in events(data)]
    # The Quartet's papers have no figure: no deadline event, but the meeting says so.
    assert summaries.count("Quartet meeting") == 2 and not any("Quartet:" in s for s in summaries)
    assert sum("substitute notice due" in s for s in summaries) == 2
    quartet_meeting = next(e for e in events(data) if str(e["SUMMARY"]) == "Quartet meeting")
    description = str(quartet_meeting["DESCRIPTION"])
    assert "Papers due: no date (the ToR gives no figure)" in description
    assert "Standing items: Partnership Improvement Updates (presented by a health or police DSP)" in description
    plymouth_meeting = events(data)[0]
    assert str(plymouth_meeting["LOCATION"]) == "Plymouth Council House"


# ---------------------------------------------------------------- the direct writer against icalendar's


TRICKY = [
    "Plain",
    "Commas, semicolons; a back\\slash, a literal \\N and\nlines\r\nof\rtext",
    "Ünïcödé wörds — “quoted” — " * 4,
    "x" * 73 + "\\," + "y" * 80,  # an escape that falls on the fold
    "x" * 72 + "^" + "z" * 10,
    "€" * 30 + "\\;" + "é" * 40 + "\\n",
    "a" * 74,
    "a" * 200,
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_the_direct_writer_writes_what_icalendar_writes(tree, text):
    """All-day calendars are written without icalendar; its bytes are the reference, and it parses every result."""
    from torctl.calendar.ics import _with_icalendar

    body = tree.bodies["solihull-sscp-executive"]
    body = body.model_copy(
        update={
            "name": f"Body {text}",
            "short_name": text[:90],
            "meetings": body.meetings.model_copy(update={"venue": text}),
        }
    )
    schedules = [
        build_schedule(body, start=D(2026, 11, 23), until=D(2027, 11, 22), first=D(2027, 1, 5)),
        build_schedule(
            tree.bodies["plymouth-improvement-board"], start=D(2026, 11, 23), until=D(2027, 3, 1), first=D(2026, 12, 1)
        ),
    ]
    for name in ("all bodies", text):
        direct = to_ics(schedules, name=name, stamp=D(2026, 11, 23))
        if (
            "\n" in name or "\r" in name
        ):  # icalendar cannot write a line break in NAME (an assertion); torctl escapes it
            with pytest.raises(AssertionError):
                _with_icalendar(schedules, name=name, stamp=D(2026, 11, 23))
        else:
            assert direct == _with_icalendar(schedules, name=name, stamp=D(2026, 11, 23))
        calendar = check_rfc5545(direct)
        assert str(events(direct)[0]["LOCATION"]) == text.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
        assert "X-WR-CALNAME" in calendar
