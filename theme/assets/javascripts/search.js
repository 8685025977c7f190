/*
 * Site search backed by Pagefind (generator/search_index.py builds the index).
 *
 * Material's own search needs its lunr plugin, whose index is one large download;
 * Pagefind loads small chunks on demand. This script keeps Material's habits:
 * "/" or "s" opens the search, Esc closes it, the arrow keys move through the
 * results and Enter opens one. The search page (/search/) adds the facets as
 * filters. Pagefind is imported only when a reader starts a search.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("ngo-search");
  if (!dialog) return;
  var labels = JSON.parse(document.getElementById("ngo-labels").textContent);
  var scriptUrl = new URL(dialog.getAttribute("data-pagefind"), document.baseURI).href;
  var pagefindPromise = null;

  /** Pagefind, loaded once; result URLs are made relative to the folder above pagefind/. */
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(scriptUrl).then(function (module) {
        var base = new URL("../", scriptUrl).pathname;
        return module.options({ baseUrl: base, excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefindPromise;
  }
  window.ngoPagefind = pagefind;

  function text(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (value) node.textContent = value;
    return node;
  }

  /** One result: its title as a link, the section it belongs to, and the excerpt. */
  function renderResult(data, index) {
    var item = text("li", "ngo-result");
    item.id = "ngo-result-" + index;
    item.setAttribute("role", "option");
    var link = text("a", "ngo-result__link", (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    link.tabIndex = -1;
    item.appendChild(link);
    if (data.meta && data.meta.collection) {
      item.appendChild(text("span", "ngo-result__collection", data.meta.collection));
    }
    var excerpt = text("p", "ngo-result__excerpt");
    // Pagefind's excerpt is the page's text, HTML-escaped, with <mark> around hits.
    excerpt.innerHTML = data.excerpt;
    item.appendChild(excerpt);
    return item;
  }

  function runSearch(query, filters, list, status, limit) {
    if (!query.trim() && !filters) {
      list.replaceChildren();
      status.textContent = "";
      return Promise.resolve([]);
    }
    status.textContent = labels["search.loading"];
    return pagefind().then(function (pf) {
      return pf.debouncedSearch(query.trim() || null, { filters: filters || {} }, 150);
    }).then(function (search) {
      if (search === null) return null; // a newer keystroke superseded this search
      var results = limit ? search.results.slice(0, limit) : search.results.slice(0, 50);
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (all) {
        list.replaceChildren.apply(list, all.map(renderResult));
        status.textContent = search.results.length
          ? labels["search.count"].replace("{n}", search.results.length)
          : labels["search.no_results"];
        return all;
      });
    });
  }

  // ---- The header dialog -----------------------------------------------------------
  var opener = document.querySelector(".ngo-search-open");
  var input = document.getElementById("ngo-search-input");
  var list = document.getElementById("ngo-search-results");
  var status = dialog.querySelector(".ngo-search__status");
  var active = -1;

  function open() {
    dialog.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
    pagefind();
  }

  function close() {
    dialog.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }

  function highlight(index) {
    var items = list.querySelectorAll(".ngo-result");
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  opener.addEventListener("click", open);
  dialog.querySelector(".ngo-search__close").addEventListener("click", close);
  input.addEventListener("input", function () {
    active = -1;
    input.removeAttribute("aria-activedescendant");
    runSearch(input.value, null, list, status, 8).then(function (all) {
      if (all) input.setAttribute("aria-expanded", all.length ? "true" : "false");
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { highlight(active + 1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { highlight(active - 1); event.preventDefault(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      list.querySelectorAll(".ngo-result__link")[active].click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !dialog.hidden) { close(); return; }
    var target = event.target;
    var typing = target && (target.isContentEditable ||
      /^(input|textarea|select)$/i.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "/" || event.key === "s" || event.key === "S") && dialog.hidden) {
      event.preventDefault();
      open();
    }
  });

  // ---- The search page with facets ---------------------------------------------------
  var page = document.getElementById("ngo-search-page");
  if (!page) return;
  var facetNames = ["collection", "country", "theme", "year", "status"];
  page.replaceChildren();
  var form = text("form", "ngo-search-page__form");
  form.setAttribute("role", "search");
  var label = text("label", null, labels["search.placeholder"]);
  label.htmlFor = "ngo-search-page-input";
  var query = text("input", "ngo-search__input");
  query.id = "ngo-search-page-input";
  query.type = "search";
  query.name = "q";
  query.value = new URLSearchParams(location.search).get("q") || "";
  form.append(label, query);
  var facetsBox = text("div", "ngo-facets");
  var pageStatus = text("p", "ngo-search__status");
  pageStatus.setAttribute("role", "status");
  pageStatus.setAttribute("aria-live", "polite");
  var pageList = text("ol", "ngo-search__results ngo-search-page__results");
  page.append(form, facetsBox, pageStatus, pageList);

  function selectedFilters() {
    var filters = {};
    facetsBox.querySelectorAll("input:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return Object.keys(filters).length ? filters : null;
  }

  function update() {
    var filters = selectedFilters();
    runSearch(query.value, filters, pageList, pageStatus, 0);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  query.addEventListener("input", update);
  pagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
    facetNames.forEach(function (name) {
      var values = available[name];
      if (!values || !Object.keys(values).length) return;
      var fieldset = text("fieldset", "ngo-facet");
      fieldset.appendChild(text("legend", null, labels["facet." + name]));
      Object.keys(values).sort().forEach(function (value, i) {
        var id = "ngo-facet-" + name + "-" + i;
        var box = text("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = id;
        box.addEventListener("change", update);
        var boxLabel = text("label", null, value + " (" + values[value] + ")");
        boxLabel.htmlFor = id;
        var row = text("div", "ngo-facet__option");
        row.append(box, boxLabel);
        fieldset.appendChild(row);
      });
      facetsBox.appendChild(fieldset);
    });
    update();
  });
})();
