"""Publishing gates: what has to hold before the site goes out, locally (`./dev test`) and in CI.

- Every permalink form resolves: the short /id/<ID>/ pages and the full /outcomes/x.y/#x.y-D2 forms,
  checked both ways between the site's own ID list (pqs-ids.js), its /id/ pages and its anchors.
- axe-core, in headless Chromium, finds no WCAG 2.2 AA failure on any page, light or dark.
- Keyboard only: Tab from the top of a page reaches the search box (typing and Enter work), the
  navigation and every "Copy link" button, and the focus can be seen on everything Tab reaches.
- No page asks another host for anything: watched in the browser, where every such request is
  aborted before it is sent, and recorded.
- The site works from a sub-path (/pqs/, as GitHub Pages serves a project site), and a copy opened
  from disk (file://) shows its pages with their styles and moves between them.

Each gate is a function that returns the problems it finds, and each is first run on a small
fixture with a deliberate defect, where it must report that defect: a gate is trusted only once it
has been seen to fail.

The browser work runs on Playwright's async API in a thread of its own (``chromium``, one for the
whole run: tests/browsers.py), so it can check many pages in several tabs at once.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import sitecheck
from browsers import Chromium
from conftest import ROOT, copy_project, mkdocs_build, serve
from playwright.async_api import Browser, Page, Route, expect
from sites import REPO_URL

VIEWPORT = {"width": 1280, "height": 900}
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA: the level a public sector body must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
SEARCH_INPUT = "[data-md-component=search-query]"


# -- gate: requests, to the site's own address only ------------------------------------------------


@dataclass
class Traffic:
    """What one tab asked for: requests outside the site (aborted unsent) and own requests that failed."""

    own: str  # the site's address: every request must start with it
    outside: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def is_own(self, url: str) -> bool:
        return url.startswith((self.own, "data:", "blob:", "about:"))

    def saw(self, url: str) -> None:
        if not self.is_own(url) and url not in self.outside:
            self.outside.append(url)

    def take(self) -> tuple[list[str], list[str]]:
        taken = (list(self.outside), list(self.failed))
        self.outside.clear()
        self.failed.clear()
        return taken


async def guard(page: Page, own: str) -> Traffic:
    """Watch a tab: abort, before it leaves the browser, every request that is not to `own`, and record it."""
    traffic = Traffic(own)

    async def route(route: Route) -> None:
        url = route.request.url
        if traffic.is_own(url):
            await route.fallback()
        else:
            traffic.saw(url)
            traffic.aborted.append(url)
            await route.abort("blockedbyclient")

    await page.route("**/*", route)
    page.on("request", lambda request: traffic.saw(request.url))
    page.on(
        "response",
        lambda response: (
            traffic.failed.append(f"HTTP {response.status}: {response.url}")
            if traffic.is_own(response.url) and response.status >= 400
            else None
        ),
    )
    page.on(
        "requestfailed",
        # ERR_ABORTED: a request cut short by the next navigation, not a missing file.
        lambda request: (
            traffic.failed.append(f"{request.failure}: {request.url}")
            if traffic.is_own(request.url) and "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    return traffic


# -- gate: every page, with axe-core --------------------------------------------------------------

# Did the page get its styles and scripts? Probes that work on file:// too, where style sheets cannot be read.
LOADED_JS = """() => {
  const probe = document.createElement("span");
  probe.className = "pqs-copy";
  document.body.appendChild(probe);
  const own = getComputedStyle(probe).borderTopStyle === "solid";
  probe.remove();
  const header = document.querySelector(".md-header");
  return {
    "theme styles": !!header && getComputedStyle(header).position === "sticky",
    "site styles (pqs.css)": own,
    "theme script": typeof window.document$ === "object",
    "site scripts (pqs.js, pqs-ids.js)": typeof window.PQS === "object" && typeof window.PQS_IDS === "object",
  };
}"""

# Show a colour scheme as a reader switches to it: with the theme's own light/dark button, which a page
# of the site has (pages without it follow the system setting alone). Returns the scheme shown.
SWITCH_JS = """async (want) => {
  const shown = () => document.body.getAttribute("data-md-color-scheme");
  if (shown() === null || shown() === want) return shown();
  const button = [...document.querySelectorAll('[data-md-component="palette"] label')].find(l => l.checkVisibility());
  if (!button) return shown();
  button.click();
  for (let i = 0; i < 100 && shown() !== want; i++) await new Promise(done => setTimeout(done, 10));
  return shown();
}"""

# Colours are checked as they end, not halfway through the theme's colour transitions.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` +
    v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | ") + (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ""));
}"""


