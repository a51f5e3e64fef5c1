// Loads the built site in headless Chromium (Debian's package) and checks each page
// type (home, article, species list, 404):
// - it renders without console errors or failed requests;
// - axe-core finds no WCAG 2.0 / 2.1 / 2.2 A or AA violations (at 1280px and 390px),
//   in the light and in the dark colour scheme;
// - nothing scrolls sideways at 320px wide, or at 200% zoom on a 1280px screen;
// - body text is at least 18px;
// - the stylesheet applied;
// - on the article page, the call-us panel and the signs come before the body, and
//   the call-us panel starts on the first screen; the table of contents is folded
//   (<details>) at 390px and open at 1280px;
// - the home page shows the site title once and the clinic's email once;
// - the article page printed to PDF (Letter and A4, background graphics off, as a
//   browser prints by default) has the call-us heading, the phone number and every
//   sign on page 1 (read with pdftotext), and under print media no text is below
//   12pt (16px);
// and saves screenshots at 320px, 390px, 1280px and 200% zoom (and dark ones at 390px
// and 1280px), the printed PDFs and a PNG of each printed page (pdftoppm -r 80).
// With PREVIEW_URL (the address of `pawprint serve`, the guide's way to look at a
// built site), it also opens the home page there, follows a link to an article, and
// checks that both pages are styled.
//
// usage: node check.mjs BASE_URL SCREENSHOT_DIR [PREVIEW_URL]
import { launch, wcag } from "./chromium.mjs";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const axeSource = readFileSync(axePath, "utf8");
const [base, shots, preview] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node check.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const pages = [
  ["home", "/"],
  ["article", "/dogs/anal-gland-leakage/"],
  ["species-list", "/dogs/"],
  ["handouts", "/handouts/"],
  ["404", "/404.html"],
  ["es-home", "/es/"],
  ["es-article", "/es/perros/glandulas-anales/"],
  ["es-species-list", "/es/perros/"],
  ["es-404", "/es/404.html"],
];
// width, height, device scale, label. 640 CSS px at scale 2 is a 1280px screen at 200% zoom.
const views = [
  [320, 800, 1, "320"],
  [390, 844, 1, "390"],
  [1280, 900, 1, "1280"],
  [640, 450, 2, "zoom200"],
];

const browser = await launch();

// True when the page's own stylesheet loaded and its rules are in use.
async function stylesheetApplied(page) {
  return page.evaluate(() => {
    const sheets = [...document.styleSheets].filter((sheet) => sheet.href && sheet.href.endsWith("style.css"));
    if (sheets.length === 0) return false;
    try {
      if (sheets.some((sheet) => sheet.cssRules.length === 0)) return false;
    } catch {
      return false;
    }
    // The skip link is moved off screen by the stylesheet alone.
    const skip = document.querySelector(".skip-link");
    return !skip || skip.getBoundingClientRect().bottom < 0;
  });
}

