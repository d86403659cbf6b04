"""The one way torctl reads a file into a model: parse the YAML, validate the model, place every problem.

Loading a bodies directory, reading a meeting record, both sides of a diff, an
edit's new text and an agenda's items file all come through `read`, so a
problem is worded and placed the same way wherever it is found, and every
pydantic error is kept, not only the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from ..findings import Finding, FindingError
from . import directives
from .messages import validation_findings
from .paths import display_path
from .yamlio import Parsed, YamlProblem, parse_file, parse_text

M = TypeVar("M", bound=BaseModel)


class Text(NamedTuple):
    """YAML that is not (or not yet) a file on disk: an edit's new text, a file at a git revision."""

    shown: str  # how findings name it, e.g. `bodies/lscp.yaml` or `HEAD:bodies/lscp.yaml`
    text: str


Source = Path | Text


@dataclass
class Read(Generic[M]):
    """What `read` made of a source: the model, or the findings that stop it (all of them), and the parse."""

    shown: str
    model: M | None = None
    parsed: Parsed | None = None
    findings: list[Finding] = field(default_factory=list)

    def value(self) -> M:
        """The model, or a `FindingError` carrying every finding."""
        if self.model is None:
            raise FindingError(self.findings)
        return self.model


def read(source: Source, model: type[M], *, shown: str | None = None) -> Read[M]:
    """Parse `source` and validate it as `model`; a YAML or schema problem is a finding at its line and column."""
    result: Read[M] = Read(shown or (source.shown if isinstance(source, Text) else display_path(source)))
    try:
        result.parsed = (
            parse_text(source.text.removeprefix("\ufeff")) if isinstance(source, Text) else parse_file(source)
        )
    except YamlProblem as problem:
        result.findings.append(problem.finding(result.shown))
        return result
    if result.parsed.text is not None:
        directives.note(result.parsed, result.parsed.text)
    return validate(result, model)


def validate(result: Read[M], model: type[M]) -> Read[M]:
    """Validate a parsed source as `model`, keeping every error, each placed at its line and column."""
    assert result.parsed is not None
    try:
        result.model = model.model_validate(result.parsed.data)
    except ValidationError as exc:
        result.findings.extend(validation_findings(result.shown, result.parsed.node, model, exc))
    return result
