// Material wraps Markdown tables in a scrolling box at run time; a box that scrolls must be
// reachable by keyboard (axe: scrollable-region-focusable). Our own tables get this server-side.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", document.documentElement.lang === "nl" ? "Tabel" : "Table");
  });
});
