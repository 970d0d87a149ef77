"""The tools for people who cite the standards, in headless Chromium: the checker page, the Cite button, the print page.

The checker's engine is compared with pqs-check answer for answer in Node
(test_checker_engines.py); here the page itself is driven: the form, the worker,
the progress bar, the lazy download of the data, the lists and the grid.
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from macros.checker import rules

# -- in the browser -------------------------------------------------------------------------------


def browser_test(test: Callable | None = None, *, bypass_csp: bool = False, fresh_context: bool = False) -> Callable:
    """A test that takes a ``page``: it gets a new one from the run's Chromium (conftest.new_page), and fails if
    the page throws an error it does not catch.

    ``@browser_test(bypass_csp=True)``: for a test that injects a script or a style of its own (axe),
    which the site's content security policy would refuse. ``fresh_context=True``: a context of the test's own."""
    if test is None:
        return functools.partial(browser_test, bypass_csp=bypass_csp, fresh_context=fresh_context)
    signature = inspect.signature(test)

    @functools.wraps(test)
    def run(new_page, **fixtures) -> None:
        page = new_page(accept_downloads=True, bypass_csp=bypass_csp, fresh_context=fresh_context)
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        test(page=page, **fixtures)
        assert not errors, errors

    others = [p for p in signature.parameters.values() if p.name != "page"]
    run.__signature__ = signature.replace(parameters=[inspect.Parameter("new_page", inspect.Parameter.POSITIONAL_OR_KEYWORD), *others])
    return run


def open_checker(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}check/")
    expect(page.locator("#pqs-check")).to_have_attribute("data-ready", "true")


def data_requests(requests: list[str]) -> list[str]:
    return [r for r in requests if r.endswith("/exports/pqs.json")]


MODULE_CSV = """\
Module,Hours,PQS IDs
Assessment skills,2.5,"3.1, 3.2 D2"
Working with families,3,"2.4, 2.5 D4, 7.1"
Leading meetings,1.5,6.2 D1; 3.2 X2
Endings,1,4.2 K1
"""


@browser_test
def test_checking_a_chosen_file(page, site_url, tmp_path, framework):
    path = tmp_path / "modules.csv"
    path.write_text(MODULE_CSV, encoding="utf-8")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.url}"))
    open_checker(page, site_url)
    assert data_requests(requests) == []  # the list of IDs is fetched on the first check, not on page load
    page.get_by_label("Or choose a file").set_input_files(str(path))
    status = page.get_by_role("status")
    expect(status).to_contain_text("Checked the file modules.csv: 4 lines, 2 IDs to correct, 1 ID not recorded here, 5 valid references.")
    expect(status).to_contain_text(
        "Your list cites 3 of 6 domains, 5 of 26 outcomes, 0 of 2 recorded knows statements and 3 of 4 recorded does statements."
    )
    assert len(data_requests(requests)) == 1
    problems = page.locator("#pqs-check-problems li")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_have_text(
        "Line 3 (Working with families), column PQS IDs: unknown ID 7.1: there is no domain 7 (domains run from 1 to 6). Nearest: 6.1, 5.1, 4.1."
    )
    expect(problems.nth(1)).to_contain_text("Line 4 (Leading meetings), column PQS IDs: malformed ID 3.2 X2")
    expect(problems.nth(1).get_by_role("link", name="3.2 D2")).to_have_attribute("href", f"{site_url}outcomes/3.2/#3.2-D2")
    # A statement of a real outcome that this site does not record: in a list of its own, with the official document.
    unrecorded = page.get_by_role("list", name="Not recorded here: check the official document")
    expect(unrecorded).to_be_visible()
    expect(unrecorded.locator("li")).to_have_text(
        [re.compile(r"^Line 5 \(Endings\), column PQS IDs: not-recorded ID 4\.2 K1: outcome 4\.2 exists, .*see the official document\.")]
    )
    official = page.locator("#pqs-check-official a").first
    expect(official).to_have_attribute("href", framework.current.provenance.source.url)
    # The grid: a real table, 6 domain rows and 26 outcome rows, knows and does apart.
    grid = page.get_by_role("table", name=re.compile("Which domains and outcomes your list cites"))
    expect(grid.locator("tbody th[scope=colgroup]")).to_have_count(6)
    expect(grid.locator("tbody th[scope=row]")).to_have_count(len(framework.current.outcomes))
    row = grid.locator('tr[data-outcome="3.2"]')
    expect(row.locator("td")).to_have_text(["Yes", "0", "none recorded", "1 of 1 recorded", "Assessment skills"])
    expect(grid.locator('tr[data-outcome="4.2"] td')).to_have_text(["No", "0", "0 of 1 recorded", "none recorded", ""])
    expect(grid.locator('tr[data-outcome="3.1"] td').first).to_have_text("Yes")
    expect(grid.locator("#pqs-check-domain-1")).to_contain_text("Domain 1: Anti-discriminatory practice (0 of 4 outcomes cited)")
    # The grid as CSV, made in the browser.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the coverage grid (CSV)").click()
    download = info.value
    assert download.suggested_filename == "pqs-coverage.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == rules.CSV_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert (by_id["3.2 D2"]["cited"], by_id["3.2 D2"]["where"]) == ("yes", "Assessment skills")
    assert (by_id["2.5"]["does_cited"], by_id["2.5"]["where"]) == ("1", "Working with families")
    assert by_id["1.1"]["cited"] == "no" and "7.1" not in by_id
    # A second check does not fetch the list again; nothing was sent anywhere and no request carried data.
    page.get_by_label("Or choose a file").set_input_files(str(path))
    expect(status).to_contain_text("Checked the file modules.csv")
    assert len(data_requests(requests)) == 1
    assert [r for r in requests if not r.startswith(f"GET {site_url}")] == []
    assert not [r for r in requests if "modules" in r or "?" in r]


@browser_test
def test_pasted_text_with_the_keyboard_only(page, site_url):
    open_checker(page, site_url)
    box = page.get_by_label("Your list")
    box.focus()
    page.keyboard.type("Assessment skills: PQS 3.1, 3.2 D9\nFamilies - PQS 2.4 and 2.5 DD4\nMisc 3.3\n")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check the list")).to_be_focused()
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Checked your pasted list: 3 lines, 1 ID to correct, 1 ID not recorded here, 2 valid references.")
    expect(page.locator("#pqs-check-problems li")).to_have_text(
        [re.compile(r"^Line 2 \(Families\): malformed ID 2\.5 DD4: a statement ID is .* Nearest: 2\.5 D4, 2\.5\.$")]
    )
    expect(page.locator("#pqs-check-unrecorded-list li")).to_have_text(
        [re.compile(r"^Line 1 \(Assessment skills\): not-recorded ID 3\.2 D9: .* Nearest: 3\.2 D2, 3\.2\.$")]
    )
    expect(page.locator("#pqs-check-notes li")).to_have_text(
        ["Line 3 (Misc 3.3): 3.3 was not counted. If it is a PQS outcome, write PQS 3.3 or put it in a column headed PQS."]
    )
    expect(page.locator('tr[data-outcome="2.4"] td').last).to_have_text("Families")


@browser_test
def test_a_one_line_paste_is_checked_not_taken_for_a_table_header(page, site_url):
    open_checker(page, site_url)
    for text in ("PQS 7.1, ref", "Module,PQS 7.1", "Outcomes\tPQS 7.1\n\n"):
        page.get_by_label("Your list").fill(text)
        page.get_by_role("button", name="Check the list").click()
        expect(page.get_by_role("status")).to_contain_text(re.compile(r"Checked your pasted list: \d lines?, 1 ID to correct"))
        expect(page.locator("#pqs-check-problems li")).to_contain_text(["unknown ID 7.1"])


@browser_test
def test_a_5_mb_paste_finishes_without_freezing_the_page(page, site_url):
    open_checker(page, site_url)
    line = "Module {n}: PQS 3.1, 3.2 D2 and 3.2 D9; 7.1 and 2.5 million; see 3..2 D2\n"
    page.evaluate(
        "([line, size]) => { let t = ''; for (let n = 0; t.length < size; n++) t += line.replace('{n}', n); "
        "document.getElementById('pqs-check-text').value = t; window.pqsLines = t.split('\\n').length - 1; }",
        [line, 5 * 1_048_576],
    )
    lines = page.evaluate("window.pqsLines")
    page.evaluate("window.ticks = 0; window.ticker = setInterval(() => window.ticks++, 50)")
    page.get_by_role("button", name="Check the list").click()
    expect(page.locator("#pqs-check-progress")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"Checked your pasted list: {lines:,} lines", timeout=120_000)
    assert page.evaluate("window.ticks") > 0  # the page's own timers ran while the worker checked
    expect(page.locator("#pqs-check-progress")).to_be_hidden()
    problems = page.locator("#pqs-check-problems li")
    expect(problems).to_have_count(rules.SHOWN_ITEMS + 1)  # the first ones, then how many more
    expect(problems.last).to_have_text(f"… and {2 * lines - rules.SHOWN_ITEMS:,} IDs more, not shown here.")


@browser_test
def test_dropping_a_file(page, site_url):
    open_checker(page, site_url)
    page.evaluate(
        """() => {
          const transfer = new DataTransfer();
          transfer.items.add(new File(["Module\\tPQS\\nDrop test\\t6.2 D1, 9.1\\n"], "dropped.txt", {type: "text/plain"}));
          const zone = document.getElementById("pqs-check-drop");
          zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
          zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }"""
    )
    expect(page.get_by_role("status")).to_contain_text("Checked the file dropped.txt: 1 line, 1 ID to correct, 1 valid reference.")
    expect(page.locator("#pqs-check-problems li")).to_contain_text(["Line 2 (Drop test), column PQS: unknown ID 9.1"])


@browser_test
def test_files_it_cannot_read_are_refused_with_a_reason(page, site_url, tmp_path):
    open_checker(page, site_url)
    picker = page.get_by_label("Or choose a file")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00PQS 3.2")
    picker.set_input_files(str(binary))
    expect(page.get_by_role("status")).to_have_text(f"photo.txt was not checked: {rules.NOTES['nul']}.")
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Module,PQS\nCafé – intro,3.2 D2\n".encode("cp1252"))
    picker.set_input_files(str(legacy))
    expect(page.get_by_role("status")).to_contain_text("Checked the file legacy.csv: 1 line, no IDs to correct, 1 valid reference.")
    expect(page.locator("#pqs-check-notes li").first).to_have_text(rules.NOTES["not-utf8"])
    expect(page.locator('tr[data-outcome="3.2"] td').last).to_have_text("Café – intro")


# -- the heat map: the same grid as the home page, shaded by the list; its address; its picture; print ----

HEAT_LIST = "Assessment skills: PQS 3.1, 3.2 D2\nWorking with families: PQS 2.4, 2.5 D4, 3.2 D2\nLeading: 6.2 D1, PQS 3.2, 3.2\n"
# The IDs the list cites, and an empty list of IDs to correct (which says the link carries that list).
HEAT_HASH = "#cited=2.4,2.5-D4,3.1,3.2*2,3.2-D2*2,6.2-D1&wrong="


def wait_until(page: Page, script: str, seconds: float = 10) -> None:
    """Wait until ``script`` is true in the page. Playwright's wait_for_function polls through eval, which the
    site's CSP refuses: it passed only when the answer was true at the first look, and failed when it had to wait."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"never true: {script}"
        page.wait_for_timeout(50)


