/* The PQS checker's work, off the page's main thread (docs/check.md).
 *
 * The page sends {id, exportUrl, name, asTable, text | bytes}; this worker loads
 * the rules and the engine, fetches the export the first time it is needed,
 * checks the list in batches with progress messages, and sends back what the
 * page shows: the problems, the coverage grid and the CSV, already cut to size.
 */
/* global importScripts, PQSCheck */
importScripts("pqs-check-rules.js", "pqs-check-engine.js");

var judge = null;

function load(url) {
  if (!judge) {
    judge = fetch(url)
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) { return new PQSCheck.Judge(data); });
    judge.catch(function () { judge = null; });
  }
  return judge;
}

function summary(j, result, notes) {
  var R = PQSCheck.rules;
  var most = R.limits.shown_items;
  var link = function (id) { return [id, j.pages[id] || null]; };
  var ref = function (r) {
    var v = r.verdict;
    return { line: r.line, label: r.row.label, field: r.field, written: PQSCheck.shorten(r.written), status: v.status,
      message: v.message, suggestions: v.suggestions.map(link), links: v.links };
  };
  var cov = result.coverage;
  var byDomain = {};
  cov.outcomes.forEach(function (o) { (byDomain[o.domain] = byDomain[o.domain] || []).push(o); });
  var kinds = Object.keys(R.letters).map(function (letter) {
    var kind = R.letters[letter];
    var st = cov.statements.filter(function (s) { return s.kind === kind; });
    return [kind, st.filter(function (s) { return s.cited; }).length, st.length];
  });
  return {
    edition: { key: j.data.edition.key, short_title: j.data.edition.short_title },
    lines: result.rows.length,
    ok: result.references.length - result.errors.length - result.notRecorded.length,  /* valid, reused ones included */
    errors: { total: result.errors.length, shown: result.errors.slice(0, most).map(ref) },
    notRecorded: { total: result.notRecorded.length, shown: result.notRecorded.slice(0, most).map(ref), links: j.links },
    reused: { total: result.reused.length, shown: result.reused.slice(0, most).map(ref) },
    uncounted: { total: result.uncounted.length, shown: result.uncounted.slice(0, most).map(function (u) {
      return { line: u.line, label: u.row.label, written: PQSCheck.shorten(u.written) };
    }) },
    notes: notes,
    domainsCited: cov.domains.filter(function (d) { return d.cited; }).length,
    outcomesCited: cov.outcomes.filter(function (o) { return o.cited; }).length,
    kinds: kinds,
    grid: cov.domains.map(function (d) {
      return { id: d.id, title: d.title, page: j.pages[d.id], outcomes_cited: d.outcomes_cited, outcomes: (byDomain[d.id] || []).map(function (o) {
        return { id: o.id, text: o.text, page: j.pages[o.id], cited: o.cited, references: o.references, refs: o.where.length,
          knows: [o.knows_cited, o.knows_recorded], does: [o.does_cited, o.does_recorded], modules: PQSCheck.places(o.where) };
      }) };
    }),
    cited: cited(cov),
    csv: PQSCheck.csvText(PQSCheck.coverageRows(cov))
  };
}

/* Every valid ID the list cites and how often, in the edition's order: [["3.2", 1], ["3.2 D2", 2], ...]
 * (the page keeps them in its address, so a link to it shows the same picture). */
function cited(cov) {
  var out = [];
  var byOutcome = {};
  cov.statements.forEach(function (s) { (byOutcome[s.outcome] = byOutcome[s.outcome] || []).push(s); });
  var byDomain = {};
  cov.outcomes.forEach(function (o) { (byDomain[o.domain] = byDomain[o.domain] || []).push(o); });
  cov.domains.forEach(function (d) {
    if (d.references) out.push([d.id, d.references]);
    (byDomain[d.id] || []).forEach(function (o) {
      if (o.references) out.push([o.id, o.references]);
      (byOutcome[o.id] || []).forEach(function (s) { if (s.references) out.push([s.id, s.references]); });
    });
  });
  return out;
}

self.onmessage = function (event) {
  var job = event.data;
  var post = function (message) { message.id = job.id; self.postMessage(message); };
  load(job.exportUrl).then(function (j) {
    var notes = [];
    var text = job.text;
    if (job.bytes) {
      try {
        text = PQSCheck.decode(new Uint8Array(job.bytes), notes);
      } catch (e) {
        post({ type: "unreadable", message: e.message });
        return;
      }
    }
    post({ type: "progress", done: 0, total: 1 });
    var rows = PQSCheck.parseInput(text, job.asTable, notes);
    var result = PQSCheck.check(j, rows, function (done, total) { post({ type: "progress", done: done, total: total }); });
    post({ type: "result", result: summary(j, result, notes) });
  }, function (e) {
    post({ type: "no-data", message: e.message });
  });
};
