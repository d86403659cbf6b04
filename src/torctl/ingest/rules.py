"""A ToR's rules read from its sentences: meeting frequency, deadlines, quorum, voting, substitutes, review, interests.

Each reader takes the candidate sentences (those of the section the rule belongs to
first, then any other sentence with the rule's cue words) and returns a `Found`: the
data in the model's shape, the sentence it was read from, verbatim, and the questions
it leaves. Where the words do not fit one of the phrasings a reader knows, the value
is None ("not stated") and the passage becomes a to-do naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .phrases import NUMBER, dates, has, number, periods

Passage = tuple[str | None, str]
"""(section kind, sentence)."""

STATUTORY = ["statutory-local-authority", "statutory-health", "statutory-police"]


@dataclass
class Found:
    """A reader's answer: the value (None: not stated), the words it was read from, the questions it leaves, and
    the sentences it turned into data (`used`: every other sentence of the section is an open question)."""

    value: dict[str, Any] | None = None
    words: str | None = None
    questions: list[dict[str, Any]] = field(default_factory=list)
    used: list[str] = field(default_factory=list)


def todo(field_path: str, words: str, note: str) -> dict[str, Any]:
    return {"kind": "to-do", "field": field_path, "words": words, "note": note}


def confirm(field_path: str, words: str, note: str) -> dict[str, Any]:
    return {"kind": "confirm", "field": field_path, "words": words, "note": note}


def candidates(passages: Sequence[Passage], section: str, cue: str) -> list[str]:
    """The section's sentences, then every other sentence with the cue, each once, in document order."""
    own = [s for kind, s in passages if kind == section]
    other = [s for kind, s in passages if kind != section and has(cue, s)]
    return list(dict.fromkeys(own + other))


# --- meetings ----------------------------------------------------------------------------------------------------

_MEETING_CUE = r"\bmeet(s|ing|ings)?\b|\bheld\b|\bconvene"
_FREQUENCIES: tuple[tuple[str, dict[str, Any]], ...] = (
    (r"\bbi-?monthly\b", {"frequency": "bi-monthly"}),
    (r"\bevery (?:two|2|other) months?\b|\bevery other month\b", {"frequency": "bi-monthly"}),
    (r"\bmonthly\b|\bevery month\b|\beach month\b|\bonce a month\b", {"frequency": "monthly"}),
    (r"\bquarterly\b|\bevery (?:three|3) months\b|\bonce a quarter\b|\beach quarter\b", {"frequency": "quarterly"}),
    (rf"\b(?P<n>{NUMBER})[- ]weekly\b|\bevery (?P<m>{NUMBER}) weeks\b", {"frequency": "every-n-weeks"}),
    (r"\bweekly\b|\bevery week\b|\bonce a week\b", {"frequency": "weekly"}),
    (
        rf"\b(?P<t>{NUMBER}) (?:times|meetings) (?:a|per|each) (?:year|annum)\b|\b(?P<o>once) a year\b|\bannually\b"
        r"|\b(?P<w>twice) (?:a|per|each) (?:year|annum)\b",
        {"frequency": "per-year"},
    ),
)
_MINIMUM = r"\bat least\b|\bno fewer than\b|\bnot less than\b|\ba minimum of\b"


def frequency(passages: Sequence[Passage]) -> Found:
    for sentence in candidates(passages, "meetings", _MEETING_CUE):
        if has(r"\breview", sentence) and not has(_MEETING_CUE, sentence):
            continue
        for pattern, shape in _FREQUENCIES:
            match = has(pattern, sentence)
            if not match:
                continue
            cadence: dict[str, Any] = dict(shape)
            groups = match.groupdict()
            if cadence["frequency"] == "every-n-weeks":
                weeks = number(groups.get("n") or groups.get("m") or "")
                if weeks is None:
                    continue
                cadence["weeks"] = weeks
            if cadence["frequency"] == "per-year":
                times = 2 if groups.get("w") else 1 if groups.get("o") or not groups.get("t") else number(groups["t"])
                if times is None:
                    continue
                cadence["times_per_year"] = times
            if has(r"\b(during|in) term[- ]time|\bterm[- ]time only\b|\bduring (school )?terms?\b", sentence):
                cadence["term_time_only"] = True
            if has(r"unless (?:otherwise )?agreed|unless agreed otherwise", sentence):
                cadence["unless_agreed_otherwise"] = True
            cadence["text"] = sentence
            found = Found(cadence, sentence, used=[sentence])
            if has(_MINIMUM, sentence[: match.start()]):
                cadence["reading"] = "The ToR sets a minimum ('at least'); torctl reads the minimum as the rhythm."
                found.questions.append(
                    confirm("meetings.cadence", sentence, "a minimum number of meetings, read as the rhythm; confirm")
                )
            if has(r"\bbi-?monthly\b", sentence):
                cadence["reading"] = "Bi-monthly is read as every two months, not twice a month."
                found.questions.append(
                    confirm("meetings.cadence", sentence, "'bi-monthly' is read as every two months; confirm")
                )
            return found
    own = [s for kind, s in passages if kind == "meetings"]
    return Found(questions=[todo("meetings.cadence", " ".join(own), "how often the body meets")] if own else [])


