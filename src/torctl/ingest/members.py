"""Membership lists and tables into posts: role, agency (matched against the registry), class, holder, vacancy.

The class comes only from the heading, the column or the row a post sits under
("Partner members", "Attendee", "Board members"); a list under a plain
"Membership" heading is the body's members (`core`). The agency is one the
registry names in the entry's own words (its name or short name), or the agency
heading the entry sits under; a council's cabinet member or leader belongs to the
council's political executive where the registry has one. Words that look like an
organisation the registry does not hold become a question with the nearest name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Agency
from ..model.agencies import AgencyKind
from ..suggest import closest
from .outline import Block
from .phrases import NUMBER, number, sentences

CLASS_WORDS: tuple[tuple[str, str], ...] = (
    (r"participant observers?|observers?", "participant-observer"),
    (r"co-?opted", "co-opted"),
    (r"advis[eo]rs?", "adviser"),
    (r"stakeholder", "stakeholder"),
    (r"partner members?", "partner"),
    (r"attendees?|in attendance|(?:will )?attend(?:ing)?\b", "attendee"),
    (r"secretariat", "secretariat"),
    (r"core|board members?|full members?|voting members?|members?", "core"),
)
_CLASS = [(re.compile(rf"^\W*(?:{words})\b", re.IGNORECASE), cls) for words, cls in CLASS_WORDS]
_CLASS_ONLY = re.compile(
    r"^\W*(?:(?:core|partner|stakeholder|board|full|voting|co-?opted)\s+)?(?:members?(?:hip)?|attendees?|observers?|"
    r"participant observers?|advis[eo]rs?|in attendance)(?:\s+(?:for|to)\b.*)?\W*$",
    re.IGNORECASE,
)
_CHAIR_ENTRY = re.compile(
    r"^(?P<which>(?:deputy|vice)[- ]?chair(?:man|person)?|chair(?:man|person)?)\s*[\u2013\u2014:-]\s*(?P<who>.+)$",
    re.IGNORECASE,
)
CHAIR_MARK = re.compile(
    r"\s*\((?P<which>(?:vice|deputy)[- ]?chair(?:man|person)?|chair(?:man|person)?)\)", re.IGNORECASE
)
# the whole entry is the chair ("Independent Chair"); "Chair, Eastshire Voluntary Sector Forum" chairs another body
_THE_CHAIR = re.compile(r"^(?:independent )?chair(?:man|person)?\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"\b(will|shall|should|must|are|is|was|were|have|has|may)\b")
_POLITICAL_ROLE = re.compile(
    r"\b(cabinet|portfolio holder|lead member|deputy leader|^leader\b"
    r"|leader of (?:the )?(?:council|[A-Z]\w+ (?:city |county |borough )?council))",
    re.IGNORECASE,
)
_INDEPENDENT_ROLE = re.compile(
    r"\bindependent (chair|scrutineer|person|member|adviser|advisor|reviewer)", re.IGNORECASE
)
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w'\u2019-]*\s+(?:(?:and|of|&)\s+)?){1,5}(?:Council|Police|Trust|Service|Board|Partnership|ICB|CCG|"
    r"Constabulary))\b"
)
_VACANCY = (
    (re.compile(r"\bto be (?:appointed|confirmed)\b|\bTBA\b|\bTBC\b", re.IGNORECASE), "to-be-appointed"),
    (re.compile(r"\bto be decided\b|\bTBD\b", re.IGNORECASE), "to-be-decided"),
    (re.compile(r"\bvacan(?:t|cy)\b", re.IGNORECASE), "vacant"),
)
_ROLE_WORDS = re.compile(
    r"\b(director|head|chief|officer|members?|manager|lead|chair\w*|representatives?|cabinet|leader|commander|"
    r"inspector|scrutineer|adviser|advisor|commissioner|superintendent|nurse|coordinator|executive)\b",
    re.IGNORECASE,
)
_SUPPORT_ROLE = re.compile(
    r"^(?:[\w ]+ )?(business manager|clerk|secretary|minute[- ]taker|administrator|board support officer)$",
    re.IGNORECASE,
)
_NAME_HEADER = re.compile(r"^\s*(name|member name|holder)\s*$", re.IGNORECASE)
_ROLE_HEADER = re.compile(r"role|title|position|post", re.IGNORECASE)
_AGENCY_HEADER = re.compile(r"agency|organi[sz]ation|representing|body", re.IGNORECASE)


def _norm(text: str, *, brackets: bool = True) -> str:
    """Lower case, '&' as 'and', punctuation as spaces; without `brackets`, a bracketed aside is left out."""
    text = text.lower().replace("&", " and ").replace("\u2019", "'")
    if not brackets and "(" in text and not text.startswith("("):
        text = re.sub(r"\([^)]*\)", " ", text)
    return " " + re.sub(r"[^a-z0-9']+", " ", text).strip() + " "


def class_of(text: str) -> str | None:
    """The membership class a heading, column or cell names, or None."""
    return next((cls for pattern, cls in _CLASS if pattern.search(text)), None)


@dataclass
class Post:
    role: str
    agency: str | None = None
    member_class: str = "core"
    holder: str | None = None
    vacancy: str | None = None
    chairs: str | None = None  # "chair" or "deputy" where the entry says so
    notes: list[str] = field(default_factory=list)
    reading: str | None = None
    words: str | None = None  # the entry's own words, where the role leaves some out ("(Chair)")


@dataclass
class Membership:
    posts: list[Post] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    deputy_text: str | None = None
    deputy_vacancy: str | None = None
    class_text: dict[str, str] = field(default_factory=dict)
    used: list[str] = field(default_factory=list)  # the blocks' words read into posts or classes


class AgencyMatcher:
    """Agencies named in an entry's words, from the registry's names and short names."""

    def __init__(self, agencies: Mapping[str, Agency]) -> None:
        self.agencies = agencies
        self.names: list[tuple[str, str]] = []
        generic: list[str] = []
        for agency in agencies.values():
            if len(_norm(agency.name, brackets=False).split()) == 1 and agency.kind == AgencyKind.INDEPENDENT:
                generic.append(agency.id)  # "Independent": a word in many roles, matched by role below
                continue
            for name in (agency.name, agency.short_name):
                if name and len(_norm(name, brackets=False).strip()) >= 3:
                    self.names.append((_norm(name, brackets=False), agency.id))
        self.names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.independent = generic[0] if len(generic) == 1 else None

    def find(self, text: str) -> str | None:
        normal = _norm(text)
        for name, agency in self.names:
            if name in normal:
                return agency
        if self.independent and _INDEPENDENT_ROLE.search(text):
            return self.independent
        return None

    def is_agency(self, text: str) -> bool:
        """Whether the words are an agency's name and nothing more."""
        normal = _norm(text.rstrip(":* "))
        return any(name == normal for name, _ in self.names)

    def political(self, council: str | None) -> str | None:
        """The council's political executive, where the registry has exactly one."""
        found = [
            a
            for a in self.agencies.values()
            if a.kind == AgencyKind.POLITICAL and council is not None and a.part_of == council
        ]
        if len(found) > 1:  # the executive among the council's political groupings
            found = [a for a in found if re.search(r"(?<!non-)executive|cabinet", a.name, re.IGNORECASE)]
        return found[0].id if len(found) == 1 else None

    def suggestion(self, text: str) -> tuple[str, str] | None:
        """(the words, the nearest agency name) where the entry names an organisation the registry does not hold."""
        for match in _ORGANISATION.finditer(text):
            words = match[1].strip()
            if self.find(words) is not None:
                continue
            names = [n for a in self.agencies.values() for n in (a.name, a.short_name) if n]
            nearest = closest(words, names)
            if nearest is not None:
                return words, nearest
        return None


