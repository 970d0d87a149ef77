"""The exports (JSON, CSV, Moodle CSV, JSON Schema), the download, check and print pages, and the cite data, in the built site.

The exports are parsed back with the json and csv modules (the Moodle file by
the importer's oracle, tests/moodle_importer.py) and compared with the data as
the loader reads it (the framework fixture). A second edition, invented for a
test and labelled so, shows that each edition's files hold that edition.
"""

from __future__ import annotations

import codecs
import copy
import csv
import dataclasses
import datetime
import html as html_module
import io
import json
import re

import jsonschema
import moodle_importer as moodle_import
import pytest
import sitecheck
from conftest import rendered
from hypothesis import given, strategies
from sites import hostile_data

from macros.core import ids
from macros.render import exports, moodle
from macros.routes import Routes


@pytest.fixture(scope="module")
def real_files(framework):
    """The real site's generated files, rendered in process (the first test shows the built site holds the same)."""
    return rendered(framework)


@pytest.fixture(scope="module")
def export(real_files) -> dict:
    return json.loads(real_files["exports/pqs.json"])


@pytest.fixture(scope="module")
def schema(real_files) -> dict:
    return json.loads(real_files["exports/pqs-export.schema.json"])


@pytest.fixture(scope="module")
def csv_rows(real_files) -> list[dict[str, str]]:
    raw = real_files["exports/pqs-statements.csv"].encode("utf-8")
    assert raw.startswith(codecs.BOM_UTF8), "the CSV starts with a byte-order mark for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_published_files_are_the_ones_the_module_makes(built_site, framework, real_files):
    from macros.render import references

    made = exports.files(framework, None)
    others = references.files(framework, None)  # references and comparisons (tests/test_references.py)
    published = sorted(
        p.relative_to(built_site).as_posix()
        for p in (built_site / "exports").rglob("*")
        if p.is_file() and p.relative_to(built_site).as_posix() not in others
    )
    assert published == sorted(made)
    for path, content in made.items():
        assert (built_site / path).read_bytes() == content.encode("utf-8"), path
    assert (built_site / "exports" / "pqs-statements.csv").read_bytes() == exports.statements_csv(framework).encode("utf-8")
    # What the tests read in process (conftest.rendered) is what the build published, file for file.
    files = [path for path in real_files if not path.endswith(".md")]
    assert len(files) > len(made)
    for path in files:
        assert (built_site / path).read_bytes() == real_files[path].encode("utf-8"), path


def test_each_edition_has_pinned_files_named_for_it_and_the_current_one_an_alias(framework):
    """A saved download says its edition by its name; the names first published stay, as do the current edition's aliases."""
    made = exports.files(framework, None)
    key = framework.current.key
    names = ["pqs.json", "pqs-statements.csv", "moodle-competency-framework.csv", "pqs-export.schema.json"]
    named = {Routes.export(key, n) for n in names}
    assert named == {
        f"exports/{key}/pqs-{key}.json",
        f"exports/{key}/pqs-statements-{key}.csv",
        f"exports/{key}/moodle-competency-framework-{key}.csv",
        f"exports/{key}/pqs-export.schema.json",
    }
    everything = {p for e in framework.editions for n in names for p in (Routes.export(e, n), f"exports/{e}/{n}")}
    assert sorted(made) == sorted(everything | {f"exports/{n}" for n in names})
    for name in names:
        assert made[f"exports/{name}"] == made[f"exports/{key}/{name}"] == made[Routes.export(key, name)], name
    assert made["exports/pqs-export.schema.json"] == exports.schema_json()


