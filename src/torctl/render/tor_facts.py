"""Each fact of a ToR as its published document states it: rows for the tables, facts and sentences for the rest.

The wording of the facts other outputs share (the chair, the rhythm, deadlines,
votes, the quorum) is `rules.words`'; what only the document says (substitutes,
meeting-day rules, governance, review) is worded here. Where the data says a
fact is not stated, unknown or vacant, the words say so; nothing is filled in.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from ..calendar.deadlines import clear_days_sentence, deadline_rules
from ..model import Agency, Body, Member, PartialDate, StandingItem
from ..model.procedure import Dispensation, InterestKind, RemoteAttendance
from ..model.provenance import readings, where
from ..rules.quorum import agency_label, describe_selector, join_words
from ..rules.words import (
    DEADLINE_LABELS,
    NOT_STATED,
    VACANCY_WORDS,
    ATTENDS_WORDS,
    abstentions_sentence,
    class_words,
    deadline_sentence,
    describe_cadence,
    inquorate_sentence,
    indefinite,
    legal_basis_sentence,
    long_date,
    majority_sentence,
    post_role,
    review_cadence_words,
    sentence,
    ties_sentence,
    urgent_business_sentence,
    vote_words,
    yes_no,
)
from .blocks import Fact


@dataclass(frozen=True)
class MemberRow:
    id: str
    post: str
    holder: str
    holder_known: bool
    agency: str
    agency_known: bool
    member_class: str
    vote: str
    counts_for_quorum: bool
    substitutes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ClassRow:
    name: str
    vote: str
    quorum: str
    attends: str
    text: str | None


@dataclass(frozen=True)
class AgencyRow:
    label: str
    name: str
    note: str | None


@dataclass(frozen=True)
class ItemRow:
    title: str
    presenter: str | None
    source: str | None
    every_meeting: bool
    text: str | None


@dataclass(frozen=True)
class ReportingRow:
    direction: str  # "Reports to" / "Receives from"
    body: str
    body_id: str | None  # set for a body the document may link to
    via: str | None
    what: str | None


# ------------------------------------------------------------------ small words


def partial_words(value: PartialDate | None) -> str:
    return value.human() if value else NOT_STATED


def holder_words(member: Member) -> str:
    if member.holder:
        return member.holder
    if member.vacancy:
        return VACANCY_WORDS[member.vacancy]
    return "not recorded"


def posts_words(body: Body, bodies: Mapping[str, Body], refs: list[str]) -> str:
    """`X or Y`, adding `, members of the Z` where the posts belong to another body."""
    roles = join_words([post_role(body, bodies, ref) for ref in refs], "or")
    owners = {ref.rpartition("/")[0] or body.id for ref in refs}
    if len(owners) == 1 and (owner := owners.pop()) != body.id and owner in bodies:
        return f"{roles}, members of the {bodies[owner].name}"
    return roles


def body_name(bodies: Mapping[str, Body], body_id: str) -> str:
    other = bodies.get(body_id)
    if other is None:
        return body_id
    return f"{other.name} ({other.short_name})" if other.short_name and other.short_name != other.name else other.name


# ------------------------------------------------------------------ membership


def member_row(body: Body, agencies: Mapping[str, Agency], member: Member) -> MemberRow:
    member_class = class_words(member.member_class.value)
    attends = body.attends(member)
    if attends in ("when-relevant", "when-invited"):
        member_class += f", attends {ATTENDS_WORDS[attends]}"
    substitutes = []
    for sub in member.substitutes:
        text = f"Named substitute: {sub.name}" + (f", {sub.role}" if sub.role else "")
        if sub.delegated_authority:
            text += ", with delegated authority"
        substitutes.append(text)
    return MemberRow(
        id=member.id,
        post=member.role,
        holder=holder_words(member),
        holder_known=bool(member.holder),
        agency=agency_label(agencies, member.agency) if member.agency else NOT_STATED,
        agency_known=member.agency is not None,
        member_class=member_class,
        vote=vote_words(body, agencies, member),
        counts_for_quorum=body.counts_for_quorum(member),
        substitutes=substitutes,
        notes=list(member.notes),
    )


def class_rows(body: Body) -> list[ClassRow]:
    used = {m.member_class for m in body.members}
    rows = []
    for member_class, rule in body.membership_classes.items():
        if member_class not in used:
            continue
        rows.append(
            ClassRow(
                name=class_words(member_class.value),
                vote=yes_no(rule.votes),
                quorum="yes" if rule.counts_for_quorum else "no",
                attends=ATTENDS_WORDS[rule.attends],
                text=rule.text,
            )
        )
    return rows


def agency_rows(body: Body, agencies: Mapping[str, Agency]) -> list[AgencyRow]:
    """The agencies the membership table abbreviates or that have been replaced: short name, full name, successor."""
    rows = []
    for agency_id in dict.fromkeys(m.agency for m in body.members if m.agency):
        agency = agencies.get(agency_id)
        if agency is None:
            continue
        note = None
        if agency.replaced_by:
            successor = agency_label(agencies, agency.replaced_by)
            note = f"replaced by {successor}" + (f" from {agency.replaced_on.human()}" if agency.replaced_on else "")
            note += f" under the {agency.replaced_under}" if agency.replaced_under else ""
            note += f"; where these terms name {agency_label(agencies, agency_id)}, {successor}'s people count for it"
        label = agency_label(agencies, agency_id)
        if label != agency.name or note:
            rows.append(AgencyRow(label, agency.name, note))
    return rows


def substitution_sentences(body: Body) -> list[str]:
    """Who may attend in a member's place, in the ToR's own name for them (`called`) and its words for the
    authority they need (`authority_text`); what the ToR does not say is said as such."""
    rule = body.substitution
    called = rule.called or "substitute"
    out = []
    if rule.who == "same-agency":
        out.append(f"A member who cannot attend may send {indefinite(called)} from their agency in their place.")
    elif rule.who == "named-substitute":
        count = f" (each member nominates {'one' if rule.max_named == 1 else rule.max_named})" if rule.max_named else ""
        out.append(f"A member who cannot attend may send their named {called}{count}.")
    elif rule.who == "none":
        out.append("Substitutes may not attend in a member's place.")
    else:
        out.append("The terms of reference do not say whether substitutes may attend.")
    if rule.who in ("same-agency", "named-substitute"):
        out.append(authority_sentence(rule.delegated_authority_required, called, rule.authority_text))
    if rule.notice is not None:
        whom = f"tells {rule.notify}" if rule.notify else "gives notice"
        out.append(
            f"The member {whom} at least {rule.notice.human()} before the meeting whether their {called} will attend."
        )
    elif rule.notify:
        out.append(f"A member who cannot attend tells {rule.notify}.")
    return out


def authority_sentence(required: bool | None, called: str, authority: str | None) -> str:
    """Whether a substitute needs the member's delegated authority, in the ToR's words for what it is."""
    if required is None:
        return f"The terms of reference do not say whether {indefinite(called)} needs the member's delegated authority."
    if required is False:
        return f"The terms of reference say {indefinite(called)} needs no delegated authority."
    what = f" {authority.strip().rstrip('.')}" if authority else ""
    who = indefinite(called)
    return f"{who[0].upper()}{who[1:]} must have the member's delegated authority{what}."


# ---------------------------------------------------------------- meeting-day rules


def procedure_facts(body: Body) -> list[Fact]:
    """The meeting-day rules in words; each one the ToR does not state says so."""
    voting, procedure = body.voting, body.procedure
    facts: list[Fact] = []
    if voting.method != "consensus":
        facts.append(Fact("Majority", majority_sentence(voting)))
        facts.append(Fact("Abstentions", abstentions_sentence(voting)))
        facts.append(Fact("Equal votes", ties_sentence(voting)))
    facts += interest_facts(body)
    facts.append(Fact("Remote attendance", remote_words(procedure.remote)))
    facts.append(Fact("If not quorate", inquorate_sentence(body)))
    facts.append(Fact("Urgent business", urgent_business_sentence(procedure.urgent_business)))
    if procedure.clear_days is not None:
        facts.append(Fact("Clear days", clear_days_sentence(procedure.clear_days)))
    return facts


def interest_facts(body: Body) -> list[Fact]:
    """What each kind of declared interest does, and dispensations."""
    interests = body.procedure.interests
    if interests is None:
        return [Fact("Declared interests", "The terms of reference do not say what a declared interest does.")]
    facts = [Fact(f"Interest: {kind.kind.replace('-', ' ')}", interest_words(kind)) for kind in interests.kinds]
    if interests.dispensation is not None:
        facts.append(Fact("Dispensations", dispensation_words(interests.dispensation)))
    return facts


# What each ruling on an interest says, where the ToR gives it: (yes, no, what the chair decides).
_INTEREST_RULINGS = (
    ("leaves_room", "leaves the room", "stays in the room", "whether the member leaves the room"),
    (
        "counts_for_quorum",
        "counts toward the quorum for the item",
        "does not count toward the quorum for the item",
        "whether the member counts toward the quorum for the item",
    ),
    ("may_take_part", "may take part in the item", "may not take part in the item", "whether the member may take part"),
    ("may_speak", "may speak", "may not speak", "whether the member may speak"),
    ("may_vote", "may vote", "may not vote", "whether the member may vote"),
)


def interest_words(kind: InterestKind) -> str:
    """What an interest of one kind does, in words: what the ToR rules, what it leaves to the chair, or that it
    says nothing."""
    said: list[str] = []
    chair: list[str] = []
    for name, yes, no, decides in _INTEREST_RULINGS:
        value = getattr(kind, name)
        if value == "chair-decides":
            chair.append(decides)
        elif value is not None:
            said.append(yes if value else no)
    if not said and not chair:
        return "The terms of reference name this kind of interest but do not say what it does."
    words = [sentence("The member " + join_words(said))] if said else []
    if chair:
        words.append(sentence("The chair decides " + join_words(chair)))
    return " ".join(words)


def dispensation_words(grant: Dispensation) -> str:
    by = f" by {grant.granted_by}" if grant.granted_by else ""
    does = " and ".join(
        w for w, v in (("counts toward the quorum", grant.counts_for_quorum), ("may vote", grant.may_vote)) if v
    )
    return sentence(f"Dispensations are granted{by}" + (f"; a dispensed member {does}" if does else ""))


def remote_words(remote: RemoteAttendance | None) -> str:
    """Whether a member may attend remotely, and whether they then count and vote."""
    if remote is None or (remote.allowed is None and remote.counts_for_quorum is None and remote.may_vote is None):
        return "The terms of reference do not say whether a member attending remotely counts or votes."
    if remote.allowed is False:
        return "Members may not attend remotely."
    said = [
        f"{'counts' if remote.counts_for_quorum else 'does not count'} toward the quorum"
        if remote.counts_for_quorum is not None
        else None,
        ("may vote" if remote.may_vote else "may not vote") if remote.may_vote is not None else None,
    ]
    unsaid = [
        what
        for what, value in (("counts toward the quorum", remote.counts_for_quorum), ("may vote", remote.may_vote))
        if value is None
    ]
    stated = [part for part in said if part]
    words = ["Members may attend remotely." if remote.allowed and not stated else ""]
    if stated:
        words.append(sentence("A member attending remotely " + " and ".join(stated)))
    if unsaid:
        words.append(
            sentence("The terms of reference do not say whether a member attending remotely " + " or ".join(unsaid))
        )
    return " ".join(w for w in words if w)


# ---------------------------------------------------------------- meetings, admin


def meeting_facts(body: Body) -> list[Fact]:
    meetings = body.meetings
    facts = [Fact("Frequency", sentence(describe_cadence(meetings.cadence)))]
    if meetings.pattern:
        facts.append(Fact("Meeting days", f"By the rule {meetings.pattern}."))
    if meetings.dates:
        facts.append(Fact("Agreed dates", sentence(join_words([long_date(d) for d in meetings.dates]))))
    if not meetings.pattern and not meetings.dates:
        facts.append(Fact("Meeting days", "Not fixed in the terms of reference."))
    facts.append(Fact("Venue", sentence(meetings.venue) if meetings.venue else "Not stated."))
    remote = body.procedure.remote
    allowed = remote.allowed if remote else None
    virtual = {True: "Members may attend virtually.", False: "Members may not attend virtually.", None: "Not stated."}
    facts.append(Fact("Virtual attendance", virtual[allowed]))
    if meetings.special_meetings:
        facts.append(Fact("Special meetings", sentence(meetings.special_meetings)))
    if meetings.changes_notice:
        facts.append(Fact("Changes of date, time or venue", sentence(meetings.changes_notice)))
    if meetings.schedule_review:
        facts.append(
            Fact("Schedule review", f"The meeting schedule is reviewed after {meetings.schedule_review.human()}.")
        )
    return facts


def administration_facts(body: Body) -> list[Fact]:
    admin = body.administration
    rules = deadline_rules(body)
    facts = []
    for kind in ("papers", "substitute-notice", "minutes"):
        rule = rules.get(kind)
        if rule or kind != "substitute-notice":
            facts.append(Fact(DEADLINE_LABELS[kind], deadline_sentence(kind, rule) if rule else "Not stated."))
    agreed = admin.minutes_agreed_by
    agreed_words = {"chair": "The chair.", "body": "The body.", "not-stated": "Not stated."}.get(agreed)
    facts.append(Fact("Minutes agreed by", agreed_words or sentence(post_role(body, {}, agreed))))
    facts.append(Fact("Minutes taken by", sentence(admin.minuted_by) if admin.minuted_by else "Not stated."))
    facts.append(Fact("Agenda prepared by", sentence(admin.agenda_by) if admin.agenda_by else "Not stated."))
    facts.append(Fact("Supported by", sentence(admin.supported_by) if admin.supported_by else "Not stated."))
    return facts


def presenter_words(
    body: Body, bodies: Mapping[str, Body], agencies: Mapping[str, Agency], item: StandingItem
) -> str | None:
    presenter = item.presenter
    if presenter is None:
        return None
    roles = posts_words(body, bodies, presenter.posts) if presenter.posts else ""
    if presenter.description:
        return f"{presenter.description}: {roles}" if roles else presenter.description
    who = roles or describe_selector(presenter, body, agencies)
    return who if presenter.count == 1 else f"{presenter.count} of {who}"


def item_rows(body: Body, bodies: Mapping[str, Body], agencies: Mapping[str, Agency]) -> list[ItemRow]:
    return [
        ItemRow(
            title=item.title,
            presenter=presenter_words(body, bodies, agencies, item),
            source=body_name(bodies, item.from_body) if item.from_body else None,
            every_meeting=item.every_meeting,
            text=item.text,
        )
        for item in body.standing_items
    ]


def duty_facts(body: Body) -> list[Fact]:
    facts = []
    for duty in body.duties:
        if duty.by:
            who = f"the {post_role(body, {}, duty.by)}"
        elif duty.by_text:
            who = duty.by_text[0].lower() + duty.by_text[1:] if duty.by_text.startswith("The ") else duty.by_text
        else:
            who = None
        text = f"Carried out by {who}" if who else "Who carries it out is not stated"
        text += f", every {duty.every.human()}" if duty.every else "; how often is not stated"
        if duty.reports_to_body:
            text += "; findings are reported to the body"
        facts.append(Fact(duty.title, sentence(text)))
    return facts


def reporting_rows(
    body: Body, bodies: Mapping[str, Body], linkable: Container[str] | None = None
) -> list[ReportingRow]:
    """The reporting lines; a line links to its body where `linkable` (default: any body) holds it."""
    rows = []
    for direction, lines in (
        ("Reports to", body.reporting.reports_to),
        ("Receives from", body.reporting.receives_from),
    ):
        for line in lines:
            name = body_name(bodies, line.body) if line.body else f"{line.external} (external)"
            what = "; ".join(w for w in (line.what, line.how_often) if w) or None
            shown = "Accountable to" if line.relation == "accountable-to" else direction
            link = line.body if line.body and (linkable is None or line.body in linkable) else None
            rows.append(ReportingRow(shown, name, link, line.via, what))
    return rows


def governance_facts(body: Body) -> list[Fact]:
    """Who decides, membership changes, escalation, members' duties, documents and publications, in words."""
    gov = body.governance
    facts = decision_facts(body)
    changes = gov.membership_changes
    if changes is not None:
        parts = []
        if changes.agreed_by:
            parts.append(f"agreed by {changes.agreed_by}" + (f", {changes.method}" if changes.method else ""))
        if changes.recommended_by:
            parts.append(f"recommended by {changes.recommended_by}")
        facts.append(Fact("Membership changes", sentence("; ".join(parts)) if parts else "Not stated."))
        if changes.co_option:
            facts.append(Fact("Invited and co-opted members", sentence(changes.co_option)))
    for esc in gov.escalation:
        text = esc.issue + (f": to {esc.to}" if esc.to else "") + (f", {esc.when}" if esc.when else "")
        facts.append(Fact("Escalation", sentence(text)))
    facts += [Fact("Members' duty", sentence(duty.text)) for duty in gov.member_duties]
    for doc in gov.documents:
        facts.append(Fact("Kept", sentence(doc.title + (f", by {doc.kept_by}" if doc.kept_by else ""))))
    for pub in gov.publications:
        text = pub.title + (f", by {pub.by}" if pub.by else "") + (f", every {pub.every.human()}" if pub.every else "")
        if pub.recipients:
            text += f"; to {join_words(pub.recipients)}"
        facts.append(Fact("Published", sentence(text)))
    return facts