@dataclass
class PageReport:
    path: str
    assets: dict[str, bool] = field(default_factory=dict)
    shown: dict[str, str | None] = field(default_factory=dict)  # scheme -> what the page showed (data-md-color-scheme)
    violations: dict[str, list[str]] = field(default_factory=dict)  # scheme -> axe-core's findings
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    width: int = 0  # CSS pixels, zoomed to 400% (when axe ran)

    def __str__(self) -> str:
        return self.path or "/"


async def axe(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now."""
    if not AXE_JS.is_file():
        raise AssertionError(f"{AXE_JS.relative_to(ROOT)} is missing: `./dev test` installs it (npm ci, from package-lock.json)")
    if await page.evaluate("typeof window.axe") == "undefined":
        await page.add_script_tag(path=str(AXE_JS))
    return await page.evaluate(AXE_RUN_JS, WCAG_TAGS)


async def show_scheme(page: Page, scheme: str) -> str | None:
    """Set the system colour scheme (for CSS media queries) and switch the theme to match it."""
    await page.emulate_media(color_scheme=scheme)
    return await page.evaluate(SWITCH_JS, SCHEMES[scheme])


async def check_page(page: Page, traffic: Traffic, base: str, path: str, schemes: tuple[str, ...], run_axe: bool) -> PageReport:
    """Load one page and check it: its assets, then, in each colour scheme, axe-core; then its requests."""
    report = PageReport(path)
    await page.emulate_media(color_scheme=schemes[0])
    await page.goto(base + path, wait_until="load")
    report.assets = await page.evaluate(LOADED_JS)
    if run_axe:
        await page.add_style_tag(content=NO_TRANSITIONS)
    for scheme in schemes:
        report.shown[scheme] = await show_scheme(page, scheme)
        if run_axe:
            report.violations[scheme] = await axe(page)
    if run_axe:
        report.width = await width_at_400_percent(page)
    else:
        await page.wait_for_timeout(200)  # let scripts that run after load ask for what they ask for
    report.outside, report.failed = traffic.take()
    return report


async def check_pages(
    browser: Browser, base: str, paths: list[str], *, schemes: tuple[str, ...] = tuple(SCHEMES), run_axe: bool = True, tabs: int = 2
) -> list[PageReport]:
    """Check every page, `tabs` pages at a time (one Chromium, one context), each in every colour scheme.

    The gate injects axe-core and a style into each page, which the site's own Content-Security-Policy
    would refuse: the context bypasses it (tests/test_hostile.py checks the policy)."""
    context = await browser.new_context(viewport=VIEWPORT, bypass_csp=run_axe)
    context.set_default_timeout(30_000)
    todo, reports = list(paths), []

    async def tab() -> None:
        page = await context.new_page()
        traffic = await guard(page, base)
        while todo:
            reports.append(await check_page(page, traffic, base, todo.pop(0), schemes, run_axe))

    try:
        await asyncio.gather(*(tab() for _ in range(tabs)))
    finally:
        await context.close()
    return sorted(reports, key=lambda r: r.path)


def themed_pages(site: Path) -> list[str]:
    """Site-relative URLs of every page of the site (not the /id/ redirects), as a reader would open them."""
    paths = []
    for file in sitecheck.html_pages(site):
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8")[:2000]:
            continue
        rel = file.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def page_problems(reports: list[PageReport]) -> dict[str, list[str]]:
    """The problems of each kind over all reports, one line each."""
    problems: dict[str, list[str]] = {"accessibility": [], "outside": [], "assets": [], "scheme": []}
    for r in reports:
        for scheme, violations in r.violations.items():
            problems["accessibility"] += [f"{r} ({scheme}): {v}" for v in violations]
        problems["outside"] += [f"{r}: requested {url}" for url in r.outside]
        problems["assets"] += [f"{r}: {f}" for f in r.failed] + [f"{r}: {name} did not load" for name, ok in r.assets.items() if not ok]
        problems["scheme"] += [f"{r} ({s}): shows {shown!r}, not {SCHEMES[s]!r}" for s, shown in r.shown.items() if shown != SCHEMES[s]]
    return problems


# -- gate: keyboard ------------------------------------------------------------------------------

MARK_JS = """(wants) => {
  const keys = [];
  for (const [label, selector] of Object.entries(wants)) {
    [...document.querySelectorAll(selector)]
      .filter(el => el.checkVisibility({visibilityProperty: true}))
      .forEach((el, i) => {
        const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("placeholder") || "").trim().slice(0, 50);
        el.dataset.gateWant = `${label} ${i + 1}: ${el.tagName.toLowerCase()} "${name}"`;
        keys.push(el.dataset.gateWant);
      });
  }
  return keys;
}"""

# The focused element; whether its focus can be seen (an outline or a box shadow, here or, for a
# visually hidden control such as Material's colour-scheme switch, on its label); null at the end.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.dataset.gateSeen) return {again: true};
  el.dataset.gateSeen = "1";
  const seen = (e) => {
    if (!e) return false;
    const cs = getComputedStyle(e);
    const clear = (c) => /^rgba\\(.*,\\s*0\\)$/.test(c) || c === "transparent";
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !clear(cs.outlineColor);
    const shadow = cs.boxShadow !== "none" && cs.boxShadow !== "";
    return outline || shadow;
  };
  const next = el.nextElementSibling;
  const ring = seen(el) || [...(el.labels || [])].some(seen) || (!!next && next.tagName === "LABEL" && seen(next));
  const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("placeholder") || "").trim().slice(0, 50);
  return {want: el.dataset.gateWant || null, desc: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${name}"`, ring};
}"""


