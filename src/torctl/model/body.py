"""The terms of reference of one body: the top-level model of a `bodies/*.yaml` file."""

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import Field, field_validator, model_validator

from .base import (
    CalendarDate,
    PartialDate,
    Period,
    PostRef,
    Slug,
    StrictModel,
    TimeOfDay,
    TrueOrFalse,
    WholeNumber,
    empty_list,
)
from .decisions import QuorumRule, Selector, Voting
from .governance import Governance
from .people import Chair, ClassRule, Member, MemberClass, SubstitutionRule
from .procedure import Procedure


class Source(StrictModel):
    """Where the encoding came from, so every fact can be traced to a document."""

    document: str = Field(min_length=1, description="Title of the source document.")
    seed: str | None = Field(None, description="File the text was encoded from, where kept.")
    version: str | None = Field(None, description="The document's version, as it gives it.")
    as_at: PartialDate | None = Field(None, description="'These are the arrangements as at ...'.")
    approved: PartialDate | None = Field(None, description="When the ToR was approved.")
    section: str | None = Field(None, description="Where in a larger document this ToR sits.")


class Cadence(StrictModel):
    """How often the body meets."""

    frequency: Literal["weekly", "monthly", "bi-monthly", "quarterly", "per-year", "every-n-weeks"] = Field(
        description="The rhythm of ordinary meetings."
    )
    times_per_year: WholeNumber | None = Field(
        None, ge=1, le=52, description="For `per-year`: how many meetings a year."
    )
    weeks: WholeNumber | None = Field(None, ge=1, le=52, description="For `every-n-weeks`: the interval in weeks.")
    term_time_only: TrueOrFalse | None = Field(
        None, description="`true`: meetings fall only in school terms; empty: the ToR does not say."
    )
    unless_agreed_otherwise: TrueOrFalse | None = Field(
        None, description="`true`: the body may agree a different rhythm; empty: the ToR does not say."
    )
    text: str | None = Field(None, description="The ToR's own words.")
    reading: str | None = Field(
        None, description="How torctl reads the text (e.g. 'bi-monthly'), where it is an interpretation."
    )

    @model_validator(mode="after")
    def _parameters(self) -> Self:
        if self.frequency == "per-year" and self.times_per_year is None:
            raise ValueError("a `per-year` cadence gives `times_per_year`")
        if self.frequency == "every-n-weeks" and self.weeks is None:
            raise ValueError("an `every-n-weeks` cadence gives `weeks`")
        if self.frequency != "per-year" and self.times_per_year is not None:
            raise ValueError("`times_per_year` goes only with frequency `per-year`")
        if self.frequency != "every-n-weeks" and self.weeks is not None:
            raise ValueError("`weeks` goes only with frequency `every-n-weeks`")
        return self


class Meetings(StrictModel):
    """When and where the body meets."""

    cadence: Cadence | None = Field(None, description="The rhythm of ordinary meetings; empty where the ToR is silent.")
    pattern: str | None = Field(
        None, description="An RFC 5545 RRULE for the meeting days, e.g. `FREQ=MONTHLY;BYDAY=+2TU` (second Tuesday)."
    )
    dates: list[CalendarDate] = Field(default_factory=empty_list, description="Explicit meeting dates, where agreed.")
    special_meetings: str | None = Field(None, description="Who may call special or extra meetings, and how.")
    schedule_review: Period | None = Field(None, description="When the meeting schedule itself is reviewed.")
    venue: str | None = Field(None, description="The usual venue.")
    changes_notice: str | None = Field(
        None, description="How members are told of a change to a meeting's date, time or venue, in the ToR's words."
    )
    text: str | None = Field(None, description="The ToR's own words.")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")

    @field_validator("pattern")
    @classmethod
    def _pattern_is_an_rrule(cls, pattern: str | None) -> str | None:
        """A pattern that would fail when a schedule is made (`FREQ=SOMETIMES`) fails validation instead."""
        if pattern is None:
            return None
        from dateutil.rrule import rrulestr  # only for a body that records a pattern

        try:
            rrulestr(pattern.strip(), dtstart=dt.datetime(2000, 1, 1), forceset=True, ignoretz=True)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"meetings.pattern {pattern!r} is not a valid RRULE ({exc}); "
                "write it like FREQ=MONTHLY;BYDAY=+2TU (the second Tuesday of each month)"
            ) from None
        return pattern