# --- deadlines ---------------------------------------------------------------------------------------------------

_AT_LEAST = r"\bat least\b|\bno later than\b|\bnot less than\b|\bminimum of\b|\bno fewer than\b|\bno less than\b"
_WITHIN = r"\bwithin\b|\bno later than\b|\bnot later than\b|\bnot more than\b|\bno more than\b"
_SENT = r"circulat|distribut|\bsen[dt]\b|\bissu|publish|dispatch|despatch|availab|produc|shared"


def _deadline(passages: Sequence[Passage], what: str, timing: str, bounded: str, bound: str) -> Found:
    """The first sentence that sends `what` with one period and the `timing` words, as a `Deadline` mapping."""
    for sentence in candidates(passages, "administration", what):
        if not (has(what, sentence) and has(_SENT, sentence) and has(timing, sentence)):
            continue
        found = periods(sentence)
        if len(found) == 1:
            chosen = bound if has(bounded, sentence) else "exactly"
            return Found({"period": found[0][1], "bound": chosen, "text": sentence}, sentence, used=[sentence])
    return Found()


def papers(passages: Sequence[Passage]) -> Found:
    """'Papers will be circulated at least five working days before the meeting.'"""
    return _deadline(
        passages, r"\b(papers|agendas?|reports)\b", r"\b(before|ahead|in advance|prior to)\b", _AT_LEAST, "at-least"
    )


def minutes(passages: Sequence[Passage]) -> Found:
    """'Minutes will be circulated within two weeks of the meeting.'"""
    return _deadline(passages, r"\bminutes\b|\baction notes\b", r"\b(after|following|of)\b", _WITHIN, "within")


# --- quorum ------------------------------------------------------------------------------------------------------

_FRACTIONS = {"half": (1, 2), "third": (1, 3), "quarter": (1, 4), "fifth": (1, 5)}


def _fraction(text: str) -> dict[str, Any] | None:
    match = has(
        r"\b(?:(?P<a>one|a|two|three)[- ](?P<part>half|third|quarter|fifth)s?|(?P<pct>\d{1,2})\s?%|"
        r"(?P<n>\d)/(?P<d>\d))\s+of\s+(?:the\s+)?(?:its\s+)?(?:(?:whole|total) number of\s+)?(?:total\s+|voting\s+)?"
        r"(?:members(?:hip)?|board)",
        text,
    )
    if not match or has(r"more than (?:one )?half", text):
        return None
    if match["part"]:
        numerator, denominator = _FRACTIONS[match["part"].lower()]
        numerator *= number(match["a"]) or 1
    elif match["pct"]:
        numerator, denominator = int(match["pct"]), 100
    else:
        numerator, denominator = int(match["n"]), int(match["d"])
    if numerator > denominator:
        return None
    rule: dict[str, Any] = {"rule": "fraction", "numerator": numerator, "denominator": denominator}
    floor = has(rf"(?:never|not|no|in no case) (?:fewer|less) than (?P<f>{NUMBER})|minimum of (?P<g>{NUMBER})", text)
    if floor:
        rule["minimum"] = number(floor["f"] or floor["g"] or "") or 0
    rule["reading"] = "The ToR does not say how a fraction of a member is rounded; torctl rounds up."
    return rule


_NO_BUSINESS = (
    r"\bno business (?:shall|will|may|is to) be (?:transacted|conducted|done)(?: at (?:a|any) meeting)? unless\b"
)


