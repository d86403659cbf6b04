"""A draft body from one ToR's sections: what was read with certainty as data, the rest as open questions.

Every section's words are kept verbatim: in the `text` of the field they belong to,
as purpose items and members' duties, or in an open question's `words`. The draft is
checked against the model before it is returned, so what is written always loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import EXIT_INTERNAL, TorctlError
from ..model import Agency, Body
from ..model.base import SLUG_PATTERN
from . import rules
from .members import CHAIR_MARK, AgencyMatcher, Membership, Post, looks_like_role, prose_members, read_membership
from .outline import Block, ImportRefused, Outline
from .phrases import has, sentences
from .coverage import unread
from .sections import TITLES, BodyText, Section, split_bodies, split_sections

CLASS_READING = "Posts listed as members are read as counting toward quorum; the ToR does not say whether they vote."


@dataclass
class Draft:
    """One body read from a document: its file's text and what is left to do."""

    body_id: str
    name: str
    data: dict[str, Any]
    sections: list[dict[str, str]] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # the document's sentences turned into data

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.data.get("open_questions", []))

    def text(self, source: str) -> str:
        header = (
            "# yaml-language-server: $schema=../schema/body.schema.json\n"
            f"# Imported by torctl from {Path(source).name}: a draft. Each `text:` is the\n"
            "# document's own words; each entry under `open_questions` is a passage not yet data or a reading\n"
            "# to confirm. Resolve them, then remove each entry (they are warnings until then).\n"
        )
        return header + yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=110)


@dataclass
class ImportResult:
    outline: Outline
    drafts: list[Draft]
    skipped_blocks: int = 0
    refused: list[str] = field(default_factory=list)


def slug(text: str, limit: int = 60) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")
    words = words[:limit].rsplit("-", 1)[0] if len(words) > limit else words
    return words or "body"


def import_outline(outline: Outline, agencies: Mapping[str, Agency]) -> ImportResult:
    """Every body the outline holds, as drafts."""
    fallback = Path(outline.source).stem.replace("_", " ").replace("-", " ")
    bodies, before = split_bodies(outline.blocks, fallback)
    matcher = AgencyMatcher(agencies)
    drafts: list[Draft] = []
    used: set[str] = set()
    refused: list[str] = []
    for text in bodies:
        try:
            draft = build_draft(text, matcher, Path(outline.source).name)
        except ImportRefused as exc:
            if len(bodies) == 1:
                raise
            refused.append(exc.message)
            continue
        base, count = draft.body_id, 2
        while draft.body_id in used:
            draft.body_id = f"{base}-{count}"
            draft.data["id"] = draft.body_id
            count += 1
        used.add(draft.body_id)
        drafts.append(draft)
    if not drafts:
        raise ImportRefused("; ".join(refused))
    return ImportResult(outline, drafts, len(before), refused)


def _passages(sections: list[Section]) -> list[rules.Passage]:
    found: list[rules.Passage] = []
    for section in sections:
        for block in section.blocks:
            if block.kind == "heading" or block.text == section.heading:
                continue
            texts = [c for c in block.cells if c] if block.kind == "row" else [block.text]
            for text in texts:
                found.extend((section.kind, sentence) for sentence in sentences(text))
    return found


def _words(blocks: list[Block]) -> str:
    """The blocks' words, one block a line; a section's heading is left out."""
    blocks = [b for b in blocks if b.kind != "heading"] or blocks
    return "\n".join(b.words if b.kind != "row" else " | ".join(c for c in b.cells if c) for b in blocks)


