"""Benchmark the site build: speed, memory and page weight at 1x, 10x and 100x the framework.

A report, not a test: it prints figures and PASS/MISS against the targets, and
exits 0 unless a build fails.

What it builds, each with ``mkdocs build --strict`` in a fresh process per run:

- ``real``: the project as it is, with ``data/pqs.yaml``;
- ``1x``, ``10x``, ``100x``: copies of the project (docs/, macros/, overrides/,
  mkdocs.yml, the schema) with a synthetic ``data/pqs.yaml`` of 26, 260 and
  2,600 outcomes, 30 statements each (15 knows, 15 does; 780 to 78,000
  statements). Everything but the current edition's domains is the real
  file's (sources, timeline, edition metadata, crosswalks, feedback …; each
  crosswalk to the edition gets a `new` entry per added outcome). Domains,
  outcomes and statements are seeded random text of realistic length,
  numbered so that the real loader accepts them;
- a *plain* twin of each size: a Material site with the same domain, outcome
  and home-page content written out as Markdown files, the same theme,
  features, search and Markdown settings, and no hook or macros plugin. The
  ratio ours / plain is the cost of generating the pages at build time;
- ``empty``: a plain one-page site, whose build time is the fixed start-up
  (Python, MkDocs and the theme) used in the linear-growth check.

For every build it prints the median and best wall time, the median CPU time
(user + system) and the peak RSS of the build process (both from ``os.wait4``
on that one child), ours / plain (best wall times), the number of HTML files,
the total and the largest HTML page, and the size of
``search/search_index.json`` raw and gzipped. The "script" column is this
script's own time (generating the data set, measuring the site).

Targets checked: the real data builds in under 3 s; build time grows no worse
than linearly (time minus start-up at Nx is at most N times that at 1x); the
generated site takes at most 20% longer than its plain twin; no HTML page is
over 150 KB; the real search index is under 100 KB gzipped. Time verdicts
use the best wall time of the runs; the verdict on CPU time follows in
brackets, because on a busy machine wall times swing with other load while
CPU times hold.

Usage (from the project root; ``./dev bench`` runs the same with the venv):

    .venv/bin/python scripts/benchmark.py                  # real, 1x, 10x, 100x (100x takes minutes)
    .venv/bin/python scripts/benchmark.py --sizes 1,10     # skip 100x
    .venv/bin/python scripts/benchmark.py --runs 5         # 5 runs of every build (default 3; 2 at 10x, 1 at 100x)
    .venv/bin/python scripts/benchmark.py --keep           # keep the temporary projects and sites, and print where

Run it with the project's venv: besides the standard library it uses only
PyYAML (pinned in requirements.txt) to read the real data file. Set
PQS_BENCH_TMP to put the temporary folder somewhere other than the default.
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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # PyYAML, pinned in requirements.txt: reads the real data file

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = ("docs", "macros", "overrides")
PROJECT_FILES = ("mkdocs.yml", "data/pqs.yaml", "data/pqs.schema.json")

BASE_SPLIT = (4, 6, 3, 5, 4, 4)  # outcomes per domain in the real framework
PER_KIND = 15  # knows statements per outcome, and does statements
SEED = 20250320

DEFAULT_RUNS = {1: 3, 10: 2, 100: 1}
SMALL_RUNS = 3  # the real data and the empty site

TARGET_REAL_SECONDS = 3.0
TARGET_OVERHEAD = 1.20
TARGET_PAGE_BYTES = 150 * 1024
TARGET_INDEX_GZ_BYTES = 100 * 1024

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


class _StringDates(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads dates as text, as macros/loader.py does."""


_StringDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Base:
    """The real data file, read once; everything but the current edition's domains is reused."""

    data: dict[str, Any]
    edition_key: str
    edition_title: str
    source_key: str  # the source the generated items cite: the current edition's own
    citation: str  # that source as the pages cite it: publisher, <em>title</em>


def read_base(path: Path) -> Base:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)  # a safe loader
    key = data["current_edition"]
    edition = next(e for e in data["editions"] if e["key"] == key)
    ref = edition["source"]["ref"]
    source = next(s for s in data["sources"] if s["key"] == ref)
    return Base(data, key, edition["title"], ref, f"{source['publisher']}, <em>{source['title']}</em>")


