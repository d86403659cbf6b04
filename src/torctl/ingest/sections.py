"""The sections a ToR has, whatever it calls them, and the bodies a document holds.

A section starts at a heading (or a `Label: words` line) whose words say what it is
about: "Quoracy", "Frequency of meetings", "Role of group members", "Chairing
arrangements". A heading that says nothing known starts an `other` section at the top
levels and is kept inside the current one below them. A document with more than one
"Terms of Reference" title holds one body per title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .outline import Block

# (kind, what it is called in the report, the heading words that name it), first match wins: members' duties
# before membership ("Role of group members"), substitutes before the chair ("Deputies").
SECTION_KINDS: tuple[tuple[str, str, str], ...] = (
    ("dissolution", "dissolution", r"dissol|winding.up"),
    (
        "review",
        "review of the ToR",
        r"^review\b|review of (the |these )?(terms|tor)|terms of reference review|^review date",
    ),
    ("quorum", "quorum", r"quor"),
    ("interests", "declarations of interest", r"interest|conflicts?\b|^declarations?\b"),
    ("voting", "decisions and voting", r"\bvot(e|es|ing)\b|decision.making|^decisions?\b"),
    (
        "substitutes",
        "substitutes and deputies",
        r"substitut|deputi[sz]|deputies|alternates?\b|nominated representative",
    ),
    (
        "duties",
        "members' duties",
        r"(role|duties|responsibilities|expectations|commitments?)s? of (the )?(group |board |committee |partnership )?"
        r"members|members'? (roles?|duties|responsibilit|commitment)|member'?s'? roles|members (have )?commit",
    ),
    ("chair", "chair and deputy", r"\bchair"),
    ("membership", "membership", r"member|composition|attendees?\b|who attends|in attendance|responsible authorities"),
    ("meetings", "meetings and frequency", r"frequency|\bmeetings?\b|venue|\bschedule"),
    ("administration", "papers, agenda and minutes", r"administ|papers|agenda|minutes|secretariat|support"),
    ("escalation", "escalation", r"escalat|dispute|disagree"),
    ("reporting", "reporting and accountability", r"report|accountab|governance|relationships?\b"),
    (
        "purpose",
        "purpose",
        r"purpose|\baims?\b|role and function|objectives?|remit|functions?\b|introduction|background|responsibilit",
    ),
)
TITLES = {kind: title for kind, title, _ in SECTION_KINDS}
_CUES = [(kind, re.compile(words, re.IGNORECASE)) for kind, _, words in SECTION_KINDS]
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z'\u2019 /&-]{2,45}?)\s*:\s+(?P<rest>\S.*)$")
_TOR = re.compile(r"terms\s+of\s+reference", re.IGNORECASE)
_SENTENCE_WORDS = re.compile(
    r"\b(can|will|shall|is|are|be|was|were|has|have|do|does|did|must|may|should)\b", re.IGNORECASE
)
# A `Label: words` line whose label names a field of the document (its source, version, date) describes it.
_FIELD_LABEL = re.compile(
    r"^(source( document)?|document|section|version|status|approved|adopted|agreed|reviewed|review|next review|"
    r"date|ref(erence)?|owner|author|file|subject)$",
    re.IGNORECASE,
)


@dataclass
class Section:
    """One section of a ToR: its kind (None: not one torctl knows), its heading and its blocks."""

    kind: str | None
    heading: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return TITLES.get(self.kind or "", "other")


@dataclass
class BodyText:
    """The part of a document that is one body's ToR."""

    name: str
    title: str
    blocks: list[Block]


def kind_of(heading: str) -> str | None:
    """The section kind a heading's words name, or None."""
    words = heading.strip().rstrip(":").strip()
    if len(words.split()) > 12:
        return None
    return next((kind for kind, cue in _CUES if cue.search(words)), None)


def _is_tor_title(block: Block) -> bool:
    if block.kind not in ("heading", "line", "paragraph") or not _TOR.search(block.text):
        return False
    text = block.text.strip()
    label = _LABEL.match(text)
    if label and _FIELD_LABEL.match(label["label"].strip()):
        return False  # "Source document: Terms of Reference SSCP Executive Group": a field that names the ToR
    rest = _TOR.sub("", text)
    if text.endswith(".") and len(rest.split()) > 3:
        return False  # a sentence about the ToR ("The terms of reference do not say ..."), not its title
    if re.match(r"^\W*(?:\d[\d.]*\s+)?(?:review|amend|chang|revis|approv)\w*\b", rest, re.IGNORECASE):
        return False  # "Review of the Terms of Reference": a section of a ToR, not the title of another
    return len(rest.split()) <= 14 and not _SENTENCE_WORDS.search(rest)


