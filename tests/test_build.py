"""Builds of changed copies of the project: bad input stops the build, data text is inert."""

from __future__ import annotations

import re

import pytest
import sitecheck
from conftest import FIXTURES, mkdocs_build, project_with

from tools.serve import fetch_until, mkdocs_serve

SMALL = FIXTURES / "small" / "pqs.yaml"


@pytest.fixture
def project(tmp_path):
    """A copy of the project built from the small invented data set (tests/fixtures/small)."""
    return project_with(tmp_path / "project", SMALL)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build
def test_bad_data_stops_the_build_with_every_problem_and_writes_nothing(project, tmp_path):
    data = project / "data" / "pqs.yaml"
    edit(data, "- id: 1.1 D2", "- id: 1.2 D2")
    edit(data, 'ref: test-response, at: "Question 2"', 'ref: test-respons, at: "Question 2"')
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    # The renumbering also breaks the crosswalk's link to 1.1 D2.
    assert "3 problems in data/pqs.yaml; nothing was built." in result.stderr
    assert "crosswalks[0].links[2].to: '1.1 D2' is not an ID of edition 'draft-test'" in result.stderr
    line = next(i for i, text in enumerate(data.read_text().splitlines(), 1) if "- id: 1.2 D2" in text)
    assert (
        f"data/pqs.yaml:{line}: editions[0].domains[0].outcomes[0].statements[1].id: statement 1.2 D2 is listed under outcome 1.1"
        in result.stderr
    )
    assert "unknown source 'test-respons'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


@pytest.mark.build
def test_malformed_yaml_stops_the_build(project, tmp_path):
    edit(project / "data" / "pqs.yaml", "title: First invented domain", "title: First invented domain: and more")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "this is not valid YAML" in result.stderr
    assert "fix:" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_unknown_id_in_a_macro_fails_the_build(project, tmp_path):
    (project / "docs" / "citing.md").write_text("# Citing\n\n{{ pqs('1.1 D9') }}\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "pqs('1.1 D9') names no domain, outcome or statement" in result.stderr


@pytest.mark.build
def test_a_page_in_docs_cannot_shadow_a_generated_one(project, tmp_path):
    (project / "docs" / "outcomes").mkdir()
    (project / "docs" / "outcomes" / "1.2.md").write_text("# hand-written\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "delete docs/outcomes/1.2.md" in result.stderr


@pytest.mark.build
def test_an_edition_key_that_is_a_page_of_the_site_is_refused_with_a_data_line(project, tmp_path):
    data = project / "data" / "pqs.yaml"
    for key in ("print", "about"):
        text = SMALL.read_text(encoding="utf-8").replace("draft-test", key)
        data.write_text(text, encoding="utf-8")
        result = mkdocs_build(project, tmp_path / f"out-{key}")
        assert result.returncode != 0
        line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == f"- key: {key}")
        assert f"data/pqs.yaml:{line}: editions[0].key: the key '{key}' is also the name of one of the site's own pages" in result.stderr
        assert "delete docs/" not in result.stderr


def test_no_markdown_escape_shows_through(small_site):
    """The small data set is full of characters Markdown would read as markup: none shows as a backslash."""
    for page in sitecheck.html_pages(small_site):
        text = sitecheck.parse(page).text
        html = page.read_text(encoding="utf-8")
        for found in (text, " ".join(re.findall(r'(?:href|title|data-[a-z-]+)="([^"]*)"', html))):
            assert not re.search(r"\\[\\`*_{}\[\]()#+\-.!|]", found), (page, re.search(r".{30}\\[\\`*_{}\[\]()#+\-.!|].{30}", found))


def test_edit_link_points_at_the_yaml_when_the_repository_is_known(small_site):
    html = (small_site / "outcomes" / "1.1" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/pqs/edit/main/data/pqs.yaml"' in html


@pytest.mark.build
def test_serve_picks_up_edits_to_the_data_and_the_code(project):
    with mkdocs_serve(project, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}) as (root, _):
        url = f"{root}outcomes/1.2/"
        fetch_until(url, "Do the second invented thing")
        edit(project / "data" / "pqs.yaml", "Do the second invented thing", "Do the EDITED thing")
        fetch_until(url, "Do the EDITED thing")
        # A template, and a module that no list names: both are read afresh on the next build.
        edit(
            project / "macros" / "render" / "templates" / "outcome.md",
            "Outcome {{ outcome.id|attr }} of",
            "TEMPLATE EDITED {{ outcome.id|attr }} of",
        )
        fetch_until(url, "TEMPLATE EDITED 1.2 of")
        edit(project / "macros" / "render" / "pages" / "items.py", 'return "no statements recorded"', 'return "CODE EDITED: none recorded"')
        fetch_until(f"{root}domains/1/", "CODE EDITED: none recorded")


def test_ids_script_lists_only_recorded_ids(built_site, framework):
    import json

    script = (built_site / "assets" / "javascripts" / "pqs-ids.js").read_text(encoding="utf-8")
    payload = json.loads(re.fullmatch(r"window\.PQS_IDS=(.*);\n", script).group(1))
    for outcome in framework.current.outcomes:
        assert payload["outcomes"][outcome.id] == [s.id.split(" ")[1] for s in outcome.statements if s.id]


def test_every_item_has_a_prefilled_report_link_when_the_repository_is_known(small_site, built_site):
    from urllib.parse import parse_qs, urlsplit

    html = (small_site / "outcomes" / "1.1" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="pqs-report" href="([^"]+)">Report a problem<span class="pqs-sr-only"> with ([^<]+)</span>', html)
    assert [label for _, label in links] == ["1.1", "1.1 K1", "1.1 D2"]
    url = urlsplit(links[1][0].replace("&amp;", "&"))
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("github.com", "/example/pqs/issues/new")
    assert query["title"] == ["Problem with 1.1 K1 (Test draft (March 2025))"]
    assert "Edition: Invented standards (consultation draft, test)" in query["body"][0]
    # The real site is built with no repository: no link.
    assert "pqs-report" not in (built_site / "outcomes" / "3.2" / "index.html").read_text(encoding="utf-8")
    assert "pqs-report" in (small_site / "outcomes" / "1.2" / "index.html").read_text(encoding="utf-8")
