"""Fixture calendars for the schedule tests: invented term dates, never real ones."""

from __future__ import annotations

from pathlib import Path

# Fictional school year used only by tests: three terms with a break in each.
FIXTURE_TERMS = """\
id: solihull-school-terms
name: Fixture school terms (test data, not real dates)
kind: term-dates
applies_to: [solihull-elrag]
covers:
  start: 2026-09-01
  end: 2027-08-31
terms:
  - name: Autumn 2026
    start: 2026-09-03
    end: 2026-12-18
    breaks:
      - name: half term
        start: 2026-10-26
        end: 2026-10-30
  - name: Spring 2027
    start: 2027-01-05
    end: 2027-03-26
    breaks:
      - name: half term
        start: 2027-02-15
        end: 2027-02-19
  - name: Summer 2027
    start: 2027-04-12
    end: 2027-07-21
    breaks:
      - name: half term
        start: 2027-05-31
        end: 2027-06-04
"""

FIXTURE_CLOSURES = """\
id: smbc-closures
name: Fixture council closures (test data)
kind: closures
applies_to: [solihull-sscp-executive]
closures:
  - name: Christmas shutdown
    start: 2026-12-29
    end: 2026-12-31
"""


def write_calendar(bodies: Path, name: str, text: str) -> Path:
    directory = bodies / "calendars"
    directory.mkdir(exist_ok=True)
    path = directory / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path
