// The application form's behaviour: which questions apply (the engine's order and
// conditions), checks as answers are typed, progress, saving the application as YAML and
// opening a saved one again. Text is only ever set with textContent.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("form-data").textContent);
  var C = HallbarhetConditions;
  var quoted = HallbarhetYaml.quoted;
  var parseYaml = HallbarhetYaml.parse;
  var M = DATA.messages;
  var MARKER = DATA.placeholder;
  var ITEMS = DATA.fields.concat(DATA.questions);
  var touched = {};

  function $(id) { return document.getElementById(id); }

  // -- messages, formatted as Python's str.format does for them ------------------------
  function repr(text) {
    text = String(text);
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    return quote + text.replace(/\\/g, "\\\\").split(quote).join("\\" + quote) + quote;
  }
  function format(template, args) {
    return template.replace(/\{(\w+)(!r)?\}/g, function (all, name, asRepr) {
      var value = args[name];
      return asRepr && typeof value === "string" ? repr(value) : String(value);
    });
  }
  function describe(text) {
    return repr(text.length <= 40 ? text : text.slice(0, 37) + "...");
  }

  // -- reading an answer ---------------------------------------------------------------
  function inputs(item) {
    return Array.prototype.slice.call(document.getElementsByName(item.dom));
  }
  function parseNumber(raw) {
    var cleaned = raw.replace(/\u2212/g, "-").replace(/[\s_]/g, "");
    if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(cleaned)) return null;
    if (DATA.lang === "en" && /,\d{3}$/.test(cleaned)) return null;
    return Number(cleaned.replace(",", "."));
  }

  // {value, raw, problem}: value is typed (null when unanswered), raw what was written.
  function read(item) {
    if (item.fixed !== null) return { value: item.fixed, raw: item.fixed, problem: null };
    var type = item.type;
    if (type === "boolean" || type === "choice") {
      var checked = inputs(item).filter(function (i) { return i.checked; })[0];
      var chosen = checked && checked.value !== "" ? checked.value : null;
      if (type === "boolean" && chosen !== null) chosen = chosen === "true";
      return { value: chosen, raw: chosen, problem: null };
    }
    if (type === "multichoice") {
      var values = inputs(item).filter(function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      return { value: values.length ? values : null, raw: values, problem: null };
    }
    var raw = $(item.dom).value;
    if (!C.strip(raw)) return { value: null, raw: raw, problem: null };
    if (type === "date") {
      return /^\d{4}-\d{2}-\d{2}$/.test(raw)
        ? { value: { $date: raw }, raw: raw, problem: null }
        : { value: null, raw: raw, problem: format(M.date, { id: item.id, got: describe(raw) }) };
    }
    if (type === "number" || type === "integer") {
      var number = parseNumber(raw);
      if (number === null || (type === "integer" && !Number.isInteger(number))) {
        return { value: null, raw: raw,
          problem: format(M[type], { id: item.id, got: describe(raw.trim()) }) };
      }
      if ((item.min !== null && number < item.min) || (item.max !== null && number > item.max)) {
        return { value: null, raw: raw, problem: format(M.range, {
          value: number, id: item.id,
          min: item.min !== null ? item.min : "-", max: item.max !== null ? item.max : "-" }) };
      }
      return { value: number, raw: raw, problem: null };
    }
    if (item.max_length !== null && Array.from(raw).length > item.max_length) {
      return { value: null, raw: raw, problem: format(M.max_length, { max: item.max_length }) };
    }
    return { value: raw, raw: raw, problem: null };
  }

  function tooShort(item, value) {
    if (!item.min_length || typeof value !== "string") return null;
    var length = C.length(value);
    if (length >= item.min_length) return null;
    var more = item.min_length - length;
    return format(DATA.too_short[more === 1 ? 0 : 1], { length: length, min: item.min_length, more: more });
  }

  // -- what applies, as the engine's fill_form decides ------------------------------------
  function state() {
    var fields = {};
    var found = {};
    DATA.fields.forEach(function (f) {
      found[f.id] = read(f);
      fields[f.id] = found[f.id].value;
    });
    var counted = {};
    var shown = {};
    DATA.questions.forEach(function (q) {
      var applies = q.relevant === null || C.holds(
        q.relevant,
        function (id) { return id in counted ? counted[id] : null; },
        function (name) { return fields[name] !== undefined ? fields[name] : null; });
      shown[q.id] = applies;
      found[q.id] = read(q);
      var value = found[q.id].value;
      if (applies && value !== null && !tooShort(q, value)) counted[q.id] = value;
    });
    return { fields: fields, found: found, shown: shown };
  }

  function problemOf(item, now, all) {
    var got = now.found[item.id];
    if (got.problem) return got.problem;
    if (got.value === null) return all && item.required ? M.missing : null;
    var short = tooShort(item, got.value);
    if (short) return short;
    var f = now.fields;
    if (item.id === "budget.requested_sek" && f["budget.total_sek"] !== null &&
        got.value > f["budget.total_sek"]) {
      return format(M.budget, { requested: got.value, total: f["budget.total_sek"] });
    }
    if (item.id === "period.end" && f["period.start"] !== null &&
        got.value.$date < f["period.start"].$date) {
      return format(M.period, { end: got.value.$date, start: f["period.start"].$date });
    }
    return null;
  }

  function showProblem(item, message) {
    var error = $(item.dom + "-error");
    if (!error) return;
    error.textContent = message || "";
    inputs(item).concat($(item.dom) ? [$(item.dom)] : []).forEach(function (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }

  function refresh() {
    var now = state();
    var total = 0;
    var answered = 0;
    ITEMS.forEach(function (item) {
      var shown = now.shown[item.id] !== false;
      var box = $(item.dom + "-item");
      if (box) box.hidden = !shown;
      if (!shown) { showProblem(item, null); return; }
      var problem = problemOf(item, now, false);
      if (touched[item.id] || !problem) showProblem(item, touched[item.id] ? problem : null);
      if (item.required && item.fixed === null) {
        total++;
        if (now.found[item.id].value !== null && !problem) answered++;
      }
    });
    $("progress").max = total;
    $("progress").value = answered;
    $("progress-text").textContent = format(M.progress, { answered: answered, total: total });
    return now;
  }

  // -- saving ---------------------------------------------------------------------------
  function scalar(value) {
    if (value === null) return "~";
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    if (typeof value === "object" && value.$date) return value.$date;
    if (Array.isArray(value)) return "[" + value.map(scalar).join(", ") + "]";
    return quoted(value);
  }

  function entry(item, now) {
    if (now.shown[item.id] === false) return "~";
    var got = now.found[item.id];
    if (got.value !== null) return scalar(got.value);
    if (got.problem) return quoted(got.raw);  // kept as written; validate says why
    if (!item.required) return "~";
    return item.type === "multichoice" ? "[" + quoted(MARKER) + "]" : quoted(MARKER);
  }

  function yaml(now) {
    var set = DATA.set;
    var title = set.title.replace(/\s+/g, " ");
    var lines = [
      "# " + format(M.written_by, { title: title }),
      "# " + format(M.fingerprint, { id: set.id, version: set.version, sha256: set.sha256 }),
      "kind: application",
    ];
    var parent = null;
    DATA.fields.forEach(function (f) {
      var path = f.id.split(".");
      if (f.id === "type") lines.push("criteria: " + quoted(set.ref));
      if (path.length === 2 && path[0] !== parent) lines.push(path[0] + ":");
      parent = path.length === 2 ? path[0] : null;
      lines.push((path.length === 2 ? "  " : "") + path[path.length - 1] + ": " + entry(f, now));
    });
    lines.push("answers:");
    DATA.questions.forEach(function (q) { lines.push("  " + q.id + ": " + entry(q, now)); });
    return lines.join("\n") + "\n";
  }

  function fileName(now) {
    var id = now.fields.id ? String(now.fields.id).replace(/[^A-Za-z0-9._-]+/g, "-") : "";
    return (id.replace(/^[.-]+/, "") || DATA.set.id) + ".yaml";
  }

  function summarise(problems) {
    var box = $("summary");
    var list = $("summary-list");
    list.textContent = "";
    if (!problems.length) { box.hidden = true; return; }
    $("summary-title").textContent = problems.length === 1
      ? M.summary_one : format(M.summary, { n: problems.length });
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      var target = $(p.item.dom) || inputs(p.item)[0];
      link.href = "#" + (target ? target.id : p.item.dom + "-item");
      link.textContent = p.label;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (target) target.focus();
      });
      li.appendChild(link);
      li.appendChild(document.createTextNode(": " + p.message));
      list.appendChild(li);
    });
    box.hidden = false;
    box.focus();
  }

  function labelOf(item) {
    var box = $(item.dom + "-item");
    var label = box && box.querySelector("legend, label, .label");
    var tag = label && label.querySelector(".tag");
    var text = label ? label.textContent : item.id;
    return (tag ? text.replace(tag.textContent, "") : text).trim();
  }

  function save(event) {
    event.preventDefault();
    var now = refresh();
    var problems = [];
    ITEMS.forEach(function (item) {
      if (now.shown[item.id] === false) return;
      touched[item.id] = true;
      var message = problemOf(item, now, true);
      showProblem(item, message);
      if (message) problems.push({ item: item, label: labelOf(item), message: message });
    });
    var name = fileName(now);
    var blob = new Blob([yaml(now)], { type: "application/x-yaml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    $("status").textContent = problems.length
      ? format(M.saved_draft, { file: name, marker: MARKER }) : format(M.saved, { file: name });
    summarise(problems);
  }

  // -- opening a saved application ---------------------------------------------------------
  function put(item, value) {
    if (item.fixed !== null) return;
    if (typeof value === "string" && C.strip(value) === MARKER) value = null;
    if (Array.isArray(value)) {
      value = value.filter(function (v) { return !(typeof v === "string" && C.strip(v) === MARKER); });
    }
    if (value !== null && typeof value === "object" && value.$date) value = value.$date;
    var type = item.type;
    if (type === "boolean" || type === "choice" || type === "multichoice") {
      var wanted = (Array.isArray(value) ? value : value === null ? [] : [value]).map(String);
      inputs(item).forEach(function (input) {
        input.checked = input.value === "" ? !wanted.length : wanted.indexOf(input.value) >= 0;
      });
      return;
    }
    $(item.dom).value = value === null ? "" : String(value);
  }

  function open(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = parseYaml(String(reader.result));
      } catch (e) {
        $("status").textContent = format(M.unreadable, { file: file.name, line: e.line || 1 });
        return;
      }
      var set = DATA.set;
      if (data.criteria && data.criteria !== set.ref && data.criteria !== set.id) {
        $("status").textContent = format(M.other_set,
          { file: file.name, found: String(data.criteria), expected: set.id });
        return;
      }
      DATA.fields.forEach(function (f) {
        var node = data;
        f.id.split(".").forEach(function (part) {
          node = node !== null && typeof node === "object" && part in node ? node[part] : null;
        });
        put(f, node);
      });
      var answers = data.answers && typeof data.answers === "object" ? data.answers : {};
      var known = {};
      DATA.questions.forEach(function (q) {
        known[q.id] = true;
        put(q, q.id in answers ? answers[q.id] : null);
      });
      var unknown = Object.keys(answers).filter(function (id) { return !known[id]; });
      touched = {};
      refresh();
      $("status").textContent = unknown.length
        ? format(M.unknown, { file: file.name, ids: unknown.join(", ") })
        : format(M.opened, { file: file.name });
    };
    reader.readAsText(file);
  }

  // -- wiring -------------------------------------------------------------------------------
  var form = $("form");
  form.addEventListener("input", refresh);
  form.addEventListener("change", function (event) {
    var box = event.target.closest(".item");
    if (box) touched[box.getAttribute("data-id")] = true;
    refresh();
  });
  form.addEventListener("focusout", function (event) {
    var box = event.target.closest(".item");
    if (box && event.target.value) touched[box.getAttribute("data-id")] = true;
    refresh();
  });
  form.addEventListener("submit", save);
  $("open-file").addEventListener("change", function (event) {
    if (event.target.files.length) open(event.target.files[0]);
  });
  refresh();
})();
