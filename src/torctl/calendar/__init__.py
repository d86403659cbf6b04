"""Dates: working days, one meeting's deadlines and chair, schedules, term calendars, iCalendar export and review
status."""
