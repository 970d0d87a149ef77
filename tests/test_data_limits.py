"""Limits on every field of the data, and what YAML does to unquoted text: each class closed in the loader,
shown on many generated values, never a traceback and always the file, the line and the fix.

The classes: a field longer than its use allows (macros/core/build/fields.py, LIMITS), an ID with a number
of hundreds of digits, a web address urlsplit chokes on, a statement key that takes a name its page uses,
text that a spreadsheet would run as a formula, YAML 1.1 reading 14:30 or no as a number or false, and a
count of statements that the recorded statements exceed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from macros.core import ids, loader
from macros.core.build import fields

SMALL = (FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8")
SCHEMA = ROOT / "data" / "pqs.schema.json"


def problems_of(tmp_path: Path, text: str) -> list[loader.Problem]:
    path = tmp_path / "pqs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(loader.DataError) as caught:
        loader.load(path, "data/pqs.yaml", SCHEMA)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def leaves(node, path=()):
    """(path, value) of every string in the data."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from leaves(v, (*path, i))
    elif isinstance(node, str):
        yield path, node


def put(data, path, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


# -- every field has a limit, and a value over it is refused wherever it is ---------------------------


def _schema_string_fields(node, name=None, found=None):
    found = set() if found is None else found
    if isinstance(node, dict):
        strings = node.get("type") == "string" or all(isinstance(v, str) for v in node.get("enum", [0]))
        named = "$ref" in node and node["$ref"].split("/")[-1] in ("text", "key", "date", "item_id")
        if name and (strings or named):
            found.add(name)
        for key, value in node.items():
            if key == "properties":
                for field, sub in value.items():
                    _schema_string_fields(sub, field, found)
            elif key == "items":
                _schema_string_fields(value, name, found)
            elif isinstance(value, (dict, list)) and key not in ("properties",):
                _schema_string_fields(value, name if key in ("anyOf", "oneOf") else None, found)
    elif isinstance(node, list):
        for value in node:
            _schema_string_fields(value, name, found)
    return found


def test_every_text_field_of_the_schema_has_a_limit():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    named = _schema_string_fields(schema)
    assert {"title", "text", "key", "url", "id", "at", "seed", "summary"} <= named
    assert named <= set(fields.LIMITS), f"fields with no limit: {sorted(named - set(fields.LIMITS))}"


SMALL_LEAVES = [p for p, _ in leaves(yaml.safe_load(SMALL))]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SMALL_LEAVES), st.integers(1, 2))
@example(("editions", 0, "title"), 3)
@example(("editions", 0, "key"), 2)
def test_a_value_over_its_fields_limit_is_refused_with_its_line_and_the_limit(tmp_path_factory, path, scale):
    """Any string of the data, made longer than its field allows (by a little, or by a megabyte), is refused at its
    own place with the limit; a key 300 characters long no longer ends in 'File name too long'."""
    data = yaml.safe_load(SMALL)
    name = next(str(p) for p in reversed(path) if isinstance(p, str))
    limit = fields.LIMITS[name]
    length = {1: limit + 1, 2: limit * 10, 3: 1_000_000}[scale]
    assume(name not in fields.DATES)  # a date's form (YYYY-MM-DD) is its limit: the schema refuses any other
    original = dict(leaves(data))[path]
    if ids.is_id(original):  # an ID keeps the form of one: 1 and a long run of digits
        value = "1" * length
    elif name == "url":
        value = ("https://example.org/" + "a" * length)[:length]
    else:
        value = "a" * length  # a slug and a text alike
    put(data, path, value)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**7)
    found = problems_of(tmp_path_factory.mktemp("limit"), text)
    mine = [p for p in found if "characters long" in p.message or "digits long" in p.message]
    if not mine:  # the schema refused the value by its form before its length was read: refused all the same
        assert found and all(p.line > 1 for p in found), found
        return
    assert mine[0].where.endswith(".".join(str(p) for p in path[-1:])) or mine[0].where.endswith(f"[{path[-1]}]")
    assert (f"at most {limit:,}" in mine[0].message or "digits long" in mine[0].message) and mine[0].line > 1


def test_the_real_data_is_well_inside_every_limit(framework):
    data = yaml.safe_load((ROOT / "data" / "pqs.yaml").read_text(encoding="utf-8"))
    for path, value in leaves(data):
        name = next(str(p) for p in reversed(path) if isinstance(p, str))
        assert len(value) <= fields.LIMITS[name], (path, len(value))
        if name in fields.PROSE:  # room to spare for longer text in a later edition
            assert len(value) <= fields.LIMITS[name] / 2, (path, len(value))


@pytest.mark.parametrize("digits", [4, 300])
def test_an_id_with_a_number_of_many_digits_is_refused(tmp_path, digits):
    text = SMALL.replace("- id: 1.1 D2", "- id: 1.1 D" + "2" * digits, 1)
    found = problems_of(tmp_path, text)
    assert any("1.1 D2" in p.where or "statements[1].id" in p.where for p in found), found
    assert any("digits long" in p.message or "characters long" in p.message for p in found), found


# -- web addresses ---------------------------------------------------------------------------------------

