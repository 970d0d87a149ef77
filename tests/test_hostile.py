"""Hostile data: every field full of markup and script, and every page of the site opened in Chromium.

The small invented data set (tests/fixtures/small) has a payload added to every text field it has
(titles, short titles, summaries, notes, statements, rationales, sources' titles and publishers,
places in sources, status words). The site must build strictly, show every payload as text, and in a
real browser no page may open a dialog, run a payload, or break its Content-Security-Policy. The
policy itself is first shown to refuse a script that reached a page some other way.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import sitecheck
import yaml
from conftest import FIXTURES, mkdocs_build, project_with, serve

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img');window.__pwned=1\">",
    '"><svg onload="alert(\'svg\')">',
    "'><iframe src=javascript:alert('iframe')>",
    "</title><script>window.__pwned=2</script>",
    "{{ 7 * 7 }} {% raw %} [link](javascript:alert('md')) *x* <b>b</b>",
    '<a href="javascript:alert(\'a\')" id="pwned-link">click</a>',
    "` ${alert('tpl')} ` {#comment#} &lt;script&gt;alert('entity')&lt;/script&gt;",
]
# Fields of prose, where any text is allowed; keys, IDs, dates and addresses are checked by the loader.
PROSE = {"title", "short_title", "summary", "note", "text", "rationale", "basis", "label", "meaning", "at", "publisher", "copyright"}


def poison(node: Any, payloads: itertools.cycle) -> Any:
    if isinstance(node, dict):
        return {k: (f"{v} {next(payloads)}" if k in PROSE and isinstance(v, str) else poison(v, payloads)) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, payloads) for v in node]
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    data = yaml.safe_load((FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(poison(data, itertools.cycle(PAYLOADS)), allow_unicode=True, sort_keys=False, width=10_000)
    project = project_with(tmp_path_factory.mktemp("hostile") / "project", text)
    site = tmp_path_factory.mktemp("hostile-site")
    result = mkdocs_build(project, site, env={"PQS_REPO_URL": "https://github.com/example/pqs"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def visit_all(base: str, paths: list[str], new_page) -> dict[str, list[str]]:
    """Open every path; what each page did that it should not have: dialogs, payloads run, policy broken."""
    page = new_page()
    page.add_init_script(WATCH)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    found: dict[str, list[str]] = {}
    for path in paths:
        dialogs.clear()
        refused.clear()
        page.goto(base + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        problems = [f"dialog: {m}" for m in dialogs]
        problems += [f"policy: {v}" for v in page.evaluate("window.__csp")]
        problems += [f"console: {m}" for m in refused]
        if page.evaluate("window.__pwned !== undefined"):
            problems.append("a payload ran (window.__pwned is set)")
        if page.locator("#pwned-link").count():
            problems.append("a payload became a link")
        if problems:
            found[path] = problems
    return found


def test_the_policy_refuses_a_script_that_reached_a_page(hostile_site, tmp_path, new_page):
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
        found = visit_all(base, ["outcomes/1.1/"], new_page)
    problems = found["outcomes/1.1/"]
    assert not any(p.startswith("dialog") for p in problems), problems  # the policy stopped both
    assert any(p.startswith("policy: script-src") for p in problems), problems
    assert "a payload became a link" in problems


def test_no_page_runs_anything_from_the_data(hostile_site, new_page):
    paths = []
    for file in sitecheck.html_pages(hostile_site):
        rel = file.relative_to(hostile_site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    assert len(paths) > 30
    with serve(hostile_site) as base:
        found = visit_all(base, paths, new_page)
    assert found == {}, found


def test_every_payload_shows_as_text(hostile_site):
    """What the reader sees is the payload's characters, on the pages where the data is."""
    seen = " ".join(sitecheck.parse(p).text for p in sitecheck.html_pages(hostile_site))
    for payload in PAYLOADS:
        plain = " ".join(payload.split())
        assert plain in seen, payload
    for page in sitecheck.html_pages(hostile_site):
        elements = Elements()
        elements.feed(page.read_text(encoding="utf-8"))
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
