/*
 * The web form for member organizations (/submit/, issue #22).
 *
 * Every field, label, hint, pattern and message comes from submit/forms.json, which
 * the build writes from the content model (generator/contrib/forms.py): the form has
 * no list of its own. References (missions, organizations, themes) come from the
 * site's own /api/ files. The form writes exactly the file `python -m generator new`
 * writes with the same values (generator/contrib/scaffold.py: value_lines), and only
 * when a button is pressed opens the forge's new-file page, downloads or copies it.
 * Nothing is requested from another origin.
 */
(function () {
  "use strict";

  var root = document.getElementById("ngo-submit");
  if (!root) return;
  var dataLink = root.querySelector("a.ngo-submit-data");
  if (!dataLink) return;
  var formsUrl = new URL(dataLink.getAttribute("href"), document.baseURI);
  var siteRoot = new URL("../", formsUrl);
  var lang = (document.documentElement.lang || "ru").slice(0, 2) === "en" ? "en" : "ru";

  var D = null; // forms.json
  var refs = {}; // target -> [{value, label}]
  var existing = {}; // collection -> {slug: true}
  var current = null; // the chosen collection's form
  var touched = {}; // control id -> true once the user left or changed it
  var pressed = false; // a button was pressed: every problem stays shown
  var slugEdited = false;
  var presets = null; // the address's values, for the form it names (see `preset`)

  function ui(key, params) {
    var entry = D.ui[key];
    return format(entry ? entry[lang] || entry.ru : key, params);
  }

  /** Python's str.format for the message table: {name} and the escapes {{ }}. */
  function format(text, params) {
    return text.replace(/\{\{|\}\}|\{(\w+)\}/g, function (all, name) {
      if (all === "{{") return "{";
      if (all === "}}") return "}";
      return params && name in params ? String(params[name]) : all;
    });
  }

  /** A message of `check`, as generator/content/messages.py renders it. */
  function message(code, params) {
    var entry = D.messages[code];
    var text = format(entry[lang] || entry.ru, params);
    if (params && params.near) text += format(D.messages.did_you_mean[lang], { near: params.near });
    return text;
  }

  function pattern(name) {
    return new RegExp("^(?:" + D.patterns[name] + ")$", name === "url" ? "i" : "");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) {
        node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
      }
    });
    if (text) node.textContent = text;
    return node;
  }

  // -- the file ---------------------------------------------------------------------

  /** generator/content/slugs.py: propose_slug. */
  function proposeSlug(name) {
    var out = "";
    Array.from(name.toLowerCase()).forEach(function (ch) {
      if (Object.prototype.hasOwnProperty.call(D.transliteration, ch)) out += D.transliteration[ch];
      else out += ch.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    });
    var slug = out.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug || "item";
  }

  /** scaffold.yaml_scalar: plain when PLAIN allows it, else JSON (which YAML reads). */
  function yamlScalar(value, flow) {
    value = value.trim();
    if (pattern("plain").test(value) && !(flow && value.indexOf(",") >= 0)) return value;
    return JSON.stringify(value);
  }

  /** scaffold._line: the hint in the same column on every line. */
  function line(code, comment) {
    var width = Array.from(code).length;
    var pad = Math.max(0, D.hint_column - 1 - width);
    return code + " ".repeat(pad) + " # " + comment;
  }

  function isSet(value) {
    if (Array.isArray(value)) return value.some(isSet);
    if (value && typeof value === "object") {
      return Object.keys(value).some(function (k) { return value[k].trim() !== ""; });
    }
    return typeof value === "string" && value.trim() !== "";
  }

  /** scaffold.value_lines. */
  function valueLines(f, value) {
    if (f.kind !== "map") {
      var text = f.list
        ? "[" + value.filter(function (v) { return v.trim(); })
            .map(function (v) { return yamlScalar(v, true); }).join(", ") + "]"
        : yamlScalar(value, false);
      return [line(f.name + ": " + text, f.about[lang])];
    }
    var lines = [line(f.name + ":", f.about[lang])];
    (f.list ? value : [value]).forEach(function (row) {
      if (!isSet(row)) return;
      var indent = f.list ? "  - " : "  ";
      f.fields.forEach(function (sub) {
        if ((row[sub.name] || "").trim()) {
          lines.push(line(indent + sub.name + ": " + yamlScalar(row[sub.name], false), sub.about[lang]));
          indent = f.list ? "    " : "  ";
        }
      });
    });
    return lines;
  }

  /** scaffold.body_text. */
  function bodyText(body) {
    body = body.replace(/\r\n/g, "\n").replace(/\r/g, "\n").trim();
    return body ? body + "\n" : "";
  }

  function slug() {
    return document.getElementById("ngo-submit-slug").value.trim();
  }

  function filePath() {
    return current.folder + "/" + slug() + current.extension;
  }

  /** scaffold.render: head, every field (set, placeholder or commented out), tail. */
  function fileText() {
    var values = readValues();
    var lines = current.head[lang].slice();
    current.fields.forEach(function (f) {
      var value = values[f.name];
      lines.push.apply(lines, isSet(value) ? valueLines(f, value) : f.unset[lang]);
    });
    current.tail[lang].forEach(function (l) { lines.push(l.split("{slug}").join(slug())); });
    var body = document.getElementById("ngo-submit-body");
    return lines.join("\n") + "\n" + (body ? bodyText(body.value) : "");
  }

  function forgeUrl(withText) {
    var forge = D.forge;
    var url = forge.base + current.folder + "?" + forge.name_param + "=" +
      encodeURIComponent(slug() + current.extension);
    return withText ? url + "&" + forge.text_param + "=" + encodeURIComponent(fileText()) : url;
  }

  function forgeName() {
    return D.forge.forge === "gitlab" ? "GitLab" : "GitHub";
  }

  // -- reading the controls -----------------------------------------------------------

  function controlId(name) {
    return "ngo-f-" + name.replace(/\./g, "-");
  }

  function splitList(f, text) {
    var separator = f.kind === "text" ? ";" : ",";
    return text.split(separator).map(function (v) { return v.trim(); })
      .filter(function (v) { return v; });
  }

  function readControl(f, id) {
    if (f.kind === "map") {
      var rows = Array.from(document.querySelectorAll('[data-rows="' + id + '"] > .ngo-submit__row'));
      var read = rows.map(function (row) {
        var value = {};
        f.fields.forEach(function (sub) {
          value[sub.name] = readControl(sub, row.getAttribute("data-id") + "-" + sub.name);
        });
        return value;
      });
      return f.list ? read : read[0] || {};
    }
    var boxes = document.querySelectorAll('input[type="checkbox"][name="' + id + '"]');
    if (boxes.length) {
      return Array.from(boxes).filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; });
    }
    var control = document.getElementById(id);
    var text = control ? control.value : "";
    return f.list ? splitList(f, text) : text.trim();
  }

  function readValues() {
    var values = {};
    current.fields.forEach(function (f) { values[f.name] = readControl(f, controlId(f.name)); });
    return values;
  }

  // -- checks (fields.py, check.py) ---------------------------------------------------

  function validDate(text) {
    var parts = text.slice(0, 10).split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return day.getUTCFullYear() === parts[0] && day.getUTCMonth() === parts[1] - 1 &&
      day.getUTCDate() === parts[2];
  }

  function validTime(text) {
    var time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
    return validDate(text) && +time[1] < 24 && +time[2] < 60 && +(time[3] || 0) < 60;
  }

  function refChoices(target) {
    return refs[target] || null;
  }

  /** One value of a field: the message `check` would give, or null. */
  function checkValue(f, value, name) {
    var found = { field: name, found: value, value: value };
    switch (f.kind) {
      case "date":
        return pattern("date").test(value) && validDate(value) ? null : message("bad_date", found);
      case "date or date-time":
        if (pattern("date").test(value)) return validDate(value) ? null : message("bad_date", found);
        if (pattern("datetime").test(value)) return validTime(value) ? null : message("bad_date", found);
        if (pattern("datetime_no_offset").test(value)) return message("datetime_needs_offset", found);
        return message("bad_datetime", found);
      case "year or date":
        if (pattern("year").test(value) || pattern("year_month").test(value)) return null;
        if (pattern("date").test(value)) return validDate(value) ? null : message("bad_date", found);
        return message("bad_year_or_date", found);
      case "number":
        return pattern("count").test(value) ? null : message("bad_count", found);
      case "email":
        return pattern("email").test(value) ? null : message("bad_email", found);
      case "URL":
        return pattern("url").test(value) ? null : message("bad_url", found);
      case "email or URL":
        return pattern("email").test(value) || pattern("url").test(value)
          ? null : message("bad_contact", found);
      case "choice":
        return f.choices.some(function (c) { return c.value === value; }) ? null
          : message("bad_choice", Object.assign(found, {
            allowed: f.choices.map(function (c) { return c.value; }).join(", ") }));
      case "reference":
        return checkRef(f.ref, value, found);
      default:
        return null;
    }
  }

  function checkRef(target, value, found) {
    var known = refChoices(target);
    if (known) {
      var ok = known.some(function (c) { return c.value === value; });
      return ok ? null : message("unknown_" + target, found);
    }
    if (target === "country") {
      return Object.prototype.hasOwnProperty.call(D.countries, value) ? null
        : message("unknown_country", found);
    }
    if (target === "region") {
      return pattern("region_code").test(value) || pattern("region_name").test(value)
        ? null : message("bad_region", found);
    }
    if (target === "media") {
      var bad = value.charAt(0) === "/" || value.indexOf("\\") >= 0 ||
        value.split("/").indexOf("..") >= 0 || value.split("/")[0] !== "media";
      return bad ? message("media_outside", found) : null;
    }
    return null;
  }

  /** Every problem of the form, by control id (in the order of the fields). */
  function problems() {
    var out = {};
    var values = readValues();
    current.fields.forEach(function (f) {
      checkField(f, values[f.name], f.name, controlId(f.name), out);
    });
    crossChecks(values, out);
    var s = slug();
    if (!s) out["ngo-submit-slug"] = message("new_needs_slug", {});
    else if (!pattern("slug").test(s)) {
      out["ngo-submit-slug"] = message("new_bad_slug", { slug: s, proposal: proposeSlug(s) });
    } else if ((existing[current.name] || {})[s]) {
      out["ngo-submit-slug"] = message("new_exists", { path: filePath() });
    }
    var text = fileText();
    var front = text.split("\n---\n")[0];
    if (front.length > D.limits.yaml_chars) {
      out["ngo-submit-slug"] = out["ngo-submit-slug"] ||
        message("yaml_too_long", { size: front.length, limit: D.limits.yaml_chars });
    }
    var bytes = new TextEncoder().encode(text).length;
    if (bytes > D.limits.file_bytes) {
      out["ngo-submit-body"] = message("file_too_big", { size: bytes, limit: D.limits.file_bytes });
    }
    return out;
  }

  function checkField(f, value, name, id, out) {
    if (f.kind === "map") {
      (f.list ? value : [value]).forEach(function (row, index) {
        if (!isSet(row)) return;
        var rowId = f.list ? id + "-" + index : id + "-0";
        f.fields.forEach(function (sub) {
          checkField(sub, row[sub.name] || "", name + "." + sub.name, rowId + "-" + sub.name, out);
        });
      });
      if (f.required && !isSet(value)) out[id] = message("empty_list", { field: name });
      return;
    }
    if (!isSet(value)) {
      if (f.required) out[id] = message(f.list ? "empty_list" : "empty_value", { field: name });
      return;
    }
    var values = f.list ? value : [value];
    for (var i = 0; i < values.length; i++) {
      var problem = checkValue(f, values[i], name);
      if (problem) { out[id] = problem; return; }
    }
  }

  /** values.first_day and last_day: `2018` lasts to 31 December, `2018-02` to the 28th. */
  function firstDay(value) {
    if (value.length === 4) return value + "-01-01";
    if (value.length === 7) return value + "-01";
    return value.slice(0, 10);
  }

  function lastDay(value) {
    if (value.length === 4) return value + "-12-31";
    if (value.length === 7) {
      var last = new Date(Date.UTC(+value.slice(0, 4), +value.slice(5, 7), 0)).getUTCDate();
      return value + "-" + String(last).padStart(2, "0");
    }
    return value.slice(0, 10);
  }

  /** check._given: a field, or a map's key (`location.country`), holds a value. */
  function given(values, dotted) {
    var parts = dotted.split(".");
    var value = values[parts[0]];
    if (parts.length > 1) value = value && !Array.isArray(value) ? value[parts[1]] || "" : "";
    return isSet(value);
  }

  /** The control a dotted name is entered in: `location.country` -> its first row's. */
  function dottedId(dotted) {
    var parts = dotted.split(".");
    return parts.length > 1 ? controlId(parts[0]) + "-0-" + parts[1] : controlId(dotted);
  }

  /** check.RULES: the end not before the start; a publication's file or its url. */
  function crossChecks(values, out) {
    var start = values.start, end = values.end;
    var startId = controlId("start"), endId = controlId("end");
    if (typeof start === "string" && typeof end === "string" && start && end &&
        !out[startId] && !out[endId]) {
      var wrong = start.indexOf("T") > 0 && end.indexOf("T") > 0
        ? Date.parse(end) < Date.parse(start)
        : lastDay(end) < firstDay(start);
      if (wrong) out[endId] = message("end_before_start", { start: start, end: end });
    }
    if (current.name === "publications" && isSet(values.file) && isSet(values.url)) {
      out[controlId("url")] = out[controlId("url")] || message("file_and_url", {});
    }
    current.one_of.forEach(function (names) {
      if (names.some(function (name) { return given(values, name); })) return;
      var id = dottedId(names[0]);
      out[id] = out[id] || message("one_of_missing", { fields: names.join(", "), first: names[0] });
    });
    var over = current.start_optional_when;
    if (over.length && !isSet(values.start) && over.indexOf(values.status || "") < 0) {
      out[startId] = out[startId] ||
        message("start_needed", { status: values.status || "—", over: over.join(", ") });
    }
  }

  // -- the controls -------------------------------------------------------------------

  function describedBy(id) {
    return id + "-help " + id + "-error";
  }

  function labelText(f) {
    return f.label[lang] + (f.required ? " (" + ui("submit.required") + ")" : "");
  }

  /** The scaffold's hint, but where the control says it already (a list of choices)
   * or where it speaks of YAML ("a string or {ru: ..., en: ...}"): a form needs neither. */
  function helpText(f) {
    if (f.kind === "choice" || refChoices(f.ref)) return "";
    var help = f.kind === "text" ? "" : f.help[lang];
    if (f.list) {
      var several = ui(f.kind === "text" ? "submit.several_texts" : "submit.several");
      help = help ? help + "; " + several : several;
    }
    return help;
  }

  function fieldBox(id, label, help, control) {
    var box = el("div", { "class": "ngo-submit__field" });
    box.appendChild(el("label", { "for": id }, label));
    box.appendChild(control);
    box.appendChild(el("p", { "class": "ngo-submit__help", id: id + "-help" }, help));
    box.appendChild(el("p", { "class": "ngo-submit__error", id: id + "-error" }));
    return box;
  }

  function choiceList(f) {
    if (f.choices) {
      return f.choices.map(function (c) { return { value: c.value, label: c.label[lang] }; });
    }
    return refChoices(f.ref);
  }

  /** Values given in the page's address (`?collection=forums&missions=dk`), as a
   * mission's page links here. A value that is no choice is offered as written, so the
   * check says what is wrong with it instead of dropping it silently. */
  function preset(name) {
    if (!presets) return [];
    return presets.getAll(name).join(",").split(",").map(function (v) { return v.trim(); })
      .filter(function (v) { return v; });
  }

  function withPresets(choices, given) {
    var known = {};
    choices.forEach(function (c) { known[c.value] = true; });
    return choices.concat(given.filter(function (v) { return !known[v]; })
      .map(function (v) { return { value: v, label: v }; }));
  }

  function control(f, id, name) {
    var given = preset(name);
    var choices = choiceList(f);
    if (choices && given.length) choices = withPresets(choices, f.list ? given : given.slice(0, 1));
    if (f.kind === "map") return mapControl(f, id);
    if (choices && f.list) {
      var set = el("fieldset", { "class": "ngo-submit__field ngo-submit__choices", id: id,
        "aria-describedby": id + "-error" });
      set.appendChild(el("legend", null, labelText(f)));
      choices.forEach(function (c, index) {
        var boxId = id + "--" + index;
        var item = el("div", { "class": "ngo-submit__choice" });
        item.appendChild(el("input", { type: "checkbox", id: boxId, name: id, value: c.value,
          checked: given.indexOf(c.value) >= 0 }));
        item.appendChild(el("label", { "for": boxId }, c.label));
        set.appendChild(item);
      });
      set.appendChild(el("p", { "class": "ngo-submit__error", id: id + "-error" }));
      return set;
    }
    var input;
    if (choices) {
      input = el("select", { id: id, name: name, "aria-describedby": describedBy(id),
        "aria-required": f.required ? "true" : null });
      input.appendChild(el("option", { value: "" }, ui("submit.none")));
      choices.forEach(function (c) {
        input.appendChild(el("option", { value: c.value, selected: c.value === given[0] }, c.label));
      });
    } else {
      input = el("input", { type: "text", id: id, name: name, "aria-describedby": describedBy(id),
        "aria-required": f.required ? "true" : null,
        inputmode: f.kind === "number" ? "numeric" : null,
        autocomplete: "off",
        placeholder: placeholderFor(f) });
      input.value = f.list ? given.join(f.kind === "text" ? "; " : ", ") : given[0] || "";
    }
    return fieldBox(id, labelText(f), helpText(f), input);
  }

  function placeholderFor(f) {
    if (f.kind === "date" || f.kind === "date or date-time") return D.markers[lang].date;
    if (f.kind === "year or date") return D.markers[lang].year;
    return null;
  }

  function mapControl(f, id) {
    var set = el("fieldset", { "class": "ngo-submit__field ngo-submit__map", id: id,
      "aria-describedby": id + "-error" });
    set.appendChild(el("legend", null, labelText(f)));
    var rows = el("div", { "data-rows": id });
    set.appendChild(rows);
    var count = 0;
    function addRow() {
      var rowId = id + "-" + count;
      var row = el("div", { "class": "ngo-submit__row", "data-id": rowId });
      if (f.list) row.appendChild(el("p", { "class": "ngo-submit__row-title" }, ui("submit.row", { n: count + 1 })));
      f.fields.forEach(function (sub) {
        row.appendChild(control(sub, rowId + "-" + sub.name, f.name + "." + sub.name));
      });
      rows.appendChild(row);
      count += 1;
      return row;
    }
    addRow();
    if (f.list) {
      var add = el("button", { type: "button", "class": "md-button ngo-submit__add" }, ui("submit.add_row"));
      add.addEventListener("click", function () {
        var row = addRow();
        var first = row.querySelector("input, select");
        if (first) first.focus();
        update();
      });
      set.appendChild(add);
    }
    set.appendChild(el("p", { "class": "ngo-submit__error", id: id + "-error" }));
    return set;
  }

  function buildFields() {
    var box = document.getElementById("ngo-submit-fields");
    box.replaceChildren();
    touched = {};
    pressed = false;
    slugEdited = false;
    current.fields.forEach(function (f) { box.appendChild(control(f, controlId(f.name), f.name)); });
    var slugInput = el("input", { type: "text", id: "ngo-submit-slug", name: "slug",
      "aria-describedby": describedBy("ngo-submit-slug"), "aria-required": "true",
      autocomplete: "off", spellcheck: "false" });
    slugInput.addEventListener("input", function () { slugEdited = true; });
    box.appendChild(fieldBox("ngo-submit-slug", ui("submit.slug") + " (" + ui("submit.required") + ")",
      ui("submit.slug_help"), slugInput));
    if (current.extension === ".md") {
      var body = el("textarea", { id: "ngo-submit-body", name: "body", rows: "8",
        "aria-describedby": describedBy("ngo-submit-body") });
      box.appendChild(fieldBox("ngo-submit-body", ui("submit.body"), ui("submit.body_help"), body));
    }
    var title = current.title_field && document.getElementById(controlId(current.title_field));
    if (title && title.value.trim()) slugInput.value = proposeSlug(title.value.trim());
    loadExisting(current.name);
    update();
  }

  // -- showing problems and the file ----------------------------------------------------

  function show(all) {
    var found = problems();
    document.querySelectorAll("#ngo-submit-fields .ngo-submit__error").forEach(function (p) {
      var id = p.id.replace(/-error$/, "");
      var shown = all || pressed || touched[id] || touchedInside(id);
      var problem = found[id] && shown ? found[id] : "";
      p.textContent = problem;
      var target = document.getElementById(id);
      if (target && target.tagName !== "FIELDSET") {
        if (problem) target.setAttribute("aria-invalid", "true");
        else target.removeAttribute("aria-invalid");
      }
    });
    return found;
  }

  function touchedInside(id) {
    return Object.keys(touched).some(function (t) { return t.indexOf(id + "--") === 0; });
  }

  function update() {
    document.getElementById("ngo-submit-text").value = fileText();
    document.getElementById("ngo-submit-path").textContent = ui("submit.path", { path: filePath() });
    show(false);
  }

  function setStatus(text, isError) {
    var status = document.getElementById("ngo-submit-status");
    status.className = "ngo-submit__status" + (isError ? " ngo-submit__status--error" : "");
    status.textContent = text;
  }

  /** Before any button acts: every problem shown; the first one's field focused. */
  function ready() {
    pressed = true;
    var found = show(true);
    var ids = Object.keys(found);
    document.getElementById("ngo-submit-empty").hidden = true;
    if (!ids.length) return true;
    setStatus(ui("submit.errors", { n: ids.length }), true);
    var first = document.getElementById(ids[0]);
    var focusable = first && (first.tagName === "FIELDSET"
      ? first.querySelector("input, select, textarea") : first);
    if (focusable) focusable.focus();
    return false;
  }

  function openForge() {
    if (!ready()) return;
    var url = forgeUrl(true);
    if (url.length > D.forge.max_url) {
      setStatus(ui("submit.too_long", { forge: forgeName(), size: url.length, limit: D.forge.max_url }), true);
      document.getElementById("ngo-submit-empty").hidden = false;
      return;
    }
    window.open(url, "_blank", "noopener");
    setStatus(ui("submit.opened"), false);
  }

  function download() {
    if (!ready()) return;
    var blob = new Blob([fileText()], { type: "text/plain;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: slug() + current.extension });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function copy() {
    if (!ready()) return;
    var text = fileText();
    var done = function () { setStatus(ui("submit.copied"), false); };
    var fallback = function () {
      var area = document.getElementById("ngo-submit-text");
      area.focus();
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) done(); else setStatus(ui("submit.copy_failed"), true);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  // -- the page -----------------------------------------------------------------------

  function button(id, text, action) {
    var b = el("button", { type: "button", id: id, "class": "md-button" }, text);
    b.addEventListener("click", action);
    return b;
  }

  function build() {
    var form = el("form", { "class": "ngo-submit__form", novalidate: true, id: "ngo-submit-form" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var choose = el("select", { id: "ngo-submit-collection", name: "collection" });
    D.collections.forEach(function (c) {
      choose.appendChild(el("option", { value: c.name }, c.label[lang]));
    });
    form.appendChild(fieldBox("ngo-submit-collection", ui("submit.choose"), "", choose));
    form.appendChild(el("div", { id: "ngo-submit-fields" }));
    var actions = el("div", { "class": "ngo-submit__actions" });
    if (D.forge) actions.appendChild(button("ngo-submit-open", ui("submit.open", { forge: forgeName() }), openForge));
    actions.appendChild(button("ngo-submit-download", ui("submit.download"), download));
    actions.appendChild(button("ngo-submit-copy", ui("submit.copy"), copy));
    form.appendChild(actions);
    if (D.forge) {
      var empty = button("ngo-submit-empty", ui("submit.open_empty", { forge: forgeName() }), function () {
        window.open(forgeUrl(false), "_blank", "noopener");
      });
      empty.hidden = true;
      form.appendChild(empty);
    }
    var status = el("p", { id: "ngo-submit-status", "class": "ngo-submit__status", role: "status" });
    form.appendChild(status);
    if (!D.forge) form.appendChild(el("p", { "class": "ngo-submit__help" }, ui("submit.no_forge")));
    form.appendChild(el("h2", { id: "ngo-submit-result" }, ui("submit.result")));
    form.appendChild(el("p", { id: "ngo-submit-path" }));
    form.appendChild(el("textarea", { id: "ngo-submit-text", readonly: true, rows: "14",
      "aria-labelledby": "ngo-submit-result", spellcheck: "false" }));

    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("focusout", function (event) {
      if (event.target.id) touched[event.target.id] = true;
      if (current) show(false);
    });
    choose.addEventListener("change", function () {
      current = D.collections.find(function (c) { return c.name === choose.value; });
      var params = new URLSearchParams(location.search);
      params.set("collection", current.name);
      history.replaceState(null, "", "?" + params.toString() + location.hash);
      buildFields();
    });
    root.replaceChildren(form);

    var wanted = new URLSearchParams(location.search).get("collection");
    current = D.collections.find(function (c) { return c.name === wanted; }) || D.collections[0];
    choose.value = current.name;
    presets = current.name === wanted ? new URLSearchParams(location.search) : null;
    buildFields();
    presets = null;
  }

  function onEdit(event) {
    if (!current || event.target.id === "ngo-submit-collection") return;
    if (event.target.id) touched[event.target.id] = true;
    var titleId = current.title_field && controlId(current.title_field);
    if (event.target.id === titleId && !slugEdited) {
      var title = event.target.value.trim();
      document.getElementById("ngo-submit-slug").value = title ? proposeSlug(title) : "";
    }
    setStatus("", false);
    update();
  }

  // -- data -----------------------------------------------------------------------------

  function getJson(path) {
    return fetch(new URL(path, siteRoot)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    });
  }

  function textOf(value, fallback) {
    if (!value) return fallback;
    return value[lang] || value.ru || fallback;
  }

  var REF_READERS = {
    mission: function (data) {
      return data.items.map(function (item) {
        var country = D.countries[item.slug];
        return { value: item.slug, label: textOf(item.name, country ? country[lang] : item.slug) };
      });
    },
    organization: function (data) {
      return data.items.map(function (item) {
        return { value: item.slug, label: textOf(item.name, item.slug) };
      });
    },
    theme: function (data) {
      return Object.keys(data.themes).map(function (slug) {
        return { value: slug, label: textOf(data.themes[slug], slug) };
      });
    },
  };

  function loadRefs() {
    return Promise.all(Object.keys(D.refs).map(function (target) {
      return getJson(D.refs[target]).then(function (data) { refs[target] = REF_READERS[target](data); });
    }));
  }

  /** The collection's published slugs, so a taken file name is said at once. */
  function loadExisting(name) {
    if (existing[name]) return;
    existing[name] = {};
    getJson("api/" + name + ".json").then(function (data) {
      data.items.forEach(function (item) { existing[name][item.slug] = true; });
      if (current && current.name === name) show(false);
    }).catch(function () { /* the check in the pull request still says it */ });
  }

  root.setAttribute("aria-busy", "true");
  fetch(formsUrl).then(function (response) {
    if (!response.ok) throw new Error(response.status + " " + response.url);
    return response.json();
  }).then(function (data) {
    D = data;
    return loadRefs();
  }).then(function () {
    build();
    root.removeAttribute("aria-busy");
    window.ngoSubmit = { proposeSlug: proposeSlug, yamlScalar: yamlScalar };
  }).catch(function (error) {
    root.removeAttribute("aria-busy");
    var p = el("p", { "class": "ngo-submit__error", role: "alert" },
      D ? ui("submit.failed", { detail: error.message }) : String(error.message));
    root.appendChild(p);
  });
})();
