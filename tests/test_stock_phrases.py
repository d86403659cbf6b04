"""No stock phrase without its data: every fixed sentence torctl prints about a body is licensed by that body's data.

Every body in bodies/ and docs/examples/bodies/ is rendered in every format (the ToR in Markdown, HTML and Typst
source, an agenda in the three, `show`); each registered stock phrase (`torctl.rules.stock.STOCK`) found in what
was printed must have its condition hold for that body. A guard scans the renderers, `rules.words` and the
templates for fixed sentences in neither `STOCK` nor `NEUTRAL`, so a stock phrase cannot be added without the
condition that licenses it. The last tests show both checks failing when a phrase is added without its data.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from conftest import ROOT

from torctl.data.load import load_tree, shown_yaml
from torctl.data.tree import Tree
from torctl.model import Body
from torctl.render import Templates, render_tor
from torctl.render.agenda import build_agenda
from torctl.render.blocks import Fact
from torctl.rules import stock
from torctl.rules.stock import NEUTRAL, STOCK, Stock, found_in, registered

SRC = ROOT / "src" / "torctl"
TEMPLATES = SRC / "templates"
MODULES = [SRC / "render" / f"{name}.py" for name in ("document", "blocks", "tor_facts", "agenda")]
MODULES.append(SRC / "rules" / "words.py")
BODY_TEMPLATES = ("tor.", "_tor.", "_blocks.", "agenda.", "site-body.")
_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ ,;:()-]+[A-Za-z][A-Za-z'’]*){3,}")  # four words or more
MEETING = dt.date(2024, 12, 18)  # a Wednesday whose minutes, a week on, fall on Christmas Day


@pytest.fixture(scope="module")
def trees() -> list[Tree]:
    return [load_tree(ROOT / "bodies"), load_tree(ROOT / "docs" / "examples" / "bodies")]


def plain(text: str) -> str:
    """What a reader sees: markup, escapes and line breaks gone."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\\", "")
    return " ".join(text.split())


_TEMPLATES: dict[Path, Templates] = {}


def printed(tree: Tree, body: Body) -> dict[str, str]:
    """Everything torctl prints about one body, by where it was printed."""
    if tree.root not in _TEMPLATES:
        _TEMPLATES[tree.root] = Templates.find(None, tree.root)  # compiled once
    templates = _TEMPLATES[tree.root]
    out = {f"render {fmt}": render_tor(templates, tree, body, fmt).decode("utf-8") for fmt in ("md", "html", "typ")}
    if body.status != "dissolved":
        agenda = build_agenda(body, tree.agencies, tree.bodies, MEETING)
        for fmt in ("md", "html", "typ"):
            out[f"agenda {fmt}"] = templates.render(f"agenda.{fmt}.j2", agenda=agenda, body=body)
    out["show"] = shown_yaml(body)
    return {what: plain(text) for what, text in out.items()}


def unlicensed(tree: Tree, body: Body) -> list[str]:
    return [
        f"{body.id}, {what}: {s.words.strip()!r} needs {s.basis}"
        for what, text in printed(tree, body).items()
        for s in found_in(text, body)
    ]


def test_every_stock_phrase_printed_about_a_body_is_licensed_by_its_data(trees):
    bodies = [(body, printed(tree, body)) for tree in trees for body in tree.bodies.values()]
    assert len(bodies) >= 10  # the eight bodies and the examples
    problems = [
        f"{body.id}, {what}: {s.words.strip()!r} needs {s.basis}"
        for body, outputs in bodies
        for what, text in outputs.items()
        for s in found_in(text, body)
    ]
    assert problems == [], "\n".join(problems)
    # The registry is not idle: the documents use many of its phrases, each licensed.
    used = {s.words for _, outputs in bodies for text in outputs.values() for s in STOCK if s.words.strip() in text}
    assert len(used) >= 30


# ------------------------------------------------------------------ the guard


