"""Provenance: which values of a body are the ToR's own words, and which are torctl's readings.

Two marks, on any rule that has them:

- `text`: the ToR's own words, quoted character for character. `...` marks a cut
  (the punctuation either side of a cut may be left out); a trailing section
  reference such as `(4.1)` is the encoder's pointer, not part of the quote.
  `quote_problems` checks each one against the source text. The one
  normalisation (`fold`): curly quotes and apostrophes are compared as straight
  ones, en and em dashes as hyphens, and a run of spaces and line breaks as one
  space (a line broken by the extraction, `-` at a line's end included). Case,
  letters and every other punctuation mark must match.
- `reading`: an interpretation, where a value is not what the ToR says in so
  many words. Every reading is published with the rule it qualifies
  (`readings` lists them for documents and verdicts), so nothing inferred is
  ever presented as stated.
"""

import re
from typing import Any, NamedTuple
from collections.abc import Iterator

from pydantic import BaseModel

from .decisions import NoQuorum

Loc = tuple[str | int, ...]

_QUOTE_FIELDS = frozenset({"text"})
_SECTION_REF = re.compile(r"\s*\((?:\d+(?:\.\d+)*(?:,\s*)?)+\)\s*\.?\s*$")
_CUT = re.compile(r"\s*(?:\.\.\.|…)\s*")
# Curly quotes, en and em dashes and the no-break space, as their plain forms.
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)


class Marked(NamedTuple):
    """One marked value: where it is in the body, and its words."""

    loc: Loc
    words: str


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, BaseModel]]:
    if isinstance(value, BaseModel):
        yield loc, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, getattr(item, "id", None) or index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, str(key)))


def quotes(model: BaseModel) -> list[Marked]:
    """Every value held as the ToR's own words: each `text`, and a `none` quorum's reason."""
    out = []
    for loc, node in _walk(model, ()):
        for name in _QUOTE_FIELDS:
            words = getattr(node, name, None)
            if isinstance(words, str) and words.strip():
                out.append(Marked((*loc, name), words))
        match node:
            case NoQuorum(reason=reason):  # where the ToR sets no quorum, its reason is in its own words
                out.append(Marked((*loc, "reason"), reason))
            case _:  # any other model, quorum rule or not: no other field holds a quote
                pass
    return out


def readings(model: BaseModel) -> list[Marked]:
    """Every `reading`: the places where a value is torctl's interpretation of the source."""
    out = []
    for loc, node in _walk(model, ()):
        words = getattr(node, "reading", None)
        if isinstance(words, str) and words.strip():
            out.append(Marked(loc, words))
    return out


def fold(text: str) -> str:
    """Text as compared for quoting: curly quotes and dashes straightened, runs of whitespace as one space."""
    text = text.translate(_FOLD).replace("- \n", "-").replace("-\n", "-")
    return " ".join(text.split())


_AT_A_CUT = " .;:,"  # punctuation a cut may drop either side of it


def quote_fragments(words: str) -> list[str]:
    """The pieces of a quote that must appear in the source, in order, each exactly (`fold` aside)."""
    pieces = _CUT.split(_SECTION_REF.sub("", words))
    out = []
    for index, raw in enumerate(pieces):
        piece = fold(raw)
        if index > 0:  # after a cut
            piece = piece.lstrip(_AT_A_CUT)
        if index < len(pieces) - 1:  # before a cut
            piece = piece.rstrip(_AT_A_CUT)
        if piece.strip():
            out.append(piece.strip())
    return out


def is_quoted(words: str, source: str) -> bool:
    """Whether `words` appear in `source`, in order, allowing `...` cuts; character for character but for `fold`."""
    haystack = fold(source)
    start = 0
    for piece in quote_fragments(words):
        found = haystack.find(piece, start)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def quote_problems(model: BaseModel, source: str) -> list[Marked]:
    """The values marked as the ToR's words that the source does not contain."""
    return [m for m in quotes(model) if not is_quoted(m.words, source)]


def where(loc: Loc) -> str:
    """A location in words: `quorum`, `members chief-nursing-officer`, `governance membership changes`."""
    parts = [str(p).replace("_", " ") for p in loc if not isinstance(p, int)]
    return " ".join(parts) if parts else "the body"


_UNSTATED_WORDS = ("not stated", "does not say", "does not state", "is silent")


def means_not_stated(model: type[BaseModel], name: str) -> bool:
    """Whether the field's empty value means the ToR does not state it (its description says so)."""
    description = (model.model_fields[name].description or "").casefold()
    return any(words in description for words in _UNSTATED_WORDS)


def unstated(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The paths (YAML key names, list indexes) of the empty fields whose emptiness means 'not stated'."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            field_value = getattr(value, name)
            key = info.alias or name
            if field_value is None and means_not_stated(type(value), name):
                yield (*path, key)
            else:
                yield from unstated(field_value, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from unstated(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from unstated(item, (*path, str(key)))
