"""The partnership's public website: `torctl site`, a static site built from the bodies directory.

The site needs no server and no JavaScript: every page is a self-contained HTML
file (inline CSS) linked to the others by relative URLs, so it reads the same
opened from disk (`file://`) or from any static host. It holds:

- `index.html`: the bodies grouped by partnership (what each is for, chair,
  rhythm, next review and its status), the calendars and the open data;
- `bodies/<id>.html`: each ToR as `torctl render -f html` makes it, with a
  stable anchor per section (`#quorum`, `#membership`...) and links to the
  bodies it reports to and receives from; beside it the PDF, the Markdown,
  the body as JSON and, where its meeting dates are known, its `.ics`;
- `map.html`: the governance map as SVG linking to each body's page, with a
  title, a description and the reporting lines as a list;
- `review.html`: the review status of every ToR as of the build date;
- `accessibility.html`: the accessibility statement (`statement.py`), linked from every page's footer;
- `all.ics`: the meetings and deadlines of every body whose dates are known;
- `popolo.json`: the bodies as Popolo open data (`popolo.py`).

Output is a pure function of the bodies, the templates, `as_of`, the publisher's settings and the
dates each ToR last changed (`last_changed`, passed in by the CLI): the same input gives byte-identical
files. A body whose file does not validate
is left out, and the index says so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Mapping

from ..atomic import OutputGuard
from ..calendar.review import ReviewStatus, review_status
from ..calendar.patterns import pattern_needs_anchor
from ..calendar.schedule import NoTermDates, Schedule, build_schedule
from ..data.load import as_data
from ..data.tree import Tree
from ..errors import UsageError
from ..model import Body
from ..rules.words import describe_cadence, describe_chair, plain_date, sentence
from .document import tor_document
from .env import Templates
from .governance import build_graph, layout, reporting_lines
from .site_meetings import BodyMeetings, body_meetings, meetings_page_name
from .statement import SiteSettings, build_statement

BODIES_DIR = "bodies"
ALL_CALENDAR = "all.ics"
POPOLO_FILE = "popolo.json"
STATEMENT_FILE = "accessibility.html"
CALENDAR_DAYS = 365  # the calendars cover a year from the build date
STATUS_WORDS = {"overdue": "overdue", "due-soon": "due soon", "unknown": "unknown", "ok": "ok"}
OTHER_BODIES = "Other bodies"


@dataclass(frozen=True)
class LeftOut:
    """A body file the site was built without, and why."""

    body_id: str
    path: str
    reason: str


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True)
class CalendarInfo:
    """A body's calendar on the site: its file, or why there is none."""

    file: str | None  # `bodies/<id>.ics`, relative to the site root
    meetings: int
    reason: str | None  # why no dates are published


@dataclass(frozen=True)
class IndexRow:
    body_id: str
    href: str
    name: str
    purpose: str
    chair: str
    meets: str
    next_review: str
    review_status: str
    status: str | None  # dissolved or proposed; None where the status is no news


@dataclass(frozen=True)
class Group:
    title: str
    slug: str
    rows: list[IndexRow]


@dataclass(frozen=True)
class ReviewRow:
    body_id: str
    href: str
    name: str
    status: str
    last_reviewed: str
    cadence: str
    next_due: str
    detail: str


@dataclass(frozen=True)
class SitePage:
    """What every page shares: the site's title, the build date, and the way back to the root."""

    title: str
    as_of: str
    as_of_iso: str
    root: str  # "" on top-level pages, "../" on body pages
    canonical: str | None


@dataclass(frozen=True)
class Changed:
    """When a body's ToR last changed, and how torctl knows: its file's last commit, or its review record."""

    words: str  # "3 March 2025", or "not known"
    iso: str | None  # for <time datetime>, where there is a date
    basis: str  # a clause saying where the date comes from


