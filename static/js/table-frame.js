// Wide tables scroll inside their frame (.table-responsive). Where one does not fit, a line
// above it says so, the frame shows its edge, and the keyboard can scroll it too.
(function () {
  "use strict";
  var hint = document.body.getAttribute("data-table-hint") || "";

  function labelFor(frame) {
    var table = frame.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var section = frame.closest("section");
    var heading = (section && section.querySelector("h2, h3")) || document.querySelector("h1");
    return heading ? heading.textContent.trim() : hint;
  }

  function update(frame) {
    var scrolls = frame.scrollWidth > frame.clientWidth + 1;
    var note = frame.previousElementSibling;
    var hasNote = note && note.classList.contains("table-hint");
    frame.classList.toggle("scrolls", scrolls);
    if (scrolls && !hasNote) {
      note = document.createElement("p");
      note.className = "table-hint";
      note.textContent = hint;
      frame.parentNode.insertBefore(note, frame);
    } else if (!scrolls && hasNote) {
      note.remove();
    }
    if (scrolls && !frame.hasAttribute("tabindex")) {
      frame.setAttribute("tabindex", "0");
      if (!frame.hasAttribute("role")) frame.setAttribute("role", "region");
      if (!frame.hasAttribute("aria-label") && !frame.hasAttribute("aria-labelledby")) {
        frame.setAttribute("aria-label", labelFor(frame));
      }
    }
  }

  function updateAll() {
    document.querySelectorAll(".table-responsive").forEach(update);
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(updateAll, 150);
  });
  // A table inside a closed <details> has no width until it is opened.
  document.addEventListener("toggle", updateAll, true);
  updateAll();
})();
