"""The governance rules a ToR states beyond quorum and voting: who decides, how membership changes,
escalation, members' duties and the standing documents the body keeps.

Each rule carries the ToR's own words (`text`, quoted exactly; `...` marks a cut)
and, where a value is an interpretation, a `reading` saying so. Where the ToR is
silent the field stays empty (or `None` for a yes/no), so nothing is invented.
"""

from typing import Self

from pydantic import Field, model_validator

from .base import Period, StrictModel, TrueOrFalse, empty_list


class Quoted(StrictModel):
    """A rule held only as the ToR's words, e.g. one of the members' duties."""

    text: str = Field(min_length=1, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where that is an interpretation.")


class DecisionMaking(StrictModel):
    """Whether the body takes decisions itself, and what its members may commit their agencies to."""

    decides: TrueOrFalse | None = Field(
        None,
        description=(
            "`true`: the body takes decisions; `false`: it does not (it advises, recommends, or its decisions are "
            "taken elsewhere); empty: the ToR does not say."
        ),
    )
    routed_to: str | None = Field(
        None, description="Where the body's formal decisions are taken instead, in the ToR's terms."
    )
    members_commit_agency: TrueOrFalse | None = Field(
        None,
        description=(
            "Whether members may themselves commit their own agency (speak for it, decide for it) without referring "
            "upwards; empty: the ToR does not say."
        ),
    )
    members_authority: list[str] = Field(
        default_factory=empty_list, description="What members may do on their agency's behalf, in the ToR's words."
    )
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")

    @model_validator(mode="after")
    def _routed_means_not_deciding(self) -> Self:
        if self.routed_to and self.decides is not False:
            raise ValueError("`routed_to` says where decisions are taken instead, so `decides` must be `false`")
        return self


class MembershipChanges(StrictModel):
    """How members are added, replaced or co-opted, and by whom."""

    agreed_by: str | None = Field(None, description="Who agrees changes to the membership, as the ToR says.")
    method: str | None = Field(None, description="How they are agreed, where the ToR says (e.g. 'by consensus').")
    recommended_by: str | None = Field(None, description="Who recommends membership changes, where the ToR says.")
    co_option: str | None = Field(None, description="Whom the body may invite or co-opt, and on what terms.")
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")


class Escalation(StrictModel):
    """An issue the body escalates or resolves, and to whom it goes."""

    issue: str = Field(
        min_length=1, description="What is escalated or resolved (e.g. 'issues the DSPs cannot agree on')."
    )
    to: str | None = Field(None, description="To whom, where the ToR says.")
    when: str | None = Field(None, description="When, where the ToR says ('at the earliest opportunity').")
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")


class StandingDocument(StrictModel):
    """A document the body keeps or publishes as part of its governance (action log, forward plan, risk log)."""

    title: str = Field(min_length=1, description="The document.")
    kept_by: str | None = Field(None, description="Who keeps it, where the ToR says.")
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")


class Publication(StrictModel):
    """A report that is published or sent out, with its recipients (a website, the partners)."""

    title: str = Field(min_length=1, description="The report.")
    by: str | None = Field(None, description="Who produces it, as the ToR says.")
    every: Period | None = Field(None, description="How often, where the ToR says.")
    recipients: list[str] = Field(default_factory=empty_list, description="Who receives it or where it is published.")
    text: str | None = Field(None, description="The ToR's own words, quoted exactly ('...' marks a cut).")
    reading: str | None = Field(None, description="How torctl reads the text, where a value here is an interpretation.")


class Governance(StrictModel):
    """The governance rules of a body that are neither quorum nor voting. Empty parts: the ToR is silent."""

    decision_making: DecisionMaking = Field(
        default_factory=DecisionMaking,
        description="Whether the body decides, and members' authority to commit their agencies.",
    )
    membership_changes: MembershipChanges | None = Field(
        None, description="How membership changes and co-option are agreed."
    )
    escalation: list[Escalation] = Field(default_factory=empty_list, description="Escalation and dispute resolution.")
    member_duties: list[Quoted] = Field(
        default_factory=empty_list, description="What every member commits to (not only the chair)."
    )
    documents: list[StandingDocument] = Field(
        default_factory=empty_list, description="Standing governance documents the body keeps."
    )
    publications: list[Publication] = Field(
        default_factory=empty_list, description="Reports published or sent out, and to whom."
    )