def last_changed(root: Path, tree: Tree) -> dict[str, Changed]:
    """When each body's file was last committed (one `git log` of the bodies directory), else its last review.

    The CLI calls this and passes the answer to `build_site`, so the site stays a function of its inputs:
    the same commits give the same dates, and a test gives its own."""
    import subprocess

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
        except OSError:
            return None
        return done.stdout if done.returncode == 0 else None

    committed: dict[str, str] = {}
    log = git("log", "--relative", "--pretty=tformat:%x00%cs", "--name-only", "--", ".")
    day = ""
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            day = line[1:]
        elif line.strip():
            committed.setdefault(line.strip(), day)
    edited = set((git("diff", "--relative", "--name-only", "HEAD", "--", ".") or "").split()) if log else set()
    out = {}
    for doc in tree.documents:
        if doc.kind != "body" or not isinstance(doc.model, Body):
            continue
        name, body = doc.path.name, doc.model
        if name in committed and name not in edited:
            when = dt.date.fromisoformat(committed[name])
            out[body.id] = Changed(plain_date(when), when.isoformat(), f"when {name} was last committed")
            continue
        why = f"{name} has changes not yet committed" if name in edited else f"{name} is not in git"
        reviewed = body.review.latest_review()
        if reviewed is not None:
            out[body.id] = Changed(reviewed.human(), str(reviewed), f"its last review as recorded; {why}")
        else:
            out[body.id] = Changed("not known", None, f"{why}, and it records no review")
    return out


@dataclass
class Site:
    """Every file of the site, by its path relative to the site root, and the bodies left out."""

    files: dict[str, bytes] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # the ids of the bodies with a page
    gaps: list[str] = field(default_factory=list)  # the settings the accessibility statement lacks (statement.py)


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part) or "group"


def left_out_bodies(tree: Tree) -> list[LeftOut]:
    """Body files with an error of their own: the site cannot publish what does not validate."""
    errors: dict[str, str] = {}
    for finding in tree.findings:
        if finding.severity == "error":
            errors.setdefault(finding.path, f"{finding.location()}: {finding.code} {finding.message}")
    out = []
    for doc in tree.documents:
        if doc.kind != "body" or doc.display not in errors:
            continue
        body_id = doc.model.id if isinstance(doc.model, Body) else doc.path.stem
        out.append(LeftOut(body_id, doc.display, errors[doc.display]))
    return sorted(out, key=lambda item: item.path)


def site_errors(tree: Tree, left_out: list[LeftOut]) -> list[str]:
    """Errors outside any body file (the agency registry, records): these stop the whole site."""
    body_files = {item.path for item in left_out} | {d.display for d in tree.documents if d.kind == "body"}
    return [
        f"{f.location()}: {f.code} {f.message}"
        for f in tree.findings
        if f.severity == "error" and f.path not in body_files
    ]


def body_calendar(tree: Tree, body: Body, as_of: dt.date, where: str) -> tuple[Schedule | None, str | None]:
    """The body's schedule for the year from `as_of`, or None and why its dates are not known."""
    from ..calendar.terms import calendars_for, template_path

    meetings = body.meetings
    if body.status_of_note:
        return None, f"The body is {body.status_of_note}, so no meetings are published."
    if not meetings.pattern and not meetings.dates:
        return None, (
            f"The terms of reference say it meets {describe_cadence(meetings.cadence)} but fix no meeting days, "
            "and no agreed dates are recorded, so torctl publishes no dates rather than guess them."
        )
    if meetings.pattern and pattern_needs_anchor(meetings.pattern):
        return None, (
            "Its meeting pattern (meetings.pattern) needs a start (DTSTART) to fix its days, "
            "so torctl publishes no dates rather than guess them."
        )
    calendars = calendars_for(tree, body.id)
    if meetings.cadence and meetings.cadence.term_time_only and calendars.terms is None:
        return (
            None,
            "It meets in term time only and no school term dates are recorded, so its meeting dates are not known.",
        )
    try:
        schedule = build_schedule(
            body,
            start=as_of,
            until=as_of + dt.timedelta(days=CALENDAR_DAYS),
            calendars=calendars,
            where=where,
            terms_file_hint=template_path(tree, body.id),
        )
    except NoTermDates as missing:
        when = plain_date(missing.day)
        return None, (
            f"It meets in term time only, but {missing.path} records no term dates for {when}, a meeting date, "
            "so its dates are not published."
        )
    except UsageError as exc:
        return None, sentence(f"Its meeting dates cannot be worked out: {exc.message}")
    if not schedule.meetings:
        return (
            None,
            f"No meetings fall between {plain_date(as_of)} and {plain_date(as_of + dt.timedelta(days=CALENDAR_DAYS))}.",
        )
    return schedule, None


