// Load HTML pages in the system's headless Chromium (one browser session for all of them) and report,
// as JSON on standard output: requests that failed (missing assets), console errors, every link with
// whether its target exists (file and #fragment), axe-core's WCAG 2.0/2.1/2.2 A and AA and best-practice
// violations, how wide the page is at 320 CSS pixels (reflow, WCAG 1.4.10), the focus indicator of the first
// FOCUS_STOPS keyboard stops and its contrast with what surrounds it (WCAG 1.4.11, 2.4.7), what of the site's
// chrome is still shown in print, and screenshots.
//
// Usage: node check_pages.mjs CONFIG.json, where CONFIG is
//   {"chromium": "/usr/bin/chromium", "pages": ["/abs/index.html", ...],
//    "screenshots": [{"page": "/abs/index.html", "file": "/abs/out.png", "width": 1280, "height": 800}]}
// playwright-core drives the browser given; it downloads none.
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const FOCUS_STOPS = 20;  // keyboard stops checked per page: the skip link, the banner, the page tools, the contents
const NARROW = 320;  // CSS pixels: 1280 at 400% zoom, the width WCAG 1.4.10 asks content to reflow to
const CHROME = [".site-banner", ".page-tools", ".skip"];  // what print must leave out

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const browser = await chromium.launch({
  executablePath: config.chromium,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],  // playwright gives every launch a new, empty --user-data-dir of its own
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const report = { pages: {}, links: [], screenshots: [] };
const idsOf = {};
const CONCURRENT = 3;

async function check(file) {
  const page = await context.newPage();
  const failed = [];
  const errors = [];
  page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  const url = pathToFileURL(file).href;
  const response = await page.goto(url, { waitUntil: "load" });
  const facts = await page.evaluate(() => ({
    title: document.title,
    lang: document.documentElement.lang,
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    links: [...document.querySelectorAll("a[href], link[href], img[src], script[src]")].map((e) => {
      const raw = e.getAttribute("href") ?? e.getAttribute("src");
      return { tag: e.tagName.toLowerCase(), raw, url: new URL(raw, document.baseURI).href, rel: e.getAttribute("rel") };
    }),
    scripts: document.querySelectorAll("script").length,
  }));
  await page.addScriptTag({ path: AXE });
  const axe = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
    }));
  }, TAGS);
  idsOf[file] = new Set(facts.ids);
  const focus = await focusStops(page);
  const printed = await printedChrome(page);
  const narrow = await widthAt(page, NARROW);
  report.pages[file] = {
    ok: response ? response.ok() : true, title: facts.title, lang: facts.lang, failed, errors, axe,
    scripts: facts.scripts, focus, printed, narrow,
  };
  for (const link of facts.links) report.links.push({ from: file, ...link });
  await page.close();
}

// The page's width and the viewport's at `width` CSS pixels: wider than the viewport means sideways scrolling.
async function widthAt(page, width) {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 800 });
  const size = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".wide")).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")),
  }));
  await page.setViewportSize(before);
  return { width, ...size };
}

// Tab through the first FOCUS_STOPS stops: each stop's outline and the contrast of its colour with the colour
// it is drawn on (the parent's background for an outline outside the element, the element's own inside it).
async function focusStops(page) {
  const stops = [];
  for (let i = 0; i < FOCUS_STOPS; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const parse = (c) => { const m = c.match(/[\d.]+/g).map(Number); return { rgb: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; };
      const background = (node) => {
        for (let n = node; n; n = n.parentElement) {
          const c = parse(getComputedStyle(n).backgroundColor);
          if (c.a > 0.5) return c.rgb;
        }
        return [255, 255, 255];
      };
      const lum = (rgb) => { const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
      const s = getComputedStyle(el);
      const offset = parseFloat(s.outlineOffset) || 0;
      const behind = offset < 0 ? background(el) : background(el.parentElement || el);
      const colour = parse(s.outlineColor).rgb;
      const rect = el.getBoundingClientRect();
      return {
        element: el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "") + (el.getAttribute("href") ? `[href=${el.getAttribute("href")}]` : ""),
        style: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, colour: s.outlineColor,
        behind: `rgb(${behind.join(", ")})`, contrast: Math.round(ratio(colour, behind) * 100) / 100,
        shown: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
      };
    });
    if (stop === null) break;
    stops.push(stop);
  }
  return stops;
}

// Which of the site's chrome (banner, page tools, skip link) is still displayed when the page is printed.
async function printedChrome(page) {
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate((selectors) => selectors.filter((sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== "none")), CHROME);
  await page.emulateMedia({ media: "screen" });
  return shown;
}

try {
  // A few pages at a time in the one browser: axe-core's run dominates, and pages are independent.
  const queue = [...config.pages];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await check(file);
  };
  await Promise.all(Array.from({ length: CONCURRENT }, worker));
  report.links.sort((a, b) => (a.from + a.raw < b.from + b.raw ? -1 : 1));
  for (const link of report.links) {
    const target = new URL(link.url);
    if (target.protocol !== "file:") { link.external = true; continue; }
    const targetPath = fileURLToPath(new URL(target.pathname, "file://"));
    link.target = targetPath;
    link.exists = fs.existsSync(targetPath) && fs.statSync(targetPath).isFile();
    if (link.exists && target.hash) {
      const ids = idsOf[targetPath] ?? new Set([...fs.readFileSync(targetPath, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      link.fragment = decodeURIComponent(target.hash.slice(1));
      link.fragment_exists = ids.has(link.fragment);
    }
  }
  for (const shot of config.screenshots ?? []) {
    const page = await context.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.goto(pathToFileURL(shot.page).href, { waitUntil: "load" });
    await page.screenshot({ path: shot.file, fullPage: false });
    report.screenshots.push(shot.file);
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report) + "\n");
