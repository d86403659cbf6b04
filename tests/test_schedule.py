"""Meeting dates from cadences, patterns and agreed dates; flags and shifts; deadlines, chairs and standing items."""

from __future__ import annotations

import datetime as dt

import pytest

from torctl.calendar.patterns import pattern_needs_anchor
from torctl.calendar.schedule import build_schedule
from torctl.calendar.terms import BodyCalendars
from torctl.errors import UsageError
from torctl.model import Body, Chair, Period, Rotation

D = dt.date


def with_meetings(body: Body, **changes) -> Body:
    return body.model_copy(update={"meetings": body.meetings.model_copy(update=changes)})


def with_cadence(body: Body, **changes) -> Body:
    cadence = body.meetings.cadence
    assert cadence is not None
    return with_meetings(body, cadence=cadence.model_copy(update=changes))


def dates(schedule) -> list[dt.date]:
    return [m.date for m in schedule.meetings]


@pytest.fixture
def exec_group(tree) -> Body:
    return tree.bodies["solihull-sscp-executive"]


def test_bi_monthly_from_first_repeats_its_weekday(exec_group):
    schedule = build_schedule(exec_group, start=D(2026, 11, 23), until=D(2027, 11, 22), first=D(2027, 1, 5))
    assert dates(schedule) == [
        D(2027, 1, 5),
        D(2027, 3, 2),
        D(2027, 5, 4),
        D(2027, 7, 6),
        D(2027, 9, 7),
        D(2027, 11, 2),
    ]
    assert "the first Tuesday of every 2 months" in str(schedule.basis)
    first = schedule.meetings[0]
    papers, minutes = first.deadline("papers"), first.deadline("minutes")
    assert papers.date == D(2026, 12, 24) and papers.basis == "working-days"
    assert minutes.date == D(2027, 1, 19) and minutes.basis == "calendar"
    assert first.chair.text == "unknown: rotation order not recorded"


def test_fifth_weekday_anchor_means_the_last(exec_group):
    schedule = build_schedule(exec_group, start=D(2026, 1, 1), count=3, first=D(2026, 3, 31))  # the fifth Tuesday
    assert dates(schedule) == [D(2026, 3, 31), D(2026, 5, 26), D(2026, 7, 28)]
    assert "the last Tuesday" in str(schedule.basis)


def test_anchor_by_date_clamps_to_the_month_end(tree):
    monthly = tree.bodies["plymouth-improvement-board"]
    schedule = build_schedule(monthly, start=D(2027, 1, 1), count=4, first=D(2027, 1, 31), anchor_by="date")
    assert dates(schedule) == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30)]
    assert schedule.meetings[0].not_working == "Sunday"


def test_first_before_the_window_only_sets_the_rhythm(exec_group):
    schedule = build_schedule(exec_group, start=D(2027, 2, 1), count=2, first=D(2027, 1, 5))
    assert dates(schedule) == [D(2027, 3, 2), D(2027, 5, 4)]


def test_per_year_and_every_n_weeks(tree):
    lscp = tree.bodies["solihull-lscp"]  # three a year: every four months
    assert dates(build_schedule(lscp, start=D(2027, 1, 1), count=3, first=D(2027, 1, 12))) == [
        D(2027, 1, 12),
        D(2027, 5, 11),
        D(2027, 9, 14),
    ]
    five = with_cadence(lscp, times_per_year=5)
    with pytest.raises(UsageError, match="5 meetings a year do not fall a whole number of months apart"):
        build_schedule(five, start=D(2027, 1, 1), count=3, first=D(2027, 1, 12))
    weekly = with_meetings(
        lscp,
        cadence=lscp.meetings.cadence.model_copy(
            update={"frequency": "every-n-weeks", "times_per_year": None, "weeks": 6}
        ),
    )
    schedule = build_schedule(weekly, start=D(2027, 1, 1), count=3, first=D(2027, 1, 12))
    assert dates(schedule) == [D(2027, 1, 12), D(2027, 2, 23), D(2027, 4, 6)]
    assert "every 6 weeks on a Tuesday" in str(schedule.basis)


def test_no_day_recorded_needs_first(exec_group):
    with pytest.raises(UsageError) as caught:
        build_schedule(exec_group, start=D(2026, 11, 23), count=3, where="bodies/solihull-sscp-executive.yaml")
    message = caught.value.message
    assert "solihull-sscp-executive has no meeting days recorded" in message
    assert "Give `first` DATE" in message and "e.g. `first` 2026-11-24" in message  # the caller names `first`
    assert "bodies/solihull-sscp-executive.yaml" in message


