"""Golden files: every page kind the site generates, from a small invented data set.

A change to any generated page, script, export or macro shows here as a diff against
tests/golden/<fixture>/. When the change is meant, write the files afresh with
``.venv/bin/python tests/golden_site.py`` and commit them with the change, so the diff is reviewed.
"""

from __future__ import annotations

import difflib

import pytest
from golden_site import FIXTURES, GOLDEN, generated_apart


@pytest.mark.parametrize("fixture", ["small"])
def test_generated_files_match_the_golden_files(fixture):
    made = generated_apart(FIXTURES / fixture / "pqs.yaml")
    folder = GOLDEN / fixture
    kept = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}
    assert sorted(made) == sorted(kept), "files added or removed; run: .venv/bin/python tests/golden_site.py"
    diffs = []
    for path in sorted(made):
        if made[path] != kept[path]:
            diffs += difflib.unified_diff(kept[path].splitlines(), made[path].splitlines(), f"golden/{path}", f"now/{path}", lineterm="")
    assert not diffs, "generated output changed; if meant, run: .venv/bin/python tests/golden_site.py\n" + "\n".join(diffs[:200])


def test_a_changed_page_shows_as_a_diff(tmp_path):
    """The golden comparison sees a one-word change in the data (so a pass means something)."""
    data = (FIXTURES / "small" / "pqs.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "pqs.yaml"
    changed.write_text(data.replace("Do the first invented thing.", "Do the first CHANGED thing."), encoding="utf-8")
    made = generated_apart(changed)
    kept = (GOLDEN / "small" / "outcomes" / "1.1.md").read_text(encoding="utf-8")
    assert made["outcomes/1.1.md"] != kept
    assert "CHANGED" in made["outcomes/1.1.md"]
