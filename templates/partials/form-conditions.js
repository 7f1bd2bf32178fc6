// The application form's reading of a `relevant` condition: exactly what the engine's
// compiled conditions compute (Operator.matcher in models/operators.py), on the JSON that
// authoring/form_conditions.py writes. tests/unit/test_form_conditions.py runs this file
// in node against the engine on thousands of generated conditions and answers.
//
// An answer is null when unanswered; a date is {$date: "YYYY-MM-DD"}. A comparison on an
// unanswered question is false except `answered`, and values of different kinds never
// compare (true is not the number 1, text is not a list).
var HallbarhetConditions = (function () {
  "use strict";
  // The characters Python's str.strip() removes (its str.isspace()).
  var SPACE = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680" +
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
    "\u2028\u2029\u202f\u205f\u3000";

  function strip(text) {
    var start = 0;
    var end = text.length;
    while (start < end && SPACE.indexOf(text[start]) >= 0) start++;
    while (end > start && SPACE.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }

  // Characters as Python counts them (code points, not UTF-16 units).
  function length(answer) {
    return typeof answer === "string" ? Array.from(strip(answer)).length : answer.length;
  }

  function kindOf(value) {
    if (typeof value === "boolean") return "boolean";
    if (typeof value === "number") return "number";
    if (typeof value === "string") return "text";
    if (Array.isArray(value)) return "list";
    if (value !== null && typeof value === "object" && typeof value.$date === "string") {
      return "date";
    }
    return "other";
  }

  // Python's ==: true equals 1 and 1 equals 1.0, but a date never equals text.
  function same(a, b) {
    if (a === null || b === null) return a === b;
    var ka = kindOf(a);
    var kb = kindOf(b);
    var numeric = { boolean: true, number: true };
    if (numeric[ka] && numeric[kb]) return Number(a) === Number(b);
    if (ka !== kb) return false;
    if (ka === "date") return a.$date === b.$date;
    if (ka === "list") {
      return a.length === b.length && a.every(function (x, i) { return same(x, b[i]); });
    }
    if (ka === "other") return JSON.stringify(a) === JSON.stringify(b);
    return a === b;
  }

  // Only called on two numbers or two dates.
  function less(a, b) {
    return typeof a === "number" ? a < b : a.$date < b.$date;
  }

  function contains(list, value) {
    return list.some(function (item) { return same(item, value); });
  }

  var TESTS = {
    eq: function (a, v) { return same(a, v); },
    ne: function (a, v) { return !same(a, v); },
    lt: function (a, v) { return less(a, v); },
    le: function (a, v) { return !less(v, a); },
    gt: function (a, v) { return less(v, a); },
    ge: function (a, v) { return !less(a, v); },
    between: function (a, v) { return !less(a, v.min) && !less(v.max, a); },
    in: function (a, v) { return contains(v, a); },
    not_in: function (a, v) { return !contains(v, a); },
    includes_any: function (a, v) { return v.some(function (x) { return contains(a, x); }); },
    includes_all: function (a, v) { return v.every(function (x) { return contains(a, x); }); },
    min_length: function (a, v) { return length(a) >= v; },
  };

  function ofKind(kind) {
    return function (answer) { return kindOf(answer) === kind; };
  }

  // Which answers the comparison's value can be compared with; null when none can.
  function fits(node) {
    var value = node.value;
    var kind = kindOf(value);
    if (node.shape === "count") {
      if (kind !== "number") return null;
      return function (a) { return typeof a === "string" || Array.isArray(a); };
    }
    if (node.shape === "list" && node.op.indexOf("includes") === 0) {
      return kind === "list" ? ofKind("list") : null;
    }
    if (node.shape === "list") {
      if (kind !== "list") return null;
      var kinds = {};
      value.forEach(function (item) { kinds[kindOf(item)] = true; });
      var found = Object.keys(kinds);
      if (found.length > 1) return null;
      return found.length ? ofKind(found[0]) : function () { return true; };
    }
    if (node.shape === "range") {
      var low = kindOf(value.min);
      if (low !== kindOf(value.max) || (low !== "number" && low !== "date")) return null;
      return ofKind(low);
    }
    if (node.ordered && kind !== "number" && kind !== "date") return null;
    return ofKind(kind);
  }

  function compare(node, answer) {
    if (answer === undefined) answer = null;
    if (node.shape === "flag") return (answer !== null) === Boolean(node.value);
    var test = TESTS[node.op];
    if (!test) throw new Error("unknown operator " + node.op);
    var fit = fits(node);
    return fit !== null && answer !== null && fit(answer) && test(answer, node.value);
  }

  // Whether `condition` holds; answerOf(id) and fieldOf(name) give null when unknown.
  function holds(condition, answerOf, fieldOf) {
    if (condition.all) {
      return condition.all.every(function (c) { return holds(c, answerOf, fieldOf); });
    }
    if (condition.any) {
      return condition.any.some(function (c) { return holds(c, answerOf, fieldOf); });
    }
    if (condition.not) return !holds(condition.not, answerOf, fieldOf);
    var answer = condition.question != null ? answerOf(condition.question) : fieldOf(condition.field);
    return compare(condition, answer);
  }

  return { holds: holds, kindOf: kindOf, strip: strip, length: length };
})();
if (typeof module !== "undefined") module.exports = HallbarhetConditions;
