"""The loader and validator on tiny data files: one test per kind of bad input."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core import loader

MINIMAL = {
    "schema_version": 2,
    "current_edition": "draft",
    "statuses": [
        {"key": "consultation-draft", "label": "Consultation draft", "meaning": "A draft."},
        {"key": "final", "label": "Final", "meaning": "The standards as published."},
    ],
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
        for item in outcome.get("statements", []):
            if "id" in item:
                item["id"] = "2" + item["id"][1:]
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


# -- editions: IDs keep their meaning, or the crosswalk says what became of them -----------------------


def two_editions(changes: list[dict] | None = None) -> dict:
    """A final edition after the draft: it drops 1.1 K1 and rewords 1.2; ``changes`` is what the crosswalk declares."""
    d = data()
    final = copy.deepcopy(d["editions"][0])
    final["key"] = "final"
    final["status"] = "final"
    final["domains"][0]["outcomes"][0]["statements"] = final["domains"][0]["outcomes"][0]["statements"][1:]
    final["domains"][0]["outcomes"][1]["text"] = "Do the second thing, in new words."
    d["editions"].append(final)
    d["editions"][0]["superseded_by"] = {"edition": "final"}
    d["current_edition"] = "final"
    d["crosswalks"] = [
        {"key": "draft-to-final", "from": "draft", "to": "final", "basis": "IDs compared.", "links": [], "ids": changes or []}
    ]
    return d


WITHDRAWN = {"from": "1.1 K1", "change": "withdrawn", "rationale": "Dropped."}
REWORDED = {"from": "1.2", "change": "reworded", "rationale": "New words."}


def test_an_id_a_later_edition_drops_must_be_declared(tmp_path):
    d = two_editions([REWORDED])
    text = yaml.safe_dump(d, sort_keys=False)
    (problem,) = problems(tmp_path, text)
    assert (
        problem.message.startswith(f"1.1 K1 of edition 'draft' (line {line_of(text, 'id: 1.1 K1')}")
        and "is not in edition 'final'" in problem.message
    )
    assert problem.where == "crosswalks[0].ids"
    assert "withdrawn" in problem.fix and "not-recorded" in problem.fix


def test_an_id_a_later_edition_keeps_with_other_words_must_be_declared_naming_both_places(tmp_path):
    d = two_editions([WITHDRAWN])
    text = yaml.safe_dump(d, sort_keys=False)
    (problem,) = problems(tmp_path, text)
    first, second = [i for i, line in enumerate(text.splitlines(), 1) if "id: '1.2'" in line]
    assert f"1.2 has other words in edition 'final' (line {second}" in problem.message
    assert f"than in edition 'draft' (line {first}" in problem.message
    assert "reworded" in problem.fix


def test_declared_changes_load_and_say_what_became_of_each_id(tmp_path):
    from macros.core.history import history

    fw = loader.load(write(tmp_path, two_editions([WITHDRAWN, REWORDED])))
    assert fw.current.key == "final" and "1.1 K1" not in fw.index
    story = history(fw, "1.1 K1")
    assert story.now is None and not story.steady
    assert story.in_edition("draft").went.change == "withdrawn"
    assert not history(fw, "1.2").steady  # reworded: the short permalink says so
    assert history(fw, "1.1").steady  # the same words in both editions


def test_a_reused_id_is_declared_through_what_became_of_the_old_one(tmp_path):
    """The final edition gives 1.1 K1 to a new statement: the draft's 1.1 K1 must be said to have moved on."""
    d = two_editions([REWORDED])
    final_outcome = d["editions"][1]["domains"][0]["outcomes"][0]
    final_outcome["statements"].insert(
        0, {"id": "1.1 K1", "kind": "knows", "text": "a different thing", "source": {"ref": "doc", "at": "Q9"}}
    )
    found = problems(tmp_path, d)
    assert any("1.1 K1 has other words in edition 'final'" in p.message for p in found)
    d["crosswalks"][0]["ids"].append({"from": "1.1 K1", "change": "withdrawn", "rationale": "Replaced."})
    loader.load(write(tmp_path, d))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"from": "1.1 K1", "to": ["1.1 D9"], "change": "renumbered", "rationale": "x"}, "'1.1 D9' is not an ID of edition 'final'"),
        ({"from": "1.1 K1", "to": ["1.2"], "change": "withdrawn", "rationale": "x"}, "a withdrawn ID has no successor, but 'to' names 1.2"),
        ({"from": "1.1 K1", "change": "renumbered", "rationale": "x"}, "renumbered needs exactly one ID under 'to'"),
        ({"from": "1.1 K1", "to": ["1.1"], "change": "split", "rationale": "x"}, "split needs two or more IDs under 'to'"),
        ({"from": "1.1 K1", "to": ["1.2"], "change": "merged", "rationale": "x"}, "1.1 K1 is the only ID merged into 1.2"),
        (
            {"from": "1.1 K1", "to": ["1.2"], "change": "renumbered", "rationale": "x"},
            "1.1 K1 → 1.2 changes its outcome or domain, which is a move",
        ),
        ({"from": "1.9", "change": "withdrawn", "rationale": "x"}, "'1.9' is not an ID of edition 'draft'"),
        ({"from": "1.1", "change": "reworded", "rationale": "x"}, "1.1 has the same words in both editions, so it was not reworded"),
    ],
)
def test_each_declared_change_is_checked(tmp_path, change, message):
    found = problems(tmp_path, two_editions([REWORDED, change]))
    assert any(message in p.message for p in found), [p.message for p in found]


