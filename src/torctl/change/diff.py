"""What changed between two versions of the ToRs, in plain English, for a board to approve.

The comparison is semantic: both sides are read into the model, so reordering
keys, re-quoting or re-wrapping text changes nothing. Each body's changes are
grouped by section (members, chair, quorum, meetings, papers and minutes,
reporting, review, text...), free text is shown as a word diff, and changes that
weaken governance are called out: a quorum that became easier to reach, a
statutory partner dropped from a quorum, a review date pushed back, a voting
right given to an observer.

Sides come from files, directories or git revisions (`git show`, run as a
subprocess; no git library).
"""

from __future__ import annotations

import difflib
import random
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Mapping, Sequence

from pydantic import BaseModel, ValidationError

from ..data.messages import validation_findings
from ..data.paths import REGISTRY_NAMES, YAML_SUFFIXES, display_path, find_root, shown_in, yaml_files
from ..data.summary import describe_cadence, describe_chair
from ..data.yamlio import YamlProblem, parse_text, read_regular
from ..errors import UsageError
from ..model.decisions import Majority, Voting
from ..model import (
    STATUTORY_KINDS,
    Agency,
    AgencyRegistry,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Chair,
    Deadline,
    Fraction,
    Member,
    MemberClass,
    UNSET_QUORUM,
    NoQuorum,
    PartialDate,
    Period,
    QuorumNotStated,
    QuorumRule,
    Represented,
    StandingItem,
)
from ..rules.quorum import (
    agency_label,
    describe,
    describe_selector,
    evaluate,
    join_words,
    quorum_sentence,
    represented_agencies,
)

# Classes whose members are, by their nature, not full voting members.
OBSERVER_CLASSES = frozenset(
    {
        MemberClass.ATTENDEE,
        MemberClass.PARTICIPANT_OBSERVER,
        MemberClass.CO_OPTED,
        MemberClass.ADVISER,
        MemberClass.SECRETARIAT,
    }
)

SECTIONS = (
    "About",
    "Members",
    "Membership classes",
    "Substitutes",
    "Chair",
    "Quorum",
    "Voting",
    "Governance",
    "Meeting procedure",
    "Meetings",
    "Papers and minutes",
    "Standing items",
    "Duties",
    "Reporting",
    "Review",
    "Purpose and responsibilities",
    "Dissolution",
    "Notes",
)


# ---------------------------------------------------------------- results


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


@dataclass
class TreeDiff:
    old_label: str
    new_label: str
    bodies: list[BodyDiff] = field(default_factory=list)
    agencies: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.bodies and not self.agencies

    @property
    def weakens(self) -> bool:
        return any(b.weakening for b in self.bodies)

    @property
    def complete(self) -> bool:
        """Whether every file on both sides was compared; an incomplete diff cannot show nothing weakened."""
        return not self.problems

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


# ---------------------------------------------------------------- sides


@dataclass
class Side:
    """One version of the ToRs: bodies and agencies as the model reads them."""

    label: str
    bodies: dict[str, Body] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # body id -> file as shown
    problems: list[str] = field(default_factory=list)
    # ids of bodies whose file could not be read (its name, and the id it claims): not "removed", just not compared
    unread: set[str] = field(default_factory=set)


def side_from_texts(label: str, texts: Mapping[str, str], *, suffix: str = "") -> Side:
    """Read file texts (display name -> text) into a side; files that do not validate are reported, not compared."""
    return _side_from_texts(label, texts, suffix)


def _side_from_texts(label: str, texts: Mapping[str, str], suffix: str) -> Side:
    side = Side(label)
    for name, text in sorted(texts.items(), key=lambda item: Path(item[0]).name not in REGISTRY_NAMES):
        is_registry = Path(name).name in REGISTRY_NAMES
        model: type[BaseModel] = AgencyRegistry if is_registry else Body
        failed = False
        parsed = None
        try:
            parsed = parse_text(text.removeprefix("\ufeff"))
            value = model.model_validate(parsed.data)
        except YamlProblem as problem:
            where = f":{problem.line}" if problem.line else ""
            side.problems.append(f"{name}{where}{suffix}: not compared: {problem.message}")
            failed = True
        except ValidationError as exc:
            first = validation_findings(name, parsed.node, model, exc)[0]  # type: ignore[union-attr]
            side.problems.append(f"{first.location()}{suffix}: not compared: {first.message}")
            failed = True
        if failed:
            claimed = parsed.data.get("id") if parsed is not None else None
            side.unread.update({Path(name).stem, claimed} if isinstance(claimed, str) else {Path(name).stem})
            continue
        if isinstance(value, AgencyRegistry):
            for agency in value.agencies:
                side.agencies.setdefault(agency.id, agency)
        elif isinstance(value, Body) and value.id not in side.bodies:
            side.bodies[value.id] = value
            side.files[value.id] = name
    return side


def _read(path: Path) -> str:
    """A file's text: only a regular file, within the size limit (a FIFO or /dev/zero is refused, not read)."""
    try:
        return read_regular(path).decode("utf-8")
    except YamlProblem as problem:
        raise UsageError(f"cannot read {path}: {problem.message}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None


def _texts_of(path: Path) -> tuple[dict[str, str], list[tuple[Path, str]]]:
    """The text of every YAML file of a bodies directory, by the name shown for it, and the files that cannot be read."""
    files = yaml_files(path)
    if not files:
        raise UsageError(f"no YAML files in directory {display_path(path)}")
    texts: dict[str, str] = {}
    unreadable: list[tuple[Path, str]] = []
    shown = display_path(path)
    for file in files:
        try:
            texts[shown_in(shown, file.name)] = _read(file)
        except UsageError as exc:  # one unreadable file is a gap in the comparison, not the end of it
            unreadable.append((file, exc.message))
    return texts, unreadable


def _not_compared(side: Side, unreadable: list[tuple[Path, str]]) -> Side:
    """Record the files of `side` that could not be read: the comparison is incomplete, not a removal."""
    for file, message in unreadable:
        side.problems.append(f"{display_path(file)}: not compared: {message}")
        side.unread.add(file.stem)
    return side


def side_from_path(path: Path, label: str | None = None) -> Side:
    """A bodies directory, or one body file (with the agency registry of its directory, if any)."""
    if not path.exists():
        raise UsageError(f"no such file or directory: {path}")
    if path.is_dir():
        texts, unreadable = _texts_of(path)
        return _not_compared(side_from_texts(label or display_path(path), texts), unreadable)
    if path.suffix not in YAML_SUFFIXES:
        raise UsageError(f"not a YAML file: {path} (torctl reads .yaml and .yml files)")
    texts = {display_path(path): _read(path)}
    root = find_root(path.resolve().parent)
    registry = next((root / n for n in REGISTRY_NAMES if (root / n).is_file()), None)
    if registry is not None and registry.resolve() != path.resolve():
        texts[display_path(registry)] = _read(registry)
    return side_from_texts(label or display_path(path), texts)


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH); --git needs it") from None
    if done.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def parse_revisions(spec: str) -> tuple[str, str | None]:
    """`REV` -> (REV, None: the working tree); `A..B` -> (A, B); git's empty ends mean HEAD."""
    if "..." in spec:
        raise UsageError("--git takes REV or REV..REV (two dots), not REV...REV")
    if ".." in spec:
        old, new = spec.split("..", 1)
        return old or "HEAD", new or "HEAD"
    return spec, None


def git_side(bodies_dir: Path, rev: str) -> Side:
    """The bodies directory as it was at a git revision, read with `git show REV:path`."""
    if not bodies_dir.is_dir():
        raise UsageError(f"no bodies directory at '{bodies_dir}'")
    top = Path(_git(["rev-parse", "--show-toplevel"], bodies_dir).strip())
    prefix = _git(["rev-parse", "--show-prefix"], bodies_dir).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], bodies_dir)
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{rev}:{prefix}"], cwd=top, capture_output=True, text=True, check=False
    )
    side = Side(rev)
    if listing.returncode != 0:  # the directory did not exist at that revision: every body is new
        return side
    texts: dict[str, str] = {}
    undecodable: list[str] = []
    shown = display_path(bodies_dir)
    for name in listing.stdout.splitlines():
        if Path(name).suffix in YAML_SUFFIXES and not name.startswith("."):
            raw = subprocess.run(["git", "show", f"{rev}:{prefix}{name}"], cwd=top, capture_output=True, check=False)
            try:
                if raw.returncode != 0:
                    raise UsageError(raw.stderr.decode("utf-8", "replace").strip() or "git show failed")
                texts[str(Path(shown) / name)] = raw.stdout.decode("utf-8")
            except (UnicodeDecodeError, UsageError) as exc:  # not UTF-8 at that revision: a gap, not a crash
                undecodable.append(
                    f"{Path(shown) / name} (at {rev}): not compared: {getattr(exc, 'message', None) or 'not UTF-8 text'}"
                )
                side.unread.add(Path(name).stem)
    read = side_from_texts(rev, texts, suffix=f" (at {rev})")
    read.problems = undecodable + read.problems
    read.unread |= side.unread
    return read


def working_side(bodies_dir: Path) -> Side:
    if not bodies_dir.is_dir():
        raise UsageError(f"no bodies directory at '{bodies_dir}'")
    return side_from_path(bodies_dir, "the working tree")


# ---------------------------------------------------------------- words


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The word-level difference between two texts, as runs of kept, removed and added text."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return runs


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _quote(value: Any) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, PartialDate):
        return value.human()
    if isinstance(value, list):
        return ", ".join(_quote(v) for v in value) or "none"
    return f"'{value}'" if isinstance(value, str) else str(value)


def _label(key: str) -> str:
    return key.replace("_", " ")


class _Collector:
    """Collects the changes of one section."""

    def __init__(self, section: str, out: list[Change]):
        self.section, self.out = section, out

    def add(
        self,
        text: str,
        *,
        weakens: str | None = None,
        before: Any = None,
        after: Any = None,
        warning_only: bool = False,
    ) -> None:
        text = text[:1].upper() + text[1:]
        self.out.append(
            Change(self.section, text, weakens, _jsonable(before), _jsonable(after), warning_only=warning_only)
        )

    def text(self, what: str, old: str | None, new: str | None) -> None:
        """A free-text field: a word diff where both sides have text."""
        if _norm(old) == _norm(new):
            return
        if not old:
            self.add(f'{what} added: "{_norm(new)}"', after=new)
        elif not new:
            self.add(f'{what} removed (was "{_norm(old)}")', before=old)
        else:
            what = what[:1].upper() + what[1:]
            self.out.append(Change(self.section, f"{what} reworded", None, old, new, word_diff(_norm(old), _norm(new))))

    def value(self, what: str, old: Any, new: Any, *, weakens: str | None = None) -> None:
        if old == new:
            return
        self.add(f"{what}: {_quote(old)} → {_quote(new)}", weakens=weakens, before=old, after=new)

    def texts(self, what: str, old: Sequence[str], new: Sequence[str]) -> None:
        """A list of free-text items: added, removed, reworded."""
        a, b = [_norm(t) for t in old], [_norm(t) for t in new]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            pairs = list(zip(range(i1, i2), range(j1, j2))) if tag == "replace" else []
            paired = set()
            for i, j in pairs:
                if difflib.SequenceMatcher(a=a[i].split(), b=b[j].split()).ratio() >= 0.5:
                    self.text(f"{what} {j + 1}", a[i], b[j])
                    paired.add((i, j))
            for i in range(i1, i2):
                if not any(p[0] == i for p in paired):
                    self.add(f'{what} removed: "{a[i]}"', before=a[i])
            for j in range(j1, j2):
                if not any(p[1] == j for p in paired):
                    self.add(f'{what} added: "{b[j]}"', after=b[j])

    def fields(self, what: str, old: BaseModel | None, new: BaseModel | None, skip: Iterable[str] = ()) -> None:
        """Every other field of a model, generically: text as word diffs, values before → after."""
        old_data = old.model_dump(mode="json", by_alias=True) if old is not None else {}
        new_data = new.model_dump(mode="json", by_alias=True) if new is not None else {}
        self.data(what, old_data, new_data, skip)

    def data(self, what: str, old: Any, new: Any, skip: Iterable[str] = ()) -> None:
        skip = set(skip)
        if isinstance(old, dict) or isinstance(new, dict):
            old, new = old or {}, new or {}
            for key in list(dict.fromkeys([*old, *new])):
                if key not in skip:
                    self.data(f"{what}{' ' if what else ''}{_label(str(key))}".strip(), old.get(key), new.get(key))
            return
        if old == new:
            return
        if isinstance(old, list) and isinstance(new, list) and all(isinstance(v, str) for v in old + new):
            self.texts(what, old, new)
        elif isinstance(old, str) and isinstance(new, str) and (len(old.split()) > 3 or len(new.split()) > 3):
            self.text(what, old, new)
        else:
            self.value(what, old, new)


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# ---------------------------------------------------------------- bodies


@dataclass
class _Pair:
    """A body on both sides, with each side's agencies."""

    old: Body
    new: Body
    old_agencies: Mapping[str, Agency]
    new_agencies: Mapping[str, Agency]


def _vote_words(value: bool | None) -> str:
    return {True: "has a vote", False: "no vote", None: "voting not stated"}[value]


def describe_member(body: Body, agencies: Mapping[str, Agency], member: Member) -> str:
    """`Role (Holder), SMBC, core: votes, counts for quorum`."""
    who = member.label()
    if member.vacancy:
        who += f" ({member.vacancy.replace('-', ' ')})"
    if member.agency:
        who += f", {agency_label(agencies, member.agency)}"
    counts = "counts for quorum" if body.counts_for_quorum(member) else "does not count for quorum"
    return f"{who}, {member.member_class.value}: {_vote_words(body.votes(member))}, {counts}"


def _gives_observer_a_vote(old_body: Body, new_body: Body, old: Member | None, new: Member) -> bool:
    """A vote where there was none, for a post that is (or was) an observer or in a non-voting class."""
    if new_body.votes(new) is not True or (old is not None and old_body.votes(old) is True):
        return False
    classes = {new.member_class} | ({old.member_class} if old else set())
    rules = [new_body.membership_classes.get(new.member_class)] + (
        [old_body.membership_classes.get(old.member_class)] if old else []
    )
    return bool(classes & OBSERVER_CLASSES) or any(rule is not None and rule.votes is False for rule in rules)


def _members(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Members", out)
    old_ids = {m.id: m for m in p.old.members}
    new_ids = {m.id: m for m in p.new.members}
    for member in p.old.members:
        if member.id not in new_ids:
            c.add(f"Removed: {describe_member(p.old, p.old_agencies, member)}", before=member)
    for member in p.new.members:
        if member.id not in old_ids:
            c.add(f"Added: {describe_member(p.new, p.new_agencies, member)}", after=member)
            if _gives_observer_a_vote(p.old, p.new, None, member):
                c.add(
                    f"{member.label()} joins with a vote although its class ({member.member_class.value}) is an observer's",
                    weakens=f"a voting right given to an observer ({member.label()})",
                    warning_only=True,
                )
    for member in p.new.members:
        old = old_ids.get(member.id)
        if old is None or (old == member and _effective(p.old, old) == _effective(p.new, member)):
            continue
        name = old.role if old.role == member.role else f"{old.role} (now {member.role})"
        if old.role != member.role:
            c.add(f'Post \'{member.id}\' renamed: "{old.role}" → "{member.role}"', before=old.role, after=member.role)
        if (old.holder, old.vacancy) != (member.holder, member.vacancy):
            c.add(f"{name}: {_holding(old)} → {_holding(member)}", before=_holding(old), after=_holding(member))
        if old.agency != member.agency:
            c.add(
                f"{name}: agency {agency_label(p.old_agencies, old.agency)} → {agency_label(p.new_agencies, member.agency)}",
                before=old.agency,
                after=member.agency,
            )
        if old.member_class != member.member_class:
            c.add(
                f"{name}: class {old.member_class.value} → {member.member_class.value}",
                before=old.member_class.value,
                after=member.member_class.value,
            )
        # A change that follows only from the class's rule is reported once, under membership classes.
        own = old.member_class != member.member_class
        before, after = _effective(p.old, old), _effective(p.new, member)
        if not own and old.votes == member.votes:
            after["votes"] = before["votes"]
        if not own and old.counts_for_quorum == member.counts_for_quorum:
            after["counts"] = before["counts"]
        if not own and old.attends == member.attends:
            after["attends"] = before["attends"]
        if before["votes"] != after["votes"]:
            weakens = (
                f"a voting right given to an observer ({member.label()})"
                if _gives_observer_a_vote(p.old, p.new, old, member)
                else None
            )
            c.add(
                f"{name}: {_vote_words(before['votes'])} → {_vote_words(after['votes'])}",
                weakens=weakens,
                before=before["votes"],
                after=after["votes"],
            )
        if before["counts"] != after["counts"]:
            words = {True: "counts for quorum", False: "does not count for quorum"}
            c.add(
                f"{name}: {words[before['counts']]} → {words[after['counts']]}",
                before=before["counts"],
                after=after["counts"],
            )
        if before["attends"] != after["attends"]:
            c.add(
                f"{name}: attends {before['attends'].replace('-', ' ')} → {after['attends'].replace('-', ' ')}",
                before=before["attends"],
                after=after["attends"],
            )
        _substitutes(c, name, old, member)
        c.texts(f"{name}: note", old.notes, member.notes)
        c.text(f"{name}: reading", old.reading, member.reading)


def _effective(body: Body, member: Member) -> dict[str, Any]:
    return {"votes": body.votes(member), "counts": body.counts_for_quorum(member), "attends": body.attends(member)}


def _holding(member: Member) -> str:
    if member.holder:
        return f"held by {member.holder}"
    if member.vacancy:
        return member.vacancy.replace("-", " ")
    return "holder not named"


def _substitutes(c: _Collector, name: str, old: Member, new: Member) -> None:
    def words(sub) -> str:
        extra = [sub.role] if sub.role else []
        if sub.agency:
            extra.append(sub.agency)
        extra.append("with delegated authority" if sub.delegated_authority else "without delegated authority")
        return f"{sub.name} ({', '.join(extra)})"

    def compare(a, b) -> None:
        c.add(f"{name}: substitute {words(a)} → {words(b)}", before=a, after=b)

    _keyed(c, f"{name}: substitute", old.substitutes, new.substitutes, lambda sub: sub.name.casefold(), words, compare)


def _classes(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Membership classes", out)
    old, new = p.old.membership_classes, p.new.membership_classes
    for cls in dict.fromkeys([*old, *new]):
        a, b = old.get(cls), new.get(cls)
        label = f"Class '{cls.value}'"
        if a is None and b is not None:
            c.add(
                f"{label} defined: {_vote_words(b.votes)}, {'counts' if b.counts_for_quorum else 'does not count'} for quorum",
                after=b,
            )
        elif b is None and a is not None:
            c.add(f"{label} no longer defined", before=a)
        elif a is not None and b is not None and a != b:
            if a.votes != b.votes:
                weakens = (
                    f"a voting right given to {cls.value} members"
                    if b.votes is True and (cls in OBSERVER_CLASSES or a.votes is False)
                    else None
                )
                c.add(
                    f"{label}: {_vote_words(a.votes)} → {_vote_words(b.votes)}",
                    weakens=weakens,
                    before=a.votes,
                    after=b.votes,
                )
            c.fields(label, a, b, skip=("votes",))


def _substitution(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Substitutes", out)
    a, b = p.old.substitution, p.new.substitution
    if a == b:
        return
    if a.delegated_authority_required and not b.delegated_authority_required:
        c.add(
            "Substitutes no longer need the member's delegated authority to count",
            weakens="substitutes now count toward quorum without the member's delegated authority",
            before=True,
            after=False,
        )
    elif b.delegated_authority_required != a.delegated_authority_required:
        c.add("Substitutes now count only with the member's delegated authority", before=False, after=True)
    c.value("Who may substitute", a.who, b.who)
    c.value("Named substitutes per member", a.max_named, b.max_named)
    c.value("Notice of a substitute", a.notice.human() if a.notice else None, b.notice.human() if b.notice else None)
    c.value("Notify", a.notify, b.notify)
    c.text("Wording", a.text, b.text)
    c.text("Reading", a.reading, b.reading)


def _chair(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Chair", out)
    for field_name, title in (("chair", "Chair"), ("deputy_chair", "Deputy chair")):
        a: Chair | None = getattr(p.old, field_name)
        b: Chair | None = getattr(p.new, field_name)
        if a == b and (a is None or describe_chair(p.old, a) == describe_chair(p.new, a)):
            continue  # unchanged, and so are the roles it names
        before = describe_chair(p.old, a) if a else "none"
        after = describe_chair(p.new, b) if b else "none"
        if before != after:
            c.add(f"{title}: {before} → {after}", before=before, after=after)
        rot_a = a.rotation if a else None
        rot_b = b.rotation if b else None
        if rot_a and rot_b:
            c.value(f"{title} rotation order", rot_a.order, rot_b.order)
            c.value(f"{title} rotation: current turn", rot_a.current, rot_b.current)
            c.value(f"{title} rotation: turn began", rot_a.since, rot_b.since)
        elif rot_b and (rot_b.current or rot_b.since or rot_b.order):
            c.value(f"{title} rotation: current turn", None, rot_b.current)
        c.texts(f"{title} responsibility", a.responsibilities if a else [], b.responsibilities if b else [])
        c.text(f"{title}: wording", a.text if a else None, b.text if b else None)
        c.text(f"{title}: reading", a.reading if a else None, b.reading if b else None)


def _voting(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Voting", out)
    a, b = p.old.voting, p.new.voting
    words = {
        "one-per-member": "one vote per voting member",
        "one-per-agency": "one vote per agency",
        "consensus": "by consensus",
        "not-stated": "not stated",
    }
    if a.method != b.method:
        c.add(f"Voting: {words[a.method]} → {words[b.method]}", before=a.method, after=b.method)
    va, vb = describe_selector(a.voters, p.old, p.old_agencies), describe_selector(b.voters, p.new, p.new_agencies)
    if va != vb:
        c.add(f"Who may vote: {va} → {vb}", before=a.voters, after=b.voters)
    c.text("Voting: wording", a.text, b.text)
    c.text("Voting: decisions covered", a.scope, b.scope)
    c.text("Voting: reading", a.reading, b.reading)
    _majorities(c, a, b)


_BASES = ("present-and-voting", "present", "membership", "whole-membership")  # laxest first


def _strictness(majority: Majority | None) -> tuple[int, float] | None:
    """How hard a majority is to reach, to tell a lower one: (base, share)."""
    if majority is None:
        return None
    share = majority.numerator / majority.denominator + (1e-6 if majority.bound == "more-than" else 0)
    return _BASES.index(majority.of), share


def _lower(old: Majority | None, new: Majority | None) -> bool:
    a, b = _strictness(old), _strictness(new)
    if a is None:
        return False
    return b is None or b[1] < a[1] or (b[1] == a[1] and b[0] < a[0])


def _majorities(c: _Collector, a: Voting, b: Voting) -> None:
    """The majority, abstentions, ties and special majorities; a lower majority is flagged as weakening."""
    from ..rules.voting import majority_words

    def words(m: Majority | None) -> str:
        return majority_words(m) if m else "not stated"

    if a.majority != b.majority and words(a.majority) != words(b.majority):
        c.add(
            f"Majority: {words(a.majority)} → {words(b.majority)}",
            before=a.majority,
            after=b.majority,
            weakens="a lower majority" if _lower(a.majority, b.majority) else None,
        )
    abst = {"not-cast": "not a vote cast", "count-against": "counted against", None: "not stated"}
    if a.abstentions != b.abstentions:
        c.add(
            f"Abstentions: {abst[a.abstentions]} → {abst[b.abstentions]}",
            before=a.abstentions,
            after=b.abstentions,
            weakens="abstentions no longer count against" if a.abstentions == "count-against" else None,
        )
    ties = {"casting-vote": "the chair's casting vote", "not-carried": "not carried", None: "not stated"}
    if a.ties != b.ties:
        c.add(
            f"Equal votes: {ties[a.ties]} → {ties[b.ties]}",
            before=a.ties,
            after=b.ties,
            weakens="a tie can now be carried by the chair's casting vote"
            if a.ties == "not-carried" and b.ties == "casting-vote"
            else None,
        )
    c.value("The chair's ordinary vote", a.chair_ordinary_vote, b.chair_ordinary_vote)
    old = {m.kind: m for m in a.special_majorities}
    new = {m.kind: m for m in b.special_majorities}
    for kind in dict.fromkeys([*old, *new]):
        before, after = old.get(kind), new.get(kind)
        if before is None and after is not None:
            c.add(f"Special majority added for {kind}: {words(after.majority)}", after=after)
        elif after is None and before is not None:
            c.add(
                f"Special majority removed for {kind} (was {words(before.majority)})",
                before=before,
                weakens=f"decisions of kind {kind} no longer need a special majority",
            )
        elif before is not None and after is not None and words(before.majority) != words(after.majority):
            c.add(
                f"Special majority for {kind}: {words(before.majority)} → {words(after.majority)}",
                before=before,
                after=after,
                weakens=f"a lower majority for {kind}" if _lower(before.majority, after.majority) else None,
            )


_YES_NO = {True: "yes", False: "no", None: "not stated"}


def _procedure(p: _Pair, out: list[Change]) -> None:
    """Declared interests, remote attendance, an inquorate meeting, clear days; weakening where members who did not count now do."""
    c = _Collector("Meeting procedure", out)
    a, b = p.old.procedure, p.new.procedure
    if a == b:
        return
    ia = {k.kind: k for k in a.interests.kinds} if a.interests else {}
    ib = {k.kind: k for k in b.interests.kinds} if b.interests else {}
    for kind in dict.fromkeys([*ia, *ib]):
        before, after = ia.get(kind), ib.get(kind)
        name = kind.replace("-", " ")
        if after is None and before is not None:
            excluded = before.counts_for_quorum is False or before.may_vote is False or before.leaves_room is True
            c.add(
                f"Interest removed: {name}",
                before=before,
                weakens=f"a {name} interest no longer excludes the member" if excluded else None,
            )
            continue
        if before is None and after is not None:
            c.add(f"Interest added: {name}", after=after)
            continue
        assert before is not None and after is not None
        for attr, label in (
            ("leaves_room", "leaves the room"),
            ("counts_for_quorum", "counts toward quorum"),
            ("may_speak", "may speak"),
            ("may_vote", "may vote"),
        ):
            x, y = getattr(before, attr), getattr(after, attr)
            if x != y:
                loosened = (y is True and x is not True) if attr != "leaves_room" else (x is True and y is not True)
                c.add(
                    f"Interest {name}: {label}: {_YES_NO[x]} → {_YES_NO[y]}",
                    before=x,
                    after=y,
                    weakens=f"a member with a {name} interest now {label if attr != 'leaves_room' else 'stays in the room'}"
                    if loosened
                    else None,
                )
        c.text(f"Interest {name}: wording", before.text, after.text)
    c.fields(
        "Dispensations",
        a.interests.dispensation if a.interests else None,
        b.interests.dispensation if b.interests else None,
    )
    c.text("Interests: wording", a.interests.text if a.interests else None, b.interests.text if b.interests else None)
    ra, rb = a.remote, b.remote
    for attr, label in (
        ("allowed", "remote attendance allowed"),
        ("counts_for_quorum", "remote attendees count toward quorum"),
        ("may_vote", "remote attendees may vote"),
        ("substitutes", "substitutes may attend remotely"),
    ):
        x, y = getattr(ra, attr) if ra else None, getattr(rb, attr) if rb else None
        if x != y:
            c.add(
                f"{label[:1].upper() + label[1:]}: {_YES_NO[x]} → {_YES_NO[y]}",
                before=x,
                after=y,
                weakens=f"{label}, where they were not" if y is True and x is not True and attr != "allowed" else None,
            )
    c.text("Remote attendance: wording", ra.text if ra else None, rb.text if rb else None)
    c.fields("If not quorate", a.inquorate, b.inquorate)
    order = (None, "every-day", "excluding-weekends", "excluding-weekends-and-bank-holidays")
    if a.clear_days != b.clear_days:
        shorter = (
            a.clear_days is not None
            and b.clear_days is not None
            and order.index(b.clear_days) < order.index(a.clear_days)
        )
        c.add(
            f"Clear days: {a.clear_days or 'not stated'} → {b.clear_days or 'not stated'}",
            before=a.clear_days,
            after=b.clear_days,
            weakens="shorter notice: more days now count as clear days" if shorter else None,
        )
    c.text("Meeting procedure: wording", a.text, b.text)


def _meetings(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Meetings", out)
    a, b = p.old.meetings, p.new.meetings
    if a == b:
        return
    ca, cb = describe_cadence(a.cadence), describe_cadence(b.cadence)
    if ca != cb:
        c.add(f"Meets {ca} → {cb}", before=a.cadence, after=b.cadence)
    if a.cadence and b.cadence:
        c.text("Cadence: wording", a.cadence.text, b.cadence.text)
        c.text("Cadence: reading", a.cadence.reading, b.cadence.reading)
    added = [d for d in b.dates if d not in a.dates]
    removed = [d for d in a.dates if d not in b.dates]
    if added:
        c.add(f"Meeting dates added: {', '.join(d.isoformat() for d in added)}", after=[d.isoformat() for d in added])
    if removed:
        c.add(
            f"Meeting dates removed: {', '.join(d.isoformat() for d in removed)}",
            before=[d.isoformat() for d in removed],
        )
    c.value("Meeting days (pattern)", a.pattern, b.pattern)
    c.value(
        "Meeting schedule reviewed every",
        a.schedule_review.human() if a.schedule_review else None,
        b.schedule_review.human() if b.schedule_review else None,
    )
    c.fields("", a, b, skip=("cadence", "dates", "pattern", "schedule_review"))


def describe_deadline(deadline: Deadline | None, when: str) -> str:
    """`at least 5 working days before the meeting`, as `meeting.deadlines` words it."""
    if deadline is None:
        return "not set"
    if deadline.period is None or deadline.period.unit is None:
        return f"{when} the meeting, no figure given"
    bound = {"at-least": "at least ", "within": "within ", "exactly": ""}[deadline.bound]
    by = f", by {deadline.time:%H:%M}" if deadline.time is not None else ""
    return f"{bound}{deadline.period.human()} {when} the meeting{by}"


def _administration(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Papers and minutes", out)
    a, b = p.old.administration, p.new.administration
    if a == b:
        return
    for key, title, when in (("papers", "Papers", "before"), ("minutes", "Minutes", "after")):
        da, db = getattr(a, key), getattr(b, key)
        wa, wb = describe_deadline(da, when), describe_deadline(db, when)
        if wa != wb:
            c.add(f"{title}: {wa} → {wb}", before=da, after=db)
        c.text(f"{title}: wording", da.text if da else None, db.text if db else None)
    c.fields("", a, b, skip=("papers", "minutes"))


def _keyed(
    c: _Collector,
    what: str,
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], str],
    describe_item: Callable[[Any], str],
    compare: Callable[[Any, Any], None],
) -> None:
    a = {key(x): x for x in old}
    b = {key(x): x for x in new}
    for k, item in a.items():
        if k not in b:
            c.add(f"{what} removed: {describe_item(item)}", before=item)
    for k, item in b.items():
        if k not in a:
            c.add(f"{what} added: {describe_item(item)}", after=item)
        elif a[k] != item:
            compare(a[k], item)


def _standing_items(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Standing items", out)

    def presenter(body: Body, agencies: Mapping[str, Agency], item: StandingItem) -> str:
        if item.presenter is None:
            return "no presenter named"
        who = describe_selector(item.presenter, body, agencies)
        return f"presented by {'one' if item.presenter.count == 1 else item.presenter.count} of {who}"

    def describe_item(item: StandingItem) -> str:
        extra = f" (from {item.from_body})" if item.from_body else ""
        return f'"{item.title}"{extra}'

    def compare(a: StandingItem, b: StandingItem) -> None:
        pa, pb = presenter(p.old, p.old_agencies, a), presenter(p.new, p.new_agencies, b)
        if pa != pb:
            c.add(f'"{b.title}": {pa} → {pb}', before=a.presenter, after=b.presenter)
        c.fields(f'"{b.title}":', a, b, skip=("title", "presenter"))

    _keyed(
        c, "Standing item", p.old.standing_items, p.new.standing_items, lambda i: _norm(i.title), describe_item, compare
    )


def _duties(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Duties", out)

    def describe_duty(duty) -> str:
        every = f", every {duty.every.human()}" if duty.every else ""
        return f'"{duty.title}" ({duty.by or duty.by_text or "no one named"}{every})'

    def compare(a, b) -> None:
        c.fields(f'"{b.title}":', a, b, skip=("title",))

    _keyed(c, "Duty", p.old.duties, p.new.duties, lambda d: _norm(d.title), describe_duty, compare)


def _reporting(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Reporting", out)
    for direction, verb in (("reports_to", "Reports to"), ("receives_from", "Receives reports from")):
        old = getattr(p.old.reporting, direction)
        new = getattr(p.new.reporting, direction)

        def describe_line(line, verb=verb) -> str:
            what = f": {line.what}" if line.what else ""
            via = f" (via {line.via})" if line.via else ""
            return f"{verb.lower()} {line.target}{via}{what}"

        def compare(a, b, verb=verb) -> None:
            c.fields(f"{verb} {b.target}:", a, b, skip=("body", "external"))

        _keyed(c, "Reporting line", old, new, lambda line: line.target, describe_line, compare)


def _review(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Review", out)
    a, b = p.old.review, p.new.review
    if a == b:
        return
    ca, cb = a.cadence.human() if a.cadence else None, b.cadence.human() if b.cadence else None
    if ca != cb:
        days_a, days_b = _period_days(a.cadence), _period_days(b.cadence)
        longer = days_a is not None and (days_b is None or days_b > days_a)
        c.add(
            f"Reviewed every {ca or 'not stated'} → every {cb or 'not stated'}".replace(
                "every not stated", "no cadence"
            ),
            weakens="the ToR is reviewed less often" if longer else None,
            before=ca,
            after=cb,
        )
    c.value("Review cadence is a minimum ('at least')", a.at_least, b.at_least)
    c.value("Last reviewed", a.last_reviewed, b.last_reviewed)
    for record in b.history:
        if record not in a.history:
            by = f" by {record.by}" if record.by else ""
            notes = f": {record.notes}" if record.notes else ""
            c.add(f"Review recorded on {record.date.human()}{by}{notes}", after=record)
    for record in a.history:
        if record not in b.history:
            c.add(f"Review record of {record.date.human()} removed", before=record)
    due_a, due_b = a.next_review_due(), b.next_review_due()
    if due_a != due_b:
        reviewed_since = (b.latest_review() or PartialDate(1, 1)).first_day > (
            a.latest_review() or PartialDate(1, 1)
        ).first_day
        pushed = due_a is not None and (due_b is None or due_b.first_day > due_a.last_day) and not reviewed_since
        weakens = None
        if pushed:
            weakens = (
                f"the review date is pushed back from {due_a.human()} to {due_b.human()} with no review recorded"  # type: ignore[union-attr]
                if due_b
                else f"the review date ({due_a.human()}) is dropped with no review recorded"  # type: ignore[union-attr]
            )
        c.add(f"Next review due: {_quote(due_a)} → {_quote(due_b)}", weakens=weakens, before=due_a, after=due_b)
    c.fields("Review", a, b, skip=("cadence", "at_least", "last_reviewed", "next_due", "history"))


# ---------------------------------------------------------------- quorum


def _strip_text(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_text(v) for k, v in data.items() if k != "text"}
    if isinstance(data, list):
        return [_strip_text(v) for v in data]
    return data


def _rule_readings(a: QuorumRule, b: QuorumRule) -> list[tuple[str, tuple[str | None, str | None]]]:
    """The readings of two quorum rules, clause by clause where the trees have the same shape."""
    out = [("", (a.reading, b.reading))]
    subs_a, subs_b = getattr(a, "rules", None), getattr(b, "rules", None)
    if subs_a and subs_b and len(subs_a) == len(subs_b):
        for k, (x, y) in enumerate(zip(subs_a, subs_b), start=1):
            out += [(f" of clause {k}{loc}", words) for loc, words in _rule_readings(x, y)]
    return out


def _same_rule(a: QuorumRule, b: QuorumRule) -> bool:
    return _strip_text(a.model_dump(mode="json")) == _strip_text(b.model_dump(mode="json"))


def required_agencies(body: Body, agencies: Mapping[str, Agency], rule: QuorumRule | None = None) -> set[str]:
    """Agencies that must be present at every quorate meeting under the rule."""
    rule = body.quorum if rule is None else rule
    if isinstance(rule, AllOf):
        return set().union(*(required_agencies(body, agencies, r) for r in rule.rules))
    if isinstance(rule, AnyOf):
        sets = [required_agencies(body, agencies, r) for r in rule.rules]
        return set.intersection(*sets) if sets else set()
    if isinstance(rule, Represented):
        return set(represented_agencies(body, agencies, rule))
    if isinstance(rule, AtLeast) and len(rule.of.agencies) == 1 and not rule.of.posts:
        return set(rule.of.agencies)
    return set()


_ROUNDING = {"up": 2, "nearest": 1, "down": 0}


def _rule_reasons(a: QuorumRule, b: QuorumRule, p: _Pair) -> list[str]:
    """Why the rule itself got easier, comparing the two rules clause by clause."""
    if _same_rule(a, b):
        return []
    if isinstance(b, NoQuorum) and not isinstance(a, NoQuorum):
        return ["the quorum is removed (no quorum is set)"]
    if isinstance(b, QuorumNotStated) and not isinstance(a, UNSET_QUORUM):
        return ["the quorum is removed (the ToR is now recorded as not stating one)"]
    if isinstance(a, AtLeast) and isinstance(b, AtLeast):
        reasons = []
        if b.count < a.count:
            reasons.append(f"at least {a.count} → at least {b.count}")
        if a.counting == "agencies" and b.counting == "members":
            reasons.append("it now counts people rather than distinct agencies")
        return reasons
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        reasons = []
        if b.numerator * a.denominator < a.numerator * b.denominator:
            reasons.append(f"{a.numerator}/{a.denominator} → {b.numerator}/{b.denominator} of the membership")
        if b.minimum < a.minimum:
            reasons.append(f"never fewer than {a.minimum} → {b.minimum}")
        if _ROUNDING[b.rounding] < _ROUNDING[a.rounding]:
            reasons.append(f"rounded {a.rounding} → {b.rounding}")
        if b.exclude_vacancies and not a.exclude_vacancies:
            reasons.append("vacant posts are now left out of the membership counted")
        return reasons
    if isinstance(a, Represented) and isinstance(b, Represented):
        return []  # agencies dropped from the quorum are reported by `dropped_agencies`
    if isinstance(a, AllOf) and isinstance(b, AllOf) and len(a.rules) == len(b.rules):
        return [r for x, y in zip(a.rules, b.rules) for r in _rule_reasons(x, y, p)]
    old_parts = a.rules if isinstance(a, AllOf) else [a]
    new_parts = b.rules if isinstance(b, AllOf) else [b]
    if isinstance(a, AllOf) or isinstance(b, AllOf):
        gone = dropped_agencies(p)  # a condition that only named those agencies is reported with them
        dropped_rules = [
            r
            for r in old_parts
            if not any(_same_rule(r, n) for n in new_parts)
            and not (
                required_agencies(p.old, p.old_agencies, r) and required_agencies(p.old, p.old_agencies, r) <= gone
            )
        ]
        if len(new_parts) < len(old_parts) and all(any(_same_rule(n, o) for o in old_parts) for n in new_parts):
            return [f"the condition '{describe(r, p.old, p.old_agencies)}' is dropped" for r in dropped_rules]
    old_alts = a.rules if isinstance(a, AnyOf) else [a]
    new_alts = b.rules if isinstance(b, AnyOf) else [b]
    if isinstance(b, AnyOf):
        added = [r for r in new_alts if not any(_same_rule(r, o) for o in old_alts)]
        if added:
            return [f"a meeting is now also quorate with {describe(r, p.new, p.new_agencies)}" for r in added]
    return []


def _quorate(body: Body, agencies: Mapping[str, Agency], present: Iterable[str]) -> bool | None:
    return evaluate(body, agencies, present).satisfied


def easier_witness(p: _Pair, tries: int = 40) -> list[str] | None:
    """Posts (common to both versions) that make a quorate meeting now but did not before, if any are found.

    Searches minimal quorate meetings of the new version (greedy, from several
    orders; seeded, so the answer is repeatable) and tests each against the old.
    """
    if isinstance(p.old.quorum, UNSET_QUORUM) or isinstance(p.new.quorum, UNSET_QUORUM):
        return None
    if (p.old.id, p.old.quorum, p.old.members, p.old.membership_classes, p.old_agencies) == (
        p.new.id,
        p.new.quorum,
        p.new.members,
        p.new.membership_classes,
        p.new_agencies,
    ):
        return None  # all that decides quorum is unchanged: no meeting can be quorate now and not before
    common = [m.id for m in p.new.counting_members() if p.old.member(m.id) is not None]
    if not common or not _quorate(p.new, p.new_agencies, common):
        return None
    rng = random.Random(7)
    orders = [common, common[::-1]]
    for _ in range(tries):
        order = common[:]
        rng.shuffle(order)
        orders.append(order)
    for order in orders:
        present = set(common)
        for post in order:
            if _quorate(p.new, p.new_agencies, present - {post}):
                present.discard(post)
        if _quorate(p.old, p.old_agencies, present) is False:
            return [m.id for m in p.new.members if m.id in present]
    return None


def _quorum(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Quorum", out)
    before, after = quorum_sentence(p.old, p.old_agencies), quorum_sentence(p.new, p.new_agencies)
    if before != after:
        c.add(f"Before: {before}", before=before)
        c.add(f"After: {after}", after=after)
    text_a, text_b = p.old.quorum.text, p.new.quorum.text
    c.text("The ToR's words", text_a, text_b)
    for loc, words in _rule_readings(p.old.quorum, p.new.quorum):
        c.text(f"Reading{loc}", *words)

    # Agencies no longer needed for a quorate meeting (one replaced by its successor is not dropped).
    drops: list[str] = []
    for agency_id in sorted(dropped_agencies(p)):
        agency = p.old_agencies.get(agency_id)
        name = agency_label(p.old_agencies, agency_id)
        if agency is not None and agency.kind in STATUTORY_KINDS:
            drops.append(f"statutory partner {name} dropped from the quorum")
        else:
            drops.append(f"{name} no longer needed for a quorate meeting")
    for agency_id, successor in sorted(replaced_agencies(p).items()):
        c.add(
            f"{agency_label(p.old_agencies, agency_id)} is replaced in the quorum by "
            f"{agency_label(p.new_agencies, successor)}, its successor"
        )
    reasons = drops + _rule_reasons(p.old.quorum, p.new.quorum, p)
    witness = easier_witness(p)
    example = ""
    if witness:
        roles = join_words([p.new.member(x).role for x in witness])  # type: ignore[union-attr]
        example = f" (e.g. a meeting of {roles} is now quorate, and was not before)"
    if not reasons and witness:
        reasons = ["the quorum is easier to reach, because of who now counts toward it"]
    for k, reason in enumerate(reasons):
        if reason not in drops:
            reason = f"the quorum is easier to reach: {reason}" if not reason.startswith("the quorum") else reason
        reason += example if k == 0 else ""
        c.add(reason[0].upper() + reason[1:], weakens=reason, warning_only=True)


def dropped_agencies(p: _Pair) -> set[str]:
    """Agencies every quorate meeting needed before and no longer needs (successors aside)."""
    before, after = required_agencies(p.old, p.old_agencies), required_agencies(p.new, p.new_agencies)
    return {a for a in before - after if a not in replaced_agencies(p)}


def replaced_agencies(p: _Pair) -> dict[str, str]:
    """Agencies the quorum needed that it now needs in the form of their successor (a CCG by its ICB)."""
    before, after = required_agencies(p.old, p.old_agencies), required_agencies(p.new, p.new_agencies)
    out = {}
    for agency_id in before - after:
        agency = p.old_agencies.get(agency_id)
        if agency is not None and agency.replaced_by in after:
            out[agency_id] = agency.replaced_by
    return out


# ---------------------------------------------------------------- the whole body


def _about(p: _Pair, out: list[Change]) -> None:
    c = _Collector("About", out)
    for key in ("name", "short_name", "partnership", "status", "jurisdiction"):
        c.value(_label(key).capitalize(), getattr(p.old, key), getattr(p.new, key))
    c.fields("Source", p.old.source, p.new.source)


def _text_lists(p: _Pair, out: list[Change]) -> None:
    c = _Collector("Purpose and responsibilities", out)
    c.texts("Purpose", p.old.purpose, p.new.purpose)
    c.texts("Responsibility", p.old.responsibilities, p.new.responsibilities)
    _Collector("Notes", out).texts("Note", p.old.notes, p.new.notes)


def _governance(p: _Pair, out: list[Change]) -> None:
    """Who decides, membership changes, escalation, members' duties, documents, publications: field by field."""
    a, b = p.old.governance, p.new.governance
    if a == b:
        return
    c = _Collector("Governance", out)
    old_making, new_making = a.decision_making, b.decision_making
    if old_making.decides != new_making.decides:
        words = {True: "takes decisions", False: "does not take decisions", None: "not stated"}
        c.add(
            f"Decides: {words[old_making.decides]} → {words[new_making.decides]}",
            before=old_making.decides,
            after=new_making.decides,
        )
    c.fields("Decision making", old_making, new_making, skip=("decides",))
    c.fields("Membership changes", a.membership_changes, b.membership_changes)
    lists = (
        ("Escalation", "escalation", lambda x: _norm(x.issue), "issue"),
        ("Members' duty", "member_duties", lambda x: _norm(x.text), "text"),
        ("Standing document", "documents", lambda x: _norm(x.title), "title"),
        ("Publication", "publications", lambda x: _norm(x.title), "title"),
    )
    for what, name, key, label in lists:

        def compare(x, y, what=what, label=label) -> None:
            c.fields(f'{what} "{getattr(y, label)}":', x, y, skip=(label,))

        _keyed(
            c, what, getattr(a, name), getattr(b, name), key, lambda x, label=label: f'"{getattr(x, label)}"', compare
        )


def _dissolution(p: _Pair, out: list[Change]) -> None:
    _Collector("Dissolution", out).fields("Dissolution", p.old.dissolution, p.new.dissolution)


_HANDLERS = (
    _about,
    _members,
    _classes,
    _substitution,
    _chair,
    _quorum,
    _voting,
    _procedure,
    _meetings,
    _administration,
    _standing_items,
    _duties,
    _reporting,
    _review,
    _text_lists,
    _dissolution,
    _governance,
)
_HANDLED = {
    "id",
    "name",
    "short_name",
    "partnership",
    "status",
    "jurisdiction",
    "source",
    "purpose",
    "responsibilities",
    "membership_classes",
    "members",
    "substitution",
    "chair",
    "deputy_chair",
    "quorum",
    "voting",
    "procedure",
    "meetings",
    "administration",
    "standing_items",
    "duties",
    "reporting",
    "review",
    "dissolution",
    "notes",
    "governance",
}


def diff_body(
    old: Body | None,
    new: Body | None,
    old_agencies: Mapping[str, Agency],
    new_agencies: Mapping[str, Agency],
    file: str | None = None,
) -> BodyDiff | None:
    """The changes to one body, or None when nothing that means anything changed."""
    if old is None and new is None:
        return None
    if old is None:
        assert new is not None
        quorum = quorum_sentence(new, new_agencies)
        return BodyDiff(
            new.id,
            new.name,
            "added",
            file,
            [
                Change(
                    "About",
                    f"New body: {new.name}, {len(new.members)} post{'s' if len(new.members) != 1 else ''}; "
                    f"chair: {describe_chair(new)}; meets {describe_cadence(new.meetings.cadence)}",
                    after=new.id,
                ),
                Change("Quorum", quorum, after=quorum),
            ],
        )
    if new is None:
        return BodyDiff(
            old.id, old.name, "removed", file, [Change("About", f"Body removed: {old.name}", before=old.id)]
        )
    pair = _Pair(old, new, old_agencies, new_agencies)
    changes: list[Change] = []
    # An unchanged body is still compared when the registry changed: an agency's name or kind
    # changes the quorum sentence and who counts.
    if old != new or old_agencies != new_agencies:
        for handler in _HANDLERS:
            handler(pair, changes)
        _Collector("Other", changes).data("", _dump_rest(old), _dump_rest(new))
    if not changes:
        return None
    order = {name: i for i, name in enumerate(SECTIONS)}
    changes.sort(key=lambda ch: order.get(ch.section, len(order)))
    return BodyDiff(new.id, new.name, "changed", file, changes)


def _period_days(period: Period | None) -> float | None:
    """A period's rough length in days, to tell which of two is longer."""
    if period is None or period.unit is None or period.amount is None:
        return None
    return (
        period.amount
        * {
            "working_days": 1.4,
            "days": 1,
            "weeks": 7,
            "months": 30.4,
            "clear_days": 1,
            "hours": 1 / 24,
            "minutes": 1 / 1440,
        }[period.unit]
    )


def _dump_rest(body: Body) -> dict[str, Any]:
    """Fields of a body that no section handles (none today; a safety net for new model fields)."""
    return {k: v for k, v in body.model_dump(mode="json", by_alias=True).items() if k not in _HANDLED}


def _agency_changes(old: Mapping[str, Agency], new: Mapping[str, Agency]) -> list[Change]:
    out: list[Change] = []
    c = _Collector("Agencies", out)
    for agency_id in dict.fromkeys([*old, *new]):
        a, b = old.get(agency_id), new.get(agency_id)
        if a is None and b is not None:
            c.add(f"Agency added: {b.name} ({agency_id}, {b.kind.value})", after=b)
        elif b is None and a is not None:
            c.add(f"Agency removed: {a.name} ({agency_id})", before=a)
        elif a != b:
            c.fields(f"agency {agency_id}:", a, b)
    return out


def sides_from_texts(
    old_label: str,
    old: Mapping[str, str],
    new_label: str,
    new: Mapping[str, str],
    *,
    old_suffix: str = "",
    new_suffix: str = "",
) -> tuple[Side, Side]:
    """Both sides of a diff of two directories, reading only the body files that differ.

    A body file with the same name and the same text on both sides cannot change
    anything while the agency registry is unchanged too, and parsing and
    validating it twice was most of a diff's time; so it is left out of both
    sides (a problem in such a file is no change, and `torctl validate` reports
    it). Should another file claim the id an unchanged file's name gives, both
    sides are read in full, so ids pair exactly as before.
    """
    by_name_old = {Path(name).name: name for name in old}
    by_name_new = {Path(name).name: name for name in new}
    registries = [n for n in REGISTRY_NAMES if n in by_name_old or n in by_name_new]
    same_registry = all(
        n in by_name_old and n in by_name_new and old[by_name_old[n]] == new[by_name_new[n]] for n in registries
    )
    unchanged = set()
    if same_registry:
        unchanged = {
            n
            for n, shown in by_name_old.items()
            if n not in REGISTRY_NAMES and n in by_name_new and old[shown] == new[by_name_new[n]]
        }
    a = side_from_texts(old_label, {k: v for k, v in old.items() if Path(k).name not in unchanged}, suffix=old_suffix)
    b = side_from_texts(new_label, {k: v for k, v in new.items() if Path(k).name not in unchanged}, suffix=new_suffix)
    if unchanged and {n.rpartition(".")[0] for n in unchanged} & (a.bodies.keys() | b.bodies.keys()):
        a, b = side_from_texts(old_label, old, suffix=old_suffix), side_from_texts(new_label, new, suffix=new_suffix)
    return a, b


def diff_sides(old: Side, new: Side) -> TreeDiff:
    result = TreeDiff(old.label, new.label, problems=[*old.problems, *new.problems])
    registries = {Path(n).stem for n in REGISTRY_NAMES}
    if not (registries & old.unread or registries & new.unread):  # an unread registry is not every agency removed
        result.agencies = _agency_changes(old.agencies, new.agencies)
    for body_id in sorted(set(old.bodies) | set(new.bodies)):
        a, b = old.bodies.get(body_id), new.bodies.get(body_id)
        if (a is None and body_id in old.unread) or (b is None and body_id in new.unread):
            continue  # one side's file could not be read: a problem (the diff is incomplete), not an addition or removal
        changed = diff_body(a, b, old.agencies, new.agencies, new.files.get(body_id) or old.files.get(body_id))
        if changed is not None:
            result.bodies.append(changed)
    return result


def diff_paths(old: Path, new: Path) -> TreeDiff:
    """`torctl diff OLD NEW`: two body files (compared whatever their ids) or two directories."""
    for path in (old, new):
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
    if old.is_dir() != new.is_dir():
        raise UsageError("compare two files or two directories, not one of each")
    if old.is_dir():
        (old_texts, old_unread), (new_texts, new_unread) = _texts_of(old), _texts_of(new)
        a, b = sides_from_texts(display_path(old), old_texts, display_path(new), new_texts)
        return diff_sides(_not_compared(a, old_unread), _not_compared(b, new_unread))
    a, b = side_from_path(old), side_from_path(new)
    if len(a.bodies) == 1 and len(b.bodies) == 1:
        (ida, body_a), idb = next(iter(a.bodies.items())), next(iter(b.bodies))
        if ida != idb:  # the same body under two names: compare them, not "one removed, one added"
            a.bodies = {idb: body_a}
            a.files = {idb: a.files[ida]}
    return diff_sides(a, b)


def diff_git(bodies_dir: Path, spec: str) -> TreeDiff:
    old_rev, new_rev = parse_revisions(spec)
    old = git_side(bodies_dir, old_rev)
    new = git_side(bodies_dir, new_rev) if new_rev else working_side(bodies_dir)
    return diff_sides(old, new)


# ---------------------------------------------------------------- rendering


def _words_text(words: list[tuple[str, str]]) -> str:
    return "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in words)


_MD_SPECIAL = re.compile(r"([\\`*_~<>\[\]|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _words_md(words: list[tuple[str, str]]) -> str:
    out = []
    for op, text in words:
        if op == "=":
            out.append(_md(text))
        elif text.strip():
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", text, re.S).groups()  # type: ignore[union-attr]
            out.append(f"{lead}{'~~' if op == '-' else '**'}{_md(core)}{'~~' if op == '-' else '**'}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _sections(body: BodyDiff) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in body.changes:
        if not change.warning_only:
            grouped.setdefault(change.section, []).append(change)
    return grouped


def _title(body: BodyDiff) -> str:
    status = {"added": " (new)", "removed": " (removed)", "changed": ""}[body.status]
    return f"{body.name} ({body.id}){status}"


def render_text(result: TreeDiff) -> str:
    lines = [f"Changes to the terms of reference from {result.old_label} to {result.new_label}"]
    for problem in result.problems:
        lines.append(f"warning: {problem}")
    if result.empty:
        lines.append(
            "No changes." if result.complete else "No changes in the files compared; the comparison is incomplete."
        )
        return "\n".join(lines)
    for body in result.bodies:
        lines += ["", _title(body) + (f", {body.file}" if body.file else "")]
        for change in body.weakening:
            lines.append(f"  ! Weakens governance ({change.section.lower()}): {change.weakens}")
        for section, changes in _sections(body).items():
            lines.append(f"  {section}")
            for change in changes:
                text = change.text if change.words is None else f"{change.text}: {_words_text(change.words)}"
                flag = "  [weakens governance]" if change.weakens else ""
                lines.append(f"    - {text}{flag}")
    if result.agencies:
        lines += ["", "Agency registry"]
        lines += [f"    - {c.text}" for c in result.agencies]
    return "\n".join(lines)


def render_markdown(result: TreeDiff) -> str:
    lines = [f"## Terms of reference: changes from `{result.old_label}` to {_md_label(result.new_label)}", ""]
    for problem in result.problems:
        lines.append(f"> **Warning:** {_md(problem)}")
    if result.problems:
        lines.append("")
    if result.empty:
        lines.append(
            "No changes to the terms of reference."
            if result.complete
            else "No changes in the files compared; the comparison is incomplete."
        )
        return "\n".join(lines) + "\n"
    weakened = sum(1 for b in result.bodies if b.weakening)
    count = len(result.bodies)
    lines.append(
        f"{count} bod{'y' if count == 1 else 'ies'} changed"
        + (f"; **{weakened} with changes that weaken governance**." if weakened else ".")
    )
    for body in result.bodies:
        lines += [
            "",
            f"### {_md(body.name)} (`{body.id}`){' (new)' if body.status == 'added' else ' (removed)' if body.status == 'removed' else ''}",
            "",
        ]
        if body.weakening:
            lines.append("> [!WARNING]")
            lines.append("> **Weakens governance**")
            for change in body.weakening:
                lines.append(f"> - {change.section}: {_md(change.weakens or '')}")
            lines.append("")
        for section, changes in _sections(body).items():
            lines.append(f"**{section}**")
            lines.append("")
            for change in changes:
                text = _md(change.text) if change.words is None else f"{_md(change.text)}: {_words_md(change.words)}"
                lines.append(f"- {text}{' ⚠️ *weakens governance*' if change.weakens else ''}")
            lines.append("")
    if result.agencies:
        lines += ["### Agency registry", ""]
        lines += [f"- {_md(c.text)}" for c in result.agencies]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_label(label: str) -> str:
    return label if label.startswith("the ") else f"`{label}`"
