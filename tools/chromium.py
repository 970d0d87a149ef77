"""Debian's headless Chromium, as every test and the benchmark launch it (through Playwright, or for Lighthouse with a DevTools port).

The executable is Debian's ``chromium-headless-shell``: the same Chromium release as Debian's ``chromium``, with
the same Blink and V8, built without the browser's windows and profile machinery, as Playwright itself runs
headless tests. Measured on the same four browser test files (104 tests, one process): 120 and 129 processor-
seconds against 189 and 202 for the full browser, and the whole suite 572 against 749. Where a system has no such
package (Ubuntu, as on GitHub's runners, which ship the full browser), ./dev leaves the full browser to be used."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXECUTABLES = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")  # the first one installed is used


def first_installed(paths: Sequence[str]) -> str:
    """The first of `paths` that exists, or the first of them (so that a launch names what ./dev installs)."""
    return next((path for path in paths if Path(path).exists()), paths[0])


CHROMIUM = first_installed(EXECUTABLES)
# Without the background-networking flags Chromium keeps calling Google's hosts, which are unreachable here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch_options() -> dict[str, Any]:
    """Playwright's ``chromium.launch(**launch_options())``: Debian's Chromium (no browser is downloaded), with our flags."""
    return {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}
