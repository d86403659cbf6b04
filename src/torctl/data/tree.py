"""A loaded bodies directory: its documents, models and findings, and the lookups commands make on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from ..errors import DataError, UsageError
from ..model import Agency, Body
from ..findings import Code, Finding, Loc, Severity, finding
from .paths import display_path
from .yamlio import Parsed, locate, locate_in


# The one node tree kept for locations: (parsed file, its node tree); see Document.node.
_recent: list[Any] = [None, None]
# The one text kept for locations, split into lines: (parsed file, its lines); see Document.where.
# Keyed by the parse, not the document: a document parsed again (after an edit) is looked up afresh.
_recent_lines: list[Any] = [None, None]


@dataclass
class Document:
    """One loaded file: its path, node tree (for locations) and model, if it validated."""

    path: Path
    display: str
    kind: str
    parsed: Parsed | None = None
    model: BaseModel | None = None
    _node: Any = field(default=None, repr=False)

    def node(self) -> Any:
        """The file's node tree, for line and column look-ups (None when it did not parse).

        Findings about one file come together, so only the most recently composed tree
        is kept: a directory whose every file has a finding does not hold every tree at once.
        """
        if self.parsed is None:
            return None
        if self._node is not None:
            return self._node
        if _recent[0] is not self.parsed:
            _recent[:] = [self.parsed, self.parsed.node]
        return _recent[1]

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        """The line and column of `loc`, composing only the part of the file that holds it where the
        outline noted while parsing allows (a file whose every body has a finding is not parsed twice)."""
        if self.parsed is None:
            return None, None
        if self._node is None and self.parsed.outline is not None:
            if _recent_lines[0] is not self.parsed:
                text = self.parsed.text
                _recent_lines[:] = [self.parsed, None if text is None else text.split("\n")]
            lines = _recent_lines[1]
            if lines is None:
                return None, None
            found = locate_in(lines, self.parsed.outline, loc, key=key)
            if found is not None:
                return found
        node = self.node()
        if node is None:
            return None, None
        return locate(node, loc, key=key)

    def place(self, found: Finding) -> Finding:
        """`found`, made about a place in this document (its `loc`), placed at that line and column of this file."""
        line, column = self.where(found.loc)
        return found.at(self.display, line, column)

    def finding(self, loc: Loc, code: Code, message: str, *, severity: Severity | None = None) -> Finding:
        """A finding of `code` about the value at `loc` in this document, placed in the file."""
        return self.place(finding(code, message, loc=loc, severity=severity))


@dataclass
class Tree:
    """Everything in one bodies directory: agencies, bodies, other records, and the problems found."""

    root: Path
    agencies: dict[str, Agency] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    registry: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    # Ids of body files that exist but did not validate: references to them are not
    # "unknown" (the broken file has its own findings), they just cannot be checked further.
    broken_bodies: set[str] = field(default_factory=set)

    _by_id: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    _by_kind: dict[str, list[Document]] = field(default_factory=dict, repr=False, compare=False)

    def _index(self) -> None:
        if self._indexed != len(self.documents):  # documents were added since the index was built
            self._by_id, self._by_kind = {}, {}
            for d in self.documents:
                if d.model is not None:
                    self._by_kind.setdefault(d.kind, []).append(d)
                if d.kind == "body" and isinstance(d.model, Body) and d.model.id == d.path.stem:
                    self._by_id.setdefault(d.model.id, d)  # only `<id>.yaml` answers for an id: never an impostor
            self._indexed = len(self.documents)

    def body_documents(self) -> list[Document]:
        """The body files that validated, in the order they were read (impostors claiming another id included)."""
        return [d for d in self.documents if d.kind == "body" and isinstance(d.model, Body)]

    def document_for(self, body_id: str) -> Document | None:
        """The file `<id>.yaml` when its model has this id: a dict look-up, as commands ask once per body."""
        self._index()
        return self._by_id.get(body_id)

    def left_out(self) -> list[str]:
        """Files no command uses, for a warning: those that failed to load, and body files not named after their id."""
        return sorted(
            d.display
            for d in self.documents
            if d.model is None or (d.kind == "body" and isinstance(d.model, Body) and d.model.id != d.path.stem)
        )

    def records(self, kind: str) -> list[Document]:
        """The documents of one kind that validated; indexed, as schedules ask once per body."""
        self._index()
        return list(self._by_kind.get(kind, ()))

    def body(self, body_id: str) -> Body:
        """The body with this id or short name (any case, when only one body has it), or a usage error that
        suggests the nearest ids and short names."""
        if body_id in self.bodies:
            return self.bodies[body_id]
        found = match_body(self.bodies, body_id)
        if found is not None:
            return self.bodies[found]
        broken = {b.casefold(): b for b in self.broken_bodies}
        body_id = broken.get(body_id.strip().casefold(), body_id)
        if body_id in self.broken_bodies:
            where = next(
                (d.display for d in self.documents if d.kind == "body" and d.path.stem == body_id), None
            ) or next(
                (d.display for d in self.documents if d.kind == "body" and getattr(d.model, "id", None) == body_id),
                body_id,
            )
            errors = sum(1 for f in self.findings if f.path == where and f.severity == "error")
            raise DataError(f"{where} has {errors} error(s), so torctl cannot use it; run `torctl validate {where}`")
        known = sorted(self.bodies)
        hint = _closest(body_id, {b.id: [b.short_name] for b in self.bodies.values()})
        raise UsageError(
            f"no body '{body_id}' in {display_path(self.root)}{hint}; known bodies: {', '.join(known) or 'none'}"
        )

    def agency(self, text: str) -> str:
        """The id of the agency with this id, short name or name (any case, when only one agency has it),
        or a usage error that suggests the nearest ids and short names."""
        if text in self.agencies:
            return text
        names = {a.id: [a.short_name, a.name] for a in self.agencies.values()}
        found = _match(text, names, "agency")
        if found is not None:
            return found
        hint = _closest(text, {a.id: [a.short_name] for a in self.agencies.values()})
        raise UsageError(f"unknown agency '{text}'{hint}; agencies are the ids (or short names) in agencies.yaml")


def match_body(bodies: Mapping[str, Body], text: str) -> str | None:
    """The id of the one body whose id or short name is `text` in any case; None when none is; an error when several
    are."""
    if text in bodies:
        return text
    return _match(text, {b.id: [b.short_name] for b in bodies.values()}, "body")


def _match(text: str, names: Mapping[str, Sequence[str | None]], what: str) -> str | None:
    key = text.strip().casefold()
    found = sorted(
        {ident for ident, other in names.items() if key in {ident.casefold(), *(n.casefold() for n in other if n)}}
    )
    if len(found) > 1:
        raise UsageError(f"'{text}' could be any {what} of {', '.join(found)}; give the id")
    return found[0] if found else None


def _closest(text: str, names: Mapping[str, Sequence[str | None]]) -> str:
    """` (did you mean 'solihull-lscp' (LSCP)?)`: the nearest ids, matched on ids and short names alike."""
    import difflib

    candidates: dict[str, str] = {}
    for ident, other in names.items():
        candidates.setdefault(ident.casefold(), ident)
        for name in other:
            if name:
                candidates.setdefault(name.casefold(), ident)
    close = difflib.get_close_matches(text.strip().casefold(), list(candidates), n=1, cutoff=0.6)
    ids = list(dict.fromkeys(candidates[c] for c in close))
    if not ids:
        return ""
    shown = " or ".join(f"'{i}'" + (f" ({n})" if (n := next((x for x in names[i] if x), None)) else "") for i in ids)
    return f" (did you mean {shown}?)"
