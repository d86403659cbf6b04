"""Meeting-day procedure as data: declared interests, remote attendance, an inquorate meeting, clear days.

Every field is optional and ABSENT means "the ToR does not state it": the eight
bundled bodies state none of these rules, so their data stays as it is and every
verdict that needs a rule says what it assumed in its place (see
`torctl.rules.procedure`, which holds the assumptions in one place).
"""

from typing import Literal, Self

from pydantic import Field, model_validator

from .base import Period, Slug, StrictModel, TrueOrFalse

Ruling = TrueOrFalse | Literal["chair-decides"] | None
"""A yes/no the ToR may leave to the chair: `true`, `false`, `chair-decides`, or empty (not stated)."""


class InterestKind(StrictModel):
    """What a declared interest of one kind does to the member for that item."""

    kind: Slug = Field(
        description="The kind as the ToR names it, e.g. `disclosable-pecuniary`, `other-registrable`, "
        "`non-registrable`, or simply `conflict-of-interest`."
    )
    leaves_room: Ruling = Field(
        None,
        description="Whether the member leaves the room for the item: `true`, `false`, `chair-decides`; "
        "empty: not stated.",
    )
    counts_for_quorum: Ruling = Field(
        None,
        description="Whether the member still counts toward quorum for the item: `true`, `false`, `chair-decides`; "
        "empty: not stated.",
    )
    may_speak: Ruling = Field(
        None,
        description="Whether the member may take part in the discussion: `true`, `false`, `chair-decides`; "
        "empty: not stated.",
    )
    may_vote: Ruling = Field(
        None,
        description="Whether the member may vote on the item: `true`, `false`, `chair-decides`; empty: not stated.",
    )
    may_take_part: Ruling = Field(
        None,
        description="Whether the member may take part in the item at all (speak and vote): `true`, `false`, "
        "`chair-decides` ('the chair decides whether the member may take part'); empty: not stated.",
    )
    text: str | None = Field(None, description="The ToR's own words for this kind of interest.")


class Dispensation(StrictModel):
    """A dispensation lets a member with an interest take part (Localism Act 2011 s.33)."""

    granted_by: str | None = Field(
        None, description="Who grants dispensations (e.g. the monitoring officer, the standards committee)."
    )
    counts_for_quorum: TrueOrFalse | None = Field(
        None, description="Whether a dispensed member counts toward quorum for the item; empty: not stated."
    )
    may_vote: TrueOrFalse | None = Field(
        None, description="Whether a dispensed member may vote on the item; empty: not stated."
    )
    text: str | None = Field(None, description="The ToR's own words about dispensations.")


class Interests(StrictModel):
    """What a declaration of interest does, by kind where the ToR distinguishes kinds."""

    kinds: list[InterestKind] = Field(
        min_length=1, description="The kinds of interest the ToR names, and what each does."
    )
    dispensation: Dispensation | None = Field(None, description="Dispensations, where the ToR provides for them.")
    text: str | None = Field(None, description="The ToR's own words about declarations of interest.")

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        seen: set[str] = set()
        for entry in self.kinds:
            if entry.kind in seen:
                raise ValueError(f"interest kind '{entry.kind}' is listed twice")
            seen.add(entry.kind)
        return self

    def kind(self, name: str) -> InterestKind | None:
        return next((k for k in self.kinds if k.kind == name), None)


class RemoteAttendance(StrictModel):
    """Whether members may attend remotely (video or telephone), and whether they then count and vote."""

    allowed: TrueOrFalse | None = Field(
        None, description="Whether members may attend remotely at all; empty: not stated."
    )
    counts_for_quorum: TrueOrFalse | None = Field(
        None, description="Whether a remote attendee counts toward quorum; empty: not stated."
    )
    may_vote: TrueOrFalse | None = Field(None, description="Whether a remote attendee may vote; empty: not stated.")
    substitutes: TrueOrFalse | None = Field(
        None, description="Whether a substitute may attend remotely on the same terms as a member; empty: not stated."
    )
    text: str | None = Field(None, description="The ToR's own words about remote attendance.")


class Inquorate(StrictModel):
    """What happens when a meeting is not quorate, or stops being quorate."""

    action: Literal["adjourn", "business-lapses", "chair-decides", "continue-informally"] = Field(
        description="`adjourn`: the meeting is adjourned; `business-lapses`: the remaining business goes to the next "
        "meeting; `chair-decides`: the chair decides; `continue-informally`: it may continue but take no decisions."
    )
    after: Period | None = Field(
        None,
        description="How long after the start the meeting may wait for a quorum (e.g. 15 minutes); empty: not stated.",
    )
    text: str | None = Field(None, description="The ToR's own words.")


class UrgentBusiness(StrictModel):
    """Whether business not on the agenda may be taken as urgent, and who decides."""

    allowed: Ruling = Field(
        None,
        description="`true`, `false`, or `chair-decides` (the chair decides whether it is taken); empty: not stated.",
    )
    text: str | None = Field(None, description="The ToR's own words about urgent or other business.")


class Procedure(StrictModel):
    """The body's meeting-day rules; any part left out is one the ToR does not state."""

    interests: Interests | None = Field(
        None, description="What a declared interest does; empty: the ToR does not state it."
    )
    remote: RemoteAttendance | None = Field(None, description="Remote attendance; empty: the ToR does not state it.")
    inquorate: Inquorate | None = Field(None, description="What happens at an inquorate meeting; empty: not stated.")
    clear_days: Literal["every-day", "excluding-weekends", "excluding-weekends-and-bank-holidays"] | None = Field(
        None,
        description="Which days count as clear days for notices given in `clear_days`: `every-day`, "
        "`excluding-weekends`, or `excluding-weekends-and-bank-holidays`; empty: not stated.",
    )
    urgent_business: UrgentBusiness | None = Field(
        None, description="Urgent business not on the agenda; empty: the ToR does not state it."
    )
    text: str | None = Field(None, description="The ToR's own words about meeting procedure.")