@dataclass
class _Reading:
    """One body's sections while it is read: by kind, as sentences, and what became data or a question."""

    sections: list[Section]
    by_kind: dict[str, list[Block]] = field(default_factory=dict)
    passages: list[rules.Passage] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    read: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for section in self.sections:
            if section.kind:
                self.by_kind.setdefault(section.kind, []).extend(section.blocks)
        self.passages = _passages(self.sections)

    def take(self, found: rules.Found) -> dict[str, Any] | None:
        """A reader's value; its questions and the sentences it read are kept."""
        self.questions += found.questions
        self.read += found.used
        return found.value

    def words(self, kind: str) -> str | None:
        """The section's words, verbatim, where the ToR has the section."""
        return _words(self.by_kind[kind]) if kind in self.by_kind else None


def build_draft(text: BodyText, matcher: AgencyMatcher, source: str) -> Draft:
    sections = split_sections(text.blocks)
    for section in sections:
        if text.title and section.heading == text.title:
            section.kind = None  # the document's title ("Audit and Governance Committee - ToR") is no section
    reading = _Reading(sections)
    membership = _membership(reading, matcher)
    chair, deputy = _chairs(membership, reading)
    if not membership.posts:
        raise ImportRefused(
            f"found no members of '{text.name}' in {source}: torctl needs at least one post, from a list or table "
            "under a membership heading (or a sentence 'The membership is ...' or 'The Committee shall consist of "
            "seven councillors')"
        )
    members, ids = _members(membership.posts)
    data = _header(text, source, reading)
    data["membership_classes"] = _classes(membership, members)
    data["members"] = members
    _people(data, reading, chair, deputy, ids)
    _decisions(data, reading, members, matcher)
    _meetings(data, reading)
    _kept(data, reading)
    reading.questions += unread(sections, reading.read, reading.questions)
    data["open_questions"] = _unique(reading.questions)
    report = [
        {"section": s.title, "heading": s.heading, "status": _status(s, data)}
        for s in sections
        if s.kind is not None or (s.heading and s.heading != text.title)
    ]
    return Draft(data["id"], text.name, _checked(data), report, reading.read)


def _membership(reading: _Reading, matcher: AgencyMatcher) -> Membership:
    membership = read_membership(reading.by_kind.get("membership", []), matcher)
    for section in reading.sections:
        if section.kind != "membership":
            for block in section.blocks:
                if block.kind in ("paragraph", "item"):
                    before = len(membership.posts)
                    prose_members(block.text, membership, matcher)
                    if len(membership.posts) > before:
                        membership.used.append(block.text)
    reading.questions += membership.questions
    reading.read += membership.used
    return membership


def _header(text: BodyText, source: str, reading: _Reading) -> dict[str, Any]:
    data: dict[str, Any] = {"id": slug(text.name), "name": text.name}
    short = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", text.name)
    if short:
        data["short_name"] = short[1]
    data["status"] = "not-stated"
    data["source"] = {"document": text.title.strip() or text.name, "seed": source}
    as_at = rules.as_at(reading.passages)
    if as_at:
        data["source"]["as_at"] = as_at
    headings = {s.heading for s in reading.sections}
    purpose = [b for b in reading.by_kind.get("purpose", []) if b.kind != "heading" and b.text not in headings]
    data["purpose"] = [b.words for b in purpose] or "not-stated"
    reading.read += [b.text for b in purpose]
    return data


def _people(data: dict[str, Any], reading: _Reading, chair: _Chair, deputy: _Chair | None, ids: dict[int, str]) -> None:
    substitution = reading.take(rules.substitution(reading.passages))
    data["substitution"] = substitution or {"who": "not-stated"}
    words = reading.words("substitutes")
    if words:
        data["substitution"]["text"] = words
    data["chair"] = _chair_data(chair, ids)
    if deputy is not None:
        data["deputy_chair"] = _chair_data(deputy, ids)