def check_text(page: Page, text: str) -> None:
    page.get_by_label("Your list").fill(text)
    page.get_by_role("button", name="Check the list").click()
    expect(page.get_by_role("status")).to_contain_text("Checked your pasted list")


def heat_cell(page: Page, outcome: str):
    return page.locator(f'#pqs-heat-grid a[data-outcome="{outcome}"]')


def heat_state(page: Page) -> list[list[str]]:
    """Every cell's level, count and statements, and every domain's count, as a reader sees them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#pqs-heat-grid [data-outcome], #pqs-heat-grid [data-domain]')].map(el =>
          [el.dataset.outcome || el.dataset.domain, (el.className.match(/pqs-heat-[0-9]/) || [''])[0], el.innerText.replace(/\\s+/g, ' ')])"""
    )


@browser_test
def test_the_heat_map_shades_each_outcome_and_says_how_often_in_words(page, site_url, framework):
    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    grid = page.locator("#pqs-heat-grid")
    expect(grid.locator("a.pqs-grid-cell")).to_have_count(len(framework.current.outcomes))
    # 3.2 cited four times (PQS 3.2, 3.2, and 3.2 D2 twice): the top level, in words too.
    expect(heat_cell(page, "3.2")).to_have_class(re.compile(r"\bpqs-heat-3\b"))
    expect(heat_cell(page, "3.2").locator(".pqs-grid-count")).to_have_text("cited 4 times")
    expect(heat_cell(page, "3.2").locator(".pqs-grid-statements")).to_have_text("1 of 1 statement cited")
    expect(heat_cell(page, "3.1")).to_have_class(re.compile(r"\bpqs-heat-1\b"))
    expect(heat_cell(page, "3.1").locator(".pqs-grid-count")).to_have_text("cited once")
    expect(heat_cell(page, "1.1")).to_have_class(re.compile(r"\bpqs-heat-0\b"))
    expect(heat_cell(page, "1.1").locator(".pqs-grid-count")).to_have_text("not cited")
    expect(heat_cell(page, "4.2").locator(".pqs-grid-statements")).to_have_text("0 of 1 statement cited")
    expect(grid.locator('[data-domain="3"]')).to_have_text("2 of 3 outcomes cited")
    # The shades differ, and a legend says in words what each means.
    shades = {o: heat_cell(page, o).evaluate("el => getComputedStyle(el).backgroundColor") for o in ("1.1", "3.1", "3.2")}
    assert len(set(shades.values())) == 3, shades
    expect(page.locator(".pqs-heat-legend li")).to_have_text(["Not cited", "Cited once", "Cited 2 or 3 times", "Cited 4 times or more"])
    # Each cell is a link to its outcome, reached with Tab, its focus visible.
    expect(heat_cell(page, "1.1")).to_have_attribute("href", re.compile(r"\.\./outcomes/1\.1/$"))
    page.locator("#pqs-heat-domain-1 a").focus()
    page.keyboard.press("Tab")
    expect(heat_cell(page, "1.1")).to_be_focused()
    ring = heat_cell(page, "1.1").evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert ring[0] != "none" and ring[1] >= 2, ring
    box = heat_cell(page, "1.1").bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44


