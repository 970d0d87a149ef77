"""Lighthouse, driven from Python: one headless Chromium, every page kind, mobile and desktop.

Used by the quality gate (tests/test_quality.py: accessibility, best practices and SEO at 100) and by
the benchmark (scripts/benchmark.py --lighthouse: performance against its target of 95). The runs
themselves are made by tools/lighthouse-runner.mjs, with Lighthouse pinned in package-lock.json.

Performance is a lab measurement: Lighthouse simulates a slow phone from a trace of the real load, and
the trace's main-thread tasks take longer when other programs share the CPU. Such noise only ever
slows a run down, so a page and form factor that scores under 95 is measured again, up to twice, and
its best run counts (the default, "optimistic", aggregation of Lighthouse CI). Every run's figures are
kept, with the machine's load average while they were made.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.routes import Routes
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_RUNNER = ROOT / "tools" / "lighthouse-runner.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"


def need(path: Path, what: str) -> Path:
    if not path.is_file():
        raise AssertionError(f"{path.relative_to(ROOT)} is missing: `./dev test` installs {what} (npm ci, from package-lock.json)")
    return path


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise AssertionError(f"`{name}` is not on the PATH: `./dev test` installs it (Debian's {package})")
    return found


CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What the gate fails on: the categories whose scores do not depend on how busy the machine is.
# Performance is a timing: scripts/benchmark.py --lighthouse reports it against its target of 95.
GATED = ("accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FORM_FACTORS = ("mobile", "desktop")
# The gate measures every page kind as a phone and a sample of them as a desktop. At desktop widths, accessibility
# is axe-core's (Lighthouse's accessibility category is axe-core) over every page of the site, light and dark
# (tests/test_gates.py); best practices and SEO read the document and its requests, which are the same for both
# form factors. The sample shows the desktop form factor scores too: the pages with the most going on.
DESKTOP_SAMPLE = ("home", "outcome", "checker")
RETRIES = 2  # further runs for a page and form factor whose performance is under target

# What Lighthouse's own launcher gives Chromium so that timers and rendering are not slowed in a
# background or headless tab, on top of the project's settings for a machine with no way out.
LIGHTHOUSE_CHROMIUM_ARGS = [
    "--headless=new",  # the full browser needs it (where it is used: tools/chromium.py); the headless shell ignores it
    "--disable-extensions",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-ipc-flooding-protection",
    "--disable-hang-monitor",
    "--disable-default-apps",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    "--mute-audio",
    "--no-default-browser-check",
    "--password-store=basic",
]

# One page of every kind the site has; each kind's page is checked to exist, and every page of the
# site to be of one of these kinds (test_every_page_kind_is_measured).
KIND_NAMES = (
    "home",
    "edition home",
    "list of outcomes or IDs",
    "outcome",
    "domain",
    "changes (crosswalk)",
    "baseline (KSS)",
    "feedback",
    "glossary",
    "checker",
    "print",
    "downloads",
    "hand-written guidance",
    "worked example",
    "404",
)


def kind_pages(framework) -> dict[str, str]:
    """{kind: the page measured for it}, site-relative; paths that come from the data are read from it."""
    current = framework.current
    domain = current.domains[min(2, len(current.domains) - 1)]
    outcome = domain.outcomes[min(1, len(domain.outcomes) - 1)]
    routes = Routes(current.key)
    return {
        "home": "",
        "edition home": routes.edition_home(current.key).url,
        "list of outcomes or IDs": routes.id_index().url,
        "outcome": f"outcomes/{outcome.id}/",
        "domain": f"domains/{domain.id}/",
        "changes (crosswalk)": f"changes/{framework.crosswalks[0].key}/",
        "baseline (KSS)": f"{next(iter(framework.baselines))}/",
        "feedback": "feedback/",
        "glossary": "glossary/",
        "checker": "check/",
        "print": "print/",
        "downloads": "downloads/",
        "hand-written guidance": "guidance/learning-and-assessment/",
        "worked example": "guidance/example-programme/",
        # Lighthouse will not audit a document answered with 404, so the page is measured at its own
        # address; tests/test_gates.py shows it working at any missing address.
        "404": "404.html",
    }


def kind_of(path: str, framework) -> str:
    """The kind of a page of the site, by its site-relative path."""
    special = {
        p: k
        for k, p in kind_pages(framework).items()
        if k not in ("edition home", "list of outcomes or IDs", "outcome", "domain", "changes (crosswalk)", "hand-written guidance")
    }
    if path in special:
        return special[path]
    routes = Routes(framework.current.key)
    if path in {routes.edition_home(key).url for key in framework.editions}:
        return "edition home"
    if path in (routes.outcomes_index().url, routes.id_index().url):
        return "list of outcomes or IDs"
    editions = "|".join(re.escape(key) + "/" for key in framework.editions)
    if re.fullmatch(rf"(?:{editions})?outcomes/[^/]+/", path):
        return "outcome"
    if re.fullmatch(rf"(?:{editions})?domains/[^/]+/", path):
        return "domain"
    if re.fullmatch(r"changes/[^/]+/", path):
        return "changes (crosswalk)"
    if path.strip("/") in framework.baselines:
        return "baseline (KSS)"
    source = ROOT / "docs" / path.rstrip("/")
    if source.with_suffix(".md").is_file() or (source / "index.md").is_file():
        return "hand-written guidance"
    return f"unknown ({path})"


@contextlib.contextmanager
def chromium_for_lighthouse(profile: Path) -> Iterator[int]:
    """Debian's Chromium, headless, with a DevTools port for Lighthouse to drive; yields the port.

    Chromium starts in a process group of its own, and the whole group is stopped at the end: Debian's
    /usr/bin/chromium-headless-shell is a shell script that runs the browser as its child, so stopping
    the process started here alone would leave the browser and its renderers running."""
    process = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_ARGS, *LIGHTHOUSE_CHROMIUM_ARGS, "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        active = profile / "DevToolsActivePort"
        for _ in range(300):
            if active.is_file() and active.read_text().strip():
                break
            if process.poll() is not None:
                raise AssertionError(f"{CHROMIUM} stopped at once (exit {process.returncode})")
            time.sleep(0.1)
        else:
            raise AssertionError(f"{CHROMIUM} opened no DevTools port in 30 s")
        yield int(active.read_text().split()[0])
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started with start_new_session=True and everything in its group: TERM, then KILL after 10 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break  # the group is gone
        deadline = time.monotonic() + 10
        while group_alive(process.pid) and time.monotonic() < deadline:
            process.poll()  # reaps the first process once it ends, so that it leaves the group
            time.sleep(0.05)
        if not group_alive(process.pid):
            break
    process.wait(10)


def group_alive(pgid: int) -> bool:
    """Whether any process is still in the process group."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def lighthouse(port: int, jobs: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """One Lighthouse run for each job ({"url", "formFactor", "categories"}), one after another, in the Chromium on `port`."""
    need(LIGHTHOUSE, "lighthouse")
    node = tool("node", "nodejs")
    work.mkdir(parents=True, exist_ok=True)
    jobs_file = work / f"jobs-{time.monotonic_ns()}.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    result = subprocess.run(
        [node, str(LIGHTHOUSE_RUNNER), str(port), str(jobs_file)], cwd=ROOT, capture_output=True, text=True, timeout=180 * len(jobs) + 60
    )
    runs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or len(runs) != len(jobs):
        raise AssertionError(
            f"Lighthouse stopped (exit {result.returncode}) after {len(runs)} of {len(jobs)} runs: {result.stderr[-3000:]}"
        )
    return runs


@dataclass
class Measured:
    """Every Lighthouse run of one page in one form factor, and how busy the machine was meanwhile."""

    kind: str
    form: str
    runs: list[dict[str, Any]]
    load: list[float] = field(default_factory=list)  # the load average, sampled while the runs were made
    categories: tuple[str, ...] = CATEGORIES

    def score(self, category: str) -> int | None:
        """Performance: the best run (noise only slows a run); the others: the worst run (they do not vary)."""
        found = [r["scores"][category] for r in self.runs if r.get("scores") and r["scores"].get(category) is not None]
        if not found:
            return None
        return max(found) if category == "performance" else min(found)

    def slow(self) -> bool:
        score = self.score("performance") if "performance" in self.categories else None
        return score is not None and score < TARGETS["performance"]


@contextlib.contextmanager
def load_sampler(every: float = 2.0) -> Iterator[list[float]]:
    """The 1-minute load average, sampled in the background while the block runs."""
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while True:
            samples.append(os.getloadavg()[0])
            if stop.wait(every):
                break

    thread = threading.Thread(target=sample, name="load-sampler", daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join(every + 1)


def measure(
    port: int,
    base: str,
    pages: dict[str, str],
    work: Path,
    forms: tuple[str, ...] = FORM_FACTORS,
    categories: tuple[str, ...] = CATEGORIES,
    retries: int = RETRIES,
) -> list[Measured]:
    """Every page in every form factor once; then, up to `retries` times, again where performance fell short."""
    measured = [Measured(kind, form, [], categories=categories) for kind in pages for form in forms]
    todo = list(measured)
    for _ in range(1 + retries):
        with load_sampler() as load:
            jobs = [{"url": base + pages[m.kind], "formFactor": m.form, "categories": list(categories)} for m in todo]
            runs = lighthouse(port, jobs, work)
        for m, run in zip(todo, runs, strict=True):
            m.runs.append(run)
            m.load += load
        todo = [m for m in todo if m.slow()]
        if not todo:
            break
    return measured


def gated(kinds: Iterable[str]) -> list[tuple[str, str]]:
    """The (kind, form factor) pairs the gate measures: every kind as a phone, DESKTOP_SAMPLE as a desktop too."""
    return [(kind, form) for kind in kinds for form in FORM_FACTORS if form == "mobile" or kind in DESKTOP_SAMPLE]


def measure_untimed(
    base: str, pages: dict[str, str], work: Path, pairs: list[tuple[str, str]] | None = None, workers: int = 2
) -> list[Measured]:
    """The gated categories (no performance) of each (kind, form factor) pair, once, `workers` Chromiums at once;
    by default the pairs `gated` names.

    Nothing here is a timing, so the runs need no quiet machine: two browsers side by side take the
    runs of the gate in about half the time of one (the runner also drops the pauses that exist for
    the timings: tools/lighthouse-runner.mjs)."""
    measured = [Measured(kind, form, [], categories=GATED) for kind, form in (gated(pages) if pairs is None else pairs)]
    shares = [measured[i::workers] for i in range(workers)]

    def run(i: int) -> None:
        if not shares[i]:
            return
        with chromium_for_lighthouse(work / f"profile-{i}") as port:
            jobs = [{"url": base + pages[m.kind], "formFactor": m.form, "categories": list(GATED)} for m in shares[i]]
            for m, found in zip(shares[i], lighthouse(port, jobs, work / f"runs-{i}"), strict=True):
                m.runs.append(found)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, range(workers)))
    return measured


def figures(run: dict[str, Any]) -> str:
    """A run's performance score and the metrics behind it, in a line."""
    metrics = run.get("metrics") or {}
    parts = [
        f"{name} {metrics[key] / 1000:.1f} s"
        for name, key in (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("SI", "speed-index"))
        if metrics.get(key) is not None
    ]
    if metrics.get("total-blocking-time") is not None:
        parts.insert(2, f"TBT {metrics['total-blocking-time']:.0f} ms")
    if metrics.get("cumulative-layout-shift") is not None:
        parts.append(f"CLS {metrics['cumulative-layout-shift']:.3f}")
    return f"{(run.get('scores') or {}).get('performance')} ({', '.join(parts)})"


