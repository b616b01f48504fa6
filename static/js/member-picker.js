// The group coaching member picker searches as you type: the server sends the first matches as
// the same list the search button shows without JavaScript. A ticked match moves to the chosen.
"use strict";

document.querySelectorAll(".member-picker").forEach((picker) => {
  const input = picker.querySelector("input[type=search]");
  const chosen = picker.querySelector("[data-role=chosen]");
  const results = picker.querySelector("[data-role=results]");
  let timer = null;
  let latest = 0;

  async function search() {
    const asked = ++latest;
    const url = new URL(picker.dataset.resultsUrl, window.location.href);
    url.searchParams.set("q", input.value);
    chosen.querySelectorAll("input:checked").forEach((box) => url.searchParams.append("chosen", box.value));
    const response = await fetch(url, { credentials: "same-origin" });
    // An answer to an older query arriving late must not replace a newer one.
    if (response.ok && asked === latest) {
      results.innerHTML = await response.text();
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 200);
  });
  input.addEventListener("keydown", (event) => {
    // Enter searches at once instead of sending the whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      search();
    }
  });
  results.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches("input[type=checkbox]") && box.checked) {
      chosen.appendChild(box.closest("li"));
      box.focus();
    }
  });
});
