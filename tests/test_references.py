"""References for reference managers (RIS, CSL-JSON), and every comparison as data, rendered as the build renders them
(tests/test_exports.py shows the built site holds the same files)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from conftest import rendered


def ris_records(text: str) -> list[dict[str, list[str]]]:
    records, current = [], {}
    for line in text.split("\r\n"):
        if not line:
            continue
        tag, _, value = line.partition("  - ")
        assert re.fullmatch(r"[A-Z][A-Z0-9]", tag), line
        if tag == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    assert current == {}, "a record without its ER line"
    return records


@pytest.fixture(scope="module")
def real_files(framework):
    return rendered(framework)


def test_every_id_of_every_edition_has_a_reference_in_ris_and_csl_json(real_files, framework):
    quoted = 0
    for edition in framework.editions.values():
        folder = f"exports/{edition.key}"
        records = ris_records(real_files[f"{folder}/references.ris"])
        items = json.loads(real_files[f"{folder}/references.json"])
        assert len(records) == len(items) == len(edition.ids)
        by_title = {r["TI"][0]: r for r in records}
        publisher = edition.provenance.source.publisher
        for statement in (s for s in edition.statements if s.id):
            record = by_title[f"{edition.title}, statement {statement.id}"]
            assert record["TY"] == ["STAND"] and record["AU"] == [publisher] and record["PY"] == [edition.published[:4]]
            assert record["UR"] == [f"{edition.key}/{statement.id.replace(' ', '-')}/"]
            assert f"Status: {edition.status_label}. ID: {statement.id}." in record["N1"]
            csl = next(i for i in items if i["id"] == f"pqs-{edition.key}-{statement.id.replace(' ', '-')}")
            assert csl["type"] == "document" and csl["issued"] == {"date-parts": [[int(p) for p in edition.published.split("-")]]}
            assert csl["author"] == [{"literal": publisher}] and csl["URL"] == record["UR"][0]
            source = statement.provenance.source
            if source.key != edition.provenance.source.key:  # words another document quotes: the reference says so
                quoted += 1
                said = f"As quoted in {source.publisher} ({source.published[:4]}) {source.title}, {statement.provenance.at}."
                assert said in record["N1"] and csl["note"].startswith(said)
    assert quoted, "some statement is known from a document that quotes it"
    # The current edition's are also at exports/ (the aliases the citing and downloads pages link to).
    assert real_files["exports/references.ris"] == real_files[f"exports/{framework.current.key}/references.ris"]


def test_the_kss_comparison_as_data(real_files, framework):
    schema = json.loads(real_files["exports/changes.schema.json"])
    data = json.loads(real_files["exports/changes/kss-to-draft-2025.json"])
    jsonschema.Draft202012Validator(schema).validate(data)
    crosswalk = framework.crosswalks[0]
    assert (data["from"]["kind"], data["to"]["key"]) == ("baseline", "draft-2025")
    assert [a["id"] for a in data["changes"]["added"]] == [n.id for n in crosswalk.new]
    # An area with no clear home is removed when no link carries any of it, and thinner when one still does.
    linked = {link.source for link in crosswalk.links}
    assert [r["from"] for r in data["changes"]["removed"]] == [t.source for t in crosswalk.thinner if t.source not in linked]
    assert [r["from"] for r in data["changes"]["thinner"]] == [t.source for t in crosswalk.thinner if t.source in linked]
    assert data["changes"]["thinner"], "the KSS areas that are thinner but still linked are not called removed"
    assert len(data["links"]) == len(crosswalk.links) and all(link["stated"] for link in data["links"])


def test_the_schema_of_the_comparison_rejects_a_damaged_file(real_files):
    schema = json.loads(real_files["exports/changes.schema.json"])
    data = json.loads(real_files["exports/changes/kss-to-draft-2025.json"])
    data["changes"]["renamed"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_an_edition_to_edition_comparison_lists_each_change_with_its_rationale(rehearsal_framework):
    site = rendered(rehearsal_framework, "https://example.org/pqs/")
    schema = json.loads(site["exports/changes.schema.json"])
    data = json.loads(site["exports/changes/draft-to-final-rehearsal.json"])
    jsonschema.Draft202012Validator(schema).validate(data)
    changes = data["changes"]
    assert [(c["from"], c["to"]) for c in changes["split"]] == [("4.5", ["4.5", "4.6"]), ("2.5 D4", ["2.5 D1", "2.5 D2"])]
    assert sorted(c["from"] for c in changes["merged"]) == ["2.6 D2", "6.2 D1"]
    assert [(c["from"], c["to"]) for c in changes["renumbered"]] == [("3.2 D2", ["3.2 D1"])]
    assert [c["from"] for c in changes["withdrawn"]] == ["2.5 D1", "4.2 K13"]
    # The number 3.2 D2 was given new words: the final's 3.2 D2 is added, as the draft's went to 3.2 D1.
    assert [(a["id"], a["rationale"]) for a in changes["added"]] == [
        ("3.2 D2", "New words under a number the Consultation draft (March 2025) used for something else.")
    ]
    assert sorted(c["from"] for c in changes["reworded"]) == ["1.2", "5.2 K2"]
    assert all(
        c["rationale"].startswith("INVENTED") for name, group in changes.items() if name != "added" for c in group
    )  # the data's words
    # Each edition's references keep that edition's permalinks, absolute when the site's address is known.
    draft = ris_records(site["exports/draft-2025/references-draft-2025.ris"])
    assert "https://example.org/pqs/draft-2025/3.2-D2/" in {r["UR"][0] for r in draft}
    final = json.loads(site["exports/references.json"])
    assert {i["URL"] for i in final} >= {"https://example.org/pqs/final-rehearsal/3.2-D1/"}


def test_the_downloads_page_links_the_references_and_every_comparison_file(built_site, framework):
    import sitecheck

    links = {url for _, url in sitecheck.parse(built_site / "downloads" / "index.html").links}
    assert {"../exports/references.ris", "../exports/references.json", "../exports/changes.schema.json"} <= links
    for crosswalk in framework.crosswalks:
        assert f"../exports/changes/{crosswalk.key}.json" in links