def test_no_cadence_and_no_dates(exec_group):
    silent = with_meetings(exec_group, cadence=None)
    with pytest.raises(UsageError, match="gives no meeting cadence, so `first` cannot anchor one"):
        build_schedule(silent, start=D(2027, 1, 1), count=3, first=D(2027, 1, 5))
    with pytest.raises(UsageError, match="meets not stated but gives no day"):
        build_schedule(silent, start=D(2027, 1, 1), count=3)


def test_pattern_gives_the_days(exec_group):
    second_tuesday = with_meetings(exec_group, pattern="FREQ=MONTHLY;BYDAY=+2TU")
    assert dates(build_schedule(second_tuesday, start=D(2026, 11, 23), count=3)) == [
        D(2026, 12, 8),
        D(2027, 1, 12),
        D(2027, 2, 9),
    ]


def test_pattern_with_an_interval_needs_a_start(exec_group):
    every_other = with_meetings(exec_group, pattern="FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TU")
    with pytest.raises(UsageError, match="needs a start to fix its days; give `first` DATE"):
        build_schedule(every_other, start=D(2026, 11, 23), count=3)
    assert dates(build_schedule(every_other, start=D(2026, 11, 23), count=3, first=D(2027, 1, 5))) == [
        D(2027, 1, 5),
        D(2027, 3, 2),
        D(2027, 5, 4),
    ]
    anchored = with_meetings(
        exec_group, pattern="DTSTART:20270105\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TU\nEXDATE:20270302"
    )
    assert dates(build_schedule(anchored, start=D(2026, 11, 23), count=3)) == [
        D(2027, 1, 5),
        D(2027, 5, 4),
        D(2027, 7, 6),
    ]


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("FREQ=MONTHLY;BYDAY=+2TU", False),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU", False),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU", True),
        ("FREQ=MONTHLY", True),
        ("FREQ=MONTHLY;BYDAY=+2TU;COUNT=5", True),
        ("FREQ=YEARLY;BYDAY=+2TU", True),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=+2TU", False),
        ("DTSTART:20270105\nRRULE:FREQ=MONTHLY;INTERVAL=3", False),
    ],
)
def test_which_patterns_need_an_anchor(pattern, needs):
    assert pattern_needs_anchor(pattern) is needs


def test_bad_pattern_names_the_file(exec_group):
    broken = with_meetings(exec_group, pattern="FREQ=FORTNIGHTLY;BYDAY=TU")
    with pytest.raises(UsageError) as caught:
        build_schedule(broken, start=D(2027, 1, 1), count=2, where="bodies/solihull-sscp-executive.yaml")
    assert caught.value.message.startswith(
        "bodies/solihull-sscp-executive.yaml: meetings.pattern 'FREQ=FORTNIGHTLY;BYDAY=TU' is not a valid RRULE"
    )


def test_agreed_dates_join_the_pattern(exec_group):
    body = with_meetings(
        exec_group, pattern="FREQ=MONTHLY;BYDAY=+2TU", dates=[D(2027, 1, 12), D(2027, 1, 26), D(2026, 1, 1)]
    )
    assert dates(build_schedule(body, start=D(2027, 1, 1), until=D(2027, 2, 28))) == [
        D(2027, 1, 12),
        D(2027, 1, 26),
        D(2027, 2, 9),
    ]
    only_dates = with_meetings(exec_group, dates=[D(2027, 6, 1), D(2027, 3, 2)])
    schedule = build_schedule(only_dates, start=D(2027, 1, 1), until=D(2027, 12, 31))
    assert dates(schedule) == [D(2027, 3, 2), D(2027, 6, 1)]
    assert schedule.basis == "agreed dates (meetings.dates)"
    empty = build_schedule(only_dates, start=D(2028, 1, 1), until=D(2028, 12, 31))
    assert empty.meetings == [] and "no meetings in this period" in empty.notes[0]


def test_non_working_day_is_flagged_or_shifted(exec_group):
    christmas = dict(start=D(2026, 12, 1), count=1, first=D(2026, 12, 25), anchor_by="date")
    flagged = build_schedule(exec_group, **christmas).meetings[0]
    assert (flagged.date, flagged.not_working, flagged.shifted) == (D(2026, 12, 25), "Christmas Day", False)
    later = build_schedule(exec_group, shift="next", **christmas).meetings[0]
    assert (later.date, later.planned, later.shifted) == (D(2026, 12, 29), D(2026, 12, 25), True)
    assert later.deadline("papers").date == step_back(D(2026, 12, 29), 5)
    earlier = build_schedule(exec_group, shift="previous", **christmas).meetings[0]
    assert earlier.date == D(2026, 12, 24)


def step_back(day: dt.date, n: int) -> dt.date:
    from torctl.calendar.workdays import step_working_days

    return step_working_days(day, -n)


def test_local_closures_move_working_day_deadlines(exec_group):
    shutdown = {
        D(2026, 12, 29): "Christmas shutdown",
        D(2026, 12, 30): "Christmas shutdown",
        D(2026, 12, 31): "Christmas shutdown",
    }
    meeting = build_schedule(
        exec_group, start=D(2027, 1, 1), count=1, first=D(2027, 1, 5), calendars=BodyCalendars(closures=shutdown)
    ).meetings[0]
    assert meeting.deadline("papers").date == D(2026, 12, 21)  # 4 Jan, 24, 23, 22, 21 December


def test_rotating_chair_follows_the_recorded_order(exec_group):
    rotation = Rotation(
        among=["dcs", "icb-dsp", "police-dsp"],
        period=Period(months=12),
        order=["dcs", "icb-dsp", "police-dsp"],
        current="icb-dsp",
        since="2026-09",
    )
    body = exec_group.model_copy(update={"chair": Chair(mode="rotation", rotation=rotation)})
    schedule = build_schedule(body, start=D(2026, 9, 1), until=D(2029, 12, 31), first=D(2026, 9, 1), anchor_by="date")
    chairs = {m.date: m.chair.post for m in schedule.meetings}
    assert chairs[D(2026, 9, 1)] == "icb-dsp"
    assert chairs[D(2027, 7, 1)] == "icb-dsp"
    assert chairs[D(2027, 9, 1)] == "police-dsp"
    assert chairs[D(2028, 9, 1)] == "dcs"
    assert chairs[D(2029, 9, 1)] == "icb-dsp"
    assert schedule.meetings[0].chair.text == "Deputy Chief Executive/Chief Nursing Officer (DSP)"
    before = build_schedule(body, start=D(2026, 5, 1), count=1, first=D(2026, 5, 5)).meetings[0]
    assert before.chair.text.startswith("unknown: before the recorded turn starting September 2026")


def test_rotation_without_order_is_unknown_after_the_current_turn(exec_group):
    rotation = Rotation(
        among=["dcs", "icb-dsp", "police-dsp"], period=Period(months=12), current="dcs", since="2026-09"
    )
    body = exec_group.model_copy(update={"chair": Chair(mode="rotation", rotation=rotation)})
    schedule = build_schedule(body, start=D(2027, 5, 1), until=D(2027, 12, 31), first=D(2027, 5, 4))
    assert [m.chair.text for m in schedule.meetings][:3] == [
        "Director of Children's Services (DSP)",
        "Director of Children's Services (DSP)",
        "unknown: rotation order not recorded",
    ]


def test_standing_items_ride_on_every_meeting(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    meeting = build_schedule(quartet, start=D(2027, 1, 1), count=1, first=D(2027, 1, 5)).meetings[0]
    assert [i.title for i in meeting.standing_items] == ["Partnership Improvement Updates"]
    assert meeting.to_dict()["standing_items"][0]["presenter"] == "a health or police DSP"
    papers = meeting.deadline("papers")
    assert papers.date is None and papers.basis == "unspecified"


def test_unless_agreed_otherwise_is_noted(tree):
    sefton = tree.bodies["sefton-improvement-board"]
    schedule = build_schedule(sefton, start=D(2027, 1, 1), count=1, first=D(2027, 1, 5))
    assert any("agree another rhythm" in n for n in schedule.notes)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(), "give an end to the schedule"),
        (dict(until=D(2026, 12, 1)), "`until` 2026-12-01 is before the start 2027-01-01"),
        (dict(until=D(2060, 1, 1)), "at most 20 years"),
        (dict(count=0), "`count` must be between 1 and 1000, got 0"),
        (dict(count=1001), "`count` must be between 1 and 1000"),
        (dict(until=D(2027, 2, 1), first=D(2027, 3, 2)), "`first` 2027-03-02 is after the end of the schedule"),
    ],
)
def test_window_errors(exec_group, kwargs, message):
    kwargs.setdefault("first", D(2027, 1, 5))
    with pytest.raises(UsageError, match=message):
        build_schedule(exec_group, start=D(2027, 1, 1), **kwargs)


def test_to_dict_is_json_ready(exec_group):
    import json

    schedule = build_schedule(exec_group, start=D(2027, 1, 1), count=1, first=D(2027, 1, 5))
    data = json.loads(json.dumps(schedule.to_dict()))
    assert data["meetings"][0]["date"] == "2027-01-05"
    assert data["meetings"][0]["deadlines"][0] == {
        "kind": "papers",
        "date": "2026-12-24",
        "basis": "working-days",
        "bound": "at-least",
        "rule": "at least 5 working days before the meeting",
        "text": "The agenda and papers will be circulated at least five working days ahead of the meeting (6.2).",
    }