def synthetic_yaml(domains: list[Domain], base: Base) -> str:
    """The real file with the current edition's domains replaced, and every crosswalk to it kept complete."""
    data = copy.deepcopy(base.data)
    edition = next(e for e in data["editions"] if e["key"] == base.edition_key)
    edition["domains"] = [PLACEHOLDER]
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
# The plain twin: the same content as hand-written Markdown


def truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"


def plain_domain(domain: Domain, prev: Domain | None, nxt: Domain | None) -> str:
    out = [f"---\ntitle: {q(f'Domain {domain.id}: {domain.title}')}\ndescription: {q(domain.summary)}\n---\n"]
    out.append(f"# Domain {domain.id}: {domain.title} {{ #{domain.id} }}\n")
    out.append(f'<p class="pqs-summary"><strong>In brief</strong> (our summary): {domain.summary}</p>\n')
    out.append(f'<p class="pqs-permalink">Permalink: <code>/id/{domain.id}/</code></p>\n')
    out.append(f"## The {len(domain.outcomes)} outcomes {{ #outcomes }}\n")
    for o in domain.outcomes:
        out.append(f"### {o.id} {o.text} {{ #{o.id} }}\n")
        out.append(f"[Read outcome {o.id}](../outcomes/{o.id}.md): {len(o.statements)} statements recorded.\n")
    links = [f"{label}: [Domain {d.id}: {d.title}](../domains/{d.id}.md)" for label, d in (("Previous", prev), ("Next", nxt)) if d]
    out.append("\n\n".join(links) + "\n")
    return "\n".join(out)


def plain_outcome(outcome: Outcome, domain: Domain, base: Base, prev: Outcome | None, nxt: Outcome | None) -> str:
    out = [f"---\ntitle: {q(f'{outcome.id} {outcome.text}')}\ndescription: {q(outcome.text)}\n---\n"]
    out.append(f"# {outcome.id} {outcome.text} {{ #{outcome.id} }}\n")
    out.append(f"Outcome {outcome.id} of [Domain {domain.id}: {domain.title}](../domains/{domain.id}.md), in the {base.edition_title}.\n")
    out.append(f'<p class="pqs-permalink">Permalink: <code>/id/{outcome.id}/</code></p>\n')
    out.append(f'!!! success "All statements recorded"\n    Every statement of outcome {outcome.id} is recorded here.\n')
    for kind, title in (("knows", "Knows"), ("does", "Does")):
        out.append(f"## {title} statements {{ #{outcome.id}-{kind} }}\n")
        for st in (s for s in outcome.statements if s.kind == kind):
            anchor = st.id.replace(" ", "-")
            out.append(f'### {st.id} {{ #{anchor} .pqs-statement-id }}\n\n<p class="pqs-text">{st.text}</p>\n')
            out.append(f'<p class="pqs-permalink">Permalink: <code>/id/{anchor}/</code></p>\n')
            out.append(f'<p class="pqs-source">Source: {base.citation}, Synthetic statement {st.id}</p>\n')
    links = [f"{label}: [{o.id} {truncate(o.text, 70)}](../outcomes/{o.id}.md)" for label, o in (("Previous", prev), ("Next", nxt)) if o]
    out.append("\n\n".join(links) + "\n")
    return "\n".join(out)


def plain_home(domains: list[Domain]) -> str:
    out = ["# Post-qualifying standards (plain twin)\n"]
    for d in domains:
        out.append(f"## [{d.id} {d.title}](domains/{d.id}.md) {{ #domain-{d.id} }}\n\n{d.summary} *(Our summary.)*\n")
        out.extend(
            f'- [{o.id}](outcomes/{o.id}.md) {o.text} <span class="pqs-badge">{len(o.statements)} recorded</span>' for o in d.outcomes
        )
        out.append("")
    return "\n".join(out)


