/*
 * Site search backed by Pagefind (generator/search/index.py builds the index).
 *
 * Material's own search needs its lunr plugin, whose index is one large download;
 * Pagefind loads small chunks on demand. This script keeps Material's habits:
 * "/" or "s" opens the search, Esc closes it. The header's field is an ARIA combobox
 * (WAI-ARIA APG "list autocomplete"): the arrow keys move through the results while
 * the focus stays in the field, Enter opens the chosen one, or, with none chosen, the
 * search page with the query. The search page (/search/) adds the facets as filters in
 * a panel that phones keep closed, so the first result is on the first screen; the
 * counts beside the values are Pagefind's for the current query and filters. A query
 * that finds nothing is offered the nearest words of the index, from the list the build
 * writes (generator/outputs/search_words.py). Pagefind is imported only when a reader
 * starts a search.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("ngo-search");
  if (!dialog) return;
  var labels = JSON.parse(document.getElementById("ngo-labels").textContent);
  var scriptUrl = new URL(dialog.getAttribute("data-pagefind"), document.baseURI).href;
  var lang = document.documentElement.lang === "en" ? "en" : "ru";
  var pagefindPromise = null;
  var wordsPromise = null;

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

  // ---- Suggestions for a query that finds nothing ------------------------------------

  /** The index's words, most frequent first (pagefind-words/<lang>.json), loaded once. */
  function words() {
    if (!wordsPromise) {
      var url = new URL("../pagefind-words/" + lang + ".json", scriptUrl);
      wordsPromise = fetch(url).then(function (response) {
        return response.ok ? response.json() : [];
      }).catch(function () { return []; });
    }
    return wordsPromise;
  }

  /** Edit distance (insertions, deletions, substitutions, swaps of neighbours), or
   *  limit + 1 as soon as it is sure to exceed `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /** Queries like `query` with each unknown word replaced by the nearest words of the
   *  index: at most one edit for words of up to five letters, two for longer ones. A word
   *  is known if the index has it or a word it begins (one still being typed). */
  function suggestions(query) {
    return words().then(function (list) {
      var lower = list.map(function (word) { return word.toLowerCase(); });
      var parts = query.trim().split(/\s+/);
      var found = [];
      parts.forEach(function (part, index) {
        var word = part.toLowerCase();
        if (word.length < 4) return;
        if (lower.some(function (known) { return known.indexOf(word) === 0; })) return;
        var limit = word.length <= 5 ? 1 : 2;
        var near = [];
        lower.forEach(function (candidate, rank) {
          var d = distance(word, candidate, limit);
          if (d <= limit) near.push({ d: d, rank: rank });
        });
        near.sort(function (x, y) { return x.d - y.d || x.rank - y.rank; });
        near.slice(0, 3).forEach(function (hit) {
          var replaced = parts.slice();
          replaced[index] = list[hit.rank];
          found.push(replaced.join(" "));
        });
      });
      return found.filter(function (q, i) { return found.indexOf(q) === i; }).slice(0, 3);
    });
  }

  /** "Did you mean: X" with each suggestion as a button that searches for it. */
  function showSuggestions(box, query, choose) {
    box.replaceChildren();
    box.hidden = true;
    return suggestions(query).then(function (found) {
      if (!found.length) return;
      box.appendChild(text("span", null, labels["search.suggest"] + " "));
      found.forEach(function (suggestion) {
        var button = text("button", "ngo-search__suggestion", suggestion);
        button.type = "button";
        button.lang = lang;
        button.addEventListener("click", function () { choose(suggestion); });
        box.appendChild(button);
      });
      box.hidden = false;
    });
  }

  // ---- Results -----------------------------------------------------------------------

  /** One result: its title as a link, the section it belongs to, and the excerpt. As
   *  an option of the header's list the title is text, as ARIA wants options to hold
   *  nothing focusable: the option itself opens its page (`data-href`). */
  function renderResult(data, index, asOption) {
    var item = text("li", "ngo-result");
    item.id = (asOption ? "ngo-option-" : "ngo-result-") + index;
    var title = (data.meta && data.meta.title) || data.url;
    var link = text(asOption ? "span" : "a", "ngo-result__link", title);
    if (asOption) {
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-href", data.url);
    } else {
      link.href = data.url;
    }
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

  /** Search, show the results in `view.list` and the count in `view.status`; resolves
   *  with Pagefind's search (null when a newer keystroke superseded it). */
  function runSearch(query, filters, view, limit) {
    view.suggest.hidden = true;
    if (!query.trim() && !filters) {
      view.list.replaceChildren();
      view.status.textContent = "";
      return Promise.resolve({ results: [], shown: [], filters: null });
    }
    view.status.textContent = labels["search.loading"];
    return pagefind().then(function (pf) {
      return pf.debouncedSearch(query.trim() || null, { filters: filters || {} }, 150);
    }).then(function (search) {
      if (search === null) return null;
      var results = search.results.slice(0, limit);
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (all) {
        view.list.replaceChildren.apply(view.list, all.map(function (data, i) {
          return renderResult(data, i, view.options);
        }));
        view.status.textContent = search.results.length
          ? labels["search.count"].replace("{n}", search.results.length)
          : labels["search.no_results"];
        // Pagefind also finds near words of its own ("partnersip" finds "partner"):
        // a query word the index lacks is offered its nearest words, results or none.
        if (query.trim()) showSuggestions(view.suggest, query, view.choose);
        search.shown = all;
        return search;
      });
    });
  }

  // ---- The header dialog: a combobox -------------------------------------------------
  var opener = document.querySelector(".ngo-search-open");
  var input = document.getElementById("ngo-search-input");
  var list = document.getElementById("ngo-search-results");
  var more = dialog.querySelector(".ngo-search__more a");
  var moreBase = more.getAttribute("href");
  var suggestBox = text("p", "ngo-search__suggest");
  suggestBox.hidden = true;
  list.parentNode.insertBefore(suggestBox, list);
  list.hidden = true;
  var active = -1;
  var header = {
    list: list,
    status: dialog.querySelector(".ngo-search__status"),
    suggest: suggestBox,
    options: true,
    choose: function (query) {
      input.value = query;
      input.focus();
      headerSearch();
    },
  };

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

  function expand(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) choose(-1);
  }

  /** Mark option `index` as the active one (-1: none); the focus stays in the field. */
  function choose(index) {
    var items = list.querySelectorAll(".ngo-result");
    active = index;
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    if (active >= 0 && items[active]) {
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function move(step) {
    var count = list.querySelectorAll(".ngo-result").length;
    if (!count) return;
    if (list.hidden) expand(true);
    choose(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
  }

  function headerSearch() {
    choose(-1);
    var query = input.value;
    more.href = query.trim() ? moreBase + "?q=" + encodeURIComponent(query.trim()) : moreBase;
    runSearch(query, null, header, 8).then(function (search) {
      if (search) expand(search.shown.length > 0);
    });
  }

  opener.addEventListener("click", open);
  dialog.querySelector(".ngo-search__close").addEventListener("click", close);
  input.addEventListener("input", headerSearch);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = list.querySelectorAll(".ngo-result")[active].getAttribute("data-href");
    } else if (event.key === "Escape" && !list.hidden) {
      // First Esc closes the list (the combobox pattern), the second the dialog.
      event.preventDefault();
      event.stopPropagation();
      expand(false);
    }
  });
  list.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(".ngo-result");
    if (item) location.href = item.getAttribute("data-href");
  });
  list.addEventListener("mousemove", function (event) {
    var item = event.target.closest && event.target.closest(".ngo-result");
    if (item) choose(Array.prototype.indexOf.call(list.children, item));
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
  var wide = window.matchMedia("(min-width: 60em)");
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
  var toggle = text("button", "md-button ngo-facets-toggle");
  toggle.type = "button";
  toggle.setAttribute("aria-controls", "ngo-facets");
  var toggleCount = text("span", "ngo-facets-toggle__count");
  toggle.append(text("span", null, labels["search.filters"]), toggleCount);
  form.append(label, query, toggle);
  var facetsBox = text("div", "ngo-facets");
  facetsBox.id = "ngo-facets";
  var pageView = {
    list: text("ol", "ngo-search__results ngo-search-page__results"),
    status: text("p", "ngo-search__status"),
    suggest: text("p", "ngo-search__suggest"),
    options: false,
    choose: function (suggestion) {
      query.value = suggestion;
      update();
      query.focus();
    },
  };
  pageView.status.setAttribute("role", "status");
  pageView.status.setAttribute("aria-live", "polite");
  pageView.suggest.hidden = true;
  var results = text("div", "ngo-search-page__results-box");
  results.append(pageView.status, pageView.suggest, pageView.list);
  var layout = text("div", "ngo-search-page__layout");
  layout.append(results, facetsBox);
  page.append(form, layout);

  /** The filters panel: open on wide screens, closed on phones until asked for. */
  function showFacets(on) {
    facetsBox.hidden = !on;
    toggle.setAttribute("aria-expanded", on ? "true" : "false");
    page.classList.toggle("ngo-search-page--facets", on);
  }
  showFacets(wide.matches);
  toggle.addEventListener("click", function () { showFacets(facetsBox.hidden); });

  function selectedFilters() {
    var filters = {};
    facetsBox.querySelectorAll("input:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return Object.keys(filters).length ? filters : null;
  }

  var totals = null;

  /** Counts beside the values: Pagefind's for the current query and filters (for no
   *  query and no filter, the whole index's); a value with no result is hidden. */
  function showCounts(counts) {
    facetsBox.querySelectorAll("fieldset").forEach(function (fieldset) {
      var shown = 0;
      fieldset.querySelectorAll(".ngo-facet__option").forEach(function (row) {
        var box = row.querySelector("input");
        var n = (counts[box.name] && counts[box.name][box.value]) || 0;
        row.querySelector(".ngo-facet__count").textContent = "(" + n + ")";
        row.hidden = n === 0 && !box.checked;
        if (!row.hidden) shown += 1;
      });
      fieldset.hidden = shown === 0;
    });
    var on = facetsBox.querySelectorAll("input:checked").length;
    toggleCount.textContent = on ? " (" + labels["search.filters_on"].replace("{n}", on) + ")" : "";
  }

  function update() {
    var filters = selectedFilters();
    var q = query.value.trim();
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    return runSearch(query.value, filters, pageView, 50).then(function (search) {
      if (search === null || !totals) return;
      showCounts(search.filters && (q || filters) ? search.filters : totals);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
    if (!wide.matches) query.blur(); // the phone's keyboard goes, the results show
  });
  query.addEventListener("input", update);
  pagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
    totals = available;
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
        var boxLabel = text("label", null, value + " ");
        boxLabel.htmlFor = id;
        boxLabel.appendChild(text("span", "ngo-facet__count"));
        var row = text("div", "ngo-facet__option");
        row.append(box, boxLabel);
        fieldset.appendChild(row);
      });
      facetsBox.appendChild(fieldset);
    });
    showCounts(totals);
    update();
  });
})();
