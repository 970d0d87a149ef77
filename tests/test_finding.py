"""Finding things: a mistyped address and the search box, in headless Chromium.

- The 404 page (overrides/404.html, docs/assets/javascripts/pqs-404.js) reads the address that was not
  found. The site is built for a sub-path (/pqs/) and served as GitHub Pages serves it: 404.html, with
  status 404, for any missing path. An ID in any usual form and case goes to its place; an ID under a
  real outcome that is not recorded here says so, with the official document and the outcome's page;
  an ID that cannot exist gets the nearest IDs; anything else keeps the page's own words.
- Search: an ID typed as 3.2D2, 3.2d2 or 3.2-d2 lists the statement itself; words in brackets,
  such as (ASYE) and (SWIP), are found (the search separator in mkdocs.yml).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from macros.checker.judge import official_links

SEARCH_INPUT = "[data-md-component=search-query]"
RESULT_ITEM = ".md-search-result__item"
RESULT_LINK = ".md-search-result__link"


def stays(page: Page, base: str, path: str) -> None:
    """Open base + path, a missing page, and wait until the 404 page has said what it says about it."""
    response = page.goto(base + path)
    assert response is not None and response.status == 404
    page.wait_for_selector("#pqs-404-title[data-done=yes]", state="attached")
    assert page.url == base + path


@pytest.mark.parametrize(
    ("path", "goes_to"),
    [
        ("id/3.2-d2/", "outcomes/3.2/#3.2-D2"),
        ("id/3.2d2", "outcomes/3.2/#3.2-D2"),
        ("ID/3.2-D2/", "outcomes/3.2/#3.2-D2"),
        ("id/3.2 d2/", "outcomes/3.2/#3.2-D2"),
        ("id/3.2_D2/index.html", "outcomes/3.2/#3.2-D2"),
        ("outcomes/3.2-d2/", "outcomes/3.2/#3.2-D2"),
        ("outcomes/4.2K13/", "outcomes/4.2/#4.2-K13"),
        ("OUTCOMES/3.2/", "outcomes/3.2/"),
        ("Domains/3/", "domains/3/"),
        ("{edition}/3.2-d2/", "outcomes/3.2/#3.2-D2"),
        ("{EDITION}/6.2D1", "outcomes/6.2/#6.2-D1"),
    ],
)
def test_a_mistyped_id_goes_to_its_place(page, pages_site, framework, path, goes_to):
    key = framework.current.key
    page.goto(pages_site.base + path.format(edition=key, EDITION=key.upper()))
    page.wait_for_url(pages_site.base + goes_to)
    anchor = goes_to.partition("#")[2]
    if anchor:
        expect(page.locator(f'[id="{anchor}"]')).to_be_in_viewport()


@pytest.mark.parametrize(("path", "item"), [("id/3.2-d1/", "3.2 D1"), ("outcomes/3.2D1", "3.2 D1"), ("id/1.1-K1/", "1.1 K1")])
def test_an_id_not_recorded_here_points_to_the_official_document(page, pages_site, framework, path, item):
    stays(page, pages_site.base, path)  # there is nowhere on this site to go
    outcome = item.split(" ")[0]
    expect(page.locator("h1")).to_have_text(f"{item} is not recorded here")
    expect(page.locator("#pqs-404-message")).to_contain_text(f"{item} is not recorded here: see the official document")
    links = page.locator("#pqs-404-next a")
    want = [url for _title, url in official_links(framework, framework.current)] + [f"{pages_site.base}outcomes/{outcome}/"]
    expect(links).to_have_count(len(want))
    assert [links.nth(i).get_attribute("href") for i in range(len(want))] == want
    assert "not recorded here" in page.title()


@pytest.mark.parametrize(
    ("path", "heading", "reason", "nearest"),
    [
        ("id/7.1/", "No such ID: 7.1", "there is no domain 7 (domains run from 1 to 6)", ["6.1", "5.1", "4.1"]),
        ("id/3.9/", "No such ID: 3.9", "domain 3 has outcomes 3.1 to 3.3; there is no 3.9", ["3.3", "3.2", "3.1"]),
        ("id/3.2-dd2/", "No such ID: 3.2-dd2", "a statement ID is", ["3.2 D2", "3.2"]),
        ("domains/9/", "No such ID: 9", "there is no domain 9", ["6"]),
        ("id/3.2x/", "No such ID: 3.2x", "an ID ends with its number", ["3.2", "3.1", "3.3"]),
    ],
)
def test_an_id_that_cannot_exist_offers_the_nearest(page, pages_site, path, heading, reason, nearest):
    stays(page, pages_site.base, path)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("#pqs-404-message")).to_contain_text(reason)
    links = page.locator("#pqs-404-next a")
    expect(links).to_have_text(nearest)
    links.first.click()
    page.wait_for_url(re.compile(re.escape(pages_site.base) + r"(outcomes|domains)/"))
    expect(page.locator("article h1")).to_contain_text(nearest[0].split(" ")[0])


def test_an_address_that_is_no_id_keeps_the_pages_own_help(page, pages_site):
    for path in ("no/such/page/", "id/nothing/", "about/v3.2/"):
        stays(page, pages_site.base, path)
        expect(page.locator("h1")).to_have_text("Page not found")
        expect(page.get_by_role("link", name="Every ID and its permalinks")).to_have_attribute("href", "/pqs/id/")
        expect(page.locator("#pqs-404-next")).to_have_count(0)


def test_the_404_page_at_its_own_address_reads_no_id_in_it(page, pages_site):
    """/404.html, opened directly (as Lighthouse measures it), is not "domain 404"."""
    response = page.goto(pages_site.base + "404.html")
    assert response is not None and response.status == 200
    page.wait_for_selector("#pqs-404-title[data-done=yes]", state="attached")
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("#pqs-404-next")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_with_its_message_passes_axe(new_page, pages_site, scheme):
    from test_gates import AXE_JS, AXE_RUN_JS, NO_TRANSITIONS, SCHEMES, SWITCH_JS, WCAG_TAGS

    page = new_page(color_scheme=scheme, bypass_csp=True)  # axe is injected
    for path in ("id/3.2-d1/", "id/7.1/"):
        stays(page, pages_site.base, path)
        page.add_style_tag(content=NO_TRANSITIONS)
        assert page.evaluate(SWITCH_JS, SCHEMES[scheme]) == SCHEMES[scheme]
        page.add_script_tag(path=str(AXE_JS))
        assert page.evaluate(AXE_RUN_JS, WCAG_TAGS) == [], path


# -- search ------------------------------------------------------------------------------------------


def search(page: Page, query: str) -> None:
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the box on keyup
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile(r"^\s*(Type to start searching|Initializing search)", re.I))


@pytest.mark.parametrize("typed", ["3.2D2", "3.2d2", "3.2-d2", "3.2 D2", "4.2k13"])
def test_an_id_typed_any_usual_way_lists_the_statement(page, site_url, framework, typed):
    item_id = re.sub(r"^(\d+\.\d+)[- ]?([kd])", lambda m: f"{m.group(1)} {m.group(2).upper()}", typed, flags=re.I)
    statement = framework.index[item_id]
    page.goto(site_url)
    search(page, typed)
    link = page.locator(f"{RESULT_LINK}[href$='#{statement.anchor}']").first
    expect(link, f"{typed!r} should list {item_id} itself").to_be_visible()
    expect(link).to_contain_text(" ".join(statement.text.split()[:4]))


@pytest.mark.parametrize(("word", "where"), [("ASYE", "about/"), ("SWIP", "about/"), ("asye", "guidance/remapping/")])
def test_words_in_brackets_are_found(page, site_url, word, where):
    page.goto(site_url)
    search(page, word)
    expect(page.locator(RESULT_ITEM).first).to_be_visible()
    expect(page.locator(f"{RESULT_LINK}[href*='/{where}']").first).to_be_attached()
    marked = page.locator(".md-search-result mark", has_text=re.compile(f"^{word}$", re.I)).first
    expect(marked).to_be_visible()


@pytest.mark.parametrize("term", ["SWIP", "ASYE", "ECDP"])
def test_searching_a_term_leads_with_its_glossary_entry_and_no_link_carries_an_empty_highlight(page, site_url, framework, term):
    entry = next(t for t in framework.glossary if t.term == term)
    page.goto(site_url)
    search(page, term)
    first_section = page.locator(f"{RESULT_LINK}[href*='#']").first
    expect(first_section).to_have_attribute("href", re.compile(f"glossary/.*#{entry.anchor}$"))
    expect(first_section).to_contain_text(" ".join(entry.stands_for.split()))
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if re.search(r"[?&]h=(#|&|$)", h)], hrefs


def test_the_timeline_is_found_as_dated_facts_without_its_sources(built_site, framework):
    """Search reads the timeline's dates and facts; the sources' long titles (kept on the page) would bury them."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    section = next(d for d in index if d["location"].endswith("#which-standard-applies-when"))
    for event in framework.timeline:
        assert " ".join(event.text.split()) in section["text"]
        source = event.provenance.source
        assert f"{source.publisher}, {source.title}" not in section["text"]


def test_every_id_in_the_list_of_ids_stays_on_one_line_on_a_phone(new_page, site_url):
    """/id/ at 390 px: "2.5 D4" is one word in its cell, never "2.5" above "D4"."""
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "id/")
    links = page.locator('.pqs-id-table th[scope="row"] a')
    expect(links.first).to_be_visible()
    lines = links.evaluate_all("links => links.map(a => [a.textContent, a.getClientRects().length])")
    assert any(" " in text for text, _ in lines), "the list has statement IDs"
    assert [text for text, count in lines if count != 1] == []
