"""Pass 2 of the loader: the data's shape against its published JSON Schema (data/pqs.schema.json).

The schema names its parts once under ``$defs`` and refers to them (``"$ref": "#/$defs/statement"``).
Following a reference is most of a validator's work on a large file (about half the time at 10x the
framework), so before validating, each local reference is replaced by the definition it names:
the same rules and the same ``x-fix`` hints, so the same errors with the same messages, found
without the lookups. The published file is untouched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from macros.core.problems import DataError, Problem, Problems


def load_schema(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(
            [Problem(str(path), 1, "(file)", f"the schema cannot be read ({err})", "restore data/pqs.schema.json from git")]
        ) from None


# Keywords that only describe: a "$ref" beside nothing else but these can be replaced by its target.
_ANNOTATIONS = frozenset({"description", "title", "x-fix", "$comment", "examples", "default"})
_LOCAL = "#/$defs/"


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every ``{"$ref": "#/$defs/name"}`` replaced by that definition (itself inlined).

    A reference beside keywords that validate is kept as ``allOf: [definition]`` with them, which
    means the same; a reference of any other form, or a definition that refers to itself, is left
    as it is (the validator follows those as usual).
    """
    defs = schema.get("$defs", {})
    done: dict[str, Any] = {}

    def resolve(ref: str, within: tuple[str, ...]) -> Any:
        name = ref[len(_LOCAL) :]
        if name in within:  # recursive: leave the reference for the validator
            return None
        if name not in done:
            done[name] = walk(defs[name], (*within, name))
        return done[name]

    def walk(node: Any, within: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(v, within) for v in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_LOCAL) and "/" not in ref[len(_LOCAL) :] and ref[len(_LOCAL) :] in defs:
            target = resolve(ref, within)
            if target is not None:
                rest = {k: v for k, v in node.items() if k != "$ref"}
                if set(rest) <= _ANNOTATIONS:
                    return target
                out = {k: walk(v, within) for k, v in rest.items()}
                out["allOf"] = [target, *out.get("allOf", [])]
                return out
        return {k: (v if k == "$defs" else walk(v, within)) for k, v in node.items()}

    return walk(schema, ())


def check(data: Any, problems: Problems, schema_path: Path) -> None:
    """Add a problem, with its line and a fix, for every place where the data breaks the schema."""
    report(jsonschema.Draft202012Validator(inline_refs(load_schema(schema_path))), data, problems)


def report(validator: Any, data: Any, problems: Problems) -> None:
    """Add a problem for each error the validator finds in the data."""
    for error in sorted(validator.iter_errors(data), key=lambda e: problems.line(tuple(e.absolute_path))):
        path = tuple(error.absolute_path)
        kind = error.validator
        fix = error.schema.get("x-fix") if isinstance(error.schema, dict) else None
        if kind == "required":
            missing = error.message.split("'")[1]
            message, fix = f"the field '{missing}' is missing", f"add '{missing}:' here (see data/pqs.schema.json)"
        elif kind == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            message = error.message.replace("Additional properties are not allowed", "unknown field")
            fix = f"remove or rename it; the fields allowed here are: {allowed}"
        elif kind == "type" and "string" in str(error.validator_value) and path in problems.written:
            # YAML 1.1 reads some unquoted text as something else: 14:30 as 870 (base 60), no and off as false.
            written = problems.written[path]
            read = {bool: "the value", int: "the number", float: "the number"}.get(type(error.instance), "the value")
            shown = str(error.instance).lower() if isinstance(error.instance, bool) else repr(error.instance)
            message = f"YAML reads {written} without quotes as {read} {shown}, not as the text {written!r}"
            fix = f'put it in quotes: "{written}"'
        elif kind == "type":
            message = f"expected {error.validator_value}, found {type(error.instance).__name__} {error.instance!r}"
            kind_name = str(error.validator_value)
            fix = fix or f"write {'an' if kind_name[:1] in 'aeiou' else 'a'} {kind_name} here (put text in quotes)"
        elif kind == "minItems":
            message = "this list is empty"
            fix = fix or "add at least one entry, or remove the field"
        elif kind == "minLength" and error.instance == "":
            message = "this is empty"
            fix = fix or "write it here, or remove the field"
        elif kind in ("anyOf", "oneOf"):
            message = f"{error.instance!r} is not allowed here: it is none of the forms this field takes"
            fix = fix or _alternatives(error)
        else:
            message = f"{error.instance!r} is not allowed here ({kind})"
            if kind == "enum":
                fix = fix or "use one of: " + ", ".join(map(str, error.validator_value))
        problems.add(path, message, fix or "see data/pqs.schema.json for what is allowed here")


def _alternatives(error: Any) -> str | None:
    """The fix for a value that fits none of a field's forms: each form's own fix, or the value it must be."""
    alternatives: list[str] = []
    for sub in error.context or ():
        if sub.validator == "const":
            alternatives.append(f"write {json.dumps(sub.validator_value)}")
        elif isinstance(sub.schema, dict) and sub.schema.get("x-fix"):
            alternatives.append(sub.schema["x-fix"])
    return "; or ".join(dict.fromkeys(alternatives)) or None
