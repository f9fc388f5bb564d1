// Starts GOV.UK Frontend's components. Loaded as a module, so it only runs in browsers that
// GOV.UK Frontend supports; everything still works without it.
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// After htmx swaps in new results, start the components inside them and say the new count in
// the live region. Focus stays where the person was: htmx gives it back to the element with
// the same id (the ticked checkbox, the sort), so a second box is one key press away. Only
// when that element went with the swap (a page link, a removed filter) does focus move to
// the results heading, rather than be lost to the top of the page.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.target });
  foldFilters(event.detail.target);
  const heading = event.detail.target.querySelector("[data-focus-after-swap]");
  if (!heading) return;
  announce(heading.textContent);
  const focused = document.activeElement;
  if (!focused || focused === document.body) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});

function announce(text) {
  const status = document.querySelector("[data-exchange-results-status]");
  if (status) status.textContent = text.replace(/\s+/g, " ").trim();
}

// The practice list's filters sit behind a "Filter results" button on a phone, so the results
// come first (GOV.UK's filter-a-list pattern). The button is hidden in the page and the filters
// shown, which is how it stays without JavaScript. Whether they are open is remembered here
// because every change of a filter swaps the filters in again.
const phone = window.matchMedia("(max-width: 40.0525em)");
let filtersOpen = false;

function foldFilters(scope) {
  for (const toggle of scope.querySelectorAll("[data-exchange-filter-toggle]")) {
    const panel = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel) continue;
    const open = !phone.matches || filtersOpen;
    toggle.hidden = !phone.matches;
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
  }
}

document.body.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-exchange-filter-toggle]");
  if (!toggle) return;
  filtersOpen = toggle.getAttribute("aria-expanded") !== "true";
  foldFilters(document);
});
phone.addEventListener("change", () => foldFilters(document));
foldFilters(document);
