"""The document view: a ToR's sections are computed once, and every format lays out the same ones in order."""

from __future__ import annotations

import html
import re

import pytest
from conftest import BODIES

from torctl.render import Templates, render_tor
from torctl.render.blocks import Subheading, Table, own
from torctl.render.document import tor_document
from torctl.render.env import BUILTIN_DIR

BODY_IDS = sorted(p.stem for p in BODIES.glob("*.yaml") if p.name != "agencies.yaml")


@pytest.fixture(scope="module")
def templates():
    return Templates.find(None, BODIES)


@pytest.mark.parametrize("body_id", BODY_IDS)
def test_every_format_lays_out_the_sections_of_the_view_in_order(tree, templates, body_id):
    body = tree.bodies[body_id]
    headings = [str(s.heading) for s in tor_document(body, tree.agencies, tree.bodies).sections]
    text = {fmt: render_tor(templates, tree, body, fmt).decode() for fmt in ("md", "html", "typ")}
    assert re.findall(r"^## \d+\. (.+)$", text["md"], re.M) == headings
    assert [
        html.unescape(h) for h in re.findall(r'^<h2 id="[^"]+">\d+\. ([^<]+)</h2>$', text["html"], re.M)
    ] == headings
    assert re.findall(r"^= (.+)$", text["typ"], re.M) == headings


def test_the_tor_templates_say_nothing_of_their_own(tree):
    """Which sections there are and what they say come from the view: no heading or sentence of a ToR is in a template."""
    names = ["tor.md.j2", "_tor.html.j2", "_tor.typ.j2", "_blocks.md.j2", "_blocks.html.j2", "_blocks.typ.j2"]
    sources = {name: (BUILTIN_DIR / name).read_text() for name in names}
    words = set()
    for body in tree.bodies.values():
        for section in tor_document(body, tree.agencies, tree.bodies).sections:
            words.add(str(section.heading))
            for block in section.blocks:
                if isinstance(block, Subheading):
                    words.add(str(block.title))
                elif isinstance(block, Table):
                    words.update(str(c) for c in block.columns)
    words.update(["The terms of reference set no standing agenda items", "The chair's responsibilities", "Agencies:"])
    for name, source in sources.items():
        said = [w for w in words if re.search(rf"(?<![\w.\"]){re.escape(w)}(?![\w\"])", source)]
        assert not said, f"{name} words {said} itself"
    for name in ("_tor.html.j2", "_tor.typ.j2"):
        assert set(re.findall(r"\bdoc\.(\w+)", sources[name])) <= {"sections", "id"}, name


def test_own_words_are_plain_words_only():
    assert own("The chair's responsibilities:") == "The chair's responsibilities:"
    for markup in ("*bold*", "<b>", "#set", "a_b", "[x]"):
        with pytest.raises(ValueError):
            own(markup)


def test_the_handbook_templates_leave_its_sentences_to_the_view():
    for name in ("handbook.html.j2", "handbook.typ.j2"):
        source = (BUILTIN_DIR / name).read_text()
        for words in ("Arrows point", "published from the data", "overdue once", "gives no review status", "[Via]"):
            assert words not in source, f"{name} says {words!r} itself"