def score_problems(measured: list[Measured]) -> list[str]:
    """Each page and form factor under a target, with what kept it there."""
    problems = []
    for m in measured:
        where = f"{m.kind} ({m.form})"
        errors = [r["runtimeError"] for r in m.runs if r.get("runtimeError")]
        if errors:
            problems.append(f"{where}: Lighthouse could not measure the page: {errors[0]}")
            continue
        for category in m.categories:
            score = m.score(category)
            if score is None or score < TARGETS[category]:
                if category == "performance":
                    runs = "; ".join(figures(r) for r in m.runs)
                    cores = os.cpu_count() or 1
                    load = sum(m.load) / len(m.load) if m.load else 0.0
                    hint = (
                        f" [the load average was {load:.1f} on {cores} processors while these runs were made: other programs"
                        " were sharing the processor, which makes the page's scripts take longer (TBT); measure again on a quiet machine]"
                        if load > cores
                        else f" [load average {load:.1f} on {cores} processors]"
                    )
                    problems.append(f"{where}: performance {score}, under {TARGETS[category]}, best of {len(m.runs)} runs: {runs}{hint}")
                else:
                    failing = sorted({f for r in m.runs for f in r["failing"][category]})
                    problems.append(f"{where}: {category} {score}, under {TARGETS[category]}: " + " || ".join(failing))
    return problems


def score_table(measured: list[Measured]) -> str:
    """The scores as a table, for the test log."""
    lines = [f"{'kind':24} {'form':8} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES) + "  runs"]
    for m in measured:
        lines.append(f"{m.kind:24} {m.form:8} " + " ".join(f"{m.score(c)!s:>13}" for c in CATEGORIES) + f"  {len(m.runs)}")
    return "\n".join(lines)
