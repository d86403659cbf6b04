"""Every HTML page torctl writes in a real browser: the site, `render -f html`, the handbook and an agenda.
Every page loads, no link is broken, axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation and no best-practice
one (the Public Sector Bodies Accessibility Regulations 2018), no page scrolls sideways at 320 CSS pixels, every
keyboard stop shows an outline at 3:1, and print leaves out the site's banner and page tools.

One headless Chromium session (Debian's `chromium`, driven by npm's playwright-core, which downloads no
browser) loads every page; `check_pages.mjs` reports and the tests judge. `.ci/run` installs Chromium
and the npm packages (tests/browser/package-lock.json), so CI always runs these; locally they are
skipped only where Chromium is absent. The screenshots for docs/ are taken in the same session:
`TORCTL_UPDATE_SCREENSHOTS=1` writes them into docs/screenshots/ instead of a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from conftest import BODIES, BODY_IDS, ROOT

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
SCREENSHOTS = ROOT / "docs" / "screenshots"
EXAMPLES = ROOT / "docs" / "examples" / "bodies"
EXAMPLE_IDS = ("example-council-committee", "example-partnership", "example-school-governing-body")
AS_OF = "2026-12-04"
SHOTS = [  # (page, name, width, height)
    ("index.html", "site-index-desktop.png", 1280, 800),
    ("index.html", "site-index-phone.png", 390, 844),
    ("bodies/solihull-sscp-executive.html", "site-body-desktop.png", 1280, 800),
    ("bodies/solihull-sscp-executive.html", "site-body-phone.png", 390, 844),
]

BAD_PAGE = """<!DOCTYPE html>
<html><head><title>Faulty</title></head>
<body><header class="site-banner">Banner</header><img src="missing.png"><p style="color:#bbb;background:#fff">Faint text</p>
<a href="nowhere.html" style="outline: none">a page that is not there</a> <a href="#nothere">an anchor that is not there</a>
<table style="width: 600px"><tr><td>A table wider than a phone</td></tr></table></body></html>
"""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)"
)


@pytest.fixture(scope="module")
def browser_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from torctl.cli import main

    node = shutil.which("node")
    packages = (HERE / "node_modules" / "playwright-core").is_dir() and (HERE / "node_modules" / "axe-core").is_dir()
    if not (node and packages):
        why = (
            "Node.js is needed to drive Chromium (apt-get install nodejs npm)"
            if not node
            else "the browser checks' npm packages are missing: run `npm ci --prefix tests/browser`"
        )
        if os.environ.get("CI"):  # .ci/run installs both, so in CI a missing piece is a failure, not a skip
            pytest.fail(why)
        pytest.skip(why)
    work = tmp_path_factory.mktemp("browser")
    site, rendered = work / "site", work / "render"
    publisher = ["--contact", "access@example.org", "--publisher", "Example Partnership", "--last-tested", AS_OF]
    assert main(["--bodies", str(BODIES), "site", "-o", str(site), "--as-of", AS_OF, *publisher]) == 0
    assert main(["--bodies", str(BODIES), "render", "--all", "-f", "html", "-o", f"{rendered}/"]) == 0
    assert main(["--bodies", str(BODIES), "handbook", "-o", f"{rendered}/handbook.html", "--as-of", AS_OF]) == 0
    agenda = ["agenda", "solihull-lscp", "-d", "2026-12-10", "-f", "html", "--start", "14:00", "-o", f"{rendered}/"]
    assert main(["--bodies", str(BODIES), *agenda]) == 0
    examples = work / "examples-site"  # meeting records: the meetings pages with attendance and decisions
    assert main(
        ["--bodies", str(EXAMPLES), "site", "-o", str(examples), "--as-of", "2027-03-20", "--no-pdf", *publisher]
    ) in (0, 1)
    pages = sorted(str(p) for p in site.rglob("*.html")) + sorted(str(p) for p in rendered.glob("*.html"))
    pages += _minutes_pages(work / "minutes")
    pages += sorted(str(p) for p in examples.rglob("*.html"))
    # A page with known faults, checked in the same session, so the checks are seen to catch them.
    bad = work / "faulty" / "bad.html"
    bad.parent.mkdir()
    bad.write_text(BAD_PAGE, encoding="utf-8")
    pages.append(str(bad))
    shots_dir = SCREENSHOTS if os.environ.get("TORCTL_UPDATE_SCREENSHOTS") else work / "shots"
    shots_dir.mkdir(parents=True, exist_ok=True)
    shots = [
        {"page": str(site / page), "file": str(shots_dir / name), "width": w, "height": h} for page, name, w, h in SHOTS
    ]
    config = work / "config.json"
    config.write_text(json.dumps({"chromium": CHROMIUM, "pages": pages, "screenshots": shots}), encoding="utf-8")
    done = subprocess.run(
        [node, str(HERE / "check_pages.mjs"), str(config)], capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    report["site"], report["render"], report["shots"] = str(site), str(rendered), shots
    report["examples"], report["minutes"] = str(examples), str(work / "minutes")
    report["faulty"] = report["pages"].pop(str(bad))
    report["faulty_links"] = [link for link in report["links"] if link["from"] == str(bad)]
    report["links"] = [link for link in report["links"] if link["from"] != str(bad)]
    return report


EXAMPLES = ROOT / "docs" / "examples" / "bodies"


def _minutes_pages(directory: Path) -> list[str]:
    """`torctl minutes -f html` for every example meeting record: the minutes pages a clerk publishes."""
    from torctl.cli import main

    directory.mkdir()
    records = sorted((EXAMPLES / "attendance").rglob("*.yaml"))
    assert len(records) >= 3
    for record in records:
        argv = ["--bodies", str(EXAMPLES), "minutes", str(record), "-f", "html", "-o", f"{directory}/"]
        assert main(argv) == 0
    return sorted(str(p) for p in directory.glob("*.html"))


def test_the_minutes_pages_were_loaded(browser_report: dict) -> None:
    minutes = [page for page in browser_report["pages"] if "-minutes-" in Path(page).name]
    assert len(minutes) >= 3


def page_type(page: str, report: dict) -> str:
    """The kind of page, for counting: a site page by name, a body page, a rendered ToR, the handbook, an agenda."""
    path = Path(page)
    if "-minutes" in path.name:
        return "minutes"
    if path.is_relative_to(report["examples"]):
        return "site (example meetings): " + ("meetings page" if path.name.endswith("-meetings.html") else path.name)
    if path.is_relative_to(report["site"]):
        return "site: body page" if path.parent.name == "bodies" else f"site: {path.name}"
    if path.name == "handbook.html":
        return "handbook"
    return "agenda" if "-agenda-" in path.name else "render: ToR"


def test_every_html_page_torctl_writes_was_loaded(browser_report: dict) -> None:
    site, rendered = Path(browser_report["site"]), Path(browser_report["render"])
    loaded = set(browser_report["pages"])
    # Every HTML file the commands wrote, whatever its name: a new kind of page cannot go unchecked.
    written = {str(p) for p in site.rglob("*.html")} | {str(p) for p in rendered.glob("*.html")}
    written |= {str(p) for p in Path(browser_report["minutes"]).glob("*.html")}
    written |= {str(p) for p in Path(browser_report["examples"]).rglob("*.html")}
    assert written == loaded
    assert {str(site / n) for n in ("index.html", "map.html", "review.html", "accessibility.html")} <= loaded
    assert {str(site / "bodies" / f"{b}.html") for b in BODY_IDS} <= loaded
    assert {str(rendered / f"{b}.html") for b in BODY_IDS} <= loaded
    assert {str(rendered / "handbook.html"), str(rendered / "solihull-lscp-agenda-2026-12-10.html")} <= loaded
    examples = Path(browser_report["examples"]) / "bodies"
    assert {str(examples / f"{b}-meetings.html") for b in EXAMPLE_IDS} <= loaded


def test_pages_load_without_missing_assets_errors_or_scripts(browser_report: dict) -> None:
    for page, facts in browser_report["pages"].items():
        assert facts["ok"] and not facts["failed"], (page, facts["failed"])
        assert not facts["errors"], (page, facts["errors"])
        assert facts["scripts"] == 0, page  # counted before axe-core is injected: no page needs JavaScript
        assert facts["lang"] == "en-GB" and facts["title"], page


def test_no_internal_link_is_broken(browser_report: dict) -> None:
    links = browser_report["links"]
    assert len(links) > 100
    broken = [f"{link['from']} -> {link['raw']}" for link in links if not link.get("external") and not link["exists"]]
    assert not broken, broken
    missing = [f"{link['from']} -> {link['raw']}" for link in links if link.get("fragment_exists") is False]
    assert not missing, missing
    # Without --base-url the site points nowhere else but to the publisher's contact.
    assert {link["raw"] for link in links if link.get("external")} == {"mailto:access@example.org"}
    # Section anchors are used: the review page links into each body's #review section.
    assert any(link["raw"].endswith(".html#review") and link["fragment_exists"] for link in links)


def test_axe_finds_no_wcag_22_aa_or_best_practice_violation(browser_report: dict) -> None:
    violations = {
        page: [f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in facts["axe"]]
        for page, facts in browser_report["pages"].items()
        if facts["axe"]
    }
    counts: dict[str, list[int]] = {}
    for page, facts in browser_report["pages"].items():
        counts.setdefault(page_type(page, browser_report), []).append(len(facts["axe"]))
    print("axe violations by page type (pages: violations):", {k: f"{len(v)}: {sum(v)}" for k, v in counts.items()})
    assert not violations, json.dumps(violations, indent=2)


def test_no_page_scrolls_sideways_at_320_css_pixels(browser_report: dict) -> None:
    """WCAG 1.4.10: at 320 px wide the page reflows; a wide table scrolls inside its own region, not the page."""
    wide = {
        page: facts["narrow"]
        for page, facts in browser_report["pages"].items()
        if facts["narrow"]["scroll"] > facts["narrow"]["client"]
    }
    assert not wide, json.dumps(wide, indent=2)


def test_keyboard_focus_is_visible_at_3_to_1(browser_report: dict) -> None:
    """WCAG 2.4.7 and 1.4.11: every keyboard stop has an outline of 2 px or more, 3:1 against what it is drawn on."""
    faint = {}
    for page, facts in browser_report["pages"].items():
        stops = facts["focus"]
        assert stops and stops[0]["element"].startswith("a.skip"), page  # the first stop skips to the content
        bad = [s for s in stops if s["style"] == "none" or s["width"] < 2 or s["contrast"] < 3 or not s["shown"]]
        if bad:
            faint[page] = bad
    lowest: dict[str, float] = {}
    for page, facts in browser_report["pages"].items():
        kind = page_type(page, browser_report)
        lowest[kind] = min([lowest.get(kind, 99.0), *(s["contrast"] for s in facts["focus"])])
    print("lowest focus-outline contrast by page type:", lowest)
    assert not faint, json.dumps(faint, indent=2)
    site_index = browser_report["pages"][str(Path(browser_report["site"]) / "index.html")]["focus"]
    assert {s["behind"] for s in site_index} >= {"rgb(31, 59, 90)", "rgb(255, 255, 255)"}  # the banner and the page


def test_print_leaves_out_the_banner_page_tools_and_skip_link(browser_report: dict) -> None:
    printed = {page: facts["printed"] for page, facts in browser_report["pages"].items() if facts["printed"]}
    assert not printed, printed


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_screenshots_at_desktop_and_phone_widths(browser_report: dict) -> None:
    for shot in browser_report["shots"]:
        assert _png_size(Path(shot["file"])) == (shot["width"], shot["height"])


def test_the_checks_catch_a_faulty_page(browser_report: dict) -> None:
    faulty = browser_report["faulty"]
    assert {"html-has-lang", "image-alt", "color-contrast", "landmark-one-main"} <= {v["id"] for v in faulty["axe"]}
    assert faulty["narrow"]["scroll"] > faulty["narrow"]["client"]  # its wide table makes the page scroll
    assert faulty["printed"] == [".site-banner"]
    assert any(s["contrast"] < 3 or s["style"] == "none" for s in faulty["focus"])
    assert any("missing.png" in failure for failure in faulty["failed"])
    links = {link["raw"]: link for link in browser_report["faulty_links"]}
    assert links["nowhere.html"]["exists"] is False
    assert links["#nothere"]["fragment_exists"] is False
