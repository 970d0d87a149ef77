"""What the site generates from a data file, as text files: the golden-file layer.

``generated(data)`` runs the project's MkDocs hook and mkdocs-macros on a data file, exactly as a build
does, and returns every generated file (Markdown pages, permalink pages, scripts, exports), the
navigation it adds, and what each macro for hand-written pages returns. tests/test_golden.py compares
that with the files under tests/golden/<name>/, so a change to any page kind shows as a readable diff;
``python tests/golden_site.py`` writes them afresh after a change that was meant.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "data" / "pqs.schema.json"

# Each macro of the hand-written pages, called as a page would call it, on the page it is called from.
MACRO_CALLS: list[tuple[str, str, tuple[Any, ...]]] = [
    ("index.md", "framework_overview", ()),
    ("about.md", "timeline", ()),
    ("sources.md", "sources_list", ()),
    ("about.md", "meaning", ("knows",)),
    ("about.md", "pqs", ("1.1 K1",)),
    ("about.md", "pqs", ("2",)),
    ("guidance/domain-notes.md", "domain_notes", ()),
    ("guidance/example-programme.md", "programme", ("example-test",)),
    ("guidance/remapping.md", "changes_link", ()),
    ("guidance/remapping.md", "baseline_link", ()),
    ("index.md", "edition", ()),
    ("check.md", "framework_grid", ()),
]


def _hooks():
    import importlib.util

    spec = importlib.util.spec_from_file_location("pqs_golden_hooks", ROOT / "macros" / "hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated(data: Path, site_url: str = "") -> dict[str, str]:
    """Every file the hook generates for ``data``, plus _nav.json and _macros/*.md, by path."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(ROOT / "mkdocs.yml"), site_url=site_url or None)
    config.extra["pqs_data"] = os.path.relpath(data, ROOT)
    config.extra["pqs_schema"] = str(SCHEMA)
    config.plugins._current_plugin = "golden"  # File.generated records which plugin made a file
    hooks = _hooks()
    config = hooks.on_config(config)
    files = hooks.on_files(get_files(config), config)
    out: dict[str, str] = {}
    for file in files:
        if file.generated_by:
            out[file.src_uri] = file.content_string
    out["_nav.json"] = json.dumps(config.nav, indent=1, ensure_ascii=False) + "\n"
    # The macros as mkdocs-macros holds them once the hook has registered them, each called on its page.
    plugin = config.plugins["macros"]
    plugin.on_config(config)
    for i, (page, name, args) in enumerate(MACRO_CALLS):
        plugin._page = SimpleNamespace(file=SimpleNamespace(src_uri=page))  # what its page event sets
        value = plugin.macros[name](*args)
        text = json.dumps(value, indent=1, ensure_ascii=False) if isinstance(value, dict) else str(value)
        out[f"_macros/{i:02d}-{name}.md"] = text + "\n"
    return out


def generated_apart(data: Path, site_url: str = "") -> dict[str, str]:
    """``generated`` in a process of its own: the hook re-imports the macros package on every build,
    which would leave a test process holding two copies of the model's classes."""
    import subprocess

    result = subprocess.run(
        [sys.executable, __file__, "--json", str(data), site_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write(name: str) -> None:
    folder = GOLDEN / name
    made = generated(FIXTURES / name / "pqs.yaml")
    for old in sorted(folder.rglob("*"), reverse=True) if folder.exists() else []:
        old.unlink() if old.is_file() else old.rmdir()
    for path, content in made.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--json"]:
        print(json.dumps(generated(Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "")))
        sys.exit(0)
    for fixture in sys.argv[1:] or ["small"]:
        write(fixture)
        print(f"wrote tests/golden/{fixture}/")
