// Starts GOV.UK Frontend's components. Loaded as a module, so it only runs in browsers that
// GOV.UK Frontend supports; everything still works without it.
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// After htmx swaps in new results, start the components inside them and move focus to the
// results heading so keyboard and screen reader users know the list changed.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.target });
  const heading = event.detail.target.querySelector("[data-focus-after-swap]");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