class Deadline(StrictModel):
    """A deadline relative to a meeting: papers before it, minutes after it."""

    period: Period | None = Field(None, description="How far from the meeting; empty where the ToR gives no figure.")
    bound: Literal["at-least", "within", "exactly"] = Field(
        "exactly", description="'At least five working days ahead', 'within two weeks', 'one week after'."
    )
    text: str | None = Field(None, description="The ToR's own words.")
    time: TimeOfDay | None = Field(
        None, description="A time of day on the due date, in quotes ('12:00': by noon); empty: none stated."
    )


class Administration(StrictModel):
    """How papers and minutes move, and who supports the body."""

    papers: Deadline | None = Field(None, description="When the agenda and papers go out, before the meeting.")
    minutes: Deadline | None = Field(None, description="When minutes are circulated, after the meeting.")
    minutes_agreed_by: PostRef | Literal["chair", "body", "not-stated"] = Field(
        "not-stated", description="Who agrees the minutes before they go out."
    )
    minuted_by: str | None = Field(None, description="Who takes the minutes.")
    supported_by: str | None = Field(None, description="Who supports and organises the meetings.")
    agenda_by: str | None = Field(None, description="Who prepares the agenda.")
    notes: list[str] = Field(default_factory=empty_list, description="Other administrative arrangements.")


class Presenter(Selector):
    """Who presents a standing item: members matching the selector, `count` of them."""

    count: WholeNumber = Field(1, ge=1, description="How many of them present (one 'health or police DSP').")
    description: str | None = Field(None, description="The rule in words, e.g. 'a health or police DSP'.")


class StandingItem(StrictModel):
    """An item on every agenda, perhaps presented by a rule or arriving from another body."""

    title: str = Field(min_length=1, description="The agenda item.")
    presenter: Presenter | None = Field(None, description="Who presents it.")
    from_body: Slug | None = Field(
        None, description="The body that sends this item (e.g. a subgroup's highlight report)."
    )
    every_meeting: TrueOrFalse = Field(
        True, description="Whether the item is on every agenda (a standing item is, unless the ToR says otherwise)."
    )
    text: str | None = Field(None, description="The ToR's own words.")
    reading: str | None = Field(
        None, description="How torctl reads the text (e.g. who the presenters are), where it is an interpretation."
    )


class Duty(StrictModel):
    """A recurring task the ToR gives someone, e.g. the chair's six-weekly diagnostic reviews."""

    title: str = Field(min_length=1, description="The task.")
    by: PostRef | None = Field(None, description="The post that carries it out.")
    by_text: str | None = Field(None, description="Who carries it out, where not a post of this body.")
    every: Period | None = Field(None, description="How often.")
    reports_to_body: TrueOrFalse | None = Field(
        None, description="Whether findings are reported to the body; empty: the ToR does not say."
    )
    text: str | None = Field(None, description="The ToR's own words.")


class ReportingLine(StrictModel):
    """A line of accountability to or from another body of torctl's, or an external one by name."""

    body: Slug | None = Field(None, description="Id of another body in `bodies/`.")
    external: str | None = Field(None, description="Name of a body torctl does not hold.")
    via: str | None = Field(None, description="Through whom the report goes.")
    what: str | None = Field(None, description="What is reported.")
    relation: Literal["reports-to", "accountable-to"] = Field(
        "reports-to",
        description=(
            "`accountable-to`: the ToR says the body is accountable to the target; `reports-to`: it reports (or sends "
            "reports) to it. Only `reports_to` lines may be `accountable-to`."
        ),
    )
    how_often: str | None = Field(
        None, description="How often, as the ToR says ('to each LSCP meeting'); empty: not stated."
    )
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where the line is an interpretation.")

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if bool(self.body) == bool(self.external):
            raise ValueError("a reporting line names either `body` or `external`, not both or neither")
        return self

    @property
    def target(self) -> str:
        return self.body or self.external or ""


class Reporting(StrictModel):
    """Reporting lines."""

    reports_to: list[ReportingLine] = Field(default_factory=empty_list, description="Where this body reports.")
    receives_from: list[ReportingLine] = Field(default_factory=empty_list, description="Who reports to this body.")

    @model_validator(mode="after")
    def _accountability_points_up(self) -> Self:
        if any(line.relation == "accountable-to" for line in self.receives_from):
            raise ValueError(
                "`relation: accountable-to` goes on a `reports_to` line (the body is accountable to its target)"
            )
        return self


class ReviewRecord(StrictModel):
    """One completed review of the ToR."""

    date: PartialDate = Field(description="When the review was completed.")
    by: str | None = Field(None, description="Who carried out or approved it.")
    notes: str | None = Field(None, description="What changed.")


