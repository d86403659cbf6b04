"""The site and `torctl render -f html` in a real browser: every page loads, no link is broken, and
axe-core finds no WCAG 2.2 AA violation (the Public Sector Bodies Accessibility Regulations 2018).

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
EXAMPLE_IDS = ("example-council-committee", "example-school-governing-body")
AS_OF = "2026-12-04"
SHOTS = [  # (page, name, width, height)
    ("index.html", "site-index-desktop.png", 1280, 800),
    ("index.html", "site-index-phone.png", 390, 844),
    ("bodies/solihull-sscp-executive.html", "site-body-desktop.png", 1280, 800),
    ("bodies/solihull-sscp-executive.html", "site-body-phone.png", 390, 844),
]

BAD_PAGE = """<!DOCTYPE html>
<html><head><title>Faulty</title></head>
<body><img src="missing.png"><p style="color:#bbb;background:#fff">Faint text</p>
<a href="nowhere.html">a page that is not there</a> <a href="#nothere">an anchor that is not there</a></body></html>
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
    assert main(["--bodies", str(BODIES), "site", "-o", str(site), "--as-of", AS_OF]) == 0
    assert main(["--bodies", str(BODIES), "render", "--all", "-f", "html", "-o", f"{rendered}/"]) == 0
    examples = work / "examples-site"  # meeting records: the meetings pages with attendance and decisions
    assert main(["--bodies", str(EXAMPLES), "site", "-o", str(examples), "--as-of", "2027-01-25"]) in (0, 1)
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
    report["examples"] = str(examples)
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


def test_every_page_of_the_site_and_every_render_was_loaded(browser_report: dict) -> None:
    site = Path(browser_report["site"])
    loaded = set(browser_report["pages"])
    assert {str(site / "index.html"), str(site / "map.html"), str(site / "review.html")} <= loaded
    assert {str(site / "bodies" / f"{b}.html") for b in BODY_IDS} <= loaded
    assert {str(Path(browser_report["render"]) / f"{b}.html") for b in BODY_IDS} <= loaded
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
    assert not [link for link in links if link.get("external")]  # without --base-url the site points nowhere else
    # Section anchors are used: the review page links into each body's #review section.
    assert any(link["raw"].endswith(".html#review") and link["fragment_exists"] for link in links)


def test_axe_finds_no_wcag_22_aa_violation(browser_report: dict) -> None:
    violations = {
        page: [f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in facts["axe"]]
        for page, facts in browser_report["pages"].items()
        if facts["axe"]
    }
    assert not violations, json.dumps(violations, indent=2)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_screenshots_at_desktop_and_phone_widths(browser_report: dict) -> None:
    for shot in browser_report["shots"]:
        assert _png_size(Path(shot["file"])) == (shot["width"], shot["height"])


def test_the_checks_catch_a_faulty_page(browser_report: dict) -> None:
    faulty = browser_report["faulty"]
    assert {"html-has-lang", "image-alt", "color-contrast"} <= {v["id"] for v in faulty["axe"]}
    assert any("missing.png" in failure for failure in faulty["failed"])
    links = {link["raw"]: link for link in browser_report["faulty_links"]}
    assert links["nowhere.html"]["exists"] is False
    assert links["#nothere"]["fragment_exists"] is False
