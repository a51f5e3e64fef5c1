// The site search. It runs in the reader's browser against this language's
// Pagefind index, which the build made (see src/site/search.rs). Without this
// script the search box stays hidden and a link to the list of topics shows.
// Results are built with textContent only: nothing from the index runs as HTML.

const box = document.querySelector("[data-search]");
const fallback = document.querySelector("[data-search-fallback]");
const MAX_RESULTS = 10;

if (box && fallback) {
  start(box, fallback);
}

function start(box, fallback) {
  const input = box.querySelector("#search-box");
  const species = box.querySelector("#search-species");
  const status = box.querySelector("#search-status");
  const list = box.querySelector("#search-results");
  const form = box.querySelector("form");
  const words = box.dataset;
  let sheets = [];
  try {
    sheets = JSON.parse(words.sheets || "[]");
  } catch {
    sheets = [];
  }
  let pagefind = null;
  let latest = 0;
  let timer = 0;

  box.hidden = false;
  fallback.hidden = true;

  // Loads the index's script on the first query: a reader who never searches
  // downloads nothing.
  async function engine() {
    if (!pagefind) {
      pagefind = await import(words.bundle + "pagefind.js");
      await pagefind.options({ basePath: words.bundle, baseUrl: "/" });
      await pagefind.init();
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return words.noResults;
    const text = n === 1 ? words.resultsOne : words.results;
    return text.replace("{count}", String(n));
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  // The handouts of the article at `url`, each in the article's folder and
  // named for the article's path (its folders joined by "-") and then the
  // sheet's own end, such as "-a4.pdf": /dogs/ear-care/dogs-ear-care-a4.pdf.
  // The index holds no PDF names, so "paper" or "letter" matches no article.
  function sheetsOf(url) {
    const folder = url.replace(/index\.html$/, "");
    const base = words.base || "/";
    const path = folder.startsWith(base) ? folder.slice(base.length) : folder;
    const topic = path.replace(/^\/+|\/+$/g, "").split("/").join("-");
    if (!topic) return [];
    return sheets.map((sheet) => ({ label: sheet.label, href: folder + topic + sheet.end }));
  }

  function show(results) {
    list.replaceChildren();
    for (const data of results) {
      const meta = data.meta || {};
      const item = element("li", "search-result");
      const title = element("a", "search-result-title", meta.title || data.url);
      title.href = data.url;
      item.append(title);
      if (meta.species) item.append(element("p", "search-result-species", meta.species));
      if (meta.summary) item.append(element("p", "search-result-summary", meta.summary));
      const pdfs = element("ul", "search-result-pdfs");
      for (const sheet of sheetsOf(data.url)) {
        const li = element("li");
        const link = element("a", "search-result-pdf", sheet.label);
        link.href = sheet.href;
        link.target = "_blank";
        link.rel = "noopener";
        link.append(element("span", "visually-hidden", " (" + words.newTab + ")"));
        li.append(link);
        pdfs.append(li);
      }
      if (pdfs.childElementCount > 0) item.append(pdfs);
      list.append(item);
    }
  }

  async function run() {
    const query = input.value.trim();
    const animal = species ? species.value : "";
    const mine = ++latest;
    if (!query && !animal) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const found = await engine();
      const filters = animal ? { species: animal } : {};
      const search = await found.search(query || null, { filters });
      if (mine !== latest || !search) return;
      const shown = await Promise.all(
        search.results.slice(0, MAX_RESULTS).map((result) => result.data()),
      );
      if (mine !== latest) return;
      show(shown);
      status.textContent = count(search.results.length);
    } catch (error) {
      // The index could not load (an old browser, a blocked file): offer the
      // list of topics instead of a box that does nothing.
      box.hidden = true;
      fallback.hidden = false;
    }
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  }

  input.addEventListener("input", soon);
  if (species) species.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
}
