"""The built site in a real browser (headless Chromium): search, ID jumps, permalinks, copy links, layout.

Each test drives the site the way a reader would and checks what they would notice.
Set PQS_SHOTS=/some/dir to also save full-page screenshots for a human to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sitecheck
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from sitecheck import text_start

from macros.core import ids

SEARCH_INPUT = "[data-md-component=search-query]"
RESULT_ITEM = ".md-search-result__item"
RESULT_LINK = ".md-search-result__link"
SHOTS = os.environ.get("PQS_SHOTS")
SHOWN = 2_000  # ms to wait for something already rendered (search results once the count is shown)


# -- fixtures ---------------------------------------------------------------


# -- helpers ----------------------------------------------------------------


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def by_id(page: Page, element_id: str):
    """The element with this id (ids like "3.2-D2" are not valid CSS #selectors)."""
    return page.locator(f'[id="{element_id}"]')


def search(page: Page, query: str) -> None:
    """Type a query into Material's search box, as a reader would, and wait for its answer."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill("")
    box.press("End")  # Material reads the box on keyup: this clears the old results
    expect(page.locator(RESULT_ITEM)).to_have_count(0)
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile(r"^\s*(Type to start searching|Initializing search)", re.I))


def wait_for(page: Page, url: str) -> None:
    """Wait until the page has loaded exactly this URL (fragment included)."""
    page.wait_for_url(lambda actual: actual == url)


def statement_url(site_url: str, statement) -> str:
    return f"{site_url}outcomes/{statement.outcome_id}/#{statement.anchor}"


def outcome_31(framework):
    return next(o for o in framework.current.outcomes if o.id == "3.1")


# -- 1. search by ID ----------------------------------------------------------


@pytest.mark.parametrize("item_id", ["3.2 D2", "4.2 K13", "6.2 D1"])
def test_search_by_id_shows_the_statement_first(page, site_url, framework, item_id):
    statement = framework.index[item_id]
    page.goto(site_url)
    search(page, item_id)
    top = page.locator(RESULT_ITEM).first
    expect(top).to_be_visible()
    # Material always heads a result with its page; the first link into the page must be the statement,
    # shown, not folded away under "N more on this page".
    first_section = top.locator(f"{RESULT_LINK}[href*='#']").first
    expect(first_section, f"top search result for {item_id!r} should lead to the statement").to_have_attribute(
        "href",
        re.compile(re.escape(f"/outcomes/{statement.outcome_id}/") + r"(\?[^#]*)?" + re.escape(f"#{statement.anchor}") + "$"),
        timeout=SHOWN,
    )
    expect(first_section, f"the statement {item_id} is folded under 'more on this page' in the top result").to_be_visible(timeout=SHOWN)


# -- 2. Enter on an exact ID jumps to it ------------------------------------


@pytest.mark.parametrize(("typed", "item_id"), [("3.2d2", "3.2 D2"), ("3.2-d2", "3.2 D2"), ("3.2 D2", "3.2 D2"), ("4.2 K13", "4.2 K13")])
def test_enter_on_an_id_jumps_to_the_statement(page, site_url, framework, typed, item_id):
    statement = framework.index[item_id]
    page.goto(site_url)
    search(page, typed)
    page.locator(SEARCH_INPUT).press("Enter")
    wait_for(page, statement_url(site_url, statement))
    heading = by_id(page, statement.anchor)
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text(item_id)
    text = page.locator(f'[id="{statement.anchor}"] .pqs-text')
    expect(text).to_be_visible()
    expect(text).to_contain_text(text_start(statement.text))


def test_enter_on_an_outcome_id_opens_the_outcome(page, site_url):
    page.goto(site_url)
    search(page, "3.2")
    page.locator(SEARCH_INPUT).press("Enter")
    wait_for(page, f"{site_url}outcomes/3.2/")
    expect(page.locator("h1")).to_contain_text("3.2")


def test_enter_on_an_unknown_id_stays_in_search(page, site_url):
    # Material's own Enter opens the best search hit; for an ID that does not exist the reader should
    # stay in the search (results, or "No matching documents"), not land on some page that mentions "D9".
    page.goto(site_url)
    search(page, "9.9 D9")
    page.locator(SEARCH_INPUT).press("Enter")
    note = page.locator("#pqs-search-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("9.9 D9 is not an ID of the Consultation draft (March 2025). There is no domain 9")
    page.wait_for_timeout(500)  # time enough for a wrong jump to start
    assert page.url == site_url
    expect(page.locator(SEARCH_INPUT)).to_have_value("9.9 D9")
    expect(page.locator(SEARCH_INPUT)).to_be_focused()


def test_an_id_under_a_real_outcome_is_not_recorded_here_not_wrong(page, site_url, framework):
    """The third state: 3.2 D1 is almost certainly in the official document; our record lacks it. The search says so, visibly."""
    page.goto(site_url)
    search(page, "3.2 d1")
    note = page.locator("#pqs-search-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("3.2 D1 is not recorded here. Outcome 3.2 exists")
    expect(note.get_by_role("link", name="Outcome 3.2")).to_have_attribute("href", f"{site_url}outcomes/3.2/")
    official = framework.current.provenance.source
    expect(note.get_by_role("link", name=official.title)).to_have_attribute("href", official.url)
    search(page, "3.2 D2")  # a recorded ID: no note
    expect(note).to_be_hidden()


def test_the_search_box_judges_an_id_as_the_checker_does(page, site_url, framework):
    """One judge of IDs: for every single ID of the shared table of cases, the search box's note is pqs-check's
    verdict (recorded: no note; not recorded here; cannot exist), in pqs-check's words."""
    from id_cases import CASES

    from macros.checker.judge import Judge
    from macros.checker.scan import Work, scan
    from macros.core import ids

    judge = Judge(framework, framework.current)
    queries, expected = [], []
    for text, column, refs in CASES:
        if column not in (None, "domains") or len(refs) != 1 or "\n" in text:
            continue
        canon = ids.canonical(text)
        if canon and canon in framework.index:
            want = None
        else:
            found = scan(text, "domains" if canon else None, Work())[0]
            if not found:
                continue
            v = judge.judge(found[0])
            want = (
                None
                if v.status == "ok"
                else ("not-recorded" if v.status == "not-recorded" else "unknown", v.message[:1].upper() + v.message[1:])
            )
        queries.append(text)
        expected.append(want)
    page.goto(site_url)
    notes = page.evaluate("qs => Promise.all(qs.map(q => window.PQS.noteFor(q)))", queries)
    got = [None if n is None else (n["kind"], n["text"]) for n in notes]
    differ = [
        (q, w, g)
        for q, w, g in zip(queries, expected, got, strict=True)
        if (w is None) != (g is None) or (w and (w[0] != g[0] or w[1] not in g[1]))
    ]
    assert len(queries) >= 30 and differ == []


# -- 3. search by words -------------------------------------------------------


def test_search_by_words_finds_statements(page, site_url):
    page.goto(site_url)
    search(page, "lead professional")
    # The one statement with the phrase "lead professional" is among the results Material shows.
    expect(page.locator(f"{RESULT_LINK}[href$='#6.2-D1']"), "no shown result for 'lead professional' leads to 6.2 D1").not_to_have_count(
        0, timeout=SHOWN
    )
    search(page, "triangulating")
    expect(page.locator(RESULT_LINK).filter(has_text=re.compile("triangulat", re.I))).not_to_have_count(0)
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")
    assert any(urlsplit(h).path == "/outcomes/3.1/" for h in hrefs), hrefs


# -- 4. permalinks --------------------------------------------------------------


# Every item's permalink target is checked over the HTML (tests/test_site.py) and every redirect too
# (tests/test_gates.py); here a reader's browser follows a sample: each kind, and the IDs the README names.
PERMALINK_SAMPLE = ("1", "3.2", "3.2 D2", "4.2 K13", "6.2 D1", "6.4")


def test_permalinks_land_on_their_items(page, site_url, framework):
    assert {ids.kind_of(i) for i in PERMALINK_SAMPLE} == {ids.kind_of(i) for i in framework.index}
    # Only the HTML matters here (redirect, then the item's text): skip stylesheets and scripts.
    page.context.route(re.compile(r"\.(css|js|json|png|svg|ico)(\?.*)?$"), lambda route: route.abort())
    problems = []
    for item_id in PERMALINK_SAMPLE:
        page.goto(f"{site_url}id/{ids.slug(item_id)}/", wait_until="commit")
        problem = permalink_problem(page, site_url, item_id, framework.index[item_id])
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems)


