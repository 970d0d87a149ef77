"""The KSS baseline, the crosswalk, the diff page and consultation feedback in the built site."""

from __future__ import annotations

import re
from html import unescape

import pytest
import sitecheck
from conftest import FIXTURES, mkdocs_build, project_with

from macros.core import diff
from macros.core.diff import TYPE_LABEL
from macros.routes import Routes


def page(site, path):
    return sitecheck.parse(site / path / "index.html")


def kss(framework):
    """The crosswalk from the KSS, the baseline, to the edition it is compared with."""
    (crosswalk,) = [c for c in framework.crosswalks if c.source in framework.baselines]
    return crosswalk


def outcome_page(framework, edition: str, outcome_id: str) -> str:
    """Where an edition's outcome is on the site (the current edition's at the top, another's under its key)."""
    return Routes(framework.current.key).outcome(edition, outcome_id).url.rstrip("/")


def test_every_crosswalk_link_shows_on_both_ends(built_site, framework):
    crosswalk = kss(framework)
    areas = {a.key: a for a in framework.baselines[crosswalk.source].areas}
    changes = page(built_site, f"changes/{crosswalk.key}").text
    baseline = page(built_site, crosswalk.source)
    for link in crosswalk.links:
        row = f"{areas[link.source].title} {link.target} {TYPE_LABEL[link.type]} {link.rationale}"
        assert row in changes, row
        assert f"{link.target} ({TYPE_LABEL[link.type]}): {link.rationale}" in baseline.text
        outcome_id = link.target.split(" ")[0]
        on_its_page = page(built_site, outcome_page(framework, crosswalk.target, outcome_id)).text
        assert f"{areas[link.source].title} ({TYPE_LABEL[link.type]})" in on_its_page
    assert set(areas) <= baseline.ids


def test_an_outcome_with_no_ancestor_says_so_as_strongly_as_its_evidence(built_site, framework):
    """'New' only where a source says so; otherwise that no area carries it here, and what that was judged on (every
    title, and the text of the areas recorded), never simply 'new'."""
    crosswalk = kss(framework)
    baseline = framework.baselines[crosswalk.source]
    worded = sum(1 for a in baseline.areas if a.text)
    sourced = unsourced = 0
    for item in crosswalk.new:
        text = page(built_site, outcome_page(framework, crosswalk.target, item.id)).text
        assert item.note in text
        if item.provenance:
            sourced += 1
            assert f"New, as our sources say: {item.note}" in text
        else:
            unsourced += 1
            said = f"No area of the {baseline.short_title} carries this outcome here (judged on every area’s title and the text of {worded} of the {len(baseline.areas)})."
            assert said in text and "New" not in text.split("In the Knowledge")[1].split("The whole comparison")[0]
    assert sourced and unsourced


def test_each_link_says_whether_it_rests_on_the_areas_text_or_its_title_and_shows_the_text(built_site, framework):
    crosswalk = kss(framework)
    areas = {a.key: a for a in framework.baselines[crosswalk.source].areas}
    both = set()
    for link in crosswalk.links:
        area = areas[link.source]
        html = (built_site / outcome_page(framework, crosswalk.target, link.target.split(" ")[0]) / "index.html").read_text(
            encoding="utf-8"
        )
        text = sitecheck.parse(built_site / outcome_page(framework, crosswalk.target, link.target.split(" ")[0]) / "index.html").text
        rests = "on the area’s text" if area.text else "on the area’s title alone"
        assert f"{link.rationale} (A judgement {rests}.)" in text, (link.source, link.target)
        both.add(bool(area.text))
        if area.text:  # the area's own words beside the link, folded
            assert f"The text of the area “{area.title}”" in text
            assert " ".join((area.text.paragraphs or area.text.points)[0].split()) in text
            assert '<details class="pqs-area-text">' in html
    assert both == {True, False}


