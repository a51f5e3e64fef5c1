// Loads the built site in headless Chromium (Debian's package) and checks each page
// type (home, article, species list, 404):
// - it renders without console errors or failed requests;
// - axe-core finds no WCAG 2.0 / 2.1 / 2.2 A or AA violations (at 1280px and 390px);
// - nothing scrolls sideways at 320px wide, or at 200% zoom on a 1280px screen;
// - body text is at least 18px;
// and saves screenshots at 320px, 390px, 1280px and 200% zoom.
//
// usage: node check.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node check.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const pages = [
  ["home", "/"],
  ["article", "/dogs/anal-gland-leakage/"],
  ["species-list", "/dogs/"],
  ["404", "/404.html"],
];
// width, height, device scale, label. 640 CSS px at scale 2 is a 1280px screen at 200% zoom.
const views = [
  [320, 800, 1, "320"],
  [390, 844, 1, "390"],
  [1280, 900, 1, "1280"],
  [640, 450, 2, "zoom200"],
];
const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const launchOptions = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
// Chromium occasionally crashes while starting on a loaded CI machine (seen once:
// SIGSEGV before any page). Try the launch up to three times; page checks are not retried.
let browser;
for (let attempt = 1; ; attempt += 1) {
  try {
    browser = await chromium.launch(launchOptions);
    break;
  } catch (error) {
    if (attempt === 3) throw error;
    console.error(`chromium failed to start (attempt ${attempt}): ${String(error.message).split("\n")[0]}; retrying`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

let failures = 0;
let violationsFound = 0;
const fail = (message) => {
  failures += 1;
  console.error(`FAIL ${message}`);
};

for (const [name, path] of pages) {
  for (const [width, height, scale, label] of views) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
    page.on("response", (res) => {
      if (res.status() >= 400 && !res.url().endsWith("/404.html")) {
        problems.push(`HTTP ${res.status()}: ${res.url()}`);
      }
    });
    const response = await page.goto(base + path, { waitUntil: "load" });
    if (!response || !response.ok()) fail(`${name}: HTTP ${response && response.status()}`);
    if (!(await page.title())) fail(`${name}: empty <title>`);
    const h1 = await page.locator("h1").count();
    if (h1 !== 1) fail(`${name} @${label}: ${h1} h1 elements`);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (sideways > 0) fail(`${name} @${label}: scrolls sideways by ${sideways}px`);
    const fontSize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector("main p") || document.body).fontSize),
    );
    if (fontSize < 18) fail(`${name} @${label}: body text is ${fontSize}px, below 18px`);
    if (label === "1280" || label === "390") {
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
        wcag,
      );
      for (const v of result.violations) {
        violationsFound += 1;
        fail(`${name} @${label}: axe ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.error(`    ${node.target.join(" ")}: ${node.failureSummary}`);
      }
      console.log(`axe ${name} @${label}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    }
    for (const problem of problems) fail(`${name} @${label}: ${problem}`);
    const file = `${shots}/${name}-${label}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${file}`);
    await context.close();
  }
}

await browser.close();
if (failures > 0) {
  console.error(`${failures} browser check(s) failed (${violationsFound} axe violations)`);
  process.exit(1);
}
console.log(`browser checks passed: ${pages.length} page types; 0 axe violations (${wcag.join(", ")}); no sideways scrolling at 320px or 200% zoom`);
