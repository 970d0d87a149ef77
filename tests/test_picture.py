"""The coverage picture pqs-check draws (--svg, --html), and the checker's page downloads.

macros/checker/heatmap.py draws it once, with markers where the values depend on the list; pqs-check
fills them in Python, the checker's page in the browser (compared byte for byte in
test_tools_browser.py). Here: the levels and words, what the picture shows for a list, and that it
stays well-formed and literal whatever the data says.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.checker import cli, heatmap
from macros.checker.coverage import Coverage, DomainCoverage, OutcomeCoverage, StatementCoverage, coverage

SVG = "{http://www.w3.org/2000/svg}"
DATA = ROOT / "data" / "pqs.yaml"
SCHEMA = ROOT / "data" / "pqs.schema.json"


def test_levels_follow_how_often_an_outcome_is_cited():
    assert [heatmap.level(n) for n in range(7)] == [0, 1, 2, 2, 3, 3, 3]
    assert [heatmap.count_words(n) for n in (0, 1, 2, 12)] == ["not cited", "cited once", "cited 2 times", "cited 12 times"]
    assert heatmap.statements_words(1, 1) == "1 of 1 statement cited"
    assert heatmap.statements_words(0, 3) == "0 of 3 statements cited"
    assert heatmap.statements_words(0, 0) == ""


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    return root


def picture_cells(root: ET.Element) -> dict[str, dict[str, object]]:
    out = {}
    for g in root.iter(f"{SVG}g"):
        if "cell" in g.get("class", "").split():
            texts = [t.text or "" for t in g.iter(f"{SVG}text")]
            out[g.get("data-outcome")] = {"class": g.get("class"), "texts": texts, "title": g.find(f"{SVG}title").text}
    return out


@pytest.fixture
def project_data(monkeypatch):
    monkeypatch.setenv("PQS_DATA", str(DATA))
    monkeypatch.setenv("PQS_SCHEMA", str(SCHEMA))


LIST = "Assessment skills: PQS 3.1, 3.2 D2\nWorking with families: PQS 2.4, 2.5 D4, 3.2 D2\nLeading: 6.2 D1, PQS 3.2, 3.2\n"


def test_pqs_check_writes_the_picture_as_svg_and_html(project_data, tmp_path, capsys, framework):
    (tmp_path / "list.txt").write_text(LIST, encoding="utf-8")
    svg, page = tmp_path / "out.svg", tmp_path / "out.html"
    assert cli.main([str(tmp_path / "list.txt"), "--svg", str(svg), "--html", str(page), "-q"]) == 0
    root = parse_svg(svg.read_text(encoding="utf-8"))
    grid = picture_cells(root)
    assert list(grid) == [o.id for o in framework.current.outcomes]
    # 3.2 itself twice (PQS 3.2, 3.2) and 3.2 D2 twice: four times, the top level; its one recorded statement cited.
    assert grid["3.2"]["class"] == "cell h3"
    assert grid["3.2"]["texts"][-2:] == ["cited 4 times", "1 of 1 statement cited"]
    assert grid["3.1"]["class"] == "cell h1" and grid["3.1"]["texts"][-1] == "cited once"
    assert grid["1.1"]["class"] == "cell h0" and grid["1.1"]["texts"][-1] == "not cited"
    assert grid["4.2"]["texts"][-2:] == ["not cited", "0 of 1 statement cited"]
    assert grid["3.2"]["title"].startswith("3.2 Analyse and apply") and grid["3.2"]["title"].endswith(
        ": cited 4 times; 1 of 1 statement cited"
    )
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert "5 of 26 outcomes cited" in words
    assert "2 of 3 outcomes cited" in words  # domain 3
    for _least, legend in heatmap.WORDS["levels"]:  # the legend names every level in words
        assert legend in words
    assert root.find(f"{SVG}title").text == f"PQS coverage: {framework.current.short_title}"
    # The page holds the very same drawing, and asks for nothing from anywhere.
    html = page.read_text(encoding="utf-8")
    assert svg.read_text(encoding="utf-8") in html
    assert not re.search(r"(src|href)=", html) and "@import" not in html and "url(" not in html


def filled_dots(root: ET.Element) -> dict[str, int]:
    """How many of each cell's and legend key's dots the drawing's own style fills in the text's colour:
    {'3.2': 3, ..., 'key0': 0, 'key3': 3}. The style's rules are plain ``.hN .mK`` selectors."""
    style = root.find(f"{SVG}style").text or ""
    filled: set[tuple[str, str]] = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style):
        if f"fill:{heatmap.INK}" in body:
            filled |= {tuple(s.split()) for s in selectors.split(",") if re.fullmatch(r"\.h\d \.m\d", s)}
    out = {}
    for g in root.iter(f"{SVG}g"):
        classes = g.get("class", "").split()
        level = next((c for c in classes if re.fullmatch(r"h\d", c)), None)
        if level is None:
            continue
        dots = [c.get("class", "").split() for c in g.iter(f"{SVG}circle")]
        assert len(dots) == 3, dots  # every cell and key has its three dots
        name = g.get("data-outcome") or f"key{level[1:]}"
        out[name] = sum(1 for d in dots if any((f".{level}", f".{k}") in filled for k in d))
    return out