def test_the_diff_page_gives_the_change_at_a_glance(built_site, framework):
    text = page(built_site, "changes/kss-to-draft-2025").text
    assert "Structure 10 areas 6 domains, 26 outcomes" in text
    assert "Length of the document 5 pages 33 pages" in text
    comparison = diff.compare(framework, kss(framework))
    new, outcomes = len(comparison.new_items), len(comparison.edition.outcomes)
    assert f"Outcomes with an ancestor in the Knowledge and Skills Statements (KSS) {outcomes - new} of {outcomes}" in text
    assert f"Outcomes no area carries here (judged on every area’s title and the text of 5 of the 10) {new}" in text
    assert "Areas with no clear home, or thinner 4 of 10" in text
    assert "Domain 1: Anti-discriminatory practice: every outcome of the domain." in text
    for heading in ("What is new, or carried by no area here", "What is carried over", "What is thinner", "The picture"):
        assert heading in text


def test_the_crosswalk_outcome_by_outcome_gives_every_link_and_every_new_outcome_once(built_site, framework):
    """A reader looking up an outcome finds each of its links, or that it is new; outcomes of one domain
    next to each other whose rows would say the same share a row (the new domain's four outcomes)."""
    html = (built_site / "changes" / "kss-to-draft-2025" / "index.html").read_text(encoding="utf-8")
    comparison = diff.compare(framework, kss(framework))
    edition = comparison.edition
    table = html[html.index('id="to-draft-2025"') :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    seen: list[tuple[str, str]] = []
    rows: set[tuple[str, str]] = set()
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        first, _, link = (unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S))
        rows.add((first, link))
        outcomes = first.split(", ")
        assert len({o.split(".")[0] for o in outcomes}) == 1, f"a row across domains: {first}"
        seen += [(o, link) for o in outcomes]
    want = [(o.id, TYPE_LABEL[k.type]) for o in edition.outcomes for k in comparison.ancestors(o.id)]
    want += [(o.id, "new") for o in edition.outcomes if not comparison.ancestors(o.id)]
    assert sorted(seen) == sorted(want)
    # A new outcome's words are under "What is new", so its link here has none on hover.
    new_section = html[html.index('id="new"') : html.index('id="carried-over"')]
    for outcome in (o for o in edition.outcomes if not comparison.ancestors(o.id)):
        assert outcome.text in unescape(re.sub(r"<[^>]+>", "", new_section)), outcome.id
    assert ("1.1, 1.2, 1.3, 1.4", "new") in rows


def test_the_matrix_counts_links_per_domain(built_site, framework):
    html = (built_site / "changes" / "kss-to-draft-2025" / "index.html").read_text(encoding="utf-8")
    comparison = diff.compare(framework, framework.crosswalks[0])
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', html)
    assert len(rows) == 10
    titles = dict(comparison.old.items)
    for (key, cells), (title, row_html) in zip(comparison.matrix(), rows, strict=True):
        assert title == titles[key].replace("&", "&amp;")
        shown = [int(n) if n else 0 for n in re.findall(r'<td class="pqs-cell[^"]*">(\d*)<', row_html)]
        assert shown == cells
    assert sum(sum(cells) for _, cells in comparison.matrix()) == len(framework.crosswalks[0].links)