class Review(StrictModel):
    """When the ToR itself is reviewed."""

    cadence: Period | None = Field(None, description="How often the ToR is reviewed (12 months: annually).")
    at_least: TrueOrFalse | None = Field(
        None, description="`true`: the cadence is a minimum ('at least annually'); empty: the ToR does not say."
    )
    last_reviewed: PartialDate | None = Field(None, description="When it was last reviewed (month precision allowed).")
    next_due: PartialDate | None = Field(None, description="When the next review is due (month precision allowed).")
    unknown_reason: str | None = Field(None, description="Why the review date is unknown, where it is.")
    approved_by: str | None = Field(None, description="Who agrees or approves changes to the ToR.")
    history: list[ReviewRecord] = Field(default_factory=empty_list, description="Reviews recorded since encoding.")
    text: str | None = Field(None, description="The ToR's own words.")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")

    def latest_review(self) -> PartialDate | None:
        """The most recent review: the last recorded in `history`, or `last_reviewed`."""
        dates = [r.date for r in self.history] + ([self.last_reviewed] if self.last_reviewed else [])
        return max(dates, key=lambda d: (d.first_day, d.day is not None), default=None)

    def next_review_due(self) -> PartialDate | None:
        """`next_due` where the ToR gives it, else the latest review plus the cadence (keeping its precision)."""
        if self.next_due is not None:
            return self.next_due
        latest = self.latest_review()
        if latest is None or self.cadence is None:
            return None
        if self.cadence.months is not None:
            return latest.add_months(self.cadence.months)
        if self.cadence.weeks is not None or self.cadence.days is not None:
            days = (self.cadence.weeks or 0) * 7 + (self.cadence.days or 0)
            start = latest.first_day if latest.day is not None else latest.last_day
            due = start + dt.timedelta(days=days)
            return PartialDate(due.year, due.month, due.day)
        return None

    @model_validator(mode="after")
    def _known_or_why(self) -> Self:
        if self.cadence is None and self.last_reviewed is None and self.next_due is None and not self.unknown_reason:
            raise ValueError("give a review cadence or date, or `unknown_reason` saying why there is none")
        return self


class Dissolution(StrictModel):
    """How the body ends."""

    condition: str = Field(min_length=1, description="When the body may be dissolved.")
    decided_by: str | None = Field(None, description="Who decides.")
    dissolved_on: PartialDate | None = Field(None, description="When it was dissolved, if it has been.")
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")


LegalKind = Literal[
    "principal-council",
    "council-committee",
    "parish-council",
    "school-governing-body",
    "academy-trust",
    "nhs-body",
    "childrens-safeguarding-partnership",
    "safeguarding-adults-board",
    "non-statutory",
    "not-stated",
]


class LegalBasis(StrictModel):
    """What kind of body this is in law: it decides which statutory defaults exist and what a verdict may cite."""

    kind: LegalKind = Field(
        "not-stated",
        description="`principal-council` or `council-committee` (Local Government Act 1972), `parish-council`, "
        "`school-governing-body` (a maintained school's), `academy-trust`, `nhs-body`, "
        "`childrens-safeguarding-partnership` (Children Act 2004 as amended), `safeguarding-adults-board` "
        "(Care Act 2014), `non-statutory` (a board no statute constitutes), or `not-stated`.",
    )
    under: str | None = Field(
        None, description="The law it is made under, in words ('Children Act 2004, s.16E'); empty: not stated."
    )
    parent: str | None = Field(
        None, description="The body it belongs to or was set up by, in words ('a subgroup of the LSCP')."
    )
    text: str | None = Field(None, description="The ToR's own words about its status.")
    reading: str | None = Field(
        None, description="How torctl reads the source, where the kind is an interpretation (it usually is)."
    )


class OpenQuestion(StrictModel):
    """Something an import or an encoder could not settle: a passage not yet data, or a reading to confirm."""

    kind: Literal["to-do", "confirm"] = Field(
        description="`to-do`: a passage not turned into data; `confirm`: a reading someone must confirm."
    )
    field: str | None = Field(
        None, description="The schema path it probably belongs to, e.g. `quorum` or `administration.papers`."
    )
    words: str = Field(min_length=1, description="The source's words, verbatim.")
    note: str | None = Field(None, description="What is open, in a sentence.")


NOT_STATED = "not-stated"


