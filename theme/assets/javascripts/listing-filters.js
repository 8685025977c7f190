/*
 * Filters on section listings (projects, forums, proposals, routes...), in the page.
 *
 * Every row carries its facet values in data-facets (generator/pages/generate.py). With
 * JavaScript off the full list stays as it is; with it, one select per facet hides
 * the rows that do not match, without a round trip. The selects sit in a panel behind a
 * "Filters" button that says how many are on; phones keep it closed, so the list comes
 * first. Each option says how many rows it would leave with the other selects as they
 * are, and an option that would leave none is disabled.
 */
(function () {
  "use strict";

  // Not on the home page: its short lists mix sections and each links to its own section.
  var rows = Array.prototype.slice.call(document.querySelectorAll(
    ".ngo-section:not(.ngo-section--home) li[data-facets]"));
  var labelsNode = document.getElementById("ngo-labels");
  if (rows.length < 2 || !labelsNode) return;
  var labels = JSON.parse(labelsNode.textContent);
  var facetNames = ["country", "theme", "year", "status"];
  var values = {};
  rows.forEach(function (row) {
    row.ngoFacets = JSON.parse(row.getAttribute("data-facets"));
    facetNames.forEach(function (name) {
      (row.ngoFacets[name] || []).forEach(function (value) {
        (values[name] = values[name] || {})[value] = true;
      });
    });
  });

  var form = document.createElement("form");
  form.className = "ngo-filters";
  form.id = "ngo-filters";
  form.setAttribute("aria-label", labels["search.filters"]);
  var selects = [];
  facetNames.forEach(function (name) {
    var options = Object.keys(values[name] || {}).sort();
    if (options.length < 2) return;
    var label = document.createElement("label");
    label.className = "ngo-filters__field";
    label.appendChild(document.createTextNode(labels["facet." + name] + " "));
    var select = document.createElement("select");
    select.name = name;
    [""].concat(options).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value || labels["facet.any"];
      select.appendChild(option);
    });
    select.addEventListener("change", apply);
    label.appendChild(select);
    form.appendChild(label);
    selects.push(select);
  });
  if (!selects.length) return;
  var reset = document.createElement("button");
  reset.type = "reset";
  reset.className = "md-button";
  reset.textContent = labels["filter.reset"];
  form.appendChild(reset);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  var status = document.createElement("p");
  status.className = "ngo-filters__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.appendChild(status);

  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "md-button ngo-filters-toggle";
  toggle.setAttribute("aria-controls", form.id);
  var toggleCount = document.createElement("span");
  toggle.append(document.createTextNode(labels["search.filters"]), toggleCount);

  function show(on) {
    form.hidden = !on;
    toggle.setAttribute("aria-expanded", on ? "true" : "false");
  }
  toggle.addEventListener("click", function () { show(form.hidden); });

  function matches(row, except) {
    return selects.every(function (select) {
      return select === except || !select.value ||
        (row.ngoFacets[select.name] || []).indexOf(select.value) >= 0;
    });
  }

  /** Each option's count: the rows it would leave, the other selects as they are. */
  function count(select) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var n = rows.filter(function (row) {
        return matches(row, select) &&
          (row.ngoFacets[select.name] || []).indexOf(option.value) >= 0;
      }).length;
      option.textContent = option.value + " (" + n + ")";
      option.disabled = n === 0 && !option.selected;
    });
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = matches(row, null);
      row.hidden = !match;
      if (match) shown += 1;
    });
    selects.forEach(count);
    var on = selects.filter(function (select) { return select.value; }).length;
    toggleCount.textContent = on ? " (" + labels["search.filters_on"].replace("{n}", on) + ")" : "";
    status.textContent = labels["filter.shown"] + ": " + shown + " / " + rows.length;
  }

  var first = document.querySelector(".ngo-section .ngo-group");
  first.parentNode.insertBefore(toggle, first);
  first.parentNode.insertBefore(form, first);
  show(window.matchMedia("(min-width: 60em)").matches);
  apply();
})();
