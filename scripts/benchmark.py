"""Benchmark the site build against its twin (pqs-render's output, same plugins): time, memory and page weight, at real size and 1x, 10x, 100x.

A report, not a test: it prints figures and PASS/MISS per goal, and exits 0 unless a build fails.

What it builds, each with ``mkdocs build --strict`` in a fresh process per run:

- ``real``: the project as it is, with ``data/pqs.yaml``;
- ``1x``, ``10x``, ``100x``: copies of the project (docs/, macros/, overrides/, mkdocs.yml, the
  schema) with a synthetic ``data/pqs.yaml`` of 26, 260 and 2,600 outcomes, 30 statements each
  (15 knows, 15 does; 780 to 78,000 statements). Everything but the current edition's domains is
  the real file's (schema version, statuses, sources, timeline, edition metadata, crosswalks,
  feedback and programmes with their ``edition`` …; each crosswalk to the edition gets a ``new``
  entry per added outcome). Domains, outcomes and statements are seeded random text of realistic
  length, numbered so that the real loader accepts them (tests/test_benchmark.py loads a 1x set);
- the *twin* of each: what ``pqs-render`` writes for that project (every page as Markdown with its
  macros expanded, every generated file, our mkdocs.yml without the hook), built the same way with the
  same plugins: mkdocs-macros on, rendering nothing (``render_by_default: false``; its pages are
  already expanded). Its HTML is ours (checked: file count and total size within 3%), so ours minus
  the twin is the cost of generating the site at build time: our imports, loading and checking the
  data, the Content-Security-Policy, rendering the pages, the hook;
- ``empty``: a one-page site with our theme and settings, whose build time is the fixed start-up
  used in the linear-growth check.

Every build runs with Python's bytecode cache on, as on a maintainer's machine (a sandbox that sets
PYTHONDONTWRITEBYTECODE would make ours compile the project's code on every build).

Ours and its twin are built in pairs, interleaved (ours, plain, ours, plain …), so that a change
in the machine's speed hits both alike; the ratio is taken within each pair, and the report gives
the median of those ratios with their spread (min–max), for wall time and for CPU time (user +
system). Peak memory is each build process's own maximum resident set (``os.wait4``), and its
ratio too is the median over the pairs. Beside each data set: the number of HTML files, the
largest page, the print page, and the search index raw and gzipped.

Then ``mkdocs serve`` runs on a copy of the real project and the data file is edited several
times; each edit is timed until the page shows the new text (the edit-to-reload time).

Goals, each printed PASS or MISS with its figures. Generation's cost is judged in CPU time (user +
system of the build process), which holds on a busy machine while wall time swings with other load;
wall times and ratios are printed for information only:

- the fixed cost: ours at most 0.1 s of CPU over the twin at real size (median of the per-pair
  differences): our imports, the data's load and checks, the policy and the rendering at real size;
- the marginal cost: from 1x up, what a build of ours grows by (median CPU at Nx minus at 1x) at most
  1.05 times what the twin's grows by;
- peak memory at 100x at most 1.3x the twin's (printed for every size);
- no page over 150 KB at 10x, nor at real size or 1x (``print/index.html``, the whole edition on
  one page for printing, grows with the data by design and is reported on its own);
- the real data builds in under 3 s; growth no worse than linear (time minus start-up at Nx is at
  most N times that at 1x); the real search index under 100 KB gzipped.

Usage (from the project root; ``./dev bench`` runs the same with the venv):

    .venv/bin/python scripts/benchmark.py                  # real, 1x, 10x, 100x (100x takes many minutes and GBs)
    .venv/bin/python scripts/benchmark.py --sizes 1,10     # skip 100x
    .venv/bin/python scripts/benchmark.py --pairs 7        # 7 pairs of every data set (default 5; 3 at 10x, 1 at 100x)
    .venv/bin/python scripts/benchmark.py --edits 0        # skip the serve measurement (default 5 edits)
    .venv/bin/python scripts/benchmark.py --keep           # keep the temporary projects and sites, and print where
    .venv/bin/python scripts/benchmark.py --lighthouse     # instead: Lighthouse performance of every page kind (./dev bench installs it)
    .venv/bin/python scripts/benchmark.py --tests          # instead: time the two test tiers against their goals

Run it with the project's venv: besides the standard library it uses PyYAML (pinned in
requirements.txt), and it runs the project's own ``pqs-render`` and MkDocs. Set PQS_BENCH_TMP to
put the temporary folder somewhere other than the default.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import itertools
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml  # PyYAML, pinned in requirements.txt: reads the real data file

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/: how a site is built, served and measured, shared with the tests

from tools.serve import fetch, mkdocs_serve  # noqa: E402

PROJECT_DIRS = ("docs", "macros", "overrides")
PROJECT_FILES = ("mkdocs.yml", "data/pqs.yaml", "data/pqs.schema.json")

BASE_SPLIT = (4, 6, 3, 5, 4, 4)  # outcomes per domain in the real framework
PER_KIND = 15  # knows statements per outcome, and does statements
SEED = 20250320

DEFAULT_PAIRS = {10: 3, 100: 1}  # pairs of builds at a size; 5 elsewhere (the real data, 1x)
SMALL_PAIRS = 5
EMPTY_RUNS = 3
DEFAULT_EDITS = 5

TARGET_FIXED_CPU = 0.10  # seconds of CPU ours takes over the twin at real size (median of the pairs' differences)
TARGET_MARGINAL = 1.05  # from 1x up: ours' growth in CPU time over the twin's
TARGET_RSS_RATIO = 1.30  # peak memory, ours / plain, at 100x
RSS_GOAL_SIZE = 100
TARGET_PAGE_BYTES = 150 * 1024
PAGE_GOAL_SIZE = 10  # the page-size goal holds up to this size (and at real size)
TARGET_REAL_SECONDS = 3.0
TARGET_INDEX_GZ_BYTES = 100 * 1024
PRINT_PAGE = "print/index.html"  # the whole edition on one page, for printing: grows with the data by design
TWIN_TOLERANCE = 0.03  # the twin's HTML file count and total size are within this fraction of ours


_WORD_TEXT = """
child children family families parent parents carer carers sibling siblings network networks community
social worker workers practitioner practitioners agency agencies partner partners professional professionals
assessment assessments plan plans planning review reviews intervention interventions support service services
risk risks harm harms safety safe safeguarding protection need needs outcome outcomes evidence knowledge
skill skills practice practices decision decisions judgement analysis hypothesis hypotheses information history
experience experiences identity culture cultural diversity difference equity justice discrimination prejudice
relationship relationships communication conversation voice views wishes feelings trust trusted consent
legislation guidance policy policies procedure procedures court courts statutory threshold thresholds duty
supervision reflection learning development research theory theories model models approach approaches method
record records recording report reports chronology case cases referral referrals meeting meetings conference
exploitation neglect abuse trauma adversity resilience strength strengths wellbeing health education housing
poverty disability mental substance domestic violence adolescence adolescent infant early permanence placement
kinship fostering adoption care leaver leavers transition transitions contact direct purposeful persistent
timely proportionate clear complex uncertain changing multiple different wider extended local national regional
organisational multi-agency interprofessional continuous consistent critical careful open curious respectful
understands applies analyses identifies recognises explains manages leads builds maintains reviews evaluates
coordinates chairs records shares seeks escalates challenges advocates promotes reflects adapts listens
explores gathers weighs tests questions considers balances communicates explains informs involves engages
how why when where which what whose that the a an and or of to in for with within across between through
their its this these those own each every all any such both either more most less least often always never
may might can could should would must will including particularly especially appropriately effectively
"""
WORDS = tuple(dict.fromkeys(_WORD_TEXT.split()))


# --------------------------------------------------------------------------
# Synthetic framework


@dataclass(frozen=True)
class Statement:
    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Outcome:
    id: str
    text: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    summary: str
    outcomes: tuple[Outcome, ...]


class Prose:
    """Seeded random text with a Zipf-like word distribution."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.cum = list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(len(WORDS))))

    def words(self, low: int, high: int) -> list[str]:
        return self.rng.choices(WORDS, cum_weights=self.cum, k=self.rng.randint(low, high))

    def sentence(self, low: int, high: int, capital: bool = True, stop: str = ".") -> str:
        text = " ".join(self.words(low, high))
        return (text[:1].upper() + text[1:] if capital else text) + stop

    def title(self) -> str:
        return " ".join(self.words(2, 4)).capitalize()


