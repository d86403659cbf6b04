"""A diff as text for a terminal, or as Markdown for a pull-request comment."""

from __future__ import annotations

import re

from .results import BodyDiff, Change, TreeDiff

_STATUS = {"added": " (new)", "removed": " (removed)", "changed": ""}


def words_text(words: list[tuple[str, str]]) -> str:
    return "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in words)


_MD_SPECIAL = re.compile(r"([\\`*_~<>\[\]|#])")
_PADDED = re.compile(r"(\s*)(.*?)(\s*)$", re.S)


# An @mention (`@everyone`, `@org/team`) would notify people when the workflow posts the diff as a comment:
# shown in a code span, where GitHub links no mention. An email address (`a@b.org`) is left as it is.
_MENTION = re.compile(r"(?<![\w`])@([A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][\w.-]*)?)")


def _md(text: str) -> str:
    """Text as Markdown that shows as it reads: markup escaped, mentions inert."""
    return _MENTION.sub(r"`@\1`", _MD_SPECIAL.sub(r"\\\1", text))


def _code(text: str) -> str:
    """`text` as a code span (a backtick in it cannot close the span early)."""
    return "`" + text.replace("`", "'") + "`"


def _words_md(words: list[tuple[str, str]]) -> str:
    out = []
    for op, text in words:
        if op == "=":
            out.append(_md(text))
        elif text.strip():
            lead, core, trail = _PADDED.match(text).groups()  # type: ignore[union-attr]
            mark = "~~" if op == "-" else "**"
            out.append(f"{lead}{mark}{_md(core)}{mark}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _sections(body: BodyDiff) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in body.changes:
        if not change.warning_only:
            grouped.setdefault(change.section, []).append(change)
    return grouped


def _nothing(result: TreeDiff, no_changes: str) -> str:
    return no_changes if result.complete else "No changes in the files compared; the comparison is incomplete."


def render_text(result: TreeDiff) -> str:
    lines = [f"Changes to the terms of reference from {result.old_label} to {result.new_label}"]
    lines += [f"warning: {problem}" for problem in result.problems]
    if result.empty:
        lines.append(_nothing(result, "No changes."))
        return "\n".join(lines)
    for body in result.bodies:
        lines += ["", f"{body.name} ({body.id}){_STATUS[body.status]}" + (f", {body.file}" if body.file else "")]
        for change in body.weakening:
            lines.append(f"  ! Weakens governance ({change.section.lower()}): {change.weakens}")
        for section, changes in _sections(body).items():
            lines.append(f"  {section}")
            for change in changes:
                text = change.text if change.words is None else f"{change.text}: {words_text(change.words)}"
                flag = "  [weakens governance]" if change.weakens else ""
                lines.append(f"    - {text}{flag}")
    if result.agencies:
        lines += ["", "Agency registry"]
        lines += [f"    - {c.text}" for c in result.agencies]
    return "\n".join(lines)


def render_markdown(result: TreeDiff) -> str:
    lines = [f"## Terms of reference: changes from {_code(result.old_label)} to {_md_label(result.new_label)}", ""]
    lines += [f"> **Warning:** {_md(problem)}" for problem in result.problems]
    if result.problems:
        lines.append("")
    if result.empty:
        lines.append(_nothing(result, "No changes to the terms of reference."))
        return "\n".join(lines) + "\n"
    weakened = sum(1 for b in result.bodies if b.weakening)
    count = len(result.bodies)
    lines.append(
        f"{count} bod{'y' if count == 1 else 'ies'} changed"
        + (f"; **{weakened} with changes that weaken governance**." if weakened else ".")
    )
    for body in result.bodies:
        lines += _body_markdown(body)
    if result.agencies:
        lines += ["### Agency registry", ""]
        lines += [f"- {_md(c.text)}" for c in result.agencies]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _body_markdown(body: BodyDiff) -> list[str]:
    lines = ["", f"### {_md(body.name)} ({_code(body.id)}){_STATUS[body.status]}", ""]
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
    return lines


def _md_label(label: str) -> str:
    return label if label.startswith("the ") else _code(label)