def _parts(text: str) -> list[dict[str, Any]] | None:
    """The quorum's parts, each one phrasing torctl reads; None where a part of the words is not one of them."""
    parts: list[dict[str, Any]] = []
    if has(r"\b(statutory|safeguarding|delegated safeguarding) partners?\b", text) and has(
        r"represent|present|attend", text
    ):
        parts.append({"rule": "represented", "agency_kinds": list(STATUTORY)})
    agencies = has(rf"\b(?P<n>{NUMBER}) (?:different |separate |member |partner )*(?:agencies|organisations)\b", text)
    if agencies and number(agencies["n"]):
        parts.append({"rule": "at-least", "count": number(agencies["n"]), "counting": "agencies"})
    if has(r"political executive|cabinet member", text) and has(
        r"\b(a|one|at least one) (representative|member)\b", text
    ):
        parts.append({"rule": "at-least", "count": 1, "of": {"agency_kinds": ["political"]}})
    fraction = _fraction(text)
    if fraction is not None:
        parts.append(fraction)
    members = has(
        rf"(?<!than )\b(?P<n>{NUMBER}) (?:voting )?members\b"
        r"(?! of(?! the (?:committee|board|group|panel|partnership|sub-?group|council)\b))",
        text,
    )
    if members and fraction is None and not agencies and not has(r"including|of whom|at least one from", text):
        count = number(members["n"])
        if count and count > 1:
            parts.append({"rule": "at-least", "count": count})
    condition = re.sub(_NO_BUSINESS, " ", text, flags=re.IGNORECASE)  # the usual way to state a quorum, no "unless"
    qualified = (
        r"\bor\b|\bexcept\b|\bunless\b|\bincluding\b|\bof whom\b|\bprovided\b|\bother than\b|\bexcluding\b"
        r"|\bof which\b|\bmust include\b|\bwhich must\b"
    )
    if has(qualified, condition):
        return None  # "A or B", "unless ...", "including ...": which combination is meant needs a person
    return parts or None


_NOT_QUORUM = r"\breview|\bas at\b|terms of reference|\bminutes\b|\bpapers\b"


def quorum(passages: Sequence[Passage]) -> Found:
    own = [s for kind, s in passages if kind == "quorum" and (has(r"quor", s) or not has(_NOT_QUORUM, s))]
    other = [s for kind, s in passages if kind != "quorum" and has(r"\bquor", s)]
    chosen = own or other
    words = " ".join(chosen)
    if not words:
        reason = "The ToR has no quorum section and mentions no quorum."
        return Found({"rule": "not-stated", "reason": reason})
    none = r"\bno quorum\b|\bnot (?:have|set) a quorum\b|\bthere is no quorum\b|\bwithout a quorum\b"
    if has(none, words):
        rule: dict[str, Any] = {"rule": "none", "reason": words, "text": words}
        decides = r"(matter for|for) the chair to (determine|decide)|\bchair (will|shall|may) (determine|decide)"
        if has(decides, words):
            rule["decided_by"] = "chair"
        return Found(rule, words, used=[s for s in chosen if has(none, s) or has(decides, s)])
    parts = _parts(words)
    if parts is None:
        return Found(
            {"rule": "not-stated", "reason": "The ToR's quorum clause is not yet data (see open_questions)."},
            words,
            [todo("quorum", words, "the quorum rule in these words is not one torctl reads with certainty")],
        )
    found = Found(parts[0] if len(parts) == 1 else {"rule": "all-of", "rules": parts}, words)
    found.used = [s for s in chosen if _parts(s)]
    found.value = {**found.value, "text": words}  # type: ignore[dict-item]
    readings = [p.pop("reading") for p in parts if "reading" in p]
    if len(parts) > 1:
        found.value["reading"] = "Each requirement the clause names must hold (read as all of them)."
        found.questions.append(confirm("quorum", words, "the clause is read as all of its requirements together"))
    if readings:
        found.value["reading"] = " ".join(readings)
        found.questions.append(confirm("quorum", words, readings[0]))
    if any(p["rule"] == "represented" for p in parts):
        note = "'the safeguarding partners' is read as every statutory partner among the body's members"
        found.questions.append(confirm("quorum", words, note))
    return found


# --- voting ------------------------------------------------------------------------------------------------------


_MAJORITIES = (
    (
        r"majority of (?:the votes of )?(?:those |the )?(?:\w+ )?(?:present and voting|voting and present)\b",
        "present-and-voting",
    ),
    (r"majority of (?:the votes of )?(?:those |the )?(?:\w+ )?present\b(?! and voting)", "present"),
)
_CASTING = r"\b(?:second or )?casting vote\b"
_GENERAL_CONSENSUS = (
    r"decisions? (?:will|shall|are|is|should) (?:normally |usually |generally |ordinarily )?(?:be )?"
    r"(?:made|taken|reached|agreed) by consensus"
)


