// Loads the built site in headless Chromium (Debian's package), checks that pages
// render without console errors or failed requests, that nothing scrolls sideways
// at 320px, and saves screenshots at 390px and 1280px wide.
//
// usage: node check.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node check.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const pages = [
  ["home", "/"],
  ["article", "/dogs/anal-gland-leakage/"],
  ["section", "/dogs/"],
  ["404", "/404.html"],
];
const widths = [390, 1280];

const browser = await chromium.launch({
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
});

let failures = 0;
const fail = (message) => {
  failures += 1;
  console.error(`FAIL ${message}`);
};

for (const [name, path] of pages) {
  for (const width of [320, ...widths]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
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
    const title = await page.title();
    if (!title) fail(`${name}: empty <title>`);
    const h1 = await page.locator("h1").count();
    if (h1 !== 1) fail(`${name} @${width}px: ${h1} h1 elements`);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (sideways > 0) fail(`${name} @${width}px: scrolls sideways by ${sideways}px`);
    const fontSize = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector("main p") || document.body).fontSize),
    );
    if (fontSize < 18) fail(`${name} @${width}px: body text is ${fontSize}px, below 18px`);
    for (const problem of problems) fail(`${name} @${width}px: ${problem}`);
    if (widths.includes(width)) {
      const file = `${shots}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(`saved ${file}`);
    }
    await context.close();
  }
}

await browser.close();
if (failures > 0) {
  console.error(`${failures} browser check(s) failed`);
  process.exit(1);
}
console.log(`browser checks passed: ${pages.length} pages at 320, 390 and 1280px`);
