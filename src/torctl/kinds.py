"""Record kinds kept in subdirectories of the bodies directory, validated with the bodies.

Each capability that keeps records beside the bodies (attendance records, term
calendars...) registers its model and cross-checks in `register_builtin_kinds`,
one `register_kind` call each, so that `load_tree` loads them and
`torctl validate` checks them.
"""

from __future__ import annotations


def register_builtin_kinds() -> None:
    """Register every record kind; cheap and idempotent (a dict update)."""
    from .attendance import AttendanceRecord, check_attendance
    from .load import RecordKind, register_kind
    from .terms import CALENDARS_DIR, CalendarRecord, check_calendar

    register_kind("attendance", RecordKind(model=AttendanceRecord, check=check_attendance))
    register_kind(CALENDARS_DIR, RecordKind(model=CalendarRecord, check=check_calendar))  # term dates, closures