def test_each_level_has_its_own_mark_as_well_as_its_shade(project_data, tmp_path, framework):
    """Levels differ by more than colour: as many dots filled as the level, in the cells and in the legend."""
    (tmp_path / "list.txt").write_text(LIST, encoding="utf-8")
    svg = tmp_path / "out.svg"
    assert cli.main([str(tmp_path / "list.txt"), "--svg", str(svg), "-q"]) == 0
    dots = filled_dots(parse_svg(svg.read_text(encoding="utf-8")))
    assert {k: dots[k] for k in ("key0", "key1", "key2", "key3")} == {"key0": 0, "key1": 1, "key2": 2, "key3": 3}
    assert (dots["1.1"], dots["3.1"], dots["3.2"]) == (0, 1, 3)
    cov = coverage(framework.current, [("2.4", "a"), ("2.4", "b"), ("2.4", "c")])
    assert filled_dots(parse_svg(heatmap.svg(cov, "x")))["2.4"] == 2


def test_an_unwritable_picture_exits_2(project_data, tmp_path, capsys):
    (tmp_path / "list.txt").write_text(LIST, encoding="utf-8")
    for option in ("--svg", "--html"):
        assert cli.main([str(tmp_path / "list.txt"), option, str(tmp_path / "no" / "such" / "folder.svg"), "-q"]) == 2
        assert "pqs-check: cannot write the report" in capsys.readouterr().err


def test_the_picture_is_the_drawing_with_its_markers_filled(framework):
    """One drawing: the browser gets draw()'s markers and fills them as fill() does (compared byte for byte
    in test_tools_browser.py); here, every marker of the drawing has a value and none is left over."""
    cov = coverage(framework.current, [("3.2", "a"), ("3.2 D2", "b"), ("2", "c")])
    drawing = heatmap.draw(cov, framework.current.short_title)
    markers = {m.group(1) + (":" + m.group(2) if m.group(2) else "") for m in heatmap.MARKER.finditer(drawing)}
    assert markers == set(heatmap.values(cov))
    picture = heatmap.svg(cov, framework.current.short_title)
    assert not heatmap.MARKER.search(picture)
    assert picture == heatmap.fill(drawing, heatmap.values(cov))
    assert heatmap.browser_payload(framework.current)["svg"] == heatmap.draw(coverage(framework.current, []), framework.current.short_title)


# Any text the data may hold (the loader refuses control characters; XML cannot hold them either).
DATA_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(title=DATA_TEXT, texts=st.lists(DATA_TEXT, min_size=1, max_size=4), cited=st.lists(st.integers(0, 6), min_size=4, max_size=4))
def test_the_picture_stays_well_formed_and_literal_whatever_the_data_says(title, texts, cited):
    """Markup, entities, quotes and things shaped like the drawing's markers (%C:1.1%) in the data show as
    themselves: the SVG parses, each cell keeps its count, and no data text is taken for a marker."""
    outcomes = tuple(
        OutcomeCoverage(
            f"1.{i + 1}",
            "1",
            text + " %C:1.1% %SUMMARY%",
            tuple("x" for _ in range(cited[i])),
            (StatementCoverage(f"1.{i + 1} D1", f"1.{i + 1}", "1", "does", text, ()),),
            0,
        )
        for i, text in enumerate(texts)
    )
    cov = Coverage((DomainCoverage("1", title, (), outcomes),))
    root = parse_svg(heatmap.svg(cov, title + " <&>"))
    grid = picture_cells(root)
    for i, text in enumerate(texts):
        cell = grid[f"1.{i + 1}"]
        assert cell["class"] == f"cell h{heatmap.level(cited[i])}"
        assert cell["texts"][-2:] == [heatmap.count_words(cited[i]), "0 of 1 statement cited"]
        lines = cell["texts"][1:-2]
        assert 1 <= len(lines) <= heatmap.TEXT_LINES and all(len(line) <= heatmap.TEXT_CHARS for line in lines), lines
        shown = "".join("".join(lines).split()).removesuffix("…")
        assert "".join((text + " %C:1.1% %SUMMARY%").split()).startswith(shown), (lines, text)
    assert root.find(f"{SVG}title").text == "PQS coverage: " + title + " <&>"
