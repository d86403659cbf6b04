"""One body's changes, section by section, in the order a ToR reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...model import Agency, Body
from ...rules.words import describe_cadence, describe_chair, quorum_sentence
from ...rules.quorum_change import Versions
from .business import administration, duties, meetings, reporting, review, standing_items
from .collector import Collector
from .decisions import governance, procedure, voting
from .members import chair, classes, members, substitution
from .quorum import quorum
from .results import BodyDiff, Change
from .wording import field_label

SECTIONS = (
    "About",
    "Members",
    "Membership classes",
    "Substitutes",
    "Chair",
    "Quorum",
    "Voting",
    "Governance",
    "Meeting procedure",
    "Meetings",
    "Papers and minutes",
    "Standing items",
    "Duties",
    "Reporting",
    "Review",
    "Purpose and responsibilities",
    "Dissolution",
    "Notes",
)


def _about(v: Versions, out: list[Change]) -> None:
    c = Collector("About", out)
    for key in ("name", "short_name", "partnership", "status", "jurisdiction"):
        c.value(field_label(key).capitalize(), getattr(v.old, key), getattr(v.new, key))
    c.fields("Source", v.old.source, v.new.source)


def _text_lists(v: Versions, out: list[Change]) -> None:
    c = Collector("Purpose and responsibilities", out)
    c.texts("Purpose", v.old.purposes, v.new.purposes)
    c.texts("Responsibility", v.old.responsibilities, v.new.responsibilities)
    Collector("Notes", out).texts("Note", v.old.notes, v.new.notes)


def _dissolution(v: Versions, out: list[Change]) -> None:
    Collector("Dissolution", out).fields("Dissolution", v.old.dissolution, v.new.dissolution)


_SECTION_DIFFS: tuple[Callable[[Versions, list[Change]], None], ...] = (
    _about,
    members,
    classes,
    substitution,
    chair,
    quorum,
    voting,
    procedure,
    meetings,
    administration,
    standing_items,
    duties,
    reporting,
    review,
    _text_lists,
    _dissolution,
    governance,
)
# The body's fields that a section compares; any other is compared generically, under "Other".
_HANDLED = {
    "id",
    "name",
    "short_name",
    "partnership",
    "status",
    "jurisdiction",
    "source",
    "purpose",
    "responsibilities",
    "membership_classes",
    "members",
    "substitution",
    "chair",
    "deputy_chair",
    "quorum",
    "voting",
    "procedure",
    "meetings",
    "administration",
    "standing_items",
    "duties",
    "reporting",
    "review",
    "dissolution",
    "notes",
    "governance",
}


def _dump_rest(body: Body) -> dict[str, Any]:
    """Fields of a body that no section handles (none today; a safety net for new model fields)."""
    return {k: v for k, v in body.model_dump(mode="json", by_alias=True).items() if k not in _HANDLED}


def _added(new: Body, agencies: Mapping[str, Agency], file: str | None) -> BodyDiff:
    quorum = quorum_sentence(new, agencies)
    posts = f"{len(new.members)} post{'s' if len(new.members) != 1 else ''}"
    about = (
        f"New body: {new.name}, {posts}; chair: {describe_chair(new)}; meets {describe_cadence(new.meetings.cadence)}"
    )
    return BodyDiff(
        new.id, new.name, "added", file, [Change("About", about, after=new.id), Change("Quorum", quorum, after=quorum)]
    )


def diff_body(
    old: Body | None,
    new: Body | None,
    old_agencies: Mapping[str, Agency],
    new_agencies: Mapping[str, Agency],
    file: str | None = None,
) -> BodyDiff | None:
    """The changes to one body, or None when nothing that means anything changed."""
    if old is None:
        return None if new is None else _added(new, new_agencies, file)
    if new is None:
        return BodyDiff(
            old.id, old.name, "removed", file, [Change("About", f"Body removed: {old.name}", before=old.id)]
        )
    versions = Versions(old, new, old_agencies, new_agencies)
    changes: list[Change] = []
    # An unchanged body is still compared when the registry changed: an agency's name or kind
    # changes the quorum sentence and who counts.
    if old != new or old_agencies != new_agencies:
        for section_diff in _SECTION_DIFFS:
            section_diff(versions, changes)
        Collector("Other", changes).data("", _dump_rest(old), _dump_rest(new))
    if not changes:
        return None
    order = {name: i for i, name in enumerate(SECTIONS)}
    changes.sort(key=lambda ch: order.get(ch.section, len(order)))
    return BodyDiff(new.id, new.name, "changed", file, changes)
