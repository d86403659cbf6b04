"""The line diff of an edit: `--dry-run`'s unified diff, and where each edited line was in the file on disk."""

from __future__ import annotations

import difflib
from typing import Literal

OpTag = Literal["replace", "delete", "insert", "equal"]
Opcode = tuple[OpTag, int, int, int, int]  # as difflib.SequenceMatcher.get_opcodes() gives them


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) if line.strip() else 10_000


def _slid_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes, with each pure insertion or deletion slid to start at its least indented line.

    Removing a list item can be shown as several equivalent hunks ("agency, class,
    - id, role" instead of "- id, role, agency, class"); like git's indent
    heuristic, prefer the one that starts where the YAML block starts.
    """
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    tags: list[OpTag] = [op[0] for op in opcodes]
    spans: list[list[int]] = [list(op[1:]) for op in opcodes]  # [i1, i2, j1, j2], adjusted in place
    for k in range(1, len(opcodes) - 1):
        tag = tags[k]
        i1, i2, j1, j2 = spans[k]
        if tag not in ("delete", "insert") or tags[k - 1] != "equal" or tags[k + 1] != "equal":
            continue
        lines, lo, hi = (a, i1, i2) if tag == "delete" else (b, j1, j2)
        size = hi - lo
        start_min = lo - (spans[k - 1][1] - spans[k - 1][0])
        start_max = lo + (spans[k + 1][1] - spans[k + 1][0])
        options = [lo]
        s = lo
        while s - 1 >= start_min and lines[s - 1] == lines[s - 1 + size]:
            s -= 1
            options.append(s)
        s = lo
        while s + 1 <= start_max and lines[s + size] == lines[s]:
            s += 1
            options.append(s)
        best = min(options, key=lambda start: (_indent(lines[start]), start))
        shift = best - lo
        if shift:
            spans[k - 1][1] += shift
            spans[k - 1][3] += shift
            spans[k] = [i1 + shift, i2 + shift, j1 + shift, j2 + shift]
            spans[k + 1][0] += shift
            spans[k + 1][2] += shift
    return [(tag, i1, i2, j1, j2) for tag, (i1, i2, j1, j2) in zip(tags, spans, strict=True) if i1 != i2 or j1 != j2]


def unified_diff(before: str, after: str, fromfile: str, tofile: str, context: int = 3) -> str:
    """A unified diff of two texts (as `diff -u` / `git diff` print it)."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    codes = _slid_opcodes(a, b)
    if all(c[0] == "equal" for c in codes):
        return ""
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    matcher = difflib.SequenceMatcher(a=a, b=b)
    matcher.get_opcodes = lambda: codes  # type: ignore[method-assign]  # group our slid opcodes, not its own
    for group in matcher.get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out += [" " + line for line in a[x1:x2]]
                continue
            out += ["-" + line for line in a[x1:x2]]
            out += ["+" + line for line in b[y1:y2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def line_map(before: str, after: str) -> dict[int, int]:
    """1-based line numbers of `after` -> the line of `before` they come from (or the place they replace)."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            mapping[j + 1] = (i1 + (j - j1) + 1) if tag == "equal" else min(i1 + 1, max(len(before.splitlines()), 1))
    return mapping