def _method(sentence: str) -> dict[str, Any] | str | None:
    """The voting method a sentence states (a mapping), "unclear" for a consensus of unclear scope, or None."""
    if has(r"\bone vote\b", sentence) and has(
        r"\beach (of the )?(three |3 )?(statutory |safeguarding )*partners?\b", sentence
    ):
        return {"method": "one-per-agency", "voters": {"agency_kinds": list(STATUTORY)}}
    if has(r"\beach (voting )?member(?: present)? (?:shall |will )?(?:have|has) (?:one|a) vote\b", sentence):
        return {"method": "one-per-member"}
    if any(has(pattern, sentence) for pattern, _ in _MAJORITIES):
        return {"method": "one-per-member"}
    if has(r"\bconsensus\b", sentence):
        scope = has(r"agree,? by consensus,? (?P<what>.+?)(?: who\b| which\b| that\b|\.|$)", sentence)
        if scope:
            return {"method": "consensus", "scope": f"agreeing {scope['what'].strip()}"}
        return {"method": "consensus"} if has(_GENERAL_CONSENSUS, sentence) else "unclear"
    return None


def voting(passages: Sequence[Passage]) -> Found:
    """The method from the first sentence that states one; the majority and a casting vote from any sentence."""
    value: dict[str, Any] = {}
    used: list[str] = []
    for sentence in candidates(passages, "voting", r"\bvot|consensus|majority"):
        method = _method(sentence)
        if method == "unclear":
            if not value:
                return Found(questions=[todo("voting", sentence, "a consensus rule whose scope is not clear")])
            continue
        took = False
        if isinstance(method, dict) and not value:
            value, took = {**method, "text": sentence}, True
            if "scope" in value:
                return Found(value, sentence, used=[sentence])  # a rule for some decisions only: nothing else joins it
        majority = next((of for pattern, of in _MAJORITIES if has(pattern, sentence)), None)
        if majority is not None and value and "majority" not in value:
            value["majority"], took = {"of": majority, "text": sentence}, True
        if has(_CASTING, sentence) and value and "ties" not in value:
            value["ties"], took = "casting-vote", True
        if took or (method == {"method": "one-per-member"} and value.get("method") == "one-per-member"):
            used.append(sentence)
    if not value:
        own = [s for kind, s in passages if kind == "voting"]
        return Found(questions=[todo("voting", " ".join(own), "how decisions are voted on")] if own else [])
    found = Found(value, value["text"], used=used)
    if value["method"] == "consensus" and len(used) > 1:
        value["reading"] = "Decisions by consensus; the majority and casting vote apply where a vote is taken."
        found.questions.append(
            confirm("voting", "\n".join(used[1:]), "read as how a vote is taken where consensus is not reached")
        )
    return found


# --- substitutes -------------------------------------------------------------------------------------------------

_SUBSTITUTE_CUE = (
    r"substitut|deputi[sz]e|\bdeputy\b|on (their|his or her) behalf|in (their|his or her) (place|absence)"
    r"|suitable (person|representative)|\babsent member|\bunable to attend|nominated representative"
)
_NO_SUBSTITUTES = (
    r"\bno substitut|substitutes? (are|will|shall) not (be )?(permitted|allowed|accepted)"
    r"|^(?:the )?(?:members|governors|councillors|representatives) (?:may|shall|will|can) ?not "
    r"(?:send|nominate|appoint) (?:substitutes|deputies)"
)
_SAME_AGENCY = (
    r"(suitable|appropriate) (person|representative|deputy|substitute|officer) from (their|his or her|the "
    r"member's) (own )?(agency|organisation|service)"
    r"|\b(?:substitute|deputy|representative)s? (?:of (?:appropriate|suitable|sufficient) seniority )?from (?:the same|"
    r"their own|the member's own) (?:agency|organisation|service)"
)
_NAMED = (
    r"named substitute|(?:nominate|identify)[ds]? (a |one |an )?(named )?(substitute|deputy)"
    r"|nominated (substitute|deputy|representative)"
)


