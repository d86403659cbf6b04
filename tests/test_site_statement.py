"""`torctl site`: the accessibility statement, the publisher's settings (site.toml) and when each ToR last changed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from render_support import parse_html

AS_OF = "2026-12-04"
SETTINGS = """\
[site]
title = "Example partnership: terms of reference"
publisher = "Example Partnership"
contact = "access@example.org"
phone = "0100 000 0000"
response_days = 10
last_tested = 2026-11-20
tested_by = "the partnership's web team"
compliance = "partial"
non_compliant = ["The governance map's boxes are small at 400% zoom."]
"""


def build(cli, bodies: Path, out: Path, *extra: str):
    return cli("--bodies", str(bodies), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf", *extra)


def test_the_statement_follows_the_model_and_every_page_links_it(scratch: Path, tmp_path: Path, cli) -> None:
    (scratch / "site.toml").write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "site"
    result = build(cli, scratch, out)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    page = (out / "accessibility.html").read_text(encoding="utf-8")
    text, _ = parse_html(page)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in text, heading
    assert "This website is run by Example Partnership." in text
    assert '<a href="mailto:access@example.org">access@example.org</a>' in page and "call 0100 000 0000" in text
    assert "get back to you in 10 days" in text
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert "The governance map's boxes are small at 400% zoom." in text
    assert "prepared on 4 December 2026" in text and "last tested on 20 November 2026 by the partnership's" in text
    assert "Not ready to publish" not in text
    assert "Accessibility statement for Example partnership: terms of reference" in text  # the title from site.toml
    for html in out.rglob("*.html"):
        link = "accessibility.html" if html.parent == out else "../accessibility.html"
        assert f'<a href="{link}">Accessibility statement</a>' in html.read_text(encoding="utf-8"), html


def test_without_settings_the_gaps_are_shown_and_warned(scratch: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    result = build(cli, scratch, out)
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: the accessibility statement lacks contact, publisher, last_tested")
    text, _ = parse_html((out / "accessibility.html").read_text(encoding="utf-8"))
    assert "Not ready to publish: this statement is incomplete" in text
    assert "No contact is given for requests and complaints: set contact in site.toml beside the bodies." in text
    assert "No test of this website by its publisher is recorded." in text
    assert str(scratch) not in text  # the published page names no local path


def test_options_override_the_settings_file(scratch: Path, tmp_path: Path, cli) -> None:
    (scratch / "site.toml").write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "site"
    given = ("--contact", "https://example.org/contact", "--publisher", "Another Body", "--last-tested", "2026-12-01")
    assert build(cli, scratch, out, *given).exit_code == 0
    page = (out / "accessibility.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/contact">' in page and "run by Another Body." in page
    assert "last tested on 1 December 2026" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[site\ncontact = 1\n", "site.toml: not valid TOML: "),
        ('[site]\ncontatc = "a@b.org"\n', "site.toml: [site] has an unknown setting 'contatc'"),
        ('[site]\nlast_tested = "soon"\n', "site.toml: [site] last_tested must be a date like 2026-11-20"),
        ('[site]\ncompliance = "mostly"\n', "site.toml: [site] compliance must be one of full, partial, not"),
        ("[site]\nresponse_days = 0\n", "site.toml: [site] response_days must be 1 or more"),
        ('[site]\ncontact = "  "\n', "site.toml: [site] contact is empty"),
        ('[site]\nbase_url = "not a url"\n', "base_url in "),
        ("[other]\nx = 1\n", "site.toml: unknown table or key 'other'"),
        ('[site]\ncompliance = "full"\nnon_compliant = ["x"]\n', "lists non_compliant content but says"),
    ],
)
def test_a_bad_settings_file_is_refused(scratch: Path, tmp_path: Path, cli, text: str, message: str) -> None:
    (scratch / "site.toml").write_text(text, encoding="utf-8")
    result = build(cli, scratch, tmp_path / "site")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_a_bad_last_tested_option_is_refused(scratch: Path, tmp_path: Path, cli) -> None:
    result = build(cli, scratch, tmp_path / "site", "--last-tested", "last week")
    assert result.exit_code == 2 and "--last-tested 'last week': expected a date" in result.stderr


def _git(cwd: Path, *args: str, when: str = "2025-03-03T12:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _changed_line(out: Path, body_id: str) -> str:
    text, _ = parse_html((out / "bodies" / f"{body_id}.html").read_text(encoding="utf-8"))
    return text.split("Terms of reference last changed: ")[1].split(". Published")[0]


def test_body_pages_say_when_the_tor_last_changed(scratch: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "site"
    assert build(cli, scratch, out).exit_code == 0  # not in git: the review record, or not known
    assert _changed_line(out, "solihull-strategic-quartet") == (
        "September 2023 (its last review as recorded; solihull-strategic-quartet.yaml is not in git)"
    )
    assert (
        _changed_line(out, "plymouth-improvement-board")
        == "not known (plymouth-improvement-board.yaml is not in git, and it records no review)"
    )
    _git(scratch, "init", "-q")
    _git(scratch, "add", ".")
    _git(scratch, "commit", "-q", "-m", "bodies")
    quartet = scratch / "solihull-arg.yaml"
    quartet.write_text(quartet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(scratch, "commit", "-q", "-am", "arg", when="2026-01-15T09:00:00")
    (scratch / "solihull-lscp.yaml").write_text(
        (scratch / "solihull-lscp.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert build(cli, scratch, out).exit_code == 0
    assert _changed_line(out, "solihull-strategic-quartet") == (
        "3 March 2025 (when solihull-strategic-quartet.yaml was last committed)"
    )
    assert _changed_line(out, "solihull-arg") == "15 January 2026 (when solihull-arg.yaml was last committed)"
    assert "solihull-lscp.yaml has changes not yet committed" in _changed_line(out, "solihull-lscp")
    page = (out / "bodies" / "solihull-arg.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-01-15">15 January 2026</time>' in page
    assert "last changed 15 January 2026 · built on 4 December 2026" in page  # beside the build date


def test_the_core_takes_the_dates_it_is_given(tree, tmp_path: Path) -> None:
    """build_site reads no clock and no git: the dates come in, so the same input gives the same bytes."""
    import datetime as dt

    from torctl.render import Templates
    from torctl.render.site import Changed, build_site

    changed = {b: Changed("1 April 2026", "2026-04-01", "given by the test") for b in tree.bodies}
    site = build_site(tree, Templates.find(None, tree.root), dt.date(2026, 12, 4), pdf=False, changed=changed)
    again = build_site(tree, Templates.find(None, tree.root), dt.date(2026, 12, 4), pdf=False, changed=changed)
    assert site.files == again.files
    assert b"1 April 2026</time> (given by the test)" in site.files["bodies/solihull-lscp.html"]
