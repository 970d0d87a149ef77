"""The loader validates against the schema with its local references inlined (macros/core/schema.py):
the same errors as the published schema gives, on many broken variants of a data file."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import yaml
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core import schema
from macros.core.problems import Problem, Problems

PUBLISHED = json.loads((ROOT / "data" / "pqs.schema.json").read_text(encoding="utf-8"))
DATA = yaml.safe_load((FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8"))


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _places(value, (*path, i))
    return found


PLACES = _places(DATA)[1:]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "x", "1.1", "1.1 K1", "Draft-2025", "2025-13-40", "http://x", "final", "framework", "moved"]),
    st.lists(st.sampled_from(["1.1", "x", ""]), max_size=2),
    st.dictionaries(st.sampled_from(["id", "key", "text", "unknown"]), st.sampled_from(["1.1", "x"]), max_size=2),
)


def _problems(schema_: dict[str, Any], data: Any) -> list[Problem]:
    """What the loader reports (message, place and fix) for each error a validator of this schema finds."""
    found = Problems("pqs.yaml")
    schema.report(jsonschema.Draft202012Validator(schema_), data, found)
    return sorted(found.found, key=repr)


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(["set", "delete", "add"]), VALUES), min_size=1, max_size=3))
def test_inlined_references_give_the_same_errors_as_the_published_schema(edits):
    data = json.loads(json.dumps(DATA))
    for place, action, value in edits:
        try:
            parent = _get(data, place[:-1])
            if action == "set":
                parent[place[-1]] = value
            elif action == "delete" and isinstance(parent, dict):
                del parent[place[-1]]
            elif action == "add" and isinstance(_get(parent, place[-1:]), dict):
                _get(parent, place[-1:])["unexpected"] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this place
    assert _problems(schema.inline_refs(PUBLISHED), data) == _problems(PUBLISHED, data)


def test_the_inlined_schema_has_no_references_left():
    text = json.dumps({k: v for k, v in schema.inline_refs(PUBLISHED).items() if k != "$defs"})
    assert '"$ref"' not in text
    assert '"$ref"' in json.dumps(PUBLISHED)  # so the published file does use them


GENERIC_FIX = "see data/pqs.schema.json for what is allowed here"


LEAVES = [place for place in PLACES if not isinstance(_get(DATA, place), (dict, list))]


def test_every_value_the_schema_refuses_gets_a_fix_that_says_what_to_write():
    """Not the bare pointer to the schema: at every place of the data, each refusal says what the place takes."""
    validator = jsonschema.Draft202012Validator(schema.inline_refs(PUBLISHED))
    for place in LEAVES:
        for value in ("x", "", 3, None, "6.2  D1", ["x"]):
            data = json.loads(json.dumps(DATA))
            _get(data, place[:-1])[place[-1]] = value
            found = Problems("pqs.yaml")
            schema.report(validator, data, found)
            for problem in found.found:
                assert problem.fix != GENERIC_FIX, (place, value, problem)


def test_an_id_that_fits_no_form_of_an_about_list_is_told_both_forms():
    data = json.loads(json.dumps(DATA))
    data["feedback"][0]["about"] = ["6.2  D1"]
    (problem,) = _problems(schema.inline_refs(PUBLISHED), data)
    assert "'6.2  D1' is not allowed here" in problem.message
    assert problem.fix == 'write an ID of the edition as it is printed: "3", "3.2" or "3.2 D2"; or write "framework"'
