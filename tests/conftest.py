"""Shared fixtures: the real data, a strict build of the real site, a local server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the macros package and the helpers the tests share with the benchmark (tools/)

import pytest  # noqa: E402
import sites  # noqa: E402
from browsers import TIMEOUT, Chromium, Contexts  # noqa: E402
from hypothesis import settings  # noqa: E402

from tools import build  # noqa: E402
from tools.chromium import launch_options  # noqa: E402
from tools.pagesserver import pages_at_sub_path, serve  # noqa: E402

# Property-based tests draw the same examples on every run (a seed per test), so a clean clone in CI
# judges exactly what the developer ran, and a red run is never luck. HYPOTHESIS_PROFILE=explore
# draws new examples each run, to look for cases the fixed seed does not reach.
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

# The project whose data and site the tests read: this checkout, or a copy of it with other data
# (PQS_PROJECT), with the sources its text is checked against (PQS_SEEDS). tests/test_rehearsal.py runs the
# data, site and export tests on a copy with the rehearsal edition added, as a maintainer adds one.
PROJECT = Path(os.environ.get("PQS_PROJECT") or ROOT)
DATA = PROJECT / "data" / "pqs.yaml"
SEEDS = Path(os.environ.get("PQS_SEEDS") or ROOT.parent / "shared" / "seeds")


# -- the tiers: `./dev test fast` runs the tests with none of these marks ------------------------------

# A test is marked by the fixtures it takes (a built site, a browser); a test that builds or launches
# on its own is marked by hand, and mkdocs_build refuses to run in a test that is not marked `build`,
# so the fast tier cannot slow down unnoticed.
BUILD_FIXTURES = {"built_site", "site_url", "pages_site", "small_site", "hostile_site", "rehearsal_site"}
BROWSER_FIXTURES = {"browser", "contexts", "new_page", "page", "chromium"}
_current: list[pytest.Item] = []


# The files that take longest run first, so that with two workers (./dev test runs pytest-xdist, a file
# to a worker) neither is left with a long file at the end while the other waits: the files of over 9 s on a
# worker, longest first, as measured on 6 December 2026 (tests/test_tiers.py shows the workers handed them so;
# pyproject.toml's --no-loadscope-reorder stops xdist putting the files with most tests first instead).
# The file whose check is timed by the wall clock (a page's longest task) runs last, when the other worker has most
# likely finished: beside the rest of the suite a 130 ms task measured 262 to 390 ms three times in a row.
TIMED_LAST = ("test_checker_browser.py",)
LONGEST_FIRST = (
    "test_quality.py",
    "test_gates.py",
    "test_browser.py",
    "test_finding.py",
    "test_tools_browser.py",
    "test_shared_view.py",
    "test_benchmark.py",
    "test_checker_hostile.py",
    "test_rehearsal.py",
    "test_hostile.py",
    "test_editions.py",
    "test_tiers.py",
    "test_grid.py",
    "test_build.py",
)


def run_order(file_name: str) -> int:
    """Where a test file's tests come in the run: LONGEST_FIRST in its order, then the rest, then TIMED_LAST."""
    if file_name in TIMED_LAST:
        return len(LONGEST_FIRST) + 1
    return LONGEST_FIRST.index(file_name) if file_name in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: run_order(item.path.name))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current.append(item)
    try:
        return (yield)
    finally:
        _current.pop()


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on a project folder, as a maintainer would."""
    if _current and not any(_current[-1].get_closest_marker(mark) for mark in ("build", "bench", "quality")):
        raise AssertionError(f"{_current[-1].nodeid} builds a site: mark it @pytest.mark.build (the fast tier leaves such tests out)")
    return build.mkdocs_build(project, site_dir, env)


def copy_project(dest: Path) -> Path:
    """A copy of the project (docs, data, macros, overrides, mkdocs.yml) to build with changes."""
    for name in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


FIXTURES = ROOT / "tests" / "fixtures"


def project_with(dest: Path, data: Path | str) -> Path:
    """A copy of the project whose data file is ``data`` (a path, or YAML text)."""
    project = copy_project(dest)
    text = data.read_text(encoding="utf-8") if isinstance(data, Path) else data
    (project / "data" / "pqs.yaml").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def framework():
    from macros.core import loader

    return loader.load(DATA, "data/pqs.yaml")


# -- the sites, each built once a run (tests/sites.py says what each is) -----------------------------


def build_ok(project: Path, site: Path, env: dict[str, str] | None = None) -> Path:
    """A strict build that must succeed with no warning; returns the site."""
    result = mkdocs_build(project, site, env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict; fails on any warning."""
    return build_ok(PROJECT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def pages_site(tmp_path_factory) -> Iterator[sites.Served]:
    """The real site as CI builds it for GitHub Pages (a sub-path, a repository), served as Pages serves it."""
    with pages_at_sub_path(tmp_path_factory.mktemp("pages")) as (base, folder):
        yield sites.Served(base, build_ok(PROJECT, folder, {"PQS_SITE_URL": base, "PQS_REPO_URL": sites.REPO_URL}))


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """The small invented data set (tests/fixtures/small), built with a repository."""
    project = project_with(tmp_path_factory.mktemp("small") / "project", sites.SMALL)
    return build_ok(project, tmp_path_factory.mktemp("small-site"), {"PQS_REPO_URL": "https://github.com/example/pqs"})


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The small data set with markup and script in every prose field (tests/sites.py), built with a repository."""
    project = project_with(tmp_path_factory.mktemp("hostile") / "project", sites.hostile_yaml())
    return build_ok(project, tmp_path_factory.mktemp("hostile-site"), {"PQS_REPO_URL": "https://github.com/example/pqs"})


@pytest.fixture(scope="session")
def rehearsal_project(tmp_path_factory) -> Path:
    """A copy of the project with the rehearsal edition added to its data (tests/editions.py)."""
    from editions import write_rehearsal

    project = copy_project(tmp_path_factory.mktemp("rehearsal") / "project")
    write_rehearsal(project)
    return project


@pytest.fixture(scope="session")
def rehearsal_site(rehearsal_project, tmp_path_factory) -> Path:
    """The rehearsal: the real data with an invented final edition made current, built strictly."""
    return build_ok(rehearsal_project, tmp_path_factory.mktemp("rehearsal-site"))


@pytest.fixture(scope="session")
def rehearsal_framework(rehearsal_project):
    """The rehearsal's data, loaded."""
    from macros.core import loader

    return loader.load(rehearsal_project / "data" / "pqs.yaml", "data/pqs.yaml")


def rendered(fw, site_url: str | None = None):
    """Every generated file of a site for `fw`, rendered in process as the build renders it (path under docs/ -> text).

    tests/test_exports.py shows the built site's files equal these, so tests of a file's content read it here."""
    from macros.render import Settings, render_site

    return render_site(fw, Settings(site_url=site_url, schema_text=(ROOT / "data" / "pqs.schema.json").read_text(encoding="utf-8"))).files


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


# -- headless Chromium (tests/browsers.py), each way in started once a run ----------------------------


@pytest.fixture(scope="session")
def browser():
    """Chromium through Playwright's sync API, on the main thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def chromium():
    """Chromium through Playwright's async API, on a thread of its own (the gates check many tabs at once)."""
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def contexts(browser):
    """The browser's contexts, kept for the run and shared by tests that ask for the same options (tests/browsers.py)."""
    kept = Contexts(browser)
    yield kept
    kept.close()


@pytest.fixture
def new_page(request, browser, contexts):
    """Open a new page with the given context options (a 1280 x 900 viewport unless told); closed after the test.

    The page is the test's own, in a context kept for the run (see browsers.Contexts): its storage, cookies,
    permissions and routes are taken back after the test. ``fresh_context=True``: a context of the test's own."""
    fresh, kept = [], []

    def make(*, fresh_context: bool = False, **options):
        options = {"viewport": {"width": 1280, "height": 900}, **options}
        if fresh_context:
            context = browser.new_context(**options)
            context.set_default_timeout(TIMEOUT)
            fresh.append(context)
        else:
            context = contexts.get(**options)
            kept.append(context)
        return context.new_page()

    yield make
    for context in fresh:
        context.close()
    for context in dict.fromkeys(kept):
        contexts.reset(context, request.node.nodeid)


@pytest.fixture
def page(new_page):
    return new_page()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A test that did not run says so loudly: a skipped check is not a passed one."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    terminalreporter.write_sep("!", f"{len(skipped)} TEST{'S' if len(skipped) != 1 else ''} DID NOT RUN", red=True, bold=True)
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        terminalreporter.write_line(f"  NOT RUN: {report.nodeid}: {reason.removeprefix('Skipped: ')}", yellow=True, bold=True)