def outcome_split(scale: int) -> list[int]:
    """Outcomes per domain: 26 x scale outcomes over 6 x round(sqrt(scale)) domains, in the real proportions."""
    domains = 6 * max(1, round(math.sqrt(scale)))
    weights = [BASE_SPLIT[i % len(BASE_SPLIT)] for i in range(domains)]
    total = sum(BASE_SPLIT) * scale
    exact = [total * w / sum(weights) for w in weights]
    split = [math.floor(x) for x in exact]
    by_remainder = sorted(range(domains), key=lambda i: split[i] - exact[i])
    for i in by_remainder[: total - sum(split)]:
        split[i] += 1
    return split


def make_framework(scale: int, seed: int = SEED) -> list[Domain]:
    prose = Prose(seed + scale)
    domains = []
    for d, count in enumerate(outcome_split(scale), 1):
        outcomes = []
        for o in range(1, count + 1):
            oid = f"{d}.{o}"
            statements = [
                Statement(f"{oid} {letter}{n}", kind, prose.sentence(25, 40, capital=False, stop=""))
                for kind, letter in (("knows", "K"), ("does", "D"))
                for n in range(1, PER_KIND + 1)
            ]
            outcomes.append(Outcome(oid, prose.sentence(12, 22), tuple(statements)))
        domains.append(Domain(str(d), prose.title(), prose.sentence(20, 30), tuple(outcomes)))
    return domains


def count_statements(domains: list[Domain]) -> int:
    return sum(len(o.statements) for d in domains for o in d.outcomes)


# --------------------------------------------------------------------------
# The synthetic data/pqs.yaml: the real file with the current edition's domains replaced

PLACEHOLDER = "__pqs_benchmark_domains__"


if TYPE_CHECKING:
    _FastestSafeLoader = yaml.SafeLoader
else:
    _FastestSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where installed


class _StringDates(_FastestSafeLoader):
    """Reads dates as text, as macros/core/yamlread.py does."""


_StringDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Base:
    """The real data file, read once; everything but the current edition's domains is reused."""

    data: dict[str, Any]
    edition_key: str
    source_key: str  # the source the generated items cite: the current edition's own


def read_base(path: Path) -> Base:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)  # a safe loader
    key = data["current_edition"]
    edition = next(e for e in data["editions"] if e["key"] == key)
    return Base(data, key, edition["source"]["ref"])


