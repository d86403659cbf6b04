"""Escaping text from the YAML for each output format, so it always appears literally.

Every value a template prints passes through one of these (the environment's
`finalize`), so a role named `*#set page(..)` or `<script>` is shown as typed in
Markdown, Typst and HTML alike and can never become markup or code.

Line breaks and runs of spaces inside a value are folded into one space first:
in Markdown and Typst a line break followed by `-`, `=` or `1.` would start a list
or a heading, a blank line would end a table, and four spaces start a code block.
Documents are laid out by the templates, never by the data.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
# Control characters (C0 but tab, line feed and carriage return; DEL; C1): invisible at
# best, terminal escape sequences at worst, and invalid in XML (an SVG would not parse).
# Also the bidirectional overrides and isolates and the zero-width characters that make text
# display as something other than it is ("Trojan Source"); ZWJ and ZWNJ are kept (scripts and emoji).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """`text` with each control character shown as U+FFFD, so it is visible and valid in every format."""
    return _CONTROL.sub(REPLACEMENT, text)


def fold(text: str) -> str:
    """Line breaks, tabs and runs of spaces become one space (a leading run of spaces is a code block)."""
    return _WHITESPACE.sub(" ", printable(text))


# --------------------------------------------------------------------- Markdown

# Characters that start markup anywhere in a line (CommonMark and GitHub's extensions:
# emphasis, code, links, images, raw HTML, tables, strikethrough, math, headings).
_MD_ALWAYS = re.compile(r"([\\`*_\[\]<#|~$!{}])")
# `&name;` and `&#123;` would be read as character references.
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markup that only counts at the start of a line (lists, block quotes, setext
# underlines, thematic breaks): a value can land there, e.g. in a table cell.
_MD_LEADING = re.compile(r"^([-+=>])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def markdown(text: str) -> str:
    """`text` as Markdown that renders exactly as `text` reads."""
    out = _MD_ALWAYS.sub(r"\\\1", fold(text))
    out = _MD_ENTITY.sub(r"\\&", out)
    out = _MD_LEADING.sub(r"\\\1", out)
    return _MD_ORDERED.sub(r"\1\\\2", out)


# ------------------------------------------------------------------------ Typst

# In Typst markup, `#` starts code, `$` maths, `[`/`]` content blocks, `<`/`>` labels,
# `@` references, `*`/`_` strong and emphasis, backticks raw text, `/` comments and
# term lists, `=`, `-`, `+` headings and lists, `~` a non-breaking space, `\` an
# escape, `--` a dash. Typst accepts a backslash before any of them, so all are
# escaped, and so is the dot of a leading `1.` (a numbered list). Quotes are left
# to Typst's smart quotes: they print as quotes and start nothing.
_TYPST_SPECIAL = re.compile(r"([\\#$\[\]<>@*_`/=+\-~])")
_TYPST_ORDERED = re.compile(r"^(\d+)\.")


def typst(text: str) -> str:
    """`text` as Typst markup that typesets exactly as `text` reads."""
    return _TYPST_ORDERED.sub(r"\1\\.", _TYPST_SPECIAL.sub(r"\\\1", fold(text)))


def typst_string(text: str) -> str:
    """`text` as a Typst string literal, quotes included (for `title: "..."`)."""
    escaped = fold(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


# -------------------------------------------------------------------------- CSS


def css_string(text: str) -> str:
    """`text` as a CSS string literal, quotes included, safe inside a `<style>` element.

    Everything but letters, digits and spaces becomes a hexadecimal escape, so no
    quote, backslash or `</style>` can end the string or the element.
    """
    parts = []
    for char in fold(text):
        if char.isascii() and (char.isalnum() or char == " "):
            parts.append(char)
        else:
            parts.append(f"\\{ord(char):06x}")
    return '"' + "".join(parts) + '"'
