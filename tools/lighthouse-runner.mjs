// Runs Lighthouse (pinned in package-lock.json) on a list of pages, one after another, in a Chromium
// that is already running with a DevTools port: loading Lighthouse and starting the browser once for
// every run, not once a run. Driven by tests/test_quality.py, which starts that Chromium.
//
//   node tools/lighthouse-runner.mjs PORT JOBS.json
//
// JOBS.json: [{"url": "...", "formFactor": "mobile" | "desktop", "categories": [...]}, ...] (categories:
// any of the four below, all four when left out). For each job, one JSON line on
// stdout: the four category scores (0-100), the audits that kept a category below 100, the metrics
// behind the performance score, and any runtime error or warning Lighthouse reported.
import {readFileSync} from "node:fs";
import lighthouse, {desktopConfig} from "lighthouse";
import {pageFunctions} from "lighthouse/core/lib/page-functions.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

const [port, jobsFile] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));

// Without performance, nothing is timed: the page is audited once it is loaded and 200 ms quiet,
// instead of after Lighthouse's pauses of a second each, which exist for the timings; the browser's
// cache is kept between pages, as a reader's is; and the second-long busy loop with which Lighthouse
// rates the machine for its performance score (the "benchmark index") is not run. A run took 5 s, now 2.
const UNTIMED = {pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 200, cpuQuietThresholdMs: 200, disableStorageReset: true};
const rateMachine = pageFunctions.computeBenchmarkIndex;
const unrated = function computeBenchmarkIndex() {
  return -1;
};

function config(formFactor, categories) {
  const settings = {onlyCategories: categories, disableFullPageScreenshot: true, ...(categories.includes("performance") ? {} : UNTIMED)};
  return formFactor === "desktop" ? {...desktopConfig, settings: {...desktopConfig.settings, ...settings}} : {extends: "lighthouse:default", settings};
}

// What an audit found, in a line: its title and the first few elements or addresses it names.
function finding(audit) {
  const items = (audit.details && audit.details.items) || [];
  const where = items
    .slice(0, 3)
    .map((item) => (item.node && (item.node.selector || item.node.snippet)) || item.url || item.source?.url || "")
    .filter(Boolean);
  const more = items.length > 3 ? ` and ${items.length - 3} more` : "";
  return `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}${where.length ? `: ${where.join(" | ")}${more}` : ""}`;
}

for (const job of jobs) {
  const started = Date.now();
  let line;
  try {
    const categories = job.categories || CATEGORIES;
    pageFunctions.computeBenchmarkIndex = categories.includes("performance") ? rateMachine : unrated;
    const result = await lighthouse(job.url, {port: Number(port), logLevel: "error", output: "json"}, config(job.formFactor, categories));
    const lhr = result.lhr;
    const scores = {};
    const failing = {};
    for (const id of categories) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      failing[id] = category.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1 && !(id === "performance" && METRICS.includes(audit.id)))
        .map(finding);
    }
    const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? null]));
    line = {
      ...job,
      scores,
      failing,
      metrics,
      runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
      warnings: lhr.runWarnings,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    line = {...job, runtimeError: String(error && error.stack ? error.stack : error), seconds: (Date.now() - started) / 1000};
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