@pytest.mark.build
def test_the_diff_follows_the_data(tmp_path):
    """Give outcome 1.2 of the tests' small data an ancestor: the counts on the page change with it."""
    text = (FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8")
    new = '    new:\n      - {id: "1.2", note: "No old area names this.", source: {ref: test-news, at: "new"}}\n'
    link = '      - {from: relationships, to: "1.1", type: carried-over'
    assert new in text and link in text
    text = text.replace(new, "").replace(link, '      - {from: relationships, to: "1.2", type: expanded, rationale: "Test link."}\n' + link)
    site = tmp_path / "out"
    result = mkdocs_build(project_with(tmp_path / "project", text), site)
    assert result.returncode == 0, result.stderr
    changed = page(site, "changes/old-to-draft-test").text
    assert "Outcomes with an ancestor in the Old standard (test) 3 of 3" in changed
    assert "Outcomes no area carries here (judged on every area’s title and the text of none of them) 0" in changed
    assert "Relationships (expanded): Test link." in page(site, "outcomes/1.2").text


def test_every_feedback_point_shows_on_the_feedback_page_and_its_item(built_site, framework):
    feedback_page = page(built_site, "feedback").text
    for item in framework.feedback:
        assert item.summary.split()[0] in feedback_page
        assert " ".join(item.summary.split()) in feedback_page
        routes = Routes(framework.current.key)
        for about in item.about:
            if about == "framework":
                continue
            where = routes.domain(item.edition, about) if about.isdigit() else routes.outcome(item.edition, about.split(" ")[0])
            path = where.url.rstrip("/")
            assert " ".join(item.summary.split()) in page(built_site, path).text, (about, path)


def test_feedback_is_grouped_by_domain(built_site):
    html = page(built_site, "feedback")
    assert {"framework", *(f"domain-{n}" for n in range(1, 7))} <= html.ids


def test_example_programme_coverage(built_site, framework):
    text = page(built_site, "guidance/example-programme").text
    assert "Coverage: 15 of 26 outcomes" in text
    assert "Missed: 11 outcomes" in text
    assert "1.3 Integrate professional knowledge" in text.split("Missed: 11 outcomes")[-1]


def test_the_example_matrix_marks_a_missed_outcome_once_across_its_row(built_site, framework):
    """A covered outcome has a cell per module; one that no module covers has a single cell, across the
    modules' columns, saying "missed" (and the list below the matrix names the same outcomes)."""
    html = (built_site / "guidance" / "example-programme" / "index.html").read_text(encoding="utf-8")
    programme = framework.programmes[0]
    modules = len(programme.modules)
    table = html[html.index('<table class="pqs-matrix">') : html.index("</table>")]
    assert len(re.findall(r'<th scope="col">', table)) == modules + 1
    missed = []
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        outcome = re.search(r">([\d.]+)</a>", row).group(1)
        cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
        if len(cells) == 1:
            assert f'colspan="{modules}"' in cells[0][0] and "missed" in cells[0][1], row
            missed.append(outcome)
        else:
            assert len(cells) == modules and any("✓" in body for _, body in cells), row
    listed = html[html.index('id="missed-') :]
    listed = re.findall(r'<li><a href="[^"]+">([\d.]+)</a>', listed[: listed.index("</ul>")])
    assert missed == listed and len(missed) == 11


def test_domain_notes_are_computed_for_every_domain(built_site, framework):
    text = page(built_site, "guidance/domain-notes").text
    for domain in framework.current.domains:
        assert f"Domain {domain.id}: {domain.title}" in text
    if kss(framework).target != framework.current.key:
        return  # the notes compare the current edition with the one before it (tests/test_editions.py)
    # Advice as strong as the evidence: "new" where a source says so; elsewhere, what the judgement rests on.
    assert "New since the Knowledge and Skills Statements (KSS), as our sources say: outcomes 1.1, 1.2, 1.3, 1.4. Plan new material" in text
    assert (
        "No area of the Knowledge and Skills Statements (KSS) carries outcome 5.3 in the comparison, which notes: "
        "“The text of five of the ten KSS areas (1, 3, 6 in part, 7 and 9) is quoted here from public pages that reproduce it; "
        "for the other five, only their titles.” Check the Knowledge and Skills Statements (KSS)"
    ) in text
    assert "from scratch" not in text
    assert (
        "Carries from the Knowledge and Skills Statements (KSS): Relationships and effective direct work; Child development; Adult mental health"
        in text
    )


def test_a_thinner_area_names_each_of_its_sources_once(built_site, framework):
    """Two places in one source (Cafcass, Questions 12 and 13) are one citation, not the same reference twice."""
    for crosswalk in (c for c in framework.crosswalks if c.thinner):
        html = (built_site / "changes" / crosswalk.key / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="thinner"') :]
        section = section[: section.index("<h2")]
        bullets = [unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", section, re.S)]
        assert len(bullets) == len(crosswalk.thinner)
        for item, bullet in zip(crosswalk.thinner, bullets, strict=True):
            for prov in item.provenance:
                assert bullet.count(prov.source.title) == 1, bullet
                assert prov.at in bullet, bullet
    assert any(len({p.source.key for p in t.provenance}) < len(t.provenance) for c in framework.crosswalks for t in c.thinner), (
        "the real data has a thinner area cited at two places of one source"
    )
