/* Runs the browser checker's engine in Node for the tests (tests/checker_engines.py).
 * Usage: node checker_node.js RULES_SCRIPT ENGINE_SCRIPT; then one JSON request per line on stdin, one JSON answer per line out. */
"use strict";
const fs = require("fs");
const readline = require("readline");
const vm = require("vm");

vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"), { filename: "pqs-check-rules.js" });
vm.runInThisContext(fs.readFileSync(process.argv[3], "utf8"), { filename: "pqs-check-engine.js" });
const P = globalThis.PQSCheck;
let judge = null;

function answer(text, column) {
  const work = { steps: 0 };
  const r = P.scan(text, column, work);
  return {
    found: r.found.map((f) => {
      const v = judge.judge(f);
      return [f.start, f.written, v.status, v.id, v.level, v.reason, v.message, v.suggestions, v.links];
    }),
    bare: r.bare.map((b) => b.written),
    steps: work.steps,
  };
}

const ops = {
  init: (q) => { judge = new P.Judge(q.data); return true; },
  scan: (q) => q.cases.map(([text, column]) => answer(text, column)),
  coverage: (q) => { const cov = P.coverage(judge.data, q.cited); return { cov: cov, csv: P.csvText(P.coverageRows(cov)) }; },
  csvRows: (q) => P.csvRows(q.lines, q.delimiter),
  headers: (q) => q.lines.map(P.looksLikeHeader),
  isTable: (q) => q.texts.map(P.isTable),
  parse: (q) => { const notes = []; const rows = P.parseInput(q.text, q.asTable, notes); return { rows: rows, notes: notes }; },
  check: (q) => {
    const notes = [];
    const r = P.check(judge, P.parseInput(q.text, q.asTable, notes), null);
    return { lines: r.rows.length, references: r.references.map((x) => [x.line, x.written, x.verdict.status]), steps: r.work.steps, notes: notes };
  },
  labels: (q) => q.docs.map((d) => {
    const notes = [];
    const r = P.check(judge, P.parseInput(d.text, d.asTable, notes), null);
    return r.references.map((x) => [x.verdict.id || x.written, x.verdict.status]);
  }),
  decode: (q) => {
    const notes = [];
    try { return { text: P.decode(Uint8Array.from(Buffer.from(q.base64, "base64")), notes), notes: notes }; }
    catch (e) { return { error: e.message }; }
  },
};

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const q = JSON.parse(line);
  let out;
  try { out = { ok: ops[q.op](q) }; } catch (e) { out = { error: String(e && e.stack || e) }; }
  process.stdout.write(JSON.stringify(out) + "\n");
});
