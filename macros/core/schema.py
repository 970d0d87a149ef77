"""Pass 2 of the loader: the data's shape against its published JSON Schema (data/pqs.schema.json)."""

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


def check(data: Any, problems: Problems, schema_path: Path) -> None:
    """Add a problem, with its line and a fix, for every place where the data breaks the schema."""
    validator = jsonschema.Draft202012Validator(load_schema(schema_path))
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
        elif kind == "type":
            message = f"expected {error.validator_value}, found {type(error.instance).__name__} {error.instance!r}"
            fix = fix or f"write a {error.validator_value} here (put text in quotes)"
        elif kind == "minItems":
            message = "this list is empty"
            fix = fix or "add at least one entry, or remove the field"
        else:
            message = f"{error.instance!r} is not allowed here ({kind})"
            if kind == "enum":
                fix = fix or "use one of: " + ", ".join(map(str, error.validator_value))
        problems.add(path, message, fix or "see data/pqs.schema.json for what is allowed here")