def body_files(tree: Tree) -> dict[str, str]:
    """Each valid body's file as the user would type it, for messages."""
    return {d.model.id: d.display for d in tree.documents if d.kind == "body" and isinstance(d.model, Body)}


def known_schedules(tree: Tree, bodies: Mapping[str, Body], as_of: dt.date) -> list[Schedule]:
    """The schedules of the bodies whose meeting dates are known, for the year from `as_of`."""
    files = body_files(tree)
    found = (body_calendar(tree, body, as_of, files.get(body_id, body_id))[0] for body_id, body in bodies.items())
    return [schedule for schedule in found if schedule is not None]


def with_page_links(ics: bytes, page_url: Callable[[str], str], absolute: bool) -> bytes:
    """Each event's DESCRIPTION ends with its body's page (calendar applications ignore URL); URL too when absolute."""
    from icalendar import Calendar, vUri

    calendar = Calendar.from_ical(ics)
    for event in calendar.walk("VEVENT"):
        body_id = str(event.get("uid")).split("/", 1)[0]
        url = page_url(body_id)
        text = str(event.get("description") or "")
        event.pop("description", None)
        event.add("description", f"{text}\n\nTerms of reference: {url}" if text else f"Terms of reference: {url}")
        if absolute:
            event.pop("url", None)
            event.add("url", vUri(url))
    data: bytes = calendar.to_ical()
    return data


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def downloads(body_id: str, pdf: bool) -> list[Link]:
    """What a body's page offers to download, from the body's folder."""
    links = [Link("Terms of reference as PDF", f"{body_id}.pdf")] if pdf else []
    return [
        *links,
        Link("Terms of reference as Markdown", f"{body_id}.md"),
        Link("This body as JSON (the data torctl validates)", f"{body_id}.json"),
        Link("All the bodies as Popolo open data", f"../{POPOLO_FILE}"),
    ]


def index_groups(bodies: Mapping[str, Body], statuses: Mapping[str, ReviewStatus]) -> list[Group]:
    """The bodies by partnership, for the index: what each is for, who chairs, how often it meets, its review."""
    groups: dict[str, list[IndexRow]] = {}
    for body_id, body in bodies.items():
        status = statuses[body_id]
        groups.setdefault(body.partnership or OTHER_BODIES, []).append(
            IndexRow(
                body_id,
                f"{BODIES_DIR}/{body_id}.html",
                body.name,
                sentence(body.purposes[0]) if body.purposes else "Purpose not stated.",
                sentence(describe_chair(body)),
                sentence(describe_cadence(body.meetings.cadence)),
                status.next_due.human() if status.next_due else "Not known",
                STATUS_WORDS[status.status],
                body.status_of_note,
            )
        )
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == OTHER_BODIES, kv[0]))
    return [Group(name, f"partnership-{_slug(name)}", rows) for name, rows in ordered]


def review_rows(bodies: Mapping[str, Body], statuses: Mapping[str, ReviewStatus]) -> list[ReviewRow]:
    """Every body's review, most urgent first."""
    rows = sorted(
        statuses.values(),
        key=lambda r: (("overdue", "due-soon", "unknown", "ok").index(r.status), r.days_left or 0, r.body_id),
    )
    return [
        ReviewRow(
            r.body_id,
            f"{BODIES_DIR}/{r.body_id}.html",
            bodies[r.body_id].name,
            STATUS_WORDS[r.status],
            r.last_reviewed.human() if r.last_reviewed else "Not recorded",
            r.cadence,
            r.next_due.human() if r.next_due else "Not known",
            sentence(r.detail),
        )
        for r in rows
    ]


