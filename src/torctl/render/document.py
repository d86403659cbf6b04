"""A ToR as the published document says it: every fact in words, generated from the data.

`tor_document` turns a `Body` into a `TorDocument`, plain strings and lists that
the templates lay out for each format (`render.tor_facts` words each fact). All
wording lives in Python, not in templates, so that Markdown, HTML and PDF say the
same thing, and a user template gets finished sentences to arrange.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from ..model import Agency, Body
from ..rules.words import chair_words, counting_sentence, long_date, quorum_sentence, sentence, voting_sentence
from .blocks import Fact
from .tor_facts import (
    AgencyRow,
    ClassRow,
    ItemRow,
    MemberRow,
    ReportingRow,
    administration_facts,
    agency_rows,
    class_rows,
    dissolution_facts,
    duty_facts,
    governance_facts,
    item_rows,
    meeting_facts,
    member_row,
    next_review_words,
    procedure_facts,
    reading_notes,
    reporting_rows,
    review_due_words,
    review_facts,
    source_facts,
    status_note,
    substitution_sentences,
    version_words,
)

__all__ = ["Fact", "TorDocument", "human_date", "tor_document"]

human_date = long_date  # the name the agenda, handbook and Popolo writers know


@dataclass(frozen=True)
class TorDocument:
    """Everything a ToR document shows, in words."""

    id: str
    name: str
    short_name: str
    title: str
    partnership: str | None
    status: str
    status_note: str | None
    version: str
    source: list[Fact]
    purpose: list[str]
    responsibilities: list[str]
    members: list[MemberRow]
    classes: list[ClassRow]
    agencies: list[AgencyRow]
    member_notes: list[str]
    substitution: list[str]
    chair: str
    deputy_chair: str
    chair_responsibilities: list[str]
    quorum: str
    quorum_counting: str | None
    voting: str
    procedure: list[Fact]
    meetings: list[Fact]
    meetings_text: str | None
    administration: list[Fact]
    administration_notes: list[str]
    standing_items: list[ItemRow]
    duties: list[Fact]
    reporting: list[ReportingRow]
    review: list[Fact]
    review_due: str
    next_review: str  # the next review date alone ("March 2024"), for a "Next review" label
    dissolution: list[Fact]
    notes: list[str]
    footer: str
    governance: list[Fact] = field(default_factory=list)


def tor_document(
    body: Body,
    agencies: Mapping[str, Agency],
    bodies: Mapping[str, Body],
    *,
    linkable: Container[str] | None = None,
) -> TorDocument:
    """The document for one body, in words; its reporting lines link to the bodies in `linkable` (default: any)."""
    short = body.short_name or body.name
    version = version_words(body)
    review_due = review_due_words(body)
    return TorDocument(
        id=body.id,
        name=body.name,
        short_name=short,
        title=f"{body.name} ({body.short_name})" if body.short_name and body.short_name != body.name else body.name,
        partnership=body.partnership,
        status=body.status,
        status_note=status_note(body),
        version=version,
        source=source_facts(body),
        purpose=[sentence(p) for p in body.purpose],
        responsibilities=[sentence(r) for r in body.responsibilities],
        members=[member_row(body, agencies, m) for m in body.members],
        classes=class_rows(body),
        agencies=agency_rows(body, agencies),
        member_notes=[f"{m.role}: {note}" for m in body.members for note in m.notes],
        substitution=substitution_sentences(body),
        chair=sentence(chair_words(body, body.chair)),
        deputy_chair=sentence(chair_words(body, body.deputy_chair, deputy=True)),
        chair_responsibilities=[sentence(r) for r in body.chair.responsibilities],
        quorum=quorum_sentence(body, agencies),
        quorum_counting=counting_sentence(body),
        voting=voting_sentence(body, agencies),
        procedure=procedure_facts(body),
        meetings=meeting_facts(body),
        meetings_text=body.meetings.text,
        administration=administration_facts(body),
        administration_notes=[sentence(n) for n in body.administration.notes],
        standing_items=item_rows(body, bodies, agencies),
        duties=duty_facts(body),
        reporting=reporting_rows(body, bodies, linkable),
        review=review_facts(body),
        review_due=review_due,
        next_review=next_review_words(body),
        dissolution=dissolution_facts(body),
        notes=[sentence(n) for n in body.notes] + reading_notes(body),
        footer=f"{short} · {version} · {review_due}",
        governance=governance_facts(body),
    )
