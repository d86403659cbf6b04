"""The records kept in subdirectories of a bodies directory, and the model each kind is read as.

The table is plain data, so that `load_tree` loads every kind and the checks
registered for a kind (`torctl.data.checks.records`) run on its documents; the
loader imports no capability to learn what to load.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..model.records import AttendanceRecord, CalendarRecord
from .reader import Read, read

ATTENDANCE_DIR = "attendance"
CALENDARS_DIR = "calendars"

RECORD_KINDS: dict[str, type[BaseModel]] = {
    ATTENDANCE_DIR: AttendanceRecord,  # meeting records: attendance, items, declarations and decisions
    CALENDARS_DIR: CalendarRecord,  # term dates and closures
}


def read_meeting_record(path: Path) -> Read[AttendanceRecord]:
    """One meeting record, read and validated (its findings, each with file:line:column, where it does not)."""
    return read(path, AttendanceRecord)
