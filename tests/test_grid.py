"""Seeing the whole: the framework grid on the home page (and, shaded, on the checker's page).

The grid is one template (macros/render/templates/parts/framework-grid.html) rendered from the data:
a column per domain (a row on a phone), a large link per outcome with its ID, its words cut short
and how much of it is recorded here. The checker's page shades the same grid (tests of that page are
in test_tools_browser.py; of the picture pqs-check draws, in test_picture.py). Here: the grid's words
come from the data and show as text, it fits one screen at 1366 by 768 and reflows at 390 and 320
pixels, light and dark.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from macros.checker import heatmap
from macros.core import loader
from macros.render import Renderer
from macros.render.context import distinct_words
from macros.render.parts import GRID_TEXT_CHARS, framework_grid, framework_overview, heat_map_data
from macros.render.templating import truncate
from macros.routes import Page as SitePage

SCHEMA = ROOT / "data" / "pqs.schema.json"


# -- the grid's words, from the data ---------------------------------------------------------------


def cells(html: str) -> dict[str, dict[str, str]]:
    """{outcome ID: {"href", "text", "count", "class"}} from a rendered grid."""
    found = {}
    for m in re.finditer(r'<a class="([^"]*)" href="([^"]*)" data-outcome="([^"]*)"[^>]*>(.*?)</a>', html):
        spans = dict(re.findall(r'<span class="pqs-grid-(\w+)">(.*?)</span>', m.group(4)))
        found[m.group(3)] = {"class": m.group(1), "href": m.group(2), "text": unescape(spans["text"]), "count": spans["count"]}
    return found


def test_the_home_grid_has_every_outcome_with_what_is_recorded_of_it(framework):
    html = str(framework_overview(Renderer(framework), SitePage("index.md")))
    grid = cells(html)
    assert list(grid) == [o.id for o in framework.current.outcomes]
    for o in framework.current.outcomes:
        cell = grid[o.id]
        assert cell["href"] == f"outcomes/{o.id}/"
        assert cell["text"] == distinct_words(framework.current.outcomes, GRID_TEXT_CHARS)[id(o)]  # cut short, a slip marked [sic]
        assert "[sic]" in cell["text"] if any(slip in cell["text"] for slip in o.sic) else "[sic]" not in cell["text"]
        assert f"pqs-cov-{o.coverage}" in cell["class"]
    # The words say what the data says: nothing, or how many of a partial record.
    edition = framework.current
    for o in edition.outcomes:
        n = len(o.statements)
        assert grid[o.id]["count"] == (
            "none recorded" if not n else f"{n} recorded" if o.coverage != "complete" else f"{n} of {n} recorded"
        )
    assert {"none recorded"} < {c["count"] for c in grid.values()}  # both kinds are on the real grid
    n = len(edition.statements)
    assert f"{len(edition.domains)} domains · {len(edition.outcomes)} outcomes · {n} knows and does statements recorded" in html
    tally = edition.statement_counts
    if tally and tally.knows:  # where the data gives the edition's total of knows statements, with a source for it
        assert f"has {tally.knows} knows statements in all, according to {tally.provenance.source.publisher}." in html
    else:
        assert "in all, according to" not in html
    for d in framework.current.domains:
        assert f'id="domain-{d.id}"><a href="domains/{d.id}/">' in html  # the old anchors (/#domain-3) still land


@given(
    st.lists(
        st.lists(st.sampled_from(["build", "and", "maintain", "relationships", "with", "children", "parents"]), min_size=1, max_size=14),
        min_size=2,
        max_size=8,
        unique_by=tuple,
    )
)
def test_cut_words_still_tell_outcomes_apart(word_lists):
    """However long the words two outcomes share, their cells differ, and no cell is longer than the limit needs."""
    from types import SimpleNamespace

    items = [SimpleNamespace(text=" ".join(words), id=str(i)) for i, words in enumerate(word_lists)]
    shorts = distinct_words(items, 20)  # type: ignore[arg-type]
    cut = [shorts[id(i)].rstrip("…") for i in items]
    assert len(set(cut)) == len(cut) or len({tuple(w) for w in word_lists}) < len(word_lists)
    for item, words in zip(items, word_lists, strict=True):
        assert item.text.startswith(shorts[id(item)].rstrip("…"))
        if len(shorts[id(item)]) > 21:  # longer than the limit: only to reach the words that differ
            others = [w for w in word_lists if w is not words]
            n = len(shorts[id(item)].rstrip("…").split())
            assert any(o[: n - 1] == words[: n - 1] for o in others)


def test_a_complete_record_says_how_many_of_how_many(tmp_path):
    """An outcome whose every statement is recorded says "2 of 2 recorded"; the counts come from the data."""
    text = (FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8")
    data = tmp_path / "pqs.yaml"
    data.write_text(text.replace("coverage: partial", "coverage: complete", 1), encoding="utf-8")
    fw = loader.load(data, "pqs.yaml", SCHEMA)
    grid = cells(str(framework_overview(Renderer(fw), SitePage("index.md"))))
    assert {k: v["count"] for k, v in grid.items()} == {"1.1": "2 of 2 recorded", "1.2": "none recorded", "2.1": "2 recorded"}


def test_markup_in_the_data_shows_as_text_in_both_grids(tmp_path):
    hostile = '<img src=x onerror=alert(1)> & "quotes" {{ 7 * 7 }} *stars* %C:1.1%'
    text = (FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8")
    data = tmp_path / "pqs.yaml"
    data.write_text(text.replace("text: Do the first invented thing.", f"text: '{hostile}'"), encoding="utf-8")
    fw = loader.load(data, "pqs.yaml", SCHEMA)
    r = Renderer(fw)
    for html in (str(framework_overview(r, SitePage("index.md"))), str(framework_grid(r, SitePage("check.md")))):
        assert "<img" not in html
        grid = cells(html)
        assert grid["1.1"]["text"] == truncate(hostile, GRID_TEXT_CHARS)
    # The picture's drawing, for the page script, is a JSON file of its own, not part of the page: the
    # outcome's text is in it escaped for SVG (a % too), and the page says where it is.
    assert 'data-heat="../assets/pqs-heat-map.json"' in str(framework_grid(r, SitePage("check.md")))
    drawing = json.loads(heat_map_data(r))
    for line in heatmap._lines(hostile, heatmap.TEXT_CHARS, heatmap.TEXT_LINES):
        assert heatmap.text(line) in drawing["svg"]


# -- the home page in a browser: one screen wide, reflowing on a phone, light and dark --------------------

HEADER = ".md-header"
GRID = "#pqs-grid"

BOXES_JS = """(sel) => {
  const grid = document.querySelector(sel);
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {
    grid: box(grid),
    domains: [...grid.querySelectorAll(".pqs-grid-domain")].map(box),
    cells: [...grid.querySelectorAll("a.pqs-grid-cell")].map(box),
    header: box(document.querySelector(".md-header")),
    page: document.documentElement.scrollWidth,
  };
}"""


def boxes(page: Page, selector: str = GRID) -> dict:
    page.locator(selector).scroll_into_view_if_needed()
    return page.evaluate(BOXES_JS, selector)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_grid_fits_one_screen_at_1366_by_768(new_page, site_url, framework, scheme):
    page = new_page(viewport={"width": 1366, "height": 768}, color_scheme=scheme)
    page.goto(site_url)
    b = boxes(page)
    domains = framework.current.domains
    assert len(b["cells"]) == len(framework.current.outcomes)
    # A column per domain, side by side, and the whole grid within one screen below the header.
    assert len({round(d["x"]) for d in b["domains"]}) == len(domains)
    assert len({round(d["y"]) for d in b["domains"]}) == 1
    assert b["grid"]["h"] <= 768 - b["header"]["h"], b["grid"]
    assert b["grid"]["x"] + b["grid"]["w"] <= 1366 and b["page"] == 1366
    # Every outcome a large target (WCAG 2.5.8 asks 24 by 24; we give at least 44 by 44).
    assert min(c["w"] for c in b["cells"]) >= 44 and min(c["h"] for c in b["cells"]) >= 44
    # In each domain's column, its outcomes in order, one under another.
    first = page.locator(f"{GRID} a.pqs-grid-cell").first
    expect(first).to_have_attribute("href", re.compile(r"outcomes/1\.1/$"))
    expect(first).to_contain_text(framework.current.outcomes[0].id)
    shot(page, f"home-grid-1366-{scheme}")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 320])
def test_the_grid_reflows_on_a_phone(new_page, site_url, framework, width, scheme):
    page = new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page.goto(site_url)
    b = boxes(page)
    assert b["page"] <= width, "the page scrolls sideways"
    # A row per domain: every domain the full width of the grid, one under another.
    assert {round(d["x"]) for d in b["domains"]} == {round(b["grid"]["x"])}
    assert all(abs(d["w"] - b["grid"]["w"]) < 1 for d in b["domains"])
    assert [d["y"] for d in b["domains"]] == sorted(d["y"] for d in b["domains"])
    assert all(c["x"] >= 0 and c["x"] + c["w"] <= width for c in b["cells"])
    assert min(c["w"] for c in b["cells"]) >= 44 and min(c["h"] for c in b["cells"]) >= 44
    shot(page, f"home-grid-{width}-{scheme}")


CLIPPED_JS = """sel => [...document.querySelectorAll(sel + ' .pqs-grid-text')]
    .filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.textContent)"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390, 320])
