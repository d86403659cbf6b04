"""A ToR as the published document says it: every fact in words, generated from the data.

`tor_document` turns a `Body` into a `TorDocument`, plain strings and lists that
the templates lay out for each format. All wording lives here, not in templates,
so that Markdown, HTML and PDF say the same thing, and a user template gets
finished sentences to arrange. Where the data says a fact is not stated,
unknown or vacant, the document says so; nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Mapping

from ..calendar.deadlines import deadline_rules
from ..data.summary import describe_cadence
from ..model import STATUTORY_KINDS, UNSET_QUORUM, Agency, Body, Chair, Member, PartialDate, StandingItem
from ..model.provenance import readings, where
from ..rules.quorum import agency_label, describe_selector, join_words, matches, quorum_sentence

NOT_STATED = "not stated"
VACANCY_WORDS = {"vacant": "vacant", "to-be-appointed": "to be appointed", "to-be-decided": "to be decided"}


@dataclass(frozen=True)
class Fact:
    """A labelled fact: `Frequency: monthly`."""

    label: str
    text: str


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
    body_id: str | None  # set for a body torctl holds
    via: str | None
    what: str | None


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


# ------------------------------------------------------------------ small words


def sentence(text: str) -> str:
    """First letter up, one full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def human_date(day: dt.date) -> str:
    """`Tuesday 5 March 2024`."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def partial_words(value: PartialDate | None) -> str:
    return value.human() if value else NOT_STATED


def class_words(value: str) -> str:
    return value.replace("-", " ")


def yes_no(value: bool | None) -> str:
    return NOT_STATED if value is None else ("yes" if value else "no")


def holder_words(member: Member) -> str:
    if member.holder:
        return member.holder
    if member.vacancy:
        return VACANCY_WORDS[member.vacancy]
    return "not recorded"


def post_role(body: Body, bodies: Mapping[str, Body], ref: str) -> str:
    """The role of a post: `post` in this body, or `body/post` in another body."""
    owner, _, post = ref.rpartition("/")
    holder = body if not owner or owner == body.id else bodies.get(owner)
    member = holder.member(post) if holder else None
    return member.role if member else ref


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


def vote_words(body: Body, agencies: Mapping[str, Agency], member: Member) -> str:
    """What the member's vote is, under the body's voting method."""
    right = body.votes(member)
    method = body.voting.method
    if right is False:
        return "no"
    if method == "consensus":
        return f"by consensus, for {body.voting.scope}" if body.voting.scope else "by consensus"
    if method in ("one-per-member", "one-per-agency") and not matches(body, agencies, member, body.voting.voters):
        return "no"
    if method == "one-per-agency":
        return f"shares the {agency_label(agencies, member.agency)} vote"
    return yes_no(right)


def member_row(body: Body, agencies: Mapping[str, Agency], member: Member) -> MemberRow:
    member_class = class_words(member.member_class.value)
    if body.attends(member) == "when-relevant":
        member_class += ", attends when relevant"
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
                attends="when relevant" if rule.attends == "when-relevant" else "always",
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
    rule = body.substitution
    out = []
    if rule.who == "same-agency":
        out.append("A member who cannot attend may send a suitable person from their agency in their place.")
    elif rule.who == "named-substitute":
        count = f" (each member nominates {'one' if rule.max_named == 1 else rule.max_named})" if rule.max_named else ""
        out.append(f"A member who cannot attend may send their named substitute{count}.")
    elif rule.who == "none":
        out.append("Substitutes may not attend in a member's place.")
    else:
        out.append("The terms of reference do not say whether substitutes may attend.")
    if rule.delegated_authority_required:
        out.append(
            "A substitute counts towards the quorum and may vote only with the member's delegated authority "
            "to make decisions and commit resources."
        )
    if rule.notice is not None:
        whom = rule.notify or "the body"
        out.append(
            f"The member tells {whom} at least {rule.notice.human()} before the meeting whether their substitute will attend."
        )
    elif rule.notify:
        out.append(f"A member who cannot attend tells {rule.notify}.")
    return out


# ----------------------------------------------------------------- chair, quorum


def chair_words(body: Body, chair: Chair | None, *, deputy: bool = False) -> str:
    """The chair (or deputy) in a sentence fragment, saying what is not known."""
    if chair is None:
        return "The terms of reference name no deputy chair." if deputy else NOT_STATED
    if chair.mode in ("post", "independent") and chair.post:
        member = body.member(chair.post)
        if member is None:
            return chair.post
        text = member.role + (f", held by {member.holder}" if member.holder else "")
        if member.vacancy:
            text += f" ({VACANCY_WORDS[member.vacancy]})"
        if chair.mode == "independent" and "independent" not in member.role.lower():
            text += " (independent)"
        return text
    if chair.mode == "rotation" and chair.rotation:
        rotation = chair.rotation
        roles = [post_role(body, {}, ref) for ref in rotation.among]
        text = f"Rotates every {rotation.period.human()} among {join_words(roles)}."
        if rotation.current:
            current = post_role(body, {}, rotation.current)
            text += (
                f" The {current} has chaired since {rotation.since.human()}."
                if rotation.since
                else f" The current chair is the {current}."
            )
        if rotation.order is None and rotation.current is None:
            text += " The order of turns and the current chair are not recorded."
        elif rotation.order is None:
            text += " The order of turns is not recorded."
        return text
    if chair.mode == "vacant":
        return "Vacant" + (f" (the terms of reference say: {chair.text.rstrip('.')})" if chair.text else "")
    return "Not stated" + (f" ({chair.text.rstrip('.')})" if chair.text else "")


def counting_sentence(body: Body) -> str | None:
    """Which membership classes count towards the quorum, where there is one and some classes do not count."""
    if isinstance(body.quorum, UNSET_QUORUM):
        return None
    used = list(dict.fromkeys(m.member_class for m in body.members))
    counting = [class_words(c.value) for c in used if (r := body.membership_classes.get(c)) and r.counts_for_quorum]
    not_counting = [
        class_words(c.value)
        for c in used
        if c not in body.membership_classes or not body.membership_classes[c].counts_for_quorum
    ]
    if not counting or not not_counting:
        return None
    return f"Only {join_words(counting)} members count towards the quorum; {join_words(not_counting)} members do not."


def voting_sentence(body: Body, agencies: Mapping[str, Agency]) -> str:
    """The voting rule in words, limited to the decisions it covers, after whether the body decides at all."""
    text = _voting_rule(body, agencies)
    scope = body.voting.scope
    if scope and body.voting.method == "consensus":
        text = f"The terms of reference state decisions by consensus, without votes, only for {scope}."
    elif scope and body.voting.method != "not-stated":
        text += f" The rule covers {scope}."
    making = body.governance.decision_making
    if making.decides is False:
        routed = f": its formal decisions are taken through {making.routed_to}" if making.routed_to else ""
        text = f"The terms of reference say this is not a decision-making body{routed}. {text}"
    return text


def _voting_rule(body: Body, agencies: Mapping[str, Agency]) -> str:
    voting = body.voting
    voters = "" if voting.voters.is_everyone else f" among {describe_selector(voting.voters, body, agencies)}"
    if voting.method == "one-per-member":
        return f"Where a vote is needed, each voting member present has one vote{voters}."
    if voting.method == "one-per-agency":
        who = (
            "each statutory partner"
            if set(voting.voters.agency_kinds) == STATUTORY_KINDS
            and not (voting.voters.posts or voting.voters.agencies or voting.voters.classes)
            else f"each agency{voters}"
        )
        return f"Where a vote is needed, {who} has one vote, whatever the number of its representatives."
    if voting.method == "consensus":
        return "Decisions are reached by consensus, without votes."
    return "The terms of reference do not say how decisions are voted on."


# ---------------------------------------------------------------- meeting-day rules


def procedure_facts(body: Body) -> list[Fact]:
    """The meeting-day rules in words; each one the ToR does not state says so."""
    from ..meetings.validity import inquorate_words
    from ..rules.voting import majority_words

    voting, procedure = body.voting, body.procedure
    facts: list[Fact] = []
    if voting.method != "consensus":
        majority = (
            sentence(f"Decisions need {majority_words(voting.majority)}")
            if voting.majority
            else ("The terms of reference do not state the majority needed.")
        )
        for special in voting.special_majorities:
            what = special.description or special.kind.replace("-", " ")
            majority += " " + sentence(f"For {what}: {majority_words(special.majority)}")
        facts.append(Fact("Majority", majority))
        abstain = {
            "not-cast": "An abstention is not a vote cast.",
            "count-against": "Abstentions count as votes against.",
            None: "The terms of reference do not say how abstentions count.",
        }[voting.abstentions]
        facts.append(Fact("Abstentions", abstain))
        ties = {
            "casting-vote": "On equal votes the chair has a second or casting vote.",
            "not-carried": "On equal votes the proposal is not carried.",
            None: "The terms of reference do not say what happens on equal votes.",
        }[voting.ties]
        if voting.chair_ordinary_vote is not None:
            ties += " The chair " + (
                "also has an ordinary vote." if voting.chair_ordinary_vote else "has no ordinary vote."
            )
        facts.append(Fact("Equal votes", ties))
    interests = procedure.interests
    if interests is None:
        facts.append(Fact("Declared interests", "The terms of reference do not say what a declared interest does."))
    else:
        for kind in interests.kinds:
            facts.append(Fact(f"Interest: {kind.kind.replace('-', ' ')}", interest_words(kind)))
        if interests.dispensation is not None:
            grant = interests.dispensation
            by = f" by {grant.granted_by}" if grant.granted_by else ""
            does = " and ".join(
                w for w, v in (("counts toward the quorum", grant.counts_for_quorum), ("may vote", grant.may_vote)) if v
            )
            facts.append(
                Fact(
                    "Dispensations",
                    sentence(f"Dispensations are granted{by}" + (f"; a dispensed member {does}" if does else "")),
                )
            )
    remote = procedure.remote
    if remote is None or (remote.allowed is None and remote.counts_for_quorum is None and remote.may_vote is None):
        facts.append(
            Fact(
                "Remote attendance",
                "The terms of reference do not say whether a member attending remotely counts or votes.",
            )
        )
    elif remote.allowed is False:
        facts.append(Fact("Remote attendance", "Members may not attend remotely."))
    else:
        parts = [
            f"{'counts' if remote.counts_for_quorum else 'does not count'} toward the quorum"
            if remote.counts_for_quorum is not None
            else "the terms of reference do not say whether they count toward the quorum",
            ("may vote" if remote.may_vote else "may not vote")
            if remote.may_vote is not None
            else "the terms of reference do not say whether they may vote",
        ]
        facts.append(Fact("Remote attendance", sentence("A member attending remotely " + " and ".join(parts))))
    facts.append(Fact("If not quorate", inquorate_words(body)))
    if procedure.clear_days is not None:
        from ..calendar.workdays import CLEAR_DAYS_WORDS

        facts.append(
            Fact(
                "Clear days",
                sentence(
                    f"Clear days exclude the day of sending and the day of the meeting; {CLEAR_DAYS_WORDS[procedure.clear_days]}"
                ),
            )
        )
    return facts


def interest_words(kind) -> str:
    """What an interest of one kind does, in words; what the ToR leaves out, said as such."""
    said = []
    for value, yes, no in (
        (kind.leaves_room, "leaves the room", "stays in the room"),
        (
            kind.counts_for_quorum,
            "counts toward the quorum for the item",
            "does not count toward the quorum for the item",
        ),
        (kind.may_speak, "may speak", "may not speak"),
        (kind.may_vote, "may vote", "may not vote"),
    ):
        if value is not None:
            said.append(yes if value else no)
    if not said:
        return "The terms of reference name this kind of interest but do not say what it does."
    return sentence("The member " + ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1])


# ---------------------------------------------------------------- meetings, admin


def meeting_facts(body: Body) -> list[Fact]:
    meetings = body.meetings
    cadence = describe_cadence(meetings.cadence)
    facts = [Fact("Frequency", sentence(cadence) if meetings.cadence else "Not stated.")]
    if meetings.pattern:
        facts.append(Fact("Meeting days", f"By the rule {meetings.pattern}."))
    if meetings.dates:
        facts.append(Fact("Agreed dates", sentence(join_words([human_date(d) for d in meetings.dates]))))
    if not meetings.pattern and not meetings.dates:
        facts.append(Fact("Meeting days", "Not fixed in the terms of reference."))
    facts.append(Fact("Venue", sentence(meetings.venue) if meetings.venue else "Not stated."))
    virtual = {True: "Members may attend virtually.", False: "Members may not attend virtually.", None: "Not stated."}
    facts.append(Fact("Virtual attendance", virtual[meetings.virtual_attendance]))
    if meetings.special_meetings:
        facts.append(Fact("Special meetings", sentence(meetings.special_meetings)))
    if meetings.changes_notice:
        facts.append(Fact("Changes of date, time or venue", sentence(meetings.changes_notice)))
    if meetings.schedule_review:
        facts.append(
            Fact("Schedule review", f"The meeting schedule is reviewed after {meetings.schedule_review.human()}.")
        )
    return facts


DEADLINE_LABELS = {"papers": "Agenda and papers", "substitute-notice": "Substitute notice", "minutes": "Minutes"}


def deadline_words(kind: str, rule: str) -> str:
    verb = {"papers": "Circulated", "substitute-notice": "Given", "minutes": "Circulated"}[kind]
    return f"{verb} {rule}."


def administration_facts(body: Body) -> list[Fact]:
    admin = body.administration
    rules = deadline_rules(body)
    facts = []
    for kind in ("papers", "minutes"):
        rule = rules.get(kind)  # type: ignore[call-overload]
        facts.append(Fact(DEADLINE_LABELS[kind], deadline_words(kind, rule) if rule else "Not stated."))
    if "substitute-notice" in rules:
        facts.insert(
            1,
            Fact(DEADLINE_LABELS["substitute-notice"], deadline_words("substitute-notice", rules["substitute-notice"])),
        )
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


def reporting_rows(body: Body, bodies: Mapping[str, Body]) -> list[ReportingRow]:
    rows = []
    for direction, lines in (
        ("Reports to", body.reporting.reports_to),
        ("Receives from", body.reporting.receives_from),
    ):
        for line in lines:
            name = body_name(bodies, line.body) if line.body else f"{line.external} (external)"
            what = "; ".join(w for w in (line.what, line.how_often) if w) or None
            shown = "Accountable to" if line.relation == "accountable-to" else direction
            rows.append(ReportingRow(shown, name, line.body, line.via, what))
    return rows


def governance_facts(body: Body) -> list[Fact]:
    """Who decides, membership changes, escalation, members' duties, documents and publications, in words."""
    gov = body.governance
    facts = []
    making = gov.decision_making
    if making.decides is not None:
        routed = f"; formal decisions are taken through {making.routed_to}" if making.routed_to else ""
        facts.append(
            Fact(
                "Decisions",
                ("The body takes decisions" if making.decides else "The body does not take decisions itself")
                + routed
                + ".",
            )
        )
    if making.members_commit_agency is not None:
        can = "may" if making.members_commit_agency else "may not"
        facts.append(Fact("Members' authority", f"Members {can} commit their own agency without referring upwards."))
    for item in making.members_authority:
        facts.append(Fact("Members may", sentence(item)))
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
    for duty in gov.member_duties:
        facts.append(Fact("Members' duty", sentence(duty.text)))
    for doc in gov.documents:
        facts.append(Fact("Kept", sentence(doc.title + (f", by {doc.kept_by}" if doc.kept_by else ""))))
    for pub in gov.publications:
        text = pub.title + (f", by {pub.by}" if pub.by else "") + (f", every {pub.every.human()}" if pub.every else "")
        if pub.recipients:
            text += f"; to {join_words(pub.recipients)}"
        facts.append(Fact("Published", sentence(text)))
    return facts


