"""Hostile data: every field full of markup and script, and every page of the site opened in Chromium.

The small invented data set (tests/fixtures/small) has a payload added to every text field it has
(titles, short titles, summaries, notes, statements, rationales, sources' titles and publishers,
places in sources, status words). The site must build strictly, show every payload as text, and in a
real browser no page may open a dialog, run a payload, or break its Content-Security-Policy. The
policy itself is first shown to refuse a script that reached a page some other way.
"""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser

import sitecheck
from browsers import Chromium
from conftest import serve
from sites import PAYLOADS

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def visit_all(chromium: Chromium, base: str, paths: list[str], tabs: int = 4) -> dict[str, list[str]]:
    """Open every path, `tabs` at a time; what each page did that it should not have: dialogs, payloads run, policy broken."""
    found: dict[str, list[str]] = {}
    todo = list(paths)

    async def tab() -> None:
        page = await chromium.browser.new_page()
        await page.add_init_script(WATCH)
        dialogs: list[str] = []
        refused: list[str] = []

        async def dismiss(dialog) -> None:
            dialogs.append(dialog.message)
            await dialog.dismiss()

        page.on("dialog", dismiss)
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        try:
            while todo:
                path = todo.pop(0)
                dialogs.clear()
                refused.clear()
                await page.goto(base + path, wait_until="load")
                await page.wait_for_load_state("networkidle")  # what the page's scripts fetch and show has come
                problems = [f"dialog: {m}" for m in dialogs]
                problems += [f"policy: {v}" for v in await page.evaluate("window.__csp")]
                problems += [f"console: {m}" for m in refused]
                if await page.evaluate("window.__pwned !== undefined"):
                    problems.append("a payload ran (window.__pwned is set)")
                if await page.locator("#pwned-link").count():
                    problems.append("a payload became a link")
                if problems:
                    found[path] = problems
        finally:
            await page.close()

    async def all_tabs() -> None:
        await asyncio.gather(*(tab() for _ in range(tabs)))

    chromium.run(all_tabs(), timeout=600)
    return found


def test_the_policy_refuses_a_script_that_reached_a_page(hostile_site, tmp_path, chromium):
    """Fail first: a page edited after the build to carry script is refused by its own policy, and the gate sees it."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(hostile_site, site)
    page_file = site / "outcomes" / "1.1" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    injected = '<script>alert("injected")</script><img src="x" onerror="alert(\'handler\')"><a id="pwned-link" href="#">x</a>'
    page_file.write_text(
        html.replace('<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset">' + injected, 1)
    )
    with serve(site) as base:
        found = visit_all(chromium, base, ["outcomes/1.1/"])
    problems = found["outcomes/1.1/"]
    assert not any(p.startswith("dialog") for p in problems), problems  # the policy stopped both
    assert any(p.startswith("policy: script-src") for p in problems), problems
    assert "a payload became a link" in problems


def test_no_page_runs_anything_from_the_data(hostile_site, chromium):
    paths = []
    for file in sitecheck.html_pages(hostile_site):
        rel = file.relative_to(hostile_site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    assert len(paths) > 30
    with serve(hostile_site) as base:
        found = visit_all(chromium, base, paths)
    assert found == {}, found


def test_every_payload_shows_as_text(hostile_site):
    """What the reader sees is the payload's characters, on the pages where the data is."""
    seen = " ".join(sitecheck.parse(p).text for p in sitecheck.html_pages(hostile_site))
    for payload in PAYLOADS:
        plain = " ".join(payload.split())
        assert plain in seen, payload
    for page in sitecheck.html_pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        assert 'id="evil"' not in html, page  # Markdown's { #id } in the data made no anchor
        assert "https://x.test" not in [url for _, url in sitecheck.parse(page).links], page  # nor [text](url) a link
        elements = Elements()
        elements.feed(html)
        assert not elements.handlers, (page, elements.handlers[:3])  # no element has an on… attribute
        assert not {"img", "iframe", "object", "embed"} & elements.tags, page  # the site has none of its own
        assert not [src for src in elements.javascript if src], (page, elements.javascript)


class Elements(HTMLParser):
    """Every element's tag, its event-handler attributes and javascript: addresses, as a browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.javascript: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            address = (value or "").strip().lower()
            # The theme's own search button has javascript:void(0), never followed.
            if name in ("href", "src", "action", "formaction") and address.startswith("javascript:") and address != "javascript:void(0)":
                self.javascript.append(f"<{tag} {name}={value}>")
