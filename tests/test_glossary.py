"""The glossary: each term defined once in the data, on its own page, and explained wherever it appears."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest
import sitecheck
import yaml
from conftest import rendered
from test_loader import data, line_of, problems

from macros.core.model import Term
from macros.render import render_site

ENTRY = {
    "term": "ASYE",
    "stands_for": "assessed and supported year in employment",
    "meaning": "A first year.",
    "source": {"ref": "doc", "at": "p. 1"},
}


def glossary_page(fw) -> str:
    return rendered(fw)["glossary.md"]


def test_the_glossary_page_defines_every_term_once_in_alphabetical_order(framework):
    page = glossary_page(framework).replace("\\", "")
    headings = re.findall(r"^## (.+?) \{ #([a-z0-9-]+) \}$", page, re.M)
    assert [h for h, _ in headings] == sorted((t.term for t in framework.glossary), key=str.lower)
    assert len({a for _, a in headings}) == len(headings)
    for term in framework.glossary:
        section = page.split(f"## {term.term} {{", 1)[1].split("\n## ", 1)[0]
        if term.stands_for:
            assert f"Short for *{' '.join(term.stands_for.split())}*." in section
        words = " ".join(term.meaning.split())
        assert words.split()[0] in section and words.split()[-1].rstrip(".") in section
        assert f"{term.provenance.at}." in section.replace("\\", "")


def test_knows_and_does_quote_each_edition_own_words(framework):
    page = glossary_page(framework)
    for kind in ("knows", "does"):
        section = page.split(f"## {kind} {{", 1)[1].split("\n## ", 1)[0].replace("\\", "").replace("&#x27;", "'")
        for edition in framework.editions.values():
            if kind in edition.meanings:
                assert f"In the words of the {edition.short_title}" in section
                assert " ".join(edition.meanings[kind].text.split()) in " ".join(section.split())


def test_the_glossary_follows_the_page_about_the_standards_in_the_navigation(framework):
    site = render_site(framework)
    nav = site.nav([{"Home": "index.md"}, {"About the PQS": "about.md"}, {"Sources": "sources.md"}])
    titles = [next(iter(entry)) for entry in nav]
    assert titles.index("Glossary") == titles.index("About the PQS") + 1
    assert site.nav([{"Home": "index.md"}])[-1] == {"Glossary": "glossary.md"}


def test_data_without_a_glossary_has_no_glossary_page(framework):
    site = render_site(dataclasses.replace(framework, glossary=()))
    assert "glossary.md" not in site.files
    assert all("Glossary" not in entry for entry in site.nav([{"Home": "index.md"}, {"About": "about.md"}]))


def test_a_term_defined_twice_is_refused_with_its_line(tmp_path):
    d = data()
    d["glossary"] = [dict(ENTRY, source=dict(ENTRY["source"])), {**ENTRY, "term": "asye", "source": dict(ENTRY["source"])}]
    text = yaml.safe_dump(d, sort_keys=False)
    found = problems(tmp_path, text)
    assert [(p.line, p.message) for p in found] == [(line_of(text, "term: asye"), "the term 'asye' is already defined at glossary[0]")]
    assert "define each term once" in found[0].fix


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"source": {"ref": "nowhere", "at": "x"}}, "unknown source 'nowhere'"),
        ({"term": "AS<b>YE"}, "letters and digits"),
        ({"term": "ASYE" * 11}, "at most 40"),
        ({"stands_for": "x" * 121}, "at most 120"),
        ({"kind": "shows"}, "knows"),
    ],
)
def test_a_bad_glossary_entry_is_refused(tmp_path, change, says):
    d = data()
    d["glossary"] = [{**ENTRY, **change}]
    found = problems(tmp_path, d)
    assert any(says in p.message or says in p.fix for p in found), found
    assert all(p.file == "data/pqs.yaml" and p.line for p in found)


# -- on the built site -----------------------------------------------------------------------------


class _Marks(HTMLParser):
    """Every <abbr> in a page's article: (term, title, the pqs-term link around it, inside a heading or another link)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.found: list[tuple[str, str, str | None, bool]] = []
        self.abbr: tuple[str, str | None, bool] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "abbr":
            around = self.open[-1] if self.open else ("", {})
            href = around[1].get("href") if around[0] == "a" and around[1].get("class") == "pqs-term" else None
            other = any(t in {"h1", "h2", "h3", "h4", "h5", "h6"} or (t == "a" and d.get("class") != "pqs-term") for t, d in self.open)
            self.abbr = (a.get("title") or "", href, other)
            self.text = ""
        self.open.append((tag, a))

    def handle_data(self, data):
        if self.abbr is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "abbr" and self.abbr is not None:
            self.found.append((self.text, *self.abbr))
            self.abbr = None
        while self.open and self.open.pop()[0] != tag:
            pass


def _marks(html_path):
    text = html_path.read_text(encoding="utf-8")
    if "<article" not in text:
        return []  # a redirect
    parser = _Marks()
    parser.feed("<article" + text.split("<article", 1)[1].split("</article>", 1)[0] + "</article>")
    return parser.found


@pytest.mark.build
def test_every_abbreviation_shows_its_full_form_and_its_first_mark_links_to_its_entry(built_site, framework):
    full = {t.term: " ".join(t.stands_for.split()) for t in framework.glossary if t.stands_for}
    anchors = {t.term: t.anchor for t in framework.glossary}
    seen_terms = set()
    for path in sorted(built_site.rglob("index.html")):
        if path.parent.name == "glossary":
            continue
        linked: set[str] = set()
        marks = [m for m in _marks(path) if m[0] in full]  # the site's own <abbr>s (a matrix's M1) aside
        for term, title, href, elsewhere in marks:
            assert title == full[term], (path, term)
            seen_terms.add(term)
            if href:
                assert not elsewhere and term not in linked, (path, term)
                linked.add(term)
                target, fragment = sitecheck.resolve(built_site, path, href)
                assert target == built_site / "glossary" / "index.html" and fragment == anchors[term]
        # The first mark of a term that a reader can follow (not in a heading or another link) is linked.
        unlinked_body = {t for t, _, href, elsewhere in marks if not href and not elsewhere}
        assert unlinked_body <= linked, f"{path}: a term's first mark outside a heading is not linked"
    assert {"KSS", "PQS", "ASYE", "SWIP", "ECDP"} <= seen_terms


@pytest.mark.build
def test_search_finds_each_term_on_the_glossary_page(built_site, framework):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    sections = {d["location"]: d for d in index if d["location"].startswith("glossary/")}
    for term in framework.glossary:
        entry = sections[f"glossary/#{term.anchor}"]
        assert term.term in entry["title"]
        if term.stands_for:
            assert " ".join(term.stands_for.split()) in entry["text"]


def test_term_anchors_are_plain_names():
    assert Term("Early career", "x", None, None).anchor == "early-career"  # type: ignore[arg-type]
