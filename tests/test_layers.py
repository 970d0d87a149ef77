"""The layers the README describes, as the code imports them: each module imports only its own layer and
those below it (core → routes → checker → render → adapters and commands), no module imports MkDocs below
the adapters, and no two modules import each other, even from inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"
# Lowest first. A module's layer is the first whose prefix it has.
LAYERS = (
    ("macros.core",),
    ("macros.routes",),
    ("macros.checker",),
    ("macros.render",),
    ("macros.adapters", "macros.cli", "macros.hooks", "macros"),
)


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    for i, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(module)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}  # "from macros.render import moodle"
    return found


MODULES = {_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _internal(imported: set[str]) -> set[str]:
    """The project's own modules among those imported ("from macros import routes" imports macros.routes, not macros)."""
    return {m for m in imported if m in MODULES and m != "macros"}


def test_each_module_imports_only_its_layer_and_those_below():
    wrong = [
        f"{module} (layer {_layer(module)}) imports {other} (layer {_layer(other)})"
        for module, imported in MODULES.items()
        for other in _internal(imported)
        if _layer(other) > _layer(module)
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_adapters_and_commands_import_mkdocs():
    below = [
        m
        for m, imported in MODULES.items()
        if _layer(m) < len(LAYERS) - 1 and any(i.split(".")[0] in ("mkdocs", "material") for i in imported)
    ]
    assert not below


def test_no_modules_import_each_other():
    graph = {m: {o for o in _internal(i) if o != m and not m.startswith(o + ".")} for m, i in MODULES.items()}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in graph[node]:
            if nxt in path:
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif len(path) < 12:
                visit(nxt, [*path, nxt])

    for start in graph:
        visit(start, [start])
    assert not cycles, "\n".join(sorted(set(cycles))[:10])