def plain_pages(domains: list[Domain], base: Base) -> dict[str, str]:
    pages = {"index.md": plain_home(domains)}
    outcomes = [(o, d) for d in domains for o in d.outcomes]
    for i, d in enumerate(domains):
        pages[f"domains/{d.id}.md"] = plain_domain(d, domains[i - 1] if i else None, domains[i + 1] if i + 1 < len(domains) else None)
    for i, (o, d) in enumerate(outcomes):
        prev = outcomes[i - 1][0] if i else None
        nxt = outcomes[i + 1][0] if i + 1 < len(outcomes) else None
        pages[f"outcomes/{o.id}.md"] = plain_outcome(o, d, base, prev, nxt)
    return pages


def plain_nav(domains: list[Domain]) -> str:
    out = ["nav:", "  - Home: index.md", "  - The standards:"]
    for d in domains:
        out.append(f"      - {q(f'{d.id} {d.title}')}:")
        out.append(f"          - {q(f'Domain {d.id} overview')}: domains/{d.id}.md")
        out.extend(f"          - {q(o.id + ' ' + truncate(o.text.rstrip('.'), 60))}: outcomes/{o.id}.md" for o in d.outcomes)
    return "\n".join(out) + "\n"


def top_level_blocks(config: str) -> dict[str, str]:
    """mkdocs.yml split into its top-level keys, each with its indented lines."""
    blocks: dict[str, str] = {}
    key = None
    for line in config.splitlines():
        match = re.match(r"^([a-z_]+):", line)
        if match:
            key = match.group(1)
            blocks[key] = ""
        if key:
            blocks[key] += line + "\n"
    return blocks


