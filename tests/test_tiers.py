"""The test tiers: `./dev test fast` leaves out every test marked build, browser, quality or bench.

A test is marked by the fixtures it takes (tests/conftest.py), and one that would build a site without
the mark is stopped, so nothing slow can slip into the fast tier unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import LONGEST_FIRST, ROOT, TIMED_LAST, mkdocs_build, run_order

from tools.chromium import EXECUTABLES, first_installed

FAST = "not build and not browser and not quality and not bench"


def test_a_test_that_builds_without_its_mark_is_stopped(tmp_path):
    with pytest.raises(AssertionError, match=r"test_tiers.py::test_a_test_that_builds_without_its_mark_is_stopped builds a site: mark it"):
        mkdocs_build(ROOT, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def _collected(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", "--collect-only", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_the_fast_tier_takes_no_site_and_no_browser():
    """Every test that takes a built site or a browser is marked, whatever file it is in; the fast tier has none of them."""
    fast = _collected("-m", FAST)
    slow = _collected("-m", f"not ({FAST})")
    assert len(fast) > 400 and len(slow) > 150
    files = {item.split("::")[0] for item in fast}
    # A test of the built site and one of a browser, neither marked by hand: both slow, by the fixtures they take.
    assert {"tests/test_site.py::test_no_broken_internal_link_or_anchor", "tests/test_browser.py::test_copy_link_button"} <= set(slow)
    assert "tests/test_site.py::test_the_readme_layout_table_matches_the_tree" in fast  # the same file's test that reads no site
    assert "tests/test_quality.py" not in files and "tests/test_browser.py" not in files
    assert "tests/test_loader.py" in files and "tests/test_tiers.py" in files


# -- the order in which the workers take the files ----------------------------------------------


class Worker:
    """Stands in for one of pytest-xdist's workers: it records the tests it is handed."""

    def __init__(self, name: str, handed: list[tuple[Worker, int]]) -> None:
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.handed = handed

    def send_runtest_some(self, indices: list[int]) -> None:
        self.handed += [(self, i) for i in indices]

    def shutdown(self) -> None:
        self.shutting_down = True


def test_the_workers_take_the_longest_files_first_and_the_timed_one_last(pytestconfig):
    """xdist's own scheduler, with this run's options, hands two workers a collection sorted as conftest.py sorts it:
    LONGEST_FIRST in its order, then the rest, then TIMED_LAST. Here the long files have the fewest tests, so a
    scheduler that put the files with most tests first (xdist's default) would hand them over last."""
    from xdist.scheduler import LoadFileScheduling

    files = ["tests/test_few.py", "tests/test_many.py", *(f"tests/{name}" for name in (*TIMED_LAST, *reversed(LONGEST_FIRST)))]
    size = {"tests/test_few.py": 3, "tests/test_many.py": 40}
    collected = [f"{file}::test_{i}" for file in files for i in range(size.get(file, 2))]
    collection = sorted(collected, key=lambda nodeid: run_order(Path(nodeid.split("::")[0]).name))

    # This run's options (pyproject.toml's addopts among them), with two workers even when this run has none (-n 0).
    two_workers = SimpleNamespace(option=pytestconfig.option, hook=pytestconfig.hook, getvalue=lambda name: ["2*popen"])
    scheduler = LoadFileScheduling(two_workers)  # type: ignore[arg-type]
    handed: list[tuple[Worker, int]] = []
    workers = [Worker("gw0", handed), Worker("gw1", handed)]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    scheduler.schedule()
    done = 0
    while done < len(handed):  # each worker finishes what it was handed, in turn, and is handed more
        worker, index = handed[done]
        scheduler.mark_test_complete(worker, index)
        done += 1

    order = list(dict.fromkeys(collection[i].split("::")[0] for _, i in handed))
    assert len(handed) == len(collection)
    assert order == [f"tests/{name}" for name in LONGEST_FIRST] + ["tests/test_few.py", "tests/test_many.py"] + [
        f"tests/{name}" for name in TIMED_LAST
    ]


# -- which Chromium the tests launch (tools/chromium.py) --------------------------------------------


def test_the_headless_shell_is_launched_where_installed_and_the_full_browser_where_not(tmp_path):
    shell, browser = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    browser.touch()
    assert first_installed([str(shell), str(browser)]) == str(browser)  # Ubuntu: no headless shell package
    shell.touch()
    assert first_installed([str(shell), str(browser)]) == str(shell)
    browser.unlink()
    shell.unlink()
    assert first_installed([str(shell), str(browser)]) == str(shell)  # neither: the launch names what ./dev installs
    assert [path.rsplit("/", 1)[1] for path in EXECUTABLES] == ["chromium-headless-shell", "chromium"]


# -- the kept browser contexts (tests/browsers.py) --------------------------------------------------


def test_a_kept_context_gives_the_next_test_nothing_of_the_last(browser, tmp_path):
    """What one test leaves in a kept context (storage, cookies, permissions, routes, pages) is gone for the next,
    while the context itself, and its warm renderer, is the same one; a listener on the context is refused."""
    from browsers import Contexts

    from tools.pagesserver import serve_like_pages

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>Kept</title><p>Kept.</p>", encoding="utf-8")
    kept = Contexts(browser)
    try:
        with serve_like_pages(tmp_path) as url:
            first = kept.get(viewport={"width": 800, "height": 600})
            page = first.new_page()
            page.goto(url + "site/")
            page.evaluate("localStorage.setItem('__palette', 'dark')")
            first.add_cookies([{"name": "c", "value": "1", "url": url}])
            first.grant_permissions(["clipboard-read"], origin=url.rstrip("/"))
            first.route("**/*.css", lambda route: route.abort())
            first.new_page()
            kept.reset(first, "first")
            second = kept.get(viewport={"width": 800, "height": 600})
            assert second is first and len(second.pages) == 1  # the kept page on the local host alone
            page = second.new_page()
            page.goto(url + "site/")
            assert page.evaluate("localStorage.getItem('__palette')") is None
            # The last test's route aborted a style sheet; now the server answers (it has none).
            assert page.evaluate("fetch('none.css').then(r => r.status, () => 'aborted')") == 404
            assert second.cookies() == []
            assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
            second.on("request", lambda request: None)
            with pytest.raises(
                AssertionError, match=r"second listens to the shared context \(request\): ask new_page\(fresh_context=True\)"
            ):
                kept.reset(second, "second")
            assert kept.get(viewport={"width": 800, "height": 600}) is not first  # that context was closed, not lent again
    finally:
        kept.close()