@browser_test
def test_the_heat_map_fits_one_screen_at_1366_by_768(page, site_url, framework):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    grid = page.locator("#pqs-heat-grid")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box and header and box["height"] <= 768 - header["height"], box
    xs = grid.locator(".pqs-grid-domain").evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().x))")
    assert len(set(xs)) == len(framework.current.domains)
    assert page.evaluate("document.documentElement.scrollWidth") == 1366


@browser_test(fresh_context=True)  # it listens to every page of the context
def test_the_address_keeps_the_picture_and_a_link_to_it_shows_it_again(page, site_url):
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(f"{r.method} {r.url}"))
    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    expect(page).to_have_url(f"{site_url}check/{HEAT_HASH}")
    picture = heat_state(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.get_by_role("button", name="Copy a link to this picture").click()
    expect(page.locator("#pqs-heat-copied")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}check/{HEAT_HASH}"
    # A colleague opens the link: the same picture, from the list of IDs it stands for.
    other = page.context.new_page()
    other.goto(f"{site_url}check/{HEAT_HASH}")
    expect(other.get_by_role("status")).to_contain_text(
        "Checked the list from a shared link: 8 references, no IDs to correct, 8 valid references."
    )
    assert heat_state(other) == picture
    # The box is left for the reader's own list (tests/test_shared_view.py: the rest of the shared view).
    assert other.get_by_label("Your list").input_value() == ""
    expect(other).to_have_url(f"{site_url}check/{HEAT_HASH}")
    # Changing the link's IDs changes the picture.
    other.evaluate("location.hash = '#cited=1.1*4,PQS'")
    expect(other.get_by_role("status")).to_contain_text("This link to a picture cannot be shown: “PQS” is not an ID.")
    other.evaluate("location.hash = '#cited=1.1*4'")
    expect(heat_cell(other, "1.1")).to_have_class(re.compile(r"\bpqs-heat-3\b"))
    expect(heat_cell(other, "3.2")).to_have_class(re.compile(r"\bpqs-heat-0\b"))
    # Nothing was sent anywhere: only the site's own files were asked for, none with a query.
    assert requests and all(r.startswith(f"GET {site_url}") and "?" not in r for r in requests), requests


@browser_test
def test_a_link_that_is_not_ids_or_asks_too_much_is_refused(page, site_url):
    for fragment, why in (
        ("#cited=3.2*99999", "it asks for more than 10,000 references"),
        ("#cited=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "“<img src=x onerror=alert(1)>” is not an ID"),
        ("#cited=%E0%A4%A", "its address is not well formed"),
    ):
        page.goto("about:blank")
        page.goto(f"{site_url}check/{fragment}")
        expect(page.get_by_role("status")).to_have_text(f"This link to a picture cannot be shown: {why}.")
        expect(page.locator("#pqs-check-results")).to_be_hidden()
        assert page.locator("#pqs-check img").count() == 0
    # A link with an ID that cannot exist is checked like any list: the ID is listed to correct.
    page.goto("about:blank")
    page.goto(f"{site_url}check/#cited=9.9,3.2-D2")
    expect(page.locator("#pqs-check-problems li")).to_contain_text(["Unknown ID 9.9"])
    expect(heat_cell(page, "3.2")).to_have_class(re.compile(r"\bpqs-heat-1\b"))
    # ...and its address now carries it as an ID to correct, apart from the valid ones.
    expect(page).to_have_url(f"{site_url}check/#cited=3.2-D2&wrong=9.9")


@browser_test
def test_the_picture_downloads_as_the_svg_pqs_check_writes(page, site_url, tmp_path):
    from macros.checker import cli

    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the picture (SVG)").click()
    download = info.value
    assert download.suggested_filename == "pqs-coverage.svg"
    made_here = Path(download.path()).read_bytes()
    (tmp_path / "list.txt").write_text(HEAT_LIST, encoding="utf-8")
    data = Path(__file__).resolve().parent.parent / "data" / "pqs.yaml"
    assert cli.main([str(tmp_path / "list.txt"), "--data", str(data), "--svg", str(tmp_path / "cli.svg"), "-q"]) == 0
    assert made_here == (tmp_path / "cli.svg").read_bytes()


@browser_test
def test_printing_keeps_the_picture_and_leaves_out_the_form(page, site_url):
    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
    page.get_by_role("button", name="Print the picture").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("#pqs-check-form")).to_be_hidden()
    expect(page.get_by_role("link", name="Download the picture (SVG)")).to_be_hidden()
    expect(page.locator("#pqs-heat-grid")).to_be_visible()
    cited, not_cited = heat_cell(page, "3.2"), heat_cell(page, "1.1")
    assert cited.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact"  # the shades print
    assert cited.evaluate("el => getComputedStyle(el).backgroundColor") != not_cited.evaluate("el => getComputedStyle(el).backgroundColor")
    expect(cited.locator(".pqs-grid-count")).to_be_visible()


@browser_test(bypass_csp=True)  # axe is injected
def test_the_results_with_the_heat_map_pass_axe_light_and_dark(page, site_url):
    from test_gates import AXE_JS, AXE_RUN_JS, NO_TRANSITIONS, SCHEMES, SWITCH_JS, WCAG_TAGS

    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        open_checker(page, site_url)
        page.add_style_tag(content=NO_TRANSITIONS)
        assert page.evaluate(SWITCH_JS, SCHEMES[scheme]) == SCHEMES[scheme]
        check_text(page, HEAT_LIST)
        # The button as a mouse user leaves it after checking: hovered and focused, its colours changed.
        check = page.get_by_role("button", name="Check the list")
        check.hover()
        check.focus()
        page.add_script_tag(path=str(AXE_JS))
        assert page.evaluate(AXE_RUN_JS, WCAG_TAGS) == [], scheme


@browser_test
def test_cite_button_copies_a_citation(page, site_url, framework):
    """Cite copies a Harvard reference: the edition, the ID, the document its words are quoted in, the
    edition's permalink and today's date as the access date."""
    import datetime

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    edition = framework.current
    work = f"Department for Education (2025) {edition.title}"
    page.goto(f"{site_url}outcomes/3.2/")
    copy_link = page.get_by_role("button", name="Copy link to 3.2 D2")
    cite = page.get_by_role("button", name="Cite: copy a reference to 3.2 D2")
    expect(cite).to_have_text("Cite")
    # The confirmation shows for 2 seconds: record the button's texts rather than race it.
    cite.evaluate(
        "b => { window.citeTexts = []; new MutationObserver(() => citeTexts.push(b.textContent)).observe(b, {childList: true}); }"
    )
    copy_link.focus()
    page.keyboard.press("Tab")
    expect(cite).to_be_focused()  # beside the copy-link button, next in the tab order
    page.keyboard.press("Enter")
    wait_until(page, "() => window.citeTexts.includes('Reference copied')")
    days = {f"{d.day} {d:%B %Y}" for d in (datetime.date.today(), datetime.date.today() - datetime.timedelta(days=1))}
    statement = framework.index["3.2 D2"]
    quoted = statement.provenance.source
    copied = page.evaluate("navigator.clipboard.readText()")
    head = (
        f"{work}, statement 3.2 D2, as quoted in {quoted.publisher} ({quoted.published[:4]}) {quoted.title}, "
        f"{statement.provenance.at}. Available at: {site_url}{edition.key}/3.2-D2/ (Accessed: "
    )
    assert copied.startswith(head) and copied[len(head) : -2] in days and copied.endswith(").")
    expect(cite).to_have_text("Cite", timeout=5000)
    assert page.evaluate("window.citeTexts") == ["Reference copied", "Cite"]
    page.get_by_role("button", name="Cite: copy a reference to 3.2", exact=True).click()
    assert page.evaluate("navigator.clipboard.readText()").startswith(f"{work}, outcome 3.2, as quoted in Community Care (2025)")
    page.goto(f"{site_url}outcomes/3.1/")
    first = framework.index["3.1"].statements[0]
    page.get_by_role("button", name=f"Cite: copy a reference to {first.anchor}").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{work}, unnumbered knows statement of outcome 3.1, as quoted in Community Care")
    assert f"Available at: {site_url}outcomes/3.1/#{first.anchor} (Accessed: " in copied


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@browser_test
def test_print_page_prints_one_domain_per_page_without_navigation(page, site_url, framework):
    page.goto(f"{site_url}print/")
    domains = len(framework.current.domains)
    sections = page.locator("section.pqs-print-domain")
    expect(sections).to_have_count(domains)
    on_screen = sections.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert on_screen == ["auto"] * domains
    page.emulate_media(media="print")
    # Domain 1 shares the first page with the title block; every later domain starts a page.
    assert sections.evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)") == ["auto"] + ["page"] * (domains - 1)
    for selector in ("nav", ".md-header", ".md-sidebar", ".md-footer", ".md-tabs", ".pqs-print-howto", ".md-search"):
        chrome = page.locator(selector)
        for i in range(chrome.count()):
            expect(chrome.nth(i)).to_be_hidden()
    # Every ID sits in the same unbreakable block as its text; a heading is never left at the foot of a page:
    # a domain's heading, summary and permalink, and an outcome's heading and first line, are each one block
    # kept with what follows (an outcome itself may run on to the next page between two statements).
    texts = page.locator(".pqs-print-text")
    expect(texts).to_have_count(len(framework.current.statements))
    assert set(texts.evaluate_all("els => els.map(e => getComputedStyle(e).breakInside)")) == {"avoid"}
    outcomes = page.locator(".pqs-print-outcome")
    expect(outcomes).to_have_count(len(framework.current.outcomes))
    heads = page.locator(".pqs-print-domain-head, .pqs-print-outcome-head")
    expect(heads).to_have_count(domains + len(framework.current.outcomes))
    assert heads.evaluate_all(
        "els => [...new Set(els.map(e => getComputedStyle(e).breakInside + ' ' + getComputedStyle(e).breakAfter))]"
    ) == ["avoid avoid"]
    assert page.locator(".pqs-print-domain-head h2").count() == domains and page.locator(".pqs-print-outcome-head h3").count() == len(
        outcomes.all()
    )
    # A4, as the page asks for it, and each outcome's sources cited once, after its statements.
    a4 = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", a4)
    assert box and abs(float(box.group(1)) - 595) < 2 and abs(float(box.group(2)) - 842) < 2, "the page size is A4 (595 by 842 points)"
    for outcome in framework.current.outcomes:
        cited = page.locator(f'[id="print-{outcome.id}"] .pqs-print-cited')
        if not outcome.statements:
            expect(cited).to_have_count(0)
            continue
        for source in {s.provenance.source for s in outcome.statements}:
            assert page.locator(f'[id="print-{outcome.id}"]').inner_text().count(source.title) == 1, (outcome.id, source.title)
    expect(page.locator(".pqs-print-heading .pqs-print-id")).to_have_count(len(framework.current.outcomes))
    # A real PDF, with the page breaks taking effect: more pages than the same content without them.
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # Through the CSSOM: the site's content security policy refuses an injected <style>.
    sections.evaluate_all("els => els.forEach(e => e.style.setProperty('break-before', 'auto', 'important'))")
    unbroken = page.pdf(format="A4")
    assert pdf_pages(pdf) >= domains
    assert pdf_pages(pdf) > pdf_pages(unbroken)


