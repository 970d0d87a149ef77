"""The checker's shared view (issue 24): a link to a picture, what it carries, how it opens, prints and reads on a phone.

A trainer checks a list and sends the page's address. The address carries the IDs the list cites and,
as the list writes them, those to correct and those not recorded here (docs/assets/javascripts/pqs-check.js,
``shareLink`` and ``fromHash``). Here: in Node, that every reference to correct comes back from a link with
the verdict, message and nearest IDs its sender saw, and that no address makes the page read anything but
IDs; in Chromium, at 390 by 844 and 1366 by 900, that the link opens on the picture under a heading that
says it is a shared view, with the lists and what a link cannot carry; that "Print the picture" prints one
page with no addresses on it; that the phone's picture fits about one screen; and that the levels differ by
more than shade, light and dark, with axe-core finding nothing.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from jsrun import run
from playwright.sync_api import Page, expect
from test_tools_browser import browser_test, check_text, heat_cell, heat_state, open_checker

from macros.checker import heatmap, rules

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
LINK_MOST = 2000  # pqs-check.js: characters after the # that the lists to correct may bring a link to


# -- the link, in Node: the page's own functions, with the engine and rules the site publishes -------------


@pytest.fixture(scope="module")
def engine(framework) -> dict:
    from macros.checker.browser import rules_script
    from macros.render import exports

    return {
        "scripts": [rules_script(framework), SCRIPTS / "pqs-check-engine.js", SCRIPTS / "pqs-check.js"],
        "data": exports.export_data(framework),
    }


# Check each list as the worker does, make its link, open the link, and check the list the link stands for.
ROUND_TRIP = """(() => {
  const P = PQSCheck, judge = new P.Judge(input.data);
  const check = (text, asTable) => P.check(judge, P.parseInput(text, asTable, []), null);
  const ref = x => [P.shorten(x.written), x.verdict.status, x.verdict.message, x.verdict.suggestions.join(" ")];
  const shown = refs => refs.map(x => ({ written: P.shorten(x.written), message: x.verdict.message }));
  return input.lists.map(([text, asTable]) => {
    const r = check(text, asTable);
    const summary = { cited: [], errors: { total: r.errors.length, shown: shown(r.errors) },
      notRecorded: { total: r.notRecorded.length, shown: shown(r.notRecorded) } };
    const link = PQSShare.link(summary);
    const back = PQSShare.read(link.hash);
    const again = check(back.text, false);
    return { hash: link.hash, left: link.left, more: back.more, lists: back.lists,
      sent: r.errors.concat(r.notRecorded).map(ref), got: again.errors.concat(again.notRecorded).map(ref) };
  });
})()"""


def round_trip(engine: dict, lists: list[tuple[str, bool | None]]) -> list[dict]:
    return run(engine["scripts"], ROUND_TRIP, {"data": engine["data"], "lists": lists})


def test_every_id_to_correct_comes_back_from_a_link_as_its_sender_saw_it(engine):
    """The shared table of cases (every kind of wrong and not-recorded ID, in text and in a table's column):
    the link's list gives each the same verdict, message and nearest IDs, as often."""
    from id_cases import CASES

    lists: list[tuple[str, bool | None]] = []
    for text, column, _expected in CASES:
        if column is None:
            lists.append((text, False))
        else:
            head = "PQS IDs" if column == "ids" else "Domain"
            quoted = '"' + text.replace('"', '""') + '"'
            lists.append((f"Module,{head}\nx,{quoted}\n", True))
    answers = round_trip(engine, lists)
    wrong = 0
    for (text, _table), a in zip(lists, answers, strict=True):
        # Left out, and counted: an ID the checker cut short to show it ("1234…789"), a shorthand that takes its
        # outcome from the ID before it ("D3" in "3.2 D2, D3") and the end of a range, judged with the other end.
        out = [x for x in a["sent"] if "\u2026" in x[0] or re.fullmatch(r"[A-Z]+[0-9]+", x[0]) or " range " in x[2]]
        assert a["left"] == a["more"] == len(out) and a["lists"] is True, (text, a)
        assert sorted(a["got"]) == sorted(x for x in a["sent"] if x not in out), (text, a["hash"])
        wrong += len(a["got"])
    assert wrong >= 50  # the table has that many IDs to correct or not recorded: the comparison compared them


FRAGMENTS = ["PQS ", "outcome ", "PQS domain ", "1", "3", "7", "9", "0", "12", "2", ".", "..", " ", "-", "\u2013", "_", "D", "K"]
FRAGMENTS += ["d", "X", "DD", "a", "s", ",", " and ", "; ", "\u00a0", "(", ")", "*", "%", "&", "#"]


@settings(max_examples=4, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=10).map("".join), min_size=40, max_size=60))
def test_generated_near_misses_come_back_from_a_link_as_their_sender_saw_them(engine, lines):
    answers = round_trip(engine, [(line, False) for line in lines])
    sent, got = sum(len(a["sent"]) for a in answers), sum(len(a["got"]) for a in answers)
    assert got >= 0.8 * sent, (got, sent)  # most come back: only shorthands, ends of ranges and IDs cut short are left out
    for line, a in zip(lines, answers, strict=True):
        assert a["left"] == len(a["sent"]) - len(a["got"]) and a["more"] == a["left"], (line, a)
        assert {tuple(x) for x in a["got"]} <= {tuple(x) for x in a["sent"]}, (line, a["hash"])  # each as its sender saw it