def substitution(passages: Sequence[Passage]) -> Found:
    sentences = [s for s in candidates(passages, "substitutes", _SUBSTITUTE_CUE) if has(_SUBSTITUTE_CUE, s)]
    sentences = [s for s in sentences if not has(r"\bdeputy chair|\bvice.chair|deputy leader", s)]
    if not sentences:
        return Found()
    rule: dict[str, Any] = {}
    texts: list[str] = []
    said: set[str] = set()
    for sentence in sentences:
        used = False
        for pattern, who in ((_NO_SUBSTITUTES, "none"), (_SAME_AGENCY, "same-agency"), (_NAMED, "named-substitute")):
            if has(pattern, sentence):
                rule.setdefault("who", who)
                said.add(who)
                used = True
                break
        if "named-substitute" in said and used:
            named = has(r"nominate (?P<n>one|two|three|\d) (named )?(substitute|deput)", sentence)
            if named and number(named["n"]):
                rule["max_named"] = number(named["n"])
        if has(r"delegated authority|authority to (make|take) decisions", sentence) and has(
            r"\b(must|shall|should|will need|required|only)\b", sentence
        ):
            rule["delegated_authority_required"], used = True, True
            what = has(r"authority (?:of the [\w ]+? )?(?P<what>to [^.;]+)", sentence)
            if what:
                rule["authority_text"] = what["what"].strip()
        notify = has(
            r"\b(?:notify|inform|tell|advise) (?P<who>the (?:[a-z]+ ){0,3}?(?:chair|administrator|secretary|"
            r"clerk|business manager|coordinator|co-ordinator))\b",
            sentence,
        )
        if notify:
            rule["notify"], used = notify["who"], True
        notice = periods(sentence)
        if notice and has(r"\bbefore\b|\bprior to\b|\bin advance\b", sentence) and len(notice) == 1:
            rule["notice"], used = notice[0][1], True
        if used:
            texts.append(sentence)
    if "who" not in rule or len(said) > 1:
        note = "who may attend in a member's place" if len(said) < 2 else "the sentences give different rules"
        return Found(questions=[todo("substitution", "\n".join(sentences), note)])
    called = has(r"\b(substitute|deputy|representative)\b", " ".join(texts))
    if called:
        rule["called"] = called[1].lower()
    rule["text"] = "\n".join(texts)
    return Found(rule, rule["text"], used=texts)


# --- review ------------------------------------------------------------------------------------------------------

_CADENCES = (
    (r"\bsix[- ]monthly\b|\bevery six months\b|\bevery 6 months\b|\btwice a year\b|\bbi-?annual(ly)?\b", 6),
    (r"\bannual(ly)?\b|\bevery year\b|\beach year\b|\byearly\b|\bonce a year\b|\bevery (12|twelve) months\b", 12),
    (r"\bevery (two|2) years\b|\bbiennial(ly)?\b", 24),
    (r"\bevery (three|3) years\b|\btriennial(ly)?\b", 36),
)


def review(passages: Sequence[Passage]) -> Found:
    value: dict[str, Any] = {}
    texts: list[str] = []
    for sentence in candidates(passages, "review", r"\breview"):
        if not has(r"\breview", sentence):
            continue
        about_tor = has(r"terms of reference|these terms|this document|\btor\b|\bterms\b", sentence)
        last = has(r"last review(?:ed)?(?: date)?\s*(?:[:\-\u2013]|on|in)?\s*", sentence)
        used = False
        for match, day in dates(sentence):
            before = sentence[: match.start()]
            if last and match.start() >= last.end() - 1 and "last_reviewed" not in value:
                value["last_reviewed"], used = day, True
            elif (about_tor and has(r"review(ed)?\s+(in|by|on|before|date|due)\b[^.]*$|next review", before)) or has(
                r"^\W*(?:date of )?next review(?: date)?\s*(?:[:\-\u2013]|due|by|in|on)?\s*$", before
            ):
                value.setdefault("next_due", day)
                used = True
        if about_tor:
            for pattern, months in _CADENCES:
                if has(pattern, sentence):
                    value.setdefault("cadence", {"months": months})
                    if has(r"at least|minimum of|no less than|not less than", sentence):
                        value["at_least"] = True
                    used = True
                    break
        if used:
            texts.append(sentence)
    if not value:
        own = [s for kind, s in passages if kind == "review"]
        reason = "The import found no review date or cadence for the terms of reference."
        questions = [todo("review", " ".join(own), "when the ToR is reviewed")] if own else []
        return Found({"unknown_reason": reason}, None, questions)
    value["text"] = "\n".join(texts)
    return Found(value, value["text"], used=texts)


