"""`T001`: TODO markers left in a file's values (e.g. by `torctl new`); `T005`/`T006`: open questions. Warnings.

A value containing the word TODO is a placeholder nobody has filled in yet. It is
valid data, so `torctl validate` passes, but `torctl validate --strict` (which
fails on warnings) does not. Comments are not data and are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...findings import Code, Finding, finding
from ..tree import Tree
from ..yamlio import MARKER_WORD as TODO_WORD
from .context import BodyContext
from .registry import check

MARKER = re.compile(r"\bTODO\b")


def _scalars(node: Node, path: str) -> Iterator[tuple[str, ScalarNode]]:
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, f"{path}[{index}]")


@check(Code.T001, scope="tree")
def todo_markers(tree: Tree) -> list[Finding]:
    """One warning per value that still holds a TODO marker, at its line and column."""
    findings = []
    for doc in tree.documents:
        if doc.parsed is None:
            continue
        if doc.parsed.marked is not None:  # noted while parsing: no node tree needed
            for path, line, column, value in doc.parsed.marked:
                if MARKER.search(value):
                    findings.append(_finding(doc.display, line, column, path, value))
            continue
        if not doc.parsed.contains(TODO_WORD):
            continue  # no marker anywhere in the text: no need to rebuild the node tree
        root = doc.node()
        if root is None:  # the file changed since it was validated
            continue
        for path, node in _scalars(root, ""):
            if "TODO" in node.value and MARKER.search(node.value):
                findings.append(
                    _finding(doc.display, node.start_mark.line + 1, node.start_mark.column + 1, path, node.value)
                )
    return findings


def _finding(display: str, line: int, column: int, path: str, value: str) -> Finding:
    text = value if len(value) <= 60 else value[:57] + "..."
    message = f"TODO marker in {path}: '{text}'; replace it with what the ToR says"
    return finding(Code.T001, message, path=display, line=line, column=column)


@check(Code.T005, Code.T006)
def open_questions(ctx: BodyContext) -> Iterator[Finding]:
    """Each open question (a passage not yet data, a reading to confirm) is a warning until it is resolved."""
    for index, question in enumerate(ctx.body.open_questions):
        words = question.words if len(question.words) <= 60 else question.words[:57] + "..."
        where = f" (probably {question.field})" if question.field else ""
        if question.kind == "to-do":
            message = f"not yet data{where}: '{words}'"
            yield finding(Code.T005, message, loc=("open_questions", index, "words"))
        else:
            message = f"reading to confirm{where}: '{words}'" + (f"; {question.note}" if question.note else "")
            yield finding(Code.T006, message, loc=("open_questions", index, "words"))