def _decisions(data: dict[str, Any], reading: _Reading, members: list[dict[str, Any]], matcher: AgencyMatcher) -> None:
    quorum = reading.take(rules.quorum(reading.passages)) or {}
    if reading.words("quorum") and quorum.get("rule") not in (None, "not-stated"):
        quorum["text"] = reading.words("quorum")
    data["quorum"] = _checkable(quorum, members, matcher, reading.questions)
    voting = reading.take(rules.voting(reading.passages))
    if voting is not None and reading.words("voting"):
        voting["text"] = reading.words("voting")
    data["voting"] = voting or {"method": "not-stated"}
    interests = reading.take(rules.interests(reading.passages))
    if interests is not None:
        data["procedure"] = {"interests": interests}


def _meetings(data: dict[str, Any], reading: _Reading) -> None:
    cadence = reading.take(rules.frequency(reading.passages))
    data["meetings"] = {"cadence": cadence} if cadence else {}
    if reading.words("meetings"):
        data["meetings"]["text"] = reading.words("meetings")
    administration: dict[str, Any] = {}
    for name, reader in (("papers", rules.papers), ("minutes", rules.minutes)):
        found = reading.take(reader(reading.passages))
        if found is not None:
            administration[name] = found
    if administration:
        data["administration"] = administration
    data["review"] = reading.take(rules.review(reading.passages))
    if reading.words("review") and "unknown_reason" not in data["review"]:
        data["review"]["text"] = reading.words("review")


def _kept(data: dict[str, Any], reading: _Reading) -> None:
    """The sections kept as words: members' duties and dissolution as data, reporting and escalation as to-dos."""
    headings = {s.heading for s in reading.sections}
    duties = [
        b
        for b in reading.by_kind.get("duties", [])
        if b.kind in ("item", "paragraph", "line") and b.text not in headings
    ]
    if duties:
        data["governance"] = {"member_duties": [{"text": b.words} for b in duties]}
        reading.read += [b.text for b in duties]
    words = reading.words("dissolution")
    if words:
        data["dissolution"] = {"condition": words, "text": words}
        reading.read.append(words)
    for kind in ("reporting", "escalation"):
        words = reading.words(kind)
        if words:
            field_path = kind if kind == "reporting" else "governance.escalation"
            reading.questions.append(rules.todo(field_path, words, TITLES[kind]))


def _needs(rule: dict[str, Any]) -> tuple[set[str], int, int]:
    """The agency kinds a quorum rule names, the most distinct agencies and the most members it asks for."""
    kinds = set(rule.get("agency_kinds", [])) | set(rule.get("of", {}).get("agency_kinds", []))
    at_least = rule.get("rule") == "at-least"
    agencies = rule["count"] if at_least and rule.get("counting") == "agencies" else 0
    people = rule["count"] if at_least and rule.get("counting", "members") == "members" else rule.get("minimum", 0)
    for sub in rule.get("rules", []):
        more, most, most_people = _needs(sub)
        kinds, agencies, people = kinds | more, max(agencies, most), max(people, most_people)
    return kinds, agencies, people


def _checkable(
    rule: dict[str, Any], members: list[dict[str, Any]], matcher: AgencyMatcher, questions: list[dict[str, Any]]
) -> dict[str, Any]:
    """The quorum rule, unless the members read so far cannot meet it (their agencies are not yet known): then
    not stated, with the words as a to-do, so the draft loads and the rule is set once the agencies are."""
    kinds, count, people = _needs(rule)
    counting = [m for m in members if m["class"] in ("core", "partner", "stakeholder") and "vacancy" not in m]
    agencies = {m["agency"] for m in counting if m.get("agency")}
    known_kinds = {str(matcher.agencies[a].kind) for a in agencies if a in matcher.agencies}
    if (not kinds or kinds & known_kinds) and len(agencies) >= count and len(counting) >= people:
        return rule
    words = rule.get("text", "")
    questions[:] = [q for q in questions if not (q["field"] == "quorum" and q["kind"] == "confirm")]
    if kinds and not kinds & known_kinds:
        lacking = f"the members read so far have no agency of the kinds it names ({', '.join(sorted(kinds))})"
    elif len(agencies) < count:
        lacking = f"it asks for {count} agencies and the members read so far name {len(agencies)}"
    else:
        lacking = f"it asks for {people} members and {len(counting)} counting members were read"
    questions.append(
        rules.todo("quorum", words, f"the quorum cannot be met as read: {lacking}; set the members, then the quorum")
    )
    return {"rule": "not-stated", "reason": "The ToR's quorum clause is not yet data (see open_questions)."}


