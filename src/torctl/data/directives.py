"""`# torctl: disable=CODE -- reason`: silencing one finding where a board has decided to live with it.

A directive is a YAML comment, as yamllint's `# yamllint disable-line` is:

- at the end of a line, it silences findings of those codes on that line;
- on a line of its own, on the next line that is not a comment or blank;
- `disable-file=CODE` silences those codes anywhere in the file.

The reason after ` -- ` is required (T002): silencing a finding is a decision
someone may be asked to justify. A directive that names no code torctl has is
T003; one that silences nothing is T004. Schema and YAML findings (`S`, `Y`)
cannot be silenced: a file with them cannot be used at all, whatever a comment says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import Code, Directive, Finding, finding, lookup
from ..suggest import did_you_mean
from .yamlio import Parsed

MARKER = "torctl:"
_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]*torctl:(?P<body>.*)$")
_FORM = re.compile(
    r"^[ \t]*(?P<what>disable|disable-file)[ \t]*=[ \t]*(?P<codes>[^ \t-][^-]*?)"
    r"[ \t]*(?:--[ \t]*(?P<reason>.*?))?[ \t]*$"
)
UNSILENCEABLE = ("Y", "S")


def note(parsed: Parsed, text: str) -> None:
    """Keep in `parsed` the directives of `text` (the file it parsed), and its findings about malformed ones."""
    if MARKER in text:  # most files have none: their node tree is not composed again
        parsed.directives, notes = find(text, parsed.node)
        parsed.notes += notes


def find(text: str, root: Node | None) -> tuple[tuple[Directive, ...], tuple[Finding, ...]]:
    """The directives in a file's comments, and the findings about malformed ones (T002, T003), unplaced in path.

    A `#` inside a quoted or block scalar is text, not a comment: candidates are checked
    against the spans of the scalars of the document's node tree `root`.
    """
    lines = text.split("\n")
    spans = _scalar_spans(root) if root is not None else []
    offset = 0
    directives: list[Directive] = []
    problems: list[Finding] = []
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for index, line in enumerate(lines):
        match = _COMMENT.search(line) if MARKER in line else None
        if match is None:
            continue
        column = line.index("#", match.start())
        if any(start <= starts[index] + column < end for start, end in spans):
            continue  # inside a scalar: text, not a comment
        parsed = _parse(match["body"], index, lines, column, problems)
        if parsed is not None:
            directives.append(parsed)
    return tuple(directives), tuple(problems)


def _parse(body: str, index: int, lines: list[str], column: int, problems: list[Finding]) -> Directive | None:
    def problem(code: Code, message: str) -> None:
        problems.append(finding(code, message, line=index + 1, column=column + 1))

    form = _FORM.match(body)
    if form is None:
        problem(
            Code.T003, f"cannot read the directive '# torctl:{body.rstrip()}'; write '# torctl: disable=CODE -- reason'"
        )
        return None
    codes: list[Code] = []
    for word in (w.strip() for w in form["codes"].split(",")):
        code = lookup(word)
        if code is None:
            problem(Code.T003, f"no code '{word}'{did_you_mean(word.upper(), list(Code))}")
        elif code.value.startswith(UNSILENCEABLE):
            problem(
                Code.T003,
                f"{code.value} cannot be silenced: a file with YAML or schema findings cannot be used until they are "
                "fixed",
            )
        else:
            codes.append(code)
    reason = (form["reason"] or "").strip()
    if not reason:
        problem(
            Code.T002, f"the directive gives no reason; write '# torctl: {form['what']}={form['codes'].strip()} -- why'"
        )
    if not codes:
        return None
    covers = None if form["what"] == "disable-file" else _covered_line(index, lines, column)
    return Directive(index + 1, column + 1, covers, tuple(codes), reason)


def _covered_line(index: int, lines: list[str], column: int) -> int | None:
    """The line a directive at `lines[index]`, column `column`, covers: its own, or the next with content."""
    if lines[index][:column].strip():
        return index + 1
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return None


def _scalar_spans(root: Node) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            if node.style:  # only quoted and block scalars can hold ' #' as text
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, SequenceNode):
            stack += node.value
    return spans


def apply(
    findings: Iterable[Finding], directives: dict[str, tuple[Directive, ...]], checked: frozenset[Code] | None = None
) -> Iterator[Finding]:
    """`findings` less those a directive silences, then a T004 for each directive code that silenced nothing.

    `directives` maps a file (as findings show it) to its directives; `checked` is the set of codes that
    were looked for (None: all), so a directive for a code that was not checked is not called unused.
    """
    used: set[tuple[str, int, Code]] = set()
    for item in findings:
        hit = None
        if not item.code.value.startswith(("T00", *UNSILENCEABLE)):
            hit = next(
                (
                    d
                    for d in directives.get(item.path, ())
                    if item.code in d.codes and (d.covers is None or d.covers == item.line)
                ),
                None,
            )
        if hit is None:
            yield item
        else:
            used.add((item.path, hit.line, item.code))
    for path, found in directives.items():
        for directive in found:
            for code in directive.codes:
                if (path, directive.line, code) in used or (checked is not None and code not in checked):
                    continue
                where = "in this file" if directive.covers is None else f"on line {directive.covers}"
                yield finding(
                    Code.T004,
                    f"this directive silences {code.value}, but there is no {code.value} finding {where}; remove it",
                    path=path,
                    line=directive.line,
                    column=directive.column,
                )
