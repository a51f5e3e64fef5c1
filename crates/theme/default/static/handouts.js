// The filter box of the handouts page. It hides the handouts whose title does
// not hold what was typed, hides an animal with none left, and says how many are
// shown. The box is in the page from the start, so nothing moves when this
// script runs; a browser that runs no script hides it (style.css), and the
// whole list shows.

const filter = document.querySelector("[data-handout-filter]");

if (filter) {
  const input = filter.querySelector("input");
  const status = filter.querySelector("[role=status]");
  const groups = Array.from(document.querySelectorAll("[data-handout-group]"));
  const words = filter.dataset;
  let timer = 0;

  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function apply() {
    const wanted = fold(input.value.trim());
    // An article about two animals is listed twice but counted once.
    const shownSet = new Set();
    for (const group of groups) {
      let left = 0;
      for (const entry of group.querySelectorAll("[data-handout-entry]")) {
        const title = entry.querySelector(".handout-entry-title");
        const match = !wanted || fold(title.textContent).includes(wanted);
        entry.hidden = !match;
        if (match) {
          left += 1;
          shownSet.add(title.querySelector("a").getAttribute("href"));
        }
      }
      group.hidden = left === 0;
    }
    const shown = shownSet.size;
    if (!wanted) {
      status.textContent = "";
    } else if (shown === 0) {
      status.textContent = words.none;
    } else {
      const text = shown === 1 ? words.shownOne : words.shown;
      status.textContent = text.replace("{count}", String(shown));
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });
}
