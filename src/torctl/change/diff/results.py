"""What a diff finds: changes grouped by body, the agency registry's changes, and the files not compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...findings import Finding


@dataclass
class Change:
    """One change, as a sentence; `weakens` says how it weakens governance, where it does."""

    section: str
    text: str
    weakens: str | None = None
    before: Any = None
    after: Any = None
    words: list[tuple[str, str]] | None = None  # a word diff: ("=", same), ("-", removed), ("+", added)
    warning_only: bool = False  # the change is the warning itself (not repeated in its section)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"section": self.section, "text": self.text, "weakens": self.weakens}
        if self.before is not None or self.after is not None:
            data["before"], data["after"] = self.before, self.after
        if self.words is not None:
            data["words"] = [{"op": op, "text": text} for op, text in self.words]
        return data


@dataclass
class BodyDiff:
    id: str
    name: str
    status: str  # added / removed / changed
    file: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def weakening(self) -> list[Change]:
        return [c for c in self.changes if c.weakens]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "file": self.file,
            "weakens_governance": [f"{c.section}: {c.weakens}" for c in self.weakening],
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class NotCompared:
    """A problem that kept a file of one side out of the comparison, and the git revision that side was read at."""

    finding: Finding
    revision: str | None = None

    def line(self) -> str:
        """`bodies/x.yaml:3:5 (at HEAD): not compared: <the finding's message>`."""
        at = f" (at {self.revision})" if self.revision else ""
        return f"{self.finding.location()}{at}: not compared: {self.finding.message}"


@dataclass
class TreeDiff:
    old_label: str
    new_label: str
    bodies: list[BodyDiff] = field(default_factory=list)
    agencies: list[Change] = field(default_factory=list)
    not_compared: list[NotCompared] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """The files not compared, one line each, as the text, Markdown and JSON say them."""
        return [gap.line() for gap in self.not_compared]

    @property
    def files_not_compared(self) -> int:
        """How many files were left out: a file can have several problems, each a line of `problems`."""
        return len({(gap.revision, gap.finding.path) for gap in self.not_compared})

    @property
    def empty(self) -> bool:
        return not self.bodies and not self.agencies

    @property
    def weakens(self) -> bool:
        return any(b.weakening for b in self.bodies)

    @property
    def complete(self) -> bool:
        """Whether every file on both sides was compared; an incomplete diff cannot show nothing weakened."""
        return not self.not_compared

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.old_label,
            "to": self.new_label,
            "changed": not self.empty,
            "weakens_governance": self.weakens,
            "complete": self.complete,
            "bodies": [b.to_dict() for b in self.bodies],
            "agencies": [c.to_dict() for c in self.agencies],
            "problems": self.problems,
        }
