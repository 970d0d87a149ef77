"""The exports (JSON, CSV, JSON Schema), the download, check and print pages, and the cite data, in the built site.

The exports are parsed back with the json and csv modules and compared with
the data as the loader reads it (the framework fixture).
"""

from __future__ import annotations

import codecs
import copy
import csv
import html as html_module
import io
import json
import re

import jsonschema
import pytest
import sitecheck
from conftest import copy_project, mkdocs_build

from macros import exports
from macros.core import ids


@pytest.fixture(scope="module")
def export(built_site) -> dict:
    return json.loads((built_site / "exports" / "pqs.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema(built_site) -> dict:
    return json.loads((built_site / "exports" / "pqs-export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csv_rows(built_site) -> list[dict[str, str]]:
    raw = (built_site / "exports" / "pqs-statements.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "the CSV starts with a byte-order mark for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_published_files_are_the_ones_the_module_makes(built_site, framework):
    assert (built_site / "exports" / "pqs.json").read_text(encoding="utf-8") == exports.export_json(framework)
    assert (built_site / "exports" / "pqs-statements.csv").read_bytes() == exports.statements_csv(framework).encode("utf-8")
    assert (built_site / "exports" / "pqs-export.schema.json").read_text(encoding="utf-8") == exports.schema_json()


def test_json_export_matches_the_data(export, framework):
    edition = framework.current
    assert export["schema_version"] == exports.SCHEMA_VERSION == 1
    assert export["edition"]["key"] == edition.key
    assert export["edition"]["title"] == edition.title
    assert export["edition"]["status"] == edition.status
    assert export["edition"]["published"] == edition.published
    assert export["edition"]["publisher"] == "Department for Education"
    assert export["edition"]["counts"] == {"domains": 6, "outcomes": 26, "statements": 14, "numbered_statements": 6}
    assert export["edition"]["meanings"]["knows"]["text"] == edition.meanings["knows"].text
    assert export["licence"]["id"] == "OGL-3.0" and "Open Government Licence v3.0" in export["licence"]["attribution"]
    assert [d["id"] for d in export["domains"]] == [d.id for d in edition.domains]
    for d_out, domain in zip(export["domains"], edition.domains, strict=True):
        assert (d_out["title"], d_out["summary"], d_out["permalink"], d_out["page"]) == (
            domain.title,
            domain.summary,
            f"id/{domain.id}/",
            f"domains/{domain.id}/",
        )
        assert d_out["provenance"] == {"source": domain.provenance.source.key, "at": domain.provenance.at}
        for o_out, outcome in zip(d_out["outcomes"], domain.outcomes, strict=True):
            assert (o_out["id"], o_out["text"], o_out["coverage"], o_out["permalink"]) == (
                outcome.id,
                outcome.text,
                outcome.coverage,
                f"id/{outcome.id}/",
            )
            for s_out, st in zip(o_out["statements"], outcome.statements, strict=True):
                assert (s_out["id"], s_out["key"], s_out["kind"], s_out["text"], s_out["note"]) == (
                    st.id,
                    st.key,
                    st.kind,
                    st.text,
                    st.note,
                )
                assert s_out["provenance"] == {"source": st.provenance.source.key, "at": st.provenance.at}
                assert s_out["page"] == f"outcomes/{outcome.id}/#{st.anchor}"
                assert s_out["permalink"] == (f"id/{ids.slug(st.id)}/" if st.id else None)
    statements = [s for d in export["domains"] for o in d["outcomes"] for s in o["statements"]]
    assert len(statements) == 14
    assert sorted(s["id"] for s in statements if s["id"]) == sorted(["2.5 D4", "2.6 D2", "3.2 D2", "4.2 K13", "5.2 K2", "6.2 D1"])
    assert [s["key"] for s in statements if s["id"] is None] == [s.key for s in framework.index["3.1"].statements]
    keys = {s["key"] for s in export["sources"]}
    assert {s["provenance"]["source"] for s in statements} <= keys


def test_json_export_links_lead_to_real_pages(export, built_site):
    for d in export["domains"]:
        for item in [d, *d["outcomes"], *(s for o in d["outcomes"] for s in o["statements"])]:
            page, _, anchor = item["page"].partition("#")
            html = built_site / page / "index.html"
            assert html.exists(), item["page"]
            if anchor:
                assert anchor in sitecheck.parse(html).ids, item["page"]
            if item["permalink"]:
                assert (built_site / item["permalink"] / "index.html").exists(), item["permalink"]


def test_json_export_is_valid_against_its_schema(export, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(export)


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e["domains"][2]["outcomes"][1]["statements"][0].pop("text"),
        lambda e: e["domains"][2]["outcomes"][1]["statements"][0].update(id="3.2 X2"),
        lambda e: e["domains"][0].update(colour="blue"),
        lambda e: e.update(schema_version=2),
        lambda e: e["domains"][0]["outcomes"][0].update(coverage="most"),
    ],
    ids=["statement without text", "malformed ID", "unknown field", "other format version", "unknown coverage"],
)
def test_the_schema_rejects_a_damaged_export(export, schema, damage):
    broken = copy.deepcopy(export)
    damage(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_csv_export_has_one_row_per_statement(csv_rows, framework):
    edition = framework.current
    assert (
        list(csv_rows[0])
        == exports.CSV_COLUMNS
        == [
            "edition",
            "domain_id",
            "domain_title",
            "outcome_id",
            "outcome_text",
            "kind",
            "id",
            "key",
            "text",
            "source_title",
            "source_location",
            "permalink",
        ]
    )
    assert len(csv_rows) == len(edition.statements) == 14
    for row, st in zip(csv_rows, edition.statements, strict=True):
        outcome = framework.index[st.outcome_id]
        domain = framework.index[outcome.domain_id]
        assert row["edition"] == edition.key
        assert (row["domain_id"], row["domain_title"], row["outcome_id"], row["outcome_text"]) == (
            domain.id,
            domain.title,
            outcome.id,
            outcome.text,
        )
        assert (row["kind"], row["id"], row["key"], row["text"]) == (st.kind, st.id or "", st.key or "", " ".join(st.text.split()))
        assert (row["source_title"], row["source_location"]) == (st.provenance.source.title, st.provenance.at)
        assert row["permalink"] == (f"id/{ids.slug(st.id)}/" if st.id else f"outcomes/{st.outcome_id}/#{st.anchor}")
    row = next(r for r in csv_rows if r["id"] == "3.2 D2")
    assert row["text"].startswith("applies in-depth knowledge of relevant legislation") and row["source_location"] == "Question 13"


def test_downloads_page_links_the_files_and_states_the_licence(built_site):
    info = sitecheck.parse(built_site / "downloads" / "index.html")
    links = {url for _, url in info.links}
    assert {"../exports/pqs.json", "../exports/pqs-statements.csv", "../exports/pqs-export.schema.json", "../print/"} <= links
    assert "Open Government Licence v3.0" in info.text
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in info.text
    assert "schema_version" in info.text and "source_location" in info.text


def test_new_pages_are_in_the_navigation(built_site):
    home = sitecheck.parse(built_site / "index.html")
    links = {url for _, url in home.links}
    assert {"check/", "downloads/", "print/"} <= links


def test_the_checker_script_loads_only_on_the_check_page(built_site):
    pages_with_it = []
    for path in sitecheck.html_pages(built_site):
        if any(tag == "script" and url.endswith("pqs-check.js") for tag, url in sitecheck.parse(path).links):
            pages_with_it.append(path.relative_to(built_site).as_posix())
    assert pages_with_it == ["check/index.html"]
    info = sitecheck.parse(built_site / "check" / "index.html")
    assert ("script", "../assets/javascripts/pqs-check.js") in info.links
    html = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    assert 'data-export="../exports/pqs.json"' in html
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert '<label for="pqs-check-text">' in html and '<label for="pqs-check-file">' in html
    assert "<caption>" in html and '<th scope="col">Outcome</th>' in html
    assert "how-ids-are-recognised" in info.ids


def test_cite_data_on_every_permalink(built_site, framework):
    """Each permalink carries a reference naming the edition, the ID and, for words quoted in another document, that document."""
    edition = framework.current
    work = f"Department for Education (2025) {edition.title}"
    for path, anchor, what, item in [
        ("outcomes/3.2", "3.2 D2", "statement 3.2 D2", framework.index["3.2 D2"]),
        ("outcomes/3.2", "3.2", "outcome 3.2", framework.index["3.2"]),
        ("domains/3", "3", "domain 3", framework.index["3"]),
        ("outcomes/3.1", "3.1-sharing-is-a-process", "unnumbered knows statement of outcome 3.1", framework.index["3.1"].statements[0]),
    ]:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        cite = re.search(rf'data-pqs-copy="{re.escape(anchor)}" data-pqs-cite="([^"]*)"', html)
        assert cite, (path, anchor)
        reference = html_module.unescape(cite.group(1))
        assert reference.startswith(f"{work}, {what}"), reference
        source = item.provenance.source
        if source.key != edition.provenance.source.key:
            assert (
                f", as quoted in {source.publisher} ({(source.published or 'n.d.')[:4]}) {source.title}, {item.provenance.at}." in reference
            )
        else:
            assert "as quoted in" not in reference
        assert reference.endswith("Available at: {url} (Accessed: {accessed}).")
    outcome_31 = (built_site / "outcomes" / "3.1" / "index.html").read_text(encoding="utf-8")
    assert outcome_31.count("data-pqs-cite=") == 1 + len(framework.index["3.1"].statements)


def test_print_page_has_the_whole_edition_in_order(built_site, framework):
    html = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    text = sitecheck.parse(built_site / "print" / "index.html").text
    edition = framework.current
    assert edition.title in text and "20 March 2025" in text and "Open Government Licence v3.0" in text
    assert html.count('<section class="pqs-print-domain"') == len(edition.domains)
    position = 0
    for domain in edition.domains:
        heading = f"Domain {domain.id} {domain.title}"
        assert text.find(heading, position) >= position, heading
        position = text.find(heading, position)
        for outcome in domain.outcomes:
            found = text.find(f"{outcome.id} {outcome.text}", position)  # the ID beside its text
            assert found >= position, outcome.id
            position = found
            for st in outcome.statements:
                label = f"{st.id} ({st.kind})" if st.id else f"{st.kind.capitalize()}, unnumbered"
                found = text.find(f"{label} {' '.join(st.text.split())}", position)
                assert found >= position, st.label
                position = found


def test_print_page_stays_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("print/")]
    assert [doc for doc in index["docs"] if doc["location"].startswith("check/")], "the check page itself is searchable"


def test_markup_in_the_data_stays_text_in_the_new_outputs(tmp_path):
    project = copy_project(tmp_path / "project")
    hostile = '<script>alert(1)</script> *bold* {{ 7 * 7 }} & "quoted" done'
    data = project / "data" / "pqs.yaml"
    original = "text: thresholds define the boundaries of the role and function of statutory social work"
    content = data.read_text(encoding="utf-8")
    assert original in content
    data.write_text(content.replace(original, f"text: '{hostile}'", 1), encoding="utf-8")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for path in ("print/index.html", "outcomes/5.2/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, path
        assert hostile in sitecheck.parse(site / path).text, path
    cite = re.search(r'data-pqs-copy="5\.2 K2" data-pqs-cite="([^"]*)"', (site / "outcomes/5.2/index.html").read_text(encoding="utf-8"))
    assert cite and "statement 5.2 K2" in html_module.unescape(cite.group(1))  # the reference is whole: nothing broke out of it
    exported = json.loads((site / "exports" / "pqs.json").read_text(encoding="utf-8"))
    texts = [s["text"] for d in exported["domains"] for o in d["outcomes"] for s in o["statements"]]
    assert hostile in texts
    assert any(
        row["text"] == hostile
        for row in csv.DictReader(io.StringIO((site / "exports" / "pqs-statements.csv").read_text(encoding="utf-8-sig")))
    )


def test_unnumbered_statements_have_no_invented_id_in_exports(framework):
    data = exports.export_data(framework)
    unnumbered = [s for d in data["domains"] for o in d["outcomes"] for s in o["statements"] if s["key"]]
    assert [s["anchor"] for s in unnumbered] == [st.anchor for st in framework.index["3.1"].statements]
    assert all(s["id"] is None and s["permalink"] is None for s in unnumbered)
    rows = [r for r in exports.statement_rows(framework) if r["outcome_id"] == "3.1"]
    assert len(rows) == 8 and all(r["id"] == "" and r["permalink"].startswith("outcomes/3.1/#3.1-") for r in rows)