def permalink_problem(tab: Page, site_url: str, item_id: str, item) -> str | None:
    """Why the tab that opened id/<slug>/ is not showing the item, or None."""
    page, anchor, wanted = sitecheck.permalink_target(ids.kind_of(item_id), item_id, item)
    expected = site_url + page + (f"#{anchor}" if anchor else "")
    try:
        tab.wait_for_url(lambda actual: actual == expected, wait_until="domcontentloaded", timeout=3_000)
    except PlaywrightError:
        return f"id/{ids.slug(item_id)}/ went to {tab.url}, not {expected}"
    shown = tab.locator(f'[id="{anchor}"] .pqs-text' if anchor else "h1")
    actual = " ".join(shown.first.inner_text().split()) if shown.count() else "(nothing)"
    if not sitecheck.shows(actual, wanted):
        return f"{expected} shows {actual[:80]!r}, not {wanted!r}"
    return None


def test_permalink_with_a_query_string_still_reaches_the_statement(page, site_url, framework):
    """Links pasted into emails and chats often gain ?utm_… parameters; the anchor must survive."""
    statement = framework.index["3.2 D2"]
    page.goto(f"{site_url}id/3.2-D2/?utm_source=newsletter")
    page.wait_for_url(re.compile(r"/outcomes/3\.2/"))
    page.wait_for_load_state()
    final = urlsplit(page.url)
    assert (final.path, final.fragment) == ("/outcomes/3.2/", statement.anchor), page.url
    expect(by_id(page, statement.anchor)).to_be_in_viewport()