def build_site(
    tree: Tree,
    templates: Templates,
    as_of: dt.date,
    *,
    base_url: str | None = None,
    title: str = "Terms of reference",
    pdf: bool = True,
    settings: SiteSettings | None = None,
    changed: Mapping[str, Changed] | None = None,
) -> Site:
    """Every file of the site, in memory; `write_site` puts them on disk.

    `base_url` is where the site is published: an http or https address ending in `/` (as `torctl site`
    checks the one it is given), or None for relative links only. `settings` are the publisher's, for the
    accessibility statement; `changed` says when each body's ToR last changed (`last_changed`), or the
    body pages say it is not known.
    """
    from ..calendar.ics import to_ics
    from . import finish, render_tor, template_format
    from .popolo import to_popolo

    site = Site(left_out=left_out_bodies(tree))
    skipped = {item.body_id for item in site.left_out}
    bodies = {k: tree.bodies[k] for k in sorted(tree.bodies) if k not in skipped}
    site.published = list(bodies)
    as_of_words = plain_date(as_of)

    def url(path: str) -> str:
        return (base_url or "") + path

    def page(root: str, path: str) -> SitePage:
        return SitePage(title, as_of_words, as_of.isoformat(), root, url(path) if base_url else None)

    nav = [
        Link("Bodies", "index.html"),
        Link("Governance map", "map.html"),
        Link("Reviews", "review.html"),
        Link("Open data", "index.html#open-data"),
    ]
    statuses: dict[str, ReviewStatus] = {k: review_status(b, as_of) for k, b in bodies.items()}
    calendars: dict[str, CalendarInfo] = {}
    schedules: list[Schedule] = []
    where = body_files(tree)
    absolute = bool(base_url)
    for body_id, body in bodies.items():
        schedule, reason = body_calendar(tree, body, as_of, where.get(body_id, body_id))
        if schedule is None:
            calendars[body_id] = CalendarInfo(None, 0, reason)
            continue
        schedules.append(schedule)
        name = f"{BODIES_DIR}/{body_id}.ics"
        ics = to_ics([schedule], name=f"{body.name} meetings", stamp=as_of)
        site.files[name] = with_page_links(ics, lambda b: url(f"{BODIES_DIR}/{b}.html"), absolute)
        calendars[body_id] = CalendarInfo(name, len(schedule.meetings), None)
    all_ics = to_ics(schedules, name=f"{title}: all meetings", stamp=as_of)
    site.files[ALL_CALENDAR] = with_page_links(all_ics, lambda b: url(f"{BODIES_DIR}/{b}.html"), absolute)

    recorded = body_meetings(tree, bodies, BODIES_DIR)
    met = meetings_pages(
        site,
        templates,
        tree,
        recorded,
        calendars=calendars,
        schedules={s.body.id: s for s in schedules},
        page=page,
        nav=nav,
        as_of=as_of,
    )
    for body_id, body in bodies.items():
        doc = tor_document(body, tree.agencies, tree.bodies, linkable=bodies)  # a left-out body has no page
        base = f"{BODIES_DIR}/{body_id}"
        html = templates.render(
            "site-body.html.j2",
            doc=doc,
            body=body,
            agencies=tree.agencies,
            page=page("../", f"{base}.html"),
            nav=nav,
            downloads=[*downloads(body_id, pdf), *meetings_link(site, body_id)],
            calendar=calendars[body_id],
            review=statuses[body_id],
            changed=(changed or {}).get(body_id) or Changed("not known", None, "no record of changes was given"),
            section_prefix="",
            page_link="%s.html",
            link_bodies=True,
        )
        site.files[f"{base}.html"] = html.encode("utf-8")
        site.files[f"{base}.md"] = render_tor(templates, tree, body, "md")
        site.files[f"{base}.json"] = _json_bytes(as_data(body))
        if pdf:
            text = templates.render(f"tor.{template_format('pdf')}.j2", doc=doc, body=body, agencies=tree.agencies)
            site.files[f"{base}.pdf"] = finish("pdf", text, f"the terms of reference of {body_id}")

    with_dates = [(bodies[b], calendars[b]) for b in bodies if calendars[b].file]
    without_dates = [(bodies[b], calendars[b]) for b in bodies if not calendars[b].file]
    site.files["index.html"] = templates.render(
        "site-index.html.j2",
        page=page("", "index.html"),
        nav=nav,
        groups=index_groups(bodies, statuses),
        left_out=site.left_out,
        with_dates=with_dates,
        without_dates=without_dates,
        all_calendar=ALL_CALENDAR,
        popolo=POPOLO_FILE,
        calendar_days=CALENDAR_DAYS,
        met=met,
    ).encode("utf-8")

    graph = build_graph(bodies)
    site.files["map.html"] = templates.render(
        "site-map.html.j2",
        page=page("", "map.html"),
        nav=nav,
        figures=layout(graph),
        lines=reporting_lines(graph),
        page_link=f"{BODIES_DIR}/%s.html",
        link_bodies=True,
    ).encode("utf-8")

    rows = review_rows(bodies, statuses)
    site.files["review.html"] = templates.render(
        "site-review.html.j2",
        page=page("", "review.html"),
        nav=nav,
        rows=rows,
        counts={word: sum(1 for r in rows if r.status == word) for word in STATUS_WORDS.values()},
    ).encode("utf-8")

    statement = build_statement(settings or SiteSettings(), title, as_of_words, pdf=pdf)
    site.files[STATEMENT_FILE] = templates.render(
        "site-accessibility.html.j2", page=page("", STATEMENT_FILE), nav=nav, statement=statement
    ).encode("utf-8")
    site.gaps = list(statement.gaps)

    site.files[POPOLO_FILE] = _json_bytes(
        to_popolo(
            tree,
            as_of,
            bodies=bodies,
            base_url=base_url,
            schedules=schedules,
            meetings=[m for found in recorded.values() for m in found.audited],
        )
    )
    return site


