/* The PQS checker in the browser (docs/check.md).
 *
 * A trainer pastes or drops a module-to-ID list; this script checks every ID
 * against the published export (exports/pqs.json, so it is always in step with
 * the data) and draws a coverage grid. Nothing is sent anywhere: the file is
 * read in the browser.
 *
 * What counts as an ID is the rule of the command-line checker, pqs-check
 * (macros/checker.py); docs/check.md, "How IDs are recognised", describes it
 * for both. PATTERNS is a copy of checker.PATTERNS, and scan, judge, suggest
 * and coverage follow the Python functions of the same names step by step:
 * tests/test_tools_browser.py checks that the two give the same answers.
 */
(function () {
  "use strict";

  var PATTERNS = {
    "statement": "(?<![A-Za-z0-9.])([0-9]+)\\.([0-9]+)(?:[ \\t\\u00a0]*[-_][ \\t\\u00a0]*|[ \\t\\u00a0]*)([KD])([0-9]+)(?![A-Za-z0-9]|\\.[0-9])",
    "cue": "(?<![A-Za-z0-9])(?:pqs(?:[ \\t\\u00a0]*(domains?|outcomes?|standards?|statements?))?|(?<!learning[ \\t\\u00a0-])(?<!session[ \\t\\u00a0-])(?<!module[ \\t\\u00a0-])(?<!course[ \\t\\u00a0-])outcomes?)(?![A-Za-z])[ \\t\\u00a0]*[-:#]?[ \\t\\u00a0]*",
    "separator": "[ \\t\\u00a0]*(?:[,;/&+]|\\band\\b|\\bor\\b)[ \\t\\u00a0]*|[ \\t\\u00a0]+",
    "token": "([0-9]+(?:\\.[0-9]+)*)(?:(?:[ \\t\\u00a0]*[-_][ \\t\\u00a0]*|[ \\t\\u00a0]*)([A-Z])([0-9]+)|(?![ \\t\\u00a0]*(?:%|(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|million|billion|thousand|percent|per[ \\t\\u00a0]?cent|miles?|km|kg)(?![A-Za-z]))))(?![A-Za-z0-9]|\\.[0-9])",
    "bare": "(?<![A-Za-z0-9.])([0-9]+)\\.([0-9]+)(?![ \\t\\u00a0]*(?:%|(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|million|billion|thousand|percent|per[ \\t\\u00a0]?cent|miles?|km|kg)(?![A-Za-z])))(?![A-Za-z0-9]|\\.[0-9])",
    "id_column": "(?<![A-Za-z])(?:pqs|ids?|outcomes?|standards?|statements?|references?|refs?|domains?)(?![A-Za-z])",
    "domain_column": "(?<![A-Za-z])domains?(?![A-Za-z])"
  };

  var RE = {
    statement: new RegExp(PATTERNS.statement, "gi"),
    cue: new RegExp(PATTERNS.cue, "gi"),
    separator: new RegExp(PATTERNS.separator, "iy"),
    token: new RegExp(PATTERNS.token, "iy"),
    bare: new RegExp(PATTERNS.bare, "gi"),
    idColumn: new RegExp(PATTERNS.id_column, "i"),
    domainColumn: new RegExp(PATTERNS.domain_column, "i")
  };
  var MAX_BYTES = 10 * 1048576;
  var MAX_LINE = 10000;
  var LETTER_KIND = { K: "knows", D: "does" };
  var CSV_COLUMNS = ["level", "id", "domain", "outcome", "kind", "text", "references", "cited",
    "knows_cited", "knows_recorded", "does_cited", "does_recorded", "where"];

  // -- recognition (checker.scan) ---------------------------------------------------------

  function matchAt(re, text, pos) {
    re.lastIndex = pos;
    return re.exec(text);
  }

  function overlaps(start, end, found) {
    return found.some(function (f) { return start < f.end && f.start < end; });
  }

  function item(start, written, numbers, letter, number, domainOk) {
    return { start: start, end: start + written.length, written: written, numbers: numbers,
      letter: letter || null, number: number || null, domainOk: !!domainOk };
  }

  /* {found, bare} for one line; column is "ids" or "domains" for a cell of a CSV column of IDs. */
  function scan(line, column) {
    var found = [];
    var consumed = 0;
    var m;

    function chain(pos, domainOk) {
      var first = true;
      for (;;) {
        var at = pos;
        if (!first) {
          var sep = matchAt(RE.separator, line, pos);
          if (!sep) break;
          at = pos + sep[0].length;
        }
        var tok = matchAt(RE.token, line, at);
        if (!tok) break;
        var numbers = tok[1].split(".");
        if (numbers.length === 1 && !domainOk) break;
        found.push(item(tok.index, tok[0], numbers, tok[2], tok[3], domainOk));
        pos = tok.index + tok[0].length;
        first = false;
      }
      return pos;
    }

    if (column) {
      consumed = chain(/^[ \t\u00a0]*/.exec(line)[0].length, column === "domains");
    }
    RE.cue.lastIndex = 0;
    while ((m = RE.cue.exec(line))) {
      if (m.index < consumed) continue;
      var domainOk = !!m[1] && m[1].toLowerCase().indexOf("domain") === 0;
      consumed = Math.max(consumed, chain(m.index + m[0].length, domainOk));
    }
    RE.statement.lastIndex = 0;
    while ((m = RE.statement.exec(line))) {
      if (!overlaps(m.index, m.index + m[0].length, found)) found.push(item(m.index, m[0], [m[1], m[2]], m[3], m[4], false));
    }
    found.sort(function (a, b) { return a.start - b.start; });
    var bare = [];
    RE.bare.lastIndex = 0;
    while ((m = RE.bare.exec(line))) {
      if (!overlaps(m.index, m.index + m[0].length, found)) bare.push(item(m.index, m[0], [m[1], m[2]], null, null, false));
    }
    return { found: found, bare: bare };
  }

  // -- checking against the data (checker.Checker) -------------------------------------------

  function sortKey(id) {
    return (id.match(/\d+|[KD]/g) || []).map(function (p) { return p === "K" ? 0 : p === "D" ? 1 : parseInt(p, 10); });
  }

  function compareKeys(a, b) {
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) return -1;
      if (i >= b.length) return 1;
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }

  function sortBy(list, keyOf) {
    return list.map(function (x, i) { return { x: x, k: keyOf(x), i: i }; })
      .sort(function (a, b) { return compareKeys(a.k, b.k) || a.i - b.i; })
      .map(function (e) { return e.x; });
  }

  function Checker(data) {
    var self = this;
    this.data = data;
    this.domains = data.domains.map(function (d) { return d.id; });
    this.outcomes = {};
    this.outcomeIds = [];
    this.index = {};
    data.domains.forEach(function (d) {
      self.index[d.id] = true;
      d.outcomes.forEach(function (o) {
        var cited = o.statements.filter(function (s) { return s.id; }).map(function (s) { return s.id; });
        self.outcomes[o.id] = { id: o.id, domain: d.id, coverage: o.coverage, statements: o.statements, cited: cited, text: o.text };
        self.outcomeIds.push(o.id);
        self.index[o.id] = true;
        cited.forEach(function (id) { self.index[id] = true; });
      });
    });
  }

  Checker.prototype.outcomesOf = function (domainId) {
    return this.data.domains[this.domains.indexOf(domainId)].outcomes.map(function (o) { return o.id; });
  };

  Checker.prototype.nearestDomain = function (a) {
    return sortBy(this.domains, function (d) { return [Math.abs(parseInt(d, 10) - a), parseInt(d, 10)]; })[0];
  };

  Checker.prototype.suggest = function (numbers, letter, number) {
    var self = this;
    var a = parseInt(numbers[0], 10);
    var out = [];
    if (numbers.length === 1 && !letter) {
      out = [this.nearestDomain(a)];
    } else {
      var b = numbers.length > 1 ? parseInt(numbers[1], 10) : 1;
      var oid = a + "." + b;
      var byB = function (o) { return [Math.abs(parseInt(o.split(".")[1], 10) - b)].concat(sortKey(o)); };
      if (letter && this.outcomes[oid]) {
        var n = parseInt(number || "0", 10);
        var recorded = sortBy(this.outcomes[oid].cited, function (s) {
          var part = s.split(" ")[1];
          return [part[0] === letter ? 0 : 1, Math.abs(parseInt(part.slice(1), 10) - n)].concat(sortKey(s));
        });
        out = recorded.slice(0, 3).concat([oid]);
      } else if (this.domains.indexOf(String(a)) >= 0) {
        out = sortBy(this.outcomesOf(String(a)), byB).slice(0, 3);
      } else {
        var same = this.outcomeIds.filter(function (o) { return parseInt(o.split(".")[1], 10) === b; });
        if (same.length) {
          out = sortBy(same, function (o) { return [Math.abs(parseInt(o.split(".")[0], 10) - a)].concat(sortKey(o)); }).slice(0, 3);
        } else {
          out = sortBy(self.outcomesOf(this.nearestDomain(a)), byB).slice(0, 3);
        }
      }
    }
    var written = numbers.join(".") + (letter ? " " + letter + number : "");
    return out.filter(function (s, i) { return out.indexOf(s) === i && s !== written; });
  };

  Checker.prototype.judge = function (f) {
    var numbers = f.numbers;
    var letter = f.letter ? f.letter.toUpperCase() : null;
    var level = letter ? "statement" : numbers.length === 1 ? "domain" : "outcome";
    var suggestions = this.suggest(numbers, letter, f.number);
    var verdict = function (status, id, reason, message) {
      return { status: status, id: id, level: level, reason: reason, message: message, suggestions: status === "ok" ? [] : suggestions };
    };
    if (numbers.length > 2) return verdict("malformed", null, "too-many-parts", "a PQS ID has at most two numbers (domain.outcome)");
    var parts = numbers.concat(f.number ? [f.number] : []);
    if (parts.some(function (p) { return p.charAt(0) === "0"; })) {
      return verdict("malformed", null, "bad-number", "numbers in PQS IDs start at 1 and have no leading zero");
    }
    if (letter && !LETTER_KIND[letter]) {
      return verdict("malformed", null, "bad-letter", "the letter is " + letter + ": statement IDs use K (knows) or D (does)");
    }
    if (letter && numbers.length === 1) {
      return verdict("malformed", null, "bad-number", "a statement ID starts with its outcome's number, as in 3.2 D2");
    }
    var canon = numbers.join(".") + (letter ? " " + letter + f.number : "");
    if (this.index[canon]) return verdict("ok", canon, "", "");
    var domainId = numbers[0];
    var outcomeId = numbers.slice(0, 2).join(".");
    var first = this.domains[0];
    var last = this.domains[this.domains.length - 1];
    if (this.domains.indexOf(domainId) < 0) {
      return verdict("unknown", canon, "no-such-domain", "there is no domain " + domainId + " (domains run from " + first + " to " + last + ")");
    }
    if (!this.outcomes[outcomeId]) {
      var theirs = this.outcomesOf(domainId);
      return verdict("unknown", canon, "no-such-outcome",
        "domain " + domainId + " has outcomes " + theirs[0] + " to " + theirs[theirs.length - 1] + "; there is no " + outcomeId);
    }
    var outcome = this.outcomes[outcomeId];
    var recorded = outcome.cited;
    var why;
    if (outcome.coverage === "complete") {
      why = "outcome " + outcomeId + " has no statement " + letter + f.number;
    } else if (recorded.length) {
      why = "outcome " + outcomeId + " exists, but the only " + (recorded.length === 1 ? "statement of it recorded here is " : "statements of it recorded here are ") +
        recorded.join(", ") + "; check the official document";
    } else if (outcome.statements.length) {
      why = "outcome " + outcomeId + " exists, but our sources quote its statements without numbers; check the official document";
    } else {
      why = "outcome " + outcomeId + " exists, but none of its statements is recorded here; check the official document";
    }
    return verdict("unknown", canon, "not-recorded", why);
  };

  // -- coverage (checker.coverage) ----------------------------------------------------------------

  function coverage(data, cited) {
    var where = {};
    cited.forEach(function (c) {
      if (c[0]) (where[c[0]] = where[c[0]] || []).push(c[1]);
    });
    var list = function (id) { return where[id] || []; };
    var domains = [], outcomes = [], statements = [];
    data.domains.forEach(function (d) {
      var dOutcomes = [];
      d.outcomes.forEach(function (o) {
        var rows = o.statements.filter(function (s) { return s.id; }).map(function (s) {
          return { id: s.id, outcome: o.id, domain: d.id, kind: s.kind, text: s.text,
            references: list(s.id).length, cited: !!where[s.id], where: list(s.id) };
        });
        statements = statements.concat(rows);
        var count = function (kind, cited) {
          return rows.filter(function (r) { return r.kind === kind && (!cited || r.cited); }).length;
        };
        dOutcomes.push({
          id: o.id, domain: d.id, text: o.text, references: list(o.id).length,
          cited: !!where[o.id] || rows.some(function (r) { return r.cited; }),
          knows_cited: count("knows", true), knows_recorded: count("knows", false),
          does_cited: count("does", true), does_recorded: count("does", false),
          unnumbered: o.statements.filter(function (s) { return !s.id; }).length,
          where: list(o.id).concat.apply(list(o.id), rows.map(function (r) { return r.where; }))
        });
      });
      outcomes = outcomes.concat(dOutcomes);
      var sum = function (k) { return dOutcomes.reduce(function (t, o) { return t + o[k]; }, 0); };
      domains.push({
        id: d.id, title: d.title, references: list(d.id).length,
        cited: !!where[d.id] || dOutcomes.some(function (o) { return o.cited; }),
        outcomes_cited: dOutcomes.filter(function (o) { return o.cited; }).length, outcomes: dOutcomes.length,
        knows_cited: sum("knows_cited"), knows_recorded: sum("knows_recorded"),
        does_cited: sum("does_cited"), does_recorded: sum("does_recorded"),
        where: list(d.id).concat.apply(list(d.id), dOutcomes.map(function (o) { return o.where; }))
      });
    });
    return { domains: domains, outcomes: outcomes, statements: statements };
  }

  function coverageRows(cov) {
    var rows = [];
    var where = function (places) {
      var shown = places.filter(function (p, i) { return places.indexOf(p) === i; });
      return shown.slice(0, 20).join("; ") + (shown.length > 20 ? "; and " + (shown.length - 20) + " more" : "");
    };
    var counts = function (x) {
      return { knows_cited: String(x.knows_cited), knows_recorded: String(x.knows_recorded),
        does_cited: String(x.does_cited), does_recorded: String(x.does_recorded) };
    };
    var row = function (base, extra) { Object.keys(extra).forEach(function (k) { base[k] = extra[k]; }); return base; };
    cov.domains.forEach(function (d) {
      rows.push(row({ level: "domain", id: d.id, domain: d.id, outcome: "", kind: "", text: d.title,
        references: String(d.references), cited: d.cited ? "yes" : "no" }, row(counts(d), { where: where(d.where) })));
      cov.outcomes.filter(function (o) { return o.domain === d.id; }).forEach(function (o) {
        rows.push(row({ level: "outcome", id: o.id, domain: d.id, outcome: o.id, kind: "", text: o.text,
          references: String(o.references), cited: o.cited ? "yes" : "no" }, row(counts(o), { where: where(o.where) })));
        cov.statements.filter(function (s) { return s.outcome === o.id; }).forEach(function (s) {
          rows.push({ level: "statement", id: s.id, domain: d.id, outcome: o.id, kind: s.kind, text: s.text,
            references: String(s.references), cited: s.cited ? "yes" : "no",
            knows_cited: "", knows_recorded: "", does_cited: "", does_recorded: "", where: where(s.where) });
        });
      });
    });
    return rows;
  }

  function csvText(rows) {
    var cell = function (v) { v = String(v); return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
    var lines = [CSV_COLUMNS.join(",")].concat(rows.map(function (r) {
      return CSV_COLUMNS.map(function (c) { return cell(r[c]); }).join(",");
    }));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  // -- reading the input (checker.decode, split_lines, csv_rows, id_columns) -------------------------

  function splitLines(text) {
    var lines = text.split(/\r\n|\r|\n/);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  function delimiterOf(header) {
    if (header.indexOf("\t") >= 0) return "\t";
    if (header.indexOf(";") >= 0 && header.indexOf(",") < 0) return ";";
    return ",";
  }

  /* [[first line number, cells], ...], as Python's csv.reader reads the lines joined with "\n". */
  function csvRows(lines, delimiter) {
    var text = lines.join("\n");
    var rows = [];
    var line = 1, start = 1;
    var row = [], field = "";
    var quoted = false;   /* inside a quoted field */
    var atStart = true;   /* at the start of a field: only there does a quote open one */
    var started = false;  /* the row has a field (a blank line is an empty row) */
    var endRow = function () {
      if (started) row.push(field);
      rows.push([start, row]);
      row = []; field = ""; atStart = true; started = false;
    };
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else { if (c === "\n") line++; field += c; }
        continue;
      }
      if (c === '"' && atStart) { quoted = true; atStart = false; started = true; }
      else if (c === delimiter) { row.push(field); field = ""; atStart = true; started = true; }
      else if (c === "\n") { endRow(); line++; start = line; }
      else { field += c; atStart = false; started = true; }
    }
    if (started) endRow();
    return rows;
  }

  function idColumns(header) {
    var cols = {};
    header.forEach(function (h, i) {
      if (RE.idColumn.test(h)) cols[i] = RE.domainColumn.test(h) ? "domains" : "ids";
    });
    return cols;
  }

  /* checker.looks_like_header: two or more short cells, one of them naming a column of IDs. */
  function looksLikeHeader(line) {
    var cells = line.split(delimiterOf(line)).map(function (c) { return c.trim(); });
    if (cells.length < 2 || cells.some(function (c) { return c.length > 30 || c.split(/\s+/).filter(Boolean).length > 3; })) return false;
    return Object.keys(idColumns(cells)).length > 0;
  }

  /* Bytes to text, as pqs-check does; throws an Error whose message says why a file cannot be read. */
  function decode(bytes, notes) {
    var starts = function (sig) { return sig.every(function (b, i) { return bytes[i] === b; }); };
    if (starts([0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(bytes);
    if (starts([0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes);
    if (starts([0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes);
    var head = bytes.subarray(0, 8192);
    if (head.indexOf(0) >= 0) throw new Error("it looks like a binary file (it contains NUL bytes)");
    if (starts([0x25, 0x50, 0x44, 0x46])) throw new Error("it is a PDF file; save it as text or CSV to check it here");
    if (starts([0x50, 0x4b, 0x03, 0x04])) {
      throw new Error("it is a Word file or another zip archive; save it as text or CSV, or use pqs-check, which reads Word files");
    }
    var controls = 0;
    head.forEach(function (b) { if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) controls++; });
    if (head.length && controls / head.length > 0.05) throw new Error("it looks like a binary file (many control characters)");
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (e) {
      notes.push("The file is not UTF-8: it was read as Windows-1252. Save it as UTF-8 to be sure of accented letters.");
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }

  /* Rows to check: [{line, label, cells: [{text, column, field}]}] */
  function parseInput(text, asCsv, notes) {
    var lines = splitLines(text);
    var long = [];
    lines = lines.map(function (t, i) {
      if (t.length > MAX_LINE) { long.push(i + 1); return t.slice(0, MAX_LINE); }
      return t;
    });
    if (long.length) {
      notes.push("Line " + long[0] + (long.length > 1 ? " (and " + (long.length - 1) + " more)" : "") + " is longer than " +
        MAX_LINE.toLocaleString("en-GB") + " characters; only the first " + MAX_LINE.toLocaleString("en-GB") + " were checked.");
    }
    var header = lines.find(function (t) { return t.trim(); }) || "";
    if (asCsv === null) asCsv = looksLikeHeader(header);
    if (!asCsv) {
      return lines.map(function (t, i) { return { line: i + 1, label: null, cells: [{ text: t, column: null, field: null }] }; });
    }
    var rows = csvRows(lines, delimiterOf(header));
    if (!rows.length) return [];
    var head = rows[0][1];
    var cols = idColumns(head);
    var hasCols = Object.keys(cols).length > 0;
    if (!hasCols) notes.push("No column is headed PQS, ID, outcome, standard, statement, reference or domain, so every cell was read as text.");
    var labelCol = head.findIndex(function (h, i) { return !(i in cols); });
    return rows.slice(hasCols ? 1 : 0).map(function (r) {
      var label = hasCols && labelCol >= 0 && r[1][labelCol] ? r[1][labelCol].trim() : null;
      return {
        line: r[0], label: label,
        cells: r[1].map(function (cell, i) {
          return { text: cell, column: hasCols ? cols[i] || null : null, field: hasCols ? (i < head.length ? head[i] : "column " + (i + 1)) : null };
        })
      };
    });
  }

  /* The module name of a plain-text line: the words before its first ID or cue word. */
  function textLabel(line, found) {
    var cut = found.length ? found[0].start : line.length;
    RE.cue.lastIndex = 0;
    var cue = RE.cue.exec(line);
    if (cue && cue.index < cut) cut = cue.index;
    return line.slice(0, cut).replace(/[\s:;,|()\-–—]+$/, "").trim() || null;
  }

  /* Check rows; returns {references, uncounted, problems, coverage, rows}. */
  function check(checker, rows) {
    var references = [], uncounted = [];
    rows.forEach(function (row) {
      var rowFound = [];
      row.cells.forEach(function (cell) {
        var r = scan(cell.text, cell.column);
        rowFound = rowFound.concat(r.found);
        r.found.forEach(function (f) {
          references.push({ line: row.line, row: row, field: cell.field, written: f.written, verdict: checker.judge(f) });
        });
        r.bare.forEach(function (f) {
          var oid = parseInt(f.numbers[0], 10) + "." + parseInt(f.numbers[1], 10);
          if (checker.outcomes[oid] && f.numbers[0].charAt(0) !== "0") uncounted.push({ line: row.line, row: row, written: f.written });
        });
      });
      if (!row.label) {
        row.label = row.cells.length === 1 ? textLabel(row.cells[0].text, rowFound) : null;
      }
      row.name = row.label || "line " + row.line;
    });
    var ok = references.filter(function (r) { return r.verdict.status === "ok"; });
    return {
      references: references,
      uncounted: uncounted,
      problems: references.filter(function (r) { return r.verdict.status !== "ok"; }),
      coverage: coverage(checker.data, ok.map(function (r) { return [r.verdict.id, r.row.name]; })),
      rows: rows
    };
  }

  window.PQSCheck = {
    PATTERNS: PATTERNS, scan: scan, Checker: Checker, coverage: coverage, coverageRows: coverageRows,
    csvText: csvText, csvRows: csvRows, looksLikeHeader: looksLikeHeader, splitLines: splitLines, parseInput: parseInput, check: check
  };

  // -- the page ------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }

  function setup(root) {
    var form = root.querySelector("form");
    var textarea = root.querySelector("#pqs-check-text");
    var fileInput = root.querySelector("#pqs-check-file");
    var drop = root.querySelector("#pqs-check-drop");
    var status = root.querySelector("#pqs-check-status");
    var results = root.querySelector("#pqs-check-results");
    var exportUrl = new URL(root.getAttribute("data-export"), document.baseURI);
    var siteRoot = new URL("../", exportUrl);
    var downloadUrl = null;
    var ready = fetch(exportUrl.href)
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        root.setAttribute("data-ready", "true");
        return new Checker(data);
      });
    ready.catch(function (e) {
      status.textContent = "The list of PQS IDs (" + exportUrl.pathname + ") could not be loaded, so nothing can be checked: " + e.message +
        ". The checker needs the site to be served over the web or by ./dev serve, not opened as a file.";
    });

    function link(id, checker, label) {
      var o = checker.outcomes[id.split(" ")[0]];
      var path = /^\d+$/.test(id) ? "domains/" + id + "/" : o ? "outcomes/" + o.id + "/" + (id.indexOf(" ") > 0 ? "#" + id.replace(" ", "-") : "") : null;
      return path ? el("a", { href: new URL(path, siteRoot).href, text: label || id }) : el("span", { text: label || id });
    }

    function listInto(node, items) {
      node.textContent = "";
      items.forEach(function (li) { node.appendChild(li); });
    }

    function render(checker, source, result, notes) {
      var cov = result.coverage;
      var cited = function (list) { return list.filter(function (x) { return x.cited; }).length; };
      var kinds = ["knows", "does"].map(function (k) {
        var st = cov.statements.filter(function (s) { return s.kind === k; });
        return cited(st) + " of " + st.length + " recorded " + k + " statements";
      });
      var okCount = result.references.length - result.problems.length;
      var summary = "Checked " + source + ": " + plural(result.rows.length, "line") + ", " +
        (result.problems.length ? plural(result.problems.length, "ID") + " to correct, " : "no IDs to correct, ") +
        plural(okCount, "valid reference") + ". Your list cites " + cited(cov.domains) + " of " + cov.domains.length + " domains, " +
        cited(cov.outcomes) + " of " + cov.outcomes.length + " outcomes, " + kinds.join(" and ") + ".";

      listInto(root.querySelector("#pqs-check-problems"), result.problems.length ? result.problems.map(function (r) {
        var v = r.verdict;
        var li = el("li", {}, [
          el("strong", { text: "Line " + r.line }), r.row.label ? " (" + r.row.label + ")" : "",
          r.field ? ", column " + r.field : "", ": " + v.status + " ID ", el("code", { text: r.written }), ": " + v.message + "."
        ]);
        if (v.suggestions.length) {
          li.appendChild(document.createTextNode(" Nearest: "));
          v.suggestions.forEach(function (s, i) {
            if (i) li.appendChild(document.createTextNode(", "));
            li.appendChild(link(s, checker));
          });
          li.appendChild(document.createTextNode("."));
        }
        return li;
      }) : [el("li", { text: "None: every ID in your list is in the " + checker.data.edition.short_title + "." })]);

      var hints = root.querySelector("#pqs-check-uncounted");
      hints.hidden = !result.uncounted.length && !notes.length;
      listInto(root.querySelector("#pqs-check-notes"), notes.map(function (n) { return el("li", { text: n }); }).concat(
        result.uncounted.map(function (u) {
          return el("li", {}, [el("strong", { text: "Line " + u.line }), u.row.label ? " (" + u.row.label + ")" : "", ": ",
            el("code", { text: u.written }), " was not counted. If it is a PQS outcome, write ", el("code", { text: "PQS " + u.written }),
            " or put it in a column headed PQS."]);
        })));

      var tbody = cov.domains.map(function (d) {
        var head = el("tr", { class: "pqs-check-domain" }, [
          el("th", { scope: "colgroup", colspan: "6", id: "pqs-check-domain-" + d.id }, [
            link(d.id, checker, "Domain " + d.id), ": " + d.title + " (" + d.outcomes_cited + " of " + d.outcomes + " outcomes cited)"])
        ]);
        var rows = cov.outcomes.filter(function (o) { return o.domain === d.id; }).map(function (o) {
          var kind = function (k) {
            return o[k + "_recorded"] ? o[k + "_cited"] + " of " + o[k + "_recorded"] + " recorded" : "none recorded";
          };
          var names = o.where.filter(function (p, i) { return o.where.indexOf(p) === i; });
          return el("tr", { class: o.cited ? "pqs-check-cited" : "pqs-check-missed", "data-outcome": o.id }, [
            el("th", { scope: "row" }, [link(o.id, checker), " " + o.text]),
            el("td", { text: o.cited ? "Yes" : "No" }),
            el("td", { text: String(o.references) }),
            el("td", { text: kind("knows") }),
            el("td", { text: kind("does") }),
            el("td", { text: names.join("; ") })
          ]);
        });
        return el("tbody", {}, [head].concat(rows));
      });
      var table = root.querySelector("#pqs-check-grid");
      Array.prototype.slice.call(table.tBodies).forEach(function (b) { table.removeChild(b); });
      tbody.forEach(function (b) { table.appendChild(b); });

      if (downloadUrl) URL.revokeObjectURL(downloadUrl);
      downloadUrl = URL.createObjectURL(new Blob([csvText(coverageRows(cov))], { type: "text/csv;charset=utf-8" }));
      root.querySelector("#pqs-check-download").href = downloadUrl;
      results.hidden = false;
      status.textContent = summary;
    }

    function run(text, asCsv, source, notes) {
      status.textContent = "Checking…";
      return ready.then(function (checker) {
        var rows = parseInput(text, asCsv, notes);
        render(checker, source, check(checker, rows), notes);
      });
    }

    function readFile(file) {
      if (!file) return;
      if (file.size > MAX_BYTES) {
        status.textContent = file.name + " was not checked: it is larger than 10 MB.";
        return;
      }
      status.textContent = "Reading " + file.name + "…";
      file.arrayBuffer().then(function (buffer) {
        var notes = [];
        var text;
        try {
          text = decode(new Uint8Array(buffer), notes);
        } catch (e) {
          status.textContent = file.name + " was not checked: " + e.message + ".";
          return;
        }
        /* As pqs-check: .csv and .tsv are tables; .txt is one if its first line is a header row; anything else is text. */
        var asCsv = /\.(csv|tsv)$/i.test(file.name) ? true : /\.(txt|text)$/i.test(file.name) ? null : false;
        run(text, asCsv, "the file " + file.name, notes);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!textarea.value.trim()) {
        status.textContent = "Paste a list into the box first, or choose a file.";
        textarea.focus();
        return;
      }
      run(textarea.value, null, "your pasted list", []);
    });
    fileInput.addEventListener("change", function () { readFile(fileInput.files[0]); });

    /* Drag and drop anywhere on the tool; the file input is the keyboard way in. */
    ["dragenter", "dragover"].forEach(function (type) {
      root.addEventListener(type, function (event) {
        event.preventDefault();
        drop.classList.add("pqs-check-drop--over");
      });
    });
    root.addEventListener("dragleave", function (event) {
      if (!root.contains(event.relatedTarget)) drop.classList.remove("pqs-check-drop--over");
    });
    root.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("pqs-check-drop--over");
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) readFile(files[0]);
    });
  }

  function start() {
    var root = document.getElementById("pqs-check");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
