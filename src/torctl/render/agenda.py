"""The agenda for one meeting of a body, built from its ToR and the items the user adds.

An agenda holds only the items the body's rules give it (`opening_plan`,
`closing_plan`: apologies where the ToR says what a member who cannot attend
does, the previous minutes where the ToR has minutes, declarations of interest
where it has a rule on interests, urgent business where it allows it), then the
ToR's standing items with their presenters, the items other bodies send (an ARG
highlight report to each LSCP meeting), and the items passed in. Each derived
item's note says which rule it comes from. The chair for the date and the
papers deadline come from `torctl.calendar.deadlines`, so agendas, schedules
and calendars agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import cached_property
from collections.abc import Mapping, Sequence

from pydantic import Field

from ..calendar.deadlines import DueDate, chair_on, deadlines
from ..calendar.workdays import why_not_working
from ..errors import UsageError
from ..model import Agency, Body, StrictModel
from ..rules.words import DEADLINE_LABELS, chair_on_date_sentence, long_date, quorum_sentence, sentence
from .blocks import Fact
from .tor_facts import body_name, presenter_words

DEFAULT_MINUTES = 15
MAX_MINUTES = 600


class ItemSpec(StrictModel):
    """An item the user adds to the agenda."""

    title: str = Field(min_length=1, description="The item.")
    presenter: str | None = Field(None, description="Who presents it.")
    minutes: int | None = Field(None, ge=1, le=MAX_MINUTES, description="How long it takes.")


class ItemsFile(StrictModel):
    """A YAML file of agenda items: `items: [{title, presenter, minutes}, ...]`."""

    items: list[ItemSpec] = Field(description="The items, in agenda order.")


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    presenter: str | None
    minutes: int
    start: str | None  # "14:05" where the meeting's start time is given
    kind: str  # opening, standing, from-body, added, closing
    source: str | None = None  # the body that sends it
    note: str | None = None


@dataclass(frozen=True)
class Deadline:
    """A deadline for this meeting: a fact the agenda opens with, whose day HTML marks up."""

    kind: str
    label: str
    date: str | None  # ISO date, or None where the ToR gives no figure
    date_words: str | None
    rule: str
    text: str  # the date and the rule, or the rule alone, as the agenda shows it


@dataclass(frozen=True)
class Agenda:
    body_id: str
    body_name: str
    short_name: str
    partnership: str | None
    date: str
    date_words: str
    start: str | None
    end: str | None
    total_minutes: int
    venue: str
    virtual: str | None
    chair: str
    chair_post: str | None
    quorum: str
    items: list[AgendaItem]
    deadlines: list[Deadline]
    warnings: list[str] = field(default_factory=list)
    footer: str = ""
    apologies: str | None = None  # where apologies are recorded ("at item 1"); None: the agenda has no such item

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @cached_property
    def when(self) -> str:
        """The day, and the times where the meeting's start is given: `Tuesday 9 July 2024, 10:00 to 10:55`."""
        return self.date_words + (f", {self.start} to {self.end}" if self.start else "")

    @cached_property
    def facts(self) -> list[Fact | Deadline]:
        """What the agenda opens with: where, how to join, who chairs, and each deadline (or that there is none)."""
        facts: list[Fact | Deadline] = [Fact("Venue", self.venue)]
        if self.virtual:
            facts.append(Fact("Joining online", self.virtual))
        facts.append(Fact("Chair", self.chair))
        facts += self.deadlines or [Fact("Papers", "The terms of reference set no deadline.")]
        return facts

    @cached_property
    def total(self) -> str:
        return f"Total: {self.total_minutes} minutes."


# ------------------------------------------------------------------ building


PREVIOUS_MINUTES = "Minutes of the previous meeting"  # the item after which matters arising are taken
DECLARATIONS = "Declarations of interest"

# One agenda line before it is numbered and timed: title, presenter, minutes, kind, source, note.
_Planned = tuple[str, str | None, int, str, str | None, str | None]


def opening_plan(body: Body) -> list[_Planned]:
    """The items that open the meeting, each from a rule the body holds (its note says which); none by default."""
    plan: list[_Planned] = []
    sub = body.substitution
    # Apologies: the ToR says what a member who cannot attend does (sends someone, tells someone).
    if sub.who in ("same-agency", "named-substitute", "none") or sub.notify or sub.notice is not None:
        plan.append(("Apologies", "Chair", 5, "opening", None, "The ToR's rule for a member who cannot attend"))
    # Declarations of interest: the ToR has a rule on declared interests.
    if body.procedure.interests is not None:
        plan.append((DECLARATIONS, "Chair", 5, "opening", None, "The ToR's rule on interests"))
    # The previous meeting's minutes: the ToR has minutes (a deadline, who agrees them, or who takes them).
    admin = body.administration
    if admin.minutes is not None or admin.minutes_agreed_by != "not-stated" or admin.minuted_by:
        plan.append((PREVIOUS_MINUTES, "Chair", 10, "opening", None, "The ToR's rule on minutes"))
    return plan


