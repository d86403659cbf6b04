"""Escaping: any text appears literally in Markdown, Typst, HTML and CSS, and never becomes markup."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from render_support import HOSTILE, markdown_to_html, parse_html, text_of_pdf

from torctl.render import escape
from torctl.render.env import Templates

# Printable text with every ASCII punctuation character well represented.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("#*_`$<>@[]\\/=+-~'\".:!|&{}()^%;,? ")),
        st.characters(codec="utf-8", categories=["L", "N"]),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())

# For PDFs: characters the bundled fonts have glyphs for.
latin_texts = st.text(
    alphabet=st.sampled_from(list("#*_`$<>@[]\\/=+-~'\".:!|&{}()^%;,? abcXYZ019éßø")), min_size=1, max_size=40
).filter(lambda s: s.strip())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(texts)
@settings(max_examples=60, deadline=None)
def test_markdown_escape_renders_literally(text):
    rendered = markdown_to_html(f"- {escape.markdown(text)}\n")
    visible, tags = parse_html(rendered)
    assert _squash(visible) == _squash(text)
    assert tags == ["ul", "li"]  # no emphasis, code, link, heading or raw HTML


@given(texts)
@settings(max_examples=60, deadline=None)
def test_markdown_escape_inside_a_table_cell(text):
    rendered = markdown_to_html(f"| a | b |\n|---|---|\n| {escape.markdown(text)} | x |\n")
    visible, tags = parse_html(rendered)
    assert _squash(visible) == _squash("a b " + text + " x")
    assert "td" in tags and not set(tags) - {"table", "thead", "tbody", "tr", "th", "td"}


@given(latin_texts)
@settings(max_examples=25, deadline=None)
def test_typst_escape_typesets_literally(text):
    from torctl.render.pdf import compile_pdf

    source = (
        f'#set document(date: none, title: "T")\n#set smartquote'
        f"(enabled: false)\n#[{escape.typst(text)}] #[{escape.typst(text)}]\n"
    )
    assert _squash(text_of_pdf(compile_pdf(source, "test"))).replace("...", "\u2026") == _squash(text + text).replace(
        "...", "\u2026"
    )


def test_typst_string_literal():
    from torctl.render.pdf import compile_pdf

    source = (
        f'#set document(date: none, title: "T")\n#set smartquote'
        f"(enabled: false)\n#text({escape.typst_string(HOSTILE)})\n"
    )
    assert _squash(HOSTILE) in _squash(text_of_pdf(compile_pdf(source, "test")))


def test_line_breaks_and_runs_of_spaces_fold():
    assert escape.fold("a\n\n- b\r\n    c\td") == "a - b c d"
    assert escape.markdown("x\n# heading") == "x \\# heading"
    assert escape.typst("1. first\n= second") == "1\\. first \\= second"


def test_markdown_leaves_ordinary_text_readable():
    assert (
        escape.markdown("Children's Services & Education, 2023-26 (SMBC)")
        == "Children's Services & Education, 2023-26 (SMBC)"
    )
    assert escape.markdown("&amp; - 1) x") == "\\&amp; - 1) x"
    assert escape.markdown("- item") == "\\- item"
    assert escape.markdown("12) item") == "12\\) item"


def test_css_string_cannot_end_the_string_or_the_style_element():
    value = escape.css_string('a"b\\c</style><script>')
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert '"' not in inner and "<" not in inner and "\\\\" not in inner


@pytest.fixture
def env(tmp_path):
    def render(fmt: str, source: str, **context):
        (tmp_path / f"t.{fmt}.j2").write_text(source, encoding="utf-8")
        return Templates([tmp_path]).render(f"t.{fmt}.j2", **context)

    return render


@pytest.mark.parametrize("fmt", ["md", "typ"])
def test_joins_and_filters_cannot_smuggle_markup(env, fmt):
    escaped = escape.markdown if fmt == "md" else escape.typst
    assert env(fmt, "{{ a ~ b }}", a="#", b="set") == escaped("#") + escaped("set")
    assert env(fmt, "{{ xs|join(' ') }}", xs=["*a*", "#b"]) == escaped("*a*") + " " + escaped("#b")
    assert env(fmt, "{{ x|e }}", x="<#>") == escaped("<#>")
    assert env(fmt, "{{ x|safe }}", x="*raw*") == "*raw*"  # the template author's explicit choice
    assert env(fmt, "{% macro m(v) %}*{{ v }}*{% endmacro %}{{ m('_x_') }}") == "*" + escaped("_x_") + "*"


@pytest.mark.parametrize("fmt", ["md", "typ"])
def test_html_only_filters_are_refused_in_text_formats(env, fmt):
    from torctl.errors import UsageError

    with pytest.raises(UsageError, match="tojson"):
        env(fmt, "{{ x|tojson }}", x={"a": "#b"})


def test_html_autoescapes(env):
    assert env("html", "<p>{{ x }}</p>", x="<script>&") == "<p>&lt;script&gt;&amp;</p>"
    assert env("html", "{{ x|num }}", x=12.5) == "12.5"


def test_sandbox_blocks_python_internals(env):
    from torctl.errors import UsageError

    with pytest.raises(UsageError, match=r"t\.md\.j2:1"):
        env("md", "{{ x.__class__.__mro__ }}", x="s")


def test_finalize_passes_markup_from_macros_unescaped(env):
    assert env("typ", "{{ m }}", m=Markup("#strong[x]")) == "#strong[x]"
