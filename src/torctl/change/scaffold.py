"""`torctl new`: a new ToR file in the house style, valid at once, with TODO markers to fill in.

Every section is present with a comment saying what it holds. Where a value
would be a guess (a quorum rule, a cadence, a review date) the scaffold says
"not stated" or leaves it empty with a TODO in the ToR's-own-words field, so a
new board never starts from an invented rule. `torctl validate` passes;
`torctl validate --strict` lists the TODO markers until they are replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path

from ..atomic import write_text_atomic
from ..data.paths import YAML_SUFFIXES, display_path
from ..errors import UsageError
from ..model.base import SLUG_PATTERN

# The file as a user reads it, comments beside their keys: a few lines are longer than this code's limit.
TEMPLATE = """\
# yaml-language-server: $schema=../schema/body.schema.json
# Terms of reference of @TITLE@, started with `torctl new` on @TODAY@.
# Each value marked TODO is a placeholder: replace it with what the ToR says,
# then run `torctl validate --strict`, which lists any TODO left. Where the ToR
# is silent, say so in the data (`not-stated`, a quorum of `none` with the
# reason, an `unknown_reason`) rather than inventing a rule.
# Every field can be set by command instead of by hand:
#   torctl set @ID@ PATH VALUE   (e.g. administration.papers "at least 5 working days before")
#   torctl unset @ID@ PATH       (back to not stated)
id: @ID@                      # equal to the file name; other bodies refer to this body by it
name: @NAME@
short_name: @SHORT_NAME@      # a short name or acronym, for tables
partnership: @PARTNERSHIP@    # the partnership or organisation the body belongs to
status: proposed              # proposed, active, dissolved, or not-stated where the source does not say
jurisdiction: england-and-wales   # whose bank holidays define working days: england-and-wales, scotland, northern-ireland
source:                       # the document this file encodes, so every fact can be traced
  document: "TODO: title of the terms of reference document"
  version: null
  approved: null              # when the ToR was approved: 2024-09-12, or a month: 2024-09

legal_basis:                  # what kind of body it is in law: it decides which statutory defaults apply
  kind: not-stated            # principal-council, council-committee, parish-council, school-governing-body, academy-trust,
                              # nhs-body, childrens-safeguarding-partnership, safeguarding-adults-board, non-statutory
  # under: "the Act and section it is made under"

purpose:                      # what the body is for, one point per item; not-stated where the ToR has no purpose (torctl set @ID@ purpose "...")
  - "TODO: what the body is for"
responsibilities: []          # what it does, as the ToR lists it, one item each

# What each membership class means in this body. Every class used under
# `members` is defined here: does it vote (true, false, or null where the ToR is
# silent), does it count toward quorum, does it always attend? Other classes:
# partner, stakeholder, attendee, participant-observer, co-opted, adviser, secretariat.
# Define another with `torctl class add @ID@ CLASS` (whether it votes, counts for quorum, attends).
membership_classes:
  core:
    votes: null
    counts_for_quorum: true
    attends: null               # always, when-relevant or when-invited; null where the ToR does not say

# One entry per post: a role, not a person (people leave, posts stay). `id` is
# how rules and other bodies refer to the post; `agency` is an id from
# agencies.yaml. Add posts with `torctl member add`, change them with `torctl member update`.
members:
  - id: chair
    role: "TODO: the chair's role title"
    class: core
    # agency: an-agency-id
    # holder: the person's name, where the ToR names one
    # vacancy: to-be-appointed  # or vacant, to-be-decided, where there is no holder

substitution:                 # who may attend in a member's place (torctl set @ID@ substitution.who same-agency)
  who: not-stated             # same-agency, named-substitute, none or not-stated
  delegated_authority_required: null    # true: a substitute counts only with the member's delegated authority; null: not stated
  # notice:
  #   working_days: 2         # how long before the meeting a substitute must be notified
  # notify: the administrator

chair:                        # torctl chair set @ID@: a post, a rotation, vacant or not stated
  mode: post                  # post, independent, rotation, vacant or not-stated
  post: chair                 # the chairing post's id under `members`
  text: "TODO: the ToR's words on who chairs"
deputy_chair: null            # same fields as `chair`; null where the ToR names no deputy

# When a meeting is quorate. Rules: at-least (a count of members or agencies),
# represented (each listed agency present), fraction, all-of / any-of (combine
# rules), or none with the reason. For example:
#   rule: represented
#   agencies: [solihull-mbc, bsol-icb, west-midlands-police]
# Set it with `torctl set @ID@ quorum '{rule: at-least, count: 3}'`.
quorum:
  rule: none
  reason: "TODO: the quorum rule, or the ToR's reason for having none"

