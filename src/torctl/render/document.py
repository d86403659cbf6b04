"""A ToR as the published document says it: its sections in order, every fact in words, from the data.

`tor_document` turns a `Body` into a `TorDocument`: its title and header facts,
each fact as finished sentences and table rows (`render.tor_facts`, for a user
template that arranges them its own way), and `sections`, the document itself:
the numbered sections in order, each a heading and its blocks (`render.blocks`).
The Markdown, HTML and Typst templates only lay the sections out, so the three
formats say the same thing.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Agency, Body
from ..rules.words import chair_words, counting_sentence, quorum_sentence, sentence, voting_sentence
from .blocks import Block, Bullets, Cell, Fact, Facts, Inline, Paragraphs, Quote, Section, SmallPrint, Subheading, Table
from .blocks import Phrase, bullets, cell, own, paragraph, phrase
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

__all__ = ["Fact", "TorDocument", "tor_document"]


@dataclass(frozen=True)
class TorDocument:
    """Everything a ToR document shows, in words; `sections` is the document itself, in order."""

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

    @cached_property
    def sections(self) -> list[Section]:
        """The document's numbered sections, in order: what every format lays out."""
        return tor_sections(self)


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
        purpose=[sentence(p) for p in body.purposes],
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


# ------------------------------------------------------------------ sections


def tor_sections(doc: TorDocument) -> list[Section]:
    """The sections of the document, in order; a section the ToR gives nothing for is left out where it may be."""
    purpose = bullets(doc.purpose) if doc.purpose else paragraph(own("The terms of reference do not state a purpose."))
    sections = [Section("purpose", own("Purpose"), [purpose])]
    if doc.responsibilities:
        sections.append(Section("responsibilities", own("Responsibilities"), [bullets(doc.responsibilities)]))
    sections.append(Section("membership", own("Membership"), membership_blocks(doc)))
    sections.append(Section("chair", own("Chair"), chair_blocks(doc)))
    quorum = phrase(doc.quorum, own(" "), doc.quorum_counting) if doc.quorum_counting else doc.quorum
    quorum_and_voting: list[Block] = [
        Paragraphs([quorum], own("Quorum")),
        paragraph(doc.voting, lead=own("Voting")),
        Facts(doc.procedure),
    ]
    sections.append(Section("quorum", own("Quorum and voting"), quorum_and_voting))
    meetings: list[Block] = [Facts(doc.meetings), *([Quote(doc.meetings_text)] if doc.meetings_text else [])]
    sections.append(Section("meetings", own("Meetings"), meetings))
    administration: list[Block] = [Facts(doc.administration), *(paragraph(n) for n in doc.administration_notes)]
    sections.append(Section("administration", own("Papers and minutes"), administration))
    sections.append(Section("standing-items", own("Standing agenda items"), [standing_items_block(doc)]))
    if doc.duties:
        duties = Bullets([Inline([own(" "), d.text], [d.label, own(".")]) for d in doc.duties])
        sections.append(Section("duties", own("Duties"), [duties]))
    sections.append(Section("reporting", own("Reporting"), [reporting_block(doc)]))
    if doc.governance:
        sections.append(Section("governance", own("Governance"), [Facts(doc.governance)]))
    sections.append(Section("review", own("Review of these terms of reference"), [Facts(doc.review)]))
    if doc.dissolution:
        sections.append(Section("dissolution", own("Dissolution"), [Facts(doc.dissolution)]))
    if doc.notes:
        sections.append(Section("notes", own("Notes on the source"), [bullets(doc.notes)]))
    return sections


def membership_blocks(doc: TorDocument) -> list[Block]:
    """The members' table, the agencies it abbreviates, the membership classes, substitutes and notes."""
    members = Table(
        "members",
        [own("Post"), own("Holder"), own("Agency"), own("Class"), own("Vote")],
        [
            [
                cell(m.post, m.substitutes),
                cell(m.holder, unknown=not m.holder_known),
                cell(m.agency, unknown=not m.agency_known),
                m.member_class,
                m.vote,
            ]
            for m in doc.members
        ],
        caption=Inline([own("Members of the "), doc.name]),
        row_headers=True,
    )
    blocks: list[Block] = [members]
    if doc.agencies:
        blocks.append(SmallPrint(agencies_line(doc.agencies)))
    columns = [own("Class"), own("Votes"), own("Counts for quorum"), own("Attends"), own("In the terms of reference")]
    classes: list[list[str | Cell]] = [[c.name, c.vote, c.quorum, c.attends, c.text or ""] for c in doc.classes]
    blocks += [Subheading(own("Membership classes")), Table("classes", columns, classes, row_headers=True)]
    blocks += [Subheading(own("Substitutes")), Paragraphs(list(doc.substitution))]
    if doc.member_notes:
        blocks += [Subheading(own("Notes on membership")), bullets(doc.member_notes)]
    return blocks


def agencies_line(rows: list[AgencyRow]) -> Inline:
    """`Agencies: SMBC: Solihull Metropolitan Borough Council; WMP: West Midlands Police.`"""
    parts: list[str] = [own("Agencies: ")]
    for index, row in enumerate(rows):
        parts.append(row.label)
        if row.label != row.name:
            parts += [own(": "), row.name]
        if row.note:
            parts += [own(" ("), row.note, own(")")]
        parts.append(own("; " if index < len(rows) - 1 else "."))
    return Inline(parts)


def chair_blocks(doc: TorDocument) -> list[Block]:
    blocks: list[Block] = [Facts([Fact("Chair", doc.chair), Fact("Deputy chair", doc.deputy_chair)])]
    if doc.chair_responsibilities:
        blocks += [paragraph(own("The chair's responsibilities:")), bullets(doc.chair_responsibilities)]
    return blocks


def standing_items_block(doc: TorDocument) -> Block:
    """Each standing item, where it comes from and who presents it; or that the ToR sets none."""
    if not doc.standing_items:
        return paragraph(own("The terms of reference set no standing agenda items."))
    items: list[Phrase] = []
    for item in doc.standing_items:
        parts: list[str] = []
        if item.source:
            parts += [own(", from the "), item.source]
        if item.presenter:
            parts += [own(", presented by "), item.presenter]
        if not item.every_meeting:
            parts.append(own(" (not on every agenda)"))
        items.append(Inline([*parts, own(".")], [item.title]))
    return Bullets(items)


def reporting_block(doc: TorDocument) -> Block:
    """The reporting lines as a table (a Via column where a line goes through someone), or that there are none."""
    if not doc.reporting:
        return paragraph(own("The terms of reference state no reporting lines."))
    via = any(r.via for r in doc.reporting)
    columns = [own("Direction"), own("Body"), *([own("Via")] if via else []), own("What")]
    rows = [
        [r.direction, cell(r.body, link=r.body_id), *([r.via or ""] if via else []), r.what or ""]
        for r in doc.reporting
    ]
    return Table("reporting", columns, rows)
