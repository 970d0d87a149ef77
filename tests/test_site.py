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
    """/id/<ID>/ leads to the item where the ID means the same in every edition; where it does not (or an edition
    may have it unrecorded here), it is a page naming the current edition's item, with a link to it."""
    from macros.core.history import history

    for item_id, item in framework.index.items():
        stub = built_site / "id" / ids.slug(item_id) / "index.html"
        html = stub.read_text(encoding="utf-8")
        text = item.title if isinstance(item, Domain) else item.text
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        if not history(framework, item_id).steady:
            assert refresh is None, f"{item_id} does not mean the same in every edition, but its short link simply redirects"
            page = sitecheck.parse(stub)
            assert " ".join(text.split()) in page.text, item_id
            assert f"{item_id} in each edition" in page.text
            continue
        path, fragment = sitecheck.resolve(built_site, stub, refresh.group(1))
        dest = sitecheck.parse(path)
        if isinstance(item, Statement):
            assert fragment == ids.slug(item_id)
            assert fragment in dest.ids
        else:
            assert fragment == ""
            assert path.parent.name == item_id
        assert " ".join(text.split()) in dest.text, item_id


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def test_home_page_shows_the_whole_framework(built_site, framework):
    """Every domain and outcome, each linked; an outcome's words cut short (tests/test_grid.py), in full on its page."""
    home = page(built_site, ".")
    edition = framework.current
    assert f"{plural(len(edition.domains), 'domain')} · {plural(len(edition.outcomes), 'outcome')}" in home.text
    urls = {url for _, url in home.links}
    for outcome in edition.outcomes:
        assert " ".join(outcome.text.split()[:3]) in home.text
        assert f"outcomes/{outcome.id}/" in urls
        assert outcome.text in page(built_site, f"outcomes/{outcome.id}").text
    for domain in edition.domains:
        assert f"domains/{domain.id}/" in urls


def test_outcome_page_shows_ids_texts_sources_and_completeness(built_site, framework):
    """The outcome with the most numbered statements: each with its ID and words, the count by kind, every source
    cited once at the foot of the page with what was taken from where, and its neighbours."""
    edition = framework.current
    outcome = max(edition.outcomes, key=lambda o: (sum(1 for s in o.statements if s.id), -edition.position[o.id]))
    numbered = [s for s in outcome.statements if s.id]
    assert numbered, "some outcome has numbered statements"
    html = page(built_site, f"outcomes/{outcome.id}")
    assert {outcome.id, f"{outcome.id}-sources"} | {ids.slug(s.id) for s in numbered} <= html.ids
    for kind in ("knows", "does"):
        # a kind with no statement recorded has no heading: the page does not say so twice
        assert (f"{outcome.id}-{kind}" in html.ids) == bool(outcome.of_kind(kind)), kind
    knows, does = len(outcome.of_kind("knows")), len(outcome.of_kind("does"))
    assert f"{plural(knows + does, 'statement')} recorded here ({knows} knows, {does} does)" in html.text
    for source in {s.provenance.source for s in numbered}:
        assert html.text.count(source.title) == 1, source.title
    for statement in numbered:
        assert statement.text in html.text
        assert f"{statement.id}, {statement.provenance.at}" in html.text
    i = edition.position[outcome.id]
    if i > 0:
        assert f"Previous: {edition.outcomes[i - 1].id}" in html.text
    if i + 1 < len(edition.outcomes):
        assert f"Next: {edition.outcomes[i + 1].id}" in html.text


def test_every_permalink_target_shows_its_item(built_site, framework):
    """The page and anchor each ID's permalink leads to (tests/test_gates.py checks every redirect) shows that
    item's words: a statement's under its anchor, an outcome's or domain's as the page's heading. In a browser,
    tests/test_browser.py follows a sample of the permalinks themselves."""
    problems, seen = [], {}
    for item_id, item in framework.index.items():
        path, anchor, wanted = sitecheck.permalink_target(ids.kind_of(item_id), item_id, item)
        if path not in seen:
            seen[path] = sitecheck.texts(built_site / path / "index.html")
        shown = seen[path].words.get(anchor, "(nothing)") if anchor else seen[path].h1
        if not sitecheck.shows(shown, wanted):
            problems.append(f"{item_id}: /{path} shows {shown[:80]!r}, not {wanted!r}")
    assert len(seen) == len(framework.current.outcomes) + len(framework.current.domains)
    assert problems == []


def test_unnumbered_statements_show_no_invented_id(built_site, framework):
    outcomes = [o for o in framework.current.outcomes if any(s.id is None for s in o.statements)]
    assert outcomes, "some statements are quoted without their numbers"
    for outcome in outcomes:
        html = page(built_site, f"outcomes/{outcome.id}")
        knows, does = len(outcome.of_kind("knows")), len(outcome.of_kind("does"))
        assert f"{plural(knows + does, 'statement')} recorded here ({knows} knows, {does} does)" in html.text
        for statement in outcome.statements:
            assert statement.anchor in html.ids
            if statement.id is None:
                assert not (built_site / "id" / f"{ids.slug(outcome.id)}-{statement.key}").exists()
        numbers = {s.id for s in outcome.statements if s.id}
        shown = set(re.findall(rf"{re.escape(outcome.id)} [KD]\d+", html.text))
        assert shown <= numbers, f"{outcome.id} shows numbers the sources do not give: {sorted(shown - numbers)}"


def test_edition_and_status_on_every_page(built_site, framework):
    """Every page that is not a redirect names its edition (an earlier edition's pages, under its key, that
    edition; every other page the current one), its status in the data's words, and what superseded it."""
    earlier = [k for k in framework.editions if k != framework.current.key]
    for path in sitecheck.html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html or path.name == "404.html":
            continue
        rel = path.relative_to(built_site).as_posix()
        edition = framework.editions[next((k for k in earlier if rel.startswith(f"{k}/")), framework.current.key)]
        text = sitecheck.parse(path).text
        assert f"{framework.statuses[edition.status].label}: {edition.title}" in text, path
        if edition.superseded_by:
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
    # An outcome page's own text does not repeat its statement IDs, which would outrank the statements.
    for outcome in framework.current.outcomes:
        for statement_id in outcome.cited_ids:
            assert statement_id not in by_location[f"outcomes/{outcome.id}/"]["text"], statement_id
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


def test_the_readme_names_the_module_and_template_of_every_page_kind_and_download():
    """The README's table of page kinds and downloads names every module of macros/render/pages/ (but the shared
    items.py) and every module downloads.py registers, and each template it names exists."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Page kinds and downloads", 1)[1].split("\n\n", 3)[2]
    rows = re.findall(r"^\| `(macros/render/[^`]+)` \|[^|]*\|[^|]*\|([^|]*)\|$", table, re.M)
    named = {module for module, _ in rows}
    kinds = {p.relative_to(ROOT).as_posix() for p in (ROOT / "macros" / "render" / "pages").glob("*.py")}
    assert kinds - {"macros/render/pages/__init__.py", "macros/render/pages/items.py"} <= named
    registry = (ROOT / "macros" / "render" / "downloads.py").read_text(encoding="utf-8")
    registered = {f"macros/render/{m}.py" for m in re.findall(r"^from macros\.render import (.+)$", registry, re.M)[0].split(", ")}
    assert registered | {"macros/render/moodle.py"} <= named
    for _, templates in rows:
        for template in re.findall(r"`([^`]+)`", templates):
            assert (ROOT / "macros" / "render" / "templates" / template).is_file(), template


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