def test_json_export_matches_the_data(export, framework):
    edition = framework.current
    assert export["schema_version"] == exports.SCHEMA_VERSION == 2
    assert export["edition"]["key"] == edition.key
    assert export["edition"]["title"] == edition.title
    assert export["edition"]["status"] == edition.status
    assert export["edition"]["current"] is True
    assert export["edition"]["published"] == edition.published
    assert export["edition"]["publisher"] == "Department for Education"
    assert export["edition"]["counts"] == {
        "domains": len(edition.domains),
        "outcomes": len(edition.outcomes),
        "statements": len(edition.statements),
        "numbered_statements": sum(1 for s in edition.statements if s.id),
    }
    assert export["edition"]["meanings"]["knows"]["text"] == edition.meanings["knows"].text
    assert export["licence"]["id"] == "OGL-3.0" and "Open Government Licence v3.0" in export["licence"]["attribution"]
    assert [d["id"] for d in export["domains"]] == [d.id for d in edition.domains]
    for d_out, domain in zip(export["domains"], edition.domains, strict=True):
        assert (d_out["title"], d_out["summary"], d_out["permalink"], d_out["page"]) == (
            domain.title,
            domain.summary,
            f"{edition.key}/{domain.id}/",
            f"domains/{domain.id}/",
        )
        assert d_out["provenance"] == {"source": domain.provenance.source.key, "at": domain.provenance.at}
        for o_out, outcome in zip(d_out["outcomes"], domain.outcomes, strict=True):
            assert (o_out["id"], o_out["text"], o_out["coverage"], o_out["permalink"]) == (
                outcome.id,
                outcome.text,
                outcome.coverage,
                f"{edition.key}/{outcome.id}/",
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
                assert s_out["permalink"] == (f"{edition.key}/{ids.slug(st.id)}/" if st.id else None)
    statements = [s for d in export["domains"] for o in d["outcomes"] for s in o["statements"]]
    assert len(statements) == len(edition.statements)
    assert sorted(s["id"] for s in statements if s["id"]) == sorted(s.id for s in edition.statements if s.id)
    assert [s["key"] for s in statements if s["id"] is None] == [s.key for s in edition.statements if s.id is None]
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
        lambda e: e.update(schema_version=exports.SCHEMA_VERSION + 1),
        lambda e: e["domains"][0]["outcomes"][0].update(coverage="most"),
    ],
    ids=["statement without text", "malformed ID", "unknown field", "other format version", "unknown coverage"],
)
def test_the_schema_rejects_a_damaged_export(export, schema, damage):
    broken = copy.deepcopy(export)
    damage(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_csv_export_has_a_row_per_domain_outcome_and_statement_in_order(csv_rows, framework):
    edition = framework.current
    assert (
        list(csv_rows[0])
        == exports.CSV_COLUMNS
        == [
            "edition",
            "level",
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
    expected = []
    for d in edition.domains:
        expected.append(("domain", d.id, d.id, "", d.title, d.provenance, f"{framework.current.key}/{d.id}/"))
        for o in d.outcomes:
            expected.append(("outcome", d.id, o.id, o.id, o.text, o.provenance, f"{framework.current.key}/{o.id}/"))
            for st in o.statements:
                permalink = f"{framework.current.key}/{ids.slug(st.id)}/" if st.id else f"outcomes/{st.outcome_id}/#{st.anchor}"
                expected.append(("statement", d.id, st.id or "", o.id, st.text, st.provenance, permalink))
    assert len(csv_rows) == len(expected) == len(edition.domains) + len(edition.outcomes) + len(edition.statements)
    for row, (level, domain_id, item_id, outcome_id, text, prov, permalink) in zip(csv_rows, expected, strict=True):
        domain = framework.index[domain_id]
        assert (row["edition"], row["level"], row["domain_id"], row["domain_title"]) == (edition.key, level, domain_id, domain.title)
        assert (row["id"], row["outcome_id"], row["text"]) == (item_id, outcome_id, " ".join(text.split()))
        assert row["outcome_text"] == (framework.index[outcome_id].text if outcome_id else "")
        assert (row["source_title"], row["source_location"], row["permalink"]) == (prov.source.title, prov.at, permalink)
    statements = [r for r in csv_rows if r["level"] == "statement"]
    for row, st in zip(statements, edition.statements, strict=True):
        assert (row["kind"], row["key"]) == (st.kind, st.key or "")
    assert all(r["kind"] == r["key"] == "" for r in csv_rows if r["level"] != "statement")


@given(strategies.text(max_size=20))
def test_a_cell_that_would_start_a_formula_is_shown_as_text(value):
    safe = exports.spreadsheet_safe(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert safe == "'" + value
    else:
        assert safe == value


def test_formulas_in_the_data_are_neutralised_in_the_spreadsheet_csv_only(framework):
    formula = '=HYPERLINK("https://example.com","x")'
    first, second = [s for s in framework.current.statements if s.id][:2]
    edition = _with_statement_text(framework.current, first.id, formula)
    edition = _with_statement_text(edition, second.id, "@SUM(1+1)")
    rows = list(csv.DictReader(io.StringIO(exports.statements_csv(framework, edition), newline="")))
    assert next(r for r in rows if r["id"] == first.id)["text"] == "'" + formula
    assert next(r for r in rows if r["id"] == second.id)["text"] == "'@SUM(1+1)"
    # Moodle would store an apostrophe as part of the text, so its file keeps the text as it is.
    tree = moodle_import.read(exports.edition_files(framework, edition)["moodle-competency-framework.csv"].encode())
    assert f"{first.kind.capitalize()} statement {first.id}: {formula}" in tree.find(f"PQS {first.id}").text()


def test_downloads_page_links_the_files_and_states_the_licence(built_site, framework):
    info = sitecheck.parse(built_site / "downloads" / "index.html")
    links = {url for _, url in info.links}
    key = framework.current.key
    aliases = {
        "../exports/pqs.json",
        "../exports/pqs-statements.csv",
        "../exports/moodle-competency-framework.csv",
        f"../exports/{key}/pqs-export.schema.json",
    }
    assert aliases | {"../print/"} <= links
    pinned = {f"../exports/{key}/{n}" for n in (f"pqs-{key}.json", f"pqs-statements-{key}.csv", f"moodle-competency-framework-{key}.csv")}
    assert pinned <= links
    assert f"pqs-{key}.json" in info.text  # the name a saved copy has
    assert "Open Government Licence v3.0" in info.text
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in info.text
    assert "schema_version" in info.text and "source_location" in info.text


def test_downloads_page_describes_the_files_as_they_are(built_site, framework):
    """Each thing the page says about the files, against the module that makes them."""
    info = sitecheck.parse(built_site / "downloads" / "index.html")
    text = info.text
    assert all(f"{column}" in text for column in exports.CSV_COLUMNS)
    assert "would begin with =, +, - or @ (or a tab or carriage return) begins with an apostrophe" in " ".join(
        text.replace("`", "").split()
    )
    assert exports.FORMULA_START == ("=", "+", "-", "@", "\t", "\r")
    assert f"{framework.current.title} (the edition this site presents)" in text
    # Moodle: the menu path and form labels (from Moodle's settings.php, lang and import form), and our file's facts.
    assert "Site administration → Competencies → Import competency framework" in text
    assert "CSV delimiter to , (comma) and Encoding to UTF-8" in text and "Confirm the column mappings" in text
    assert moodle.framework_idnumber(framework.current) == "PQS " + framework.current.key
    # The page's examples (PQS 3, PQS 3.2, PQS 3.2 D2, PQS 3.1 unnumbered) as the module writes them.
    assert all(moodle.idnumber(framework.editions[e].ids[i]) == "PQS " + i for e in framework.editions for i in ("3", "3.2"))
    assert moodle.idnumber(next(s for s in framework.current.statements if s.id)).startswith("PQS ") and "PQS 3.2 D2" in text
    unnumbered = next(s for s in framework.current.statements if not s.id)
    assert (
        "PQS 3.1 unnumbered and its key" in text
        and moodle.idnumber(unnumbered) == f"PQS {unnumbered.outcome_id} unnumbered {unnumbered.key}"
    )
    assert "Not yet competent, Competent" in text and moodle.SCALE_ITEMS == ("Not yet competent", "Competent")
    assert "limit of 100 characters" in text and moodle.LIMIT == 100
    assert 'name ends "areas, for cross-reference only"' in text
    # An edition a baseline is compared with carries its areas as a branch of its own.
    compared = {c.target for c in framework.crosswalks if c.source in framework.baselines}
    for key in compared:
        rows = moodle.framework_rows(framework, framework.editions[key])
        assert sum("areas, for cross-reference only" in row[2] for row in rows) == 1, key
    assert {"../kss-2018/", "../changes/kss-to-draft-2025/"} <= {url for _, url in info.links}


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
    work = f"{edition.provenance.source.publisher} ({edition.published[:4]}) {edition.title}"
    numbered = next(s for s in edition.statements if s.id)
    unnumbered = next(s for s in edition.statements if not s.id)
    for path, anchor, what, item in [
        (f"outcomes/{numbered.outcome_id}", numbered.id, f"statement {numbered.id}", numbered),
        ("outcomes/3.2", "3.2", "outcome 3.2", framework.index["3.2"]),
        ("domains/3", "3", "domain 3", framework.index["3"]),
        (
            f"outcomes/{unnumbered.outcome_id}",
            unnumbered.anchor,
            f"unnumbered {unnumbered.kind} statement of outcome {unnumbered.outcome_id}",
            unnumbered,
        ),
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


@pytest.mark.parametrize("which", ["current", "every other"])
def test_print_page_has_the_whole_edition_in_order(built_site, framework, which):
    for edition in framework.editions.values():
        if (edition.key == framework.current.key) == (which == "current"):
            _printed_whole(built_site, framework, edition)


def _printed_whole(built_site, framework, edition):
    folder = built_site / ("print" if edition.key == framework.current.key else f"{edition.key}/print")
    html = (folder / "index.html").read_text(encoding="utf-8")
    text = sitecheck.parse(folder / "index.html").text.replace(" [sic]", "")  # a slip in the source is marked
    published = datetime.date.fromisoformat(edition.published)
    assert edition.title in text and f"{published.day} {published:%B %Y}" in text and "Open Government Licence v3.0" in text
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


def test_markup_in_the_data_stays_text_in_the_new_outputs(hostile_site):
    """The hostile site (tests/sites.py): every prose field carries markup and script, and each file keeps it as text."""
    data = hostile_data()
    (hostile,) = [
        s["text"] for d in data["editions"][0]["domains"] for o in d["outcomes"] for s in o.get("statements", []) if s.get("id") == "1.1 K1"
    ]
    assert "<" in hostile and "{{" in hostile
    html = (hostile_site / "outcomes/1.1/index.html").read_text(encoding="utf-8")
    cite = re.search(r'data-pqs-copy="1\.1 K1" data-pqs-cite="([^"]*)"', html)
    assert cite and "statement 1.1 K1" in html_module.unescape(cite.group(1))  # the reference is whole: nothing broke out of it
    for folder in ("exports", "exports/draft-test"):
        exported = json.loads((hostile_site / folder / "pqs.json").read_text(encoding="utf-8"))
        texts = [s["text"] for d in exported["domains"] for o in d["outcomes"] for s in o["statements"]]
        assert hostile in texts, folder
        rows = csv.DictReader(io.StringIO((hostile_site / folder / "pqs-statements.csv").read_text(encoding="utf-8-sig"), newline=""))
        assert any(row["text"] == hostile for row in rows), folder
        # The Moodle file: the description is HTML with the text escaped, so Moodle shows it as text;
        # the short name has no tag left for Moodle to strip (the oracle checks both, and the tags allowed).
        raw = (hostile_site / folder / "moodle-competency-framework.csv").read_bytes()
        assert b"<script>" not in raw, folder
        node = moodle_import.read(raw).find("PQS 1.1 K1")
        assert f"Knows statement 1.1 K1: {hostile}" in node.text(), folder
        assert node.shortname.startswith("1.1 K1 the first knows statement, with ‹b›markup‹/b›"), folder


def test_unnumbered_statements_have_no_invented_id_in_exports(framework):
    data = exports.export_data(framework)
    expected = [st for st in framework.current.statements if not st.id]
    assert expected, "some statements are quoted without their numbers"
    unnumbered = [s for d in data["domains"] for o in d["outcomes"] for s in o["statements"] if s["key"]]
    assert [s["anchor"] for s in unnumbered] == [st.anchor for st in expected]
    assert all(s["id"] is None and s["permalink"] is None for s in unnumbered)
    rows = [r for r in exports.statement_rows(framework) if r["level"] == "statement" and r["key"]]
    assert len(rows) == len(expected)
    assert all(r["id"] == "" and r["permalink"] == f"outcomes/{st.outcome_id}/#{st.anchor}" for r, st in zip(rows, expected, strict=True))


def _with_statement_text(edition, statement_id: str, text: str):
    def statement(s):
        return dataclasses.replace(s, text=text) if s.id == statement_id else s

    domains = tuple(
        dataclasses.replace(d, outcomes=tuple(dataclasses.replace(o, statements=tuple(map(statement, o.statements))) for o in d.outcomes))
        for d in edition.domains
    )
    return dataclasses.replace(edition, domains=domains)


def _links_in_json(data: dict) -> list[str | None]:
    found = []
    for d in data["domains"]:
        for item in [d, *d["outcomes"], *(s for o in d["outcomes"] for s in o["statements"])]:
            found += [item["page"], item["permalink"]]
    return found + [r["permalink"] for r in data["retired_ids"]]


def test_links_are_absolute_in_every_export_when_the_site_address_is_set(framework, schema):
    base = "https://example.org/pqs/"
    made = exports.files(framework, "https://example.org/pqs")
    edition = framework.current
    items = len(edition.domains) + len(edition.outcomes) + len(edition.statements)
    unnumbered = sum(1 for s in edition.statements if not s.id)
    for folder in ("exports", f"exports/{edition.key}"):
        data = json.loads(made[f"{folder}/pqs.json"])
        links = [x for x in _links_in_json(data) if x]
        assert len(links) == 2 * items - unnumbered + len(data["retired_ids"])  # unnumbered statements have no permalink
        assert all(x.startswith(base) for x in links)
        assert data["paths"].startswith(f"Every page and permalink is an absolute address on the site {base}.")
        jsonschema.Draft202012Validator(schema).validate(data)
        rows = list(csv.DictReader(io.StringIO(made[f"{folder}/pqs-statements.csv"].removeprefix("\ufeff"), newline="")))
        assert all(r["permalink"].startswith(base) for r in rows)
        tree = moodle_import.read(made[f"{folder}/moodle-competency-framework.csv"].encode())
        pqs = [n for n in tree.walk() if n.idnumber.startswith("PQS ")]
        hrefs = [h for n in pqs for h in re.findall(r'href="([^"]+)"', n.description) if h.startswith("https://example.org/pqs")]
        assert len(hrefs) == len(pqs) == items and all(h.startswith(base) for h in hrefs)
    relative = json.loads(exports.files(framework, None)["exports/pqs.json"])
    assert relative["paths"].startswith("Every page and permalink path is relative to the site's address.")
    assert all(not x.startswith("http") for x in _links_in_json(relative) if x)


def test_each_edition_gets_files_of_its_own_that_keep_their_meaning(rehearsal_framework, schema):
    """The rehearsal (tests/editions.py): an invented final edition made current over the draft, with a site address."""
    fw = rehearsal_framework
    site = rendered(fw, "https://example.org/pqs/")
    assert list(fw.editions) == ["draft-2025", "final-rehearsal"] and fw.current.key == "final-rehearsal"
    names = ["pqs.json", "pqs-statements.csv", "moodle-competency-framework.csv", "pqs-export.schema.json"]
    for key in fw.editions:
        assert {Routes.export(key, n) for n in names} | {f"exports/{key}/{n}" for n in names} <= set(site)
    for name in names:  # the aliases are the current edition's files
        assert site[f"exports/{name}"] == site[Routes.export("final-rehearsal", name)]

    draft = json.loads(site["exports/draft-2025/pqs-draft-2025.json"])
    final = json.loads(site["exports/final-rehearsal/pqs-final-rehearsal.json"])
    jsonschema.Draft202012Validator(schema).validate(draft)
    jsonschema.Draft202012Validator(schema).validate(final)
    assert (draft["edition"]["key"], draft["edition"]["current"], final["edition"]["current"]) == ("draft-2025", False, True)
    # The draft's file still says what the draft said, with the draft's own pages and permalinks.
    outcome = draft["domains"][2]["outcomes"][1]
    statement = outcome["statements"][0]
    assert statement["id"] == "3.2 D2" and statement["text"] == fw.editions["draft-2025"].ids["3.2 D2"].text
    assert statement["permalink"] == "https://example.org/pqs/draft-2025/3.2-D2/"
    assert statement["page"] == "https://example.org/pqs/draft-2025/outcomes/3.2/#3.2-D2"
    assert final["domains"][2]["outcomes"][1]["statements"][0]["permalink"] == "https://example.org/pqs/final-rehearsal/3.2-D1/"
    retired = {r["id"]: r for r in final["retired_ids"]}
    assert set(retired) == {
        "2.5 D1",
        "2.5 D4",
        "2.6 D2",
        "3.2 D2",
        "4.2 K13",
        "4.5",
        "6.2 D1",
    }  # reworded 1.2 and 5.2 K2 keep their meaning
    assert retired["2.5 D4"]["to"] == ["2.5 D1", "2.5 D2"] and retired["4.2 K13"]["to"] == []
    assert retired["3.2 D2"]["permalink"] == "https://example.org/pqs/draft-2025/3.2-D2/"  # the draft's own, which never changes
    assert retired["2.5 D1"]["permalink"] == "https://example.org/pqs/id/2.5-D1/"  # the draft's 2.5 D1 is not recorded here
    assert draft["retired_ids"] == []  # nothing came before the draft

    rows = list(csv.DictReader(io.StringIO(site["exports/draft-2025/pqs-statements-draft-2025.csv"].removeprefix("\ufeff"), newline="")))
    assert {r["edition"] for r in rows} == {"draft-2025"}
    assert next(r for r in rows if r["id"] == "3.2 D2")["permalink"] == "https://example.org/pqs/draft-2025/3.2-D2/"

    tree = moodle_import.read(site["exports/draft-2025/moodle-competency-framework-draft-2025.csv"].encode("utf-8"))
    assert tree.idnumber == "PQS draft-2025"
    assert moodle_import.read(site["exports/moodle-competency-framework.csv"].encode("utf-8")).idnumber == "PQS final-rehearsal"


def test_the_downloads_page_of_the_rehearsal_links_each_editions_files(rehearsal_site):
    downloads = {url for _, url in sitecheck.parse(rehearsal_site / "downloads" / "index.html").links}
    assert {"../exports/final-rehearsal/pqs-final-rehearsal.json", "../exports/draft-2025/pqs-draft-2025.json"} <= downloads


def test_the_export_says_an_unlisted_id_is_not_recorded_here_and_where_the_full_text_is(export, framework):
    """The third state of an ID (an ID under a real outcome that our record lacks) is said in the file itself."""
    edition = framework.current
    assert "not recorded here, not wrong" in export["completeness"]["note"]
    assert export["completeness"]["official_document"] == edition.provenance.source.url
    listed = {s["id"] for d in export["domains"] for o in d["outcomes"] for s in o["statements"]}
    partial = [o for o in edition.outcomes if o.coverage != "complete"]
    assert partial and {o.id for o in partial} <= {o["id"] for d in export["domains"] for o in d["outcomes"]}
    for outcome in partial:  # the file lists what is recorded of it, and no more
        assert {s for s in listed if s and s.startswith(outcome.id + " ")} == set(outcome.cited_ids)


def test_an_export_at_two_paths_is_made_once_and_written_whole(tmp_path):
    """The build writes each export straight to the site; the current edition's alias and pinned file are made once."""
    calls = []

    def write(out):
        calls.append(1)
        out.write("\ufeffa,b\r\n“c”,d\r\n")

    shared = exports.Export(write, uses=2)
    first, second = tmp_path / "exports" / "x.csv", tmp_path / "exports" / "ed" / "x.csv"
    second.parent.mkdir(parents=True)
    shared.write_file(str(first))
    shared.write_file(str(second))
    assert len(calls) == 1
    assert first.read_bytes() == second.read_bytes() == exports.text_of(write).encode("utf-8")
    # As text (pqs-render, the tests): the same, made once for both paths.
    calls.clear()
    assert shared() == shared() == "\ufeffa,b\r\n“c”,d\r\n"
    assert len(calls) == 1
