"""Hostile text in every field of a body appears literally in every format and never becomes markup or code."""

from __future__ import annotations

import re
import xml.dom.minidom

import pytest
from render_support import HOSTILE, make_hostile, markdown_to_html, parse_html, text_of_pdf

from torctl.data.load import load_tree
from torctl.render import Templates, render_tor

BODY = "solihull-strategic-quartet"
# Markers appended to HOSTILE in each field: which fields must show up in a ToR document.
TOR_FIELDS = [
    "name",
    "short_name",
    "partnership",
    "document",
    "role",
    "purpose0",
    "responsibilities0",
    "venue",
    "special_meetings",
    "minuted_by",
    "supported_by",
    "agenda_by",
    "title",
    "description",
    "by_text",
    "external",
    "what",
    "reason",
    "notes0",
    "agency solihull-mbc",
    "version",
    "section",
    "holder",
    "text",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    import shutil

    from conftest import BODIES

    root = tmp_path_factory.mktemp("hostile") / "bodies"
    shutil.copytree(BODIES, root)
    make_hostile(root, BODY)
    tree = load_tree(root)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    return tree


@pytest.fixture(scope="module")
def outputs(hostile):
    templates = Templates.find(None, hostile.root)
    body = hostile.bodies[BODY]
    return {fmt: render_tor(templates, hostile, body, fmt) for fmt in ("md", "html", "pdf")}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_every_field(text: str, fields=TOR_FIELDS) -> None:
    squashed = squash(text)
    for field in fields:
        assert squash(f"{HOSTILE} {field}") in squashed, field


def test_markdown(outputs):
    rendered = markdown_to_html(outputs["md"].decode())
    text, tags = parse_html(rendered)
    assert_every_field(text)
    assert not {"script", "a", "code", "img"} & set(tags)  # emphasis comes from the template ("not recorded")
    assert set(tags) <= {
        "h1",
        "h2",
        "h3",
        "p",
        "strong",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "hr",
        "br",
        "em",
    }


def test_html(outputs):
    markup = outputs["html"].decode()
    text, tags = parse_html(markup)
    assert_every_field(text)
    assert "script" not in tags
    assert "<script>" not in markup
    # The print footer carries the short name inside a CSS string: it cannot end the string or the style element.
    style = markup.split("@bottom-left", 1)[1].split("</style>", 1)[0]
    assert "<" not in style and "alert" in style


def test_pdf(outputs):
    assert_every_field(text_of_pdf(outputs["pdf"]))


def test_typst_source_has_no_live_code_from_data(outputs, hostile):
    templates = Templates.find(None, hostile.root)
    source = render_tor(templates, hostile, hostile.bodies[BODY], "typ").decode()
    markup = "\n".join(line for line in source.splitlines() if not line.startswith("#set document(title: "))
    assert not re.search(r"(?<!\\)#set page\(fill", markup)  # unescaped only inside the title's string literal
    assert "\\#set page(fill: red)" in markup


def test_agenda_every_format(hostile, cli, tmp_path):
    items = tmp_path / "items.txt"
    items.write_text(
        "\\" + HOSTILE.replace(":", "\\:") + " added:" + "presenter " + HOSTILE.replace(":", "\\:") + ":5\n"
    )
    args = [
        "--bodies",
        str(hostile.root),
        "agenda",
        BODY,
        "--date",
        "2024-07-09",
        "--items",
        str(items),
        "--venue",
        HOSTILE + " venue",
        "--virtual",
        HOSTILE + " link",
        "-o",
        str(tmp_path),
    ]
    fields = ["name", "title", "added", "venue", "link", "description"]
    for fmt in ("md", "html", "pdf", "json"):
        result = cli(*args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
    md_text, md_tags = parse_html(markdown_to_html((tmp_path / f"{BODY}-agenda-2024-07-09.md").read_text()))
    assert_every_field(md_text, fields)
    assert "script" not in md_tags
    html_text, html_tags = parse_html((tmp_path / f"{BODY}-agenda-2024-07-09.html").read_text())
    assert_every_field(html_text, fields)
    assert "script" not in html_tags
    assert_every_field(text_of_pdf((tmp_path / f"{BODY}-agenda-2024-07-09.pdf").read_bytes()), fields)
    assert HOSTILE in (tmp_path / f"{BODY}-agenda-2024-07-09.json").read_text(encoding="utf-8").replace(
        "\\\\", "\\"
    ).replace('\\"', '"')


def test_handbook_and_map(hostile, cli, tmp_path):
    base = ["--bodies", str(hostile.root)]
    assert cli(*base, "handbook", "-o", str(tmp_path / "h.pdf")).exit_code == 0
    assert cli(*base, "handbook", "-o", str(tmp_path / "h.html")).exit_code == 0
    # Text extraction interleaves the lines of tall table rows, so table cells are checked in the HTML and
    # in the single-body PDF above; the rest must read whole in the handbook PDF.
    in_tables = {"role", "holder", "agency solihull-mbc", "external", "what"}
    assert_every_field(text_of_pdf((tmp_path / "h.pdf").read_bytes()), [f for f in TOR_FIELDS if f not in in_tables])
    text, tags = parse_html((tmp_path / "h.html").read_text())
    assert_every_field(text)
    assert "script" not in tags
    result = cli(*base, "map", "--format", "svg")
    svg = xml.dom.minidom.parseString(result.stdout)
    assert not svg.getElementsByTagName("script")
    assert "#set page(fill: red)" in result.stdout