def test_every_edition_has_a_crosswalk_to_the_next(tmp_path):
    d = two_editions()
    d["crosswalks"] = []
    found = problems(tmp_path, d)
    assert any(p.message == "no crosswalk from edition 'draft' to the next one, 'final'" for p in found)


def test_feedback_stays_with_the_edition_it_was_given_on(tmp_path):
    """Feedback about the draft's 1.1 K1 still loads when a final edition without it is current."""
    d = two_editions([WITHDRAWN, REWORDED])
    d["feedback"] = [{"edition": "draft", "about": ["1.1 K1"], "source": {"ref": "doc", "at": "Q1"}, "summary": "A point."}]
    fw = loader.load(write(tmp_path, d))
    assert fw.feedback_about("1.1 K1", "draft")[0].summary == "A point."
    assert fw.feedback_about("1.1 K1") == ()
    d["feedback"][0]["edition"] = "final"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.1 K1' is not an ID of edition 'final', which this feedback is about"


def test_a_status_must_be_one_of_the_statuses(tmp_path):
    d = data()
    d["editions"][0]["status"] = "draft"
    (problem,) = problems(tmp_path, d)
    assert problem.message == "no status has the key 'draft'"
    assert "consultation-draft" in problem.fix


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
    d["feedback"] = [{"edition": "draft", "about": ["1.1 K1", "framework"], "source": {"ref": "doc", "at": "Q1"}, "summary": "A point."}]
    d["programmes"] = [{"key": "p", "title": "P", "note": "Invented.", "edition": "draft", "modules": [{"title": "M", "covers": ["1.1"]}]}]
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
    assert problem.message == "'1.1 D9' is not an ID of edition 'draft', which this feedback is about"
    assert problem.where == "feedback[0].about[0]"


def test_a_programme_covering_an_unknown_id(tmp_path):
    d = with_crosswalk()
    d["programmes"][0]["modules"][0]["covers"] = ["1.9"]
    (problem,) = problems(tmp_path, d)
    assert problem.message == "'1.9' is not an ID of edition 'draft', which this programme is mapped to"


def test_the_same_crosswalk_machinery_compares_two_editions(tmp_path):
    """A final edition against the draft: outcome IDs on both sides, kept outcomes carried over."""
    from macros.core import diff

    d = two_editions([WITHDRAWN, REWORDED])
    d["crosswalks"][0]["links"] = [{"from": "1.1", "to": "1.1", "type": "expanded", "rationale": "Goes further."}]
    fw = loader.load(write(tmp_path, d))
    comparison = diff.compare(fw, fw.crosswalks[0])
    assert (comparison.old.groups, comparison.old.group_noun, comparison.old.item_noun, comparison.new.groups) == (
        1,
        "domains",
        "outcome",
        1,
    )
    assert comparison.counts_by_type() == {"carried-over": 1, "expanded": 1, "narrowed": 0}