def _unique(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for question in questions:
        if not question.get("words", "").strip():
            continue
        key = (question["kind"], question.get("field") or "", question["words"])
        if key not in seen:
            seen.add(key)
            out.append({k: v for k, v in question.items() if v is not None})
    return out


_STATUS_FIELDS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "quorum": ("quorum", lambda d: d["quorum"]["rule"] != "not-stated"),
    "meetings": ("meetings", lambda d: "cadence" in d["meetings"]),
    "voting": ("voting", lambda d: d["voting"]["method"] != "not-stated"),
    "substitutes": ("substitution", lambda d: d["substitution"]["who"] != "not-stated"),
    "review": ("review", lambda d: "unknown_reason" not in d["review"]),
    "chair": ("chair", lambda d: d["chair"]["mode"] != "not-stated"),
    "membership": ("members", lambda d: bool(d["members"])),
    "purpose": ("purpose", lambda d: d["purpose"] != "not-stated"),
    "interests": ("procedure", lambda d: "procedure" in d),
    "duties": ("governance", lambda d: "governance" in d),
    "dissolution": ("dissolution", lambda d: "dissolution" in d),
    "administration": (
        "administration",
        lambda d: "papers" in d.get("administration", {}) or "minutes" in d.get("administration", {}),
    ),
}


def _status(section: Section, data: dict[str, Any]) -> str:
    if section.kind is None:
        return "not read (no section torctl knows)"
    entry = _STATUS_FIELDS.get(section.kind)
    if entry is None:
        return "kept as an open question"
    name, done = entry
    return f"read into {name}" if done(data) else "kept verbatim; not yet data (open question)"


def _members(posts: list[Post]) -> tuple[list[dict[str, Any]], dict[int, str]]:
    members: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for index, post in enumerate(posts):
        base = slug(post.role, 40)
        post_id, count = base, 2
        while post_id in taken:
            post_id, count = f"{base}-{count}", count + 1
        taken.add(post_id)
        ids[index] = post_id
        entry: dict[str, Any] = {"id": post_id, "role": post.role}
        if post.agency:
            entry["agency"] = post.agency
        if post.holder:
            entry["holder"] = post.holder
        elif post.vacancy:
            entry["vacancy"] = post.vacancy
        entry["class"] = post.member_class
        if post.notes:
            entry["notes"] = post.notes
        if post.reading:
            entry["reading"] = post.reading
        members.append(entry)
    return members, ids


def _classes(membership: Membership, members: list[dict[str, Any]]) -> dict[str, Any]:
    classes: dict[str, Any] = {}
    for member in members:
        name = member["class"]
        if name in classes:
            continue
        counts = True if name in ("core", "partner", "stakeholder") else (False if name == "secretariat" else None)
        rule: dict[str, Any] = {"votes": None, "counts_for_quorum": counts}
        if name in membership.class_text:
            rule["text"] = membership.class_text[name]
        if counts:
            rule["reading"] = CLASS_READING
        elif counts is False:
            rule["votes"] = False
            rule["reading"] = (
                "The secretariat supports the body and is read as neither voting nor counting toward quorum."
            )
        classes[name] = rule
    return classes


@dataclass
class _Chair:
    mode: str
    post: int | None = None
    text: str | None = None
    reading: str | None = None


