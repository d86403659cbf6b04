"""The body's business: meetings, papers and minutes, standing items, duties, reporting lines and review.

Weakening here is a ToR reviewed less often, or a review date pushed back or
dropped with no review recorded.
"""

from __future__ import annotations

from ...model import Duty, PartialDate, Period, ReportingLine, Review, StandingItem
from ...rules.quorum_change import Versions
from ...rules.words import (
    describe_cadence,
    duty_in_brief,
    presenter_in_brief,
    reporting_line_in_brief,
    standing_item_in_brief,
)
from .collector import Collector, norm
from .results import Change
from .wording import describe_deadline, quote


def meetings(v: Versions, out: list[Change]) -> None:
    c = Collector("Meetings", out)
    a, b = v.old.meetings, v.new.meetings
    if a == b:
        return
    ca, cb = describe_cadence(a.cadence), describe_cadence(b.cadence)
    if ca != cb:
        c.add(f"Meets {ca} → {cb}", before=a.cadence, after=b.cadence)
    if a.cadence and b.cadence:
        c.text("Cadence: wording", a.cadence.text, b.cadence.text)
        c.text("Cadence: reading", a.cadence.reading, b.cadence.reading)
    added = [d for d in b.dates if d not in a.dates]
    removed = [d for d in a.dates if d not in b.dates]
    if added:
        c.add(f"Meeting dates added: {', '.join(d.isoformat() for d in added)}", after=[d.isoformat() for d in added])
    if removed:
        c.add(
            f"Meeting dates removed: {', '.join(d.isoformat() for d in removed)}",
            before=[d.isoformat() for d in removed],
        )
    c.value("Meeting days (pattern)", a.pattern, b.pattern)
    c.value(
        "Meeting schedule reviewed every",
        a.schedule_review.human() if a.schedule_review else None,
        b.schedule_review.human() if b.schedule_review else None,
    )
    c.fields("", a, b, skip=("cadence", "dates", "pattern", "schedule_review"))


def administration(v: Versions, out: list[Change]) -> None:
    c = Collector("Papers and minutes", out)
    a, b = v.old.administration, v.new.administration
    if a == b:
        return
    for key, title, when in (("papers", "Papers", "before"), ("minutes", "Minutes", "after")):
        da, db = getattr(a, key), getattr(b, key)
        wa, wb = describe_deadline(da, when), describe_deadline(db, when)
        if wa != wb:
            c.add(f"{title}: {wa} → {wb}", before=da, after=db)
        c.text(f"{title}: wording", da.text if da else None, db.text if db else None)
    c.fields("", a, b, skip=("papers", "minutes"))


def standing_items(v: Versions, out: list[Change]) -> None:
    c = Collector("Standing items", out)

    def compare(a: StandingItem, b: StandingItem) -> None:
        pa = presenter_in_brief(v.old, v.old_agencies, a)
        pb = presenter_in_brief(v.new, v.new_agencies, b)
        if pa != pb:
            c.add(f'"{b.title}": {pa} → {pb}', before=a.presenter, after=b.presenter)
        c.fields(f'"{b.title}":', a, b, skip=("title", "presenter"))

    c.keyed(
        "Standing item",
        v.old.standing_items,
        v.new.standing_items,
        lambda item: norm(item.title),
        standing_item_in_brief,
        compare,
    )


def duties(v: Versions, out: list[Change]) -> None:
    c = Collector("Duties", out)

    def compare(a: Duty, b: Duty) -> None:
        c.fields(f'"{b.title}":', a, b, skip=("title",))

    c.keyed("Duty", v.old.duties, v.new.duties, lambda duty: norm(duty.title), duty_in_brief, compare)


def reporting(v: Versions, out: list[Change]) -> None:
    c = Collector("Reporting", out)
    for direction, verb in (("reports_to", "Reports to"), ("receives_from", "Receives reports from")):

        def describe_line(line: ReportingLine, verb: str = verb) -> str:
            return reporting_line_in_brief(line, verb)

        def compare(a: ReportingLine, b: ReportingLine, verb: str = verb) -> None:
            c.fields(f"{verb} {b.target}:", a, b, skip=("body", "external"))

        old = getattr(v.old.reporting, direction)
        new = getattr(v.new.reporting, direction)
        c.keyed("Reporting line", old, new, lambda line: line.target, describe_line, compare)


def review(v: Versions, out: list[Change]) -> None:
    c = Collector("Review", out)
    a, b = v.old.review, v.new.review
    if a == b:
        return
    _review_cadence(c, a, b)
    c.value("Review cadence is a minimum ('at least')", a.at_least, b.at_least)
    c.value("Last reviewed", a.last_reviewed, b.last_reviewed)
    for record in b.history:
        if record not in a.history:
            by = f" by {record.by}" if record.by else ""
            notes = f": {record.notes}" if record.notes else ""
            c.add(f"Review recorded on {record.date.human()}{by}{notes}", after=record)
    for record in a.history:
        if record not in b.history:
            c.add(f"Review record of {record.date.human()} removed", before=record)
    _next_review(c, a, b)
    c.fields("Review", a, b, skip=("cadence", "at_least", "last_reviewed", "next_due", "history"))


def _review_cadence(c: Collector, a: Review, b: Review) -> None:
    """How often the ToR is reviewed; less often weakens governance."""
    ca, cb = a.cadence.human() if a.cadence else None, b.cadence.human() if b.cadence else None
    if ca == cb:
        return
    days_a, days_b = _period_days(a.cadence), _period_days(b.cadence)
    longer = days_a is not None and (days_b is None or days_b > days_a)
    c.add(
        f"Reviewed every {ca or 'not stated'} → every {cb or 'not stated'}".replace("every not stated", "no cadence"),
        weakens="the ToR is reviewed less often" if longer else None,
        before=ca,
        after=cb,
    )


def _next_review(c: Collector, a: Review, b: Review) -> None:
    """When the next review is due; pushed back or dropped with no review recorded weakens governance."""
    due_a, due_b = a.next_review_due(), b.next_review_due()
    if due_a == due_b:
        return
    never = PartialDate(1, 1)
    reviewed_since = (b.latest_review() or never).first_day > (a.latest_review() or never).first_day
    weakens = None
    if due_a is not None and not reviewed_since:
        if due_b is None:
            weakens = f"the review date ({due_a.human()}) is dropped with no review recorded"
        elif due_b.first_day > due_a.last_day:
            weakens = f"the review date is pushed back from {due_a.human()} to {due_b.human()} with no review recorded"
    c.add(f"Next review due: {quote(due_a)} → {quote(due_b)}", weakens=weakens, before=due_a, after=due_b)


_DAYS = {
    "working_days": 1.4,
    "days": 1,
    "weeks": 7,
    "months": 30.4,
    "clear_days": 1,
    "hours": 1 / 24,
    "minutes": 1 / 1440,
}


def _period_days(period: Period | None) -> float | None:
    """A period's rough length in days, to tell which of two is longer."""
    if period is None or period.unit is None or period.amount is None:
        return None
    return period.amount * _DAYS[period.unit]