def _vacancy(text: str) -> str | None:
    return next((value for pattern, value in _VACANCY if pattern.search(text)), None)


def _is_entry(block: Block) -> bool:
    if block.kind not in ("item", "line", "paragraph"):
        return False
    text = block.text.strip()
    if text.endswith(":") or len(text.split()) > 25:
        return False
    if _SENTENCE.search(text) and (text.endswith(".") or len(text.split()) > 12):
        return False  # a clause, not a name ("7.4 The meetings will be supported by ...")
    return not (block.kind == "paragraph" and (_SENTENCE.search(text) or text.endswith(".")))


@dataclass
class _Context:
    """What the headings above a block say: its class, its agency, and the table's columns."""

    member_class: str | None = None
    agency: str | None = None
    header: dict[str, int] = field(default_factory=dict)
    other_table: bool = False  # in a table whose marked header row names no posts (not a table of members)


def read_membership(blocks: Sequence[Block], matcher: AgencyMatcher) -> Membership:
    """The posts of a membership section's lists and tables, in order; `used` holds the blocks read."""
    found = Membership()
    context = _Context()
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        before = (len(found.posts), len(found.questions))
        if _read_block(block, following, context, found, matcher) or (len(found.posts), len(found.questions)) != before:
            found.used.append(block.text)
    _political_members(found, matcher)
    return found