_TITLE_NOISE = re.compile(r"^(appendix\s+\w+\s*[:.\u2013-]\s*)|(\s*version\s+[\w.]+\s*)$", re.IGNORECASE)


def _name_from(title: str) -> str:
    name = _TOR.sub(" ", title)
    name = _TITLE_NOISE.sub("", name.strip())
    name = re.sub(r"^\W+|[\W]+$", "", name.strip())  # separators left at either end ("Quartet -", ": ")
    if name.count("(") > name.count(")"):
        name += ")"  # the bracket that closed "(Partnership Executive)" was taken for a separator
    name = re.sub(r"\s+", " ", name)
    return name.removesuffix(" of").removesuffix(" for").strip()


def _short(block: Block) -> bool:
    """A line standing alone: a `line` of a text file, or a short Word paragraph that ends no sentence."""
    text = block.text.strip()
    if block.kind == "line":
        return len(text.split()) <= 10
    return block.kind == "paragraph" and len(text.split()) <= 10 and not text.endswith((".", ";", ",", "?", "!"))


def split_bodies(blocks: list[Block], fallback: str) -> tuple[list[BodyText], list[Block]]:
    """The bodies a document holds, and the blocks before the first of them when it holds several."""
    starts = [i for i, block in enumerate(blocks) if _is_tor_title(block)]
    if len(starts) < 2:
        title = blocks[starts[0]].text if starts else ""
        first = next((b.text for b in blocks if b.kind in ("heading", "line")), "")
        name = _name_from(title) or _name_from(first) or fallback
        return [BodyText(name, title or first or fallback, blocks)], []
    bodies = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(blocks)
        part = blocks[start:end]
        name = _name_from(part[0].text)
        if not name and len(part) > 1 and _short(part[1]):
            name = part[1].text.strip()
            part = [part[0], *part[2:]]
        bodies.append(BodyText(name or f"{fallback} {index + 1}", part[0].text, part[1:]))
    return bodies, blocks[: starts[0]]


def split_sections(blocks: list[Block]) -> list[Section]:
    """The sections of one body's blocks, in order; blocks before the first heading are an `other` section."""
    sections = [Section(None, "")]
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        heading, rest = _heading_of(block, sections[-1].kind, following)
        if heading is None:
            sections[-1].blocks.append(block)
            continue
        kind = kind_of(heading)
        top = block.kind == "heading" and block.level <= 2
        if kind is None and not top:
            sections[-1].blocks.append(block)
            continue
        # the heading stays the section's first block: a heading inside a list ("Partner members:") says its class
        first = rest if rest is not None else block if block.kind == "heading" else Block("heading", block.text, 3)
        sections.append(Section(kind, heading, [first]))
    return [s for s in sections if s.blocks or s.kind]


# In a membership list, a line naming a chair or a member ("Chair of the Review Group", "Lead Member") is an entry.
_ENTRIES_IN = {"membership": {"membership", "chair", "substitutes"}}


_BARE = re.compile(r"^(?:the\s+)?(?:chair(?:ing|man|person)?s?|membership|members)(?:\s+arrangements)?$", re.IGNORECASE)


def _heading_of(block: Block, current: str | None, following: Block | None) -> tuple[str | None, Block | None]:
    """(heading, the block's words after it) where a block opens a section; (None, None) where it does not."""
    if block.kind == "heading":
        return block.text, None
    if block.kind == "row":
        return None, None
    label = _LABEL.match(block.text)
    listed = (
        block.kind == "item" and kind_of(label["label"]) in _ENTRIES_IN.get(current or "", set()) if label else False
    )
    if label and kind_of(label["label"]) is not None and not listed:  # "- Chair: Head of ..." in a list is a post
        rest = label["rest"]
        return label["label"], Block(block.kind if block.kind != "line" else "paragraph", rest, block.level)
    if _short(block):
        kind = kind_of(block.text)
        opens = next((c for k, c in _CUES if k == kind), None)
        entry = kind in _ENTRIES_IN.get(current or "", set())
        if entry and _BARE.match(block.text.strip()) and following is not None and following.kind == "paragraph":
            entry = False  # "Chair" alone above a sentence: a heading, not a post named "Chair"
        if kind is not None and opens is not None and opens.match(block.text) and kind != current and not entry:
            return block.text, None
    return None, None
