"""The rehearsal: the real data with an invented final edition made current (tests/fixtures/rehearsal).

``rehearsal_data()`` returns data/pqs.yaml as data, with the rehearsal edition added after the
draft, the draft marked as superseded by it, a crosswalk from the draft to it, and the rehearsal
made current: exactly what a maintainer adds when the final standards' text arrives.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "rehearsal" / "final-edition.yaml"


def rehearsal_data(base: dict[str, Any] | None = None) -> dict[str, Any]:
    data = copy.deepcopy(base) if base is not None else yaml.safe_load((ROOT / "data" / "pqs.yaml").read_text(encoding="utf-8"))
    fixture = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    draft = next(e for e in data["editions"] if e["key"] == "draft-2025")
    final = copy.deepcopy(fixture["edition"])
    reworded = final.pop("reworded_outcomes")
    statements = final.pop("statements")
    final["domains"] = copy.deepcopy(draft["domains"])
    for domain in final["domains"]:
        for outcome in domain["outcomes"]:
            if outcome["id"] in reworded:
                outcome["text"] = reworded[outcome["id"]]
                outcome["source"] = {"ref": "rehearsal-final", "at": outcome["id"]}
            if outcome["id"] in statements:
                kept = [s for s in outcome.get("statements", []) if "key" in s]
                outcome["statements"] = kept + statements[outcome["id"]]
                outcome["coverage"] = "partial" if outcome["statements"] else "none"
                if not outcome["statements"]:
                    outcome.pop("statements")
                    outcome.pop("note", None)
    data["sources"].append(fixture["source"])
    data["editions"].append(final)
    draft["superseded_by"]["edition"] = final["key"]
    data["crosswalks"].append(fixture["crosswalk"])
    data["current_edition"] = final["key"]
    return data


def write_rehearsal(project: Path) -> Path:
    """Write the rehearsal data over a copy of the project's data file."""
    path = project / "data" / "pqs.yaml"
    path.write_text(yaml.safe_dump(rehearsal_data(), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path