def closing_plan(body: Body) -> list[_Planned]:
    """The items that close the meeting: urgent business, where the ToR allows it or leaves it to the chair."""
    urgent = body.procedure.urgent_business
    allowed = urgent.allowed if urgent else None
    if allowed is True:
        return [("Urgent business", "Chair", 5, "closing", None, "The ToR allows urgent business")]
    if allowed == "chair-decides":
        note = "The chair decides whether urgent business is taken (the ToR's rule)"
        return [("Urgent business", "Chair", 5, "closing", None, note)]
    return []


def standing_plan(
    body: Body, agencies: Mapping[str, Agency], bodies: Mapping[str, Body], minutes: int
) -> list[_Planned]:
    """The ToR's standing items on every agenda, with the items other bodies send to each meeting."""
    plan: list[_Planned] = []
    for item in body.standing_items:
        if not item.every_meeting:
            continue
        presenter = presenter_words(body, bodies, agencies, item)
        source = body_name(bodies, item.from_body) if item.from_body else None
        if presenter is None and source is not None:
            presenter = source
        kind = "from-body" if item.from_body else "standing"
        note = "Standing item" if kind == "standing" else f"Sent to each meeting by the {source}"
        plan.append((item.title, presenter, minutes, kind, source, note))
    return plan


def timed_items(plan: list[_Planned], date: dt.date, start: dt.time | None) -> tuple[list[AgendaItem], str | None]:
    """The items numbered, each with its start time where the meeting's is given; and when the meeting ends."""
    items = []
    clock = dt.datetime.combine(date, start) if start else None
    for number, (title, presenter, minutes, kind, source, note) in enumerate(plan, start=1):
        at = clock.strftime("%H:%M") if clock else None
        items.append(AgendaItem(number, title, presenter, minutes, at, kind, source, note))
        if clock:
            clock += dt.timedelta(minutes=minutes)
    return items, clock.strftime("%H:%M") if clock else None


def due_dates(dues: Sequence[DueDate]) -> list[Deadline]:
    """The meeting's deadlines (`calendar.deadlines.deadlines`), as the agenda shows them."""
    due = []
    for dd in dues:
        due.append(
            Deadline(
                dd.kind,
                DEADLINE_LABELS[dd.kind],
                dd.date.isoformat() if dd.date else None,
                long_date(dd.date) if dd.date else None,
                dd.rule,
                f"{long_date(dd.date)} ({dd.rule})" if dd.date else dd.rule[0].upper() + dd.rule[1:],
            )
        )
    return due


def date_warnings(body: Body, date: dt.date, dues: Sequence[DueDate] = ()) -> list[str]:
    """What to check about the date: a day that is not a working day, a deadline that falls on one, a body that
    meets in term time only."""
    warnings = []
    closed = why_not_working(date, body.jurisdiction)
    if closed:
        warnings.append(f"{long_date(date)} is not a working day ({closed}).")
    warnings += [sentence(due.warning) for due in dues if due.warning]
    if body.meetings.cadence and body.meetings.cadence.term_time_only:
        warnings.append("This body meets in school term time only: check the date falls in term.")
    return warnings


def build_agenda(
    body: Body,
    agencies: Mapping[str, Agency],
    bodies: Mapping[str, Body],
    date: dt.date,
    *,
    added: list[ItemSpec] = (),  # type: ignore[assignment]
    start: dt.time | None = None,
    venue: str | None = None,
    virtual: str | None = None,
    default_minutes: int = DEFAULT_MINUTES,
) -> Agenda:
    """The agenda for a meeting of `body` on `date`."""
    if body.status == "dissolved":
        raise UsageError(f"{body.id} has been dissolved; it holds no meetings")
    plan = opening_plan(body) + standing_plan(body, agencies, bodies, default_minutes)
    plan += [(s.title, s.presenter, s.minutes or default_minutes, "added", None, None) for s in added]
    plan += closing_plan(body)
    items, end = timed_items(plan, date, start)
    apologies = next((f"to be recorded at item {i.number}" for i in items if i.title == "Apologies"), None)
    chair = chair_on(body, date)
    dues = deadlines(body, date, start=start)  # hours before the meeting count from its start
    meetings = body.meetings
    where = venue or meetings.venue or "To be confirmed"
    remote = body.procedure.remote
    online = virtual or ("Virtual attendance is available" if remote and remote.allowed is True else None)
    short = body.short_name or body.name
    date_words = long_date(date)
    return Agenda(
        body_id=body.id,
        body_name=body.name,
        short_name=short,
        partnership=body.partnership,
        date=date.isoformat(),
        date_words=date_words,
        start=start.strftime("%H:%M") if start else None,
        end=end,
        total_minutes=sum(i.minutes for i in items),
        venue=where,
        virtual=online,
        chair=chair_on_date_sentence(chair.text),
        chair_post=chair.post,
        quorum=quorum_sentence(body, agencies),
        items=items,
        deadlines=due_dates(dues),
        warnings=date_warnings(body, date, dues),
        footer=f"{short} · Agenda · {date_words}",
        apologies=apologies,
    )