// What a worried owner on a phone needs first: the call-us panel and the signs come
// before the long body, the call-us panel starts on the first screen, and the table of
// contents is folded on a phone (open on a wide screen).
async function articleLayout(page, screenHeight, phone) {
  const found = await page.evaluate(() => {
    const top = (selector) => {
      const element = document.querySelector(selector);
      return element ? element.getBoundingClientRect().top + window.scrollY : null;
    };
    const shown = (selector) => {
      const element = document.querySelector(selector);
      return !!element && element.getClientRects().length > 0;
    };
    const folded = document.querySelector(".toc-folded details");
    return {
      callUs: top(".call-us"),
      signs: top(".checklist"),
      body: top(".article-body"),
      foldedShown: shown(".toc-folded"),
      foldedOpen: !!folded && folded.open,
      openShown: shown(".toc-open"),
      hasToc: !!document.querySelector(".toc"),
    };
  });
  const problems = [];
  if (found.callUs === null || found.signs === null || found.body === null) {
    problems.push("the call-us panel, the signs or the body is missing");
    return problems;
  }
  if (found.callUs > found.body) problems.push("the call-us panel comes after the body");
  if (found.signs > found.body) problems.push("the signs checklist comes after the body");
  if (found.callUs >= screenHeight) {
    problems.push(`the call-us panel starts at ${Math.round(found.callUs)}px, below the first screen (${screenHeight}px)`);
  }
  if (found.hasToc && phone && (!found.foldedShown || found.foldedOpen || found.openShown)) {
    problems.push("the table of contents is not folded on a phone");
  }
  if (found.hasToc && !phone && (found.foldedShown || !found.openShown)) {
    problems.push("the table of contents is not open on a wide screen");
  }
  return problems;
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
    await listenForPolicyViolations(page);
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
    if (!(await stylesheetApplied(page))) fail(`${name} @${label}: the stylesheet did not apply`);
    if (name === "article" && (label === "390" || label === "1280")) {
      for (const problem of await articleLayout(page, height, label === "390")) fail(`${name} @${label}: ${problem}`);
    }
    if (name === "home") {
      const shown = await page.evaluate(() => ({
        title: [...document.querySelectorAll("body *")].filter(
          (e) => e.children.length === 0 && e.textContent.trim() === document.title,
        ).length,
        email: document.querySelectorAll('a[href^="mailto:"]').length,
      }));
      if (shown.title !== 1) fail(`${name} @${label}: the site title is shown ${shown.title} times, not once`);
      if (shown.email !== 1) fail(`${name} @${label}: the clinic's email is shown ${shown.email} times, not once`);
    }
    if (label === "1280" || label === "390") {
      // Evaluated by the browser's tools, not as an inline <script>, which the page's policy refuses.
      await page.evaluate(axeSource);
      // Both colour schemes: the light one, then the dark one a phone at night asks for.
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
          wcag,
        );
        for (const v of result.violations) {
          violationsFound += 1;
          fail(`${name} @${label} ${scheme}: axe ${v.id} (${v.impact}): ${v.help}`);
          for (const node of v.nodes.slice(0, 5)) console.error(`    ${node.target.join(" ")}: ${node.failureSummary}`);
        }
        console.log(`axe ${name} @${label} ${scheme}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
        if (scheme === "dark") {
          await page.screenshot({ path: `${shots}/${name}-${label}-dark.png`, fullPage: true });
        }
      }
      await page.emulateMedia({ colorScheme: "light" });
    }
    for (const problem of await policyProblems(page)) fail(`${name} @${label}: ${problem}`);
    for (const problem of problems) fail(`${name} @${label}: ${problem}`);
    const file = `${shots}/${name}-${label}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${file}`);
    await context.close();
  }
}

// Text as pdftotext and the DOM give it, with runs of white space as one space.
const squash = (text) => text.replace(/\s+/g, " ").trim();

// Ctrl-P on the article page: what an owner needs is on page 1, and nothing printed
// is under 12pt.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + "/dogs/anal-gland-leakage/", { waitUntil: "load" });
  // Print media in the dark scheme: print stays light, and the sizes are the printed ones.
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  const printed = await page.evaluate(() => {
    const small = [];
    const visible = (element) => element.getClientRects().length > 0;
    for (const element of document.querySelectorAll("body *")) {
      if (!visible(element)) continue;
      const ownText = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (ownText && size < 16) small.push(`${element.tagName.toLowerCase()}.${element.className}: ${size}px`);
      for (const pseudo of ["::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const content = style.content;
        if (content && content !== "none" && content !== "normal" && content !== '""' && parseFloat(style.fontSize) < 16) {
          small.push(`${element.tagName.toLowerCase()}${pseudo}: ${style.fontSize}`);
        }
      }
    }
    const body = getComputedStyle(document.body);
    return {
      small,
      colour: body.color,
      background: body.backgroundColor,
      heading: document.querySelector(".call-us h2").textContent.replace("!", ""),
      phone: document.querySelector(".call-now a").textContent,
      signs: [...document.querySelectorAll(".signs li")].map((li) => li.textContent),
      sheet: (document.querySelector(".print-only") || { textContent: "" }).textContent,
    };
  });
  for (const item of printed.small.slice(0, 10)) fail(`article print: text under 12pt: ${item}`);
  if (printed.colour !== "rgb(0, 0, 0)" || printed.background !== "rgb(255, 255, 255)") {
    fail(`article print: not black on white in the dark scheme (${printed.colour} on ${printed.background})`);
  }
  if (!printed.sheet.includes(".pdf")) fail("article print: no line with the handout's address");
  if (printed.signs.length === 0) fail("article print: no signs found");
  for (const format of ["Letter", "A4"]) {
    const file = `${shots}/article-print-${format.toLowerCase()}.pdf`;
    await page.pdf({ path: file, format, printBackground: false });
    const first = squash(execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", file, "-"], { encoding: "utf8" }));
    const pages = (execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/) || [])[1];
    for (const [what, text] of [
      ["the call-us heading", printed.heading],
      ["the phone number", printed.phone],
      ...printed.signs.map((sign) => ["a sign", sign]),
    ]) {
      if (!first.includes(squash(text))) fail(`article print ${format}: ${what} is not on page 1: "${squash(text)}"`);
    }
    // The address may break after a "/" (never at a hyphen, so no "-" ends a line in it).
    const joined = first.replace(/\/ /g, "/");
    if (!joined.includes(squash(printed.sheet))) fail(`article print ${format}: the handout's address is not whole on page 1`);
    const stem = `${shots}/article-print-${format.toLowerCase()}`;
    execFileSync("pdftoppm", ["-r", "80", "-png", file, stem]);
    const images = readdirSync(shots).filter((f) => f.startsWith(`article-print-${format.toLowerCase()}-`)).length;
    console.log(`print ${format}: ${pages} pages; call-us, phone and ${printed.signs.length} signs on page 1; ${images} page images saved`);
  }
  await context.close();
}

