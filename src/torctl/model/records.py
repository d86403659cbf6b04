"""The records kept beside the bodies: attendance at a meeting, term dates and closure days.

They are data shapes like the ToR itself, so they live with the model; the
loader reads them from subdirectories of the bodies directory (see
`torctl.data.records`) and the capabilities that use them work on these types.
"""

import datetime as dt
from typing import Annotated, Any, Literal, Self
from collections.abc import Iterator

from pydantic import BeforeValidator, Field, model_validator

from .base import CalendarDate, Slug, StrictModel, TimeOfDay, TrueOrFalse, WholeNumber, empty_list

# ---------------------------------------------------------------- attendance at one meeting


class SubstituteEntry(StrictModel):
    """Someone who attended in a member's place."""

    name: str = Field(min_length=1, description="The substitute's name.")
    for_: str = Field(alias="for", min_length=1, description="The member stood in for: post id, holder name or role.")
    agency: Slug | None = Field(None, description="The substitute's agency id, where it is not the member's.")
    delegated_authority: TrueOrFalse | None = Field(
        None,
        description=(
            "Whether the substitute carried the member's delegated authority; empty: as the ToR records it for a "
            "named substitute, else no."
        ),
    )
    remote: TrueOrFalse = Field(False, description="Whether the substitute attended remotely (video or telephone).")


class AttendanceRecord(StrictModel):
    """One meeting's record: a file under `attendance/` in the bodies directory.

    Who attended (and how), and, where kept, the items taken with declarations,
    arrivals and departures and decisions: the input of `torctl meeting check`.
    """

    body: Slug = Field(description="The body that met (its id).")
    date: CalendarDate = Field(description="The date of the meeting.")
    present: list[str] = Field(
        default_factory=empty_list, description="Members present in person: post id, holder name or role."
    )
    substitutes: list[SubstituteEntry] = Field(
        default_factory=empty_list, description="People attending in a member's place."
    )
    apologies: list[str] = Field(default_factory=empty_list, description="Members who sent apologies.")
    expected: list[str] = Field(
        default_factory=empty_list,
        description="Members expected but not yet confirmed present or absent (a record started before the meeting, "
        "as `torctl meeting new` writes it): not counted as present; each is a warning until confirmed.",
    )
    observers: list[str] = Field(
        default_factory=empty_list, description="Other people present who are not members (guests, officers)."
    )
    notes: list[str] = Field(default_factory=empty_list, description="Anything else about the attendance.")
    remote: list[str] = Field(
        default_factory=empty_list,
        description=(
            "Members who attended remotely (video or telephone): post id, holder name or role; not also under "
            "`present`."
        ),
    )
    start: TimeOfDay | None = Field(None, description="When the meeting started, in quotes ('10:00').")
    place: str | None = Field(None, description="Where the meeting was held.")
    special: TrueOrFalse = Field(
        False,
        description="Whether this was a special (extraordinary) meeting, called outside the dates or pattern the ToR "
        "records; `meeting check` and `minutes` refuse a record on another date unless it says so.",
    )
    chaired_by: str | None = Field(
        None, description="Who chaired, where not the body's chair: post id, holder name or role."
    )
    source: str | None = Field(
        None, description="Where the record came from, e.g. 'ModernGov GetMeeting <url>'; empty: typed by the clerk."
    )
    not_recorded: list[Literal["votes", "declarations", "attendance-times"]] = Field(
        default_factory=empty_list,
        description="What the source of this record does not hold, so a verdict that needs it says 'cannot tell'.",
    )
    chair_decisions: list["ChairDecision"] = Field(
        default_factory=empty_list,
        description="Decisions the ToR leaves to the chair, as taken at this meeting (quorum, an interest, urgent "
        "business, the casting vote).",
    )
    actions: list["Action"] = Field(default_factory=empty_list, description="Actions agreed at the meeting.")
    quorate_at: TimeOfDay | None = Field(
        None, description="When the meeting became quorate, if later than the start (for the ToR's inquorate rule)."
    )
    items: list["ItemRecord"] = Field(
        default_factory=empty_list,
        description="The items taken, in order, with declarations, comings and goings, and decisions.",
    )

    def item(self, ref: str) -> "ItemRecord | None":
        """The item numbered `ref`, or titled `ref` (case-insensitive)."""
        key = " ".join(ref.split()).casefold()
        return next((i for i in self.items if i.number.casefold() == key), None) or next(
            (i for i in self.items if " ".join(i.title.split()).casefold() == key), None
        )