def test_permalink_works_without_javascript(new_page, site_url, framework):
    page = new_page(java_script_enabled=False)
    statement = framework.index["4.2 K13"]
    page.goto(f"{site_url}id/4.2-K13/")
    wait_for(page, statement_url(site_url, statement))
    expect(page.locator(f'[id="{statement.anchor}"] .pqs-text')).to_contain_text(text_start(statement.text))


# -- 5. copy-link button ------------------------------------------------------


def test_copy_link_button(new_page, site_url):
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(f"{site_url}outcomes/3.2/")
    page.evaluate("navigator.clipboard.writeText('nothing copied yet')")
    permalink = page.locator('a[data-pqs-copy="3.2 D2"]')
    expect(page.get_by_role("button", name="Copy link to 3.2 D2")).to_be_visible()
    button = permalink.locator("xpath=following-sibling::button[1]")  # its label changes once clicked
    expect(button).to_have_accessible_name("Copy link to 3.2 D2")
    expect(button).to_have_text("Copy link")
    # Keyboard: the next Tab stop after the permalink is its copy button.
    permalink.focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    button.click()
    expect(button).to_have_text("Copied")
    # It copies the edition's own permalink, which never changes meaning.
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}draft-2025/3.2-D2/"


# -- 6-7. phone width and dark mode ---------------------------------------------


def test_outcome_page_fits_a_phone(new_page, site_url, framework):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{site_url}outcomes/3.1/")
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})")
    assert widths["scroll"] <= widths["client"], f"horizontal scroll at 375px: {widths}"
    statement = outcome_31(framework).statements[0]
    text = page.locator(f'[id="{statement.anchor}"] .pqs-text')
    text.scroll_into_view_if_needed()
    expect(text).to_be_visible()
    expect(text).to_contain_text(text_start(statement.text))
    box = text.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    shot(page, "outcome-3.1-phone")


