"""Headless Chromium for the tests: Debian's /usr/bin/chromium, driven through Playwright (no browser is downloaded).

Two ways in, each started once a run by conftest.py:

- ``browser``: Playwright's sync API on the main thread, for tests that act as one reader would;
- ``chromium``: Playwright's async API on an event loop in a thread of its own (:class:`Chromium`),
  for the gates, which check many pages in several tabs at once.

Playwright allows one sync instance per thread, and the async one lives in its own thread, so
the two never meet. Lighthouse starts a Chromium of its own with a DevTools port (tools/lighthouse.py); every launch
takes the flags in tools/chromium.py.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from playwright.async_api import Browser, async_playwright

from tools.chromium import launch_options

T = TypeVar("T")


class Chromium:
    """One headless Chromium, driven through Playwright's async API on an event loop in its own thread."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="async-chromium", daemon=True)
        self._thread.start()
        self._playwright = self.run(async_playwright().start())
        self.browser: Browser = self.run(self._playwright.chromium.launch(**launch_options()))

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 300) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def close(self) -> None:
        try:
            self.run(self.browser.close())
            self.run(self._playwright.stop())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()
