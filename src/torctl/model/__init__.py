"""The ToR model: pydantic v2 models for bodies and the shared agency registry.

Unlike the rest of torctl, the model modules do not use `from __future__ import
annotations`: pydantic would then evaluate every annotation from its text as each
class is made (about 4 ms of every command's start). Names used before their class
is defined are quoted, and validators return `Self`.
"""

from .agencies import STATUTORY_KINDS, Agency, AgencyKind, AgencyRegistry
from .base import PartialDate, Period, StrictModel, split_post_ref
from .body import (
    Administration,
    Body,
    Cadence,
    Deadline,
    Dissolution,
    Duty,
    Meetings,
    Presenter,
    Reporting,
    ReportingLine,
    Review,
    ReviewRecord,
    Source,
    StandingItem,
)
from .decisions import (
    UNSET_QUORUM,
    AllOf,
    AnyOf,
    AtLeast,
    Fraction,
    NoQuorum,
    QuorumNotStated,
    QuorumRule,
    Represented,
    Selector,
    Voting,
)
from .governance import DecisionMaking, Escalation, Governance, MembershipChanges, Publication, Quoted, StandingDocument
from .people import Chair, ClassRule, Member, MemberClass, Rotation, Substitute, SubstitutionRule

__all__ = [
    "STATUTORY_KINDS",
    "UNSET_QUORUM",
    "Administration",
    "Agency",
    "AgencyKind",
    "AgencyRegistry",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Body",
    "Cadence",
    "Chair",
    "ClassRule",
    "Deadline",
    "DecisionMaking",
    "Dissolution",
    "Duty",
    "Escalation",
    "Fraction",
    "Governance",
    "Meetings",
    "Member",
    "MemberClass",
    "MembershipChanges",
    "NoQuorum",
    "PartialDate",
    "Period",
    "Presenter",
    "Publication",
    "QuorumNotStated",
    "QuorumRule",
    "Quoted",
    "Reporting",
    "ReportingLine",
    "Represented",
    "Review",
    "ReviewRecord",
    "Rotation",
    "Selector",
    "Source",
    "StandingDocument",
    "StandingItem",
    "StrictModel",
    "Substitute",
    "SubstitutionRule",
    "Voting",
    "split_post_ref",
]
