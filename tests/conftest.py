"""Shared fixtures: the real data, a strict build of the real site, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Debian's Chromium, driven by Playwright in every browser test (no browser is downloaded).
# Without the background-networking flags it keeps calling Google's hosts, which are unreachable here.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on a project folder, as a maintainer would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


def stop(process: subprocess.Popen, grace: float = 30) -> None:
    """Stop a server as Ctrl+C would; if it has not ended after `grace` seconds (a busy machine), kill it.
    Either way wait for it, so no process outlives its test (Python warns of one, and the suite fails)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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

    return loader.load(ROOT / "data" / "pqs.yaml", "data/pqs.yaml")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict; fails on any warning."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


# -- one headless Chromium for the synchronous browser tests (test_browser.py, test_editions.py) --------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context with the given context options; all closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


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
