"""Term-time scheduling from a (fixture) term calendar, and validation of calendar files."""

from __future__ import annotations

import datetime as dt

import pytest
from calendar_fixtures import FIXTURE_CLOSURES, FIXTURE_TERMS, write_calendar

from torctl.calendar.schedule import build_schedule
from torctl.calendar.terms import calendars_for, template_path
from torctl.data.load import load_tree
from torctl.errors import UsageError

D = dt.date


def elrag_schedule(root, **kwargs):
    tree = load_tree(root)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    kwargs.setdefault("start", D(2026, 9, 1))
    return build_schedule(
        tree.bodies["solihull-elrag"],
        calendars=calendars_for(tree, "solihull-elrag"),
        terms_file_hint=template_path(tree, "solihull-elrag"),
        **kwargs,
    )


def test_meetings_in_term_are_kept_and_holidays_skipped(scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    # Fourth Tuesdays, every two months: half term, Christmas and summer holidays fall out.
    schedule = elrag_schedule(scratch, until=D(2027, 8, 31), first=D(2026, 10, 27))
    assert [(m.date, m.term) for m in schedule.meetings] == [
        (D(2027, 2, 23), "Spring 2027"),
        (D(2027, 4, 27), "Summer 2027"),
        (D(2027, 6, 22), "Summer 2027"),
    ]
    assert schedule.skipped == [
        (D(2026, 10, 27), "outside term time (Autumn 2026: half term)"),
        (D(2026, 12, 22), "outside term time (school holiday)"),
        (D(2027, 8, 24), "outside term time (school holiday)"),
    ]
    assert schedule.term_file.endswith("calendars/solihull-school-terms.yaml")


def test_count_keeps_looking_past_holidays(scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    schedule = elrag_schedule(scratch, count=2, first=D(2026, 10, 27))
    assert [m.date for m in schedule.meetings] == [D(2027, 2, 23), D(2027, 4, 27)]


def test_dates_beyond_the_recorded_terms_stop_with_the_file_to_fill_in(scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    with pytest.raises(UsageError) as caught:
        elrag_schedule(scratch, until=D(2027, 12, 31), first=D(2026, 9, 8))
    message = caught.value.message
    assert "solihull-elrag meets in term time only" in message
    assert "calendars/solihull-school-terms.yaml records no term dates for Tuesday 14 September 2027" in message
    assert message.endswith("or end the schedule earlier with `until`")  # the CLI names it --until


def test_the_shipped_template_stops_with_its_name(tree):
    from conftest import BODIES

    with pytest.raises(UsageError, match=r"bodies/calendars/solihull-school-terms.yaml records no term dates for"):
        elrag_schedule(BODIES, count=3, first=D(2027, 1, 5))


def test_no_term_calendar_names_the_file_to_create(scratch):
    (scratch / "calendars" / "solihull-school-terms.yaml").unlink()
    with pytest.raises(UsageError) as caught:
        elrag_schedule(scratch, count=3, first=D(2027, 1, 5))
    assert "no term dates are recorded for it; create" in caught.value.message
    assert (
        "calendars/solihull-elrag-terms.yaml (kind: term-dates, applies_to: [solihull-elrag])" in caught.value.message
    )


def test_closures_calendar_applies_to_its_bodies(scratch):
    write_calendar(scratch, "smbc-closures", FIXTURE_CLOSURES)
    tree = load_tree(scratch)
    calendars = calendars_for(tree, "solihull-sscp-executive")
    assert calendars.closures[D(2026, 12, 30)] == "Christmas shutdown"
    assert calendars.closure_files[0].endswith("smbc-closures.yaml")
    assert calendars_for(tree, "solihull-lscp").closures == {}


def test_the_shipped_calendars_validate(tree):
    assert [d.display for d in tree.records("calendars")] and not tree.findings


def findings_for(root):
    tree = load_tree(root)
    return sorted((f.path.rsplit("/", 1)[-1], f.line, f.column, f.code, f.severity, f.message) for f in tree.findings)


def test_calendar_mistakes_are_found_with_their_lines(scratch):
    broken = FIXTURE_TERMS.replace("applies_to: [solihull-elrag]", "applies_to: [solihull-elrg, solihull-lscp]")
    broken = broken.replace("    end: 2027-03-26\n", "    end: 2027-01-04\n")  # Spring ends before it starts
    broken = broken.replace("        start: 2027-05-31\n", "        start: 2027-07-31\n")  # a break after the term
    write_calendar(scratch, "solihull-school-terms", broken)
    found = findings_for(scratch)
    assert (
        "solihull-school-terms.yaml",
        4,
        14,
        "R003",
        "error",
        "unknown body 'solihull-elrg' (did you mean 'solihull-elrag'?)",
    ) in found
    assert (
        "solihull-school-terms.yaml",
        4,
        29,
        "R009",
        "warning",
        "solihull-lscp does not meet in term time only, so term dates do not apply to it",
    ) in found
    assert (
        "solihull-school-terms.yaml",
        18,
        10,
        "D001",
        "error",
        "term 'Spring 2027' ends (2027-01-04) before it starts (2027-01-05)",
    ) in found
    assert (
        "solihull-school-terms.yaml",
        21,
        16,
        "D001",
        "error",
        "break 'half term' is not inside term 'Spring 2027'",
    ) in found
    assert (
        "solihull-school-terms.yaml",
        29,
        14,
        "D001",
        "error",
        "break 'half term' ends (2027-06-04) before it starts (2027-07-31)",
    ) in found


def test_one_term_calendar_per_body(scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    write_calendar(scratch, "zz-terms", FIXTURE_TERMS.replace("id: solihull-school-terms", "id: zz-terms"))
    found = findings_for(scratch)
    assert [f[:4] for f in found] == [("zz-terms.yaml", 4, 14, "R008")]
    assert "solihull-elrag already has term dates in" in found[0][5] and "solihull-school-terms.yaml" in found[0][5]


def test_calendar_schema_errors(scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS.replace("kind: term-dates", "kind: term-times"))
    write_calendar(
        scratch,
        "no-covers",
        "id: no-covers\nname: x\nkind: term-dates\napplies_to: [solihull-elrag]\n"
        "terms:\n  - name: A\n    start: 2027-01-05\n    end: 2027-02-01\n",
    )
    write_calendar(
        scratch,
        "mixed",
        "id: mixed\nname: x\nkind: closures\napplies_to: [solihull-lscp]\n"
        "covers: {start: 2027-01-01, end: 2027-12-31}\n",
    )
    write_calendar(
        scratch,
        "bad-date",
        "id: bad-date\nname: x\nkind: closures\napplies_to: [solihull-lscp]\n"
        "closures:\n  - name: shutdown\n    start: 30/02/2027\n",
    )
    found = findings_for(scratch)
    assert any(
        f[0] == "solihull-school-terms.yaml"
        and f[3] == "S003"
        and "'kind' must be one of: term-dates, closures" in f[5]
        and "did you mean 'term-dates'" in f[5]
        for f in found
    )
    assert any(f[0] == "no-covers.yaml" and "give `covers`" in f[5] for f in found)
    assert any(f[0] == "mixed.yaml" and "a `closures` calendar has no `terms` or `covers`" in f[5] for f in found)
    assert any(f[:4] == ("bad-date.yaml", 7, 12, "S003") for f in found)


def test_calendar_id_must_match_its_file(scratch):
    write_calendar(scratch, "terms-2026", FIXTURE_TERMS)
    (scratch / "calendars" / "solihull-school-terms.yaml").unlink()
    found = findings_for(scratch)
    assert (
        "terms-2026.yaml",
        1,
        5,
        "R005",
        "error",
        "id 'solihull-school-terms' must equal the file name 'terms-2026'",
    ) in found


def test_terms_outside_covers_and_out_of_order(scratch):
    text = FIXTURE_TERMS.replace("  end: 2027-08-31\n", "  end: 2027-06-30\n", 1)
    text = text.replace("  - name: Spring 2027\n    start: 2027-01-05", "  - name: Spring 2027\n    start: 2026-12-01")
    write_calendar(scratch, "solihull-school-terms", text)
    messages = [f[5] for f in findings_for(scratch) if f[3] == "D001"]
    assert any("term 'Summer 2027' (2027-04-12 to 2027-07-21) lies outside `covers`" in m for m in messages)
    assert any(
        "term 'Spring 2027' starts (2026-12-01) before the previous term 'Autumn 2026' ends" in m for m in messages
    )


def test_calendar_ids_are_unique_across_subdirectories(scratch):
    for year in ("2026", "2027"):
        (scratch / "calendars" / year).mkdir()
        (scratch / "calendars" / year / "smbc-closures.yaml").write_text(FIXTURE_CLOSURES, encoding="utf-8")
    found = findings_for(scratch)
    assert [f[:4] for f in found] == [("smbc-closures.yaml", 1, 5, "R004")]
    assert "calendar id 'smbc-closures' is also used by" in found[0][5]