def decision_facts(body: Body) -> list[Fact]:
    """Whether the body takes decisions, and what its members may commit."""
    making = body.governance.decision_making
    facts = []
    if making.decides is not None:
        routed = f"; formal decisions are taken through {making.routed_to}" if making.routed_to else ""
        decides = "The body takes decisions" if making.decides else "The body does not take decisions itself"
        facts.append(Fact("Decisions", f"{decides}{routed}."))
    if making.members_commit_agency is not None:
        can = "may" if making.members_commit_agency else "may not"
        facts.append(Fact("Members' authority", f"Members {can} commit their own agency without referring upwards."))
    facts += [Fact("Members may", sentence(item)) for item in making.members_authority]
    return facts


def reading_notes(body: Body) -> list[str]:
    """Each of torctl's readings of the source, with the rule it qualifies, for the notes."""
    places: dict[str, list[str]] = {}  # one note for a reading given to several posts
    for marked in readings(body):
        places.setdefault(marked.words, []).append(where(marked.loc))
    return [sentence(f"How this is read ({'; '.join(at)}): {words}") for words, at in places.items()]


# -------------------------------------------------------------------- review


def review_due_words(body: Body) -> str:
    """The next review in a few words, for footers and tables."""
    due = body.review.next_review_due()
    return f"Review due {due.human()}" if due else "Review date not stated"


