// Shortens the long list of topics on "Focus and topics" to those whose name holds what was
// typed. The list is already in order of use, so it works without this; this only filters it.
// Ticked topics stay visible, so nobody loses sight of a choice they made.
const HIDDEN = "govuk-!-display-none";

for (const group of document.querySelectorAll("[data-exchange-topic-filter]")) {
  const box = group.querySelector("[data-exchange-topic-filter-box]");
  const input = group.querySelector("[data-exchange-topic-filter-input]");
  const count = group.querySelector("[data-exchange-topic-filter-count]");
  const items = [...group.querySelectorAll("[data-exchange-topic]")];
  if (!box || !input || !count || !items.length) continue;
  box.classList.remove(HIDDEN);

  const filter = () => {
    const wanted = input.value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const item of items) {
      const ticked = item.querySelector("input").checked;
      const matches = !wanted || item.textContent.toLocaleLowerCase().includes(wanted);
      item.classList.toggle(HIDDEN, !(matches || ticked));
      if (matches || ticked) shown += 1;
    }
    count.textContent = wanted
      ? `${shown} of ${items.length} topics shown`
      : "";
  };
  input.addEventListener("input", filter);
  // Enter in the filter box would send the whole form; here it only filters.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
}
