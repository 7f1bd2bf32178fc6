// The YAML the application form reads and writes: the block style that the form itself,
// `hallbarhet new` (the template) and the questionnaire write, with plain, quoted, literal
// and folded scalars and flow lists. Saved text is written double-quoted with every
// character YAML could misread escaped. tests/unit/test_form_yaml.py reads templates,
// drafts and saved forms here and with the YAML loader and requires the same data.
var HallbarhetYaml = (function () {
  "use strict";
  function unquote(text) {
    if (text[0] === '"') {
      try { return JSON.parse(text); } catch (e) { return text.slice(1, -1); }
    }
    if (text[0] === "'") return text.slice(1, -1).replace(/''/g, "'");
    return null;
  }
  function parseScalar(text) {
    text = text.trim();
    if (text === "" || text === "~" || /^(null|Null|NULL)$/.test(text)) return null;
    if (text[0] === '"' || text[0] === "'") return unquote(text);
    if (text[0] === "[") {
      var items = text.slice(1, -1).match(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+/g) || [];
      return items.map(parseScalar).filter(function (v) { return v !== null; });
    }
    if (/^(true|True|TRUE)$/.test(text)) return true;
    if (/^(false|False|FALSE)$/.test(text)) return false;
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { $date: text };
    return text;
  }
  function withoutComment(text) {
    var t = text.trim();
    if (t[0] === '"' || t[0] === "'") {
      var end = t[0] === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(t) : /^'(?:[^']|'')*'/.exec(t);
      return end ? end[0] : t;
    }
    return t.replace(/\s+#.*$/, "");
  }

  // The block YAML that this form, `hallbarhet new` and the questionnaire write.
  function parseYaml(text) {
    var root = {};
    var stack = [{ indent: -1, node: root }];
    var lines = text.split(/\r?\n/);
    var indentOf = function (line) { return /^ */.exec(line)[0].length; };
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (/^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line)) continue;
      var m = /^( *)([^\s:#][^:#]*?|"[^"]*")\s*:(?:\s+(.*))?$/.exec(line);
      if (!m) throw { line: i + 1 };
      var indent = m[1].length;
      var key = m[2][0] === '"' ? JSON.parse(m[2]) : m[2];
      var rest = withoutComment(m[3] || "");
      while (stack[stack.length - 1].indent >= indent) stack.pop();
      var parent = stack[stack.length - 1].node;
      if (rest === "") {
        parent[key] = {};
        stack.push({ indent: indent, node: parent[key] });
        continue;
      }
      if (/^[|>][+-]?$/.test(rest)) {
        var block = [];
        while (i + 1 < lines.length && (!lines[i + 1].trim() || indentOf(lines[i + 1]) > indent)) {
          block.push(lines[++i]);
        }
        var cut = Math.min.apply(null, block.filter(function (l) { return l.trim(); }).map(indentOf));
        block = block.map(function (l) { return l.slice(cut); });
        while (block.length && !block[block.length - 1].trim()) block.pop();
        var joined = rest[0] === "|" ? block.join("\n")
          : block.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ").replace(/\n\n/g, "\n");
        parent[key] = joined + (rest.indexOf("-") >= 0 ? "" : "\n");
        continue;
      }
      // A plain or quoted value may go on over more indented lines.
      while (i + 1 < lines.length && lines[i + 1].trim() && indentOf(lines[i + 1]) > indent &&
             !/^\s*#/.test(lines[i + 1])) {
        rest += " " + lines[++i].trim();
      }
      parent[key] = parseScalar(rest);
    }
    return root;
  }

  // A YAML double-quoted scalar: JSON's quoting, plus escapes for what YAML reads as a
  // line break (NEL, U+2028, U+2029) or does not accept unescaped (other C1 controls).
  function quoted(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  return { parse: parseYaml, quoted: quoted };
})();
if (typeof module !== "undefined") module.exports = HallbarhetYaml;