def _read_block(
    block: Block, following: Block | None, context: _Context, found: Membership, matcher: AgencyMatcher
) -> bool:
    """Read one block of a membership section; True where it set the context (a class or agency heading)."""
    text = block.text.strip().strip("*").strip()
    if block.kind == "row" and block.header:
        context.other_table = not _is_header(block)  # the document says this row heads its table
        if context.other_table:
            context.header = {}
            return False
    if block.kind != "row":
        context.other_table = False
    elif context.other_table:
        return False
    if block.kind == "row":
        if context.header or _is_header(block):
            header = _row(block, context.header, found, matcher, context.member_class)
            changed, context.header = header != context.header, header
            return changed
        _row(block, {}, found, matcher, context.member_class)
        return False
    if _CLASS_ONLY.match(text) and len(text.split()) <= 6:
        context.member_class, context.agency = class_of(text) or context.member_class, None
        return True
    heading_like = block.kind in ("heading", "line") or text.endswith(":")
    names_agency = matcher.find(text) is not None and not _ROLE_WORDS.search(text)
    if heading_like and names_agency and following is not None and following.kind == "item":
        context.agency = matcher.find(text)
        return True
    if text.endswith(":") and (cls := class_of(text)) is not None and len(text.split()) <= 6:
        context.member_class, context.agency = cls, None
        return True
    if block.kind == "item" and text.endswith(":") and len(text.split()) <= 5 and not _SENTENCE.search(text):
        _entry(text, found, matcher, context.member_class or "core", context.agency)  # "- Independent Chair:"
        return True
    if _ATTENDS_AS.search(text):
        prose_members(text, found, matcher)
        return False
    if re.fullmatch(r"(?:(?:board members?|attendees?)\s*){2,}", text, re.IGNORECASE):
        found.questions.append(
            {"kind": "to-do", "field": "members", "words": text, "note": "a damaged table row: add its posts by hand"}
        )
        return False
    if block.kind == "heading" or not _is_entry(block):
        if not counted_members(block.text, found, matcher):
            prose_members(block.text, found, matcher)
        return False
    _entry(text, found, matcher, context.member_class or "core", context.agency)
    return False


def _marked(role: str) -> tuple[str, str | None]:
    """The role without a "(Chair)" or "(Vice-Chair)" marker, and which chair the marker names."""
    mark = CHAIR_MARK.search(role)
    if mark is None:
        return role, None
    which = "deputy" if mark["which"].lower().startswith(("vice", "deputy")) else "chair"
    return (role[: mark.start()] + role[mark.end() :]).strip(), which


