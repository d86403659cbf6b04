"""Checks over the whole tree: the agency registry is there and sound, and each body's id is its own."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Code, Finding, finding
from ...model import AgencyRegistry, Body
from ..tree import Tree
from .registry import check
from .context import unknown_agency


@check(Code.R001, Code.R004, scope="tree")
def agency_registry(tree: Tree) -> Iterator[Finding]:
    """The registry exists; its ids are unique, and the agencies it names as parts or successors exist."""
    doc = tree.registry
    if doc is None:
        message = "no agency registry (agencies.yaml) in this directory; agency references cannot be checked"
        yield finding(Code.R001, message, path=str(tree.root))
        return
    if not isinstance(doc.model, AgencyRegistry):
        return  # it did not validate: its own findings say why, and references to it are not checked
    seen: set[str] = set()
    for index, agency in enumerate(doc.model.agencies):
        if agency.id in seen:
            yield doc.finding(("agencies", index, "id"), Code.R004, f"agency id '{agency.id}' is listed twice")
        seen.add(agency.id)
        for field in ("part_of", "replaced_by"):
            ref = getattr(agency, field)
            if ref and ref not in tree.agencies:
                yield doc.finding(("agencies", index, field), Code.R001, unknown_agency(ref, tree.agencies))


@check(Code.R004, Code.R005, scope="tree")
def body_ids(tree: Tree) -> Iterator[Finding]:
    """Each body's id equals its file name, and no two bodies share an id.

    Only the file named after an id answers for it (see `torctl.data.load.names_its_file`):
    another file claiming the id is reported, never used in its place.
    """
    seen: dict[str, str] = {}
    owners = {d.model.id: d for d in reversed(tree.body_documents()) if d.model.id == d.path.stem}  # type: ignore[union-attr]
    for doc in tree.body_documents():
        body = doc.model
        assert isinstance(body, Body)
        if body.id != doc.path.stem:
            yield doc.finding(("id",), Code.R005, f"id '{body.id}' must equal the file name '{doc.path.stem}'")
        owner = owners.get(body.id)
        if owner is not None and owner is not doc and body.id != doc.path.stem:
            message = (
                f"body id '{body.id}' is also used by {owner.display}; torctl uses only {owner.display} for '{body.id}'"
            )
            yield doc.finding(("id",), Code.R004, message)
        elif body.id in seen:
            yield doc.finding(("id",), Code.R004, f"body id '{body.id}' is also used by {seen[body.id]}")
        seen.setdefault(body.id, doc.display)
