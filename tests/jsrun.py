"""Run the site's own JavaScript in Node (no browser), to compare it with the Python it is generated from."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

NODE = shutil.which("node") or shutil.which("nodejs")

# Just enough of a browser page for the site's scripts to load: they look for elements and add listeners.
_PAGE = """
globalThis.window = globalThis;
window.addEventListener = () => {};
globalThis.location = { protocol: "http:", href: "http://127.0.0.1/", search: "" };
globalThis.document = {
  readyState: "complete", addEventListener: () => {}, getElementById: () => null,
  querySelector: () => null, querySelectorAll: () => [],
};
"""


def run(scripts: list[Path | str], expression: str, payload: Any) -> Any:
    """Load ``scripts`` (files, or source text) into a bare page in Node, then evaluate ``expression``
    with ``input`` bound to ``payload``; returns its JSON value."""
    if NODE is None:
        pytest.fail("Node.js is needed to run the site's scripts (./dev test installs it with npm)")
    sources = [s.read_text(encoding="utf-8") if isinstance(s, Path) else s for s in scripts]
    program = _PAGE + "\n".join(sources) + "\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
    program += f"process.stdout.write(JSON.stringify({expression}));\n"
    result = subprocess.run([NODE, "-e", program], input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