def test_a_link_leaves_out_what_would_make_it_too_long_and_says_how_many(engine):
    many = "\n".join(f"Module {i}: PQS 9.{i}" for i in range(1, 801))  # 800 unknown outcomes, each written once
    (a,) = round_trip(engine, [(many, False)])
    assert len(a["hash"]) <= LINK_MOST + len("&more=800")
    carried = len(a["got"])
    assert 100 < carried < 800 and a["left"] == 800 - carried and a["more"] == a["left"], (carried, a["left"])
    assert a["hash"].endswith(f"&more={a['left']}")
    assert {tuple(x[:3]) for x in a["got"]} <= {tuple(x[:3]) for x in a["sent"]}  # each carried one as its sender saw it


READ = """input.map(h => { try { return PQSShare.read(h); } catch (e) { return { threw: String(e) }; } })"""

NASTY = [
    "#cited=&wrong=%0A3.1",  # a line break: would add a line of its own to the list
    "#cited=&wrong=%E2%80%A83.1",  # a line separator
    "#cited=&wrong=3.1%00",  # a control character
    "#cited=&wrong=%E2%80%AEabc",  # no number (and a right-to-left override, which the message must not show)
    "#cited=&wrong=" + "1" * 41,  # longer than an ID as the checker shows it
    "#cited=&wrong=3.1*99999",
    "#cited=3.1*9000&wrong=3.2%20DD2*1001",  # 10,001 references
    "#cited=&evil=1",
    "#cited=&wrong=1&wrong=2",
    "#cited=&more=-1",
    "#cited=&wrong=3.1%",
    "#cited=&wrong=*2",
    "#cited=&wrong",
]


def test_no_address_makes_the_page_read_anything_but_ids(engine):
    answers = run(engine["scripts"], READ, NASTY)
    for hash_, a in zip(NASTY, answers, strict=True):
        assert set(a) == {"error"}, (hash_, a)
        assert not re.search(r"[\x00-\x1f\u2028\u2029]", a["error"]), a
    assert answers[0]["error"] == "“\ufffd3.1” is not an ID as a list writes it"
    assert answers[3]["error"] == "“\ufffdabc” is not an ID as a list writes it"
    # Markup is text like any other, for the checker to read as it reads a pasted list (and show as text):
    # one line of the list, whatever it holds.
    (markup,) = run(engine["scripts"], READ, ["#cited=&wrong=%3Cscript%3Ealert(1)%3C%2Fscript%3E"])
    assert markup == {"text": "Shared link: PQS domain <script>alert(1)</script>", "lists": True, "more": 0}
    assert answers[6]["error"] == "it asks for more than 10,000 references"