def synthetic_yaml(domains: list[Domain], base: Base) -> str:
    """The real file with the current edition's domains replaced, and every crosswalk to it kept complete."""
    data = copy.deepcopy(base.data)
    edition = next(e for e in data["editions"] if e["key"] == base.edition_key)
    edition["domains"] = [PLACEHOLDER]
    edition.pop("statement_counts", None)  # the real edition's totals, which the synthetic statements exceed
    outcome_ids = [o.id for d in domains for o in d.outcomes]
    for walk in data.get("crosswalks", []):
        if walk.get("to") == base.edition_key:
            # The loader wants every outcome of the target linked or listed as new.
            covered = {link["to"].split(" ")[0] for link in walk.get("links", [])} | {n["id"] for n in walk.get("new", [])}
            walk.setdefault("new", []).extend({"id": oid, "note": "A synthetic outcome."} for oid in outcome_ids if oid not in covered)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    match = re.search(rf"^( *)- {PLACEHOLDER}\n", text, re.M)
    if match is None:
        sys.exit("benchmark: could not place the generated domains in the data file")
    return text[: match.start()] + domains_yaml(domains, len(match.group(1)), base.source_key) + text[match.end() :]


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def domains_yaml(domains: list[Domain], indent: int, ref: str) -> str:
    """The domain list as a maintainer would write it (generated text needs no quotes), written directly for speed."""
    pad = " " * indent
    out = []
    for domain in domains:
        out.append(f"{pad}- id: {q(domain.id)}\n{pad}  title: {domain.title}\n")
        out.append(f'{pad}  source: {{ref: {ref}, at: "Synthetic domain {domain.id}"}}\n{pad}  summary: {domain.summary}\n')
        out.append(f"{pad}  outcomes:\n")
        for outcome in domain.outcomes:
            out.append(f"{pad}    - id: {q(outcome.id)}\n{pad}      text: {outcome.text}\n")
            out.append(f'{pad}      source: {{ref: {ref}, at: "Synthetic outcome {outcome.id}"}}\n')
            out.append(f"{pad}      coverage: complete\n{pad}      statements:\n")
            for st in outcome.statements:
                out.append(
                    f"{pad}        - id: {st.id}\n{pad}          kind: {st.kind}\n{pad}          text: {st.text}\n"
                    f'{pad}          source: {{ref: {ref}, at: "Synthetic statement {st.id}"}}\n'
                )
    return "".join(out)


# --------------------------------------------------------------------------
# Projects


class BuildFailed(Exception):
    def __init__(self, what: str, output: str):
        super().__init__(f"{what} failed:\n{output[-4000:]}")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every build: this one, with Python's bytecode cache on.

    A maintainer's Python caches compiled modules, so only the first build compiles the project's
    code; with PYTHONDONTWRITEBYTECODE set (as some sandboxes do) every build of ours would compile
    it again (about 50 ms of CPU), a cost the twin, which has no code, never pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def snapshot(src: Path, dest: Path) -> Path:
    """A copy of what a build reads, taken once, so every data set builds the same code even while others edit it."""
    for name in PROJECT_DIRS:
        shutil.copytree(src / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in PROJECT_FILES:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / name, dest / name)
    return dest


def ours_project(dest: Path, src: Path, data_text: str | None) -> Path:
    """A copy of the snapshot; data_text replaces data/pqs.yaml (None keeps the real file)."""
    snapshot(src, dest)
    if data_text is not None:
        (dest / "data" / "pqs.yaml").write_text(data_text, encoding="utf-8")
    return dest