async def keyboard_problems(page: Page, wants: dict[str, str], limit: int = 400) -> list[str]:
    """Press Tab from where the page is until every visible element matching `wants` ({label: CSS
    selector}) has had the focus, or the focus comes round again; report what was not reached and
    every element whose focus cannot be seen. Leaves the focus on the last element it wanted."""
    keys = await page.evaluate(MARK_JS, wants)
    problems = [
        f"no visible {label} ({selector}) on the page"
        for label, selector in wants.items()
        if not any(k.startswith(f"{label} ") for k in keys)
    ]
    pending = set(keys)
    for _ in range(limit):
        if not pending:
            break
        await page.keyboard.press("Tab")
        focus = await page.evaluate(FOCUS_JS)
        if focus is None:
            continue
        if focus.get("again"):
            break
        if not focus["ring"]:
            problems.append(f"focus cannot be seen on {focus['desc']}")
        pending.discard(focus["want"])
    problems += [f"Tab never reaches {key}" for key in sorted(pending)]
    return problems


# -- gate: reflow ---------------------------------------------------------------------------------


REFLOW = {"width": 320, "height": 256}  # a 1280 by 1024 screen zoomed to 400%


async def width_at_400_percent(page: Page) -> int:
    """The page's width once its window is 320 CSS pixels wide, as zooming a loaded page to 400% makes it
    (the page is not loaded again); the tab is given its own size back after."""
    size = page.viewport_size
    await page.set_viewport_size(REFLOW)
    width = await page.evaluate("document.documentElement.scrollWidth")
    if size:
        await page.set_viewport_size(size)
    return width


def reflow_lines(widths: dict[str, int]) -> list[str]:
    """WCAG 1.4.10: at 320 CSS pixels wide no page scrolls sideways as a whole; wide data tables may
    scroll inside their own box."""
    return [f"{path or '/'}: {width} CSS pixels wide at {REFLOW['width']}" for path, width in widths.items() if width > REFLOW["width"]]


async def reflow_problems(browser: Browser, base: str, paths: list[str]) -> list[str]:
    """Open each page, zoom it to 400%, and report each that scrolls sideways."""
    page = await browser.new_page(viewport=VIEWPORT)
    widths = {}
    try:
        for path in paths:
            await page.goto(base + path)
            widths[path] = await width_at_400_percent(page)
    finally:
        await page.close()
    return reflow_lines(widths)