def meetings_pages(
    site: Site,
    templates: Templates,
    tree: Tree,
    recorded: Mapping[str, BodyMeetings],
    *,
    calendars: Mapping[str, CalendarInfo],
    schedules: Mapping[str, Schedule],
    page: Callable[[str, str], SitePage],
    nav: list[Link],
    as_of: dt.date,
) -> list[tuple[Body, str, str | None]]:
    """Each body's meetings page (`site_meetings`), where it has recorded meetings or known dates; (body, when it
    last met, its page or None) for the index."""
    from .site_meetings import last_met_words, meeting_rows, next_rows, tallies

    met: list[tuple[Body, str, str | None]] = []
    for body_id, meetings in recorded.items():
        if not (meetings.audited or meetings.problem or body_id in schedules):
            met.append((meetings.body, last_met_words(meetings), None))  # nothing to publish but that
            continue
        rows = meeting_rows(meetings, site.files, BODIES_DIR, templates, tree)
        site.files[meetings.page] = templates.render(
            "site-meetings.html.j2",
            page=page("../", meetings.page),
            nav=nav,
            body=meetings.body,
            meetings=rows,
            problem=meetings.problem,
            last_met=last_met_words(meetings),
            next=next_rows(schedules.get(body_id), as_of),
            calendar=calendars[body_id],
            tallies=tallies(rows),
        ).encode("utf-8")
        met.append((meetings.body, last_met_words(meetings), meetings.page))
    return met


def meetings_link(site: Site, body_id: str) -> list[Link]:
    """The link to the body's meetings page, where the site has one."""
    name = meetings_page_name(body_id)
    if f"{BODIES_DIR}/{name}" not in site.files:
        return []
    return [Link("Meetings: who attended, the decisions and whether each was validly taken", name)]


def write_site(site: Site, directory: Path, guard: OutputGuard | None = None) -> list[Path]:
    """Write every file atomically under `directory` (created if needed), refusing to land outside it.

    Nothing is written through a symbolic link inside `directory`: a link there (to a
    folder or a file) could send the site's files anywhere, so it is refused. `guard`
    decides which existing files may be written over (default: any).
    """
    from . import output_path

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"cannot write the site: {directory} is a file, not a directory")
    guard = guard or OutputGuard(force=True)
    paths = {name: output_path(directory, name, nested=True) for name in sorted(site.files)}  # links refused first
    for path in paths.values():
        if path.parent.exists() and not path.parent.is_dir():
            raise UsageError(f"cannot write the site: {path.parent} is a file, not a directory")
        guard.check(path)
    written = []
    with guard:
        for name, path in paths.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create the output directory {path.parent}: {exc.strerror or exc}") from None
            written.append(guard.write(path, site.files[name]))
    return written
