"""Posts, the people who hold them, their substitutes, and who chairs.

A membership entry is a *post* (a role in an agency), not a person: people leave,
posts stay. Whether a post votes or counts toward quorum follows from its class
as the body's own ToR defines it (`membership_classes`), overridable per post, so
no rule about observers or attendees is hard-coded anywhere.
"""

from enum import StrEnum
from typing import Literal, Self

from pydantic import Field, model_validator

from .base import PartialDate, Period, PostRef, Slug, StrictModel, TrueOrFalse, WholeNumber, empty_list


class MemberClass(StrEnum):
    """The standing a ToR gives a seat at the table."""

    CORE = "core"
    PARTNER = "partner"
    STAKEHOLDER = "stakeholder"
    ATTENDEE = "attendee"
    PARTICIPANT_OBSERVER = "participant-observer"
    CO_OPTED = "co-opted"
    ADVISER = "adviser"
    SECRETARIAT = "secretariat"


class ClassRule(StrictModel):
    """What one membership class means in this body: does it vote, does it count toward quorum."""

    votes: TrueOrFalse | None = Field(
        description="Whether members of this class have a vote; empty where the ToR is silent."
    )
    counts_for_quorum: TrueOrFalse | None = Field(
        description="Whether members of this class count toward quorum; empty where the ToR is silent."
    )
    attends: Literal["always", "when-relevant", "when-invited"] | None = Field(
        None,
        description="`always`; `when-relevant`: only for relevant items or at the chair's request; `when-invited`: "
        "they are invited to attend; empty: the ToR does not say.",
    )
    text: str | None = Field(None, description="The ToR's own words about this class.")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")


class Substitute(StrictModel):
    """A named person who may attend in a member's place."""

    name: str = Field(min_length=1, description="The substitute's name.")
    role: str | None = Field(None, description="The substitute's own role, if given.")
    agency: Slug | None = Field(None, description="The substitute's agency id; defaults to the member's agency.")
    delegated_authority: TrueOrFalse | None = Field(
        None,
        description="Whether the substitute holds the member's delegated authority, as the ToR gives it; empty: "
        "not stated.",
    )


class Member(StrictModel):
    """One seat on the body: a post in an agency, possibly held by a named person."""

    id: Slug = Field(description="Identifier of the post, unique in this body (attendance and rules use it).")
    role: str = Field(min_length=1, description="The role title as the ToR gives it.")
    agency: Slug | None = Field(None, description="Id of the agency in the registry; empty where the ToR names none.")
    holder: str | None = Field(None, description="Name of the person who holds the post, where the ToR names one.")
    vacancy: Literal["vacant", "to-be-appointed", "to-be-decided"] | None = Field(
        None, description="Set when the post has no holder: vacant, still to be appointed, or still to be decided."
    )
    member_class: MemberClass = Field(
        alias="class", description="Membership class; its meaning is set in `membership_classes`."
    )
    votes: TrueOrFalse | None = Field(None, description="Overrides the class's voting right for this post.")
    counts_for_quorum: TrueOrFalse | None = Field(None, description="Overrides whether this post counts toward quorum.")
    attends: Literal["always", "when-relevant", "when-invited"] | None = Field(
        None, description="Overrides the class's attendance expectation for this post."
    )
    substitutes: list[Substitute] = Field(default_factory=empty_list, description="Named substitutes or deputies.")
    notes: list[str] = Field(
        default_factory=empty_list, description="What the source says or leaves unclear about this post."
    )
    reading: str | None = Field(
        None,
        description=(
            "How torctl reads the source for this post (its agency, class, vacancy), where a value is an "
            "interpretation."
        ),
    )

    @model_validator(mode="after")
    def _holder_or_vacancy(self) -> Self:
        if self.holder and self.vacancy:
            raise ValueError(f"a post cannot both have a holder ({self.holder}) and be {self.vacancy}")
        return self

    @property
    def is_vacant(self) -> bool:
        return self.vacancy is not None

    def label(self) -> str:
        """`Role (Holder)` for messages."""
        return f"{self.role} ({self.holder})" if self.holder else self.role


class SubstitutionRule(StrictModel):
    """The body's rule for who may attend in a member's place, and whether they count."""

    who: Literal["same-agency", "named-substitute", "none", "not-stated"] = Field(
        description=(
            "`same-agency`: a suitable person from the member's agency; `named-substitute`: only a substitute the "
            "member has named; `none`: no substitutes; `not-stated`: the ToR is silent."
        )
    )
    max_named: WholeNumber | None = Field(
        None, ge=1, description="How many named substitutes each member may nominate."
    )
    delegated_authority_required: TrueOrFalse | None = Field(
        None,
        description="`true`: a substitute counts (for quorum and votes) only with the member's delegated authority; "
        "`false`: the ToR says no authority is needed; empty: the ToR does not say.",
    )
    authority_text: str | None = Field(
        None, description="What the authority is, in the ToR's words ('to make decisions on behalf of their agency')."
    )
    called: str | None = Field(
        None, description="What the ToR calls a person attending in a member's place ('deputy', 'substitute')."
    )
    notice: Period | None = Field(None, description="How long before the meeting a substitute must be notified.")
    notify: str | None = Field(None, description="Whom the member tells (the chair, the administrator).")
    text: str | None = Field(None, description="The ToR's own words.")
    reading: str | None = Field(None, description="How torctl reads the text, where the rule is an interpretation.")


class Rotation(StrictModel):
    """A chair that rotates among posts."""

    among: list[PostRef] = Field(min_length=2, description="The posts that take turns to chair.")
    period: Period = Field(description="How long each turn lasts (annual: 12 months).")
    order: list[PostRef] | None = Field(
        None, description="The order of turns, where recorded; empty means not recorded."
    )
    current: PostRef | None = Field(None, description="The post chairing now, where recorded.")
    since: PartialDate | None = Field(None, description="When the current turn began, where recorded.")


class Chair(StrictModel):
    """Who chairs (or deputises): a post, an independent person, a rotation, or a vacancy."""

    mode: Literal["post", "independent", "rotation", "vacant", "not-stated"] = Field(
        description="`post` or `independent` name a post; `rotation` rotates among posts; `vacant` awaits a decision."
    )
    post: PostRef | None = Field(None, description="The chairing post (for `post` and `independent`).")
    rotation: Rotation | None = Field(None, description="The rotation (for `rotation`).")
    text: str | None = Field(None, description="The ToR's own words (e.g. 'To be decided').")
    responsibilities: list[str] = Field(default_factory=empty_list, description="What the ToR asks of the chair.")
    reading: str | None = Field(None, description="How torctl reads the text, where the chair is an interpretation.")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.mode in ("post", "independent") and not self.post:
            raise ValueError(f"a chair of mode '{self.mode}' names its post")
        if self.mode == "rotation" and not self.rotation:
            raise ValueError("a rotating chair gives its rotation")
        if self.mode != "rotation" and self.rotation:
            raise ValueError("only a chair of mode 'rotation' has a rotation")
        if self.mode in ("vacant", "not-stated", "rotation") and self.post:
            raise ValueError(f"a chair of mode '{self.mode}' names no single post")
        return self