def test_the_home_grid_shows_each_outcome_words_up_to_what_tells_them_apart(new_page, site_url, width):
    """No cell's words are cut further by the screen than the build cut them, and the build never cuts
    before the words that tell two outcomes apart (2.3, 2.4 and 2.5 differ only in their last word)."""
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(site_url)
    assert page.evaluate(CLIPPED_JS, GRID) == []
    texts = page.locator(f"{GRID} .pqs-grid-text").all_inner_texts()
    assert len(set(texts)) == len(texts), "two outcomes read the same in the grid"


@pytest.mark.browser
def test_the_home_grid_starts_on_the_first_desktop_screen(new_page, site_url):
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto(site_url)
    first_row = page.evaluate(f"[...document.querySelectorAll('{GRID} li:first-child a')].map(a => a.getBoundingClientRect().bottom)")
    assert max(first_row) <= 900, "the grid's first row of outcomes is not whole on the first screen"


@pytest.mark.browser
@pytest.mark.parametrize("outcome_id", ["3.1", "3.2"])
def test_an_outcome_first_statement_starts_on_the_first_phone_screen(new_page, site_url, outcome_id):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{site_url}outcomes/{outcome_id}/")
    top = page.evaluate("document.querySelector('article h3 .pqs-id').getBoundingClientRect().top")
    assert top <= 844 - 3 * 24, f"the first statement starts {top:.0f} px down"


@pytest.mark.browser
def test_a_cell_opens_its_outcome_and_shows_its_full_words(page, site_url, framework):
    outcome = framework.index["4.2"]
    page.goto(site_url)
    cell = page.locator(f'{GRID} a[data-outcome="{outcome.id}"]')
    expect(cell).to_contain_text(outcome.id)
    cell.click()
    page.wait_for_url(f"{site_url}outcomes/{outcome.id}/")
    heading = " ".join(page.locator("article h1").inner_text().replace("[sic]", "").split())  # a slip is marked
    assert outcome.text in heading


def shot(page: Page, name: str) -> None:
    import os

    folder = os.environ.get("PQS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