def _entry(text: str, found: Membership, matcher: AgencyMatcher, member_class: str, agency: str | None) -> None:
    chair = _CHAIR_ENTRY.match(text.rstrip(":"))
    words, chairs = _marked(text.rstrip(":").strip())
    if chair:
        chairs = "deputy" if chair["which"].lower().startswith(("deputy", "vice")) else "chair"
        words = chair["who"].strip()
        vacancy = _vacancy(words)
        if vacancy and chairs == "deputy":
            found.deputy_text, found.deputy_vacancy = text, vacancy
            return
        if matcher.is_agency(words):
            words = f"Chair ({words})" if chairs == "chair" else f"Deputy Chair ({words})"
    if chairs is None and _THE_CHAIR.match(words):
        chairs = "chair"
    post = Post(words, matcher.find(words) or agency, member_class, vacancy=_vacancy(words), chairs=chairs, words=text)
    _support(post, text, found)
    _ask_agency(post, text, found, matcher)
    found.posts.append(post)


def _support(post: Post, text: str, found: Membership) -> None:
    """A business manager, clerk or secretary in the list supports the body: its secretariat, to confirm."""
    if _SUPPORT_ROLE.search(post.role) and post.chairs is None:
        post.member_class = "secretariat"
        post.reading = "A support role (business manager, clerk, secretary) is read as the body's secretariat."
        found.questions.append(
            {"kind": "confirm", "field": "members.class", "words": text, "note": "read as secretariat, not a member"}
        )


def _ask_agency(post: Post, text: str, found: Membership, matcher: AgencyMatcher) -> None:
    if post.agency is not None:
        return
    suggestion = matcher.suggestion(text)
    if suggestion is not None:
        words, nearest = suggestion
        found.questions.append(
            {
                "kind": "confirm",
                "field": "members.agency",
                "words": text,
                "note": f"'{words}' is not in the agency registry (did you mean '{nearest}'?); "
                f"the post '{post.role}' has no agency until it is added or chosen",
            }
        )


def _is_header(block: Block) -> bool:
    cells = [c for c in block.cells if c]
    return sum(
        1 for c in cells if _NAME_HEADER.match(c) or _ROLE_HEADER.search(c) or _AGENCY_HEADER.search(c)
    ) >= 2 and all(len(c.split()) <= 4 for c in cells)


def _row(
    block: Block, header: dict[str, int], found: Membership, matcher: AgencyMatcher, context_class: str | None
) -> dict[str, int]:
    """Read one table row; return the header (column -> index) in force after it."""
    if _is_header(block):
        new: dict[str, int] = {}
        for index, cell in enumerate(block.cells):
            if _NAME_HEADER.match(cell):
                new["name"] = index
            elif _AGENCY_HEADER.search(cell):
                new.setdefault("agency", index)
            elif _ROLE_HEADER.search(cell):
                new.setdefault("role", index)
        return new
    cells = list(block.cells)
    if any(len(re.findall(r"board member|attendee", c, re.IGNORECASE)) > 1 for c in cells):
        found.questions.append(
            {
                "kind": "to-do",
                "field": "members",
                "words": block.text,
                "note": "a damaged table row: add its posts by hand",
            }
        )
        return header
    aligned = len([c for c in cells if c.strip()]) >= len(header) - 1
    holder = cells[header["name"]].strip() if "name" in header and header["name"] < len(cells) and aligned else None
    if holder and (class_of(holder) or _ROLE_WORDS.search(holder)):
        holder = None  # a damaged row: the name column holds a class or a role
    member_class = context_class
    role_parts = []
    for index, raw in enumerate(cells):
        cell = raw.strip()
        if not re.search(r"[A-Za-z]{2}", cell) or (holder and index == header.get("name")):
            continue
        cls = class_of(cell)
        in_role_column = index == header.get("role")  # "Board Member and strategic lead ..." is a post
        if cls is not None and (
            _CLASS_ONLY.match(cell) or (not in_role_column and re.match(r"^(board member|attendee)\b", cell, re.I))
        ):
            member_class = cls
            rest = re.sub(r"^\s*(board members?|attendees?)\s*", "", cell, flags=re.IGNORECASE).strip()
            if rest:
                found.questions.append(
                    {"kind": "confirm", "field": "members", "words": cell, "note": f"the post's class carries '{rest}'"}
                )
            continue
        role_parts.append(cell)
    if not role_parts:
        if member_class is not None and len([c for c in cells if c.strip()]) == 1:
            return header  # a row that only names a class is a heading inside the table
        return header
    role = ", ".join(role_parts)
    agency = matcher.find(role)
    columns = header.get("role"), header.get("agency")
    if aligned and None not in columns and all(i is not None and i < len(cells) for i in columns):
        role_cell, agency_cell = cells[columns[0]].strip(), cells[columns[1]].strip()  # type: ignore[index]
        if role_cell in role_parts and agency_cell in role_parts:  # a role column and an agency column
            role, agency = role_cell, matcher.find(agency_cell) or matcher.find(role_cell)
    role, marked = _marked(role)
    post = Post(role, agency, member_class or "core", holder=holder or None, vacancy=_vacancy(role), words=block.text)
    if post.holder and post.vacancy:
        post.vacancy = None
    if marked or _CHAIR_ENTRY.match(role) or _THE_CHAIR.match(role):
        post.chairs = marked or "chair"
    _support(post, block.text, found)
    _ask_agency(post, block.text, found, matcher)
    found.posts.append(post)
    return header


