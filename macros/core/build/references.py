"""Feedback and programmes: each names IDs of one edition, and stays with that edition."""

from __future__ import annotations

from typing import Any

from macros.core.build.context import Context
from macros.core.model import Edition, Feedback, Module, Programme
from macros.core.problems import PathT


def _edition(raw: dict[str, Any], path: PathT, ctx: Context, editions: dict[str, Edition]) -> Edition | None:
    edition = editions.get(raw["edition"])
    if edition is None:
        ctx.problem((*path, "edition"), f"no edition has the key '{raw['edition']}'", "use one of: " + ", ".join(editions))
    return edition


def feedback(raw: dict[str, Any], path: PathT, ctx: Context, editions: dict[str, Edition]) -> Feedback:
    edition = _edition(raw, path, ctx, editions)
    if edition:
        for i, item_id in enumerate(raw["about"]):
            if item_id != "framework" and item_id not in edition.ids:
                ctx.problem(
                    (*path, "about", i),
                    f"'{item_id}' is not an ID of edition '{edition.key}', which this feedback is about",
                    f"use an ID edition '{edition.key}' has, or framework (feedback stays with the edition it was given on)",
                )
    return Feedback(raw["edition"], tuple(raw["about"]), ctx.provenance(raw["source"], (*path, "source")), raw["summary"])


def programme(raw: dict[str, Any], path: PathT, ctx: Context, editions: dict[str, Edition]) -> Programme:
    edition = _edition(raw, path, ctx, editions)
    modules = []
    for m, module in enumerate(raw["modules"]):
        for i, item_id in enumerate(module["covers"]):
            if edition and item_id not in edition.ids:
                ctx.problem(
                    (*path, "modules", m, "covers", i),
                    f"'{item_id}' is not an ID of edition '{edition.key}', which this programme is mapped to",
                    f"use an ID edition '{edition.key}' has",
                )
        modules.append(Module(module["title"], tuple(module["covers"])))
    return Programme(raw["key"], raw["title"], raw["note"], raw["edition"], tuple(modules))