if (preview) {
  // The guide says: build, then look at the site with `pawprint serve`.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await listenForPolicyViolations(page);
  const streams = countEventStreams(page);
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(preview + "/", { waitUntil: "load" });
  for (const problem of await previewReloads(page, streams, 1)) fail(`preview home: ${problem}`);
  if (!(await stylesheetApplied(page))) fail("preview home: the stylesheet did not apply");
  const link = page.locator("main a.listing-title").first();
  if ((await link.count()) === 0) {
    fail("preview home: no link to an article");
  } else {
    await Promise.all([page.waitForURL((url) => url.href !== preview + "/"), link.click()]);
    await page.waitForLoadState("load");
    if (!(await stylesheetApplied(page))) fail(`preview article ${page.url()}: the stylesheet did not apply`);
    for (const problem of await articleLayout(page, 844, true)) fail(`preview article: ${problem}`);
    for (const problem of await previewReloads(page, streams, 2)) fail(`preview article: ${problem}`);
    console.log(`preview: home and ${page.url()} are styled`);
  }
  for (const problem of problems) fail(`preview: ${problem}`);
  await context.close();
}

for (const problem of await policyBlocksInjectedScript(browser, base)) fail(`policy: ${problem}`);

// ---- Search and the handouts page (issue 12) ----
for (const problem of await searchChecks(browser, base)) fail(`search: ${problem}`);
for (const problem of await handoutFilterChecks(browser, base)) fail(`handouts: ${problem}`);
if (preview) {
  const found = await searchFor(browser, preview, "/", process.env.SEARCH_QUERY_EN || "scoot", 390);
  for (const problem of found.problems) fail(`search in the serve preview: ${problem}`);
  if (found.first && !found.first.endsWith("/dogs/anal-gland-leakage/")) {
    fail(`search in the serve preview: the first result is ${found.first}`);
  }
  if (found.first) console.log(`search in the serve preview: "scoot" finds ${found.first} first`);
}

await browser.close();
if (failures > 0) {
  console.error(`${failures} browser check(s) failed (${violationsFound} axe violations)`);
  process.exit(1);
}
console.log(`browser checks passed: ${pages.length} page types; 0 axe violations (${wcag.join(", ")}); no sideways scrolling at 320px or 200% zoom`);

