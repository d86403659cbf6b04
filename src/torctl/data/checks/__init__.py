"""The checks `torctl validate` runs, as a registry of small functions, one per concern.

Per-file validation (types, unknown fields) is the models' job; a check needs more
than one file or more than one field: ids match file names and are unique, every
reference (agency, post, body) resolves, classes in use are defined, dates are in
order, the quorum can be met, meeting records fit their body. Each check is a
function `(context) -> Iterable[Finding]` registered with the codes it can emit
and the scope it runs in (as yamllint's rules are): once for the tree, once per
body, or once per record of a kind. `run_checks` runs those a selection wants,
places their findings in the files, and applies the files' `# torctl:` directives.
"""

from __future__ import annotations

from ...findings import Finding
from ..tree import Tree
from . import dates, identity, quorum, records, references, todo
from ...findings import Selection
from .context import BodyContext, RecordContext
from .registry import CHECKS, Check, check


def findings_of(tree: Tree, selection: Selection | None = None) -> list[Finding]:
    """The findings of the checks `selection` wants (default: all) on a loaded tree, placed in their files.

    Nothing is added to the tree, so two trees can be compared (an edit's before and after).
    """
    selection = selection or Selection()
    wanted = [c for c in CHECKS if selection.runs(c.codes)]
    found: list[Finding] = []
    for entry in wanted:
        if entry.scope == "tree":
            found.extend(entry.run(tree))
    bodies = [BodyContext(tree, doc) for doc in tree.body_documents()]
    for entry in wanted:
        if entry.scope == "body":
            for context in bodies:
                found.extend(context.doc.place(f) for f in entry.run(context))
    for entry in wanted:
        if entry.scope == "record":
            for kind in entry.kinds:
                for doc in tree.records(kind):
                    found.extend(doc.place(f) for f in entry.run(RecordContext(tree, doc)))
    return found


def run_checks(tree: Tree, selection: Selection | None = None) -> list[Finding]:
    """Run the checks `selection` wants (default: all) on a loaded tree and keep, in `tree.findings`, what the
    selection reports of everything found: the files' own findings and the checks', less those a `# torctl:`
    directive silences, with the directives' own findings (T002-T004)."""
    from .. import directives

    selection = selection or Selection()
    every = [*tree.findings, *findings_of(tree, selection)]
    marks = {d.display: d.parsed.directives for d in tree.documents if d.parsed is not None and d.parsed.directives}
    if marks:
        every = list(directives.apply(every, marks, selection.checked()))
    every += [n.at(d.display, n.line, n.column) for d in tree.documents if d.parsed for n in d.parsed.notes]
    tree.findings[:] = [f for f in every if selection.wants(f.code)]
    return tree.findings


# The check modules register their checks when imported (above): named here so none is dropped as unused.
MODULES = (dates, identity, quorum, records, references, todo)

__all__ = ["CHECKS", "BodyContext", "Check", "RecordContext", "Selection", "check", "findings_of", "run_checks"]