# -- patterns that almost match: every field checked in full, as a class ---------------------------------


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("editions", 0, "domains", 0, "outcomes", 0, "statements", 0, "id"), "1.1 K1\n"),
        (("editions", 0, "domains", 0, "outcomes", 0, "statements", 0, "id"), " 1.1 K1"),
        (("editions", 0, "domains", 0, "outcomes", 0, "id"), "1.1\n"),
        (("editions", 0, "key"), "draft\n"),
        (("sources", 0, "key"), "doc\t"),
        (("editions", 0, "domains", 0, "outcomes", 0, "statements", 1, "key"), "unnumbered\n"),
    ],
)
def test_a_field_with_a_stray_newline_or_space_is_refused(tmp_path, where, value):
    d = data()
    node = d
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    found = problems(tmp_path, d)
    assert found, value
    assert all(p.line >= 1 and p.fix for p in found)
    assert any(("one line" in p.message or "not allowed" in p.message or "is not" in p.message) for p in found), [p.message for p in found]


@pytest.mark.parametrize("value", ["2025-02-30", "2025-00-99", "2025-13", "2023-02-29", "0000-01-01"])
def test_an_impossible_date_is_refused(tmp_path, value):
    d = data()
    d["editions"][0]["published"] = value
    (problem,) = problems(tmp_path, d)
    assert problem.message == f"{value} is not a real date"
    assert problem.where == "editions[0].published"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://example.org/",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/a b",
        "https://example.org/<script>",
        "https://user:pass@example.org/",
        "https:///nohost",
        "https://example.org/\n",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_a_web_address_is_plain_https(tmp_path, url):
    d = data()
    d["sources"][0]["url"] = url
    found = problems(tmp_path, d)
    assert found and all(p.where == "sources[0].url" for p in found), [str(p) for p in found]


@pytest.mark.parametrize("key", ["index", "print", "id", "outcomes", "exports", "about"])
def test_an_edition_key_cannot_take_a_page_of_the_site(tmp_path, key):
    d = data()
    d["editions"][0]["key"] = key
    d["current_edition"] = key
    with pytest.raises(loader.DataError) as caught:
        loader.load(write(tmp_path, d), "data/pqs.yaml", reserved=frozenset({"index", "print", "id", "outcomes", "exports", "about"}))
    (problem,) = caught.value.problems
    assert problem.message == f"the key '{key}' is also the name of one of the site's own pages or folders (/{key}/)"
    assert problem.where == "editions[0].key" and problem.line > 1


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\u2028", "\x9b"])
def test_a_control_character_in_any_text_is_refused(tmp_path, char):
    d = data()
    statement(d)["text"] = f"knows{char}a thing"
    found = problems(tmp_path, d)
    assert found and all(p.line >= 1 for p in found)


_NEAR_IDS = st.one_of(
    st.builds(
        lambda a, b, sep, letter, n, tail: f"{a}.{b}{sep}{letter}{n}{tail}",
        st.integers(0, 20),
        st.integers(0, 20),
        st.sampled_from([" ", "", "  ", "-", "\t"]),
        st.sampled_from(["K", "D", "k", "X", "KK"]),
        st.integers(0, 30),
        st.sampled_from(["", "\n", " ", ".", "a"]),
    ),
    st.text(max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(_NEAR_IDS)
def test_a_statement_id_is_accepted_only_when_it_is_one_exactly(value):
    """Whatever is written as a statement's ID, it loads only if it is exactly a well-formed ID of its outcome;
    anything else is a problem with a line and a fix, never an exception of another kind."""
    import tempfile

    from macros.core import ids

    with tempfile.TemporaryDirectory() as folder:
        d = data()
        statement(d)["id"] = value
        try:
            fw = loader.load(write(Path(folder), d), "data/pqs.yaml")
        except loader.DataError as err:
            assert all(p.line >= 1 and p.fix for p in err.problems)
        else:
            assert ids.STATEMENT_RE.fullmatch(value) and value.startswith("1.1 K")
            assert value in fw.index
