"""The records kept in subdirectories of a bodies directory, and the model each kind is read as.

The table is plain data, so that `load_tree` loads every kind and the checks
registered for a kind (`torctl.data.checks.records`) run on its documents; the
loader imports no capability to learn what to load. The models are imported only
when a record is read: a command about one body reads none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .reader import Read, read

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import BaseModel

    from ..model.records import AttendanceRecord

ATTENDANCE_DIR = "attendance"  # meeting records: attendance, items, declarations and decisions
CALENDARS_DIR = "calendars"  # term dates and closures
RECORD_KINDS = (ATTENDANCE_DIR, CALENDARS_DIR)


def record_model(kind: str) -> type[BaseModel]:
    """The model a record of `kind` (one of RECORD_KINDS) is read as."""
    from ..model.records import AttendanceRecord, CalendarRecord

    models: dict[str, type[BaseModel]] = {ATTENDANCE_DIR: AttendanceRecord, CALENDARS_DIR: CalendarRecord}
    return models[kind]


def read_meeting_record(path: Path) -> Read[AttendanceRecord]:
    """One meeting record, read and validated (its findings, each with file:line:column, where it does not)."""
    from ..model.records import AttendanceRecord

    return read(path, AttendanceRecord)
