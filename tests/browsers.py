"""Headless Chromium for the tests: Debian's chromium-headless-shell (tools/chromium.py), driven through Playwright (no browser is downloaded).

Two ways in, each started once a run by conftest.py:

- ``browser``: Playwright's sync API on the main thread, for tests that act as one reader would; its
  contexts are kept for the run and shared by the tests that ask for the same options (:class:`Contexts`);
- ``chromium``: Playwright's async API on an event loop in a thread of its own (:class:`Chromium`),
  for the gates, which check many pages in several tabs at once.

Playwright allows one sync instance per thread, and the async one lives in its own thread, so
the two never meet. Lighthouse starts a Chromium of its own with a DevTools port (tools/lighthouse.py); every launch
takes the flags in tools/chromium.py.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from playwright.async_api import Browser, async_playwright
from playwright.sync_api import Browser as SyncBrowser
from playwright.sync_api import BrowserContext

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


# A page of the site's host, answered by the context itself (no server): see Contexts.
WARM_URL = "http://127.0.0.1/"
TIMEOUT = 10_000  # milliseconds: what a test's page waits for anything by default


class Contexts:
    """The sync browser's contexts, one for each set of options the tests ask for, kept for the whole run.

    On these machines a new context and page, with a page of the site loaded in it, took about 1.5 s of
    processor time (the page's own load about 0.35 s of it). A new page in a context kept for the run,
    with a page held open on the local host (WARM_URL), takes about 0.7 s. Each test still
    gets pages of its own (their listeners, routes, scripts and session storage die with them); what
    the context itself keeps is taken back after the test (:meth:`reset`). A test that listens on the
    context, or needs a cold cache, asks ``new_page(fresh_context=True)`` for a context of its own.
    """

    def __init__(self, browser: SyncBrowser) -> None:
        self.browser = browser
        self._kept: dict[str, tuple[BrowserContext, Any, set[str]]] = {}

    def get(self, **options: Any) -> BrowserContext:
        key = json.dumps(options, sort_keys=True)
        if key not in self._kept:
            context = self.browser.new_context(**options)
            warm = context.new_page()
            warm.route("**/*", lambda route: route.fulfill(body="<!doctype html><title>Kept</title>", content_type="text/html"))
            warm.goto(WARM_URL)
            warm.unroute_all()
            # What the context listens to of its own (Playwright's private emitter): a test's listener is anything more.
            self._kept[key] = (context, warm, set(context._impl_obj.event_names()))
        context = self._kept[key][0]
        context.set_default_timeout(TIMEOUT)
        return context

    def reset(self, context: BrowserContext, test: str) -> None:
        """Close the test's pages and take back what it gave the context: routes, permissions, cookies, storage."""
        key, (_, warm, events) = next((k, v) for k, v in self._kept.items() if v[0] is context)
        for page in context.pages:
            if page is not warm:
                page.close()
        context.unroute_all(behavior="ignoreErrors")
        context.clear_permissions()
        context.clear_cookies()
        origins = [origin["origin"] for origin in context.storage_state()["origins"]]
        if origins:
            session = context.new_cdp_session(warm)
            for origin in origins:
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            session.detach()
        added = set(context._impl_obj.event_names()) - events
        if added:
            del self._kept[key]
            context.close()
            raise AssertionError(
                f"{test} listens to the shared context ({', '.join(sorted(added))}): ask new_page(fresh_context=True) for a context of its own"
            )

    def close(self) -> None:
        for context, _, _ in self._kept.values():
            context.close()
        self._kept.clear()
