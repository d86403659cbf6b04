"""Quorum and voting rules as composable data, not strings.

A quorum rule is a tree: `all-of` / `any-of` combine sub-rules; the leaves are
`at-least` N of a selection, `represented` (each listed agency present),
`fraction` of the membership, `none` (the ToR says there is no quorum, with its
reason) and `not-stated` (the ToR is silent: a different fact from `none`).
Only members whose class counts toward quorum are ever counted; that is data
in `membership_classes`, so the rules never special-case observers.
"""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from .agencies import AgencyKind
from .base import PostRef, Slug, StrictModel, TrueOrFalse, WholeNumber, empty_list
from .people import MemberClass


class Selector(StrictModel):
    """Which members a rule speaks of. Every non-empty criterion must match; an empty selector means all."""

    posts: list[PostRef] = Field(default_factory=empty_list, description="These posts (ids).")
    agencies: list[Slug] = Field(default_factory=empty_list, description="Members from these agencies (ids).")
    agency_kinds: list[AgencyKind] = Field(
        default_factory=empty_list, description="Members from agencies of these kinds."
    )
    classes: list[MemberClass] = Field(default_factory=empty_list, description="Members of these classes.")

    @property
    def is_everyone(self) -> bool:
        return not (self.posts or self.agencies or self.agency_kinds or self.classes)


class _Rule(StrictModel):
    text: str | None = Field(
        None, description="The ToR's own words for this clause, quoted exactly ('...' marks a cut)."
    )
    reading: str | None = Field(
        None,
        description=(
            "How torctl reads the text where the rule is an interpretation, not the ToR's words; shown wherever the "
            "rule is."
        ),
    )


class NoQuorum(_Rule):
    """The ToR sets no quorum (e.g. the chair decides whether the meeting can proceed)."""

    rule: Literal["none"] = Field(description="`none`: no quorum is set.")
    reason: str = Field(min_length=1, description="Why there is no quorum, from the ToR.")
    decided_by: Literal["chair"] | None = Field(
        None, description="`chair`: the chair decides whether the meeting can go ahead; empty: the ToR does not say."
    )


class QuorumNotStated(_Rule):
    """The ToR is silent about quorum. Not the same as `none`, where the ToR itself says there is no quorum."""

    rule: Literal["not-stated"] = Field(description="`not-stated`: the ToR says nothing about a quorum.")
    reason: str | None = Field(None, description="Where torctl looked, e.g. 'the ToR has no quorum section'.")


UNSET_QUORUM = (NoQuorum, QuorumNotStated)
"""The rules under which no meeting is quorate or inquorate: the ToR sets none, or says nothing."""


class AllOf(_Rule):
    """Every sub-rule must hold."""

    rule: Literal["all-of"] = Field(description="`all-of`: every sub-rule must hold.")
    rules: list["QuorumRule"] = Field(min_length=1, description="The sub-rules.")


class AnyOf(_Rule):
    """At least one sub-rule must hold."""

    rule: Literal["any-of"] = Field(description="`any-of`: at least one sub-rule must hold.")
    rules: list["QuorumRule"] = Field(min_length=1, description="The sub-rules.")


class AtLeast(_Rule):
    """At least N counting members (or N distinct agencies) from a selection are present."""

    rule: Literal["at-least"] = Field(description="`at-least`: at least N members or agencies.")
    count: WholeNumber = Field(ge=1, description="How many are needed.")
    of: Selector = Field(default_factory=Selector, description="From whom; empty means the whole counting membership.")
    counting: Literal["members", "agencies"] = Field(
        "members", description="Count people (`members`) or distinct agencies represented (`agencies`)."
    )


class Represented(_Rule):
    """Each of these agencies has at least one counting member (or valid substitute) present."""

    rule: Literal["represented"] = Field(description="`represented`: each listed agency is represented.")
    agencies: list[Slug] = Field(default_factory=empty_list, description="Agencies that must each be represented.")
    agency_kinds: list[AgencyKind] = Field(
        default_factory=empty_list,
        description="Every agency of these kinds among the body's counting members must be represented.",
    )

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not self.agencies and not self.agency_kinds:
            raise ValueError("name the agencies or agency kinds that must be represented")
        return self


class Fraction(_Rule):
    """A fraction of the counting membership, rounded, with an optional floor."""

    rule: Literal["fraction"] = Field(description="`fraction`: a fraction of the membership.")
    numerator: WholeNumber = Field(ge=1, description="E.g. 1 for one quarter.")
    denominator: WholeNumber = Field(ge=1, description="E.g. 4 for one quarter.")
    of: Selector = Field(default_factory=Selector, description="Of whom; empty means the whole counting membership.")
    rounding: Literal["up", "down", "nearest"] = Field("up", description="How a fractional head-count is rounded.")
    exclude_vacancies: TrueOrFalse = Field(
        True, description="Vacant posts are left out of the membership the fraction is taken of."
    )
    minimum: WholeNumber = Field(0, ge=0, description="Never fewer than this many ('and never fewer than three').")

    @model_validator(mode="after")
    def _proper(self) -> Self:
        if self.numerator > self.denominator:
            raise ValueError("a fraction of the membership cannot exceed the whole")
        return self


