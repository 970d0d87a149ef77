"""What the parts of pass 3 share: the problems found so far, the sources, and where each ID is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.core.model import Provenance, Source
from macros.core.problems import PathT, Problems

# Stands in for a source key that names no source, which is reported as a problem: the model is never built with it.
UNKNOWN_SOURCE = Source(key="?", title="?", publisher="?", official=False, seed="?")


@dataclass
class Context:
    problems: Problems
    sources: dict[str, Source] = field(default_factory=dict)
    places: dict[tuple[str, str], PathT] = field(default_factory=dict)  # (edition key, ID) -> where the item is in the data
    crosswalk_keys: frozenset[str] = frozenset()  # each names a section of the outcome pages, which a statement's key may not take

    def problem(self, path: PathT, message: str, fix: str) -> None:
        self.problems.add(path, message, fix)

    def line(self, path: PathT) -> int:
        return self.problems.line(path)

    def provenance(self, raw: dict[str, Any], path: PathT) -> Provenance:
        """The source a ``{ref, at}`` names; an unknown key is a problem (the build stops before the model is used)."""
        source = self.sources.get(raw["ref"])
        if source is None:
            self.problem(
                (*path, "ref"), f"unknown source '{raw['ref']}'", "use the key of an entry under sources: " + ", ".join(self.sources)
            )
            return Provenance(UNKNOWN_SOURCE, raw["at"])
        return Provenance(source, raw["at"])

    def optional_provenance(self, raw: dict[str, Any] | None, path: PathT) -> Provenance | None:
        return self.provenance(raw, path) if raw else None

    def where_is(self, edition: str, item_id: str) -> str:
        """'line 214 (editions[0].domains[2]…)' for an ID of an edition, for messages that name two places."""
        from macros.core.problems import where

        path = self.places.get((edition, item_id))
        return f"line {self.line(path)} ({where(path)})" if path else f"edition '{edition}'"
