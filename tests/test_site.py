"""One strict build of the real site, checked over its HTML and search index."""

from __future__ import annotations

import json
import re

import pytest
import sitecheck

from macros.core import ids
from macros.core.model import Domain, Outcome, Statement


def page(site, path):
    return sitecheck.parse(site / path / "index.html")


def test_no_broken_internal_link_or_anchor(built_site):
    assert sitecheck.broken_links(built_site) == []


def test_the_checker_sees_a_dead_anchor(built_site, tmp_path):
    broken = tmp_path / "x" / "index.html"
    broken.parent.mkdir()
    broken.write_text('<a href="#nowhere">x</a><a href="../missing/">y</a>', encoding="utf-8")
    assert len(sitecheck.broken_links(tmp_path)) == 2


def test_every_id_has_a_permalink_that_leads_to_its_text(built_site, framework):
    for item_id, item in framework.index.items():
        stub = built_site / "id" / ids.slug(item_id) / "index.html"
        html = stub.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        path, fragment = sitecheck.resolve(built_site, stub, target)
        dest = sitecheck.parse(path)
        if isinstance(item, Statement):
            assert fragment == ids.slug(item_id)
            assert fragment in dest.ids
        else:
            assert fragment == ""
            assert path.parent.name == item_id
        text = item.title if isinstance(item, Domain) else item.text
        assert " ".join(text.split()) in dest.text, item_id


def test_home_page_shows_the_whole_framework(built_site, framework):
    """Every domain and outcome, each linked; an outcome's words cut short (tests/test_grid.py), in full on its page."""
    home = page(built_site, ".")
    assert "6 domains · 26 outcomes" in home.text
    urls = {url for _, url in home.links}
    for outcome in framework.current.outcomes:
        assert " ".join(outcome.text.split()[:3]) in home.text
        assert f"outcomes/{outcome.id}/" in urls
        assert outcome.text in page(built_site, f"outcomes/{outcome.id}").text
    for domain in framework.current.domains:
        assert f"domains/{domain.id}/" in urls


def test_outcome_page_shows_ids_texts_sources_and_completeness(built_site, framework):
    outcome = framework.index["3.2"]
    html = page(built_site, "outcomes/3.2")
    assert {"3.2", "3.2-D2", "3.2-does", "3.2-sources"} <= html.ids
    assert "3.2-knows" not in html.ids  # no knows statement is recorded: the page does not say so twice
    assert "1 statement recorded here (0 knows, 1 does)" in html.text
    # The source is cited once, at the foot of the page, with what was taken from where.
    assert "Cafcass' response to the Department for Education's (DfE) consultation" in html.text
    assert html.text.count("Cafcass' response to the Department") == 1
    assert "3.2 D2, Question 13" in html.text
    assert outcome.statements[0].text in html.text
    assert "Previous: 3.1" in html.text and "Next: 3.3" in html.text


def test_unnumbered_statements_show_no_invented_id(built_site, framework):
    outcome = framework.index["3.1"]
    html = page(built_site, "outcomes/3.1")
    assert "8 statements recorded here (4 knows, 4 does)" in html.text
    for statement in outcome.statements:
        assert statement.id is None
        assert statement.anchor in html.ids
    assert not re.search(r"3\.1 [KD]\d", html.text), "a 3.1 statement shows a number the sources do not give"
    assert not (built_site / "id" / "3.1-K1").exists()


def test_edition_and_status_on_every_page(built_site, framework):
    """Every page that is not a redirect names the edition, its status (in the data's words) and what superseded it."""
    edition = framework.current
    status = framework.statuses[edition.status].label
    for path in sitecheck.html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html or path.name == "404.html":
            continue
        text = sitecheck.parse(path).text
        assert f"{status}: {edition.title}" in text, path
        assert f"Superseded by {edition.superseded_by.title}" in text, path


def test_licence_and_attribution_in_the_footer(built_site, framework):
    text = page(built_site, "about").text
    assert f"Standards text {framework.current.copyright}, from the Department for Education" in text
    assert "Open Government Licence v3.0" in text


