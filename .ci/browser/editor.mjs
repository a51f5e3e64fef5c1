// The content editor in a real browser, against `pawprint serve` as its local
// backend, on a copy of the shipped project with `[editor] enabled = true`:
// - /admin/ opens, and axe-core lists its violations: none may be in pawprint's own
//   markup (the page's language, title, landmarks); the rest belong to Decap CMS
//   and are printed;
// - a new article is made in the Dogs section through the form (title, summary,
//   three signs, two prevention items, a blank) and saved: the file is in
//   content/dogs/, `pawprint check` reports no error, and `pawprint build` leaves it
//   out while `draft` is ticked; unticked in the form and saved again, the build
//   publishes it;
// - a sign of the shipped article is changed through the form, and the sheet that
//   serve rebuilds says the new sign (pdftotext);
// - an API request with another Origin, or without the session's cookie, writes
//   nothing.
//
// usage: node editor.mjs SERVE_URL PROJECT_DIR PAWPRINT_BINARY SCREENSHOT_DIR
import { launch, wcag } from "./chromium.mjs";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [serveUrl, project, pawprint, shots] = process.argv.slice(2);
if (!serveUrl || !project || !pawprint || !shots) {
  console.error("usage: node editor.mjs SERVE_URL PROJECT_DIR PAWPRINT_BINARY SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const api = new URL("/__pawprint/editor/api", serveUrl).href;
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error(`FAIL: ${what}`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What pawprint writes itself on the editor's page: these axe rules are ours to
// pass; any other violation is inside Decap CMS's own interface.
const ours = new Set([
  "html-has-lang",
  "html-lang-valid",
  "document-title",
  "meta-viewport",
  "meta-viewport-large",
  "meta-refresh",
]);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const errors = [];
page.on("pageerror", (error) => errors.push(String(error).slice(0, 300)));
page.on("console", (message) => {
  if (/Content Security Policy|Refused to/.test(message.text())) {
    errors.push(message.text().slice(0, 300));
  }
});

const field = (name) => `[id^="${name}-field-"]`;

// Adds an item to the list field `name` and types `text` into it.
async function addItem(name, text) {
  const list = page.locator(`div[id^="${name}-field-"]`).first();
  const before = await list.locator("input").count();
  await list.locator("xpath=./div/button[starts-with(normalize-space(.), 'Add')]").first().click();
  await page.waitForFunction(
    ([selector, count]) => document.querySelector(selector).querySelectorAll("input").length > count,
    [`div[id^="${name}-field-"]`, before],
  );
  const input = list.locator("input").nth(before);
  await input.click();
  await input.fill(text);
}

// Publishes the open entry ("Publish", then "Publish now") and waits for the save.
async function publish() {
  await page.locator("xpath=//span[@role='button' and normalize-space(.)='Publish']").click();
  const saved = page.waitForResponse(
    (r) => r.url() === api && (r.request().postData() || "").includes('"persistEntry"'),
    { timeout: 30000 },
  );
  // The menu slides open: the item itself is sent the click, wherever it is.
  const now = page.locator("xpath=//*[@role='menuitem'][normalize-space(.)='Publish now']");
  await now.waitFor();
  await now.dispatchEvent("click");
  const answer = await saved.catch(async (error) => {
    await page.screenshot({ path: join(shots, "editor-not-saved.png"), fullPage: true });
    const said = await page.locator("[class*='Toast'], [role='alert'], [class*='ControlErrors']").allInnerTexts();
    throw new Error(`the editor did not save: ${said.join(" | ")}\n${error.message}`);
  });
  if (answer.status() !== 200) {
    fail(`saving answered ${answer.status()}: ${await answer.text()}`);
  }
  await page
    .waitForFunction(() => /#\/collections\/[^/]+\/entries\//.test(location.hash), null, {
      timeout: 30000,
    })
    .catch(async (error) => {
      await page.screenshot({ path: join(shots, "editor-not-shown.png"), fullPage: true });
      const hash = await page.evaluate(() => location.hash);
      throw new Error(`after the save, the editor stayed at ${hash}\n${error.message}`);
    });
}

function run(args) {
  const result = spawnSync(pawprint, args, { cwd: project, encoding: "utf8" });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

// 1. The page, and what axe finds on it.
await page.goto(new URL("/admin/", serveUrl).href, { waitUntil: "networkidle" });
await page.locator("xpath=//button[normalize-space(.)='Login']").click();
await page.waitForSelector('a[data-testid="dogs"]', { timeout: 60000 });
await page.waitForSelector('a[href^="#/collections/dogs/entries/"]');
await page.screenshot({ path: join(shots, "editor-1-list.png") });
await page.evaluate(axeSource);
const axe = await page.evaluate(
  async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations,
  wcag,
);
for (const violation of axe) {
  const whose = ours.has(violation.id) ? "pawprint's" : "Decap CMS's own";
  console.log(`axe (${whose}): ${violation.id}: ${violation.help} (${violation.nodes.length} places)`);
  if (ours.has(violation.id)) fail(`axe: ${violation.id} on the editor page`);
}
console.log(`axe: ${axe.length} kinds of violation on /admin/, ${axe.filter((v) => ours.has(v.id)).length} of them pawprint's`);

// 2. A new article in the Dogs section.
await page.locator('a[href="#/collections/dogs/new"]').click();
await page.waitForSelector(field("title"));
await page.locator(field("title")).first().fill("Ear mites in dogs");
await page.locator(field("summary")).first().fill("Tiny bugs can live in a dog's ears. Here is what to look for.");
// The animals: a list to choose from; type the name and press Enter.
await page.locator(field("species")).first().click();
await page.keyboard.type("Dogs");
await page.keyboard.press("Enter");
await page.locator(field("intro")).first().fill("Ear mites are tiny bugs. They make the ears itch.");
for (const sign of ["Scratching at the ears", "Dark, dry wax", "Shaking the head"]) {
  await addItem("signs", sign);
}
for (const item of ["Look in your dog's ears each week.", "Treat every pet in the home."]) {
  await addItem("prevention", item);
}
await addItem("call_us_if", "The ear bleeds or smells bad");
await addItem("fill_in", "Next ear check");
await page.locator('[data-slate-editor="true"]').first().click();
await page.keyboard.type("Ear mites are tiny bugs. They are common in puppies.");
await page.screenshot({ path: join(shots, "editor-2-new.png"), fullPage: true });
await publish();
const made = join(project, "content/dogs/ear-mites-in-dogs.md");
if (!existsSync(made)) {
  fail(`no content/dogs/ear-mites-in-dogs.md; content/dogs has ${readdirSync(join(project, "content/dogs"))}`);
} else {
  const text = readFileSync(made, "utf8");
  for (const words of ["Ear mites in dogs", "Scratching at the ears", "Treat every pet in the home.", "Next ear check", "draft = true"]) {
    if (!text.includes(words)) fail(`the new file lacks "${words}":\n${text}`);
  }
  const check = run(["check"]);
  if (check.status !== 0 || /\berror\b/.test(check.out.split("\n").filter((l) => l.includes("ear-mites")).join("\n"))) {
    fail(`pawprint check after the new article:\n${check.out}`);
  }
  const build = run(["build", "--output", join(shots, "..", "editor-build")]);
  if (build.status !== 0) fail(`pawprint build:\n${build.out}`);
  if (existsSync(join(shots, "..", "editor-build", "dogs/ear-mites-in-dogs/index.html"))) {
    fail("the build published the new article while it is a draft");
  }
  // Untick "draft" in the form and save again: now the build publishes it.
  await page.locator(field("draft")).first().click();
  await publish();
  await sleep(300);
  if (!readFileSync(made, "utf8").includes("draft = false") && readFileSync(made, "utf8").includes("draft = true")) {
    fail("unticking draft did not reach the file");
  }
  const again = run(["build", "--output", join(shots, "..", "editor-build")]);
  if (again.status !== 0) fail(`pawprint build after unticking draft:\n${again.out}`);
  if (!existsSync(join(shots, "..", "editor-build", "dogs/ear-mites-in-dogs/index.html"))) {
    fail("the build left out the article after draft was unticked");
  }
}

// 3. A sign of the shipped article, changed through the form, on the rebuilt sheet.
await page.locator('a[href="#/collections/dogs"]').first().click();
await page.locator('a[href="#/collections/dogs/entries/anal-gland-leakage"]').click();
await page.waitForFunction(
  (selector) => /Anal Glands/.test(document.querySelector(selector)?.value || ""),
  field("title"),
);
const sign = page.locator(`div[id^="signs-field-"] input`).first();
const oldSign = await sign.inputValue();
await sign.fill("A smell like old fish from the rear");
await page.screenshot({ path: join(shots, "editor-3-edit.png"), fullPage: true });
await publish();
const shipped = readFileSync(join(project, "content/dogs/anal-gland-leakage.md"), "utf8");
if (!shipped.includes("A smell like old fish from the rear") || shipped.includes(`"${oldSign}"`)) {
  fail(`the edited sign is not in the file:\n${shipped.slice(0, 1200)}`);
}
let sheetText = "";
for (let attempt = 0; attempt < 60; attempt += 1) {
  await sleep(500);
  const response = await fetch(new URL("/dogs/anal-gland-leakage/dogs-anal-gland-leakage-letter.pdf", serveUrl));
  if (response.ok) {
    writeFileSync(join(shots, "edited-sheet.pdf"), Buffer.from(await response.arrayBuffer()));
    sheetText = execFileSync("pdftotext", ["-layout", join(shots, "edited-sheet.pdf"), "-"], { encoding: "utf8" });
    if (sheetText.replace(/\s+/g, " ").includes("A smell like old fish from the rear")) break;
  }
}
if (!sheetText.replace(/\s+/g, " ").includes("A smell like old fish from the rear")) {
  fail(`the rebuilt sheet does not say the new sign:\n${sheetText.slice(0, 800)}`);
}

// 4. Requests from elsewhere write nothing.
const persist = (path) =>
  JSON.stringify({
    branch: "main",
    action: "persistEntry",
    params: {
      branch: "main",
      dataFiles: [{ path, slug: "intruder", raw: '+++\ntitle = "X"\n+++\nX\n' }],
      assets: [],
      options: { newEntry: true, commitMessage: "x" },
    },
  });
const cookies = await context.cookies(api);
const token = cookies.find((c) => c.name === "pawprint_editor");
if (!token) fail("serve set no pawprint_editor cookie on /admin/");
const origin = new URL(serveUrl).origin;
const attempts = [
  ["another Origin", { Origin: "http://evil.example", Cookie: `pawprint_editor=${token?.value}` }],
  ["no cookie", { Origin: origin }],
  ["a wrong cookie", { Origin: origin, Cookie: "pawprint_editor=guess" }],
];
for (const [what, headers] of attempts) {
  const path = `content/dogs/intruder-${what.replace(/\W+/g, "-")}.md`;
  const response = await fetch(api, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: persist(path),
  });
  if (response.ok) fail(`a request with ${what} was answered ${response.status}`);
  if (existsSync(join(project, path))) fail(`a request with ${what} wrote ${path}`);
  console.log(`request with ${what}: ${response.status}, nothing written`);
}

for (const error of errors) fail(`in the page: ${error}`);
await browser.close();
if (failures.length) {
  console.error(`${failures.length} editor check(s) failed`);
  process.exit(1);
}
console.log("editor: made an article, unticked its draft, edited a sign, refused 3 requests from elsewhere");