QuorumRule = Annotated[
    NoQuorum | QuorumNotStated | AllOf | AnyOf | AtLeast | Represented | Fraction,
    Field(discriminator="rule"),
]
# AllOf and AnyOf refer to QuorumRule before it exists; with `defer_build` pydantic
# resolves it when a rule is first validated, so no eager model_rebuild() is needed.


class Voting(StrictModel):
    """How the body votes, where it votes at all."""

    method: Literal["one-per-member", "one-per-agency", "consensus", "not-stated"] = Field(
        description=(
            "`one-per-member`: each voting member present has a vote; `one-per-agency`: each agency in `voters` "
            "has one vote however many of its people attend; `consensus`: decisions by consensus, no votes; "
            "`not-stated`: the ToR is silent."
        )
    )
    voters: Selector = Field(
        default_factory=Selector, description="Who may vote (with the members' own voting rights)."
    )
    text: str | None = Field(None, description="The ToR's own words.")
    scope: str | None = Field(
        None,
        description=(
            "Which decisions the rule covers, where the ToR limits it (e.g. 'agreeing a replacement or additional "
            "member'); empty: the rule covers the body's decisions generally."
        ),
    )
    reading: str | None = Field(None, description="How torctl reads the text, where the rule is an interpretation.")

    majority: "Majority | None" = Field(
        None, description="The majority an ordinary decision needs; empty: the ToR does not state it."
    )
    abstentions: Literal["not-cast", "count-against"] | None = Field(
        None,
        description="`not-cast`: an abstention is not a vote cast; `count-against`: abstentions count as votes "
        "against; empty: not stated.",
    )
    ties: Literal["casting-vote", "not-carried"] | None = Field(
        None,
        description="On equal votes: `casting-vote`: the chair has a second or casting vote; `not-carried`: the "
        "proposal falls; empty: not stated.",
    )
    casting: Literal["may", "must"] | None = Field(
        None,
        description="With `ties: casting-vote`: whether the chair `may` or `must` use the casting vote; empty: not "
        "stated.",
    )
    chair_ordinary_vote: TrueOrFalse | None = Field(
        None, description="Whether the chair also has an ordinary vote (besides any casting vote); empty: not stated."
    )
    special_majorities: list["SpecialMajority"] = Field(
        default_factory=empty_list,
        description="Kinds of decision that need a different majority (e.g. changing the ToR).",
    )

    @model_validator(mode="after")
    def _distinct_kinds(self) -> Self:
        kinds = [s.kind for s in self.special_majorities]
        twice = sorted({k for k in kinds if kinds.count(k) > 1})
        if twice:
            raise ValueError(f"special majority kind {', '.join(repr(k) for k in twice)} is listed twice")
        return self

    @model_validator(mode="after")
    def _scope_needs_a_rule(self) -> Self:
        if self.scope and self.method == "not-stated":
            raise ValueError(
                "`scope` limits a voting rule, but `method` is `not-stated`; give the method the ToR states for that "
                "scope"
            )
        return self

    def special(self, kind: str) -> "SpecialMajority | None":
        return next((s for s in self.special_majorities if s.kind == kind), None)


class Majority(StrictModel):
    """The share of a base that carries a decision: "a simple majority of those present and voting", "two-thirds of the membership"."""  # noqa: E501 - the schema's description

    of: Literal["present-and-voting", "present", "membership", "whole-membership"] = Field(
        description="The base: `present-and-voting` (votes cast for and against); `present` (voting members present, "
        "so abstaining counts against); `membership` (voting posts, vacancies left out); `whole-membership` "
        "(voting posts including vacancies)."
    )
    numerator: WholeNumber = Field(
        1, ge=1, description="With `denominator`, the share: 1/2 for a majority, 2/3 for two-thirds."
    )
    denominator: WholeNumber = Field(2, ge=1, description="See `numerator`.")
    bound: Literal["more-than", "at-least"] = Field(
        "more-than",
        description="`more-than` the share (a majority: more than half) or `at-least` the share (two-thirds).",
    )
    text: str | None = Field(None, description="The ToR's own words.")

    @model_validator(mode="after")
    def _proper(self) -> Self:
        if self.numerator > self.denominator:
            raise ValueError("a majority cannot be more than the whole")
        if self.bound == "more-than" and self.numerator == self.denominator:
            raise ValueError("more than the whole can never be reached; use `bound: at-least` for unanimity")
        return self


class SpecialMajority(StrictModel):
    """A kind of decision that needs a different majority from ordinary business."""

    kind: Slug = Field(
        description="The kind of decision, e.g. `change-tor`; `torctl vote --kind` and meeting records name it."
    )
    description: str | None = Field(None, description="What decisions of this kind are, in words.")
    majority: Majority = Field(description="The majority this kind of decision needs.")
    text: str | None = Field(None, description="The ToR's own words.")