def _chairs(membership: Membership, reading: _Reading) -> tuple[_Chair, _Chair | None]:
    posts = membership.posts
    chair_text = reading.words("chair")
    chair: _Chair | None = None
    marked = next((i for i, p in enumerate(posts) if p.chairs == "chair"), None)
    if marked is not None:
        post = posts[marked]
        mode = "independent" if "independent" in post.role.lower() else "post"
        chair = _Chair(mode, marked, chair_text or post.words)
        if post.words and CHAIR_MARK.search(post.words):
            chair.reading = "The membership list marks this post as the chair ('(Chair)')."
    elif (said := rules.chair_sentence(reading.passages)) is not None:
        chair = _chair_said(posts, *said, chair_text, reading)
    if chair is None:
        chair = _Chair("not-stated", text=chair_text)
        if chair_text:
            reading.questions.append(rules.todo("chair", chair_text, "who chairs"))
    deputy = None
    marked_deputy = next((i for i, p in enumerate(posts) if p.chairs == "deputy"), None)
    if marked_deputy is not None:
        deputy = _Chair("post", marked_deputy, posts[marked_deputy].words)
    elif membership.deputy_vacancy:
        deputy = _Chair("vacant", text=membership.deputy_text)
    elif (said := rules.deputy_sentence(reading.passages)) is not None:
        index = _match_post(posts, said[1])
        if index is not None:  # a deputy the members do not hold stays words (an open question), never a new post
            deputy = _Chair("post", index, said[0])
            reading.read.append(said[0])
    return chair, deputy


def _chair_said(posts: list[Post], sentence: str, who: str, chair_text: str | None, reading: _Reading) -> _Chair:
    """The chair a sentence names: a post of the members, or a new post where the words name a role."""
    if has(r"rotat", sentence):
        reading.questions.append(rules.todo("chair", sentence, "a rotating chair: name the posts it rotates among"))
        return _Chair("not-stated", text=chair_text or sentence)
    index = _match_post(posts, who)
    if index is None:
        if not looks_like_role(who):
            reading.questions.append(rules.todo("chair", sentence, "who chairs: the words name no post"))
            return _Chair("not-stated", text=chair_text or sentence)
        role = re.sub(r"^(the|an|a)\s+", "", who, flags=re.IGNORECASE)
        posts.append(Post(role[:1].upper() + role[1:], None, "core"))
        index = len(posts) - 1
        reading.questions.append(
            rules.confirm("chair", sentence, f"the chair '{role}' is not in the membership list; added as a post")
        )
    reading.read.append(sentence)
    mode = "independent" if "independent" in who.lower() else "post"
    return _Chair(mode, index, chair_text or sentence)


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in {"the", "of", "a", "an", "and", "for"}}


def _match_post(posts: list[Post], who: str) -> int | None:
    """The post whose role's words are all among `who`'s (the longest such role), or else the one post whose
    role holds all of `who`'s words; None where neither is found."""
    wanted = _tokens(who)
    best: tuple[int, int] | None = None
    for index, post in enumerate(posts):
        role = _tokens(post.role)
        if role and role <= wanted and (best is None or len(role) > best[0]):
            best = (len(role), index)
    if best is not None:
        return best[1]
    holding = [i for i, post in enumerate(posts) if wanted and wanted <= _tokens(post.role)]
    return holding[0] if len(holding) == 1 else None


def _chair_data(chair: _Chair, ids: dict[int, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"mode": chair.mode}
    if chair.post is not None:
        data["post"] = ids[chair.post]
    if chair.text:
        data["text"] = chair.text
    if chair.reading:
        data["reading"] = chair.reading
    return data


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """The draft, after the model accepts it: an import that cannot load is torctl's bug, not the user's."""
    from pydantic import ValidationError

    if not re.match(SLUG_PATTERN, data["id"]):
        data["id"] = "imported-body"
    try:
        Body.model_validate(data)
    except ValidationError as exc:
        raise TorctlError(
            f"the import built a body the model refuses (a bug in torctl): {exc}", exit_code=EXIT_INTERNAL
        ) from None
    return data
