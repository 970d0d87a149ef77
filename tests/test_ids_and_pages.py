"""Units: the ID grammar, escaping, links between pages."""

from __future__ import annotations

import markdown
import pytest

from macros import pages
from macros.core import ids


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("3.2 D2", "3.2 D2"),
        ("3.2D2", "3.2 D2"),
        ("3.2-d2", "3.2 D2"),
        ("3.2 d2", "3.2 D2"),
        ("  4.2 K13 ", "4.2 K13"),
        ("PQS 3.2", "3.2"),
        ("3.2", "3.2"),
        ("3.10 K1", "3.10 K1"),
    ],
)
def test_usual_written_forms_are_recognised(written, canonical):
    assert ids.canonical(written) == canonical


@pytest.mark.parametrize("written", ["3", "3.2 X2", "3.2 D", "0.1", "3.2 D0", "D2", "3.2.1", ""])
def test_other_text_is_not_an_id(written):
    assert ids.canonical(written) is None


def test_slug_and_order():
    assert ids.slug("4.2 K13") == "4.2-K13"
    assert sorted(["3.10", "3.2", "3.2 D1", "3.2 K13", "3.2 K2"], key=ids.sort_key) == ["3.2", "3.2 K2", "3.2 K13", "3.2 D1", "3.10"]


@pytest.mark.parametrize(
    "hostile",
    ["*bold* _it_ `code`", "[a](https://x.test)", "<b>x</b> & y", "# not a heading", "1. not a list", "a | b", "x { #id }", "\\ back"],
)
def test_escaped_text_renders_literally(hostile):
    html = markdown.markdown(pages.text(hostile), extensions=["attr_list", "tables"])
    plain = html.removeprefix("<p>").removesuffix("</p>")
    assert plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#124;", "|") == hostile


def test_md_link_is_relative_between_pages():
    from macros.core.model import Outcome, Provenance, Source

    src = Source("s", "t", "p", True, "seed")
    outcome = Outcome("3.2", "text", Provenance(src, "at"), "none", "3")
    assert pages.md_link("about.md", outcome, "3.2") == "[3.2](outcomes/3.2.md)"
    assert pages.md_link("outcomes/3.1.md", outcome, "3.2", title='a "q"') == '[3.2](3.2.md "a &quot;q&quot;")'


@pytest.mark.parametrize(("value", "shown"), [("2025-03-20", "20 March 2025"), ("2027-09", "September 2027"), ("2025", "2025")])
def test_dates_read_as_people_write_them(value, shown):
    assert pages.date(value) == shown
