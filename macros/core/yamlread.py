"""Pass 1 of the loader: YAML to plain data, with the line of every place in it.

Dates stay text ("2025-03-20"), and a key that appears twice in one mapping is
a problem, not a silent overwrite. libyaml does the parsing; on a syntax error
the pure-Python parser runs again for its fuller message.
"""

from __future__ import annotations

import gc
from typing import Any

import yaml

from macros.core.problems import DataError, PathT, Problem, Problems, where


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings ("2025-03-20" stays text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml (PyYAML's wheels include it): many times faster on large files."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _Reader:
    """Turns a composed YAML node tree into plain data, recording each place's line in ``problems``."""

    def __init__(self, problems: Problems, loader: Any):
        self.problems = problems
        self.loader = loader

    def read(self, node: yaml.Node, path: PathT = ()) -> Any:
        lines = self.problems.lines
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if key in result:
                    self.problems.add_at(
                        key_node.start_mark.line + 1,
                        where(path),
                        f"the key '{key}' appears twice in the same mapping",
                        f"keep one '{key}' and delete the other",
                    )
                child = (*path, key)
                result[key] = self.read(value_node, child)
                lines[child] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def parse(text: str, file: str) -> tuple[Any, Problems]:
    """Parse with libyaml; on a syntax error, parse again in Python for its fuller messages."""
    problems = Problems(file)
    fast = _FastLoader(text)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the node tree is large and acyclic: collecting during the read only costs time
    try:
        node = fast.get_single_node()
        if node is not None:
            return _Reader(problems, fast).read(node), problems
    except yaml.YAMLError:
        pass
    finally:
        fast.dispose()
        if gc_was_enabled:
            gc.enable()
    return _parse_slowly(text, problems)


def _parse_slowly(text: str, problems: Problems) -> tuple[Any, Problems]:
    file = problems.file
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        start = getattr(err, "context_mark", None)
        found = getattr(err, "problem_mark", None)
        mark = start or found
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or str(err)
        if start and found and found.line != start.line:
            what += f" at line {found.line + 1}, {getattr(err, 'context', '')} that starts here".replace("  ", " ")
        raise DataError(
            [
                Problem(
                    file,
                    line,
                    f"line {line}, column {mark.column + 1 if mark else 1}",
                    f"this is not valid YAML ({what})",
                    "check the indentation and quoting on this line and the one before it;"
                    " text containing ': ' or starting with a quote must be quoted as a whole",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(file, 1, "(top level)", "the file is empty", "restore the data from git")])
    return _Reader(problems, loader).read(node), problems
