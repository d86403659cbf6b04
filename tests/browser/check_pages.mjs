// Load HTML pages in the system's headless Chromium (one browser session for all of them) and report,
// as JSON on standard output: requests that failed (missing assets), console errors, every link with
// whether its target exists (file and #fragment), axe-core's WCAG 2.2 AA violations, and screenshots.
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
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

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
  report.pages[file] = { ok: response ? response.ok() : true, title: facts.title, lang: facts.lang, failed, errors, axe, scripts: facts.scripts };
  for (const link of facts.links) report.links.push({ from: file, ...link });
  await page.close();
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