def _item_number(value: Any) -> Any:
    """An item numbered 3 in YAML is the number 3; agendas number items '3' and '4a' alike."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _action_id(value: Any) -> Any:
    """An id written 2026-03-01 is a date to YAML; as an id it is the same text."""
    return value.isoformat() if isinstance(value, dt.date) else value


class ChairDecision(StrictModel):
    """A decision the ToR leaves to the chair, as the chair took it at the meeting."""

    about: Literal["quorum", "interest", "urgent-business", "casting-vote"] = Field(
        description="What was decided: `quorum` (whether the meeting went ahead), `interest` (whether a member with "
        "an interest took part), `urgent-business` (whether an item was taken), `casting-vote` (whether it was used)."
    )
    item: Annotated[str, BeforeValidator(_item_number)] | None = Field(
        None, description="The item it concerns (number or title); empty: the whole meeting."
    )
    person: str | None = Field(None, description="For `interest`: the member it concerns.")
    allowed: TrueOrFalse = Field(
        description="The chair's decision: `true` (went ahead, may take part, taken, used), `false` otherwise."
    )
    by: str | None = Field(None, description="Who decided, where not the chair: post id, holder name or role.")
    text: str | None = Field(None, description="The decision as minuted.")


class Action(StrictModel):
    """An action agreed at a meeting, followed up at later ones."""

    id: Annotated[Slug, BeforeValidator(_action_id)] = Field(
        description="Identifier, unique across the body's records (e.g. `2026-03-01`, or `lic-12`)."
    )
    what: str = Field(min_length=1, description="The action.")
    owner: str = Field(min_length=1, description="Who does it: a post id, or a named person.")
    due: CalendarDate | None = Field(None, description="By when; empty: no date agreed.")
    status: Literal["open", "done", "dropped"] = Field("open", description="`open`, `done` or `dropped`.")
    closed_on: CalendarDate | None = Field(None, description="When it was done or dropped.")
    item: Annotated[str | None, BeforeValidator(_item_number)] = Field(
        None, description="The item it arose from (number or title)."
    )

    @model_validator(mode="after")
    def _closed_when_done(self) -> Self:
        if self.status == "open" and self.closed_on is not None:
            raise ValueError("an open action has no `closed_on`; set `status: done` or `dropped`")
        return self


class Declaration(StrictModel):
    """A declaration of interest in one item."""

    person: str = Field(min_length=1, description="Who declared: post id, holder name, role, or a substitute's name.")
    kind: Slug | None = Field(
        None, description="The kind of interest, one of the ToR's `procedure.interests.kinds`; empty: not recorded."
    )
    dispensation: TrueOrFalse = Field(False, description="Whether the member held a dispensation for this interest.")
    left_room: TrueOrFalse | None = Field(
        None, description="Whether the member left the room for the item; empty: not recorded."
    )
    text: str | None = Field(None, description="The interest as minuted.")


class NamedVotes(StrictModel):
    """Votes recorded by name (a recorded vote)."""

    for_: list[str] = Field(default_factory=empty_list, alias="for", description="Who voted for.")
    against: list[str] = Field(default_factory=empty_list, description="Who voted against.")
    abstain: list[str] = Field(default_factory=empty_list, description="Who abstained.")


class VoteRecord(StrictModel):
    """A vote on an item: counts, or names where the vote was recorded by name."""

    for_: WholeNumber | None = Field(
        None, alias="for", ge=0, description="Votes for; empty where named votes are given."
    )
    against: WholeNumber | None = Field(None, ge=0, description="Votes against.")
    abstain: WholeNumber | None = Field(None, ge=0, description="Abstentions.")
    named: NamedVotes | None = Field(None, description="The votes by name, where recorded.")
    casting: Literal["for", "against"] | None = Field(None, description="The chair's casting vote, where one was used.")

    @model_validator(mode="after")
    def _counts_or_names(self) -> Self:
        counted = self.for_ is not None or self.against is not None
        if counted and self.named is not None:
            raise ValueError("give the vote as counts (`for`, `against`, `abstain`) or as `named` votes, not both")
        if not counted and self.named is None:
            raise ValueError("give the counts (`for` and `against`) or the `named` votes")
        if counted and (self.for_ is None or self.against is None):
            raise ValueError("give both `for` and `against` (0 where none)")
        return self

    def tally(self) -> tuple[int, int, int]:
        """(for, against, abstain)."""
        if self.named is not None:
            return len(self.named.for_), len(self.named.against), len(self.named.abstain)
        return self.for_ or 0, self.against or 0, self.abstain or 0


class DecisionRecord(StrictModel):
    """The decision taken on an item."""

    text: str = Field(min_length=1, description="The decision as minuted (the resolution).")
    kind: Slug | None = Field(
        None,
        description=(
            "The kind of decision, where it needs a special majority (one of the ToR's `voting.special_majorities`)."
        ),
    )
    by: Literal["vote", "consensus", "not-recorded"] = Field(
        "vote",
        description="`vote` (give `vote`), `consensus` (no vote taken), or `not-recorded` (the source does not say "
        "how it was taken, e.g. a ModernGov import).",
    )
    vote: VoteRecord | None = Field(None, description="The vote; required when `by: vote`.")
    outcome: Literal["carried", "lost"] | None = Field(
        None,
        description="`carried` or `lost` as minuted (a motion put and lost is a decision validly taken); empty: as "
        "the vote gives.",
    )

    @model_validator(mode="after")
    def _vote_given(self) -> Self:
        if self.by == "not-recorded" and self.vote is not None:
            raise ValueError("a decision whose vote is `not-recorded` has no `vote`; say `by: vote`")
        if self.by == "vote" and self.vote is None:
            raise ValueError("a decision `by: vote` gives its `vote` (or say `by: consensus`)")
        if self.by == "consensus" and self.vote is not None:
            raise ValueError("a decision by consensus has no `vote`")
        return self


class ItemRecord(StrictModel):
    """One agenda item as it was taken."""

    number: Annotated[str, BeforeValidator(_item_number)] = Field(
        min_length=1, max_length=20, description="The item's number on the agenda, e.g. 3 or '4a'."
    )
    title: str = Field(min_length=1, description="The item's title.")
    arrived: list[str] = Field(
        default_factory=empty_list,
        description="People listed as attending who arrived just before this item (absent for earlier items).",
    )
    left: list[str] = Field(
        default_factory=empty_list, description="People who left just before this item (absent for it and later items)."
    )
    declarations: list[Declaration] = Field(
        default_factory=empty_list, description="Declarations of interest in this item."
    )
    decision: DecisionRecord | None = Field(
        None, description="The decision taken, if any (an item for noting has none)."
    )


# ---------------------------------------------------------------- term dates and closures


class Break(StrictModel):
    """A break inside a term (half term, an INSET week) when the body does not meet."""

    name: str = Field(min_length=1, description="What the break is, e.g. 'half term'.")
    start: CalendarDate = Field(description="The first day of the break.")
    end: CalendarDate = Field(description="The last day of the break.")


class Term(StrictModel):
    """One school term: meetings of a term-time body fall between `start` and `end`, outside its breaks."""

    name: str = Field(min_length=1, description="The term, e.g. 'Autumn 2026'.")
    start: CalendarDate = Field(description="The first day of term.")
    end: CalendarDate = Field(description="The last day of term.")
    breaks: list[Break] = Field(default_factory=empty_list, description="Half terms and other breaks within the term.")


class Covers(StrictModel):
    """The period for which the term dates are complete: any day in it outside a term is a holiday."""

    start: CalendarDate = Field(description="The first day the recorded terms account for.")
    end: CalendarDate = Field(description="The last day the recorded terms account for.")


class Closure(StrictModel):
    """Local closure days: one day, or from `start` to `end` inclusive."""

    name: str = Field(min_length=1, description="What the closure is, e.g. 'Christmas shutdown'.")
    start: CalendarDate = Field(description="The first (or only) day closed.")
    end: CalendarDate | None = Field(None, description="The last day closed, for a closure of several days.")

    def days(self) -> Iterator[dt.date]:
        day, last = self.start, self.end or self.start
        while day <= last:
            yield day
            day += dt.timedelta(days=1)


class CalendarRecord(StrictModel):
    """A term-dates or closures calendar in `<bodies>/calendars/`."""

    id: Slug = Field(description="Identifier; equal to the file name without `.yaml`.")
    name: str = Field(min_length=1, description="What the calendar is, e.g. 'Solihull school term dates'.")
    kind: Literal["term-dates", "closures"] = Field(
        description="`term-dates`: school terms for term-time bodies; `closures`: extra non-working days."
    )
    applies_to: list[Slug] = Field(min_length=1, description="Ids of the bodies this calendar applies to.")
    source: str | None = Field(None, description="Where the dates come from (a web page or document).")
    covers: Covers | None = Field(None, description="For `term-dates`: the period the recorded terms account for.")
    terms: list[Term] = Field(default_factory=empty_list, description="For `term-dates`: the terms, in order.")
    closures: list[Closure] = Field(default_factory=empty_list, description="For `closures`: the closure days.")
    notes: list[str] = Field(default_factory=empty_list, description="Anything a reader should know about these dates.")

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind == "term-dates":
            if self.closures:
                raise ValueError(
                    "a `term-dates` calendar has no `closures`; keep closure days in a `closures` calendar"
                )
            if self.terms and self.covers is None:
                raise ValueError("give `covers` (start and end): the period for which these terms are complete")
        elif self.terms or self.covers is not None:
            raise ValueError(
                "a `closures` calendar has no `terms` or `covers`; keep term dates in a `term-dates` calendar"
            )
        return self
