"""Helpers shared by the publishing tests: text out of documents, and a hostile body."""

from __future__ import annotations

import html.parser
import io
import re
from pathlib import Path
from typing import Any

import yaml

# Every character that means something in Markdown, Typst, HTML, CSS, Jinja, Mermaid or DOT.
HOSTILE = (
    "#set page(fill: red) *bold* _em_ $x^2$ <script>alert('x')</script> \\ [link](http://e.vil) "
    '`code` @ref <label> "quoted" it\'s &amp; & | ~ // /* {{ jinja }} {% if %} = + -- ; } ]'
)


def text_of_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return normalise("\n".join(page.extract_text() for page in reader.pages))


def normalise(text: str) -> str:
    """Whitespace collapsed, and Typst's typographic quotes and ellipses back to ASCII."""
    for fancy, plain in (
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2026", "..."),
        ("\u00ad", ""),
    ):
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text).strip()


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def parse_html(markup: str) -> tuple[str, list[str]]:
    """The visible text (whitespace collapsed) and the tags of an HTML document."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return normalise(" ".join(parser.parts)), parser.tags


def markdown_to_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _hostile(value: Any, key: str | None = None) -> Any:
    """Every free-text string in a body becomes HOSTILE plus a marker naming its key."""
    text_keys = {
        "name",
        "short_name",
        "partnership",
        "document",
        "version",
        "section",
        "role",
        "holder",
        "text",
        "notify",
        "venue",
        "special_meetings",
        "minuted_by",
        "supported_by",
        "agenda_by",
        "title",
        "description",
        "by_text",
        "external",
        "via",
        "what",
        "unknown_reason",
        "approved_by",
        "condition",
        "decided_by",
        "reason",
    }
    list_keys = {"purpose", "responsibilities", "notes"}
    if isinstance(value, dict):
        return {k: _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in list_keys:
            return [f"{HOSTILE} {key}{i}" for i, _ in enumerate(value)]
        return [_hostile(v, key) for v in value]
    if isinstance(value, str) and key in text_keys:
        return f"{HOSTILE} {key}"
    return value


def make_hostile(bodies: Path, body_id: str = "solihull-strategic-quartet") -> None:
    """Rewrite one body (and every agency's name) in a scratch copy with hostile text in every text field."""
    path = bodies / f"{body_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Fill optional fields too, so that every kind of text the documents show is hostile.
    data["source"].update(version="v", section="s")
    data["meetings"]["venue"] = "v"
    data["members"][0]["holder"] = "h"
    data["members"][0]["substitutes"] = [{"name": "n", "role": "r"}]
    data["members"][0]["notes"] = ["n"]
    data["administration"]["notes"] = ["n"]
    data["deputy_chair"] = {"mode": "vacant", "text": "t"}
    data = _hostile(data)
    data["id"] = body_id  # ids stay valid slugs
    path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
    registry = bodies / "agencies.yaml"
    agencies = yaml.safe_load(registry.read_text(encoding="utf-8"))
    for agency in agencies["agencies"]:
        agency["name"] = f"{HOSTILE} agency {agency['id']}"
        agency.pop("short_name", None)
    registry.write_text(yaml.dump(agencies, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), encoding="utf-8")
