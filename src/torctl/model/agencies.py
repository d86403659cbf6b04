"""The shared agency registry: councils, health bodies, police, schools, government.

Bodies refer to agencies by id so that several bodies of one partnership agree on
who the statutory partners are, and quorum rules can speak of agency kinds.
"""

from enum import StrEnum

from pydantic import Field

from .base import PartialDate, Slug, StrictModel, empty_list


class AgencyKind(StrEnum):
    """What an agency is to a safeguarding partnership or improvement board."""

    STATUTORY_LOCAL_AUTHORITY = "statutory-local-authority"
    STATUTORY_HEALTH = "statutory-health"
    STATUTORY_POLICE = "statutory-police"
    RELEVANT_AGENCY = "relevant-agency"
    GOVERNMENT = "government"
    INDEPENDENT = "independent"
    POLITICAL = "political"
    OTHER = "other"


STATUTORY_KINDS = frozenset(
    {AgencyKind.STATUTORY_LOCAL_AUTHORITY, AgencyKind.STATUTORY_HEALTH, AgencyKind.STATUTORY_POLICE}
)


class Agency(StrictModel):
    """One organisation (or a recognised part of one, such as a council's political executive)."""

    id: Slug = Field(description="Identifier that bodies use to refer to this agency.")
    name: str = Field(min_length=1, description="The agency's full name as the sources give it.")
    short_name: str | None = Field(None, description="A short form for tables, e.g. 'SMBC'.")
    kind: AgencyKind = Field(
        description="The agency's standing: a statutory safeguarding partner, relevant agency, etc."
    )
    part_of: Slug | None = Field(
        None, description="Id of the agency this one belongs to (a council's cabinet belongs to the council)."
    )
    replaced_by: Slug | None = Field(
        None, description="Id of the agency that took over this one's functions (a CCG replaced by an ICB)."
    )
    replaced_on: PartialDate | None = Field(None, description="When the replacement took effect.")
    replaced_under: str | None = Field(
        None,
        description=(
            "The law or decision under which `replaced_by` took over (e.g. the Health and Care Act 2022): where a ToR "
            "names this agency, the successor's people count in its place, and every verdict says so."
        ),
    )
    notes: list[str] = Field(
        default_factory=empty_list, description="What the sources leave unclear about this agency."
    )


class AgencyRegistry(StrictModel):
    """The contents of `agencies.yaml`: every agency any body refers to."""

    agencies: list[Agency] = Field(description="The agencies, each with a unique id.")
