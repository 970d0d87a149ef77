"""The loader and validator on tiny data files: one test per kind of bad input."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from macros.core import loader

MINIMAL = {
    "schema_version": 1,
    "current_edition": "draft",
    "sources": [
        {"key": "doc", "title": "A document", "publisher": "DfE", "official": True, "seed": "doc.txt"},
    ],
    "editions": [
        {
            "key": "draft",
            "title": "Draft standards",
            "short_title": "Draft",
            "status": "consultation-draft",
            "published": "2025-03-20",
            "licence": "OGL-3.0",
            "source": {"ref": "doc", "at": "page 1"},
            "domains": [
                {
                    "id": "1",
                    "title": "First domain",
                    "summary": "Our summary.",
                    "source": {"ref": "doc", "at": "list"},
                    "outcomes": [
                        {
                            "id": "1.1",
                            "text": "Do the first thing.",
                            "source": {"ref": "doc", "at": "item 1"},
                            "coverage": "partial",
                            "statements": [
                                {"id": "1.1 K1", "kind": "knows", "text": "knows a thing", "source": {"ref": "doc", "at": "Q1"}},
                                {"key": "unnumbered", "kind": "does", "text": "does a thing", "source": {"ref": "doc", "at": "Q2"}},
                            ],
                        },
                        {"id": "1.2", "text": "Do the second thing.", "source": {"ref": "doc", "at": "item 2"}, "coverage": "none"},
                    ],
                }
            ],
        }
    ],
}


def data() -> dict:
    return copy.deepcopy(MINIMAL)


SCHEMA = Path(__file__).resolve().parent.parent / "data" / "pqs.schema.json"


def write(tmp_path: Path, content: dict | str) -> Path:
    """The data as a file, with the project's schema beside it (where the loader looks for it)."""
    shutil.copy(SCHEMA, tmp_path / "pqs.schema.json")
    path = tmp_path / "pqs.yaml"
    text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, content: dict | str) -> list[loader.Problem]:
    with pytest.raises(loader.DataError) as caught:
        loader.load(write(tmp_path, content), "data/pqs.yaml")
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def statement(d: dict, outcome: int = 0, index: int = 0) -> dict:
    return d["editions"][0]["domains"][0]["outcomes"][outcome]["statements"][index]


def test_minimal_data_loads_into_typed_objects(tmp_path):
    fw = loader.load(write(tmp_path, data()))
    assert [o.id for o in fw.current.outcomes] == ["1.1", "1.2"]
    assert fw.lookup("1.1k1").text == "knows a thing"
    unnumbered = fw.current.outcomes[0].statements[1]
    assert unnumbered.id is None
    assert unnumbered.anchor == "1.1-unnumbered"
    assert set(fw.index) == {"1", "1.1", "1.2", "1.1 K1"}


def test_malformed_yaml_names_file_and_line(tmp_path):
    text = yaml.safe_dump(data(), sort_keys=False).replace("title: First domain", 'title: "First domain')
    (problem,) = problems(tmp_path, text)
    assert problem.file == "data/pqs.yaml"
    assert "not valid YAML" in problem.message
    assert line_of(text, '"First domain') <= problem.line <= line_of(text, '"First domain') + 2
    assert "quot" in problem.fix


def test_duplicate_key_is_reported(tmp_path):
    text = yaml.safe_dump(data(), sort_keys=False).replace("text: Do the first thing.", "text: Do the first thing.\n      text: Again.")
    found = problems(tmp_path, text)
    assert any("appears twice" in p.message and p.line == line_of(text, "text: Again.") for p in found)


def test_missing_field_names_the_field_and_its_line(tmp_path):
    d = data()
    del d["editions"][0]["domains"][0]["outcomes"][1]["text"]
    text = yaml.safe_dump(d, sort_keys=False)
    (problem,) = problems(tmp_path, text)
    assert problem.message == "the field 'text' is missing"
    assert problem.where == "editions[0].domains[0].outcomes[1]"
    assert problem.line == line_of(text, "id: '1.2'")
    assert "add 'text:'" in problem.fix


