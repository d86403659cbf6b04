"""The pieces a document view is built from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """A labelled fact: `Frequency: monthly`."""

    label: str
    text: str