def plain_config(src: Path, nav: str) -> str:
    """The real mkdocs.yml's theme, search, Markdown and validation settings, without the hook, macros or overrides."""
    blocks = top_level_blocks((src / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = "".join(line + "\n" for line in blocks["theme"].splitlines() if "custom_dir" not in line)
    items = re.split(r"(?m)^(?=  - )", blocks["plugins"])
    plugins = items[0] + "".join(item for item in items[1:] if item.startswith("  - search"))
    scripts = "".join(line + "\n" for line in blocks.get("extra_javascript", "").splitlines() if "pqs-ids" not in line)
    parts = ["site_name: PQS plain twin\ndocs_dir: docs\nstrict: true\n", theme, plugins, scripts]
    parts += [blocks.get(key, "") for key in ("markdown_extensions", "extra_css", "validation")]
    return "".join(parts) + nav


# --------------------------------------------------------------------------
# Projects


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


def plain_project(dest: Path, src: Path, pages: dict[str, str], nav: str) -> Path:
    docs = dest / "docs"
    shutil.copytree(src / "docs" / "assets", docs / "assets", ignore=shutil.ignore_patterns("pqs-ids.js"))
    for rel, text in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(plain_config(src, nav), encoding="utf-8")
    return dest


def empty_project(dest: Path, src: Path) -> Path:
    return plain_project(dest, src, {"index.md": "# Start-up\n\nA one-page site.\n"}, "nav:\n  - Home: index.md\n")


# --------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, start-up included
    cpu_seconds: float  # user + system time of the build process
    rss_kb: int


@dataclass(frozen=True)
class SiteStats:
    html_files: int
    html_bytes: int
    largest_bytes: int
    largest_page: str
    index_bytes: int
    index_gz_bytes: int
    over_limit: tuple[tuple[int, str], ...]  # (size, path) of pages over TARGET_PAGE_BYTES, largest first


@dataclass
class Result:
    name: str
    runs: list[Run]
    stats: SiteStats
    prep_seconds: float  # this script's own time: generating the project and measuring the site

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_kb for r in self.runs) / 1024


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def build_once(project: Path, site: Path) -> Run:
    """One `mkdocs build --strict` in a fresh process: its wall time, CPU time and peak RSS."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [python(), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=err, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise BuildFailed(project, err.read().decode("utf-8", "replace"))
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


class BuildFailed(Exception):
    def __init__(self, project: Path, stderr: str):
        super().__init__(f"mkdocs build --strict failed in {project}:\n{stderr[-4000:]}")


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
    over = tuple((size, os.path.relpath(path, site)) for size, path in sizes if size > TARGET_PAGE_BYTES)
    largest, largest_path = sizes[0]
    index = (site / "search" / "search_index.json").read_bytes()
    gz = len(gzip.compress(index, compresslevel=6))
    return SiteStats(len(sizes), sum(n for n, _ in sizes), largest, os.path.relpath(largest_path, site), len(index), gz, over)


def measure(name: str, project: Path, site: Path, runs: int, prep: float) -> Result:
    times = []
    for i in range(runs):
        run = build_once(project, site)
        times.append(run)
        log(f"  {name}: run {i + 1}/{runs}: {describe(run)}")
    start = time.perf_counter()
    stats = site_stats(site)
    return Result(name, times, stats, prep + time.perf_counter() - start)


def describe(run: Run) -> str:
    return f"{run.seconds:.2f} s wall, {run.cpu_seconds:.2f} s CPU, {run.rss_kb / 1024:.0f} MB, load {os.getloadavg()[0]:.1f}"


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
# Report


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def table(results: list[Result], ratios: dict[str, float]) -> str:
    head = [
        "data set",
        "runs",
        "median",
        "best",
        "CPU",
        "ours/plain",
        "peak RSS",
        "HTML files",
        "HTML total",
        "largest page",
        "",
        "index",
        "index gz",
        "script",
    ]
    rows = [head]
    for r in results:
        s = r.stats
        ratio = f"{ratios[r.name]:.2f}" if r.name in ratios else ""
        rows.append(
            [
                r.name,
                str(len(r.runs)),
                f"{r.median:.2f} s",
                f"{r.best:.2f} s",
                f"{r.cpu:.2f} s",
                ratio,
                f"{r.rss_mb:,.0f} MB",
                f"{s.html_files:,}",
                kb(s.html_bytes),
                kb(s.largest_bytes),
                s.largest_page,
                kb(s.index_bytes),
                kb(s.index_gz_bytes),
                f"{r.prep_seconds:.1f} s",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    left = {0, 10}
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) if i in left else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def checks(by_name: dict[str, Result], sizes: list[int]) -> list[str]:
    """PASS/MISS per target, on the best wall time of the runs; the verdict on (median) CPU time follows in brackets."""
    real = by_name["real"]
    out = [
        f"{verdict(real.best < TARGET_REAL_SECONDS)}  real data builds in under {TARGET_REAL_SECONDS:.0f} s: "
        f"{real.best:.2f} s wall [CPU {real.cpu:.2f} s: {verdict(real.cpu < TARGET_REAL_SECONDS)}]"
    ]
    if 1 in sizes:
        for size in (s for s in sizes if s > 1):
            out.append(growth_check(by_name, size))
    for size in sizes:
        ours, plain = by_name[f"{size}x"], by_name[f"{size}x plain"]
        ratio, cpu_ratio = ours.best / plain.best, ours.cpu / plain.cpu
        out.append(
            f"{verdict(ratio <= TARGET_OVERHEAD)}  generation adds at most {TARGET_OVERHEAD - 1:.0%} at {size}x: "
            f"ours / plain = {ours.best:.2f} s / {plain.best:.2f} s = {ratio:.2f} "
            f"[CPU {ours.cpu:.2f} s / {plain.cpu:.2f} s = {cpu_ratio:.2f}: {verdict(cpu_ratio <= TARGET_OVERHEAD)}]"
        )
    for r in by_name.values():
        if r.name == "empty" or r.name.endswith("plain"):
            continue
        over = r.stats.over_limit
        detail = ", ".join(f"{path} {kb(size)}" for size, path in over[:3]) + (", …" if len(over) > 3 else "")
        out.append(
            f"{verdict(not over)}  no page over {TARGET_PAGE_BYTES // 1024} KB ({r.name}): "
            + (f"{len(over)} over: {detail}" if over else f"largest {kb(r.stats.largest_bytes)}, {r.stats.largest_page}")
        )
    gz = real.stats.index_gz_bytes
    out.append(f"{verdict(gz < TARGET_INDEX_GZ_BYTES)}  real search index under {TARGET_INDEX_GZ_BYTES // 1024} KB gzipped: {kb(gz)}")
    return out


def growth_check(by_name: dict[str, Result], size: int) -> str:
    """Time above start-up at Nx against N times that at 1x, start-up being the empty site's build."""
    parts, verdicts = [], []
    for label, get in (("wall", lambda r: r.best), ("CPU", lambda r: r.cpu)):
        startup = get(by_name["empty"])
        base, grown = get(by_name["1x"]) - startup, get(by_name[f"{size}x"]) - startup
        verdicts.append(verdict(grown <= size * base))
        parts.append(f"{label} {grown:.2f} s vs {size} x {base:.2f} s = {size * base:.2f} s ({grown / base:.1f}x the 1x work)")
    return f"{verdicts[0]}  growth no worse than linear to {size}x (after start-up): {parts[0]} [{parts[1]}: {verdicts[1]}]"


# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated multiples of the framework to generate (default 1,10,100)")
    parser.add_argument("--runs", type=int, help="builds per data set (default 3; 2 at 10x, 1 at 100x)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1,10,100")
    if any(s < 1 for s in args.sizes) or (args.runs is not None and args.runs < 1):
        parser.error("sizes and runs must be at least 1")
    return args


def runs_for(size: int | None, args: argparse.Namespace) -> int:
    if args.runs is not None:
        return args.runs
    return SMALL_RUNS if size is None else DEFAULT_RUNS.get(size, 1 if size > 10 else SMALL_RUNS)


def bench_size(size: int, base: Base, src: Path, tmp: Path, args: argparse.Namespace) -> tuple[Result, Result]:
    start = time.perf_counter()
    domains = make_framework(size)
    ours = ours_project(tmp / f"{size}x" / "project", src, synthetic_yaml(domains, base))
    plain = plain_project(tmp / f"{size}x-plain" / "project", src, plain_pages(domains, base), plain_nav(domains))
    prep = time.perf_counter() - start
    n_out = sum(len(d.outcomes) for d in domains)
    log(f"{size}x: {len(domains)} domains, {n_out:,} outcomes, {count_statements(domains):,} statements (generated in {prep:.1f} s)")
    runs = runs_for(size, args)
    results = {}
    # Alternate ours and plain so that drift in the machine's speed hits both alike.
    for i in range(runs):
        for name, project in ((f"{size}x", ours), (f"{size}x plain", plain)):
            run = build_once(project, project.parent / "site")
            results.setdefault(name, []).append(run)
            log(f"  {name}: run {i + 1}/{runs}: {describe(run)}")
    out = []
    for name, project in ((f"{size}x", ours), (f"{size}x plain", plain)):
        t = time.perf_counter()
        stats = site_stats(project.parent / "site")
        out.append(Result(name, results[name], stats, prep / 2 + time.perf_counter() - t))
    return out[0], out[1]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="pqs-bench-", dir=os.environ.get("PQS_BENCH_TMP")))
    results: list[Result] = []
    try:
        src = snapshot(ROOT, tmp / "snapshot")
        base = read_base(src / "data" / "pqs.yaml")
        log(f"{describe_project()}\nstart-up and real data:")
        start = time.perf_counter()
        empty = empty_project(tmp / "empty" / "project", src)
        results.append(measure("empty", empty, tmp / "empty" / "site", runs_for(None, args), time.perf_counter() - start))
        start = time.perf_counter()
        real = ours_project(tmp / "real" / "project", src, None)
        results.append(measure("real", real, tmp / "real" / "site", runs_for(None, args), time.perf_counter() - start))
        for size in args.sizes:
            results.extend(bench_size(size, base, src, tmp, args))
    except BuildFailed as err:
        print(err, file=sys.stderr)
        return 1
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    by_name = {r.name: r for r in results}
    ratios = {f"{s}x": by_name[f"{s}x"].best / by_name[f"{s}x plain"].best for s in args.sizes}
    print(describe_project())
    print()
    print(table(results, ratios))
    print()
    print("\n".join(checks(by_name, args.sizes)))
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    if load > cores:
        print(f"\nNote: load average {load:.1f} on {cores} cores; other processes inflated the wall times (CPU times less so).")
    print("\n'script' is this script's own time per data set (generating the project, measuring the site), not part of the build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
