"""Debian's Chromium, as every test and the benchmark launch it (through Playwright, or for Lighthouse with a DevTools port)."""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
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