def test_unknown_field_lists_the_allowed_ones(tmp_path):
    statement_ = data()
    statement(statement_)["txet"] = "typo"
    (problem,) = problems(tmp_path, statement_)
    assert "txet" in problem.message
    assert "text" in problem.fix and "kind" in problem.fix


@pytest.mark.parametrize("bad_id", ["1.1K1", "1.1 X1", "1.1 K0", "1.1-K1", "K1"])
def test_malformed_statement_id_explains_the_form(tmp_path, bad_id):
    d = data()
    statement(d)["id"] = bad_id
    (problem,) = problems(tmp_path, d)
    assert problem.where == "editions[0].domains[0].outcomes[0].statements[0].id"
    assert bad_id in problem.message
    assert '"3.2 D2"' in problem.fix


def test_duplicate_id_points_to_the_first_use(tmp_path):
    d = data()
    statement(d, index=1).pop("key")
    statement(d, index=1)["id"] = "1.1 K1"
    statement(d, index=1)["kind"] = "knows"
    text = yaml.safe_dump(d, sort_keys=False)
    found = problems(tmp_path, text)
    assert [p.message for p in found] == [f"the ID '1.1 K1' is already used at line {line_of(text, 'id: 1.1 K1')}"]


def test_statement_id_must_belong_to_its_outcome(tmp_path):
    d = data()
    statement(d)["id"] = "1.2 K1"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "statement 1.2 K1 is listed under outcome 1.1"
    assert "move it to outcome 1.2" in problem.fix


def test_outcome_id_must_belong_to_its_domain(tmp_path):
    d = data()
    d["editions"][0]["domains"][0]["outcomes"][1]["id"] = "2.2"
    found = problems(tmp_path, d)
    assert any(p.message == "outcome 2.2 is listed under domain 1" for p in found)


def test_kind_must_match_the_letter(tmp_path):
    d = data()
    statement(d)["kind"] = "does"
    (problem,) = problems(tmp_path, d)
    assert "letter K means 'knows'" in problem.message
    assert problem.fix.startswith("set kind: knows")


def test_unknown_source_reference(tmp_path):
    d = data()
    statement(d)["source"]["ref"] = "nowhere"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "unknown source 'nowhere'"
    assert problem.where.endswith("statements[0].source.ref")
    assert "doc" in problem.fix


@pytest.mark.parametrize("blank", ["", "   "])
def test_empty_text_is_refused(tmp_path, blank):
    d = data()
    statement(d)["text"] = blank
    (problem,) = problems(tmp_path, d)
    assert problem.where.endswith("statements[0].text")
    assert "must not be empty" in problem.fix


def test_statement_needs_an_id_or_a_key(tmp_path):
    d = data()
    statement(d, index=1).pop("key")
    (problem,) = problems(tmp_path, d)
    assert problem.message == "a statement has neither an id nor a key"


def test_coverage_must_match_the_recorded_statements(tmp_path):
    d = data()
    d["editions"][0]["domains"][0]["outcomes"][1]["coverage"] = "partial"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "coverage is 'partial' but no statements are recorded"


def test_domains_are_numbered_in_order(tmp_path):
    d = data()
    dom = d["editions"][0]["domains"][0]
    dom["id"] = "2"
    for outcome in dom["outcomes"]:
        outcome["id"] = "2" + outcome["id"][1:]
        for st in outcome.get("statements", []):
            if "id" in st:
                st["id"] = "2" + st["id"][1:]
    (problem,) = problems(tmp_path, d)
    assert problem.message == "domain 2 is in position 1"


def test_current_edition_must_exist(tmp_path):
    d = data()
    d["current_edition"] = "final"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "no edition has the key 'final'"


def test_every_problem_is_reported_at_once(tmp_path):
    d = data()
    statement(d)["source"]["ref"] = "nowhere"
    statement(d)["kind"] = "does"
    d["editions"][0]["domains"][0]["outcomes"][1]["coverage"] = "complete"
    assert len(problems(tmp_path, d)) == 3


