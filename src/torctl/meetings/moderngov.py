"""A meeting from ModernGov's web service (`<site>/mgWebService.asmx`) as a meeting record.

ModernGov publishes no schema for its web service; what is read here follows the
code that calls it (see docs/meetings.md, "Import from ModernGov", for the
sources): a `GetMeeting` response is a `<meeting>` element (alone, or inside a
SOAP envelope) with `meetingid`, `meetingdate` (UK `dd/mm/yyyy`), `meetingtime`,
`meetingactualstarttime`, `meetinglocation`, `committeeid`, `committeetitle`,
`attendees/attendee` (attributes `name`, `roledescription`, `attendance`,
`representing`) and `agendaitems/agendaitem` (`agendaitemnumber`,
`agendaitemtitle`, `isdecision`, `decisionnonemptyhtmlbody`).

The XML is parsed with defusedxml (no entity expansion, no external DTDs or
entities). ModernGov encodes text twice (`&amp;amp;`): each text is decoded once
more after the XML parser, and decision HTML is turned into text by the standard
library's HTML parser, which runs nothing. People are matched to the body's posts
by the holder's name (titles such as Cllr left aside), then by the role; a person
matched to no post, or an attendance value this module does not know, is a
finding (G001, G002) and the person is kept in the record's `notes`, never
dropped and never placed by guess. ModernGov holds no votes and no declarations:
the record says so (`not_recorded`), and each decision is `by: not-recorded`, so
`torctl meeting check` cannot call it valid.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..findings import Code, Finding, finding
from ..model import Body, Member
from ..rules.attendance import People, Unresolved, _norm

if TYPE_CHECKING:  # pragma: no cover
    from xml.etree.ElementTree import Element

# Each `attendance` value ModernGov gives (commas and case aside) and what it makes of the person.
ATTENDANCE = {
    "present": "present",
    "present virtual": "remote",
    "present as substitute": "substitute",
    "present as substitute virtual": "remote-substitute",
    "apologies": "apologies",
    "apologies sent substitute": "apologies",
    "absent": "absent",
    "in attendance": "observer",
    "in attendance virtual": "observer",
}
NOT_YET = "expected"  # attendance not yet taken: the meeting's record is not complete
_TITLES = re.compile(
    r"^(?:(?:county|borough|district|city|town|parish)\s+)?(?:councillor|cllr\.?|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|"
    r"prof\.?|professor|sir|dame|rev\.?|reverend|the)\s+",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"^\s*(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\.?\s*$|^\s*(\d{1,2})[.:](\d{2})(?::\d{2})?\s*$", re.I
)
MAX_RESPONSE = 10 * 1024 * 1024


class ModernGovError(UsageError):
    """A response that is not a ModernGov meeting: not XML, an HTML page, truncated, or the wrong shape (exit 2)."""


@dataclass
class Attendee:
    name: str
    role: str
    attendance: str
    representing: str


@dataclass
class Meeting:
    """One `GetMeeting` response, decoded, before it is matched to a body."""

    id: str
    date: dt.date
    time: dt.time | None
    actual_start: dt.time | None
    location: str
    committee_id: str
    committee_title: str
    attendees: list[Attendee]
    items: list[tuple[str, str, str | None, bool]]  # number, title, decision text, marked as a decision


@dataclass
class Imported:
    """A meeting record made from a ModernGov meeting, and what could not be placed in it."""

    record: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


# ---------------------------------------------------------------- reading the XML


def parse_xml(data: bytes, source: str) -> Element:
    """The document's root element, parsed safely; a ModernGovError saying what the bytes are if not XML."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if len(data) > MAX_RESPONSE:
        raise ModernGovError(f"{source}: larger than {MAX_RESPONSE // (1024 * 1024)} MB; not a ModernGov meeting")
    head = data.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise ModernGovError(
            f"{source}: an HTML page, not ModernGov's XML (a login page, an error page or the council's website); "
            "the web service answers at <site>/mgWebService.asmx/GetMeeting?lMeetingId=N"
        )
    try:
        root: Element = fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException as exc:
        raise ModernGovError(f"{source}: refused: the XML declares {type(exc).__name__} (DTDs and entities)") from None
    except ParseError as exc:
        line, column = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        what = "truncated XML" if reason in ("no element found", "unclosed token") else "not XML"
        raise ModernGovError(f"{source}:{line}:{column + 1}: {what} ({reason})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element: Element, name: str) -> str:
    """A child's text, decoded the second time ModernGov encodes it, with spaces tidied."""
    child = _child(element, name)
    return " ".join(html.unescape(child.text or "").split()) if child is not None else ""


def find_all(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if _local(e.tag) == name]


def first_text(root: Element, name: str) -> str:
    """The decoded text of the first element called `name` within `root`, or empty."""
    found = find_all(root, name)
    return " ".join(html.unescape(found[0].text or "").split()) if found else ""


def read_meeting(root: Element, source: str) -> Meeting:
    """The one meeting of a GetMeeting response."""
    meetings = find_all(root, "meeting")
    if len(meetings) != 1:
        found = "no <meeting>" if not meetings else f"{len(meetings)} <meeting> elements"
        raise ModernGovError(f"{source}: {found}: not a ModernGov GetMeeting response")
    element = meetings[0]
    date_text = _text(element, "meetingdate")
    date = read_date(date_text, source)
    attendees = [
        Attendee(
            " ".join(html.unescape(a.get("name", "")).split()),
            " ".join(html.unescape(a.get("roledescription", "")).split()),
            " ".join(html.unescape(a.get("attendance", "")).split()),
            " ".join(html.unescape(a.get("representing", "")).split()),
        )
        for a in find_all(element, "attendee")
    ]
    items = []
    for position, item in enumerate(find_all(element, "agendaitem"), start=1):
        number = _text(item, "agendaitemnumber") or _text(item, "fulldisplaynumberformat").rstrip(".") or str(position)
        body = _child(item, "decisionnonemptyhtmlbody")
        decision = html_to_text(body.text or "") if body is not None else ""
        items.append(
            (number, _text(item, "agendaitemtitle") or f"Item {number}", decision or None, _flag(item, "isdecision"))
        )
    return Meeting(
        id=_text(element, "meetingid"),
        date=date,
        time=read_time(_text(element, "meetingtime"), "meetingtime", source),
        actual_start=read_time(_text(element, "meetingactualstarttime"), "meetingactualstarttime", source),
        location=_text(element, "meetinglocation"),
        committee_id=_text(element, "committeeid"),
        committee_title=_text(element, "committeetitle"),
        attendees=attendees,
        items=items,
    )


def _flag(element: Element, name: str) -> bool:
    return _text(element, name).casefold() == "true"


def read_date(text: str, source: str) -> dt.date:
    """ModernGov's `dd/mm/yyyy` (or an ISO date and time)."""
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            return dt.datetime.strptime(text, "%d/%m/%Y").date()
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        shown = f"'{text}'" if text else "none"
        raise ModernGovError(f"{source}: meetingdate {shown} is not a date (dd/mm/yyyy)") from None


def read_time(text: str, name: str, source: str) -> dt.time | None:
    """`10.00 am`, `6.30pm`, `18:30`, `19:05:00`; None where empty."""
    if not text:
        return None
    match = _TIME.match(text)
    if match is None:
        raise ModernGovError(f"{source}: {name} '{text}' is not a time of day")
    if match[4] is not None:
        hour, minute = int(match[4]), int(match[5])
    else:
        hour, minute = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise ModernGovError(f"{source}: {name} '{text}' is not a time of day")
    return dt.time(hour, minute)


_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"})


class _Text(HTMLParser):
    """The text of an HTML fragment: blocks on lines of their own, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Decision HTML as plain text. The XML parser decoded it once; ModernGov may have encoded it once more,
    as escaped HTML (`&lt;p&gt;`) or as entities inside the HTML (`&amp;nbsp;`): each is decoded once more."""
    if "<" not in fragment and "&lt;" in fragment:
        fragment = html.unescape(fragment)
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    if re.search(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text):
        text = html.unescape(text)
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- the body


def names_committee(body: Body, title: str) -> bool:
    """Whether ModernGov's committee title names this body: its name or short name, one within the other."""
    key = _norm(re.sub(r"[^\w\s]", " ", title))
    if not key:
        return False
    for name in (body.name, body.short_name or ""):
        known = _norm(re.sub(r"[^\w\s]", " ", name))
        if known and (key == known or key in known or known in key):
            return True
    return False


def check_committee(body: Body, meeting: Meeting, source: str, committee: str | None = None) -> None:
    """Refuse a meeting of another committee than the body's (or than `committee`, the id asked for)."""
    if committee is not None and meeting.committee_id and meeting.committee_id != committee:
        raise ModernGovError(
            f"{source}: a meeting of committee {meeting.committee_id} ({meeting.committee_title}), not {committee}"
        )
    if not names_committee(body, meeting.committee_title):
        title = f"'{meeting.committee_title}'" if meeting.committee_title else "no committee title"
        raise ModernGovError(
            f"{source}: ModernGov gives {title} (committee {meeting.committee_id or 'not given'}), which does not "
            f"name {body.id} ({body.name}{', ' + body.short_name if body.short_name else ''}); import it for the body "
            "it belongs to, or give the body the committee's title as its short_name"
        )


def _untitled(name: str) -> str:
    """A person's name without the titles ModernGov puts before it (Councillor, Cllr, Mrs...)."""
    previous = None
    while previous != name:
        previous, name = name, _TITLES.sub("", name.strip())
    return name


def _bare(name: str) -> str:
    return _norm(_untitled(name))


class Matcher:
    """The body's posts by holder (titles aside) and by role."""

    def __init__(self, body: Body):
        self.body = body
        self.people = People(body)
        self.holders: dict[str, list[Member]] = {}
        self.roles: dict[str, list[Member]] = {}
        for member in body.members:
            if member.holder:
                self.holders.setdefault(_bare(member.holder), []).append(member)
            self.roles.setdefault(_norm(member.role), []).append(member)
        chair = body.chair.post if body.chair.mode in ("post", "independent") else None
        self.chair = next((m for m in body.members if m.id == chair), None)

    def post(self, name: str, role: str) -> tuple[Member | None, str]:
        """The post `name` (in `role`) holds, and how it was matched; or None and why not, with the closest posts."""
        by_name = self.holders.get(_bare(name), [])
        if len(by_name) == 1:
            return by_name[0], "holder"
        if len(by_name) > 1:
            return None, f"'{name}' holds {len(by_name)} posts ({', '.join(m.id for m in by_name)})"
        by_role = self.roles.get(_norm(role), []) if role else []
        if not by_role and _norm(role) == "chair" and self.chair is not None:
            by_role = [self.chair]
        if len(by_role) == 1:
            member = by_role[0]
            if member.holder and _bare(member.holder) != _bare(name):
                return None, f"'{name}' is the {role}, but the ToR records {member.holder} as {member.id}'s holder"
            return member, "role"
        try:
            self.people.member(_untitled(name) or name)
        except Unresolved as exc:
            return None, exc.message
        return None, f"'{name}' ({role or 'no role given'}) names no post by its holder or role"


class _Placing:
    """The lists of a record being filled from ModernGov's attendees, and what could not be placed."""

    def __init__(self, body: Body, source: str):
        self.match, self.source = Matcher(body), source
        self.lists: dict[str, list[Any]] = {
            k: [] for k in ("present", "remote", "substitutes", "apologies", "observers")
        }
        self.notes: list[str] = []
        self.found: list[Finding] = []

    def keep(self, attendee: Attendee, code: Code, why: str) -> None:
        """A person not placed: a finding, and a note in the record, never dropped."""
        self.notes.append(
            f"ModernGov lists {attendee.name} ({attendee.role or 'no role'}; attendance '{attendee.attendance}'"
            + (f"; representing {attendee.representing}" if attendee.representing else "")
            + f"), not placed: {why}"
        )
        self.found.append(finding(code, f"{self.source}: {attendee.name}: {why}", path=self.source))

    def place(self, attendee: Attendee) -> None:
        key = " ".join(attendee.attendance.replace(",", " ").casefold().split())
        kind = ATTENDANCE.get(key)
        if kind is None:
            why = (
                "attendance 'Expected': ModernGov has not recorded who attended this meeting yet"
                if key == NOT_YET
                else f"attendance value '{attendee.attendance}' is not one torctl maps"
            )
            self.keep(attendee, Code.G002, why)
        elif kind == "observer":
            self.lists["observers"].append(f"{attendee.name} ({attendee.role})" if attendee.role else attendee.name)
        elif kind in ("substitute", "remote-substitute"):
            self.substitute(attendee, remote=kind == "remote-substitute")
        else:
            self.member(attendee, kind)

    def substitute(self, attendee: Attendee, *, remote: bool) -> None:
        if not attendee.representing:
            self.keep(attendee, Code.G001, "a substitute, but ModernGov does not say for whom (no 'representing')")
            return
        member, how = self.match.post(attendee.representing, "")
        if member is None:
            self.keep(attendee, Code.G001, f"substitute for {attendee.representing}: {how}")
            return
        entry: dict[str, Any] = {"name": attendee.name, "for": member.id}
        if remote:
            entry["remote"] = True
        self.lists["substitutes"].append(entry)

    def member(self, attendee: Attendee, kind: str) -> None:
        member, how = self.match.post(attendee.name, attendee.role)
        if member is None:
            self.keep(attendee, Code.G001, how)
            return
        if how == "role":
            self.notes.append(f"ModernGov's {attendee.name} ({attendee.role}) is taken as post {member.id} by the role")
        if kind == "absent":
            self.notes.append(f"ModernGov records {attendee.name} ({member.id}) as absent")
        else:
            self.lists[kind].append(member.holder if how == "holder" and member.holder else member.id)


def to_record(body: Body, meeting: Meeting, source: str) -> Imported:
    """The meeting as a record of `body` (a mapping in the record's YAML shape), and the findings about it."""
    placing = _Placing(body, source)
    for attendee in meeting.attendees:
        placing.place(attendee)
    notes = placing.notes
    record: dict[str, Any] = {"body": body.id, "date": meeting.date.isoformat()}
    start = meeting.actual_start or meeting.time
    if start is not None:
        record["start"] = start.strftime("%H:%M")
        if meeting.actual_start is None:
            notes.append("start: the scheduled time; ModernGov gives no actual start time")
    if meeting.location:
        record["place"] = meeting.location
    record["source"] = (
        f"ModernGov GetMeeting, meeting {meeting.id or 'not numbered'} of committee "
        f"{meeting.committee_id or 'not given'} ({meeting.committee_title}): {source}"
    )
    record["not_recorded"] = ["votes", "declarations", "attendance-times"]
    record.update({key: values for key, values in placing.lists.items() if values})
    items = []
    for number, title, decision, marked in meeting.items:
        item: dict[str, Any] = {"number": number, "title": title}
        if decision and marked:
            item["decision"] = {"text": decision, "by": "not-recorded"}
        elif marked:
            notes.append(f"item {number} is marked as a decision, but ModernGov gives no decision text")
        items.append(item)
    if items:
        record["items"] = items
    if notes:
        record["notes"] = notes
    return Imported(record, placing.found)


def record_text(imported: Imported) -> str:
    """The record as YAML, in the shape `torctl validate` reads, opening with where it came from."""
    import yaml

    _Dumper = _dumper()
    data = {**imported.record, "date": dt.date.fromisoformat(imported.record["date"])}
    header = (
        "# Imported from ModernGov by torctl: attendance and decisions as the web service gives them.\n"
        "# ModernGov holds no votes and no declarations of interest: add them from the minutes, then\n"
        "# `torctl meeting check` can rule on each decision.\n"
    )
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return header + body


def _dumper() -> type:
    import yaml

    class Dumper(yaml.SafeDumper):
        """YAML with text of several lines (a decision's paragraphs) as a literal block."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper
