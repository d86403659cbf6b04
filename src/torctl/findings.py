"""One shape for every problem torctl reports (`Finding`), and every code it can carry (`Code`).

Checks yield findings and never print; commands choose a reporter. A code is an
enum member, never a string typed at the place it is raised, so a code cannot
be emitted without its title and explanation (`torctl validate --explain CODE`,
the JSON `title`, the SARIF rule), and a test fails on a code documented but
never emitted. Codes are stable, so users can grep for them and CI can key on them:

- `Y` YAML and file problems (syntax, duplicate keys, aliases, encoding, empty);
- `S` schema problems (unknown field, missing field, wrong type or value);
- `R` references that do not resolve, duplicate or mismatched ids;
- `Q` quorum rules that the body's own membership can never meet;
- `D` dates that contradict each other;
- `A` meeting records whose names, posts, votes or declarations do not fit the ToR;
- `C` actions agreed at meetings whose owner, dates or id cannot be right;
- `G` meetings imported from ModernGov: attendees matching no post, attendance values not known;
- `M` decisions of a year audited (`torctl meeting check --all`): not valid, the chair's to decide, cannot tell;
- `T` housekeeping: placeholders left in values, and `# torctl:` directives.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]
"""A place inside a document: the keys and list indexes that lead to a value, e.g. ("members", 2, "agency")."""


class Code(StrEnum):
    """Every finding code, with its title and its explanation: what it means, why it matters, how to fix it."""

    summary: str  # the code's title, in a few words (JSON `title`, SARIF rule name)
    severity: Severity
    meaning: str
    why: str
    fix: str

    def __new__(cls, code: str, title: str, severity: Severity, meaning: str, why: str, fix: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.summary, member.severity = title, severity
        member.meaning, member.why, member.fix = meaning, why, fix
        return member

    def explain(self) -> str:
        """The text `torctl validate --explain CODE` prints, as `ruff rule` does."""
        return "\n".join(
            [
                f"{self.value}: {self.summary} ({self.severity} by default)",
                "",
                "What it means",
                f"  {self.meaning}",
                "",
                "Why it matters",
                f"  {self.why}",
                "",
                "How to fix it",
                f"  {self.fix}",
                "",
                "To live with one finding where the board has decided to, end its line with",
                f"  # torctl: disable={self.value} -- the reason",
            ]
        )

    # ------------------------------------------------------------------------------------------ Y: YAML and files
    Y001 = (
        "Y001",
        "YAML syntax error",
        "error",
        "The file is not valid YAML, or uses YAML that torctl refuses (tabs for indentation, tags, merge keys, "
        "a list or mapping as a key).",
        "Nothing in a file that does not parse can be read, so none of its rules can be checked or used.",
        "Go to the line and column given; the message says what the parser expected. Indent with spaces, quote "
        "text containing ': ', and close every quote and bracket.",
    )
    Y002 = (
        "Y002",
        "duplicate key",
        "error",
        "A mapping gives the same key twice.",
        "YAML loaders silently keep only the last value, so a rule written twice would be half ignored.",
        "Keep one of the two keys (the message gives the line of the first) and merge what they say.",
    )
    Y003 = (
        "Y003",
        "anchors and aliases are not allowed",
        "error",
        "The file uses an anchor (&name) or an alias (*name).",
        "Aliases hide where a value comes from and allow expansion bombs; a ToR has no need of them.",
        "Write the value out in full at each place it is used.",
    )
    Y004 = (
        "Y004",
        "file is not UTF-8 text",
        "error",
        "The file contains bytes that are not UTF-8.",
        "torctl cannot tell which characters the bytes stand for, so names and quotes could be read wrongly.",
        "Save the file as UTF-8 (most editors offer it under 'Save with encoding').",
    )
    Y005 = (
        "Y005",
        "file is empty",
        "error",
        "The file holds nothing, or only comments.",
        "A body or record file must say something; an empty one is usually a file created by mistake.",
        "Fill the file in (`torctl new` writes a body scaffold) or delete it.",
    )
    Y006 = (
        "Y006",
        "document is not a mapping",
        "error",
        "The file's top level is a list or a single value, not a mapping of fields.",
        "Every torctl file is a mapping of named fields; anything else cannot be read as one.",
        "Start the file with `key: value` lines, as `torctl schema` describes.",
    )
    Y007 = (
        "Y007",
        "file is too large",
        "error",
        "The file is larger than torctl reads (1 MB).",
        "No terms of reference or meeting record is that large; the limit keeps a wrong or hostile file from "
        "exhausting memory.",
        "Check that the file is the one meant; split a very large record into one file per meeting.",
    )
    Y008 = (
        "Y008",
        "file cannot be read",
        "error",
        "The file could not be opened or read (permissions, a broken link, a device or pipe in its place).",
        "A file torctl cannot read is a ToR it cannot check.",
        "Make the file a readable regular file, or remove it from the bodies directory.",
    )
    Y009 = (
        "Y009",
        "interrupted write",
        "error",
        "An edit that rewrites a file in place (a hard-linked file, or one owned by another user) was cut short; "
        "its complete new text is kept beside the file in `.NAME.torctl-new`.",
        "The file may be part old text, part new: a sentence cut in half can still be valid YAML and read as "
        "another rule.",
        "Check the kept copy, then restore it (`cp .NAME.torctl-new NAME && rm .NAME.torctl-new`; cp keeps the "
        "file's links and owner), or delete the kept copy to keep the file as it is.",
    )
    Y010 = (
        "Y010",
        "link leaves the work tree",
        "error",
        "A file or folder in the bodies directory is a symbolic link to a place outside its work tree (the git "
        "repository holding it; outside git, the bodies directory itself).",
        "torctl reads only what the repository holds, as git keeps links within its work tree: a link out could "
        "publish or echo any file the user can read.",
        "Copy the file into the repository, or make the link point inside it.",
    )
    # ------------------------------------------------------------------------------------------ S: the schema
    S001 = (
        "S001",
        "unknown field",
        "error",
        "A key that the schema does not define at this place.",
        "A misspelt key would otherwise be ignored, and the rule it was meant to state would silently not apply.",
        "Use the field the did-you-mean suggests, or see `torctl schema` for the fields allowed here.",
    )
    S002 = (
        "S002",
        "missing field",
        "error",
        "A field the schema requires at this place is absent.",
        "Without it the rule cannot be read (a chair with no mode, a quorum rule with no kind).",
        "Add the field; where the ToR is silent, use the field's 'not stated' value rather than inventing one.",
    )
    S003 = (
        "S003",
        "invalid value",
        "error",
        "A value has the wrong type, is not one of the allowed words, or breaks a rule of its field.",
        "A value torctl would have to coerce or guess at could change a verdict; nothing is coerced.",
        "Write the value in the form the message gives (a whole number, true or false, a date YYYY-MM-DD, one of "
        "the listed words).",
    )
    S004 = (
        "S004",
        "invisible character in text",
        "warning",
        "A value holds a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) or a zero-width "
        "character (U+200B, U+200E, U+200F, U+2060, U+FEFF).",
        "Such characters make text display as something other than what it is (the 'Trojan Source' class): a "
        "quote or a name can read differently from what torctl compares. Every output shows them as U+FFFD or "
        "an escape; ids refuse them.",
        "Delete the character (most editors show it with 'show invisibles'); retype the text if unsure.",
    )
    # ------------------------------------------------------------------------------------------ R: references
    R001 = (
        "R001",
        "unknown agency",
        "error",
        "An agency id that is not in the agency registry (agencies.yaml), or no registry at all.",
        "Quorum and voting rules count agencies; an agency torctl does not know can never be counted.",
        "Fix the id (the message suggests the nearest), or add the agency to agencies.yaml with its kind.",
    )
    R002 = (
        "R002",
        "unknown post",
        "error",
        "A post id that is not among the body's `members`, or a post used where it cannot be (another body's post "
        "in a rule that counts only this body's members; an independent chair from a non-independent agency).",
        "Rules name posts to count them or give them a role; a post that does not exist is never present.",
        "Use a post id from the body's `members` (the message suggests the nearest), or add the post.",
    )
    R003 = (
        "R003",
        "unknown body",
        "error",
        "A body id that names no body file in this directory.",
        "Reporting lines, standing items and calendars that point nowhere cannot be followed or checked.",
        "Fix the id (the message suggests the nearest), or add the body's file.",
    )
    R004 = (
        "R004",
        "duplicate id",
        "error",
        "Two posts, agencies, bodies or calendars share an id.",
        "Attendance and rules name things by id; two things with one id make every reference ambiguous.",
        "Give each its own id.",
    )
    R005 = (
        "R005",
        "id does not match file name",
        "error",
        "A body's or calendar's `id` differs from its file name.",
        "torctl finds a body by its file name; a file claiming another id could stand in for the real body.",
        "Rename the file to `<id>.yaml`, or change the id to match the file.",
    )
    R006 = (
        "R006",
        "membership class not defined",
        "error",
        "A post's `class` is not defined under the body's `membership_classes`.",
        "Whether a member votes and counts toward quorum comes from the class; an undefined class says neither.",
        "Define the class under `membership_classes` with what the ToR says of it (votes, counts_for_quorum), or "
        "use a class already defined.",
    )
    R007 = (
        "R007",
        "reporting lines disagree",
        "warning",
        "One body says it reports to (or receives from) another, and the other body's file does not say so.",
        "Two ToRs that disagree about who reports to whom leave an accountability gap.",
        "Add the mirror line to the other body's `reporting`, or remove the line that is wrong.",
    )
    R008 = (
        "R008",
        "more than one term calendar for a body",
        "error",
        "Two term-dates calendars apply to the same body.",
        "A term-time body's meetings are scheduled in its terms; two calendars give two answers.",
        "Keep one term calendar per body: merge them or narrow `applies_to`.",
    )
    R009 = (
        "R009",
        "term dates for a body that does not meet in term time",
        "warning",
        "A term-dates calendar applies to a body whose cadence is not term-time only.",
        "The calendar has no effect on that body's schedule, which is probably not what was meant.",
        "Remove the body from `applies_to`, or set `term_time_only: true` if the ToR says so.",
    )
    # ------------------------------------------------------------------------------------------ Q: quorum
    Q001 = (
        "Q001",
        "quorum can never be met",
        "error",
        "Even with every counting, non-vacant member present, the quorum rule fails.",
        "No meeting of the body could ever be quorate, so no decision could ever be validly taken.",
        "Check the quorum rule against the members: their agencies, their classes (counts_for_quorum) and "
        "vacancies. The message names the clause that fails and why.",
    )
    Q002 = (
        "Q002",
        "quorum is met with nobody present",
        "error",
        "A quorum rule (usually a fraction rounded down, or of a membership of vacancies) is met by an empty room.",
        "A quorum of nobody protects nothing: any meeting, however small, would be quorate.",
        "Check the rule's rounding and minimum (`minimum: 3` for 'never fewer than three') and the vacancies among "
        "the counting posts.",
    )
    # ------------------------------------------------------------------------------------------ D: dates
    D001 = (
        "D001",
        "dates out of order",
        "error",
        "Dates that contradict each other: a next review before the last, a term ending before it starts, a "
        "review history out of order.",
        "Review reminders and schedules are computed from these dates; contradictory dates give wrong answers.",
        "Correct the date the message points at.",
    )
    D002 = (
        "D002",
        "review date in the future",
        "error",
        "A review is recorded (`last_reviewed`, or in `history`) on a date after today.",
        "A review that has not happened yet would make an overdue ToR look reviewed and its next review years away.",
        "Record the date the review took place; a planned review is `next_due`.",
    )
    # ------------------------------------------------------------------------------------------ A: meeting records
    A001 = (
        "A001",
        "attendance names an unknown body or agency",
        "error",
        "A meeting record names a body or agency id that torctl does not know.",
        "The record cannot be judged against a ToR that is not there.",
        "Fix the id (the message suggests the nearest).",
    )
    A002 = (
        "A002",
        "attendance names an unknown or ambiguous person",
        "error",
        "A name in a meeting record matches no post of the body (by id, holder or role), or several.",
        "torctl never guesses who attended: an unresolved name could be the difference between quorate and not.",
        "Write the post id, or the holder's name as the ToR records it; the message lists the closest posts.",
    )
    A003 = (
        "A003",
        "attendance names a vacant post",
        "error",
        "A meeting record lists as attending a post the ToR records as vacant or still to be appointed.",
        "Nobody holds a vacant post, so nobody can attend as its holder.",
        "Record the person under the post they hold, or as a substitute or observer; or record the appointment "
        "(`torctl member update`).",
    )
    A004 = (
        "A004",
        "attendance lists a person twice",
        "error",
        "The same person is listed twice: present and with apologies, voting twice, arriving or leaving twice, or "
        "a substitute for a member who is also present.",
        "A person counted twice could make a meeting look quorate or a vote look carried.",
        "Keep the one entry that is true.",
    )
    A005 = (
        "A005",
        "two records of one meeting",
        "error",
        "Two meeting records give the same body and date.",
        "Two accounts of one meeting can give two verdicts.",
        "Merge them into one record, or correct the date of the one that is another meeting.",
    )
    A006 = (
        "A006",
        "record names someone not there",
        "error",
        "A meeting record has someone vote, declare or leave who is not recorded as attending (or was not there for "
        "that item).",
        "A vote by someone absent cannot have been cast; the record contradicts itself.",
        "Add the person to the attendance, or correct the item they are recorded against.",
    )
    A007 = (
        "A007",
        "declaration of an interest kind the ToR does not name",
        "error",
        "A declaration gives a kind of interest that is not among the ToR's `procedure.interests.kinds`.",
        "What a declaration does (leave the room, not vote, not count) depends on its kind; an unknown kind says "
        "nothing.",
        "Use one of the kinds the ToR names (the message lists them), or leave `kind` out if it was not minuted.",
    )
    A008 = (
        "A008",
        "a vote the ToR does not allow",
        "warning",
        "Someone voted who may not under the ToR: an observer or non-voting member, a member with an interest, a "
        "remote attendee where remote members may not vote, or more votes than members entitled to vote.",
        "The record may be faithful to what happened; but a decision taken with such a vote may not have been "
        "validly taken. `torctl meeting check` rules on it.",
        "If the record is right, leave it: `meeting check` says whether the decision still stands. If it is a slip, "
        "correct the votes.",
    )
    A009 = (
        "A009",
        "vote counts that cannot be right",
        "error",
        "A recorded vote is impossible: more votes than voters, a casting vote without a tie, a decision kind the "
        "ToR does not name.",
        "An impossible count cannot be judged; it is a mistake in the record.",
        "Correct the counts, the casting vote or the kind the message points at.",
    )
    A010 = (
        "A010",
        "item listed twice",
        "error",
        "Two items of a meeting record have the same number.",
        "Arrivals, departures and declarations are placed by item; two items with one number make that ambiguous.",
        "Number each item once (3, 4, 4a...).",
    )
    # ------------------------------------------------------------------------------------------ C: actions
    C001 = (
        "C001",
        "action owned by a post the body does not have",
        "error",
        "An action's owner is written as a post id (lower case, hyphens, no spaces) but matches no post of the "
        "body, by id, holder or role.",
        "An action owned by a post that does not exist is owned by nobody: no one will be asked about it at the "
        "next meeting.",
        "Write one of the body's post ids (the message suggests the nearest), or the person's name as it is "
        "written (`Jo Bloggs`).",
    )
    C002 = (
        "C002",
        "action due before the meeting that set it",
        "error",
        "An action's `due` date is before the date of the meeting at which it was agreed.",
        "An action cannot fall due before it was agreed; the date is mistyped, or the action is in the wrong record.",
        "Correct `due`, or move the action to the record of the meeting that agreed it.",
    )
    C003 = (
        "C003",
        "action closed before the meeting that set it",
        "error",
        "An action's `closed_on` date is before the date of the meeting at which it was agreed.",
        "An action cannot be done or dropped before it was agreed; the action log would be wrong about it.",
        "Correct `closed_on` to the day it was done or dropped.",
    )
    C004 = (
        "C004",
        "two actions with one id",
        "error",
        "Two actions of the same body's meeting records share an `id`.",
        "Actions are followed up from meeting to meeting, and in calendars, by their id; two with one id are "
        "confused, and one of them is lost.",
        "Give each action its own id (the meeting's date and a number, `2027-02-01`, keeps them apart).",
    )
    # ------------------------------------------------------------------------------------------ M: a year audited
    M001 = (
        "M001",
        "decision not validly taken",
        "error",
        "`torctl meeting check --all` found a decision in a meeting record that was not validly taken under the "
        "ToR: the item was not quorate, the vote did not carry it, or someone voted who may not.",
        "A decision not validly taken may be challenged, and anything done under it undone.",
        "Read the reasons given (`torctl meeting check RECORD` explains each); where the record is right, the board "
        "may need to take the decision again at a quorate meeting.",
    )
    M002 = (
        "M002",
        "decision depends on the chair",
        "warning",
        "Whether a decision was validly taken turns on a decision the ToR leaves to the chair (whether to go on "
        "without a quorum, whether a member with an interest took part, urgent business, a casting vote) that the "
        "record does not give.",
        "The ToR makes the chair's ruling part of the answer; without it no one can say the decision stands.",
        "Record the chair's decision under `chair_decisions` in the meeting record.",
    )
    M003 = (
        "M003",
        "cannot tell whether a decision was validly taken",
        "warning",
        "The record does not hold what the answer needs: the votes, the declarations or the times, as a record "
        "imported from ModernGov does not (`not_recorded`), or a decision recorded as `by: not-recorded`.",
        "A decision reported as valid when the evidence is missing would be an answer torctl invented.",
        "Add what the minutes say (the vote, the declarations) to the record, then run the check again.",
    )
    # ------------------------------------------------------------------------------------------ G: ModernGov imports
    G001 = (
        "G001",
        "ModernGov attendee matches no post",
        "error",
        "A person ModernGov lists at the meeting (or the member a substitute is `representing`) matches no post of "
        "the body by holder name or role, or matches several.",
        "torctl never guesses who attended: the person is kept in the record's `notes`, not counted, and a quorum "
        "without them may be wrong.",
        "Record the holder on the post (`torctl member update`), or edit the imported record to name the post; "
        "the message lists the closest posts.",
    )
    G002 = (
        "G002",
        "ModernGov attendance value not known",
        "error",
        "An attendee's `attendance` value is not one torctl maps (Present, Present as substitute, Apologies, "
        "In attendance, Absent and their virtual forms), or says attendance was not yet taken (Expected).",
        "Mapping a value by guess could count someone who was not there; the person is kept in `notes` instead.",
        "Edit the imported record to put the person where they belong, and report the value so it can be mapped.",
    )
    A011 = (
        "A011",
        "recorded outcome contradicts the vote",
        "warning",
        "A decision's `outcome` (carried or lost) is not what its recorded vote gives under the ToR's majority.",
        "The minutes and the counts cannot both be right; `torctl meeting check` cannot tell whether the decision "
        "was taken, and says so.",
        "Check the minutes: correct the counts or the outcome, whichever was mis-recorded.",
    )
    A012 = (
        "A012",
        "chair's decision that names nothing in the record",
        "error",
        "A `chair_decisions` entry names an item the record does not list, or a decision on an interest names no "
        "member.",
        "A chair's decision is applied to the item and member it names; one that names neither cannot be applied.",
        "Give the item's number or title as the record lists it, and for an interest the member (`person`).",
    )
    A013 = (
        "A013",
        "attendance not yet confirmed",
        "warning",
        "A meeting record still lists members under `expected`: the record was started before the meeting and no one "
        "has confirmed whether they came.",
        "A member left under `expected` is counted as absent, so a quorum or a vote may be judged on attendance that "
        "was never confirmed.",
        "Confirm each one as present, remote or with apologies (`torctl meeting set`), or remove them from `expected`.",
    )
    # ------------------------------------------------------------------------------------------ T: housekeeping
    T001 = (
        "T001",
        "TODO marker left in a value",
        "warning",
        "A value still contains the word TODO, as `torctl new` leaves placeholders.",
        "A placeholder is not what the ToR says; `torctl validate --strict` fails until it is replaced.",
        "Replace the value with the ToR's own words or data, or with its 'not stated' form.",
    )
    T002 = (
        "T002",
        "directive without a reason",
        "error",
        "A `# torctl: disable=CODE` comment gives no reason after ' -- '.",
        "Silencing a finding is a decision a board may be asked to justify; the reason belongs beside it.",
        "Write the reason: `# torctl: disable=CODE -- agreed at the meeting of 12 March 2026`.",
    )
    T003 = (
        "T003",
        "directive names no code torctl has",
        "error",
        "A `# torctl:` comment is not of the form `disable=CODE[,CODE...] -- reason`, or names a code that does "
        "not exist.",
        "A mistyped directive silences nothing, and the finding it was meant for still shows.",
        "Write `# torctl: disable=CODE -- reason` with a code `torctl validate --explain` knows.",
    )
    T004 = (
        "T004",
        "directive silences nothing",
        "warning",
        "A `# torctl: disable=CODE` comment has no finding of that code on its line.",
        "An unused directive would silently hide a future finding that nobody has looked at.",
        "Remove the directive, or move it to the line of the finding it is meant for.",
    )
    T005 = (
        "T005",
        "passage not yet turned into data",
        "warning",
        "An `open_questions` entry of kind `to-do`: a passage of the ToR (quoted) that is not yet data.",
        "Until it is encoded, every verdict that depends on it treats the field as not stated.",
        "Encode the passage in the field it names (`torctl set`), then remove the entry.",
    )
    T006 = (
        "T006",
        "reading to confirm",
        "warning",
        "An `open_questions` entry of kind `confirm`: a reading of an ambiguous passage someone must confirm.",
        "A reading presented as settled can mislead a board; it stays visible until someone with authority agrees it.",
        "Confirm the reading (record it as the field's `reading:`) or correct the value, then remove the entry.",
    )


class Finding(NamedTuple):
    """A problem at a place in a file. `line` and `column` are 1-based, or None for the whole file.

    A check makes a finding about a place in a document (`loc`); the loader then places it in
    the file (`path`, `line`, `column`). `hint` says how to fix it, where the message does not.
    (A NamedTuple, not a dataclass: making one costs every command's start a fifth as much.)
    """

    code: Code
    message: str
    severity: Severity
    path: str = ""
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    loc: Loc = ()

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def text(self) -> str:
        """The message with its hint, as one sentence for a reader."""
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def at(self, path: str, line: int | None, column: int | None) -> Finding:
        return self._replace(path=path, line=line, column=column)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code.value, self.message)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code.value,
            "message": self.message,
            "severity": self.severity,
            "title": self.code.summary,
        }
        if self.hint:
            data["hint"] = self.hint
        return data


def finding(
    code: Code,
    message: str,
    *,
    loc: Loc = (),
    severity: Severity | None = None,
    hint: str | None = None,
    path: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """A finding of `code`, at its code's severity unless `severity` says otherwise."""
    return Finding(code, message, severity or code.severity, path, line, column, hint, loc)


class FindingError(Exception):
    """Raised where a caller wants one answer and the input has findings instead (a record that does not read)."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


_BY_VALUE = {code.value: code for code in Code}


def lookup(text: str) -> Code | None:
    """The code `text` names, in any case (`r002`), or None."""
    return _BY_VALUE.get(text.strip().upper())


def matching(patterns: list[str]) -> tuple[set[Code], list[str]]:
    """The codes a `--select`/`--ignore` list names (a code, or a prefix such as `R` or `A00`), and the words that
    name none."""
    chosen: set[Code] = set()
    unknown: list[str] = []
    for pattern in patterns:
        key = pattern.strip().upper()
        found = {c for c in Code if c.value.startswith(key)} if key else set()
        if found:
            chosen |= found
        else:
            unknown.append(pattern)
    return chosen, unknown


class Selection(NamedTuple):
    """Which codes a run reports: `--select` (None: all) less `--ignore`."""

    select: frozenset[Code] | None = None
    ignore: frozenset[Code] = frozenset()

    def wants(self, code: Code) -> bool:
        return (self.select is None or code in self.select) and code not in self.ignore

    def runs(self, codes: Iterable[Code]) -> bool:
        """Whether a check that can emit `codes` has anything to report for this selection."""
        return any(self.wants(code) for code in codes)

    def checked(self) -> frozenset[Code]:
        return frozenset(code for code in Code if self.wants(code))


class Directive(NamedTuple):
    """One `# torctl: disable=...` comment: where it is, which line it covers (None: the whole file), its codes."""

    line: int  # the comment's own line, 1-based
    column: int
    covers: int | None
    codes: tuple[Code, ...]
    reason: str