def render_twin(project: Path, dest: Path) -> float:
    """The plain twin of ``project``: ``pqs-render dest`` run with the project's own code (which also
    compiles that code into its bytecode cache, before any timed build). Returns its wall time."""
    env = child_env(PYTHONPATH=str(project))
    cmd = [python(), "-m", "macros.cli.render", str(dest), "--config", "mkdocs.yml"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildFailed(f"pqs-render in {project}", done.stdout + done.stderr)
    return time.perf_counter() - start


def empty_project(dest: Path, twin: Path) -> Path:
    """One page, with the twin's theme, override, assets and settings: start-up and little else."""
    shutil.copytree(twin / "docs" / "assets", dest / "docs" / "assets")
    (dest / "docs" / "index.md").write_text("# Start-up\n\nA one-page site.\n", encoding="utf-8")
    shutil.copytree(twin / "overrides", dest / "overrides")
    config = read_config(twin)
    config["nav"] = [{"Home": "index.md"}]
    config.pop("not_in_nav", None)
    write_config(dest, config)
    return dest


def read_config(project: Path) -> dict[str, Any]:
    """A twin's mkdocs.yml (plain YAML, as pqs-render writes it)."""
    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def write_config(project: Path, config: dict[str, Any]) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, start-up included
    cpu_seconds: float  # user + system time of the build process
    rss_kb: int  # its peak resident set


@dataclass(frozen=True)
class Spread:
    """The median of some figures, with their least and greatest."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def show(self, fmt: str = "{:.2f}") -> str:
        if self.n == 1:
            return fmt.format(self.median)
        return f"{fmt.format(self.median)} ({fmt.format(self.low)}–{fmt.format(self.high)})"


@dataclass(frozen=True)
class Pair:
    ours: Run
    plain: Run


def differences(pairs: list[Pair], figure: str) -> Spread:
    """The median and range of ours minus plain taken within each pair (for 'seconds' or 'cpu_seconds')."""
    return Spread.of([getattr(p.ours, figure) - getattr(p.plain, figure) for p in pairs])


def ratios(pairs: list[Pair], figure: str) -> Spread:
    """The median and range of ours / plain taken within each pair, for 'seconds', 'cpu_seconds' or 'rss_kb'.

    Not the ratio of the best runs: one lucky run of either side moves that, while the median of
    paired ratios moves only if most pairs do.
    """
    return Spread.of([getattr(p.ours, figure) / getattr(p.plain, figure) for p in pairs])


@dataclass(frozen=True)
class SiteStats:
    html_files: int
    html_bytes: int
    largest_bytes: int
    largest_page: str
    index_bytes: int
    index_gz_bytes: int
    over_limit: tuple[tuple[int, str], ...]  # (size, path) of pages over TARGET_PAGE_BYTES, largest first, the print page aside
    print_bytes: int  # PRINT_PAGE, 0 if the site has none


@dataclass
class DataSet:
    name: str
    size: int | None  # the multiple of the framework; None for the real data
    pairs: list[Pair]
    ours: SiteStats
    plain: SiteStats
    render_seconds: float  # pqs-render's own run, writing the twin

    def runs(self, side: str) -> list[Run]:
        return [getattr(p, side) for p in self.pairs]

    def median(self, side: str, figure: str) -> float:
        return statistics.median(getattr(r, figure) for r in self.runs(side))

    def peak_mb(self, side: str) -> float:
        return max(r.rss_kb for r in self.runs(side)) / 1024


def build_once(project: Path, site: Path) -> Run:
    """One `mkdocs build --strict` in a fresh process: its wall time, and the CPU time and peak RSS of that process alone."""
    shutil.rmtree(site, ignore_errors=True)
    env = child_env()
    cmd = [python(), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=err, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this child alone
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise BuildFailed(f"mkdocs build --strict in {project}", err.read().decode("utf-8", "replace"))
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def site_stats(site: Path) -> SiteStats:
    sizes: list[tuple[int, str]] = []
    stack = [site]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.endswith(".html"):
                sizes.append((entry.stat().st_size, entry.path))
    sizes.sort(reverse=True)
    pages = [(size, os.path.relpath(path, site)) for size, path in sizes]
    print_bytes = next((size for size, rel in pages if rel == PRINT_PAGE), 0)
    pages = [(size, rel) for size, rel in pages if rel != PRINT_PAGE] or pages
    over = tuple((size, rel) for size, rel in pages if size > TARGET_PAGE_BYTES)
    index = (site / "search" / "search_index.json").read_bytes()
    gz = len(gzip.compress(index, compresslevel=6))
    return SiteStats(len(sizes), sum(n for n, _ in sizes), *pages[0], len(index), gz, over, print_bytes)


def site_of(project: Path) -> Path:
    """Where a project's builds go: beside it, its own (ours and its twin once shared one, so the check
    that the twin makes the same site compared the twin with itself)."""
    return project.parent / f"{project.name}-site"


def paired_runs(name: str, ours: Path, plain: Path, pairs: int, labels: tuple[str, str] = ("ours", "plain")) -> list[Pair]:
    """Builds of ours and the twin, interleaved: ours, plain, ours, plain …"""
    out = []
    width = max(map(len, labels))
    for i in range(pairs):
        a = build_once(ours, site_of(ours))
        log(f"  {name} {labels[0] + ':':{width + 1}} pair {i + 1}/{pairs}: {describe(a)}")
        b = build_once(plain, site_of(plain))
        log(
            f"  {name} {labels[1] + ':':{width + 1}} pair {i + 1}/{pairs}: {describe(b)}"
            f"  (ratio {a.seconds / b.seconds:.2f} wall, {a.cpu_seconds / b.cpu_seconds:.2f} CPU)"
        )
        out.append(Pair(a, b))
    return out


def macros_twin(twin: Path, dest: Path) -> Path:
    """pqs-render's project with mkdocs-macros switched on and rendering nothing (``render_by_default: false``;
    its pages are already expanded): the twin has the same plugins as ours, so that ours minus the twin is
    our code's cost alone, not the stack's macros plugin's (ours needs the plugin for the hand-written pages)."""
    shutil.copytree(twin, dest, ignore=shutil.ignore_patterns("__pycache__"))
    config = read_config(dest)
    config["plugins"] = [*config.get("plugins", []), {"macros": {"render_by_default": False}}]
    write_config(dest, config)
    return dest


def bench_data_set(name: str, size: int | None, src: Path, tmp: Path, data_text: str | None, pairs: int) -> tuple[DataSet, Path]:
    """Ours and its twin (with the same plugins) for one data set; returns the figures and the twin's folder."""
    ours = ours_project(tmp / name / "ours", src, data_text)
    render_seconds = render_twin(ours, tmp / name / "rendered")
    twin = macros_twin(tmp / name / "rendered", tmp / name / "plain")
    log(f"  {name}: twin written by pqs-render in {render_seconds:.1f} s")
    results = paired_runs(name, ours, twin, pairs, ("ours", "twin"))
    data_set = DataSet(name, size, results, site_stats(site_of(ours)), site_stats(site_of(twin)), render_seconds)
    return data_set, twin


def describe(run: Run) -> str:
    return f"{run.seconds:6.2f} s wall, {run.cpu_seconds:6.2f} s CPU, {run.rss_kb / 1024:5.0f} MB, load {os.getloadavg()[0]:.1f}"


