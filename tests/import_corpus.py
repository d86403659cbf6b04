"""The held-out import corpus: ToRs that are not the seeds, each with the values a careful human encoder states.

`tests/data/import_corpus/` holds made-up but realistic ToRs of the kinds torctl serves (a council committee,
a safeguarding adults board, a school governing body committee, an NHS trust board committee, a children's
safeguarding partnership subgroup, a parish council committee, a health and wellbeing board, a community
safety partnership), as plain text and Markdown, and for some also as a .docx built by `docx_builder`. Each
`NAME.expected.yaml` gives every scored field: its value, or `not-stated` where the ToR is silent or unclear
(the import must then not state one). Used by `benchmarks/bench_import.py` (the figures) and
`tests/test_import_corpus.py` (0 wrong, no sentence dropped).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from docx_builder import write_docx

CORPUS = Path(__file__).parent / "data" / "import_corpus"
NOT_STATED = "not-stated"
FIELDS = (
    "chair",
    "deputy_chair",
    "quorum",
    "voting.method",
    "voting.majority",
    "voting.ties",
    "substitution.who",
    "substitution.called",
    "substitution.delegated_authority_required",
    "substitution.notice",
    "meetings.cadence",
    "meetings.term_time_only",
    "administration.papers",
    "administration.minutes",
    "review.cadence",
    "review.last_reviewed",
    "review.next_due",
    "interests.leaves_room",
    "interests.may_speak",
    "interests.may_vote",
    "interests.may_take_part",
)
_DROPPED = ("text", "reading", "reason", "scope", "notify", "authority_text")


@dataclass(frozen=True)
class Case:
    source: Path
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return self.source.stem


def cases() -> list[Case]:
    found = []
    for path in sorted(CORPUS.glob("*.expected.yaml")):
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append(Case(CORPUS / expected["document"], expected))
    return found


def documents(case: Case, tmp: Path) -> Iterator[tuple[str, Path]]:
    """The case's document, and its .docx built from the text where the case asks for one."""
    yield case.source.suffix.lstrip("."), case.source
    if case.expected.get("docx"):
        yield "docx", write_docx(case.source, tmp / (case.source.stem + ".docx"))


def _plain(value: Any) -> Any:
    """A value without its words (text, reading...): what is compared."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _DROPPED and v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def observed(data: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of an imported body (`not-stated` where it states none), chair posts by their post id."""
    out: dict[str, Any] = {}
    for name in ("chair", "deputy_chair"):
        chair = data.get(name) or {"mode": NOT_STATED}
        out[name] = NOT_STATED if chair["mode"] == NOT_STATED else {"mode": chair["mode"], "post": chair.get("post")}
    quorum = _plain(data["quorum"])
    out["quorum"] = NOT_STATED if quorum["rule"] == NOT_STATED else quorum
    voting = data["voting"]
    out["voting.method"] = voting["method"]
    out["voting.majority"] = (voting.get("majority") or {}).get("of", NOT_STATED)
    out["voting.ties"] = voting.get("ties") or NOT_STATED
    substitution = data["substitution"]
    out["substitution.who"] = substitution["who"]
    for key in ("called", "delegated_authority_required", "notice"):
        value = substitution.get(key)
        out[f"substitution.{key}"] = NOT_STATED if value is None else value
    cadence = data.get("meetings", {}).get("cadence")
    out["meetings.cadence"] = (
        {k: v for k, v in _plain(cadence).items() if k in ("frequency", "times_per_year", "weeks")}
        if cadence
        else NOT_STATED
    )
    term = (cadence or {}).get("term_time_only")
    out["meetings.term_time_only"] = NOT_STATED if term is None else term
    for key in ("papers", "minutes"):
        deadline = (data.get("administration") or {}).get(key)
        out[f"administration.{key}"] = (
            {"period": deadline["period"], "bound": deadline.get("bound", "exactly")} if deadline else NOT_STATED
        )
    review = data["review"]
    out["review.cadence"] = (review.get("cadence") or {}).get("months", NOT_STATED)
    for key in ("last_reviewed", "next_due"):
        out[f"review.{key}"] = NOT_STATED if review.get(key) is None else str(review[key])
    kinds = ((data.get("procedure") or {}).get("interests") or {}).get("kinds") or [{}]
    for key in ("leaves_room", "may_speak", "may_vote", "may_take_part"):
        values = {k.get(key) for k in kinds} - {None}
        out[f"interests.{key}"] = values.pop() if len(values) == 1 else NOT_STATED
    return out