def as_at(passages: Sequence[Passage]) -> str | None:
    for _, sentence in passages:
        match = has(r"\bas at\b", sentence)
        if match:
            found = [day for m, day in dates(sentence) if m.start() > match.start()]
            if found:
                return found[0]
    return None


# --- interests ---------------------------------------------------------------------------------------------------


def interests(passages: Sequence[Passage]) -> Found:
    sentences = [s for s in candidates(passages, "interests", r"\binterests?\b") if has(r"\binterests?\b", s)]
    sentences = [s for s in sentences if has(r"declar|conflict|pecuniary", s)]
    if not sentences:
        return Found()
    words = " ".join(sentences)
    kind: dict[str, Any] = {"kind": "disclosable-pecuniary" if has(r"pecuniary", words) else "declared-interest"}
    rulings = (
        ("leaves_room", r"leave the (room|meeting)|withdraw from the (room|meeting)", True),
        (
            "may_vote",
            r"\b(not|no) (vote|part in (the|any) vote)|\bnot be entitled to vote"
            r"|not (?:participate|take part) in (?:any |the )?(?:discussion (?:or|and) )?vot",
            False,
        ),
        ("may_speak", r"not (take part in|participate in|contribute to) (the |any )?discussion", False),
        (
            "may_take_part",
            r"\bchair (?:will|shall|may) (?:decide|determine) whether (?:the|that|a|any) member (?:may|can|should|is "
            r"able to) (?:take part|participate|remain)",
            "chair-decides",
        ),
        (
            "may_take_part",
            r"take no part|not take (any )?part in (the |that )?(item|consideration|matter|decision)",
            False,
        ),
    )
    used: list[str] = []
    for name, pattern, value in rulings:
        said = [s for s in sentences if has(pattern, s)]
        if said and name not in kind:
            kind[name] = value
            used += [s for s in said if s not in used]
    if len(kind) == 1:
        return Found(questions=[todo("procedure.interests", words, "what a declared interest does")])
    kind["text"] = words
    return Found({"kinds": [kind], "text": words}, words, used=[s for s in sentences if s in used])


# --- chair -------------------------------------------------------------------------------------------------------

CHAIRED_BY = re.compile(
    r"\b(?<![-\w])(?<!vice )(?<!deputy )chaired by (?P<who>[^.;:]+)"
    r"|(?<![-\w])(?<!vice )(?<!deputy )\b(?:the )?chair(?:man|person)? (?:of [\w ]+? )?(?:will|shall) be "
    r"(?P<who2>[^.;:]+)",
    re.IGNORECASE,
)
DEPUTY_IS = re.compile(
    r"\b(?:vice|deputy)[- ]chair(?:man|person)? (?:of [\w ]+? )?(?:will|shall) be (?P<who>[^.;:]+)"
    r"|\bdeputi[sz]ed (?:for )?by (?P<who2>[^.;:]+)",
    re.IGNORECASE,
)
# "appointed by Council", "elected annually", "a representative of ...": how the chair is chosen, or no one
# post, not who chairs.
_NOT_A_POST = re.compile(
    r"^(?:appointed|elected|nominated|selected|chosen|agreed|decided|determined|drawn|rotated|confirmed|made|"
    r"taken|held|shared|responsible|able|expected|required)\b|^(?:a|an|any|one|each)\s+(?!independent\b)",
    re.IGNORECASE,
)


def _who(match: re.Match[str]) -> str | None:
    who = re.split(r",\s*(?:who|which|and|with|on|as|appointed|elected)\b", (match["who"] or match["who2"]))[0]
    who = who.strip().rstrip(",")
    return None if _NOT_A_POST.match(who) else who


def _named(passages: Sequence[Passage], cue: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
    for sentence in candidates(passages, "chair", cue):
        match = pattern.search(sentence)
        who = _who(match) if match else None
        if who:
            return sentence, who
    return None


def chair_sentence(passages: Sequence[Passage]) -> tuple[str, str] | None:
    """(sentence, who) for the first sentence saying which post chairs (not how a chair is chosen)."""
    return _named(passages, r"\bchair", CHAIRED_BY)


def deputy_sentence(passages: Sequence[Passage]) -> tuple[str, str] | None:
    """(sentence, who) for the first sentence saying which post is the vice- or deputy chair."""
    return _named(passages, r"\b(?:vice|deputy)[- ]chair|deputi[sz]ed", DEPUTY_IS)
