// The new clinic's site in headless Chromium (.ci/new_clinic.sh builds it with
// the installed pawprint, from `pawprint init`, and serves its output/):
// - the starter article is found through the sitemap, by its title;
// - axe-core finds no WCAG 2.0 / 2.1 / 2.2 A or AA violations on the home page
//   and on the starter article, at 390px and 1280px, light and dark;
// - typing a word of the title into the home page's search box finds the article,
//   and the result links to its sheet;
// - every sheet link (on the article page and in the search result) answers
//   200 with application/pdf;
// - the Content-Security-Policy of output/_headers is the pages' own <meta>
//   policy plus frame-ancestors 'none'.
//
// usage: node new_clinic.mjs BASE_URL OUTPUT_DIR TITLE SCREENSHOT_DIR
import { launch, wcag } from "./chromium.mjs";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, output, title, shots] = process.argv.slice(2);
if (!base || !output || !title || !shots) {
  console.error("usage: node new_clinic.mjs BASE_URL OUTPUT_DIR TITLE SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
let failures = 0;
const fail = (message) => {
  failures += 1;
  console.error(`FAIL ${message}`);
};

// The starter article's path: the sitemap's page whose <h1> is the title.
const decode = (text) =>
  text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(decode(m[1])).pathname);
let article = null;
for (const path of paths) {
  const html = await (await fetch(base + path)).text();
  const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  if (h1 && decode(h1[1].replace(/<[^>]+>/g, "")).trim() === title) {
    article = path;
    break;
  }
}
if (!article) {
  console.error(`FAIL no page of the sitemap (${paths.length} pages) has the title "${title}"`);
  process.exit(1);
}
console.log(`the starter article "${title}" is at ${article}`);

const browser = await launch();

// axe on the home page and the article; the pages' policy, from their <meta>.
const policies = new Set();
const sheets = new Set();
for (const [name, path] of [
  ["home", "/"],
  ["article", article],
]) {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    const response = await page.goto(base + path, { waitUntil: "load" });
    if (!response || !response.ok()) fail(`${name}: HTTP ${response && response.status()}`);
    const found = await page.evaluate(() => ({
      policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
      sheets: [...document.querySelectorAll('a[href$=".pdf"]')].map((a) => a.href),
    }));
    policies.add(found.policy);
    for (const sheet of found.sheets) sheets.add(sheet);
    await page.evaluate(axeSource);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
        wcag,
      );
      for (const v of result.violations) {
        fail(`${name} @${width} ${scheme}: axe ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.error(`    ${node.target.join(" ")}: ${node.failureSummary}`);
      }
      console.log(`axe ${name} @${width} ${scheme}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.screenshot({ path: `${shots}/new-clinic-${name}-${width}.png`, fullPage: true });
    for (const problem of problems) fail(`${name} @${width}: ${problem}`);
    await context.close();
  }
}
if (![...sheets].some((href) => new URL(href).pathname.startsWith(article))) {
  fail(`the article page links to no sheet of its own (links: ${[...sheets].join(", ") || "none"})`);
}

// The search: a word of the title, typed into the home page's box.
const word = title.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0];
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "load" });
  await page.focus("#search-box");
  await page.keyboard.type(word, { delay: 30 });
  try {
    await page.waitForSelector(".search-result", { timeout: 20000 });
    const results = await page.evaluate(() =>
      [...document.querySelectorAll(".search-result")].map((r) => ({
        href: r.querySelector(".search-result-title")?.href || "",
        pdfs: [...r.querySelectorAll(".search-result-pdf")].map((a) => a.href),
      })),
    );
    const hit = results.find((r) => new URL(r.href).pathname === article);
    if (!hit) {
      fail(`search "${word}": the results (${results.map((r) => r.href).join(", ")}) lack ${article}`);
    } else {
      console.log(`search "${word}" finds ${article}, with ${hit.pdfs.length} sheet link(s)`);
      if (hit.pdfs.length === 0) fail(`search "${word}": the result has no sheet link`);
      for (const pdf of hit.pdfs) sheets.add(pdf);
    }
  } catch {
    fail(`search "${word}": no results`);
  }
  await page.screenshot({ path: `${shots}/new-clinic-search.png`, fullPage: true });
  await context.close();
}

// Every sheet link opens: 200, application/pdf.
{
  const context = await browser.newContext();
  for (const href of sheets) {
    const res = await context.request.get(href);
    const type = res.headers()["content-type"] || "";
    if (res.status() !== 200 || !type.startsWith("application/pdf")) {
      fail(`sheet ${href}: HTTP ${res.status()}, ${type || "no content type"}`);
    } else {
      console.log(`sheet ${new URL(href).pathname}: 200, ${type}`);
    }
  }
  await context.close();
}
await browser.close();

// The host's policy (output/_headers) is the pages' policy plus frame-ancestors,
// which only a header can set.
if (policies.size !== 1 || [...policies][0] === null) {
  fail(`the pages do not share one <meta> policy: ${JSON.stringify([...policies])}`);
} else {
  const meta = [...policies][0];
  const headers = readFileSync(`${output}/_headers`, "utf8");
  const lines = headers
    .split("\n")
    .filter((line) => /^\s+Content-Security-Policy:/i.test(line))
    .map((line) => line.replace(/^\s+Content-Security-Policy:\s*/i, "").trim());
  const want = `${meta}; frame-ancestors 'none'`;
  if (lines.length !== 1 || lines[0] !== want) {
    fail(`output/_headers' policy is ${JSON.stringify(lines)}, not "${want}"`);
  } else {
    console.log(`output/_headers: the pages' policy plus frame-ancestors 'none'`);
  }
}

if (failures > 0) {
  console.error(`${failures} problems on the new clinic's site`);
  process.exit(1);
}
console.log("the new clinic's site: every check passed");
