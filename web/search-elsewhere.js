// The assessment page carries no search index (see _search_elsewhere in
// build_scripts/hooks/assessment.py): Enter in the search box opens the home
// page's search with the words typed, which loads the index there.
const form = document.querySelector('form[name="search-elsewhere"]');
form?.addEventListener(
  "submit",
  (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    const words = form.elements.q.value.trim();
    if (words) location.assign(`${form.action}?q=${encodeURIComponent(words)}`);
  },
  true,
);
form?.elements.q.addEventListener("keydown", (event) => {
  if (event.key === "Enter") form.requestSubmit();
});