@settings(max_examples=3, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=50, max_size=80), st.sampled_from(["#cited=", "#cited=3.1&wrong=", "#cited=&unrecorded="]))
def test_any_address_is_read_as_lines_of_ids_or_refused(engine, tails, start):
    hashes = [start + t for t in tails]
    for h, a in zip(hashes, run(engine["scripts"], READ, hashes), strict=True):
        assert "threw" not in a, (h, a)
        if "text" in a:
            lines = a["text"].split("\n") if a["text"] else []
            assert len(lines) <= 10_000 and all(line.startswith("Shared link: ") for line in lines), (h, a)
            assert not any(re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", line) for line in lines), (h, a)
            assert all(len(line) <= len("Shared link: PQS domain ") + rules.SHOWN_MAX for line in lines), (h, a)


# -- in Chromium ------------------------------------------------------------------------------------

# Levels 0 to 3 (3.2 four times, 2.4 twice, 3.1 once), two IDs to correct (one written twice), one not recorded.
SHARED_LIST = (
    "Kestrel assessment day: PQS 3.1, 3.2 D2, 3.2 DD2\n"
    "Heron family work: PQS 2.4, 2.5 D4, 7.1, PQS 2.4\n"
    "Plover team leading: 6.2 D1, 3.2 D9, PQS 3.2, 3.2 D2, PQS 3.2, 3.2 DD2\n"
)
MODULES = ("Kestrel", "Heron", "Plover")  # names the page has nowhere else
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def sender_link(page: Page, site_url: str, viewport: dict) -> tuple[str, list, list[str], list[str]]:
    """A trainer checks SHARED_LIST on a screen of that size: the address to send, the picture, and the lists' items as they read."""
    page.set_viewport_size(viewport)
    open_checker(page, site_url)
    check_text(page, SHARED_LIST)
    expect(page).to_have_url(re.compile(r"#cited=.*&wrong=.*&unrecorded="))
    problems = page.locator("#pqs-check-problems li").all_inner_texts()
    unrecorded = page.locator("#pqs-check-unrecorded-list li").all_inner_texts()
    return page.url, heat_state(page), problems, unrecorded


def open_shared(page: Page, link: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto("about:blank")
    page.goto(link)
    expect(page.locator("#pqs-shared-heading")).to_be_focused()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@browser_test
def test_a_shared_link_opens_on_the_picture_with_everything_the_sender_saw(page, site_url, viewport):
    link, picture, problems, unrecorded = sender_link(page, site_url, viewport)
    assert len(link) < 200 and not any(m in link for m in MODULES), link
    open_shared(page, link, viewport)
    # On the picture: a heading that says what this is, focused and in view under the theme's header.
    heading = page.locator("#pqs-shared-heading")
    expect(heading).to_have_text("Shared view: the coverage of a list someone sent you")
    expect(page.locator("#pqs-shared-what")).to_have_text(
        "Someone sent you a link to the picture of their list: it cites 5 of 26 outcomes of the "
        "Consultation draft (March 2025). Below the picture: 3 IDs to correct and 1 ID not recorded here."
    )
    header = page.locator(".md-header").bounding_box()
    top, heat, first = heading.bounding_box(), page.locator("#pqs-heat").bounding_box(), heat_cell(page, "1.1").bounding_box()
    assert header and top and heat and first
    assert top["y"] >= header["y"] + header["height"] - 1 and first["y"] + first["height"] <= viewport["height"], (top, first)
    if viewport is PHONE:  # the whole picture, legend and grid, on the first screen
        assert heat["y"] + heat["height"] <= viewport["height"], heat
    assert heat_state(page) == picture
    # Everything the sender saw: the IDs to correct and those not recorded, each once with how often,
    # with the same words (only where each was written is not in a link, and the page says so).
    said = page.locator("#pqs-check-problems li").all_inner_texts()
    assert said == [
        "Malformed ID 3.2 DD2 (written 2 times): " + problems[0].split("3.2 DD2: ", 1)[1],
        "Unknown ID 7.1: " + problems[1].split("7.1: ", 1)[1],
    ], (said, problems)
    expect(page.locator("#pqs-check-unrecorded-list li")).to_have_text(["Not-recorded ID 3.2 D9: " + unrecorded[0].split("3.2 D9: ", 1)[1]])
    expect(page.locator("#pqs-check-official li")).not_to_have_count(0)
    expect(page.locator("#pqs-shared-limits")).to_be_visible()
    expect(page.locator("#pqs-shared-limits")).to_contain_text("not the module names, the file, or the line each ID is on")
    # The picture comes first, then the lists; nothing of the sender's list but IDs; the box is the reader's.
    assert page.evaluate(
        "document.querySelector('#pqs-check-picture').compareDocumentPosition(document.querySelector('#pqs-check-lists')) & 4"
    )
    assert not any(m in page.locator("body").inner_text() for m in MODULES)
    assert page.get_by_label("Your list").input_value() == ""
    # Checking a list of one's own ends the shared view.
    check_text(page, "My module: PQS 1.1")
    expect(page.locator("#pqs-shared")).to_be_hidden()
    expect(page.locator("#pqs-check-coverage-heading")).to_be_visible()
    assert page.evaluate(
        "document.querySelector('#pqs-check-lists').compareDocumentPosition(document.querySelector('#pqs-check-picture')) & 4"
    )


@browser_test
def test_a_link_of_the_older_kind_says_what_it_cannot_tell(page, site_url):
    open_shared(page, f"{site_url}check/#cited=3.1,3.2-D2*2", PHONE)
    expect(page.locator("#pqs-check-problems li")).to_have_text([re.compile(r"^Not known: this link is of an older kind")])
    expect(page.locator("#pqs-shared-limits")).to_contain_text("carried only the valid IDs")


@browser_test
def test_an_id_that_leans_on_the_one_before_it_is_left_out_and_both_ends_are_told(page, site_url):
    """D9 in "3.2 D2, D9" is 3.2 D9 only beside 3.2 D2: the link cannot carry it alone, and says so."""
    open_checker(page, site_url)
    check_text(page, "Kestrel assessment day: 3.2 D2, D9")
    expect(page.locator("#pqs-check-unrecorded-list li")).to_have_count(1)
    expect(page).to_have_url(f"{site_url}check/#cited=3.2-D2&wrong=&more=1")
    expect(page.locator("#pqs-heat-left")).to_contain_text("It leaves out 1 reference to correct or not recorded here")
    open_shared(page, page.url, PHONE)
    expect(page.locator("#pqs-shared-limits")).to_contain_text("This link leaves out 1 more reference to correct or not recorded here")
    expect(page.locator("#pqs-shared-limits")).to_contain_text("D3 in “3.2 D2, D3”")
    expect(page.locator("#pqs-check-problems li")).to_have_text(
        [re.compile(r"^None of the IDs this link carries is wrong .*leaves out 1 reference")]
    )


@browser_test
def test_the_sender_is_told_what_a_long_link_leaves_out(page, site_url):
    open_checker(page, site_url)
    check_text(page, "\n".join(f"Module {i}: PQS 9.{i}" for i in range(1, 401)))
    expect(page.locator("#pqs-heat-left")).to_have_text(re.compile(r"^It leaves out [0-9]+ references to correct or not recorded here"))
    assert len(page.url.split("#", 1)[1]) <= LINK_MOST + len("&more=400")


# -- "Print the picture": one page, the picture alone, no addresses -------------------------------------


def _pdf_objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Every object of a PDF as Chromium writes it: its dictionary and, for a stream, its data, inflated."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    for m in re.finditer(rb"(\d+) 0 obj\b", pdf):
        start, end = m.end(), pdf.find(b"endobj", m.end())
        at = pdf.find(b"stream", start)
        if at < 0 or (0 <= end < at):
            found[int(m.group(1))] = (pdf[start:end], None)
            continue
        head = pdf[start:at]
        size = re.search(rb"/Length (\d+)(?! 0 R)", head)
        body = at + len(b"stream") + (2 if pdf[at + 6 : at + 8] == b"\r\n" else 1)
        raw = pdf[body : body + int(size.group(1))] if size else pdf[body : pdf.find(b"endstream", body)]
        found[int(m.group(1))] = (head, zlib.decompress(raw) if b"/FlateDecode" in head else raw)
    return found


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    hexed = lambda h: bytes.fromhex(h.decode()).decode("utf-16-be", "replace")  # noqa: E731
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        out.update((int(a, 16), hexed(b)) for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for a, b, to in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(a, 16), int(b, 16)
            if to.startswith(b"["):
                out.update((lo + i, hexed(h)) for i, h in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", to)))
            else:
                first = hexed(to[1:-1])
                out.update((lo + i, first[:-1] + chr(ord(first[-1]) + i)) for i in range(hi - lo + 1))
    return out


def pdf_pages_and_text(pdf: bytes) -> tuple[int, str]:
    """How many pages a PDF has, and the text printed on them (each font's glyphs through its ToUnicode map)."""
    objects = _pdf_objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for head, _data in objects.values():
        for inner in re.findall(rb"/Font\s*<<(.*?)>>", head, re.S):
            for name, ref in re.findall(rb"/(\w+)\s+(\d+) 0 R", inner):
                tu = re.search(rb"/ToUnicode (\d+) 0 R", objects.get(int(ref), (b"", None))[0])
                if tu:
                    fonts[name] = _to_unicode(objects[int(tu.group(1))][1] or b"")
    text: list[str] = []
    for _head, data in objects.values():
        if not data or b" Tf" not in data:
            continue
        glyphs: dict[int, str] = {}
        for m in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bET\b", data):
            if m.group(1):
                glyphs = fonts.get(m.group(1), {})
            elif m.group(0) == b"ET":
                text.append("\n")
            else:
                for h in re.findall(rb"<([0-9A-Fa-f]*)>", m.group(2) if m.group(2) is not None else b"<" + m.group(3) + b">"):
                    text.append("".join(glyphs.get(int(h[i : i + 4], 16), "\ufffd") for i in range(0, len(h) - 3, 4)))
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    return pages, "".join(text)


def print_the_picture(page: Page) -> tuple[int, str]:
    """Press "Print the picture" (the browser's dialog stood in for), and print to PDF as that dialog would, on
    the site's paper (A4); the page's number of pages and its text."""
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
    page.get_by_role("button", name="Print the picture").click()
    assert page.evaluate("window.printed") == 1
    return pdf_pages_and_text(page.pdf(prefer_css_page_size=True, print_background=True))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@browser_test
def test_print_the_picture_prints_one_page_with_no_addresses(page, site_url, viewport):
    link, _picture, _problems, _unrecorded = sender_link(page, site_url, viewport)
    pages, text = print_the_picture(page)  # the sender's own view
    assert pages == 1, text
    open_shared(page, link, viewport)
    pages, text = print_the_picture(page)
    assert pages == 1, text
    words = " ".join(text.split())
    # The picture, and what it is: the edition, the summary, the legend, every outcome with its count.
    assert "Shared view" in words and "PQS coverage: Consultation draft (March 2025): 5 of 26 outcomes cited." in words, words
    assert all(legend in words for _least, legend in heatmap.WORDS["levels"])
    assert "3.2" in words and "cited 4 times" in words and "6.4" in words
    # Not the rest of the page, and no address after any link.
    assert "IDs to correct" not in words and "Check the list" not in words and "How IDs are recognised" not in words
    assert not re.search(r"https?:|127\.0\.0\.1|/outcomes/|\.\./", text), text
    # The printout over, the page prints whole again (so one page above is the button's doing).
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    whole, _text = pdf_pages_and_text(page.pdf(prefer_css_page_size=True, print_background=True))
    assert whole > 1


# -- the phone's picture, and the levels told apart by more than shade ----------------------------------------

RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)|color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: / ([\d.]+))?\)")


def colour(css: str, under: tuple[float, float, float] = (1, 1, 1)) -> tuple[float, float, float]:
    """A computed CSS colour as sRGB 0..1, laid over ``under`` when it is partly transparent."""
    m = RGB.fullmatch(css.strip())
    assert m, css
    if m.group(1):
        rgb, alpha = [float(m.group(i)) / 255 for i in (1, 2, 3)], float(m.group(4) or 1)
    else:
        rgb, alpha = [float(m.group(i)) for i in (5, 6, 7)], float(m.group(8) or 1)
    return (rgb[0] * alpha + under[0] * (1 - alpha), rgb[1] * alpha + under[1] * (1 - alpha), rgb[2] * alpha + under[2] * (1 - alpha))


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def lum(c):
        lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


LOOK = """() => [...document.querySelectorAll('#pqs-heat-grid a[data-outcome], .pqs-heat-legend .pqs-heat-swatch')].map(el => {
  const s = getComputedStyle(el), dots = [...el.querySelectorAll('.pqs-heat-mark > span')].map(d => getComputedStyle(d));
  return { name: el.dataset.outcome || 'legend ' + el.className, level: +(el.className.match(/pqs-heat-([0-9])/) || [0, -1])[1],
    filled: dots.filter(d => !/^rgba\\(0, 0, 0, 0\\)$/.test(d.backgroundColor)).length, dots: dots.length,
    dot: dots.length ? dots[0].borderTopColor : '', background: s.backgroundColor, text: s.color, edge: s.borderTopColor,
    page: getComputedStyle(document.body).backgroundColor };
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@browser_test(bypass_csp=True)  # a style that stops the theme's transitions, so colours are read as they end
def test_levels_differ_by_dots_with_a_legend_at_enough_contrast_light_and_dark(page, site_url, viewport):
    from test_gates import NO_TRANSITIONS

    page.set_viewport_size(viewport)
    open_checker(page, site_url)
    page.add_style_tag(content=NO_TRANSITIONS)
    check_text(page, SHARED_LIST)
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        seen = page.evaluate(LOOK)
        assert {s["level"] for s in seen} == {0, 1, 2, 3}, seen
        for s in seen:
            # As many of three dots filled as the level: in every cell and beside each level's words in the legend.
            assert s["dots"] == 3 and s["filled"] == s["level"], (scheme, s)
            page_bg = colour(s["page"])
            shade = colour(s["background"], page_bg)
            assert contrast(colour(s["dot"], shade), shade) >= 3, (scheme, s)  # the dots against their shade
            assert contrast(colour(s["edge"], page_bg), page_bg) >= 3, (scheme, s)  # the box (or swatch) against the page
            if not s["name"].startswith("legend"):
                assert contrast(colour(s["text"], shade), shade) >= 4.5, (scheme, s)  # the words


@browser_test
def test_the_phone_picture_fits_about_one_screen_and_keeps_every_count(page, site_url):
    page.set_viewport_size(PHONE)
    open_checker(page, site_url)
    check_text(page, SHARED_LIST)
    header = page.locator(".md-header").bounding_box()
    heat = page.locator("#pqs-heat").bounding_box()
    assert header and heat and heat["height"] <= PHONE["height"] - header["height"], heat
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    # Each box: its ID, its dots, its counts in short; at least 24 by 24 pixels (WCAG 2.5.8); the words stay for screen readers.
    cell = heat_cell(page, "3.2")
    expect(cell.locator(".pqs-heat-short")).to_have_text("4× 1/1")
    expect(heat_cell(page, "1.1").locator(".pqs-heat-short")).to_have_text("0×")
    expect(cell.locator(".pqs-grid-count")).to_have_text("cited 4 times")
    expect(page.locator(".pqs-heat-phone-key")).to_be_visible()
    for box in page.locator("#pqs-heat-grid a.pqs-grid-cell").evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
        assert box["width"] >= 24 and box["height"] >= 24, box
    for hidden in (".pqs-grid-text", ".pqs-grid-count", ".pqs-grid-statements"):  # not shown, but read out
        box = cell.locator(hidden).bounding_box()
        assert box and box["width"] <= 1 and box["height"] <= 1, (hidden, box)
    expect(page.get_by_role("link", name=re.compile(r"^3\.2 Analyse and apply .* cited 4 times 1 of 1 statement cited$"))).to_have_count(1)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@browser_test(bypass_csp=True)  # axe is injected
def test_the_shared_view_passes_axe_light_and_dark(page, site_url, viewport):
    from test_gates import AXE_JS, AXE_RUN_JS, NO_TRANSITIONS, SCHEMES, SWITCH_JS, WCAG_TAGS

    link, _picture, _problems, _unrecorded = sender_link(page, site_url, viewport)
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        open_shared(page, link, viewport)
        page.add_style_tag(content=NO_TRANSITIONS)
        assert page.evaluate(SWITCH_JS, SCHEMES[scheme]) == SCHEMES[scheme]
        page.add_script_tag(path=str(AXE_JS))
        assert page.evaluate(AXE_RUN_JS, WCAG_TAGS) == [], scheme


def test_the_pdf_reader_reads_what_a_printout_says(tmp_path: Path):
    """The helper above finds the words and addresses of a PDF as Chromium writes one (so "no address" means something)."""
    text = "Hi 3.2 (https://x.test/)"
    glyphs = {ch: i + 3 for i, ch in enumerate(sorted(set(text)))}
    cmap = b"beginbfchar\n" + b"".join(b"<%04X> <%04X>\n" % (g, ord(ch)) for ch, g in glyphs.items()) + b"endbfchar\n"
    content = b"BT /F4 12 Tf [<" + "".join(f"{glyphs[ch]:04X}" for ch in text).encode() + b">] TJ ET"
    pdf = b"%PDF-1.4\n1 0 obj\n<</Type /Page /Resources <</Font <</F4 2 0 R>> >> /Contents 4 0 R>>\nendobj\n"
    pdf += b"2 0 obj\n<</Type /Font /ToUnicode 3 0 R>>\nendobj\n"
    packed = zlib.compress(cmap)
    pdf += b"3 0 obj\n<</Length %d /Filter /FlateDecode>> stream\n" % len(packed) + packed + b"\nendstream\nendobj\n"
    pdf += b"4 0 obj\n<</Length %d>> stream\n" % len(content) + content + b"\nendstream\nendobj\n"
    assert pdf_pages_and_text(pdf) == (1, text + "\n")


@browser_test(bypass_csp=True)  # a style that stops the theme's transitions, so colours are read as they end
def test_a_printout_from_the_dark_scheme_keeps_the_light_shades_in_order(page, site_url):
    """On paper the shades darken with the level whichever scheme the screen shows, under dark words."""
    from test_gates import NO_TRANSITIONS

    open_checker(page, site_url)
    page.add_style_tag(content=NO_TRANSITIONS)
    check_text(page, SHARED_LIST)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.get_by_role("button", name="Print the picture").evaluate("b => { window.print = () => {}; b.click(); }")
    page.emulate_media(media="print")
    white = (1.0, 1.0, 1.0)
    shades = {s["level"]: s for s in page.evaluate(LOOK) if not s["name"].startswith("legend")}
    darkness = [contrast(colour(shades[level]["background"], white), white) for level in range(4)]
    assert darkness == sorted(darkness) and len(set(darkness)) == 4, darkness
    for s in shades.values():
        shade = colour(s["background"], white)
        assert contrast(colour(s["text"], shade), shade) >= 4.5, s