// ---- The script policy (issue 16, section 5) ----
// Every page carries a Content Security Policy in a <meta http-equiv> tag. These
// checks prove the browser enforces it: an injected inline handler and inline
// script do not run, and no page that pawprint built (or serve shows) breaks it.

// Records every policy violation of the page in window.__policyViolations. The
// recorder is added by the browser's tools, so the policy does not apply to it.
async function listenForPolicyViolations(page) {
  await page.addInitScript(() => {
    window.__policyViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__policyViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`);
    });
  });
}

// The policy the page carries, and the violations it recorded.
async function policyProblems(page) {
  const found = await page.evaluate(() => ({
    policy: document.querySelector('head > meta[http-equiv="Content-Security-Policy"]')?.content || "",
    first: document.head.firstElementChild?.getAttribute("charset") !== null &&
      document.head.children[1]?.getAttribute("http-equiv") === "Content-Security-Policy",
    violations: window.__policyViolations || [],
    data: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
      try {
        JSON.parse(s.textContent);
        return true;
      } catch {
        return false;
      }
    }),
  }));
  const problems = [];
  if (!found.policy.includes("script-src 'self'")) problems.push(`no script policy (found "${found.policy}")`);
  // 'wasm-unsafe-eval' lets the site's own search reader compile WebAssembly; it
  // allows no inline script and no eval() of JavaScript.
  const loose = found.policy.split(/[ ;]+/).filter((part) => part.includes("unsafe") && part !== "'wasm-unsafe-eval'");
  if (loose.length > 0) problems.push(`the policy allows unsafe script or style: ${found.policy}`);
  if (!found.first) problems.push("the policy is not right after the charset");
  for (const v of found.violations) problems.push(`policy violation: ${v}`);
  if (found.data.includes(false)) problems.push("a JSON-LD block does not parse");
  return problems;
}

// A copy of a built article page with an inline event handler, an inline script
// and a style attribute slipped in, served at a made-up address of the site. None
// of them may take effect, and the browser reports each one. The untouched page,
// next to it, reports nothing and its JSON-LD still reads.
async function policyBlocksInjectedScript(browser, base) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const original = await context.request.get(base + "/dogs/anal-gland-leakage/");
  const html = await original.text();
  const injected = html.replace(
    "<main",
    '<img src="x-missing.png" alt="" onerror="window.__pwned=1">' +
      "<script>window.__pwnedInline=1</script>" +
      '<p id="styled" style="color: rgb(255, 0, 0)">x</p><main',
  );
  if (injected === html) problems.push("could not inject into the article page");
  const address = base + "/dogs/anal-gland-leakage/injected.html";
  await context.route(address, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: injected }),
  );
  for (const [url, hostile] of [
    [base + "/dogs/anal-gland-leakage/", false],
    [address, true],
  ]) {
    const page = await context.newPage();
    await listenForPolicyViolations(page);
    await page.goto(url, { waitUntil: "load" });
    // The failed picture fires its error event after load; give it a moment.
    await page.waitForFunction(() => document.querySelector('img[src="x-missing.png"]')?.complete ?? true);
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => ({
      pwned: window.__pwned,
      inline: window.__pwnedInline,
      colour: document.getElementById("styled") ? getComputedStyle(document.getElementById("styled")).color : null,
      violations: window.__policyViolations || [],
      data: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)["@type"] || null,
    }));
    if (found.pwned !== undefined) problems.push(`${url}: the injected onerror handler ran`);
    if (found.inline !== undefined) problems.push(`${url}: the injected inline script ran`);
    if (found.colour === "rgb(255, 0, 0)") problems.push(`${url}: the injected style attribute applied`);
    if (!found.data) problems.push(`${url}: the JSON-LD block has no @type`);
    if (hostile) {
      const kinds = ["script-src-attr", "script-src-elem", "style-src-attr"];
      for (const kind of kinds) {
        if (!found.violations.some((v) => v.startsWith(kind))) {
          problems.push(`${url}: no ${kind} violation reported (got ${JSON.stringify(found.violations)})`);
        }
      }
      console.log(`policy: the injected page reported ${found.violations.length} violations (${found.violations.join("; ")})`);
    } else if (found.violations.length > 0) {
      problems.push(`${url}: violations on the built page: ${found.violations.join("; ")}`);
    }
    await page.close();
  }
  await context.close();
  return problems;
}

// Counts the event streams the page's reload script opens in serve.
function countEventStreams(page) {
  const streams = { opened: 0 };
  page.on("request", (request) => {
    if (request.url().includes("/__pawprint/events?v=")) streams.opened += 1;
  });
  return streams;
}

// In serve, the page loads the reload script as a file and opens its event
// stream (the `want`th of this tab), with no policy violation.
async function previewReloads(page, streams, want) {
  const problems = [];
  for (let waited = 0; streams.opened < want && waited < 5000; waited += 100) {
    await page.waitForTimeout(100);
  }
  if (streams.opened < want) problems.push("the reload script did not open its event stream");
  problems.push(...(await policyProblems(page)));
  return problems;
}

// Types `query` into the home page's search box at `home`, reaching the box with
// the Tab key only, waits for the results, and returns the first result's link,
// what the results show, and the bytes the browser fetched for the search.
async function searchFor(browser, site, home, query, width, runAxe = false) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await listenForPolicyViolations(page);
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  let counting = false;
  let bytes = 0;
  const fetched = [];
  // The context sees the requests of the page and of its search worker.
  context.on("response", async (res) => {
    if (!counting) return;
    try {
      const body = await res.body();
      bytes += body.length;
      fetched.push(`${res.url().replace(site, "")} ${body.length}`);
    } catch {
      // A response without a body (a redirect) downloads nothing.
    }
  });
  await page.goto(site + home, { waitUntil: "load" });
  const before = await page.evaluate(() => ({
    box: !document.querySelector("[data-search]")?.hidden,
    fallback: !document.querySelector("[data-search-fallback]")?.hidden,
    script: performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/search.js")).map((e) => e.encodedBodySize),
  }));
  if (!before.box) problems.push("the search box is hidden with JavaScript on");
  if (before.fallback) problems.push("the no-script link still shows with JavaScript on");
  bytes += before.script.reduce((a, b) => a + b, 0);
  // Keyboard only: Tab from the top of the page to the box.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "search-box");
  }
  if (!reached) {
    problems.push("the Tab key never reaches the search box");
    await context.close();
    return { problems };
  }
  counting = true;
  await page.keyboard.type(query, { delay: 30 });
  try {
    await page.waitForSelector(".search-result", { timeout: 20000 });
  } catch {
    problems.push(`no results for "${query}"`);
    await context.close();
    return { problems };
  }
  await page.waitForTimeout(500);
  counting = false;
  const shown = await page.evaluate(() => {
    const first = document.querySelector(".search-result");
    return {
      first: first.querySelector(".search-result-title").href,
      title: first.querySelector(".search-result-title").textContent,
      species: first.querySelector(".search-result-species")?.textContent || "",
      summary: first.querySelector(".search-result-summary")?.textContent || "",
      pdfs: [...first.querySelectorAll(".search-result-pdf")].map((a) => ({ href: a.href, target: a.target, note: a.querySelector(".visually-hidden")?.textContent || "" })),
      status: document.querySelector("#search-status").textContent,
      live: document.querySelector("#search-status").getAttribute("aria-live"),
    };
  });
  if (!shown.title) problems.push("the first result has no title");
  if (!shown.species) problems.push("the first result shows no species");
  if (!shown.summary) problems.push("the first result shows no summary");
  if (shown.pdfs.length === 0) problems.push("the first result has no link to a handout PDF");
  for (const pdf of shown.pdfs) {
    if (!pdf.href.endsWith(".pdf")) problems.push(`a handout link is not a PDF: ${pdf.href}`);
    if (pdf.target !== "_blank" || !pdf.note) problems.push(`a handout link does not open in a new tab, or does not say so: ${pdf.href}`);
    const res = await context.request.get(pdf.href);
    if (!res.ok()) problems.push(`HTTP ${res.status()}: ${pdf.href}`);
  }
  if (!shown.status || shown.live !== "polite") problems.push(`the live region does not announce the count ("${shown.status}")`);
  // The species filter, when the site has more than one animal: the result's own
  // animal keeps it; each other animal drops it.
  const animals = await page.evaluate(() =>
    [...document.querySelectorAll("#search-species option")].map((o) => o.value).filter(Boolean),
  );
  for (const animal of animals) {
    await page.selectOption("#search-species", animal);
    await page.waitForTimeout(800);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll(".search-result-title")].map((a) => a.href));
    const kept = hrefs.includes(shown.first);
    const its = shown.species.split(", ").includes(animal);
    if (kept !== its) problems.push(`the species filter "${animal}" ${kept ? "keeps" : "drops"} ${shown.first}`);
  }
  if (animals.length > 0) {
    await page.selectOption("#search-species", "");
    await page.waitForTimeout(800);
    await page.focus("#search-box");
    console.log(`search: the species filter checked for ${animals.join(", ")}`);
  }
  // The first result is reached with Tab too.
  let onResult = false;
  for (let i = 0; i < 5 && !onResult; i += 1) {
    await page.keyboard.press("Tab");
    onResult = await page.evaluate(() => document.activeElement?.classList.contains("search-result-title"));
  }
  if (!onResult) problems.push("the Tab key does not reach the first result");
  if (runAxe) {
    await page.evaluate(axeSource);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
        wcag,
      );
      for (const v of result.violations) {
        violationsFound += 1;
        problems.push(`axe with results @${width} ${scheme}: ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.error(`    ${node.target.join(" ")}: ${node.failureSummary}`);
      }
      console.log(`axe search results ${home} @${width} ${scheme}: ${result.violations.length} violations`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.screenshot({ path: `${shots}/search${home.replaceAll("/", "-")}${width}.png`, fullPage: true });
  }
  problems.push(...(await policyProblems(page)));
  await context.close();
  return { problems, first: shown.first, bytes, fetched };
}

// The search on the English home page and, when the site has Spanish pages, on
// the Spanish one; the box without JavaScript; the bytes a first search fetches.
async function searchChecks(browser, base) {
  const problems = [];
  const budget = 300 * 1024;
  const english = process.env.SEARCH_QUERY_EN || "scoot";
  for (const width of [390, 1280]) {
    const found = await searchFor(browser, base, "/", english, width, true);
    problems.push(...found.problems.map((p) => `en "${english}" @${width}: ${p}`));
    if (found.first && !found.first.endsWith("/dogs/anal-gland-leakage/")) {
      problems.push(`en "${english}": the first result is ${found.first}, not the sample article`);
    }
    if (found.first && width === 1280) {
      console.log(`search en: "${english}" finds ${found.first} first; the first search fetched ${(found.bytes / 1024).toFixed(1)} KB:\n    ${found.fetched.join("\n    ")}`);
      if (found.bytes > budget) problems.push(`a first search fetched ${found.bytes} bytes, over ${budget}`);
    }
  }

  // Spanish: the sample article's translation, found by a word of its signs.
  const article = await (await fetch(base + "/dogs/anal-gland-leakage/")).text();
  const spanishLink = article.match(/<link rel="alternate" hreflang="es" href="https?:\/\/[^/]+(\/[^"]*)">/);
  if (!spanishLink) {
    console.log("search es: skipped: the sample article has no Spanish version in this site");
  } else {
    const path = spanishLink[1];
    const page = await (await fetch(base + path)).text();
    const signs = [...page.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    let query = process.env.SEARCH_QUERY_ES || "arrastra";
    if (!signs.some((sign) => sign.toLowerCase().includes(query.toLowerCase().slice(0, 6)))) {
      // The word is not in this version's signs: take the longest word of them.
      const words = signs.join(" ").split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length);
      query = words[0] || query;
    }
    for (const width of [390, 1280]) {
      const found = await searchFor(browser, base, "/es/", query, width, true);
      problems.push(...found.problems.map((p) => `es "${query}" @${width}: ${p}`));
      if (found.first && !found.first.endsWith(path)) {
        problems.push(`es "${query}": the first result is ${found.first}, not ${path}`);
      }
      if (found.first && width === 1280) console.log(`search es: "${query}" finds ${found.first} first`);
    }
  }

  // Without JavaScript: no box, a link to the list of topics that works.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "load" });
  const boxShown = await page.locator("[data-search]").isVisible();
  const link = page.locator("[data-search-fallback] a");
  if (boxShown) problems.push("without JavaScript the search box shows, and does nothing");
  if (!(await link.isVisible())) {
    problems.push("without JavaScript there is no link to the list of topics");
  } else {
    const res = await context.request.get(new URL(await link.getAttribute("href"), base + "/").href);
    if (!res.ok()) problems.push(`without JavaScript the topics link gives HTTP ${res.status()}`);
    else console.log("search without JavaScript: the box is hidden and the topics link works");
  }
  // The handouts page's filter box would do nothing either: the style sheet hides it.
  await page.goto(base + "/handouts/", { waitUntil: "load" });
  if (await page.locator("[data-handout-filter]").isVisible()) {
    problems.push("without JavaScript the handouts filter box shows, and does nothing");
  } else if ((await page.locator(".handout-pdf").count()) === 0) {
    problems.push("without JavaScript the handouts page lists no sheet");
  } else {
    console.log("handouts without JavaScript: the filter box is hidden and every sheet is listed");
  }
  await context.close();
  return problems;
}

