"""The rehearsal: an invented final edition added to the real data, as a maintainer adds one.

``add_rehearsal(text)`` edits the text of data/pqs.yaml exactly as docs/maintainers.md ("Adding an
edition") says, and nothing else: the edition's source at the end of ``sources``, the edition at the
end of ``editions``, a crosswalk from the draft at the end of ``crosswalks``, ``current_edition``
pointed at it, and the draft's ``superseded_by`` naming it. tests/fixtures/rehearsal/ holds the
pieces and the invented document they are "copied" from (its README lists every change rehearsed).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "rehearsal"
KEY = "final-rehearsal"
SEED = "rehearsal-final-standards.txt"

_TOP = re.compile(r"^[a-z_]+:", re.M)


def _append_to(text: str, field: str, block: str) -> str:
    """``block`` (list items, indented as the file indents them) added at the end of the top-level list ``field``,
    before the comments that introduce the next field."""
    start = re.search(rf"^{field}:", text, re.M)
    assert start, f"data/pqs.yaml has no {field}"
    following = _TOP.search(text, start.end())
    end = following.start() if following else len(text)
    lines = text[:end].split("\n")
    while lines and (not lines[-1].strip() or lines[-1].startswith("#")):
        lines.pop()  # the blank lines and comments that belong to the next field
    head = "\n".join(lines)
    return head + "\n" + block.rstrip("\n") + text[len(head) :]


def _supersede(text: str, older: str, newer: str) -> str:
    """The older edition's ``superseded_by`` block becomes ``superseded_by: {edition: <newer>}``."""
    entry = re.search(rf"^  - key: {re.escape(older)}\n", text, re.M)
    assert entry, f"no edition {older}"
    block = re.compile(r"^(    )superseded_by:.*\n(?:\1  .*\n)*", re.M)
    found = block.search(text, entry.end())
    nxt = re.search(r"^  - key: ", text[entry.end() :], re.M)
    limit = entry.end() + nxt.start() if nxt else len(text)
    if found and found.start() < limit:
        return text[: found.start()] + f"    superseded_by: {{edition: {newer}}}\n" + text[found.end() :]
    return text[: entry.end()] + f"    superseded_by: {{edition: {newer}}}\n" + text[entry.end() :]


def add_rehearsal(text: str) -> str:
    """The data file's text with the rehearsal edition added and made current: a maintainer's edit."""
    current = re.search(r"^current_edition: (\S+)$", text, re.M)
    assert current, "data/pqs.yaml has no current_edition"
    older = current.group(1)
    text = _append_to(text, "sources", (FIXTURE / "source.yaml").read_text(encoding="utf-8"))
    text = _append_to(text, "editions", "\n" + (FIXTURE / "edition.yaml").read_text(encoding="utf-8"))
    text = _append_to(text, "crosswalks", (FIXTURE / "crosswalk.yaml").read_text(encoding="utf-8"))
    text = text.replace(current.group(0), f"current_edition: {KEY}", 1)
    return _supersede(text, older, KEY)


def rehearsal_text() -> str:
    return add_rehearsal((ROOT / "data" / "pqs.yaml").read_text(encoding="utf-8"))


def rehearsal_data() -> dict[str, Any]:
    return yaml.safe_load(rehearsal_text())


def write_rehearsal(project: Path) -> Path:
    """Add the rehearsal to a copy of the project's data file, by editing its text; returns the file."""
    path = project / "data" / "pqs.yaml"
    path.write_text(add_rehearsal(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def rehearsal_seeds(dest: Path, seeds: Path) -> Path:
    """A folder of sources for the rehearsal: the real ones (linked) and the invented document."""
    dest.mkdir(parents=True, exist_ok=True)
    for seed in seeds.iterdir():
        (dest / seed.name).symlink_to(seed)
    if (seeds.parent / "sources").is_dir() and not (dest.parent / "sources").exists():
        (dest.parent / "sources").symlink_to(seeds.parent / "sources")  # the later finds, named as ../sources/…
    (dest / SEED).write_bytes((FIXTURE / SEED).read_bytes())
    return dest