def test_which_standard_applies_when(built_site):
    text = page(built_site, "about").text
    assert "The Knowledge and Skills Statements (KSS) are in use until 31 March 2027." in text
    assert "1 April 2027 The early career standards apply from this date." in text


def test_macros_link_ids_with_their_text_on_hover(built_site, framework):
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    statement = next(s for s in framework.current.statements if s.id and s.kind == "does")
    slug = statement.id.replace(" ", "-")
    match = re.search(rf'<a href="([^"]+)" title="([^"]+)">{re.escape(statement.id)}</a>', html)
    assert match, f"no link for {{{{ id_explained('does') }}}} ({statement.id})"
    assert match.group(1) == f"../outcomes/{statement.outcome_id}/#{slug}"
    assert match.group(2).startswith(statement.text[:40])


def test_search_index_points_ids_at_their_sections(built_site, framework):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for statement in framework.current.statements:
        loc = f"outcomes/{statement.outcome_id}/#{statement.anchor}"
        assert loc in by_location, loc
        # The section's title is the ID with the statement's words, so both rank it.
        assert statement.text[:30] in by_location[loc]["title"]
        if statement.id:
            assert by_location[loc]["title"].startswith(statement.id + " ")
    # The outcome page's own text does not repeat statement IDs, which would outrank the statements.
    assert "3.2 D2" not in by_location["outcomes/3.2/"]["text"]
    # The separator keeps "3.2" whole: IDs are searchable terms.
    separator = index["config"]["separator"]
    assert re.split(separator, "3.2 D2") == ["3.2", "D2"]
    assert re.split(separator, "3.2-d2") == ["3.2", "d2"]


def test_no_page_loads_anything_from_another_host(built_site):
    for path in sitecheck.html_pages(built_site):
        for tag, url in sitecheck.parse(path).links:
            if tag in ("script", "link", "img", "iframe", "source"):
                assert not re.match(r"(https?:)?//", url), f"{path}: <{tag}> {url}"


def test_generated_pages_say_they_come_from_the_yaml(built_site):
    assert "This page is generated from data/pqs.yaml" in page(built_site, "outcomes/1.1").text
    assert "This page is generated from" not in page(built_site, "about").text


def test_schema_is_published(built_site):
    schema = json.loads((built_site / "schema" / "pqs.schema.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("PQS reference site data")


@pytest.mark.parametrize("path", ["domains/3", "outcomes/4.2"])
def test_domain_and_outcome_pages_exist_for_every_item(built_site, framework, path):
    for item in framework.index.values():
        if isinstance(item, Domain):
            assert (built_site / "domains" / item.id / "index.html").exists()
        elif isinstance(item, Outcome):
            assert (built_site / "outcomes" / item.id / "index.html").exists()
    assert (built_site / path / "index.html").exists()


def test_the_readme_layout_table_matches_the_tree():
    """Every path the README's layout table names exists, and every package under macros/ is in it."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Layout", 1)[1].split("\n\n", 2)[2]
    named = set(re.findall(r"^\| `([^`]+)`", table, re.M)) | set(re.findall(r"^\| `[^`]+`, `([^`]+)`", table, re.M))
    assert named
    for path in named:
        assert (ROOT / path).exists(), f"the README names {path}, which does not exist"
    packages = {p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "macros").glob("*/__init__.py")}
    assert packages <= named, f"packages missing from the README's layout table: {packages - named}"


def test_no_page_has_an_empty_section_or_two_headings_alike(built_site):
    assert sitecheck.heading_problems(built_site) == []


def test_the_heading_check_sees_an_empty_section_and_a_repeated_heading(tmp_path):
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<article class="md-content__inner md-typeset"><h1>T</h1><h2 id="a">What is new</h2><h2 id="b">Seen</h2><p>x</p>'
        '<h2 id="c">Seen</h2><p>y</p><h2 id="d">Filled by a script</h2><ul id="list"></ul></article>',
        encoding="utf-8",
    )
    assert sitecheck.heading_problems(tmp_path) == ["p/index.html: nothing under “What is new”", "p/index.html: two headings “Seen”"]