def test_error_text_lists_file_line_place_and_fix(tmp_path):
    d = data()
    statement(d)["source"]["ref"] = "nowhere"
    with pytest.raises(loader.DataError) as caught:
        loader.load(write(tmp_path, d), "data/pqs.yaml")
    message = str(caught.value)
    assert message.startswith("1 problem in data/pqs.yaml; nothing was built.")
    assert "data/pqs.yaml:" in message and "statements[0].source.ref" in message and "fix:" in message


def test_dates_stay_text(tmp_path):
    text = yaml.safe_dump(data(), sort_keys=False).replace("published: '2025-03-20'", "published: 2025-03-20")
    assert "published: 2025-03-20" in text
    fw = loader.load(write(tmp_path, text))
    assert fw.current.published == "2025-03-20"


# -- editions and retired IDs ----------------------------------------------------


def two_editions() -> dict:
    d = data()
    final = copy.deepcopy(d["editions"][0])
    final["key"] = "final"
    final["status"] = "final"
    # The final edition drops 1.1 K1.
    final["domains"][0]["outcomes"][0]["statements"] = final["domains"][0]["outcomes"][0]["statements"][1:]
    d["editions"].append(final)
    d["current_edition"] = "final"
    return d


def test_an_id_dropped_by_a_later_edition_must_be_retired(tmp_path):
    (problem,) = problems(tmp_path, two_editions())
    assert "uses the ID '1.1 K1', which the current edition 'final' does not" in problem.message
    assert "retired_ids" in problem.fix


def test_a_retired_id_says_where_it_went(tmp_path):
    d = two_editions()
    d["retired_ids"] = [{"id": "1.1 K1", "edition": "draft", "status": "moved", "to": "1.2", "note": "Merged into 1.2."}]
    fw = loader.load(write(tmp_path, d))
    (retired,) = fw.retired
    assert (retired.id, retired.to) == ("1.1 K1", "1.2")


def test_a_retired_id_must_move_to_a_current_id(tmp_path):
    d = two_editions()
    d["retired_ids"] = [{"id": "1.1 K1", "edition": "draft", "status": "moved", "to": "1.9", "note": "Moved."}]
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.9' is not an ID of the current edition 'final'"


def test_an_id_in_use_cannot_be_retired(tmp_path):
    d = data()
    d["retired_ids"] = [{"id": "1.1 K1", "edition": "draft", "status": "withdrawn", "note": "Gone."}]
    (problem,) = problems(tmp_path, d)
    assert "still used by the current edition" in problem.message


def test_missing_file(tmp_path):
    with pytest.raises(loader.DataError) as caught:
        loader.load(tmp_path / "nope.yaml", "data/pqs.yaml")
    assert caught.value.problems[0].message == "the data file does not exist"


# -- crosswalks, feedback and programmes ---------------------------------------------


def with_crosswalk() -> dict:
    d = data()
    d["baselines"] = [
        {
            "key": "old",
            "title": "Old standard",
            "short_title": "Old",
            "source": {"ref": "doc", "at": "p1"},
            "areas": [
                {"key": "talking", "title": "Talking", "summary": "Talking.", "source": {"ref": "doc", "at": "a1"}},
                {"key": "law", "title": "Law", "summary": "Law.", "source": {"ref": "doc", "at": "a2"}},
            ],
        }
    ]
    d["crosswalks"] = [
        {
            "key": "old-to-draft",
            "from": "old",
            "to": "draft",
            "basis": "Titles only.",
            "links": [{"from": "talking", "to": "1.1", "type": "carried-over", "rationale": "Both about talking."}],
            "thinner": [{"from": "law", "note": "No outcome names the law."}],
            "new": [{"id": "1.2", "note": "No old title names it."}],
        }
    ]
    d["feedback"] = [{"about": ["1.1 K1", "framework"], "source": {"ref": "doc", "at": "Q1"}, "summary": "A point."}]
    d["programmes"] = [{"key": "p", "title": "P", "note": "Invented.", "modules": [{"title": "M", "covers": ["1.1"]}]}]
    return d


def crosswalk(d: dict) -> dict:
    return d["crosswalks"][0]