voting:                       # torctl set @ID@ voting.method one-per-member; special majorities: torctl majority add
  method: not-stated          # one-per-member, one-per-agency, consensus or not-stated

procedure: {}                 # meeting-day rules the ToR states: interests (torctl interest add), remote, inquorate, clear_days (torctl set @ID@ procedure.remote.allowed yes)

meetings:                     # torctl set @ID@ meetings.cadence "every 2 months in term time"
  cadence: null               # e.g. {frequency: monthly}; also bi-monthly, quarterly, per-year with times_per_year
  text: "TODO: how often and where the body meets, in the ToR's words"

administration:               # torctl set @ID@ administration.papers "at least 5 working days before"
  papers:                     # when papers go out before a meeting
    bound: at-least           # at-least, within or exactly
    text: "TODO: the ToR's words on papers"
    # period:
    #   working_days: 5
  minutes:                    # when minutes go out after a meeting
    bound: within
    text: "TODO: the ToR's words on minutes"
    # period:
    #   weeks: 2
  minutes_agreed_by: not-stated   # chair, body, a post id, or not-stated

standing_items: []            # items on every agenda: title, presenter, from_body (torctl item add)
duties: []                    # recurring tasks: title, by (a post id), every (a period) (torctl duty add)

reporting:                    # lines to other bodies: `body: an-id` or `external: "Name"`, with `what` (add a line with `torctl set @ID@ reporting.reports_to '{body: an-id}'` and its append option)
  reports_to: []
  receives_from: []

review:                       # when the ToR itself is reviewed (torctl set @ID@ review.cadence "a year"); record reviews with `torctl review record`
  unknown_reason: "TODO: the review cadence or date (e.g. cadence: {months: 12}), or why there is none"
  # cadence:
  #   months: 12
  # last_reviewed: 2024-09

governance:                   # who decides, membership changes, escalation, members' duties, documents, publications
  decision_making:
    decides: null             # true; false (it advises or recommends, decisions are taken elsewhere); null: not stated
  member_duties: []           # what every member commits to, each as `- text: "the ToR's own words"`

dissolution: null             # how the body ends: condition, decided_by, dissolved_on

notes: []                     # what the ToR leaves ambiguous, and how it was read
open_questions: []            # passages not yet data (kind: to-do) and readings to confirm (kind: confirm), with the words (torctl question resolve)
"""  # noqa: E501


def plain_name(text: str, what: str) -> str:
    """A name as `init` writes it: whitespace runs made one space; control, bidirectional and zero-width
    characters refused (they would change what a file or a page shows)."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r":
            raise UsageError(f"{what} contains the invisible or control character U+{ord(ch):04X}; remove it")
    return " ".join(text.split())


def _scalar(value: str | None) -> str:
    """A value safe to put after `key:` (a JSON string is a YAML double-quoted scalar)."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def scaffold_text(
    body_id: str,
    *,
    name: str | None = None,
    short_name: str | None = None,
    partnership: str | None = None,
    today: dt.date | None = None,
) -> str:
    if not re.match(SLUG_PATTERN, body_id) or len(body_id) > 80:
        raise UsageError(
            f"'{body_id}' is not a body id: use lower-case letters, digits and single hyphens, e.g. 'solihull-lscp'"
        )
    name, short_name, partnership = (
        None if value is None else plain_name(value, what)
        for value, what in ((name, "the name"), (short_name, "the short name"), (partnership, "the partnership"))
    )
    values = {
        "@ID@": body_id,
        "@TITLE@": name or body_id,
        "@TODAY@": (today or dt.date.today()).isoformat(),
        "@NAME@": _scalar(name or "TODO: the body's full name"),
        "@SHORT_NAME@": _scalar(short_name),
        "@PARTNERSHIP@": _scalar(partnership),
    }
    text = TEMPLATE
    for marker, value in values.items():
        text = text.replace(marker, value)
    return text


def new_body(bodies_dir: Path, body_id: str, *, known_ids: set[str], **fields: str | None) -> Path:
    """Write `<bodies_dir>/<body_id>.yaml`; refuse to overwrite a file or reuse a body id."""
    text = scaffold_text(body_id, **fields)  # type: ignore[arg-type]
    for suffix in YAML_SUFFIXES:
        existing = bodies_dir / f"{body_id}{suffix}"
        if os.path.lexists(existing):  # a dangling link too: writing would replace it
            raise UsageError(f"{display_path(existing)} already exists; torctl new never overwrites a file")
    if body_id in known_ids:
        raise UsageError(f"a body with id '{body_id}' already exists in {display_path(bodies_dir)}")
    path = bodies_dir / f"{body_id}.yaml"
    write_text_atomic(path, text)
    return path
