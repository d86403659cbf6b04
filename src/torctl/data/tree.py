"""A loaded bodies directory: its documents, models and findings, and the lookups commands make on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel

from ..errors import DataError, UsageError
from ..model import Agency, Body
from ..suggest import did_you_mean
from .findings import Finding
from .paths import display_path
from .yamlio import Parsed, locate


@dataclass
class Document:
    """One loaded file: its path, node tree (for locations) and model, if it validated."""

    path: Path
    display: str
    kind: str
    parsed: Parsed | None = None
    model: BaseModel | None = None
    _node: Any = field(default=None, repr=False)

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        if self.parsed is None:
            return None, None
        if self._node is None:
            self._node = self.parsed.node
        return locate(self._node, loc, key=key)

    def finding(self, loc: Sequence[str | int], code: str, message: str, *, key: bool = False, severity: str = "error") -> Finding:
        line, column = self.where(loc, key=key)
        return Finding(self.display, line, column, code, message, severity)  # type: ignore[arg-type]


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

    def document_for(self, body_id: str) -> Document | None:
        return next(
            (d for d in self.documents if d.kind == "body" and isinstance(d.model, Body) and d.model.id == body_id == d.path.stem),
            None,
        )

    def impostors(self, body_id: str) -> list[str]:
        """Other files that claim `body_id` (never used for it: only `<id>.yaml` answers for an id)."""
        return [
            d.display for d in self.documents
            if d.kind == "body" and isinstance(d.model, Body) and d.model.id == body_id and d.path.stem != body_id
        ]

    def left_out(self) -> list[str]:
        """Files no command uses, for a warning: those that failed to load, and body files not named after their id."""
        return sorted(
            d.display for d in self.documents
            if d.model is None or (d.kind == "body" and isinstance(d.model, Body) and d.model.id != d.path.stem)
        )

    def records(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind and d.model is not None]

    def body(self, body_id: str) -> Body:
        """The body with this id, or a usage error that suggests the nearest ids."""
        if body_id in self.bodies:
            return self.bodies[body_id]
        if body_id in self.broken_bodies:
            where = next((d.display for d in self.documents if d.kind == "body" and d.path.stem == body_id), None) or next(
                (d.display for d in self.documents if d.kind == "body" and getattr(d.model, "id", None) == body_id), body_id
            )
            errors = sum(1 for f in self.findings if f.path == where and f.severity == "error")
            raise DataError(f"{where} has {errors} error(s), so torctl cannot use it; run `torctl validate {where}`")
        known = sorted(self.bodies)
        raise UsageError(
            f"no body '{body_id}' in {display_path(self.root)}{did_you_mean(body_id, known)}; "
            f"known bodies: {', '.join(known) or 'none'}"
        )