def describe_project() -> str:
    """Which code was measured: the commit, whether the tree had changes, and the machine."""
    git = ["git", "-C", str(ROOT)]
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", *PROJECT_DIRS, *PROJECT_FILES], capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown commit", ""
    changes = " with uncommitted changes" if dirty.strip() else ""
    return f"project at {commit}{changes}; Python {sys.version.split()[0]}; {os.cpu_count()} cores"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# mkdocs serve: from an edit of the data to the page showing it


def first_domain_title(data: str) -> tuple[str, str]:
    """The current edition's first domain: its ID and the line that holds its title (one line in the real file)."""
    parsed = yaml.load(data, Loader=_StringDates)
    edition = next(e for e in parsed["editions"] if e["key"] == parsed["current_edition"])
    domain = edition["domains"][0]
    line = f"title: {domain['title']}\n"
    if data.count(line) < 1:
        sys.exit(f"benchmark: the first domain's title is not on a line of its own in the data file ({line.strip()!r})")
    return domain["id"], line


def process_cpu(pid: int) -> float | None:
    """User + system seconds a running process has used so far (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Reload:
    seconds: float  # from writing the edit to the page showing it
    cpu_seconds: float | None  # the server's CPU time over the same span (Linux only)


def serve_reload(project: Path, edits: int, timeout: float = 300) -> list[Reload]:
    """From each edit of data/pqs.yaml to the page showing it, under ``mkdocs serve``."""
    data_file = project / "data" / "pqs.yaml"
    data = data_file.read_text(encoding="utf-8")
    domain_id, line = first_domain_title(data)
    builds = threading.Semaphore(0)
    serving = threading.Event()  # set once the server watches for changes (after its first build)

    def watch(stream: Any) -> None:
        for text in stream:
            if "Serving on" in text:
                serving.set()
            if "Documentation built in" in text:
                builds.release()

    times = []
    with mkdocs_serve(project, env=child_env(), python=python(), stderr=subprocess.PIPE, grace=20) as (root, server):
        url = f"{root}domains/{domain_id}/"
        threading.Thread(target=watch, args=(server.stderr,), daemon=True).start()
        if not (serving.wait(timeout=timeout) and builds.acquire(timeout=1)):
            raise BuildFailed("mkdocs serve", "no first build within the time allowed")
        for n in range(1, edits + 1):
            marker = f"Benchmark edit {n}"
            edited = data.replace(line, line.rstrip("\n") + f" ({marker})\n", 1)
            cpu = process_cpu(server.pid)
            start = time.perf_counter()
            data_file.write_text(edited, encoding="utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - start > timeout or server.poll() is not None:
                    raise BuildFailed("mkdocs serve", f"edit {n} did not show at {url}")
                time.sleep(0.02)
            seconds, after = time.perf_counter() - start, process_cpu(server.pid)
            times.append(Reload(seconds, None if cpu is None or after is None else after - cpu))
            log(f"  serve: edit {n}/{edits} showed after {seconds:.2f} s, load {os.getloadavg()[0]:.1f}")
            builds.acquire(timeout=timeout)  # let that build finish before the next edit
    return times


# --------------------------------------------------------------------------
# Report


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def aligned(rows: list[list[str]], left: set[int]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) if i in left else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def time_table(sets: list[DataSet], empty: list[Run]) -> str:
    head = ["data set", "pairs", "ours wall", "twin wall", "ours/twin wall", "ours CPU", "twin CPU", "ours-twin CPU"]
    head += ["ours peak", "twin peak", "ours/twin peak", "pqs-render"]
    rows = [head]
    for d in sets:
        rows.append(
            [
                d.name,
                str(len(d.pairs)),
                f"{d.median('ours', 'seconds'):.2f} s",
                f"{d.median('plain', 'seconds'):.2f} s",
                ratios(d.pairs, "seconds").show(),
                f"{d.median('ours', 'cpu_seconds'):.2f} s",
                f"{d.median('plain', 'cpu_seconds'):.2f} s",
                differences(d.pairs, "cpu_seconds").show("{:+.2f} s"),
                f"{d.peak_mb('ours'):,.0f} MB",
                f"{d.peak_mb('plain'):,.0f} MB",
                ratios(d.pairs, "rss_kb").show(),
                f"{d.render_seconds:.1f} s",
            ]
        )
    e_wall, e_cpu = statistics.median(r.seconds for r in empty), statistics.median(r.cpu_seconds for r in empty)
    e_rss = max(r.rss_kb for r in empty) / 1024
    rows.append(["empty", f"{len(empty)} runs", f"{e_wall:.2f} s", "", "", f"{e_cpu:.2f} s", "", "", f"{e_rss:,.0f} MB", "", "", ""])
    return aligned(rows, {0})


def size_table(sets: list[DataSet]) -> str:
    head = ["site", "HTML files", "HTML total", "largest page", "", "print page", "search index", "gzipped"]
    rows = [head]
    for d in sets:
        for label, s in ((d.name, d.ours), (f"{d.name} twin", d.plain)):
            rows.append(
                [
                    label,
                    f"{s.html_files:,}",
                    kb(s.html_bytes),
                    kb(s.largest_bytes),
                    s.largest_page,
                    kb(s.print_bytes) if s.print_bytes else "",
                    kb(s.index_bytes),
                    kb(s.index_gz_bytes),
                ]
            )
    return aligned(rows, {0, 4})


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def goals(sets: list[DataSet], empty: list[Run], serve: list[Reload]) -> list[str]:
    by_name = {d.name: d for d in sets}
    out = []
    if "real" in by_name:
        out.append(fixed_cost(by_name["real"]))
    else:
        out.append("----  fixed cost at real size: not measured (leave out --no-real)")
    grown = [d for d in sets if d.size and d.size > 1]
    if "1x" in by_name and grown:
        out += [marginal_cost(by_name["1x"], d) for d in grown]
    else:
        out.append("----  marginal cost from 1x up: not measured (needs 1 and a larger size in --sizes)")
    for d in sets:
        wall, cpu = ratios(d.pairs, "seconds"), ratios(d.pairs, "cpu_seconds")
        where = "at real size" if d.size is None else f"at {d.name}"
        out.append(f"      ours / twin {where}, for information: {pairs_said(wall.n)} {wall.show()} wall, {cpu.show()} CPU")
    for d in sets:
        rss = ratios(d.pairs, "rss_kb")
        peaks = f"{d.peak_mb('ours'):,.0f} MB ours vs {d.peak_mb('plain'):,.0f} MB twin; {pairs_said(rss.n)} {rss.show()}"
        if d.size == RSS_GOAL_SIZE:
            out.append(
                f"{verdict(rss.median <= TARGET_RSS_RATIO)}  peak memory at {d.name} at most {TARGET_RSS_RATIO:.1f}x the twin's: {peaks}"
            )
        else:
            out.append(f"      peak memory at {d.name}: {peaks} (the goal, at most {TARGET_RSS_RATIO:.1f}x, is set at {RSS_GOAL_SIZE}x)")
    if all(d.size != RSS_GOAL_SIZE for d in sets):
        out.append(f"----  peak memory at {RSS_GOAL_SIZE}x: not measured (add {RSS_GOAL_SIZE} to --sizes)")
    for d in sets:
        over = d.ours.over_limit
        detail = ", ".join(f"{path} {kb(size)}" for size, path in over[:4]) + (", …" if len(over) > 4 else "")
        text = f"{len(over)} over: {detail}" if over else f"largest {kb(d.ours.largest_bytes)}, {d.ours.largest_page}"
        limit = f"no page over {TARGET_PAGE_BYTES // 1024} KB at {d.name} (the print page aside)"
        if d.size is None or d.size <= PAGE_GOAL_SIZE:
            out.append(f"{verdict(not over)}  {limit}: {text}")
        else:
            out.append(f"      pages at {d.name} (the goal is set up to {PAGE_GOAL_SIZE}x): {text}")
    printed = ", ".join(f"{d.name} {kb(d.ours.print_bytes)}" for d in sets if d.ours.print_bytes)
    if printed:
        out.append(f"      print page, by design: {printed}. {PRINT_PAGE} is the whole edition on one page, for printing.")
    for d in sets:
        out.append(twin_check(d))
    if "real" in by_name:
        real = by_name["real"]
        real_wall, real_cpu = real.median("ours", "seconds"), real.median("ours", "cpu_seconds")
        out.append(
            f"{verdict(real_wall < TARGET_REAL_SECONDS)}  real data builds in under {TARGET_REAL_SECONDS:.0f} s: median {real_wall:.2f} s wall "
            f"[CPU {real_cpu:.2f} s: {verdict(real_cpu < TARGET_REAL_SECONDS)}]"
        )
    if "1x" in by_name:
        for d in sets:
            if d.size and d.size > 1:
                out.append(growth_check(by_name["1x"], d, empty))
    if "real" in by_name:
        gz = by_name["real"].ours.index_gz_bytes
        out.append(f"{verdict(gz < TARGET_INDEX_GZ_BYTES)}  real search index under {TARGET_INDEX_GZ_BYTES // 1024} KB gzipped: {kb(gz)}")
    if serve:
        s = Spread.of([r.seconds for r in serve])
        cpus = [r.cpu_seconds for r in serve if r.cpu_seconds is not None]
        server_cpu = f" [the server's CPU time meanwhile: median {statistics.median(cpus):.2f} s]" if cpus else ""
        out.append(
            f"      mkdocs serve, from an edit of data/pqs.yaml to the page showing it (real data): median {s.median:.2f} s "
            f"over {s.n} edits ({s.low:.2f}–{s.high:.2f} s){server_cpu}"
        )
    return out


def fixed_cost(real: DataSet) -> str:
    """What ours takes over the twin at real size, in CPU time: the median of the per-pair differences."""
    cpu, wall = differences(real.pairs, "cpu_seconds"), differences(real.pairs, "seconds")
    return (
        f"{verdict(cpu.median <= TARGET_FIXED_CPU)}  fixed cost at real size at most {TARGET_FIXED_CPU:.2f} s of CPU over the twin: "
        f"{pairs_said(cpu.n).replace('ratios', 'differences')} {cpu.show('{:+.3f} s')} "
        f"(wall, for information: {wall.show('{:+.2f} s')})"
    )


def marginal_cost(one: DataSet, grown: DataSet) -> str:
    """From 1x to a larger size, what ours grows by in CPU time (medians) against what the twin grows by."""
    ours = grown.median("ours", "cpu_seconds") - one.median("ours", "cpu_seconds")
    twin = grown.median("plain", "cpu_seconds") - one.median("plain", "cpu_seconds")
    ratio = ours / twin if twin > 0 else math.inf
    return (
        f"{verdict(ratio <= TARGET_MARGINAL)}  marginal cost from 1x to {grown.name} at most {TARGET_MARGINAL:.2f}x the twin's: "
        f"ours grows by {ours:.2f} s of CPU, the twin by {twin:.2f} s: {ratio:.3f}x"
    )


def pairs_said(n: int) -> str:
    return "1 pair only," if n == 1 else f"median (range) of {n} paired ratios,"


def twin_check(d: DataSet) -> str:
    """The twin is a fair comparison only if it makes the same pages: compare HTML file counts and total sizes."""
    a, b = d.ours, d.plain
    files, size = b.html_files / a.html_files - 1, b.html_bytes / a.html_bytes - 1
    ok = abs(files) <= TWIN_TOLERANCE and abs(size) <= TWIN_TOLERANCE
    return (
        f"{verdict(ok)}  the plain twin makes the same site at {d.name} (within {TWIN_TOLERANCE:.0%}): "
        f"HTML files {a.html_files:,} ours vs {b.html_files:,} plain ({files:+.1%}), "
        f"HTML total {kb(a.html_bytes)} vs {kb(b.html_bytes)} ({size:+.1%})"
    )


def growth_check(one: DataSet, grown: DataSet, empty: list[Run]) -> str:
    """Time above start-up at Nx against N times that at 1x, start-up being the empty site's build (medians)."""
    assert grown.size is not None
    parts, verdicts = [], []
    for label, figure in (("wall", "seconds"), ("CPU", "cpu_seconds")):
        startup = statistics.median(getattr(r, figure) for r in empty)
        base, more = one.median("ours", figure) - startup, grown.median("ours", figure) - startup
        verdicts.append(verdict(more <= grown.size * base))
        parts.append(f"{label} {more:.2f} s vs {grown.size} x {base:.2f} s = {grown.size * base:.2f} s ({more / base:.1f}x the 1x work)")
    return f"{verdicts[0]}  growth no worse than linear to {grown.name} (after start-up): {parts[0]} [{parts[1]}: {verdicts[1]}]"


# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated multiples of the framework to generate (default 1,10,100)")
    parser.add_argument(
        "--pairs", type=int, help=f"pairs of builds (ours, plain) per data set (default {SMALL_PAIRS}; 3 at 10x, 1 at 100x)"
    )
    parser.add_argument(
        "--edits", type=int, default=DEFAULT_EDITS, help=f"edits timed under mkdocs serve (default {DEFAULT_EDITS}; 0 skips)"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real data (and the serve measurement)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument(
        "--lighthouse",
        action="store_true",
        help=f"instead: Lighthouse performance of every page kind, mobile and desktop, against its target of {TARGET_PERFORMANCE}",
    )
    parser.add_argument(
        "--tests", action="store_true", help="instead: time ./dev test fast and ./dev test against their goals (60 s and 240 s)"
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1,10,100")
    if any(s < 1 for s in args.sizes) or (args.pairs is not None and args.pairs < 1) or args.edits < 0:
        parser.error("sizes and pairs must be at least 1, edits at least 0")
    return args


def pairs_for(size: int | None, args: argparse.Namespace) -> int:
    if args.pairs is not None:
        return args.pairs
    if size is None:
        return SMALL_PAIRS
    return DEFAULT_PAIRS.get(size, 1 if size > 10 else SMALL_PAIRS)


TARGET_PERFORMANCE = 95  # Lighthouse performance, every page kind, mobile and desktop (the quality issue's bar)


def lighthouse_report(
    tmp: Path, kinds: tuple[str, ...] | None = None, forms: tuple[str, ...] | None = None, retries: int | None = None
) -> int:
    """Lighthouse's performance score for one page of every kind, mobile and desktop, against its target.

    The real site is built for a local address and served gzipped, as GitHub Pages serves it, by the
    same code as the quality gate (tools/lighthouse.py, tools/pagesserver.py); a score under target
    is measured again, up to twice, and the best run counts. Accessibility, best practices and SEO are
    not measured here: ./dev test gates them at 100. Performance is a timing that other programs on the
    machine change, so it is reported, not tested.
    """
    from macros.core import loader
    from tools.build import mkdocs_build
    from tools.lighthouse import FORM_FACTORS, RETRIES, chromium_for_lighthouse, figures, kind_pages, measure
    from tools.pagesserver import pages_at_sub_path

    framework = loader.load(ROOT / "data" / "pqs.yaml", "data/pqs.yaml")
    pages = {kind: page for kind, page in kind_pages(framework).items() if kinds is None or kind in kinds}
    forms = forms or FORM_FACTORS
    retries = RETRIES if retries is None else retries
    with pages_at_sub_path(tmp / "root") as (base, folder):
        started = time.perf_counter()
        built = mkdocs_build(ROOT, folder, {"PQS_SITE_URL": base})
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        log(f"site built for {base} in {time.perf_counter() - started:.1f} s; Lighthouse on {len(pages)} page kinds x {len(forms)}")
        with chromium_for_lighthouse(tmp / "profile") as port:
            started = time.perf_counter()
            measured = measure(port, base, pages, tmp / "work", forms=forms, categories=("performance",), retries=retries)
    runs = sum(len(m.runs) for m in measured)
    print(
        f"Lighthouse performance, best of up to {1 + retries} runs ({runs} runs in {time.perf_counter() - started:.0f} s), target {TARGET_PERFORMANCE}:"
    )
    print(f"{'kind':24} {'form':8} {'score':>5}  {'':4}  best run (FCP, LCP, TBT, SI, CLS)")
    missed = 0
    for m in measured:
        score = m.score("performance")
        ok = score is not None and score >= TARGET_PERFORMANCE
        missed += not ok
        best = max(m.runs, key=lambda r: (r.get("scores") or {}).get("performance") or -1)
        error = best.get("runtimeError")
        detail = f"Lighthouse could not measure the page: {error}" if error else figures(best)
        print(f"{m.kind:24} {m.form:8} {score!s:>5}  {'PASS' if ok else 'MISS'}  {detail}")
    loads = [x for m in measured for x in m.load]
    cores = os.cpu_count() or 1
    load = statistics.median(loads) if loads else 0.0
    print(
        f"\n{len(measured) - missed} of {len(measured)} at or above {TARGET_PERFORMANCE}; median load average {load:.1f} on {cores} processors"
    )
    if load > cores:
        print("The machine was busy: other programs make a page's scripts take longer (TBT). Measure again on a quiet machine.")
    return 0


# The two test tiers and how long each may take on an idle 2-core machine (README, "Two commands").
TEST_TIERS: tuple[tuple[str, list[str], float], ...] = (
    ("./dev test fast", ["./dev", "test", "fast", "-q"], 60.0),
    ("./dev test", ["./dev", "test", "-q"], 240.0),
)


def tests_report(tiers: tuple[tuple[str, list[str], float], ...] = TEST_TIERS) -> int:
    """Each test tier run once, from the project's folder: its wall time against its goal, the processor
    time of its processes, and its summary line. Exits 1 if a tier fails (its tests, not its time)."""
    import resource

    failed = 0
    for name, command, goal in tiers:
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        lines = [line.strip("= ") for line in result.stdout.splitlines() if line.strip()]
        summary = lines[-1] if lines else "(nothing printed)"
        failed += result.returncode != 0
        verdict = "PASS" if wall < goal else "MISS"
        print(f"{verdict}  {name}: {wall:.1f} s, goal under {goal:.0f} s ({cpu:.0f} s of processor time; load average {load:.1f} before)")
        print(f"      {summary}" + ("" if result.returncode == 0 else f" [exit {result.returncode}]"))
    cores = os.cpu_count() or 1
    print(f"\n{cores} processors. The goals are for an idle machine: with other programs running, trust the processor times.")
    return 1 if failed else 0


def empty_runs(tmp: Path, twin: Path) -> list[Run]:
    """The one-page site's builds. Run early, while this process is small: a child's peak memory as the
    kernel reports it is at least its parent's size when it started, and after generating 100x this
    process is hundreds of MB (the one-page build once showed 288 MB instead of 37 MB)."""
    project = empty_project(tmp / "empty" / "project", twin)
    runs = []
    for i in range(EMPTY_RUNS):
        runs.append(build_once(project, site_of(project)))
        log(f"  empty: run {i + 1}/{EMPTY_RUNS}: {describe(runs[-1])}")
    return runs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="pqs-bench-", dir=os.environ.get("PQS_BENCH_TMP")))
    if args.tests:
        shutil.rmtree(tmp, ignore_errors=True)
        return tests_report()
    if args.lighthouse:
        try:
            return lighthouse_report(tmp)
        finally:
            if args.keep:
                log(f"kept {tmp}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    sets: list[DataSet] = []
    empty: list[Run] = []
    serve: list[Reload] = []
    measured = describe_project()  # the code as it was copied, not as it is when the report prints (a long run)
    try:
        src = snapshot(ROOT, tmp / "snapshot")
        base = read_base(src / "data" / "pqs.yaml")
        log(measured)
        twin = None
        if not args.no_real:
            log("real data:")
            real, twin = bench_data_set("real", None, src, tmp, None, pairs_for(None, args))
            sets.append(real)
            empty = empty_runs(tmp, twin)
        for size in args.sizes:
            start = time.perf_counter()
            domains = make_framework(size)
            data_text = synthetic_yaml(domains, base)
            n_out = sum(len(d.outcomes) for d in domains)
            log(
                f"{size}x: {len(domains)} domains, {n_out:,} outcomes, {count_statements(domains):,} statements"
                f" (generated in {time.perf_counter() - start:.1f} s)"
            )
            data_set, made = bench_data_set(f"{size}x", size, src, tmp, data_text, pairs_for(size, args))
            sets.append(data_set)
            if twin is None:
                twin = made
                empty = empty_runs(tmp, twin)
            del data_text
        if args.edits and not args.no_real:
            log("mkdocs serve on a copy of the real project:")
            serve = serve_reload(ours_project(tmp / "serve", src, None), args.edits)
    except BuildFailed as err:
        print(err, file=sys.stderr)
        return 1
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(measured)
    print()
    print("Time and memory: medians over the pairs; a ratio is the median of the per-pair ratios, with their range")
    print(time_table(sets, empty))
    print()
    print(size_table(sets))
    print()
    print("\n".join(goals(sets, empty, serve)))
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    if load > cores:
        print(f"\nNote: load average {load:.1f} on {cores} cores; other processes inflated the wall times (CPU times less so).")
    print(
        f"\n'pqs-render' is the time the project's own command took to write the twin (not part of either build)."
        f" 'largest page' leaves out {PRINT_PAGE}, shown under 'print page'."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
