"""`torctl site` and `torctl export`: the partnership's public website and its open data."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import EXIT_NO, DataError, TorctlError, UsageError
from .app import app, state
from .options import FORCE, OUTPUT_FILE, output_guard, output_target
from .output import echo
from .publish import TEMPLATES

if TYPE_CHECKING:
    from ..render.statement import SiteSettings


class ExportFormat(StrEnum):
    popolo = "popolo"


def _settings(root: Path) -> SiteSettings:
    """The publisher's settings in the bodies directory's site.toml (none without one)."""
    from ..data.paths import display_path
    from ..render.statement import load_settings

    return load_settings(root, display_path(root))


def _base_url(value: str | None, where: str = "--base-url") -> str | None:
    """The site's base URL (http or https, with a host), ending in `/`; a usage error naming `where` otherwise."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() for c in value)
        or parts.query
        or parts.fragment
    ):
        raise UsageError(
            f"{where} '{value}' is not a URL the site can be published at; "
            "give an http or https address with a host, e.g. https://example.org/partnership/"
        )
    return value if value.endswith("/") else value + "/"


def _as_of(value: str | None, option: str = "--as-of") -> dt.date:
    """`--as-of` as YYYY-MM-DD (a build date is written as it is read), in a year torctl works in: 0001 and 9999
    are refused here as by every date option."""
    from ..model.base import year_problem

    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} '{value}': expected a date like 2024-03-15") from None
    if (problem := year_problem(day.year)) is not None:
        raise UsageError(f"{option} {day.isoformat()}: {problem}")
    return day


@app.command()
def site(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="The directory to build the site in (created if needed)."),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="The build date the review statuses and calendars start from (default today).",
        show_default=False,
    ),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help="Where the site will be published (https://...): canonical links, "
        "and absolute links in calendars and open data.",
        show_default=False,
    ),
    title: str | None = typer.Option(
        None,
        "--title",
        help="The site's name, in every page's banner (default: title in site.toml, else 'Terms of reference').",
        show_default=False,
    ),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Typeset each ToR as PDF beside its page."),
    contact: str | None = typer.Option(
        None,
        "--contact",
        metavar="EMAIL|URL",
        help="Where people ask for another format or report a problem, for the accessibility statement "
        "(default: contact in site.toml).",
        show_default=False,
    ),
    publisher: str | None = typer.Option(
        None, "--publisher", help="Who runs the site (default: publisher in site.toml).", show_default=False
    ),
    last_tested: str | None = typer.Option(
        None,
        "--last-tested",
        metavar="DATE",
        help="When the publisher last tested the site for accessibility (default: last_tested in site.toml).",
        show_default=False,
    ),
    templates: Path | None = TEMPLATES,
    force: bool = FORCE,
) -> None:
    """Build the public website: an index by partnership, a page per body, the governance map, reviews, calendars,
    open data.

    Static files only (no server, no JavaScript), linked by relative URLs, so the site works from disk
    and from any static host; byte-identical for the same bodies, commits and --as-of. A body whose file
    has errors is left out, the index says so, and the command exits 1.

    The publisher's settings (contact, who runs the site, the last accessibility test, the base URL) come
    from site.toml in the bodies directory, and the options override them. The site is built without
    them, but its accessibility statement shows each one missing as a gap, and a warning names them.

    Example: torctl site -o site/ --contact access@example.org --last-tested 2026-11-20
    """
    from .loading import load_bodies
    from .output import echo_err
    from ..render import Templates
    from ..render.site import build_site, last_changed, left_out_bodies, site_errors, write_site

    day = _as_of(as_of)
    tested = _as_of(last_tested, "--last-tested") if last_tested else None
    if str(output) == "-":
        raise UsageError("--output -: a site is many files and is not printed; give a directory, e.g. -o site/")
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output} is a file, not a directory; give a directory for the site")
    tree = load_bodies(state(ctx).bodies)
    settings = _settings(tree.root).merged(
        base_url=base_url, title=title, contact=contact, publisher=publisher, last_tested=tested
    )
    url = _base_url(settings.base_url, "--base-url" if base_url else f"base_url in {settings.source}")
    problems = site_errors(tree, left_out_bodies(tree))
    if problems:
        raise DataError(f"cannot build the site: {problems[0]}; run `torctl validate` and fix it")
    built = build_site(
        tree,
        Templates.find(templates, tree.root),
        day,
        base_url=url,
        title=settings.title or "Terms of reference",
        pdf=pdf,
        settings=settings,
        changed=last_changed(tree.root, tree),
    )
    written = write_site(built, output, output_guard(force))
    echo(f"{output}: {len(written)} files, {len(built.published)} bodies, as of {day.isoformat()}")
    if built.gaps:  # built all the same, each gap shown on accessibility.html: the publisher sees what to add
        echo_err(
            f"warning: the accessibility statement lacks {', '.join(built.gaps)}: set them in {settings.source} "
            "(or give --contact, --publisher, --last-tested); it shows each gap until then. See docs/site.md"
        )
    if built.left_out:
        missing = "; ".join(f"{item.path} has errors (first: {item.reason})" for item in built.left_out)
        names = ", ".join(item.body_id for item in built.left_out)
        raise TorctlError(f"the site was built without {names}: {missing}; run `torctl validate`", exit_code=EXIT_NO)


@app.command()
def export(
    ctx: typer.Context,
    format: ExportFormat = typer.Option(
        ..., "--format", "-f", help="popolo: Popolo JSON (organizations, posts, memberships, events)."
    ),
    output: str | None = OUTPUT_FILE,
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="Meetings (events) are those in the year from this date (default today).",
        show_default=False,
    ),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help="Where the site is published, for links to each body's pages.",
        show_default=False,
    ),
    force: bool = FORCE,
) -> None:
    """Export the bodies as open data: Popolo JSON, with torctl's additions under the `torctl` key."""
    import json

    from ..render.popolo import to_popolo
    from ..render.site import known_schedules
    from ..render.site_meetings import body_meetings
    from .publish import _load

    day = _as_of(as_of)
    target = output_target(output, suffix="json", kinds=("json",), force=force)
    tree = _load(ctx)
    settings = _settings(tree.root)
    url = _base_url(base_url or settings.base_url, "--base-url" if base_url else f"base_url in {settings.source}")
    bodies = {k: tree.bodies[k] for k in sorted(tree.bodies)}
    schedules = known_schedules(tree, bodies, day)
    meetings = [m for found in body_meetings(tree, bodies, "bodies").values() for m in found.audited]
    data = to_popolo(tree, day, base_url=url, schedules=schedules, meetings=meetings)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if target.path is None:
        typer.echo(text, nl=False)
    else:
        echo(str(target.write("popolo.json", text.encode("utf-8"))))