class Body(StrictModel):
    """The terms of reference of one board, partnership or group."""

    id: Slug = Field(description="Identifier; equal to the file name without `.yaml`.")
    name: str = Field(min_length=1, description="Full name of the body.")
    short_name: str | None = Field(None, description="Short name or acronym.")
    partnership: str | None = Field(None, description="The partnership or organisation it belongs to.")
    status: Literal["active", "dissolved", "proposed", "not-stated"] = Field(
        description="Whether the body is running; `not-stated` where the source does not say (a ToR rarely does)."
    )
    jurisdiction: Literal["england-and-wales", "scotland", "northern-ireland"] = Field(
        "england-and-wales", description="Whose bank holidays define working days."
    )
    source: Source = Field(description="The document this encoding comes from.")
    legal_basis: LegalBasis = Field(
        default_factory=LegalBasis, description="What kind of body this is in law; empty: not stated."
    )
    purpose: Annotated[list[str], Field(min_length=1)] | Literal["not-stated"] = Field(
        description="What the body is for; `not-stated` where the ToR has no purpose."
    )
    responsibilities: list[str] = Field(default_factory=empty_list, description="What it does, as listed in the ToR.")
    membership_classes: dict[MemberClass, ClassRule] = Field(
        description="What each membership class used in this body means: votes, counts for quorum, attendance."
    )
    members: list[Member] = Field(min_length=1, description="The posts on the body.")
    substitution: SubstitutionRule = Field(description="Who may attend in a member's place, and whether they count.")
    chair: Chair = Field(description="Who chairs.")
    deputy_chair: Chair | None = Field(None, description="Who deputises; empty where the ToR names no deputy.")
    quorum: QuorumRule = Field(description="When a meeting is quorate.")
    voting: Voting = Field(description="How decisions are voted on.")
    procedure: Procedure = Field(
        default_factory=Procedure,
        description="Meeting-day rules: declared interests, remote attendance, an inquorate meeting, clear days.",
    )
    meetings: Meetings = Field(description="When and where the body meets.")
    administration: Administration = Field(default_factory=Administration, description="Papers, minutes and support.")
    standing_items: list[StandingItem] = Field(default_factory=empty_list, description="Items on every agenda.")
    duties: list[Duty] = Field(default_factory=empty_list, description="Recurring tasks the ToR assigns.")
    reporting: Reporting = Field(default_factory=Reporting, description="Reporting lines.")
    review: Review = Field(description="When the ToR is reviewed.")
    governance: Governance = Field(
        default_factory=Governance,
        description=(
            "Who decides, membership changes, escalation, members' duties, standing documents and publications."
        ),
    )
    dissolution: Dissolution | None = Field(None, description="How the body may be dissolved.")
    notes: list[str] = Field(
        default_factory=empty_list, description="What the source leaves ambiguous, and how it was read."
    )
    open_questions: list[OpenQuestion] = Field(
        default_factory=empty_list,
        description="Passages not yet turned into data and readings to confirm; each is a warning until resolved.",
    )

    @property
    def purposes(self) -> list[str]:
        """The purposes the ToR states; empty where it states none."""
        return [] if self.purpose == NOT_STATED else list(self.purpose)

    def member(self, post_id: str) -> Member | None:
        return next((m for m in self.members if m.id == post_id), None)

    @property
    def status_of_note(self) -> str | None:
        """The status where it is news to a reader (dissolved, proposed); None for active or not stated."""
        return None if self.status in ("active", "not-stated") else self.status

    def class_rule(self, member: Member) -> ClassRule | None:
        return self.membership_classes.get(member.member_class)

    def votes(self, member: Member) -> bool | None:
        """The member's voting right: True, False, or None where the ToR does not say."""
        if member.votes is not None:
            return member.votes
        rule = self.class_rule(member)
        return rule.votes if rule else None

    def counts_for_quorum(self, member: Member) -> bool:
        if member.counts_for_quorum is not None:
            return member.counts_for_quorum
        rule = self.class_rule(member)
        return bool(rule and rule.counts_for_quorum)

    def attends(self, member: Member) -> str | None:
        """`always`, `when-relevant`, `when-invited`, or None where the ToR does not say."""
        if member.attends is not None:
            return member.attends
        rule = self.class_rule(member)
        return rule.attends if rule else None

    def expected(self, member: Member) -> bool:
        """Whether the post is expected at every meeting: unless the ToR says it attends only when relevant or
        invited (where it says nothing, a member is expected; verdicts that rely on it say so)."""
        return self.attends(member) not in ("when-relevant", "when-invited")

    def counting_members(self) -> list[Member]:
        """Members who count toward quorum and whose post is filled or could be."""
        return [m for m in self.members if self.counts_for_quorum(m) and not m.is_vacant]