_PROSE_LIST = re.compile(
    r"membership (?:is|will be|comprises|consists of|shall be)[:\s]+(?:the\s+)?(?P<list>[^.]+?)"
    r"(?:,? and (?:is|will be) attended by (?:the\s+)?(?P<attended>[^.]+))?\.",
    re.IGNORECASE,
)
# "The Chief Executive and the Finance Director will attend meetings but are not members of the committee."
_ATTEND_NOT_MEMBERS = re.compile(
    r"^(?:[\d.]+\s+)?(?:the\s+)?(?P<who>[^.]+?) (?:will|shall|may|also) ?attend (?:the |its )?meetings?,? "
    r"but (?:are|is) not (?:a )?members?\b",
    re.IGNORECASE,
)
_ATTENDS_AS = re.compile(
    r"^(?:the\s+)?(?P<who>[^.]+?) (?:attends|will attend|attend)\b[^.]*? as (?:a |an )?(?P<cls>participant observer|"
    r"observer|adviser|advisor|attendee|co-opted member)",
    re.IGNORECASE,
)


def prose_members(text: str, found: Membership, matcher: AgencyMatcher) -> None:
    """Posts a sentence names: "The membership is A, B and C", "X attends ... as a participant observer"."""
    attends = _ATTENDS_AS.search(text)
    if attends:
        who = attends["who"].strip()
        post = Post(who[:1].upper() + who[1:], matcher.find(who), class_of(attends["cls"]) or "attendee")
        found.class_text.setdefault(post.member_class, attends[0])
        found.posts.append(post)
        return
    not_members = _ATTEND_NOT_MEMBERS.search(text)
    if not_members:
        names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", not_members["who"]) if n.strip()]
        for name in names:
            role = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            found.posts.append(Post(role[:1].upper() + role[1:], matcher.find(role), "attendee"))
        found.class_text.setdefault("attendee", not_members[0])
        return
    listed = _PROSE_LIST.search(text)
    if not listed:
        return
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+", listed["list"]) if n.strip()]
    if len(names) < 2 or _SENTENCE.search(listed["list"]):
        return  # "Any changes to membership shall be agreed by the Board": not a list of posts
    reading = "The ToR lists the members in one sentence; it is read as one post per name between commas and 'and'."
    for name in names:
        found.posts.append(Post(name, matcher.find(name), "core", reading=reading))
    if listed["attended"]:
        who = listed["attended"].strip()
        found.posts.append(Post(who, matcher.find(who), "attendee", reading=reading))
        found.class_text.setdefault("attendee", listed[0])
    found.questions.append(
        {
            "kind": "confirm",
            "field": "members",
            "words": listed[0],
            "note": "the membership sentence was split into posts at commas and 'and'; check each post",
        }
    )