// The handouts page's filter: typing narrows the list and the count is announced.
async function handoutFilterChecks(browser, base) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(base + "/handouts/", { waitUntil: "load" });
  const total = await page.locator("[data-handout-entry]").count();
  const pdf = page.locator(".handout-pdf").first();
  if ((await pdf.getAttribute("target")) !== "_blank") problems.push("a PDF does not open in a new tab");
  const box = await pdf.boundingBox();
  if (!box || box.height < 44) problems.push(`a PDF button is ${box && box.height}px tall, under 44px`);
  const title = (await page.locator(".handout-entry-title a").first().textContent()) || "";
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "handout-filter-box");
  }
  if (!reached) problems.push("the Tab key never reaches the filter box");
  await page.keyboard.type(title.slice(0, 8));
  await page.waitForFunction(() => document.querySelector("#handout-filter-status").textContent !== "");
  const matched = await page.evaluate(() => ({
    status: document.querySelector("#handout-filter-status").textContent,
    shown: [...document.querySelectorAll("[data-handout-entry]")].filter((e) => !e.hidden).length,
  }));
  if (matched.shown === 0) problems.push(`typing "${title.slice(0, 8)}" hides every handout`);
  if (!/\d/.test(matched.status)) problems.push(`the count is not announced ("${matched.status}")`);
  await page.keyboard.type("zzzzzz");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-handout-entry]")].every((e) => e.hidden));
  const none = await page.locator("#handout-filter-status").textContent();
  if (!none) problems.push("no message when nothing matches");
  console.log(`handouts: ${total} listed; the filter announced "${matched.status}" and "${none}"`);
  // Printed: an index of titles, no buttons.
  await page.keyboard.press("Escape");
  await page.fill("#handout-filter-box", "");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-handout-entry]")].every((e) => !e.hidden));
  await page.emulateMedia({ media: "print" });
  const file = `${shots}/handouts-print-letter.pdf`;
  await page.pdf({ path: file, format: "Letter", printBackground: false });
  const pages = Number((execFileSync("pdfinfo", [file], { encoding: "utf8" }).match(/Pages:\s+(\d+)/) || [])[1]);
  if (pages !== 1) problems.push(`the printed index is ${pages} pages, not 1`);
  const printed = squash(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
  if (!printed.includes(squash(title))) problems.push("the printed index lacks the titles");
  if (printed.includes(".pdf")) problems.push("the printed index shows PDF links");
  console.log(`handouts print: ${pages} page`);
  await context.close();
  return problems;
}
