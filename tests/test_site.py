"""`torctl site`: the static website built from the bodies, through the CLI and the core."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BODIES, BODY_IDS
from render_support import make_hostile, parse_html

AS_OF = "2026-12-04"
SECTIONS = (
    "purpose",
    "membership",
    "chair",
    "quorum",
    "meetings",
    "administration",
    "standing-items",
    "reporting",
    "review",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the eight bodies, built once (without PDFs: test_site_writes_pdfs covers them)."""
    from torctl.cli import main

    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["--bodies", str(BODIES), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf"]) == 0
    return out


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_the_site_has_every_page_and_data_file(built: Path) -> None:
    names = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert {"index.html", "map.html", "review.html", "all.ics", "popolo.json"} <= names
    for body_id in BODY_IDS:
        assert {f"bodies/{body_id}.html", f"bodies/{body_id}.md", f"bodies/{body_id}.json"} <= names
    assert not any(n.endswith(".pdf") for n in names)  # --no-pdf
    assert "<script" not in "".join(read(built, n) for n in names if n.endswith(".html"))


def test_index_groups_the_bodies_by_partnership(built: Path) -> None:
    index = read(built, "index.html")
    headings = re.findall(r'<h2 id="partnership-[^"]+">([^<]+)</h2>', index)
    assert headings == sorted(headings) and len(headings) == 4
    solihull = index.split(">Solihull Safeguarding Children Partnership (SSCP)</h2>")[1].split("<h2")[0]
    for body_id in ("solihull-lscp", "solihull-arg", "solihull-rdg", "solihull-elrag"):
        assert f'href="bodies/{body_id}.html"' in solihull
    text, _ = parse_html(index)
    assert "Built on 4 December 2026" in text
    # The Quartet's review was due September 2024: overdue on the build date.
    quartet = index.split("bodies/solihull-strategic-quartet.html")[1].split("</tr>")[0]
    assert "September 2024" in quartet and 'class="status-overdue">overdue<' in quartet
    assert "every two months, term time only" in index.lower()


def test_body_pages_have_stable_section_anchors_and_link_related_bodies(built: Path) -> None:
    page = read(built, "bodies/solihull-arg.html")
    for section in SECTIONS:
        assert f'id="{section}"' in page, section
    # The ARG reports to the LSCP: a link to its page, not to an anchor.
    assert '<a href="solihull-lscp.html">' in page
    assert '<a href="solihull-arg.pdf">' not in page  # --no-pdf
    assert 'href="solihull-arg.md"' in page and 'href="solihull-arg.json"' in page and 'href="../popolo.json"' in page
    # The body page is the ToR as `torctl render -f html` makes it: the same sections, in the same words.
    render = (Path(__file__).parent / "goldens" / "solihull-arg.html").read_text(encoding="utf-8")
    ours, _ = parse_html(page.split('<main id="content">')[1].split('<h2 id="downloads">')[0])
    theirs, _ = parse_html(render.split('<main id="content">')[1].split("</main>")[0])
    assert ours == theirs


def test_pages_say_why_no_calendar_is_published(built: Path) -> None:
    page = read(built, "bodies/solihull-lscp.html")
    assert "No calendar is published for this body" in page
    assert "3 times a year but fix no meeting days" in page
    assert not (built / "bodies" / "solihull-lscp.ics").exists()
    index = read(built, "index.html")
    assert "No meeting dates are published for these bodies" in index
    ics = read(built, "all.ics")
    assert ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" not in ics  # none of the eight has dates


def test_map_page_links_every_box_and_lists_the_lines(built: Path) -> None:
    page = read(built, "map.html")
    assert '<title id="map-1-title">' in page and '<desc id="map-1-desc">' in page
    svg_links = set(re.findall(r'<a href="(bodies/[^"]+)"><rect', page))
    assert svg_links == {f"bodies/{b}.html" for b in BODY_IDS}
    assert 'reports to <a href="bodies/solihull-lscp.html">LSCP</a>' in page


def test_review_page_states_its_date(built: Path) -> None:
    text, _ = parse_html(read(built, "review.html"))
    assert "As of 4 December 2026: 2 overdue, 0 due soon (within 60 days), 6 unknown, 0 ok." in text


def test_same_input_gives_byte_identical_output(built: Path, tmp_path: Path, cli) -> None:
    again = tmp_path / "again"
    assert cli("site", "-o", str(again), "--as-of", AS_OF, "--no-pdf").exit_code == 0
    for path in built.rglob("*"):
        if path.is_file():
            assert (again / path.relative_to(built)).read_bytes() == path.read_bytes(), path


def test_site_writes_pdfs(tmp_path: Path, cli) -> None:
    result = cli("site", "-o", str(tmp_path / "s"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "s" / "bodies" / "solihull-rdg.pdf").read_bytes().startswith(b"%PDF")
    assert '<a href="solihull-rdg.pdf">' in read(tmp_path / "s", "bodies/solihull-rdg.html")


def test_base_url_makes_canonical_and_absolute_links(tmp_path: Path, cli) -> None:
    out = tmp_path / "s"
    result = cli("site", "-o", str(out), "--as-of", AS_OF, "--no-pdf", "--base-url", "https://example.org/tor")
    assert result.exit_code == 0, result.stderr
    assert '<link rel="canonical" href="https://example.org/tor/bodies/solihull-lscp.html">' in read(
        out, "bodies/solihull-lscp.html"
    )
    assert '<a href="solihull-arg.html">' in read(out, "bodies/solihull-lscp.html")  # internal links stay relative
    assert '"url": "https://example.org/tor/bodies/solihull-lscp.html"' in read(out, "popolo.json")


@pytest.mark.parametrize(
    "url", ["example.org", "ftp://example.org/", "https://", "https://exa mple.org/", "https://e.org/?q=1"]
)
def test_a_base_url_that_is_not_a_url_is_refused(tmp_path: Path, cli, url: str) -> None:
    result = cli("site", "-o", str(tmp_path / "s"), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"--base-url '{url}' is not a URL" in result.stderr
    assert not (tmp_path / "s").exists()


def test_an_output_that_is_a_file_is_refused(tmp_path: Path, cli) -> None:
    target = tmp_path / "site"
    target.write_text("not a directory")
    result = cli("site", "-o", str(target))
    assert result.exit_code == 2 and "is a file, not a directory" in result.stderr
    assert target.read_text() == "not a directory"


def test_a_file_where_the_bodies_folder_goes_is_refused(tmp_path: Path, cli) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "bodies").write_text("x")
    result = cli("site", "-o", str(tmp_path / "s"), "--no-pdf")
    assert result.exit_code == 2 and "is a file, not a directory" in result.stderr


def test_a_bad_as_of_is_refused(tmp_path: Path, cli) -> None:
    result = cli("site", "-o", str(tmp_path / "s"), "--as-of", "4/12/2026")
    assert result.exit_code == 2 and "expected a date like" in result.stderr


def test_a_broken_body_is_left_out_and_the_index_says_so(scratch: Path, tmp_path: Path, cli) -> None:
    path = scratch / "solihull-rdg.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: not-stated", "status: sleeping", 1), encoding="utf-8"
    )
    out = tmp_path / "s"
    result = cli("--bodies", str(scratch), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf")
    assert result.exit_code == 1
    assert result.stdout == f"{out}: 27 files, 7 bodies, as of {AS_OF}\n"
    errors = [line for line in result.stderr.splitlines() if not line.startswith(("warning: ", "note: "))]
    assert len(errors) == 1 and errors[0].startswith("error: the site was built without solihull-rdg: ")
    assert "solihull-rdg.yaml:" in errors[0]
    assert not (out / "bodies" / "solihull-rdg.html").exists()
    text, _ = parse_html(read(out, "index.html"))
    assert "Not published: 1 body could not be published" in text and "solihull-rdg.yaml:" in text
    # No page links to the missing one; the ARG's page names the RDG without a link.
    for page in out.rglob("*.html"):
        assert "solihull-rdg.html" not in page.read_text(encoding="utf-8"), page


def test_a_broken_agency_registry_stops_the_site(scratch: Path, tmp_path: Path, cli) -> None:
    (scratch / "agencies.yaml").write_text("agencies: [\n", encoding="utf-8")
    result = cli("--bodies", str(scratch), "site", "-o", str(tmp_path / "s"))
    assert result.exit_code == 2 and "cannot build the site: " in result.stderr and "agencies.yaml" in result.stderr
    assert not (tmp_path / "s").exists()


def test_every_text_from_the_yaml_is_escaped(scratch: Path, tmp_path: Path, cli) -> None:
    make_hostile(scratch, "solihull-strategic-quartet")
    out = tmp_path / "s"
    result = cli("--bodies", str(scratch), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf")
    assert result.exit_code == 0, result.stderr
    for name in ("index.html", "map.html", "review.html", "bodies/solihull-strategic-quartet.html"):
        markup = read(out, name)
        assert "<script>" not in markup and "<label>" not in markup, name
        text, tags = parse_html(markup)
        assert "script" not in tags and "label" not in tags
        assert "<script>alert('x')</script>" in text and "{{ jinja }}" in text, name


def test_a_body_with_agreed_dates_gets_a_calendar_linking_its_page(scratch: Path, tmp_path: Path, cli) -> None:
    body = "solihull-sscp-executive"  # papers five working days before, minutes within two weeks
    path = scratch / f"{body}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "\nmeetings:\n",
            "\nmeetings:\n  dates: [2027-01-12, 2027-03-09, 2027-05-11]\n",
            1,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "s"
    result = cli(
        "--bodies", str(scratch), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf", "--base-url", "https://e.org/"
    )
    assert result.exit_code == 0, result.stderr
    from icalendar import Calendar

    calendar = Calendar.from_ical((out / "bodies" / f"{body}.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    meetings = [e for e in events if str(e["uid"]).endswith("/meeting@torctl")]
    assert [str(e["dtstart"].dt) for e in meetings] == ["2027-01-12", "2027-03-09", "2027-05-11"]
    deadlines = {str(e["uid"]) for e in events} - {str(e["uid"]) for e in meetings}
    assert f"{body}/2027-01-12/papers@torctl" in deadlines and f"{body}/2027-01-12/minutes@torctl" in deadlines
    for event in events:
        assert str(event["description"]).endswith(f"Terms of reference: https://e.org/bodies/{body}.html")
        assert str(event["url"]) == f"https://e.org/bodies/{body}.html"
    page = read(out, f"bodies/{body}.html")
    assert f'<a href="{body}.ics">' in page and "3 meetings in the year from 4 December 2026" in page
    all_ics = Calendar.from_ical((out / "all.ics").read_bytes())
    assert {str(e["uid"]) for e in all_ics.walk("VEVENT")} == {str(e["uid"]) for e in events}
    assert f'<a href="bodies/{body}.ics">' in read(out, "index.html")
    assert '"start_date": "2027-01-12"' in read(out, "popolo.json")


def test_a_relative_page_path_in_calendars_without_a_base_url(scratch: Path, tmp_path: Path, cli) -> None:
    path = scratch / "solihull-arg.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nmeetings:\n" in text
    path.write_text(text.replace("\nmeetings:\n", "\nmeetings:\n  dates: [2027-02-02]\n", 1), encoding="utf-8")
    out = tmp_path / "s"
    assert cli("--bodies", str(scratch), "site", "-o", str(out), "--as-of", AS_OF, "--no-pdf").exit_code == 0
    ics = (out / "bodies" / "solihull-arg.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Terms of reference: bodies/solihull-arg.html" in ics and "\nURL" not in ics


def test_templates_can_be_overridden(scratch: Path, tmp_path: Path, cli) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "site-index.html.j2").write_text(
        '{% extends "builtin/site-index.html.j2" %}{% block title %}Our partnership: {{ page.title }}{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "s"
    assert cli("site", "-o", str(out), "--as-of", AS_OF, "--no-pdf", "--templates", str(mine)).exit_code == 0
    assert "<title>Our partnership: Terms of reference</title>" in read(out, "index.html")


def test_site_help_names_its_options(cli) -> None:
    result = cli("site", "--help")
    assert result.exit_code == 0
    for option in ("--output", "--as-of", "--base-url", "--templates", "--no-pdf"):
        assert option in result.stdout


def test_the_core_builds_without_the_cli(tree, tmp_path: Path) -> None:
    import datetime as dt

    from torctl.render import Templates
    from torctl.render.site import build_site, write_site

    site = build_site(tree, Templates.find(None, tree.root), dt.date(2026, 12, 4), pdf=False)
    assert not site.left_out and "index.html" in site.files
    written = write_site(site, tmp_path / "out")
    assert len(written) == len(site.files)
    shutil.rmtree(tmp_path / "out")


@pytest.mark.parametrize("doc", ["README.md", "docs/site.md"])
def test_the_documented_console_example_runs_as_shown(doc: str, tmp_path: Path, cli) -> None:
    text = (Path(__file__).resolve().parent.parent / doc).read_text(encoding="utf-8")
    example = re.search(r"```console\n\$ (torctl site [^\n]+)\n(.*?)```", text, re.S)
    assert example, f"{doc} shows `torctl site` in a console block"
    shutil.copytree(BODIES, tmp_path / "bodies")
    args = example.group(1).split()[1:]
    result = cli("--bodies", "bodies", *args, cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout + result.stderr == example.group(2)


def test_every_link_resolves_on_a_static_host(built: Path) -> None:
    """Served by a plain static file server on this machine's loopback, every relative link answers 200."""
    import functools
    import http.server
    import threading
    import urllib.parse
    import urllib.request

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        root = f"http://127.0.0.1:{server.server_address[1]}/"
        checked: set[str] = set()
        for page in sorted(built.rglob("*.html")):
            page_url = urllib.parse.urljoin(root, page.relative_to(built).as_posix())
            for href in re.findall(r'href="([^"]+)"', read(built, page.relative_to(built).as_posix())):
                target = urllib.parse.urljoin(page_url, href).split("#")[0]
                assert target.startswith(root), (page, href)
                if target not in checked:
                    with urllib.request.urlopen(target, timeout=5) as response:
                        assert response.status == 200, target
                    checked.add(target)
        assert len(checked) == 30  # the pages, .md, .json, all.ics and popolo.json (built --no-pdf)
    finally:
        server.shutdown()
        server.server_close()


def test_a_calendar_the_site_cannot_work_out_says_why_in_its_own_words(scratch: Path) -> None:
    """The schedule's errors name the options of `torctl schedule`; the site, which has none of them, says why
    no dates are published without them."""
    import datetime as dt

    from calendar_fixtures import FIXTURE_TERMS, write_calendar

    from torctl.data.load import load_tree
    from torctl.render.site import body_calendar

    for body, meetings in (
        ("solihull-sscp-executive", "  pattern: FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TU\n"),  # which months? no DTSTART
        ("solihull-elrag", "  dates: [2027-09-14]\n"),  # after the fixture's school year ends
    ):
        path = scratch / f"{body}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("\nmeetings:\n", f"\nmeetings:\n{meetings}", 1))
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    tree = load_tree(scratch)
    as_of = dt.date(2027, 1, 1)
    anchor, terms = (
        body_calendar(tree, tree.bodies[b], as_of, b)[1] for b in ("solihull-sscp-executive", "solihull-elrag")
    )
    assert anchor == (
        "Its meeting pattern (meetings.pattern) needs a start (DTSTART) to fix its days, "
        "so torctl publishes no dates rather than guess them."
    )
    assert terms is not None and terms.startswith("It meets in term time only, but ")
    assert terms.endswith(
        "calendars/solihull-school-terms.yaml records no term dates for 14 September 2027, a meeting date, "
        "so its dates are not published."
    )