_COMPOSED = re.compile(
    r"\b(?:consists? of|comprises?(?: of)?|(?:is|are|be) made up of|(?:is|are|be) composed of)\s+(?P<list>[^.;:]+)",
    re.IGNORECASE,
)
_COUNTED = re.compile(rf"^(?P<n>{NUMBER})\s+(?P<what>[a-z][\w'\u2019 -]*?)$", re.IGNORECASE)
# what follows a counted post and says how it is filled, not what it is: kept as words for a person to read
_TAIL = re.compile(
    r"\s*\b(?:appointed|nominated|elected|drawn|chosen|selected|including|in accordance|who|from among|each of whom)\b",
    re.IGNORECASE,
)


def counted_members(text: str, found: Membership, matcher: AgencyMatcher) -> bool:
    """Posts from a sentence that counts them: "The Committee shall consist of seven councillors, appointed by
    Council, and one independent person" -> seven posts 'Councillor' and one 'Independent person'. Every part of
    the list must be a number and what it counts (or a clause saying how they are appointed), else nothing."""
    composed = _COMPOSED.search(text)
    if composed is None or has_quorum(text[: composed.start()]):
        return False
    counted: list[tuple[int, str]] = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", composed["list"].strip()):
        tail = _TAIL.search(part)
        head = part[: tail.start()].strip() if tail else part.strip()
        if not head:
            continue  # ", appointed by Council,": how, not who
        match = _COUNTED.match(head)
        amount = number(match["n"]) if match and match["n"].lower() not in ("a", "an") else None
        if match is None or amount is None or not 1 <= amount <= 30:
            return False
        what = match["what"].strip()
        if amount > 1:
            first, _, rest = what.partition(" ")
            what = (first[:-1] if first.lower().endswith("s") else first) + (f" {rest}" if rest else "")
        counted.append((amount, what[:1].upper() + what[1:]))
    if not counted:
        return False
    reading = "The ToR gives a number of seats; torctl reads each seat as one post of the role it names."
    for amount, role in counted:
        found.posts += [Post(role, matcher.find(role), "core", reading=reading) for _ in range(amount)]
    found.questions.append(
        {
            "kind": "confirm",
            "field": "members",
            "words": next((s for s in sentences(text) if composed[0].strip() in s), text),
            "note": "read as " + ", ".join(f"{n} x '{r}'" for n, r in counted) + "; anything it says of how they "
            "are appointed, or who among them, is not read",
        }
    )
    return True


def looks_like_role(text: str) -> bool:
    """Whether words name a post ("the Director of Children's Services", "an independent person")."""
    return _ROLE_WORDS.search(text) is not None or _INDEPENDENT_ROLE.search(text) is not None


def has_quorum(text: str) -> bool:
    return re.search(r"quor", text, re.IGNORECASE) is not None


def _political_members(found: Membership, matcher: AgencyMatcher) -> None:
    """A cabinet member or the council's leader sits for the council's political executive, where the registry
    has one for the council the post names (or, failing that, the one council the other posts name)."""
    councils = {
        p.agency
        for p in found.posts
        if p.agency
        and p.agency in matcher.agencies
        and matcher.agencies[p.agency].kind == AgencyKind.STATUTORY_LOCAL_AUTHORITY
    }
    for post in found.posts:
        if not _POLITICAL_ROLE.search(post.role) or "opposition" in post.role.lower():
            continue
        if post.agency is not None and matcher.agencies[post.agency].kind == AgencyKind.POLITICAL:
            continue
        council = post.agency if post.agency is not None else (next(iter(councils)) if len(councils) == 1 else None)
        political = matcher.political(council)
        if political is not None:
            post.agency = political
            post.reading = (
                "A council's cabinet member or leader is read as sitting for the council's political executive."
            )
