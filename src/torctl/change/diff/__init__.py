"""What changed between two versions of the ToRs, in plain English, for a board to approve.

The comparison is semantic: both sides are read into the model, so reordering
keys, re-quoting or re-wrapping text changes nothing. Each body's changes are
grouped by section (members, chair, quorum, meetings, papers and minutes,
reporting, review, text...), free text is shown as a word diff, and changes that
weaken governance are called out: a quorum that became easier to reach, a
statutory partner dropped from a quorum, a review date pushed back, a voting
right given to an observer.

One module per job: `sides` reads the two sides (files, directories, git
revisions), `body` and its section modules compare (`members`, `quorum`,
`decisions`, `business`, with `collector` and `wording` beneath them), `tree`
compares whole sides, and `render` writes text and Markdown. Why a quorum became
easier is the rules layer's reasoning, `torctl.rules.quorum_change`.
"""

from __future__ import annotations

from .body import SECTIONS, diff_body
from .collector import word_diff
from .render import render_markdown, render_text
from .results import BodyDiff, Change, NotCompared, TreeDiff
from .sides import Side, git_side, side_from_path, side_from_texts, sides_from_texts, working_side
from .tree import diff_git, diff_paths, diff_sides
from .wording import describe_deadline

__all__ = [
    "SECTIONS",
    "BodyDiff",
    "Change",
    "NotCompared",
    "Side",
    "TreeDiff",
    "describe_deadline",
    "diff_body",
    "diff_git",
    "diff_paths",
    "diff_sides",
    "git_side",
    "render_markdown",
    "render_text",
    "side_from_path",
    "side_from_texts",
    "sides_from_texts",
    "word_diff",
    "working_side",
]