_URL_PARTS = st.sampled_from(
    [
        "https://",
        "http://",
        "[",
        "]",
        "／",
        "？",
        "@",
        ":",
        "::1",
        "%",
        "example.org",
        "/a",
        "#x",
        "?q=1",
        "é",
        " ",
        ":99999",
        "xn--",
        "\u3002",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_URL_PARTS, min_size=1, max_size=6).map("".join))
def test_no_web_address_makes_the_loader_stop_with_a_traceback(tmp_path_factory, tail):
    """An unclosed [ , a full-width ／ in the host, a bad port: a problem with its line, never urlsplit's ValueError."""
    url = "https://" + tail if not tail.startswith(("http", "[")) else tail
    text = SMALL.replace("url: https://example.org/standards", f"url: {json.dumps(url)}", 1)
    path = tmp_path_factory.mktemp("url") / "pqs.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        loader.load(path, "data/pqs.yaml", SCHEMA)
    except loader.DataError as err:
        assert all(p.line >= 1 and p.fix for p in err.problems)


@pytest.mark.parametrize(
    "url", ["https://[example.org/standards", "https://exa／mple.org/standards", "https://example.org:99999/", "https://exämple.org/"]
)
def test_the_addresses_that_stopped_the_loader_are_refused(tmp_path, url):
    text = SMALL.replace("url: https://example.org/standards", f"url: {json.dumps(url)}", 1)
    (problem,) = problems_of(tmp_path, text)
    assert "is not a plain https:// address" in problem.message and problem.where.endswith(".url")
    assert problem.line == line_of(text, json.dumps(url))


# -- names that collide ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [*ids.OUTCOME_SECTIONS, "old-to-draft-test", "k1", "d12"])
def test_a_statement_key_that_a_page_uses_is_refused(tmp_path, key):
    """An unnumbered statement's anchor is <outcome>-<key>: 1.2-sources would be the page's Sources section."""
    text = SMALL.replace("key: first-unnumbered", f"key: {key}", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem.where.endswith(".key") and f"the key '{key}' would give this statement the anchor" in problem.message
    assert problem.line == line_of(text, f"key: {key}")


def test_every_anchor_an_outcome_page_writes_is_a_section_a_statement_or_a_comparison():
    """The names a statement's key may not take are exactly the sections the outcome pages write."""
    from golden_site import FIXTURES as _F
    from golden_site import generated_apart

    made = generated_apart(_F / "small" / "pqs.yaml")
    fw = loader.load(FIXTURES / "small" / "pqs.yaml", "pqs.yaml", SCHEMA)
    allowed = set(ids.OUTCOME_SECTIONS) | {c.key for c in fw.crosswalks}
    for outcome in fw.current.outcomes:
        page = made[f"outcomes/{outcome.id}.md"]
        anchors = set(re.findall(r"\{ #([^ }]+)", page))
        sections = {a.removeprefix(f"{outcome.id}-") for a in anchors if a.startswith(f"{outcome.id}-")}
        statements = {s.anchor.removeprefix(f"{outcome.id}-") for s in outcome.statements}
        assert sections - statements <= allowed, outcome.id


# -- text a spreadsheet would run --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["", " ", "  ", "\u00a0", "\u3000"]),
    st.sampled_from(["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2212"]),
    st.sampled_from(["SUM(1+1)", 'HYPERLINK("https://x.test")', "cmd|' /C calc'!A0", "1"]),
    st.sampled_from(["text", "title", "summary", "note", "at", "publisher"]),
)
def test_text_that_starts_as_a_formula_is_refused_in_every_field(tmp_path_factory, blank, sign, rest, field):
    data = yaml.safe_load(SMALL)
    place = next(p for p, _ in leaves(data) if p[-1] == field)
    put(data, place, f"{blank}{sign}{rest}")
    found = problems_of(tmp_path_factory.mktemp("formula"), yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert any("which a spreadsheet runs as a formula" in p.message for p in found), found


# -- what YAML makes of unquoted text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("14:30", "the number 870"),
        ("no", "the value false"),
        ("yes", "the value true"),
        ("Off", "the value false"),
        ("3.14", "the number 3.14"),
        ("0x1F", "the number 31"),
        ("1_000", "the number 1000"),
    ],
)
def test_yaml_reading_text_as_something_else_says_what_it_did_and_how_to_quote_it(tmp_path, written, read):
    text = SMALL.replace("text: does the second invented thing", f"text: {written}", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem.message == f"YAML reads {written} without quotes as {read}, not as the text {written!r}"
    assert problem.fix == f'put it in quotes: "{written}"' and problem.line == line_of(text, f"text: {written}")


# -- counts --------------------------------------------------------------------------------------------------


def test_a_count_of_statements_that_the_recorded_ones_exceed_is_refused(tmp_path):
    data = yaml.safe_load(SMALL)
    edition = data["editions"][0]
    knows = sum(1 for d in edition["domains"] for o in d["outcomes"] for s in o.get("statements", []) if s["kind"] == "knows")
    edition["statement_counts"] = {"knows": knows - 1, "source": {"ref": "test-news", "at": "the count"}}
    (problem,) = problems_of(tmp_path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert problem.where.endswith("statement_counts.knows")
    assert f"{knows - 1} knows statements in all, this says, but {knows} are recorded here" in problem.message