def next_review_words(body: Body) -> str:
    """The next review's date alone, where a label already says what it is."""
    due = body.review.next_review_due()
    if due:
        return due.human()
    return "Not known (the last review is not recorded)" if body.review.cadence else "Not stated"


def review_facts(body: Body) -> list[Fact]:
    review = body.review
    facts = [Fact("Cadence", sentence(review_cadence_words(review)))]
    latest = review.latest_review()
    facts.append(Fact("Last reviewed", sentence(latest.human()) if latest else "Not recorded."))
    due = review.next_review_due()
    if review.next_due:
        facts.append(Fact("Next review due", sentence(review.next_due.human())))
    elif due and review.cadence:
        facts.append(Fact("Next review due", f"{due.human()} ({review.cadence.human()} after the last review)."))
    elif review.cadence:
        facts.append(Fact("Next review due", "Not known: the date of the last review is not recorded."))
    else:
        facts.append(
            Fact("Next review due", sentence(review.unknown_reason) if review.unknown_reason else "Not stated.")
        )
    if review.approved_by:
        facts.append(Fact("Changes approved by", sentence(review.approved_by)))
    for record in review.history:
        text = (
            record.date.human()
            + (f", by {record.by}" if record.by else "")
            + (f": {record.notes}" if record.notes else "")
        )
        facts.append(Fact("Review", sentence(text)))
    return facts