def literals(source: str) -> list[tuple[int, str]]:
    """The string constants of a module (f-strings' fixed parts too), docstrings left out."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def template_text(source: str, typst: bool = False) -> list[tuple[int, str]]:
    """The fixed text of a template: outside Jinja tags and comments and HTML tags; Typst code lines left out."""
    source = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]*>", "\x00", source, flags=re.S)
    lines = enumerate(source.splitlines(), 1)
    return [(n, line) for n, line in lines if not (typst and line.lstrip().startswith("#"))]


def unregistered(pieces: list[tuple[int, str]], where: str) -> list[str]:
    """Each run of four words or more in the fixed pieces that no stock phrase or neutral words hold."""
    return [
        f"{where}:{line}: {run.group()!r}"
        for line, text in pieces
        for run in _SENTENCE.finditer(text)
        if not registered(run.group())
    ]


def unregistered_in(modules: list[Path], templates: Path) -> list[str]:
    found = [p for path in modules for p in unregistered(literals(path.read_text()), path.name)]
    for path in sorted(templates.glob("*.j2")):
        if path.name.startswith(BODY_TEMPLATES):
            found += unregistered(template_text(path.read_text(), path.name.endswith(".typ.j2")), path.name)
    return found


def test_every_fixed_sentence_in_the_renderers_is_registered():
    assert unregistered_in(MODULES, TEMPLATES) == []


# ------------------------------------------------------------------ the checks fail where they should


def test_a_phrase_added_without_its_data_is_caught(trees, monkeypatch):
    """A renderer that says 'the chair has a casting vote' for a ToR silent on equal votes fails the check."""
    from torctl.render import document

    tree = trees[0]
    body = tree.bodies["solihull-rdg"]
    assert body.voting.ties is None
    real = document.procedure_facts

    def with_a_casting_vote(body: Body) -> list[Fact]:
        return [*real(body), Fact("Equal votes", "On equal votes the chair has a second or casting vote.")]

    monkeypatch.setattr(document, "procedure_facts", with_a_casting_vote)
    assert unlicensed(tree, body) == [
        f"solihull-rdg, render {fmt}: 'On equal votes the chair has a second or casting vote.' needs "
        "voting.ties: casting-vote, casting empty"
        for fmt in ("md", "html", "typ")
    ]


def test_a_phrase_licensed_elsewhere_is_not_caught(trees):
    body = trees[1].bodies["example-council-committee"]
    assert found_in("On equal votes the chair has a second or casting vote.", body) == []


def test_a_stock_sentence_added_to_a_template_or_a_renderer_without_a_condition_fails_the_guard(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in TEMPLATES.glob("*.j2"):
        (templates / path.name).write_text(path.read_text())
    tor = templates / "tor.md.j2"
    line = tor.read_text().splitlines().index("{{ doc.footer }}") + 1
    tor.write_text(tor.read_text().replace("{{ doc.footer }}", "Substitutes always count towards the quorum.\n"))
    module = tmp_path / "tor_facts.py"
    module.write_text('def f():\n    return "Members may always send a deputy in their place."\n')
    assert unregistered_in([module], templates) == [
        "tor_facts.py:2: 'Members may always send a deputy in their place'",
        f"tor.md.j2:{line}: 'Substitutes always count towards the quorum'",
    ]


def test_registering_a_phrase_with_its_condition_satisfies_the_guard(tmp_path, monkeypatch):
    module = tmp_path / "tor_facts.py"
    module.write_text('def f():\n    return "Members may always send a deputy in their place."\n')
    licence = Stock("Members may always send a deputy in their place.", lambda b: False, "nothing yet")
    monkeypatch.setattr(stock, "STOCK", (*STOCK, licence))
    assert unregistered_in([module], tmp_path) == []


def test_neutral_words_say_nothing_a_tor_states():
    """Neutral words are labels and messages; none of them is a rule (they would need a condition)."""
    rules = re.compile(r"\b(may|must|counts?|votes?|quorate|decides?)\b")
    claims = [w for w in NEUTRAL if rules.search(w) and w not in {
        "counts toward the quorum for the item", "counts toward the quorum", "may take part in the item",
        "does not count for quorum",
    }]  # fmt: skip  # the four are fragments of registered sentences, each with its own condition
    assert claims == []
