"""Which law fills a gap in a ToR, from the body's legal basis, and what a verdict may cite for it.

A default is cited only where the law that supplies it governs the kind of body
(`Body.legal_basis.kind`): the Local Government Act 1972 Sch. 12 for councils and
their committees (para 39(1) a majority of those present and voting, para 39(2)
the chair's second or casting vote, applied to committees by para 44(1); the
quorum of a principal council, para 6, and of a parish council, para 12; a
committee's quorum is left to the council); the Localism Act 2011 for the members
of councils (s.31(4) a disclosable pecuniary interest, s.33 dispensations); the
1972 Act's meetings are held in person (*Hertfordshire CC v SSHCLG* [2021] EWHC
1093 (Admin)); and the School Governance (Roles, Procedures and Allowances)
(England) Regulations 2013 reg 14 for a maintained school's governing body. For a
safeguarding partnership, an improvement board, a non-statutory board, or a body
whose legal basis is not stated, no statute supplies any of these: a verdict says
the ToR is silent and no law fills the gap, and shows what each reading gives.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Body, Fraction
from ..model.body import LegalKind

LGA = "Local Government Act 1972"
SCHOOLS = "School Governance (Roles, Procedures and Allowances) (England) Regulations 2013"
COUNCILS: tuple[LegalKind, ...] = ("principal-council", "council-committee", "parish-council")

KIND_WORDS: dict[LegalKind, str] = {
    "principal-council": "a principal council",
    "council-committee": "a council committee",
    "parish-council": "a parish council",
    "school-governing-body": "a maintained school's governing body",
    "academy-trust": "an academy trust",
    "nhs-body": "an NHS body",
    "childrens-safeguarding-partnership": "a children's safeguarding partnership",
    "safeguarding-adults-board": "a safeguarding adults board",
    "non-statutory": "a non-statutory board",
    "not-stated": "a body whose legal basis is not recorded",
}


class Provision(NamedTuple):
    """What a law provides where the ToR is silent, in a clause, and where it says so."""

    words: str
    cite: str

    def __str__(self) -> str:
        return f"{self.words} ({self.cite})"


def kind_words(body: Body) -> str:
    """`a children's safeguarding partnership`: the body's legal basis, as a verdict names it."""
    return KIND_WORDS[body.legal_basis.kind]


def no_statute(body: Body) -> str:
    """`no statute supplies one for a non-statutory board`: why a gap stays open."""
    return f"no statute supplies one for {kind_words(body)}"


def _lga(body: Body, paragraph: str) -> str:
    """The 1972 Act's paragraph, and for a committee the paragraph that applies it to committees."""
    applied = ", applied to committees by para 44(1)" if body.legal_basis.kind == "council-committee" else ""
    return f"{LGA} Sch. 12 para {paragraph}{applied}"


def majority(body: Body) -> Provision | None:
    """The majority the law sets where the ToR states none; None where no law governing the body does."""
    kind = body.legal_basis.kind
    if kind in COUNCILS:
        return Provision("a majority of the members present and voting", _lga(body, "39(1)"))
    if kind == "school-governing-body":
        return Provision("a majority of the votes of the governors present and voting", f"{SCHOOLS}, reg 14")
    return None


def casting_vote(body: Body) -> Provision | None:
    """The chair's second or casting vote on equal votes, where the law gives one and the ToR is silent."""
    kind = body.legal_basis.kind
    if kind in COUNCILS:
        return Provision("the person presiding has a second or casting vote", _lga(body, "39(2)"))
    if kind == "school-governing-body":
        return Provision("the chair has a second or casting vote", f"{SCHOOLS}, reg 14")
    return None


def quorum(body: Body) -> tuple[Fraction, Provision] | None:
    """The quorum the law sets where the ToR states none: a council's or parish council's, a school governing
    body's; None for a committee (its council sets it) and for any body no such law governs."""
    match body.legal_basis.kind:
        case "principal-council":
            rule = Fraction.model_construct(
                rule="fraction", numerator=1, denominator=4, rounding="up", exclude_vacancies=False, minimum=0
            )
            return rule, Provision("one quarter of the whole number of members", f"{LGA} Sch. 12 para 6")
        case "parish-council":
            rule = Fraction.model_construct(
                rule="fraction", numerator=1, denominator=3, rounding="up", exclude_vacancies=False, minimum=3
            )
            words = "one third of the whole number of members, and never fewer than three"
            return rule, Provision(words, f"{LGA} Sch. 12 para 12")
        case "school-governing-body":
            rule = Fraction.model_construct(
                rule="fraction", numerator=1, denominator=2, rounding="up", exclude_vacancies=True, minimum=0
            )
            return rule, Provision("one half of the governors, vacancies excluded, rounded up", f"{SCHOOLS}, reg 14")
        case _:
            return None


def interest(body: Body) -> Provision | None:
    """What the law says a member with a disclosable pecuniary interest may do, for a council's members."""
    if body.legal_basis.kind in COUNCILS:
        return Provision(
            "a member with a disclosable pecuniary interest may not take part in the discussion or vote",
            "Localism Act 2011 s.31(4)",
        )
    return None


def dispensation(body: Body) -> Provision | None:
    """What a dispensation allows, for a council's members."""
    if body.legal_basis.kind in COUNCILS:
        return Provision("a dispensation lets the member take part and vote as it allows", "Localism Act 2011 s.33")
    return None


def remote(body: Body) -> Provision | None:
    """Whether someone attending remotely is present, where the law settles it."""
    if body.legal_basis.kind in COUNCILS:
        return Provision(
            "a member attending remotely is not present at the meeting: does not count toward quorum and may not vote",
            f"meetings under the {LGA} are held in person: Hertfordshire CC v SSHCLG [2021] EWHC 1093 (Admin)",
        )
    return None


class VotingLaw(NamedTuple):
    """What the law supplies for a body's votes where its ToR is silent, and why a gap stays open where it does not."""

    majority: Provision | None
    casting: Provision | None
    gap: str  # `no statute supplies one for a non-statutory board`


NO_LAW = VotingLaw(None, None, "no statute is recorded for this body")


def voting_law(body: Body) -> VotingLaw:
    return VotingLaw(majority(body), casting_vote(body), no_statute(body))
