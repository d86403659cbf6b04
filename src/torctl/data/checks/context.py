"""What a check is given: the tree and the one body or record it checks, with the look-ups checks share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ...findings import Code, Finding, Loc, finding
from ...model import AgencyRegistry, Body, split_post_ref
from ...suggest import did_you_mean
from ..tree import Document, Tree


def unknown_agency(ref: str, agencies: Iterable[str]) -> str:
    return f"unknown agency '{ref}'{did_you_mean(ref, list(agencies))}; add it to agencies.yaml or fix the id"


class BodyContext:
    """One body of a tree, with the reference look-ups every body check makes.

    References to bodies whose files exist but did not validate (`tree.broken_bodies`)
    are accepted unchecked, so one broken file does not cascade into findings in others.
    """

    def __init__(self, tree: Tree, doc: Document):
        assert isinstance(doc.model, Body)
        self.tree, self.doc, self.body = tree, doc, doc.model
        self.agencies, self.bodies, self.broken = tree.agencies, tree.bodies, tree.broken_bodies

    @cached_property
    def have_registry(self) -> bool:
        """Whether agency references can be checked: a registry that validated."""
        return self.tree.registry is not None and isinstance(self.tree.registry.model, AgencyRegistry)

    @cached_property
    def post_ids(self) -> list[str]:
        return [m.id for m in self.body.members]

    def known_bodies(self) -> list[str]:
        """Every body id, for a did-you-mean (built only when one is needed: for every body it is quadratic)."""
        return [*self.bodies, *self.broken]

    def post_ref(self, loc: Loc, ref: str, *, other_bodies: bool = True) -> Finding | None:
        """R002/R003 where `ref` (a post, or `body/post`) names no post; `other_bodies=False` refuses another body's."""
        owner, post = split_post_ref(ref, self.body.id)
        if owner != self.body.id:
            if not other_bodies:
                message = f"'{ref}' names a post of another body; this rule counts only this body's members"
                return finding(Code.R002, message, loc=loc)
            if owner in self.broken:
                return None
            other = self.bodies.get(owner)
            if other is None:
                message = f"unknown body '{owner}' in '{ref}'{did_you_mean(owner, self.known_bodies())}"
                return finding(Code.R003, message, loc=loc)
            if other.member(post) is None:
                hint = did_you_mean(post, [m.id for m in other.members])
                return finding(Code.R002, f"body '{owner}' has no post '{post}'{hint}", loc=loc)
            return None
        if post not in self.post_ids:
            message = f"unknown post '{post}'{did_you_mean(post, self.post_ids)}; posts are the `id`s under `members`"
            return finding(Code.R002, message, loc=loc)
        return None

    def agency_ref(self, loc: Loc, ref: str | None) -> Finding | None:
        """R001 where `ref` names no agency in the registry (nothing when there is no registry to check against)."""
        if ref is None or not self.have_registry or ref in self.agencies:
            return None
        return finding(Code.R001, unknown_agency(ref, self.agencies), loc=loc)

    def body_ref(self, loc: Loc, ref: str) -> Finding | None:
        """R003 where `ref` names no body (nothing for a body whose file did not validate)."""
        if ref in self.broken or ref in self.bodies:
            return None
        return finding(Code.R003, f"unknown body '{ref}'{did_you_mean(ref, self.known_bodies())}", loc=loc)


@dataclass
class RecordContext:
    """One record (a meeting record, a calendar) of a tree."""

    tree: Tree
    doc: Document
