"""`T001`: TODO markers left in a file's values (e.g. by `torctl new`), as warnings.

A value containing the word TODO is a placeholder nobody has filled in yet. It is
valid data, so `torctl validate` passes, but `torctl validate --strict` (which
fails on warnings) does not. Comments are not data and are never reported.
"""

from __future__ import annotations

import re
from typing import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding
from .tree import Tree

TODO_WORD = "TODO"
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


def todo_findings(tree: Tree) -> list[Finding]:
    """One warning per value that still holds a TODO marker, at its line and column."""
    findings = []
    for doc in tree.documents:
        if doc.parsed is None or not doc.parsed.contains(TODO_WORD):
            continue  # no marker anywhere in the text: no need to rebuild the node tree
        root = doc.node()
        if root is None:  # the file changed since it was validated
            continue
        for path, node in _scalars(root, ""):
            if "TODO" in node.value and MARKER.search(node.value):
                text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
                findings.append(
                    Finding(
                        doc.display, node.start_mark.line + 1, node.start_mark.column + 1, "T001",
                        f"TODO marker in {path}: '{text}'; replace it with what the ToR says", "warning",
                    )
                )
    return findings