@pytest.mark.parametrize("outcome_id", ["3.2", "3.1", "6.2"])
def test_on_a_phone_the_first_statement_is_on_the_first_screen(new_page, site_url, framework, outcome_id):
    """An outcome page says once how much is recorded and goes straight to the statements."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
    page.goto(f"{site_url}outcomes/{outcome_id}/")
    first = framework.index[outcome_id].statements[0]
    box = by_id(page, first.anchor).bounding_box()
    assert box is not None and box["y"] + 24 < 844, f"{first.anchor} starts at {box and box['y']} px, below the first screen"
    shot(page, f"outcome-{outcome_id}-phone-first-screen")


def test_the_statement_a_permalink_lands_on_stands_out(new_page, site_url):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{site_url}draft-2025/3.2-D2/")
    wait_for(page, f"{site_url}outcomes/3.2/#3.2-D2")
    heading = by_id(page, "3.2-D2")
    expect(heading).to_be_in_viewport()
    landed = heading.evaluate("h => getComputedStyle(h).outlineStyle")
    other = by_id(page, "3.2").evaluate("h => getComputedStyle(h).outlineStyle")
    assert (landed, other) == ("solid", "none")


def test_a_slip_in_the_source_is_marked_as_such_and_quoted_whole(page, site_url, framework):
    page.goto(f"{site_url}outcomes/4.2/")
    mark = page.locator("h1 .pqs-sic-mark")
    expect(mark).to_have_text("[sic]")
    expect(mark).to_have_attribute("title", re.compile("So in the source"))
    expect(page.locator("h1 .pqs-sic")).to_have_text("Delivers and facilitate")
    assert (
        page.locator("h1")
        .inner_text()
        .replace("[sic]", "")
        .replace("  ", " ")
        .startswith("4.2 " + framework.index["4.2"].text.rstrip(".")[:30])
    )


@pytest.mark.parametrize(("scheme", "palette"), [("dark", "slate"), ("light", "default")])
def test_colour_scheme_follows_the_reader(new_page, site_url, scheme, palette):
    page = new_page(color_scheme=scheme)
    page.goto(site_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    shot(page, f"home-{scheme}")
    page.goto(f"{site_url}outcomes/3.1/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    shot(page, f"outcome-3.1-{scheme}")


# -- 8. no third-party requests ---------------------------------------------------


def test_no_third_party_requests(new_page, site_url):
    page = new_page(fresh_context=True)  # a cold cache, and a listener on the context: every request is seen
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    page.goto(f"{site_url}outcomes/3.1/")
    search(page, "lead professional")
    expect(page.locator(RESULT_ITEM)).not_to_have_count(0)
    page.wait_for_load_state("networkidle")
    origin = site_url.rstrip("/")
    foreign = [url for url in requests if not (url.startswith(f"{origin}/") or url.startswith(("data:", "blob:")))]
    assert not foreign, foreign
    assert any(url.endswith("/search/search_index.json") for url in requests), requests  # the search was recorded too


@pytest.mark.parametrize("width", [390, 1366, 1920])
def test_the_crosswalk_picture_shows_every_column_and_its_caption_without_scrolling(new_page, site_url, framework, width):
    """The KSS-to-draft matrix fits its column on a phone and a wide screen alike; nothing hides
    behind a scroll, and the numbered columns are named in the key below it."""
    from macros.routes import Routes

    page = new_page(viewport={"width": width, "height": 900})
    crosswalk = framework.crosswalks[0]
    page.goto(f"{site_url}{Routes.changes(crosswalk.key).url}")
    table = page.locator("table.pqs-matrix")
    wrap = page.locator(".pqs-matrix-wrap").filter(has=table)
    expect(wrap).to_have_count(1)
    wrap.scroll_into_view_if_needed()
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    box = wrap.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    expect(table.locator("caption")).to_be_visible()
    domains = framework.current.domains
    for d in domains:
        header = table.get_by_role("columnheader", name=f"Domain {d.id}", exact=True)
        expect(header).to_be_in_viewport()
        expect(page.locator(".pqs-matrix-key").get_by_role("link", name=f"Domain {d.id}", exact=True)).to_be_visible()
        expect(page.locator(".pqs-matrix-key")).to_contain_text(d.title)


@pytest.mark.parametrize("path", ["changes/kss-to-draft-2025/", "guidance/example-programme/", "maintainers/"])
def test_on_a_phone_every_box_that_scrolls_sideways_shows_it_and_takes_the_keyboard(new_page, site_url, path):
    """A table, matrix or code block wider than a phone scrolls inside the page: an edge shadow says so, and it is a
    named region that Tab reaches (the arrow keys then scroll it)."""
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + path)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset .md-typeset__scrollwrap, .md-typeset pre > code, .md-typeset .pqs-matrix-wrap, .md-typeset .pqs-table-wrap')]
             .filter(e => e.scrollWidth > e.clientWidth + 1)
             .map(e => ({shadow: getComputedStyle(e).backgroundImage, tab: e.tabIndex, role: e.getAttribute('role'), name: e.getAttribute('aria-label') || ''}))"""
    )
    assert wide, f"nothing on {path} is wider than a phone: the test checks nothing"
    for box in wide:
        assert box["shadow"].count("linear-gradient") == 4, box
        assert box["tab"] == 0 and box["role"] == "region" and box["name"].strip(), box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself never scrolls sideways


def test_on_a_phone_a_report_link_is_a_target_of_24_pixels_and_maintainers_notes_stay_folded(new_page, pages_site):
    """As published (with a repository): each 'Report a problem' link is at least 24 by 24 CSS pixels (WCAG 2.2,
    2.5.8), there is no pencil icon, and where a page comes from is folded under 'For maintainers'."""
    page = new_page(viewport={"width": 390, "height": 844})
    for path in ("outcomes/3.2/", "about/"):
        page.goto(pages_site.base + path)
        reports = page.locator("a.pqs-report")
        for i in range(reports.count()):
            box = reports.nth(i).bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, (path, box)
        expect(page.locator(".md-content__button")).to_have_count(0)
        note = page.locator("details.pqs-generated")
        expect(note).to_have_count(1 if path.startswith("outcomes/") else 0)  # a generated page says where it comes from
        if path.startswith("outcomes/"):
            expect(note.locator("summary")).to_have_text("For maintainers")
            expect(note.get_by_role("link", name="edit on the repository")).to_be_hidden()  # folded
            assert reports.count() >= 2