def test_a_complete_crosswalk_loads(tmp_path):
    from macros.core import diff

    fw = loader.load(write(tmp_path, with_crosswalk()))
    comparison = diff.compare(fw, fw.crosswalks[0])
    assert [link.source for link in comparison.ancestors("1.1")] == ["talking"]
    assert comparison.new_items[0].id == "1.2"
    assert comparison.matrix() == [("talking", [1]), ("law", [0])]
    assert fw.feedback_about("1.1 K1")[0].summary == "A point."


def test_a_link_from_an_unknown_area(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["links"][0]["from"] = "talk"
    found = problems(tmp_path, d)
    assert any(p.message == "'talk' is not an area of 'old'" and "talking" in p.fix for p in found)


def test_a_link_to_an_unknown_id(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["links"].append({"from": "talking", "to": "1.1 D7", "type": "expanded", "rationale": "x"})
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.1 D7' is not an ID of edition 'draft'"
    assert problem.where == "crosswalks[0].links[1].to"


def test_an_area_with_no_link_and_no_thinner_entry(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["thinner"] = []
    (problem,) = problems(tmp_path, d)
    assert problem.message == "the area 'law' has no link and no 'thinner' entry"


def test_an_outcome_neither_linked_nor_new(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["new"] = []
    (problem,) = problems(tmp_path, d)
    assert problem.message == "outcome 1.2 has no ancestor and is not listed as new"


def test_an_outcome_both_linked_and_new(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["links"].append({"from": "talking", "to": "1.2", "type": "expanded", "rationale": "x"})
    (problem,) = problems(tmp_path, d)
    assert problem.message == "outcome 1.2 is listed as new but has a link"


def test_a_link_listed_twice(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["links"].append(dict(crosswalk(d)["links"][0]))
    (problem,) = problems(tmp_path, d)
    assert problem.message == "the link talking → 1.1 is listed twice"


def test_an_unknown_link_type(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["links"][0]["type"] = "renamed"
    (problem,) = problems(tmp_path, d)
    assert problem.where == "crosswalks[0].links[0].type"
    assert "carried-over, expanded or narrowed" in problem.fix


def test_a_crosswalk_from_nowhere(tmp_path):
    d = with_crosswalk()
    crosswalk(d)["from"] = "kss"
    found = problems(tmp_path, d)
    assert any(p.message == "no baseline or edition has the key 'kss'" for p in found)


def test_feedback_about_an_unknown_id(tmp_path):
    d = with_crosswalk()
    d["feedback"][0]["about"] = ["1.1 D9"]
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.1 D9' is not an ID of the current edition"
    assert problem.where == "feedback[0].about[0]"


def test_a_programme_covering_an_unknown_id(tmp_path):
    d = with_crosswalk()
    d["programmes"][0]["modules"][0]["covers"] = ["1.9"]
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.9' is not an ID of the current edition"


def test_the_same_crosswalk_machinery_compares_two_editions(tmp_path):
    """A final edition against the draft: outcome IDs on both sides, every outcome accounted for."""
    from macros.core import diff

    d = two_editions()
    d["retired_ids"] = [{"id": "1.1 K1", "edition": "draft", "status": "withdrawn", "note": "Dropped."}]
    d["crosswalks"] = [
        {
            "key": "draft-to-final",
            "from": "draft",
            "to": "final",
            "basis": "Same IDs compared.",
            "links": [
                {"from": "1.1", "to": "1.1", "type": "carried-over", "rationale": "Unchanged."},
                {"from": "1.2", "to": "1.2", "type": "expanded", "rationale": "Reworded."},
            ],
        }
    ]
    fw = loader.load(write(tmp_path, d))
    comparison = diff.compare(fw, fw.crosswalks[0])
    assert (comparison.old.groups, comparison.old.group_noun, comparison.new.groups) == (1, "domains", 1)
    assert comparison.counts_by_type() == {"carried-over": 1, "expanded": 1, "narrowed": 0}
    d["crosswalks"][0]["links"].pop()
    found = problems(tmp_path, d)
    assert {p.message for p in found} == {
        "the outcome '1.2' has no link and no 'thinner' entry",
        "outcome 1.2 has no ancestor and is not listed as new",
    }