def _key(post: dict[str, Any]) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in post["role"].replace("&", " and ")).split())


def match_posts(hand: list[dict[str, Any]], got: list[dict[str, Any]]) -> dict[int, int]:
    """Each expected post's index -> the imported post's index: same role words, then the same holder, each used
    once; a role's words must agree closely (token set ratio 90)."""
    from rapidfuzz import fuzz

    pairs = sorted(
        (
            (fuzz.token_set_ratio(_key(h), _key(g)), h.get("holder") == g.get("holder"), -gi, hi, gi)
            for hi, h in enumerate(hand)
            for gi, g in enumerate(got)
        ),
        reverse=True,
    )
    taken: dict[int, int] = {}
    used: set[int] = set()
    for score, _, _, hi, gi in pairs:
        if score >= 90 and hi not in taken and gi not in used:
            taken[hi] = gi
            used.add(gi)
    return taken


def _mark(expected: Any, got: Any) -> str:
    if expected == NOT_STATED:
        return "agree-not-stated" if got == NOT_STATED else "wrong"
    if got == NOT_STATED:
        return "missing"
    return "right" if expected == got else "wrong"


def score(expected: dict[str, Any], data: dict[str, Any] | None) -> tuple[dict[str, str], int]:
    """Per scored field (and per expected post): right / missing / wrong / agree-not-stated; and extra posts.
    `data` None: the import refused the document (every stated field missing)."""
    hand = expected["members"]
    got = data["members"] if data else []
    matched = match_posts(hand, got)
    marks: dict[str, str] = {}
    for index, post in enumerate(hand):
        name = f"members.{index + 1}:{post['role']}"
        if index not in matched:
            marks[name] = "missing"
            continue
        mine = got[matched[index]]
        if mine["class"] != post["class"] or (mine.get("agency") and mine.get("agency") != post.get("agency")):
            marks[name] = "wrong"
        else:
            marks[name] = "right" if mine.get("agency") == post.get("agency") else "missing"
    seen = observed(data) if data else dict.fromkeys(FIELDS, NOT_STATED)
    ids = {got[g]["id"]: h for h, g in matched.items()}
    for name in FIELDS:
        want, have = expected[name], seen[name]
        if name in ("chair", "deputy_chair") and NOT_STATED not in (want, have):
            index = ids.get(have.get("post"))
            same_post = index is not None and hand[index]["role"] == want["role"]
            same_post = same_post and hand[index].get("holder") == want.get("holder")
            marks[name] = "right" if have["mode"] == want["mode"] and same_post else "wrong"
            continue
        marks[name] = _mark(want, have)
    return marks, len(got) - len(matched)


def section_sentences(outline: Any, draft: Any) -> Iterator[tuple[str, str]]:
    """(section kind, sentence) for every sentence of every section the import recognised in the draft's body."""
    from torctl.ingest.phrases import sentences
    from torctl.ingest.sections import split_bodies, split_sections

    bodies, _ = split_bodies(outline.blocks, Path(outline.source).stem)
    body = next((b for b in bodies if b.name == draft.name), bodies[0])
    for section in split_sections(body.blocks):
        if section.kind is None or section.heading == body.title:
            continue
        for block in section.blocks:
            if block.kind == "heading" or block.text == section.heading:
                continue
            for sentence in sentences(block.text) if block.kind != "row" else [block.text]:
                yield section.kind, sentence


def dropped(outline: Any, draft: Any) -> list[str]:
    """The sentences of recognised sections that are neither read into data nor in an open question's words."""
    from torctl.ingest.outline import squash

    read = " \n ".join(squash(s) for s in getattr(draft, "read", []))
    asked = " \n ".join(squash(q.get("words", "")) for q in draft.questions)
    return [s for _, s in section_sentences(outline, draft) if squash(s) not in read and squash(s) not in asked]