# -- gate: permalinks ------------------------------------------------------------------------------

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; ?url=([^"]+)"', re.I)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
SCRIPT = re.compile(r'location\.replace\(("(?:[^"\\]|\\.)*")')
FALLBACK = re.compile(r'<body>.*?<a href="([^"]+)"', re.S)


def site_ids(site: Path) -> dict:
    """The ID list the site ships for its search box (window.PQS_IDS in pqs-ids.js)."""
    text = (site / "assets" / "javascripts" / "pqs-ids.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].strip().rstrip(";"))


def permalink_forms(ids: dict) -> dict[str, str]:
    """{short permalink slug: full form} for every ID, by the README's rules: /id/3/ -> domains/3/,
    /id/3.2/ -> outcomes/3.2/, /id/3.2-D2/ -> outcomes/3.2/#3.2-D2."""
    forms = {}
    for outcome, parts in ids["outcomes"].items():
        domain = outcome.split(".")[0]
        forms[domain] = f"domains/{domain}/"
        forms[outcome] = f"outcomes/{outcome}/"
        for part in parts:
            forms[f"{outcome}-{part}"] = f"outcomes/{outcome}/#{outcome}-{part}"
    return forms


def permalink_problems(site: Path, site_url: str | None = None) -> list[str]:
    """Every short and full permalink form resolves, and the short ones lead to the full ones."""
    problems = []
    ids = site_ids(site)
    forms = permalink_forms(ids)
    base = site_url or "http://site.invalid/"
    for slug, full in sorted(forms.items()):
        page, _, anchor = full.partition("#")
        target = site / page / "index.html"
        if not target.is_file():
            problems.append(f"/{full}: there is no page /{page}")
        elif anchor and anchor not in sitecheck.parse(target).ids:
            problems.append(f"/{full}: /{page} has no anchor #{anchor}")
        item_id = slug.replace("-", " ")
        if item_id in ids["pages"]:
            page_of_id = site / ids["pages"][item_id] / "index.html"
            if not page_of_id.is_file() or 'http-equiv="refresh"' in page_of_id.read_text(encoding="utf-8"):
                problems.append(f"/id/{slug}/ should be a page saying what {item_id} is in each edition")
            continue
        stub = site / "id" / slug / "index.html"
        if not stub.is_file():
            problems.append(f"/id/{slug}/ is missing (the short permalink of /{full})")
            continue
        html = stub.read_text(encoding="utf-8")
        here, want = f"{base}id/{slug}/", base + full
        for name, pattern, required in (("meta refresh", REFRESH, True), ("link", FALLBACK, True), ("script", SCRIPT, False)):
            match = pattern.search(html)
            if match is None:
                if required:
                    problems.append(f"/id/{slug}/ has no {name} to /{full}")
                continue
            value = json.loads(match.group(1)) if name == "script" else unescape(match.group(1))
            if urljoin(here, value) != want:
                problems.append(f"/id/{slug}/: its {name} goes to {value}, not to /{full}")
        canonical = CANONICAL.search(html)
        found = unescape(canonical.group(1)) if canonical else None
        if found is None or (found != want if site_url else urljoin(here, found) != want):
            problems.append(f"/id/{slug}/: canonical link {found!r}, not {want!r}")
    for item_id, permalink in sorted(ids["pages"].items()):
        if not (site / permalink / "index.html").is_file():
            problems.append(f"/{permalink} (the page of {item_id} in each edition) is missing")
    paged = {permalink.strip("/").split("/")[-1] for permalink in ids["pages"].values()}
    for stub in sorted((site / "id").glob("*/index.html")):
        slug = stub.parent.name
        if slug not in forms and slug not in paged:
            problems.append(f"/id/{slug}/ is a permalink for an ID the site does not list")
    # The current edition's own permalinks, which never change meaning, lead to the same places.
    edition = ids["edition"]["key"]
    for slug, full in sorted(forms.items()):
        stub = site / edition / slug / "index.html"
        if not stub.is_file():
            problems.append(f"/{edition}/{slug}/ is missing (the edition's permalink of /{full})")
            continue
        match = REFRESH.search(stub.read_text(encoding="utf-8"))
        if not match or urljoin(f"{base}{edition}/{slug}/", unescape(match.group(1))) != base + full:
            problems.append(f"/{edition}/{slug}/ does not lead to /{full}")
    return problems


@pytest.fixture(scope="session")
def site_walk(chromium, pages_site) -> list[PageReport]:
    """Every page of the sub-path site, light and dark, through axe-core, with its requests watched."""
    paths = themed_pages(pages_site.site)
    return chromium.run(check_pages(chromium.browser, pages_site.base, paths), timeout=600)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fixture_page(body: str, head: str = "") -> str:
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture</title>{head}</head><body><main>{body}</main></body></html>'


def unfixed_copy(built: Path, site: Path, rule: str) -> Path:
    """A copy of a built site whose stylesheet (docs/assets/stylesheets/pqs.css, published as it is) lacks one rule."""
    shutil.copytree(built, site)
    css = site / "assets" / "stylesheets" / "pqs.css"
    unfixed, found = re.subn(rule, "", css.read_text(encoding="utf-8"))
    assert found == 1, "pqs.css no longer has the rule this test takes out"
    css.write_text(unfixed, encoding="utf-8")
    return site


PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


# == 1. links and permalinks =======================================================================


def test_permalink_gate_reports_a_dead_anchor_a_missing_or_wrong_stub_and_a_stray_one(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    outcome = site / "outcomes" / "3.2" / "index.html"
    outcome.write_text(outcome.read_text(encoding="utf-8").replace('id="3.2-D2"', 'id="3.2-D2-gone"'), encoding="utf-8")
    shutil.rmtree(site / "id" / "4.2-K13")
    wrong = site / "id" / "6.2-D1" / "index.html"
    wrong.write_text(
        wrong.read_text(encoding="utf-8").replace("url=../../outcomes/6.2/#6.2-D1", "url=../../outcomes/6.2/#6.2-D9"), encoding="utf-8"
    )
    write(site / "id" / "9.9-K1" / "index.html", '<meta http-equiv="refresh" content="0; url=../../outcomes/9.9/">')
    shutil.rmtree(site / "draft-2025" / "2.5-D4")

    problems = permalink_problems(site)
    assert "/outcomes/3.2/#3.2-D2: /outcomes/3.2/ has no anchor #3.2-D2" in problems
    assert "/id/4.2-K13/ is missing (the short permalink of /outcomes/4.2/#4.2-K13)" in problems
    assert "/id/6.2-D1/: its meta refresh goes to ../../outcomes/6.2/#6.2-D9, not to /outcomes/6.2/#6.2-D1" in problems
    assert "/id/9.9-K1/ is a permalink for an ID the site does not list" in problems
    assert "/draft-2025/2.5-D4/ is missing (the edition's permalink of /outcomes/2.5/#2.5-D4)" in problems
    assert len(problems) == 5, problems


def test_every_permalink_form_resolves(built_site):
    ids = site_ids(built_site)
    assert {"3.2-D2", "3.2", "3"} <= set(permalink_forms(ids)), "the site's ID list has lost IDs the README names"
    assert permalink_problems(built_site) == []


def test_every_permalink_form_resolves_on_the_published_build(pages_site):
    """As built for Pages: the canonical link of every /id/ page is the full address under the sub-path."""
    assert permalink_problems(pages_site.site, pages_site.base) == []


# == 2. accessibility: axe-core on every page, light and dark ========================================


def test_axe_gate_reports_a_missing_alt_text_and_a_contrast_failure_only_in_the_dark(chromium, tmp_path):
    css = "<style>@media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } .faint { color: #333; } }</style>"
    write(tmp_path / "index.html", fixture_page(f'<h1>Fixture</h1><img src="{PIXEL}"><p class="faint">Grey on black in the dark.</p>', css))
    with serve(tmp_path) as url:
        reports = chromium.run(check_pages(chromium.browser, url, [""]))
    (report,) = reports
    assert {scheme: [v.split(" ")[0] for v in found] for scheme, found in report.violations.items()} == {
        "light": ["image-alt"],
        "dark": ["color-contrast", "image-alt"],
    }


def test_axe_gate_switches_the_theme_to_dark_and_sees_what_only_the_dark_scheme_gets_wrong(chromium, built_site, tmp_path):
    """The site without its fix for IDs in links in the dark scheme (pqs.css): only the dark check fails."""
    site = unfixed_copy(built_site, tmp_path / "site", r'\[data-md-color-scheme="slate"\] \.md-typeset a > code \{[^}]*\}')
    with serve(site) as url:
        (report,) = chromium.run(check_pages(chromium.browser, url, ["outcomes/3.2/"], tabs=1))
    assert report.shown == {"light": "default", "dark": "slate"}
    assert report.violations["light"] == []
    assert [v.split(" ")[0] for v in report.violations["dark"]] == ["color-contrast"]
    assert 'a[href="../../draft-2025/3.2-D2/"] > code' in report.violations["dark"][0]


def test_the_site_follows_the_systems_colour_scheme(chromium, pages_site):
    async def shown(scheme: str) -> str | None:
        context = await chromium.browser.new_context(color_scheme=scheme, viewport=VIEWPORT)
        try:
            page = await context.new_page()
            await page.goto(pages_site.base)
            return await page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        finally:
            await context.close()

    assert {scheme: chromium.run(shown(scheme)) for scheme in SCHEMES} == SCHEMES


def test_every_page_is_checked_in_both_schemes(site_walk, pages_site):
    paths = themed_pages(pages_site.site)
    assert {"", "outcomes/3.2/", "domains/3/", "about/", "accessibility/", "maintainers/", "404.html"} <= set(paths)
    assert [r.path for r in site_walk] == sorted(paths)
    assert all(set(r.violations) == set(SCHEMES) for r in site_walk)
    assert page_problems(site_walk)["scheme"] == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_wcag_22_aa_failure_on_any_page(site_walk, scheme):
    reports = [PageReport(r.path, violations={scheme: r.violations[scheme]}) for r in site_walk]
    assert page_problems(reports)["accessibility"] == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_failure_in_the_open_search_with_results(chromium, pages_site, scheme):
    async def run() -> list[str]:
        context = await chromium.browser.new_context(color_scheme=scheme, viewport=VIEWPORT, bypass_csp=True)  # axe is injected
        try:
            page = await context.new_page()
            await page.goto(pages_site.base + "outcomes/3.2/")
            box = page.locator(SEARCH_INPUT)
            await box.click()
            await box.fill("assessment")
            await box.press("End")  # Material reads the box on keyup
            await expect(page.locator(".md-search-result__item").first).to_be_visible()
            # Results fade in: let transitions finish, or axe measures contrast mid-fade.
            await page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
            await page.wait_for_timeout(300)
            return await axe(page)
        finally:
            await context.close()

    assert chromium.run(run()) == []


# == 3. keyboard only =================================================================================

OUTCOME_PAGE_WANTS = {
    "search box": SEARCH_INPUT,
    "navigation link": ".md-sidebar--primary a.md-nav__link[href]",
    "Copy link button": "button.pqs-copy",
}


def test_keyboard_gate_reports_an_unreachable_search_box_and_focus_that_cannot_be_seen(chromium, tmp_path):
    body = (
        '<a href="#content">Skip to content</a><input class="search" aria-label="Search" tabindex="-1">'
        '<nav><a class="nav" href="#a">First</a> <a class="nav" href="#b" style="outline: none">Second</a></nav>'
        '<div id="content"><button class="copy" style="outline: none">Copy link</button>'
        '<button class="copy" style="display: none">Hidden</button></div>'
    )
    write(tmp_path / "index.html", fixture_page(body))

    async def run() -> list[str]:
        page = await chromium.browser.new_page()
        try:
            await page.goto(tmp_path.as_uri() + "/index.html")
            return await keyboard_problems(page, {"search box": ".search", "navigation link": ".nav", "Copy link button": ".copy"})
        finally:
            await page.close()

    assert chromium.run(run()) == [
        'focus cannot be seen on a.nav "Second"',
        'focus cannot be seen on button.copy "Copy link"',
        'Tab never reaches search box 1: input "Search"',
    ]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_tab_reaches_search_navigation_and_every_copy_link_button_with_visible_focus(chromium, pages_site, scheme):
    async def run() -> tuple[list[str], int]:
        context = await chromium.browser.new_context(color_scheme=scheme, viewport=VIEWPORT)
        try:
            page = await context.new_page()
            await page.goto(pages_site.base + "outcomes/3.2/")
            buttons = await page.locator("button.pqs-copy").count()
            return await keyboard_problems(page, OUTCOME_PAGE_WANTS), buttons
        finally:
            await context.close()

    problems, buttons = chromium.run(run())
    assert buttons >= 2, "outcome 3.2 should have a Copy link button for the outcome and for 3.2 D2"
    assert problems == []


def test_search_by_keyboard_alone_jumps_to_an_id_and_opens_a_result(chromium, pages_site):
    base = pages_site.base

    async def run() -> None:
        context = await chromium.browser.new_context(viewport=VIEWPORT)
        try:
            page = await context.new_page()
            await page.goto(base)
            assert await keyboard_problems(page, {"search box": SEARCH_INPUT}) == []
            await page.keyboard.type("3.2 D2")
            await page.keyboard.press("Enter")
            await page.wait_for_url(base + "outcomes/3.2/#3.2-D2")
            await expect(page.locator('[id="3.2-D2"]')).to_be_in_viewport()

            await page.goto(base + "about/")
            assert await keyboard_problems(page, {"search box": SEARCH_INPUT}) == []
            await page.keyboard.type("evidence")
            # Wait for the results of the whole word, as a reader would: results for "evi" come first.
            await expect(page.locator(".md-search-result__link[href*='h=evidence']").first).to_be_visible()
            await page.keyboard.press("Enter")
            await page.wait_for_url(re.compile(re.escape(base) + r"[^?#]+\?h=evidence"))
            await expect(page.locator("article h1")).to_be_visible()
        finally:
            await context.close()

    chromium.run(run())


# == 3b. zoom to 400% =================================================================================


def test_reflow_gate_reports_a_page_wider_than_the_screen(chromium, tmp_path):
    write(tmp_path / "index.html", fixture_page('<h1>Fixture</h1><div style="width: 600px">A fixed-width block.</div>'))
    problems = chromium.run(reflow_problems(chromium.browser, tmp_path.as_uri() + "/", ["index.html"]))
    assert len(problems) == 1 and problems[0].startswith("index.html: 6"), problems


def test_every_page_reflows_at_400_percent_zoom(site_walk):
    """Every page of the site, zoomed to 320 CSS pixels in the walk: none scrolls sideways as a whole (wide tables scroll in their own box)."""
    widths = {r.path: r.width for r in site_walk}
    assert len(widths) > 50 and min(widths.values()) >= REFLOW["width"]
    assert reflow_lines(widths) == []


def test_reflow_gate_sees_screen_reader_text_escaping_a_table(chromium, built_site, tmp_path):
    """Without the rule that keeps a scrolling table's screen-reader text inside it (pqs.css), the worked
    example scrolls sideways at 320 pixels: the gate reports it. (The comparison page's matrix now fits
    without scrolling, so it stays in the list as a page the gate must not report.)"""
    site = unfixed_copy(built_site, tmp_path / "site", r"\.pqs-matrix-wrap,\n\.pqs-check-scroll,\n\.pqs-table-wrap \{[^}]*\}")
    with serve(site) as url:
        problems = chromium.run(reflow_problems(chromium.browser, url, ["changes/kss-to-draft-2025/", "guidance/example-programme/"]))
    assert [p.split(":")[0] for p in problems] == ["guidance/example-programme/"], problems


# == 4. nothing from another host ======================================================================


def test_request_gate_aborts_and_reports_a_remote_font_image_and_fetch(chromium, tmp_path):
    head = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto&display=swap">'
    body = '<img src="https://example.org/logo.png" alt="Logo"><script>fetch("https://api.github.com/repos/example/x").catch(() => {});</script>'
    write(tmp_path / "index.html", fixture_page(body, head))

    async def run() -> tuple[PageReport, list[str]]:
        page = await chromium.browser.new_page()
        try:
            traffic = await guard(page, url)
            return await check_page(page, traffic, url, "", ("light",), run_axe=False), traffic.aborted
        finally:
            await page.close()

    with serve(tmp_path) as url:
        report, aborted = chromium.run(run())
    remote = [
        "https://fonts.googleapis.com/css2?family=Roboto&display=swap",
        "https://example.org/logo.png",
        "https://api.github.com/repos/example/x",
    ]
    assert sorted(report.outside) == sorted(remote)
    assert sorted(aborted) == sorted(remote), "every request to another host is aborted, never sent"


@pytest.mark.build
def test_request_gate_sees_the_themes_call_to_github_without_the_sites_fix(chromium, tmp_path):
    """Material asks api.github.com about the repository on every page; overrides/main.html unhooks it."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    unfixed, found = re.subn(r"\{% block scripts %\}.*?\{% endblock %\}", "", main.read_text(encoding="utf-8"), flags=re.S)
    assert found == 1, "overrides/main.html no longer has the scripts block this test takes out"
    main.write_text(unfixed, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", {"PQS_REPO_URL": REPO_URL, "PQS_SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        (report,) = chromium.run(check_pages(chromium.browser, url, ["about/"], schemes=("light",), run_axe=False, tabs=1))
    assert any(u.startswith("https://api.github.com/repos/example-org/pqs-site") for u in report.outside), report.outside


def test_no_page_requests_another_host(site_walk):
    assert page_problems(site_walk)["outside"] == []


# == 5. from a sub-path, and from a copy on disk ======================================================


def test_every_page_loads_its_styles_and_scripts_from_the_sub_path(site_walk):
    assert page_problems(site_walk)["assets"] == []


async def open_missing_page(chromium: Chromium, base: str, site: Path) -> PageReport:
    """GitHub Pages answers any missing address with the site's 404.html: show it at a deep path."""
    page = await chromium.browser.new_page(viewport=VIEWPORT)
    try:
        traffic = await guard(page, base)
        missing = base + "no/such/page/"
        await page.route(missing, lambda route: route.fulfill(status=404, path=site / "404.html"))
        report = await check_page(page, traffic, base, "no/such/page/", ("light",), run_axe=False)
        report.failed = [f for f in report.failed if f != f"HTTP 404: {missing}"]
        return report
    finally:
        await page.close()


def test_sub_path_gate_reports_a_404_page_built_without_the_site_url(chromium, built_site, tmp_path):
    shutil.copytree(built_site, tmp_path / "pqs")
    with serve(tmp_path) as url_root:
        report = chromium.run(open_missing_page(chromium, url_root + "pqs/", tmp_path / "pqs"))
    # Its styles are asked for at /assets/…, outside /pqs/: on GitHub Pages that is another site.
    assert any(url.startswith(f"{url_root}assets/stylesheets/main.") for url in report.outside), report.outside
    assert "no/such/page/: theme styles did not load" in page_problems([report])["assets"]


def test_the_404_page_works_at_any_depth_under_the_sub_path(chromium, pages_site):
    report = chromium.run(open_missing_page(chromium, pages_site.base, pages_site.site))
    assert page_problems([report])["assets"] == []


def test_sub_path_permalinks_and_search_land_under_the_sub_path(chromium, pages_site):
    base = pages_site.base

    async def run() -> list[str]:
        context = await chromium.browser.new_context(viewport=VIEWPORT)
        try:
            page = await context.new_page()
            traffic = await guard(page, base)
            for slug, full in (("3.2-D2", "outcomes/3.2/#3.2-D2"), ("3.2", "outcomes/3.2/"), ("3", "domains/3/")):
                await page.goto(f"{base}id/{slug}/")
                await page.wait_for_url(base + full)
            await expect(page.locator("article h1")).to_contain_text("Domain 3")
            await page.goto(f"{base}id/3.2-D2/")
            await page.wait_for_url(base + "outcomes/3.2/#3.2-D2")
            await expect(page.locator('[id="3.2-D2"]')).to_be_in_viewport()

            await page.goto(base)
            box = page.locator(SEARCH_INPUT)
            await box.click()
            await box.fill("evidence")
            await box.press("End")
            first = page.locator(".md-search-result__link").first
            await expect(first).to_have_attribute("href", re.compile("^" + re.escape(base)))
            await first.click()
            await page.wait_for_url(re.compile(re.escape(base) + r"[^?#]+\?h=evidence"))
            await expect(page.locator("article h1")).to_be_visible()
            outside, failed = traffic.take()
            return outside + failed
        finally:
            await context.close()

    assert chromium.run(run()) == []


OFFLINE_PAGES = ["index.html", "about/index.html", "outcomes/3.2/index.html"]
# From file:// the theme loads its search index as a script that only its offline plugin writes. That
# plugin is not used: it turns off directory URLs (and so the permalinks) and loads a script from
# unpkg.com. Search from a copy on disk is a known limitation (docs/accessibility.md).
OFFLINE_SEARCH_INDEX = "search/search_index.js"


def offline_problems(base: str, reports: list[PageReport]) -> tuple[list[str], list[str]]:
    """(problems, the known limitation seen): assets and outside requests, less the offline search index."""
    problems = page_problems(reports)
    missing_index = f"net::ERR_FILE_NOT_FOUND: {base}{OFFLINE_SEARCH_INDEX}"
    known = [p for p in problems["assets"] if p.endswith(missing_index)]
    return [p for p in problems["assets"] + problems["outside"] if p not in known], known


def test_offline_gate_reports_assets_missing_from_the_copy(chromium, tmp_path):
    head = '<link rel="stylesheet" href="/assets/site.css"><link rel="stylesheet" href="../missing.css">'
    write(tmp_path / "copy" / "page" / "index.html", fixture_page("<h1>Fixture</h1>", head))
    base = (tmp_path / "copy").as_uri() + "/"
    (report,) = chromium.run(check_pages(chromium.browser, base, ["page/index.html"], schemes=("light",), run_axe=False, tabs=1))
    assert report.outside == ["file:///assets/site.css"]
    assert report.failed == [f"net::ERR_FILE_NOT_FOUND: {base}missing.css"]


def test_a_copy_on_disk_shows_each_page_with_its_styles_and_scripts(chromium, built_site):
    """Opened as file://: every page that is opened directly works; nothing is asked of another host."""
    base = built_site.as_uri() + "/"
    reports = chromium.run(check_pages(chromium.browser, base, OFFLINE_PAGES, schemes=("light",), run_axe=False, tabs=1))
    problems, known = offline_problems(base, reports)
    assert problems == []
    assert len(known) == len(OFFLINE_PAGES), "search works from disk now: update the limitations in docs/accessibility.md"


def test_a_copy_on_disk_moves_between_pages_and_shows_statements(chromium, built_site):
    """Directory URLs (outcomes/3.2/) show a folder listing from disk; pqs.js points links at index.html."""
    base = built_site.as_uri() + "/"

    async def run() -> list[str]:
        page = await chromium.browser.new_page(viewport=VIEWPORT)
        try:
            traffic = await guard(page, base)
            await page.goto(base + "index.html")
            await page.locator(".md-sidebar--primary a.md-nav__link", has_text="About the PQS").click()
            await page.wait_for_url(base + "about/index.html")
            await expect(page.locator("article h1")).to_be_visible()
            link = page.locator("article a[href*='outcomes/'][href*='/index.html#']").first
            href = await link.get_attribute("href")
            await link.click()
            await page.wait_for_url(re.compile(re.escape(href.split("#")[0].replace("../", "")) + "#"))
            anchor = href.split("#")[1]
            await expect(page.locator(f'[id="{anchor}"]')).to_be_in_viewport()
            await expect(page.locator("button.pqs-copy").first).to_be_visible()
            outside, failed = traffic.take()
            return outside + [f for f in failed if not f.endswith(OFFLINE_SEARCH_INDEX)]
        finally:
            await page.close()

    assert chromium.run(run()) == []
