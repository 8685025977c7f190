/*
 * Names the checkboxes of task lists (`- [x] item`).
 *
 * pymdownx.tasklist renders each box as a disabled <input type="checkbox"> with no label,
 * so a screen reader announces "checkbox, checked" without saying what was done; axe
 * reports it as a critical `label` violation. Each box is named after its own item's
 * text (nested lists left out). Runs on every page load, including Material's instant
 * navigation, through its `document$` observable.
 */
document$.subscribe(function () {
  var boxes = document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]");
  boxes.forEach(function (box) {
    var item = box.closest(".task-list-item");
    if (box.hasAttribute("aria-label") || !item) return;
    var copy = item.cloneNode(true);
    copy.querySelectorAll("ul, ol").forEach(function (list) { list.remove(); });
    box.setAttribute("aria-label", copy.textContent.replace(/\s+/g, " ").trim());
  });
});