@browser_test
def test_the_printed_copy_opens_with_a_title_block_and_prints_full_addresses(page, site_url, framework):
    from macros.render.standards import official_url
    from macros.render.templating import format_date

    edition = framework.current
    page.goto(f"{site_url}print/")
    page.emulate_media(media="print")
    block = page.locator(".pqs-print-titleblock")
    expect(block).to_be_visible()
    # Above the first domain, and saying which edition, its status, its date and where it is from.
    assert block.evaluate("b => b.compareDocumentPosition(document.querySelector('.pqs-print-domain')) & 4")
    for words in (edition.title, edition.status_label, format_date(edition.published), edition.provenance.source.publisher):
        expect(block).to_contain_text(words)
    if official_url(edition):
        expect(block.get_by_role("link", name=official_url(edition))).to_be_visible()
    expect(block.get_by_role("link", name=f"{site_url}print/")).to_be_visible()
    # The copy says the day it was printed (the reader's today).
    today = page.evaluate("() => new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    expect(block).to_contain_text(f"Printed on {today} from {site_url}print/")
    # Every permalink prints as a whole address a reader can type, the site's own included; each is the edition's own.
    assert all(f"/{edition.key}/" in a for a in page.locator(".pqs-print-domain a.pqs-print-url").all_text_contents())
    permalinks = page.locator(".pqs-print-domain a.pqs-print-url")
    expect(permalinks).to_have_count(len(edition.domains) + len(edition.outcomes) + sum(1 for s in edition.statements if s.id))
    texts = permalinks.all_text_contents()
    assert all(t.startswith(site_url) and t.endswith("/") for t in texts), texts[:3]
    # A link within the site, in any page's text, prints the address it goes to after its words.
    page.goto(f"{site_url}citing/")
    page.emulate_media(media="print")
    links = page.locator(".md-content article p a[data-pqs-print-href]")
    assert links.count() > 0
    after = links.first.evaluate("a => getComputedStyle(a, '::after').content")
    assert after.startswith(f'" ({site_url}'), after
    href = links.first.get_attribute("data-pqs-print-href")
    assert href.startswith(site_url)
    assert page.evaluate("h => fetch(h).then(r => r.ok)", href)


@browser_test
def test_the_coverage_table_on_a_phone_shows_it_scrolls_and_scrolls_from_the_keyboard(page, site_url):
    """At 390 px the coverage table is wider than the screen: its region is named, takes focus, moves with the
    arrow keys, and has an edge shadow (a background drawn from gradients) where more of it is out of sight."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_checker(page, site_url)
    check_text(page, HEAT_LIST)
    region = page.get_by_role("region", name="Coverage in detail")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert "linear-gradient" in region.evaluate("e => getComputedStyle(e).backgroundImage")
    region.focus()
    page.keyboard.press("ArrowRight")
    wait_until(page, "() => document.querySelector('.pqs-check-scroll').scrollLeft > 0")


@browser_test
def test_a_printed_page_names_its_edition_and_status(page, site_url, framework):
    """The theme leaves its banner out of print; the edition and its status must stay on paper, on any page."""
    edition = framework.current
    for path in ("outcomes/3.2/", "print/", "about/"):
        page.goto(site_url + path)
        page.emulate_media(media="print")
        banner = page.locator(".pqs-banner")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(f"{edition.status_label}: {edition.title}")
        expect(banner.get_by_role("link")).to_be_hidden()  # "What applies when" is for the screen
        page.emulate_media(media="screen")
