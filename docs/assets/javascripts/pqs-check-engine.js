/* The PQS checker's engine: applies the rules in globalThis.PQSRules (generated from macros/checker/rules.py).
 *
 * It holds no pattern, word, limit, message or verdict of its own. What is left
 * is the small algorithm that walks those tables, step for step as pqs-check's
 * Python does (macros/checker/scan.py, judge.py, coverage.py, materials.py):
 * the tests run both on the shared cases and on generated input and compare
 * every answer. It runs in a page, in a worker (pqs-check-worker.js) and in Node.
 */
(function (root) {
  "use strict";

  var R = root.PQSRules;
  var L = R.limits;
  var RE = {};
  Object.keys(R.patterns).forEach(function (name) {
    RE[name] = new RegExp(R.patterns[name], "i" + R.modes[name]);
  });

  function matchAt(re, text, pos) {
    re.lastIndex = pos;
    return re.exec(text);
  }

  // -- small helpers, each the twin of one in Python ---------------------------------------------

  /* judge.value */
  function value(n) { return n.length > 0 && n.length <= L.max_digits ? parseInt(n, 10) : Math.pow(10, L.max_digits); }

  /* judge.shorten */
  function shorten(s) { return s.length <= L.shown_max ? s : s.slice(0, L.shown_max - 10) + "\u2026" + s.slice(-9); }

  /* str.format with {name} fields */
  function fill(template, fields) { return template.replace(/\{(\w+)\}/g, function (m, k) { return String(fields[k]); }); }

  /* judge._nearest: IDs by distance of their number from target; ties keep the edition's order */
  function nearest(items, target) {
    return items.map(function (it, i) { return [it, i]; })
      .sort(function (a, b) { return Math.abs(a[0][1] - target) - Math.abs(b[0][1] - target) || a[1] - b[1]; })
      .map(function (e) { return e[0][0]; });
  }

  function unique(list) {
    var seen = new Set();
    return list.filter(function (x) { if (seen.has(x)) return false; seen.add(x); return true; });
  }

  // -- scan.Normal, scan.scan_line ------------------------------------------------------------------

  /* rules.fold_table, from its runs: each character read as another (invisible ones as nothing). */
  var FOLD = new Map();
  R.fold.forEach(function (run) {
    if (run[0] === run[1]) { FOLD.set(String.fromCodePoint(run[0]), run[2]); return; }
    if (run[2] === "") { for (var k = run[0]; k <= run[1]; k++) FOLD.set(String.fromCodePoint(k), ""); return; }
    var base = run[2].codePointAt(0);
    for (var c = run[0]; c <= run[1]; c++) FOLD.set(String.fromCodePoint(c), String.fromCodePoint(base + c - run[0]));
  });
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  /* scan._reference: the character a character reference (without & and ;) stands for, or the reference as written. */
  function reference(name) {
    if (name.charAt(0) === "#") {
      var code = name.charAt(1) === "x" || name.charAt(1) === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "&" + name + ";";
      return String.fromCodePoint(code);
    }
    return has(R.entities, name) ? R.entities[name] : "&" + name + ";";
  }

  /* scan.Normal: a line as it is read, and the way back to where each piece was written. */
  function Normal(line, work) {
    this.line = line;
    this.spans = [];
    var parts = [], at = 0, length = 0, m;
    RE.normal.lastIndex = 0;
    while ((m = RE.normal.exec(line))) {
      work.steps++;
      var written = m[0], first = written.charAt(0), read;
      if (first === "&") {
        read = reference(written.slice(1, -1));
        if (FOLD.has(read)) read = FOLD.get(read);
      } else if (first === "<") {
        read = R.block_tags.indexOf(m[2].toLowerCase()) >= 0 ? " " : "";
      } else if ("*`~_".indexOf(first) >= 0) {
        read = "";
      } else {
        read = FOLD.has(written) ? FOLD.get(written) : written;
      }
      if (read === written) continue;
      parts.push(line.slice(at, m.index));
      length += m.index - at;
      this.spans.push([length, length + read.length, m.index, m.index + written.length]);
      parts.push(read);
      length += read.length;
      at = m.index + written.length;
    }
    if (!this.spans.length) { this.text = line; return; }
    parts.push(line.slice(at));
    this.text = parts.join("");
  }
  /* The last span whose start is before pos (or at it, when orEqual), by bisection. */
  Normal.prototype.span = function (pos, orEqual) {
    var lo = 0, hi = this.spans.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.spans[mid][0] < pos || (orEqual && this.spans[mid][0] === pos)) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  };
  Normal.prototype.start = function (pos) {
    var i = this.spans.length ? this.span(pos, true) : -1;
    if (i < 0) return pos;
    var s = this.spans[i];
    return pos < s[1] ? s[2] : s[3] + pos - s[1];
  };
  Normal.prototype.end = function (pos) {
    var i = this.spans.length ? this.span(pos, false) : -1;
    if (i < 0) return pos;
    var s = this.spans[i];
    return pos <= s[1] ? s[3] : s[3] + pos - s[1];
  };
  Normal.prototype.back = function (f) {
    if (!this.spans.length) return f;
    var start = this.start(f.start), end = this.end(f.end);
    var g = Object.assign({}, f);
    g.start = start; g.end = end; g.written = this.line.slice(start, end);
    return g;
  };

  function normalise(line) { return new Normal(line, { steps: 0 }).text; }

  function found(start, written, numbers, letter, number, extra) {
    var f = { start: start, end: start + written.length, written: written, numbers: numbers, letter: letter || null,
      number: number || null, domainOk: false, near: false, tail: "", head: "", rangeFrom: null };
    return Object.assign(f, extra || {});
  }

  function scanLine(line, column, work, cued) {
    work = work || { steps: 0 };
    var normal = new Normal(line, work);
    var text = normal.text;
    var taken = new Uint8Array(text.length);
    var out = [];
    var m;
    function free(s, e) {
      work.steps += e - s + 1;
      for (var i = s; i < e; i++) if (taken[i]) return false;
      return true;
    }
    function take(f) {
      work.steps += f.end - f.start + 1;
      taken.fill(1, f.start, f.end);
      out.push(f);
    }
    RE.near.lastIndex = 0;
    while ((m = RE.near.exec(text))) {
      work.steps++;
      take(found(m.index, m[0], [m[1], m[3]], m[4].replace(/[^A-Za-z]/g, ""), m[5], { near: true, tail: m[6] }));
    }
    RE.headed.lastIndex = 0;
    while ((m = RE.headed.exec(text))) {
      work.steps++;
      if (free(m.index, m.index + m[0].length)) take(found(m.index, m[0], [m[2], m[3]], m[4], m[5], { head: m[1] }));
    }
    function short(at, prev) {
      if (!prev || !prev.letter || prev.near || prev.head || !has(R.letters, prev.letter.toUpperCase())) return null;
      work.steps++;
      var s = matchAt(RE.short, text, at);
      if (!s || !free(s.index, s.index + s[0].length)) return null;
      return found(s.index, s[0], prev.numbers, s[1], s[2], { tail: s[3] });
    }
    function token(at, domainOk, isCued) {
      work.steps++;
      var tok = matchAt(RE.token, text, at);
      if (!tok || !free(tok.index, tok.index + tok[0].length)) return null;
      var numbers = tok[1].split(".");
      if (numbers.length === 1 && !domainOk) return null;
      if (!isCued && (!tok[2] || !has(R.letters, tok[2].toUpperCase()))) return null;
      return found(tok.index, tok[0], numbers, tok[2], tok[3], { domainOk: !!domainOk, tail: tok[4] });
    }
    function chain(pos, domainOk, isCued, prev) {
      if (isCued === undefined) isCued = true;
      prev = prev || null;
      var first = prev === null;
      for (;;) {
        var at = pos;
        if (!first) {
          if (prev !== null) {
            work.steps++;
            var rng = matchAt(RE.range, text, pos);
            if (rng) {
              var e = token(pos + rng[0].length, domainOk, isCued) || short(pos + rng[0].length, prev);
              if (e !== null) {
                e.rangeFrom = prev;
                take(e);
                prev = e; pos = e.end;
                continue;
              }
            }
          }
          work.steps++;
          var sep = matchAt(RE.separator, text, pos);
          if (!sep) break;
          at = pos + sep[0].length;
        }
        work.steps++;
        var tok = matchAt(RE.token, text, at);
        if (tok && !free(tok.index, tok.index + tok[0].length)) {
          if (!taken[at]) break;
          pos = at;
          while (pos < text.length && taken[pos]) pos++;
          work.steps += pos - at;
          first = false; prev = null;
          continue;
        }
        var f = token(at, domainOk, isCued) || short(at, prev);
        if (f === null) break;
        take(f);
        prev = f; pos = f.end; first = false;
      }
      return pos;
    }
    var consumed = 0, continued = false;
    if (column || cued) {
      var before = out.length;
      consumed = chain(matchAt(RE.lead, text, 0)[0].length, column === "domains");
      continued = out.length > before;
    }
    var opens = false;
    RE.cue.lastIndex = 0;
    while ((m = RE.cue.exec(text))) {
      work.steps++;
      if (m[0].length === 0) RE.cue.lastIndex++;
      if (m.index < consumed) continue;
      var kind = (m[1] || "").toLowerCase();
      var cueEnd = m.index + m[0].length;
      var end = chain(cueEnd, R.domain_words.indexOf(kind) >= 0);
      consumed = Math.max(consumed, end);
      if (end === cueEnd && m[0].slice(0, 3).toLowerCase() === R.pqs_word && !trim(text.slice(end))) opens = true;
    }
    RE.statement.lastIndex = 0;
    while ((m = RE.statement.exec(text))) {
      work.steps++;
      if (free(m.index, m.index + m[0].length)) {
        var st = found(m.index, m[0], [m[1], m[2]], m[3], m[4]);
        take(st);
        chain(st.end, false, false, st);
      }
    }
    out.sort(function (a, b) { return a.start - b.start; });
    var bare = [];
    RE.bare.lastIndex = 0;
    while ((m = RE.bare.exec(text))) {
      work.steps++;
      if (free(m.index, m.index + m[0].length)) bare.push(found(m.index, m[0], [m[1], m[2]]));
    }
    return { found: out.map(function (f) { return normal.back(f); }), bare: bare.map(function (f) { return normal.back(f); }),
      opens: opens, continued: continued };
  }

  function scan(line, column, work, cued) { return scanLine(line, column, work, cued); }

  // -- judge.Judge, on the published export (exports/pqs.json) ----------------------------------------

  /* judge.canonical */
  function canonical(f) { return f.numbers.join(".") + (f.letter ? " " + f.letter.toUpperCase() + f.number : ""); }

  /* judge.good_range */
  function goodRange(a, b) {
    if (a.numbers.length !== b.numbers.length || !!a.letter !== !!b.letter) return false;
    if (a.letter && b.letter) {
      return a.numbers.join(".") === b.numbers.join(".") && a.letter.toUpperCase() === b.letter.toUpperCase() &&
        value(a.number || "") < value(b.number || "");
    }
    if (a.numbers.length === 1) return value(a.numbers[0]) < value(b.numbers[0]);
    return a.numbers[0] === b.numbers[0] && value(a.numbers[a.numbers.length - 1]) < value(b.numbers[b.numbers.length - 1]);
  }

  function Judge(data) {
    var self = this;
    this.data = data;
    var mine = R.editions[data.edition.key] || { links: [], fates: {} };
    this.links = mine.links;
    this.fates = mine.fates || {};
    this.titles = {};
    Object.keys(R.editions).forEach(function (k) { self.titles[k] = R.editions[k].short_title; });
    this.title = mine.short_title || "";
    this.index = new Set();
    this.pages = {};
    this.domains = [];
    this.outcomes = {};
    this.outcomesOf = {};
    this.bySecond = [];
    data.domains.forEach(function (d) {
      self.index.add(d.id);
      self.pages[d.id] = d.page;
      self.domains.push([d.id, value(d.id)]);
      self.outcomesOf[d.id] = [];
      d.outcomes.forEach(function (o) {
        var parts = o.id.split(".");
        var recorded = o.statements.filter(function (s) { return s.id; });
        self.index.add(o.id);
        self.pages[o.id] = o.page;
        recorded.forEach(function (s) { self.index.add(s.id); self.pages[s.id] = s.page; });
        self.outcomes[o.id] = { coverage: o.coverage, statements: o.statements.length, recorded: recorded.map(function (s) { return s.id; }) };
        self.outcomesOf[d.id].push([o.id, value(parts[1])]);
        self.bySecond.push([o.id, value(parts[0]), value(parts[1])]);
      });
    });
  }

  Judge.prototype.facts = function (f) {
    var numbers = f.numbers, number = f.number || "";
    var letter = f.letter ? f.letter.toUpperCase() : "";
    var outcomeId = numbers.slice(0, 2).join(".");
    var canon = numbers.join(".") + (letter ? " " + letter + number : "");
    var outcome = Object.prototype.hasOwnProperty.call(this.outcomes, outcomeId) ? this.outcomes[outcomeId] : null;
    var recorded = outcome ? outcome.recorded : [];
    var theirs = Object.prototype.hasOwnProperty.call(this.outcomesOf, numbers[0]) ? this.outcomesOf[numbers[0]] : [];
    var facts = {
      headed: !!f.head,
      extra_dots: numbers.indexOf("") >= 0,
      too_many_parts: numbers.length > 2,
      trailing: !!f.tail,
      near: f.near,
      leading_zero: numbers.concat([number]).some(function (p) { return p.charAt(0) === "0"; }),
      bad_letter: !!letter && !Object.prototype.hasOwnProperty.call(R.letters, letter),
      no_outcome_number: !!letter && numbers.length === 1,
      bad_range: !!f.rangeFrom && !goodRange(f.rangeFrom, f),
      known: this.index.has(canon),
      no_domain: !Object.prototype.hasOwnProperty.call(this.outcomesOf, numbers[0]),
      no_outcome: !outcome,
      complete: !!outcome && outcome.coverage === "complete",
      recorded_one: recorded.length === 1,
      recorded_many: recorded.length > 1,
      unnumbered: !!outcome && outcome.statements > 0,
      always: true
    };
    var fate = Object.prototype.hasOwnProperty.call(this.fates, canon) ? this.fates[canon] : null;
    R.fate_changes.forEach(function (change) { facts["fate_" + change] = !!fate && fate[0] === change; });
    var fields = {
      id: canon, letter: letter, number: number, domain: numbers[0], outcome: outcomeId,
      first_domain: this.domains[0][0], last_domain: this.domains[this.domains.length - 1][0],
      first_outcome: theirs.length ? theirs[0][0] : "", last_outcome: theirs.length ? theirs[theirs.length - 1][0] : "",
      recorded: recorded.join(", "), tail: "\u201c" + f.tail + "\u201d", head: "\u201c" + f.head + "\u201d",
      range: f.rangeFrom ? canonical(f.rangeFrom) + "\u2013" + canon : "",
      older: fate ? this.titles[fate[1]] || "" : "", newer: fate ? this.titles[fate[2]] || "" : "",
      other: fate ? this.titles[fate[3]] || "" : "", targets: fate ? fate[4].join(" and ") : "", edition: this.title
    };
    return { facts: facts, fields: fields };
  };

  Judge.prototype.judge = function (f) {
    var ff = this.facts(f);
    var level = f.letter ? "statement" : f.numbers.length === 1 ? "domain" : "outcome";
    var row = R.verdicts.filter(function (r) { return ff.facts[r[0]]; })[0];
    var status = row[1];
    if (status === R.ok) return { status: status, id: ff.fields.id, level: level, reason: "", message: "", suggestions: [], links: [] };
    var shown = {};
    Object.keys(ff.fields).forEach(function (k) { shown[k] = shorten(ff.fields[k]); });
    return {
      status: status, id: status === "malformed" ? null : ff.fields.id, level: level, reason: row[2],
      message: fill(row[3], shown), suggestions: status === R.reused ? [] : this.suggest(f), links: status === R.not_recorded ? this.links : []
    };
  };

  Judge.prototype.suggest = function (f) {
    var self = this;
    var canon = canonical(f);
    if (Object.prototype.hasOwnProperty.call(this.fates, canon) && this.fates[canon][4].length) return this.fates[canon][4].slice();
    var parts = f.numbers.filter(function (p) { return p; });
    var letter = f.letter ? f.letter.charAt(0).toUpperCase() : "";
    var a = value(parts[0]);
    var out;
    if (parts.length === 1 && !letter) {
      out = nearest(this.domains, a).slice(0, 1);
    } else {
      var b = parts.length > 1 ? value(parts[1]) : 1;
      var oid = a + "." + b;
      if (letter && Object.prototype.hasOwnProperty.call(this.outcomes, oid)) {
        var n = value(f.number || "0");
        var recorded = this.outcomes[oid].recorded.map(function (s) { return [s, value(s.split(" ")[1].slice(1))]; });
        var same = nearest(recorded.filter(function (r) { return r[0].split(" ")[1].charAt(0) === letter; }), n);
        var other = nearest(recorded.filter(function (r) { return r[0].split(" ")[1].charAt(0) !== letter; }), n);
        out = same.concat(other).slice(0, L.suggestions).concat([oid]);
      } else if (Object.prototype.hasOwnProperty.call(this.outcomesOf, String(a))) {
        out = nearest(this.outcomesOf[String(a)], b).slice(0, L.suggestions);
      } else {
        var sameSecond = this.bySecond.filter(function (o) { return o[2] === b; }).map(function (o) { return [o[0], o[1]]; });
        if (sameSecond.length) {
          out = nearest(sameSecond, a).slice(0, L.suggestions);
        } else {
          out = nearest(self.outcomesOf[nearest(this.domains, a)[0]], b).slice(0, L.suggestions);
        }
      }
    }
    var written = f.numbers.join(".") + (f.letter ? " " + f.letter.toUpperCase() + f.number : "") + f.tail;
    return unique(out).filter(function (s) { return s !== written; });
  };

  // -- coverage.coverage, Coverage.to_json, coverage.rows ------------------------------------------------

  function coverage(data, cited) {
    var where = new Map();
    cited.forEach(function (c) {
      if (!c[0]) return;
      if (!where.has(c[0])) where.set(c[0], []);
      where.get(c[0]).push(c[1]);
    });
    var at = function (id) { return where.has(id) ? where.get(id).slice() : []; };
    var append = function (list, more) { for (var i = 0; i < more.length; i++) list.push(more[i]); return list; };
    var out = { domains: [], outcomes: [], statements: [] };
    data.domains.forEach(function (d) {
      var dWhere = at(d.id);
      var counts = [0, 0, 0, 0];
      var outcomesCited = 0;
      var dOutcomes = [];
      d.outcomes.forEach(function (o) {
        var rows = o.statements.filter(function (s) { return s.id; }).map(function (s) {
          var w = at(s.id);
          return { id: s.id, outcome: o.id, domain: d.id, kind: s.kind, text: s.text, references: w.length, cited: w.length > 0, where: w };
        });
        var oWhere = at(o.id);
        var own = oWhere.length;
        rows.forEach(function (r) { append(oWhere, r.where); });
        var count = function (kind, cited) { return rows.filter(function (r) { return r.kind === kind && (!cited || r.cited); }).length; };
        var oc = [count("knows", true), count("knows", false), count("does", true), count("does", false)];
        var cited = own > 0 || rows.some(function (r) { return r.cited; });
        if (cited) outcomesCited++;
        oc.forEach(function (n, i) { counts[i] += n; });
        dOutcomes.push({ id: o.id, domain: d.id, text: o.text, references: own, cited: cited,
          knows_cited: oc[0], knows_recorded: oc[1], does_cited: oc[2], does_recorded: oc[3],
          unnumbered: o.statements.length - rows.length, where: oWhere });
        append(out.statements, rows);
      });
      var own = dWhere.length;
      dOutcomes.forEach(function (o) { append(dWhere, o.where); });
      out.domains.push({ id: d.id, title: d.title, references: own, cited: own > 0 || outcomesCited > 0,
        outcomes_cited: outcomesCited, outcomes: dOutcomes.length,
        knows_cited: counts[0], knows_recorded: counts[1], does_cited: counts[2], does_recorded: counts[3], where: dWhere });
      append(out.outcomes, dOutcomes);
    });
    return out;
  }

  /* coverage.places */
  function places(where) {
    var shown = unique(where);
    var more = shown.length - L.where_max;
    return shown.slice(0, L.where_max).join("; ") + (more > 0 ? "; and " + more + " more" : "");
  }

  function coverageRows(cov) {
    var rows = [];
    var counts = function (x) {
      return x ? [x.knows_cited, x.knows_recorded, x.does_cited, x.does_recorded].map(String) : ["", "", "", ""];
    };
    var row = function (level, id, domain, outcome, kind, text, x, c) {
      var n = counts(c);
      return { level: level, id: id, domain: domain, outcome: outcome, kind: kind, text: text, references: String(x.references),
        cited: x.cited ? "yes" : "no", knows_cited: n[0], knows_recorded: n[1], does_cited: n[2], does_recorded: n[3], where: places(x.where) };
    };
    var byOutcome = {};
    cov.statements.forEach(function (s) { (byOutcome[s.outcome] = byOutcome[s.outcome] || []).push(s); });
    var byDomain = {};
    cov.outcomes.forEach(function (o) { (byDomain[o.domain] = byDomain[o.domain] || []).push(o); });
    cov.domains.forEach(function (d) {
      rows.push(row("domain", d.id, d.id, "", "", d.title, d, d));
      (byDomain[d.id] || []).forEach(function (o) {
        rows.push(row("outcome", o.id, d.id, o.id, "", o.text, o, o));
        (byOutcome[o.id] || []).forEach(function (s) { rows.push(row("statement", s.id, d.id, o.id, s.kind, s.text, s, null)); });
      });
    });
    return rows;
  }

  /* report.csv_cell, and csv.writer's quoting */
  function csvText(rows) {
    var cell = function (v) {
      v = String(v);
      if (v && R.formula_starts.indexOf(v.charAt(0)) >= 0) v = "'" + v;
      return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    };
    var lines = [R.csv_columns.map(cell).join(",")].concat(rows.map(function (r) {
      return R.csv_columns.map(function (c) { return cell(r[c]); }).join(",");
    }));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  // -- materials: decode, split_lines, csv_rows, id_columns, looks_like_header, is_table ----------------------

  function trim(t) { return t.replace(RE.trim, ""); }

  function note(code, fields) { return fill(R.notes[code], fields || {}); }

  /* Whether bytes hold the sequence mark anywhere (materials.decode: rules.WORD_MARK in data). */
  function holds(bytes, mark) {
    for (var i = bytes.indexOf(mark[0]); i >= 0 && i + mark.length <= bytes.length; i = bytes.indexOf(mark[0], i + 1)) {
      var k = 1;
      while (k < mark.length && bytes[i + k] === mark[k]) k++;
      if (k === mark.length) return true;
    }
    return false;
  }

  function decode(bytes, notes) {
    var starts = function (sig) { return sig.every(function (b, i) { return bytes[i] === b; }); };
    for (var i = 0; i < R.boms.length; i++) {
      var bom = R.boms[i];
      if (!starts(bom[0])) continue;
      var body = bytes.subarray(bom[0].length);
      if (bom[1].indexOf("utf-32") === 0) {
        var view = new DataView(body.buffer, body.byteOffset, body.byteLength - body.byteLength % 4);
        var chars = [];
        for (var j = 0; j < view.byteLength; j += 4) {
          var cp = view.getUint32(j, bom[1] === "utf-32le");
          chars.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\ufffd");
        }
        return chars.join("");
      }
      return new TextDecoder(bom[1]).decode(body);
    }
    var head = bytes.subarray(0, L.head_bytes);
    R.signatures.forEach(function (sig) { /* before NUL bytes: a zip's headers hold some */
      if (starts(sig[0])) throw new Error(note(sig[1] === "zip" && holds(bytes, R.word_mark) ? "word" : sig[1]));
    });
    if (head.indexOf(0) >= 0) throw new Error(note("nul"));
    var controls = 0;
    head.forEach(function (b) { if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) controls++; });
    if (head.length && controls / head.length > L.control_ratio) throw new Error(note("binary"));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (e) {
      notes.push(note("not-utf8"));
      return new TextDecoder(R.fallback).decode(bytes);
    }
  }

  function splitLines(text) {
    var lines = text.split(RE.line_break);
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
    var row = [], field = [];
    var quoted = false, atStart = true, started = false;
    var endRow = function () {
      if (started) row.push(field.join(""));
      rows.push([start, row]);
      row = []; field = []; atStart = true; started = false;
    };
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field.push('"'); i++; }
        else if (c === '"') quoted = false;
        else { if (c === "\n") line++; field.push(c); }
        continue;
      }
      if (c === '"' && atStart) { quoted = true; atStart = false; started = true; }
      else if (c === delimiter) { row.push(field.join("")); field = []; atStart = true; started = true; }
      else if (c === "\n") { endRow(); line++; start = line; }
      else { field.push(c); atStart = false; started = true; }
    }
    if (started) endRow();
    return rows;
  }

  function idColumns(header) {
    var cols = {};
    header.forEach(function (h, i) {
      if (RE.id_column.test(h)) cols[i] = RE.domain_column.test(h) ? "domains" : "ids";
    });
    return cols;
  }

  function looksLikeHeader(line) {
    var cells = line.split(delimiterOf(line)).map(trim);
    if (cells.length < 2 || cells.some(function (c) {
      return Array.from(c).length > L.header_max_chars || c.split(RE.blanks).filter(Boolean).length > L.header_max_words;
    })) return false;
    return Object.keys(idColumns(cells)).length > 0;
  }

  function isTable(lines) {
    var filled = lines.filter(trim);
    return filled.length >= 2 && looksLikeHeader(filled[0]);
  }

  /* materials.pipe_cells: a Markdown table row's cells, each with where it starts in the line. */
  function pipeCells(line) {
    var start = line.length - line.replace(/^[ \t]+/, "").length;
    var end = line.replace(/[ \t]+$/, "").length;
    if (start < end && line.charAt(start) === "|") start++;
    if (end > start && line.charAt(end - 1) === "|") end--;
    var at = start;
    return line.slice(start, end).split("|").map(function (part) {
      var cell = [part, at];
      at += part.length + 1;
      return cell;
    });
  }

  /* materials.text_lines, as rows: a Markdown table whose header names a column of IDs has its body rows' cells read
   * as a CSV's; every other line is one cell of text. */
  function textRows(lines) {
    var rows = [];
    var i = 0;
    var one = function (k, isHeader) { return { line: k + 1, label: null, header: !!isHeader, cells: [{ text: lines[k], column: null, field: null }] }; };
    while (i < lines.length) {
      if (lines[i].indexOf("|") >= 0 && i + 1 < lines.length && RE.pipe_rule.test(lines[i + 1])) {
        var head = pipeCells(lines[i]).map(function (c) { return c[0]; });
        var cols = idColumns(head);
        var hasCols = Object.keys(cols).length > 0;
        rows.push(one(i, hasCols), one(i + 1, hasCols));
        i += 2;
        var labelCol = head.findIndex(function (h, k) { return !(k in cols); });
        while (i < lines.length && lines[i].indexOf("|") >= 0) {
          if (!hasCols) { rows.push(one(i)); i++; continue; }
          var cells = pipeCells(lines[i]);
          rows.push({
            line: i + 1, header: false,
            label: labelCol >= 0 && cells[labelCol] && trim(cells[labelCol][0]) ? trim(cells[labelCol][0]) : null,
            cells: cells.map(function (c, k) {
              return { text: c[0], column: cols[k] || null, field: cols[k] ? trim(head[k]) : null, cell: true };
            })
          });
          i++;
        }
        continue;
      }
      rows.push(one(i));
      i++;
    }
    return rows;
  }

  /* Cut a line to max_line characters (code points, as Python counts). */
  function cut(t, notes, long, number) {
    if (t.length <= L.max_line) return t;
    var chars = Array.from(t);
    if (chars.length <= L.max_line) return t;
    long.push(number);
    return chars.slice(0, L.max_line).join("");
  }

  /* Rows to check: [{line, label, header, cells: [{text, column, field}]}]; asTable null means "if it looks like one". */
  function parseInput(text, asTable, notes) {
    var long = [];
    var lines = splitLines(text).map(function (t, i) { return cut(t, notes, long, i + 1); });
    if (long.length) {
      notes.push(note("long-line", { line: long[0], more: long.length > 1 ? " (and " + (long.length - 1) + " more)" : "",
        limit: L.max_line.toLocaleString("en-GB") }));
    }
    if (asTable === null) asTable = isTable(lines);
    if (!asTable) return textRows(lines);
    var header = lines.find(trim) || "";
    var rows = csvRows(lines, delimiterOf(header));
    if (!rows.length) return [];
    var head = rows[0][1];
    var cols = idColumns(head);
    var hasCols = Object.keys(cols).length > 0;
    var text_ = function (r, isHeader) {
      return { line: r[0], label: null, header: isHeader, cells: r[1].map(function (c) { return { text: c, column: null, field: null, cell: true }; }) };
    };
    if (!hasCols) {
      notes.push(note("no-id-column"));
      return rows.map(function (r) { return text_(r, false); });
    }
    var labelCol = head.findIndex(function (h, i) { return !(i in cols); });
    return [text_(rows[0], true)].concat(rows.slice(1).map(function (r) {
      return {
        line: r[0], header: false,
        label: labelCol >= 0 && r[1][labelCol] ? r[1][labelCol].trim() : null,
        cells: r[1].map(function (cell, i) {
          return { text: cell, column: cols[i] || null, field: i < head.length ? head[i] : "column " + (i + 1), cell: true };
        })
      };
    }));
  }

  /* The module name of a plain-text line: the words before its first ID or cue word. */
  function textLabel(line, found) {
    var cut_ = found.length ? found[0].start : line.length;
    RE.cue.lastIndex = 0;
    var cue = RE.cue.exec(line);
    if (cue && cue.index < cut_) cut_ = cue.index;
    return line.slice(0, cut_).replace(/[\s:;,|()\-\u2013\u2014]+$/, "").trim() || null;
  }

  /* Check rows, calling progress(done, total) now and then. */
  function check(judge, rows, progress) {
    var references = [], uncounted = [];
    var work = { steps: 0 };
    var cue = false; /* run.Run.check: the line before ended with a PQS cue (PQS:), or continued its list */
    rows.forEach(function (row, n) {
      var first = null;
      row.cells.forEach(function (cell) {
        if (!cell.text) return; /* an empty line or cell holds nothing, and leaves a cue open */
        if (cell.cell) cue = false;
        else if (cue && !trim(normalise(cell.text))) return;
        var r = scanLine(cell.text, cell.column, work, cue && !cell.cell);
        cue = !cell.cell && (r.opens || (cue && r.continued));
        if (!first && r.found.length) first = r.found;
        r.found.forEach(function (f) {
          references.push({ line: row.line, row: row, field: cell.field, written: f.written, verdict: judge.judge(f), start: f.start });
        });
        r.bare.forEach(function (f) {
          var oid = value(f.numbers[0]) + "." + value(f.numbers[1]);
          if (f.numbers[0].charAt(0) !== "0" && Object.prototype.hasOwnProperty.call(judge.outcomes, oid)) {
            uncounted.push({ line: row.line, row: row, written: f.written });
          }
        });
      });
      if (!row.label && !row.header) row.label = row.cells.length === 1 ? textLabel(row.cells[0].text, first || []) : null;
      row.name = row.label || "line " + row.line;
      if (progress && n % 2000 === 1999) progress(n + 1, rows.length);
    });
    var ok = references.filter(function (r) { return R.valid.indexOf(r.verdict.status) >= 0; });  /* run.coverage */
    return {
      references: references,
      uncounted: uncounted,
      errors: references.filter(function (r) { return R.errors.indexOf(r.verdict.status) >= 0; }),
      notRecorded: references.filter(function (r) { return r.verdict.status === R.not_recorded; }),
      reused: references.filter(function (r) { return r.verdict.status === R.reused; }),
      coverage: coverage(judge.data, ok.map(function (r) { return [r.verdict.id, r.row.name]; })),
      rows: rows.filter(function (r) { return !r.header; }),
      work: work
    };
  }

  root.PQSCheck = {
    rules: R, scan: scan, scanLine: scanLine, normalise: normalise, Judge: Judge, coverage: coverage, coverageRows: coverageRows, places: places, csvText: csvText,
    decode: decode, splitLines: splitLines, csvRows: csvRows, looksLikeHeader: looksLikeHeader, isTable: isTable, pipeCells: pipeCells,
    parseInput: parseInput, check: check, shorten: shorten
  };
})(globalThis);
