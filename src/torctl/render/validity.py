"""The validity note a clerk attaches to the minutes: `torctl meeting check --format md|pdf`.

One list of blocks (headings, paragraphs, bullet lists) built from the meeting
verdict, written out as Markdown or as Typst for a PDF, so both say the same.
Every value from the record or the ToR passes through the format's escaping.
"""

from __future__ import annotations

from typing import Literal
from collections.abc import Callable, Sequence

from ..meetings.validity import MeetingVerdict, headline_words
from .escape import markdown, typst, typst_string

Block = tuple[Literal["h1", "h2", "p", "ul"], "str | list[str]"]


def note_blocks(verdict: MeetingVerdict) -> list[Block]:
    body, record = verdict.body, verdict.record
    decisions = verdict.decisions()
    bad = [i for i in decisions if i.valid is False]
    blocks: list[Block] = [("h1", f"Validity note: {body.name}, meeting of {record.date.strftime('%-d %B %Y')}")]
    if not decisions:
        summary = "No decisions are recorded."
    elif bad:
        summary = f"{len(bad)} of {len(decisions)} decisions were not validly taken under the terms of reference."
    elif verdict.answer != "valid":
        summary = headline_words(verdict)[:1].upper() + headline_words(verdict)[1:] + "."
    else:
        summary = f"All {len(decisions)} decisions were validly taken under the terms of reference."
    blocks.append(("p", summary))
    blocks.append(
        (
            "p",
            "Checked by torctl against the terms of reference recorded for this body; each item's quorum "
            "counts only the members there for it, as the terms of reference count them.",
        )
    )
    if verdict.notes:
        blocks.append(("ul", list(verdict.notes)))
    for item in verdict.items:
        blocks.append(("h2", f"Item {item.item.number}: {item.item.title}"))
        lines = [f"Quorum: {item.quorum_words()}."]
        lines += [f"{seat.label}: {why}." for seat, why in item.seats.stopped]
        decision = item.item.decision
        if decision is None:
            lines.append("No decision.")
        else:
            lines.append(f"Decision: {decision.text.strip()}")
            if item.outcome is not None:
                lines.append(f"Vote: {item.outcome.summary}.")
            elif decision.by == "consensus":
                lines.append("Agreed by consensus.")
            if item.status in ("valid", "not-valid"):
                lines.append("Validly taken." if item.valid else "NOT validly taken: " + "; ".join(item.reasons) + ".")
            else:
                lines.append(item.status_words() + ".")
            lines += [f"Note: {n}." for n in item.notes]
        blocks.append(("ul", lines))
    assumed = verdict.assumptions()
    if assumed:
        blocks.append(("h2", "Assumed where the terms of reference are silent"))
        blocks.append(("ul", [a[:1].upper() + a[1:] + "." for a in assumed]))
    return blocks


_TYPST_PAGE = (
    "#set document(date: none)",
    '#set text(font: "Libertinus Serif", size: 10.5pt, lang: "en", region: "gb")',
    '#set page(paper: "a4", margin: (x: 22mm, top: 20mm, bottom: 24mm))',
)


def _write(blocks: list[Block], heading: str, escape: Callable[[str], str], preamble: Sequence[str] = ()) -> str:
    """The blocks in a markup whose headings are `heading` once (h1) or twice (h2) and whose lists use `- `."""
    out = list(preamble)
    for kind, content in blocks:
        if kind == "ul":
            out.append("\n".join(f"- {escape(line)}" for line in content))
        else:
            marks = {"h1": heading + " ", "h2": heading * 2 + " ", "p": ""}[kind]
            out.append(marks + escape(str(content)))
    return "\n\n".join(out) + "\n"


def to_markdown(blocks: list[Block]) -> str:
    return _write(blocks, "#", markdown)


def to_typst(blocks: list[Block]) -> str:
    """The note as Typst: its first heading is the PDF's title too (PDF/UA shows it in the viewer's title bar)."""
    title = next((str(content) for kind, content in blocks if kind == "h1"), "Validity note")
    return _write(blocks, "=", typst, (*_TYPST_PAGE, f"#set document(title: {typst_string(title)})"))


def validity_note(verdict: MeetingVerdict, format: str) -> str | bytes:
    """The note as Markdown (`md`) or PDF bytes (`pdf`)."""
    blocks = note_blocks(verdict)
    if format == "md":
        return to_markdown(blocks)
    from .pdf import compile_pdf

    return compile_pdf(to_typst(blocks), f"the validity note for {verdict.body.id} on {verdict.record.date}")