def reading_notes(body: Body) -> list[str]:
    """Each of torctl's readings of the source, with the rule it qualifies, for the notes."""
    return [sentence(f"How this is read ({where(m.loc)}): {m.words}") for m in readings(body)]


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
    facts = []
    if review.cadence:
        facts.append(Fact("Cadence", f"{'At least every' if review.at_least else 'Every'} {review.cadence.human()}."))
    else:
        facts.append(Fact("Cadence", "Not stated."))
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
    facts.append(Fact("Version", source.version or NOT_STATED))
    if source.as_at:
        facts.append(Fact("Arrangements as at", source.as_at.human()))
    facts.append(Fact("Approved", partial_words(source.approved)))
    return facts


def tor_document(body: Body, agencies: Mapping[str, Agency], bodies: Mapping[str, Body]) -> TorDocument:
    """The document for one body, in words."""
    short = body.short_name or body.name
    status_note = None
    if body.status == "dissolved":
        when = body.dissolution.dissolved_on if body.dissolution else None
        status_note = "This body has been dissolved" + (f" ({when.human()})" if when else "") + "."
    elif body.status == "proposed":
        status_note = "This body is proposed and not yet running."
    dissolution = []
    if body.dissolution:
        dissolution.append(Fact("Condition", sentence(body.dissolution.condition)))
        if body.dissolution.decided_by:
            dissolution.append(Fact("Decided by", sentence(body.dissolution.decided_by)))
        if body.dissolution.dissolved_on:
            dissolution.append(Fact("Dissolved", sentence(body.dissolution.dissolved_on.human())))
    member_notes = [f"{m.role}: {note}" for m in body.members for note in m.notes]
    version = version_words(body)
    review_due = review_due_words(body)
    return TorDocument(
        id=body.id,
        name=body.name,
        short_name=short,
        title=f"{body.name} ({body.short_name})" if body.short_name and body.short_name != body.name else body.name,
        partnership=body.partnership,
        status=body.status,
        status_note=status_note,
        version=version,
        source=source_facts(body),
        purpose=[sentence(p) for p in body.purpose],
        responsibilities=[sentence(r) for r in body.responsibilities],
        members=[member_row(body, agencies, m) for m in body.members],
        classes=class_rows(body),
        agencies=agency_rows(body, agencies),
        member_notes=member_notes,
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
        reporting=reporting_rows(body, bodies),
        review=review_facts(body),
        review_due=review_due,
        next_review=next_review_words(body),
        dissolution=dissolution,
        notes=[sentence(n) for n in body.notes] + reading_notes(body),
        footer=f"{short} · {version} · {review_due}",
        governance=governance_facts(body),
    )