# ------------------------------------------------------------------ document


def version_words(body: Body) -> str:
    source = body.source
    if source.version:
        return f"Version {source.version}"
    if source.as_at:
        return f"As at {source.as_at.human()}"
    return "Version not stated"


def source_facts(body: Body) -> list[Fact]:
    source = body.source
    facts = [Fact("Source document", source.document)]
    if source.section:
        facts.append(Fact("Section", source.section))
    facts.append(Fact("Legal basis", legal_basis_sentence(body.legal_basis)))
    facts.append(Fact("Version", source.version or NOT_STATED))
    if source.as_at:
        facts.append(Fact("Arrangements as at", source.as_at.human()))
    facts.append(Fact("Approved", partial_words(source.approved)))
    return facts


def status_note(body: Body) -> str | None:
    """A dissolved or proposed body says so at the top."""
    if body.status == "dissolved":
        when = body.dissolution.dissolved_on if body.dissolution else None
        return "This body has been dissolved" + (f" ({when.human()})" if when else "") + "."
    if body.status == "proposed":
        return "This body is proposed and not yet running."
    return None


def dissolution_facts(body: Body) -> list[Fact]:
    dissolution = body.dissolution
    if dissolution is None:
        return []
    facts = [Fact("Condition", sentence(dissolution.condition))]
    if dissolution.decided_by:
        facts.append(Fact("Decided by", sentence(dissolution.decided_by)))
    if dissolution.dissolved_on:
        facts.append(Fact("Dissolved", sentence(dissolution.dissolved_on.human())))
    return facts
