"""Quorum and voting rules as composable data, not strings.

A quorum rule is a tree: `all-of` / `any-of` combine sub-rules; the leaves are
`at-least` N of a selection, `represented` (each listed agency present),
`fraction` of the membership, `none` (the ToR says there is no quorum, with its
reason) and `not-stated` (the ToR is silent: a different fact from `none`). Only members whose class counts toward quorum are ever counted; that
is data in `membership_classes`, so the rules never special-case observers.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from .agencies import AgencyKind
from .base import PostRef, Slug, StrictModel, TrueOrFalse, WholeNumber
from .people import MemberClass


class Selector(StrictModel):
    """Which members a rule speaks of. Every non-empty criterion must match; an empty selector means all."""

    posts: list[PostRef] = Field(default_factory=list, description="These posts (ids).")
    agencies: list[Slug] = Field(default_factory=list, description="Members from these agencies (ids).")
    agency_kinds: list[AgencyKind] = Field(default_factory=list, description="Members from agencies of these kinds.")
    classes: list[MemberClass] = Field(default_factory=list, description="Members of these classes.")

    @property
    def is_everyone(self) -> bool:
        return not (self.posts or self.agencies or self.agency_kinds or self.classes)


class _Rule(StrictModel):
    text: str | None = Field(None, description="The ToR's own words for this clause, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(
        None, description="How torctl reads the text where the rule is an interpretation, not the ToR's words; shown wherever the rule is."
    )


class NoQuorum(_Rule):
    """The ToR sets no quorum (e.g. the chair decides whether the meeting can proceed)."""

    rule: Literal["none"] = Field(description="`none`: no quorum is set.")
    reason: str = Field(min_length=1, description="Why there is no quorum, from the ToR.")


class QuorumNotStated(_Rule):
    """The ToR is silent about quorum. Not the same as `none`, where the ToR itself says there is no quorum."""

    rule: Literal["not-stated"] = Field(description="`not-stated`: the ToR says nothing about a quorum.")
    reason: str | None = Field(None, description="Where torctl looked, e.g. 'the ToR has no quorum section'.")


UNSET_QUORUM = (NoQuorum, QuorumNotStated)
"""The rules under which no meeting is quorate or inquorate: the ToR sets none, or says nothing."""


class AllOf(_Rule):
    """Every sub-rule must hold."""

    rule: Literal["all-of"] = Field(description="`all-of`: every sub-rule must hold.")
    rules: list[QuorumRule] = Field(min_length=1, description="The sub-rules.")


class AnyOf(_Rule):
    """At least one sub-rule must hold."""

    rule: Literal["any-of"] = Field(description="`any-of`: at least one sub-rule must hold.")
    rules: list[QuorumRule] = Field(min_length=1, description="The sub-rules.")


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
    agencies: list[Slug] = Field(default_factory=list, description="Agencies that must each be represented.")
    agency_kinds: list[AgencyKind] = Field(
        default_factory=list,
        description="Every agency of these kinds among the body's counting members must be represented.",
    )

    @model_validator(mode="after")
    def _something(self) -> Represented:
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
    exclude_vacancies: TrueOrFalse = Field(True, description="Vacant posts are left out of the membership the fraction is taken of.")
    minimum: WholeNumber = Field(0, ge=0, description="Never fewer than this many ('and never fewer than three').")

    @model_validator(mode="after")
    def _proper(self) -> Fraction:
        if self.numerator > self.denominator:
            raise ValueError("a fraction of the membership cannot exceed the whole")
        return self


QuorumRule = Annotated[
    Union[NoQuorum, QuorumNotStated, AllOf, AnyOf, AtLeast, Represented, Fraction],
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
    voters: Selector = Field(default_factory=Selector, description="Who may vote (with the members' own voting rights).")
    text: str | None = Field(None, description="The ToR's own words.")
    scope: str | None = Field(
        None,
        description=(
            "Which decisions the rule covers, where the ToR limits it (e.g. 'agreeing a replacement or additional "
            "member'); empty: the rule covers the body's decisions generally."
        ),
    )
    reading: str | None = Field(None, description="How torctl reads the text, where the rule is an interpretation.")

    @model_validator(mode="after")
    def _scope_needs_a_rule(self) -> Voting:
        if self.scope and self.method == "not-stated":
            raise ValueError("`scope` limits a voting rule, but `method` is `not-stated`; give the method the ToR states for that scope")
        return self
