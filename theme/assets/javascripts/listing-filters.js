/*
 * Filters on section listings (projects, forums, proposals, routes...), in the page.
 *
 * Every row carries its facet values in data-facets (generator/generate.py). With
 * JavaScript off the full list stays as it is; with it, one select per facet hides
 * the rows that do not match, without a round trip.
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

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = selects.every(function (select) {
        return !select.value || (row.ngoFacets[select.name] || []).indexOf(select.value) >= 0;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = labels["filter.shown"] + ": " + shown + " / " + rows.length;
  }

  var first = document.querySelector(".ngo-section .ngo-group");
  first.parentNode.insertBefore(form, first);
  apply();
})();
