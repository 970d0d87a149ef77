"""Which domains, outcomes and numbered statements of an edition the materials cite, knows and does apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from macros.checker import rules
from macros.core.model import Edition

# A place that cites an item: its name as text (a module, on the checker page), or pqs-check's Reference, which is
# shown as file:line:column; references are kept as they are, not as text, so a run holds one string per place shown.
Place = Any


class Lazy(list):
    """A list that json's encoder (with an indent, which encodes in Python) iterates without its items being held:
    each is made as it is encoded."""

    def __init__(self, make: Callable[[], Iterator], count: int) -> None:
        super().__init__()
        self._make, self._count = make, count

    def __iter__(self) -> Iterator:
        return self._make()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


@dataclass(frozen=True)
class StatementCoverage:
    id: str
    outcome: str
    domain: str
    kind: str  # "knows" | "does"
    text: str
    where: tuple[Place, ...]  # one place per reference

    @property
    def references(self) -> int:
        return len(self.where)

    @property
    def cited(self) -> bool:
        return bool(self.where)


@dataclass(frozen=True)
class Counts:
    """Of the statements with official IDs recorded here: how many are cited, knows and does apart."""

    knows_cited: int = 0
    knows_recorded: int = 0
    does_cited: int = 0
    does_recorded: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.knows_cited, self.knows_recorded, self.does_cited, self.does_recorded)


@dataclass(frozen=True)
class OutcomeCoverage:
    id: str
    domain: str
    text: str
    own: tuple[Place, ...]  # places that cite the outcome itself
    statements: tuple[StatementCoverage, ...]
    unnumbered: int  # statements recorded without an official ID

    @property
    def references(self) -> int:
        return len(self.own)

    @property
    def cited(self) -> bool:
        return bool(self.own) or any(s.cited for s in self.statements)

    @property
    def counts(self) -> Counts:
        def count(kind: str, cited: bool) -> int:
            return sum(1 for s in self.statements if s.kind == kind and (not cited or s.cited))

        return Counts(count("knows", True), count("knows", False), count("does", True), count("does", False))

    @property
    def where(self) -> tuple[Place, ...]:
        return self.own + tuple(p for s in self.statements for p in s.where)


@dataclass(frozen=True)
class DomainCoverage:
    id: str
    title: str
    own: tuple[Place, ...]
    outcomes: tuple[OutcomeCoverage, ...]

    @property
    def references(self) -> int:
        return len(self.own)

    @property
    def cited(self) -> bool:
        return bool(self.own) or any(o.cited for o in self.outcomes)

    @property
    def outcomes_cited(self) -> int:
        return sum(1 for o in self.outcomes if o.cited)

    @property
    def counts(self) -> Counts:
        total = Counts()
        for o in self.outcomes:
            total += o.counts
        return total

    @property
    def where(self) -> tuple[Place, ...]:
        return self.own + tuple(p for o in self.outcomes for p in o.where)


@dataclass(frozen=True)
class Coverage:
    domains: tuple[DomainCoverage, ...]

    @property
    def outcomes(self) -> tuple[OutcomeCoverage, ...]:
        return tuple(o for d in self.domains for o in d.outcomes)

    @property
    def statements(self) -> tuple[StatementCoverage, ...]:
        return tuple(s for o in self.outcomes for s in o.statements)

    def to_json(self, lazy: bool = False) -> dict:
        """The coverage as plain data: the "coverage" part of the JSON report, and what the browser engine computes.
        ``lazy`` gives the places as lists that make their text only as the JSON is written."""

        def places_of(where: tuple[Place, ...]) -> list[str]:
            if lazy:
                return Lazy(lambda: (str(p) for p in where), len(where))
            return [str(p) for p in where]

        def counts(c: Counts) -> dict[str, int]:
            return dict(zip(("knows_cited", "knows_recorded", "does_cited", "does_recorded"), c.as_tuple(), strict=True))

        return {
            "domains": [
                {
                    "id": d.id,
                    "title": d.title,
                    "references": d.references,
                    "cited": d.cited,
                    "outcomes_cited": d.outcomes_cited,
                    "outcomes": len(d.outcomes),
                    **counts(d.counts),
                    "where": places_of(d.where),
                }
                for d in self.domains
            ],
            "outcomes": [
                {
                    "id": o.id,
                    "domain": o.domain,
                    "text": o.text,
                    "references": o.references,
                    "cited": o.cited,
                    **counts(o.counts),
                    "unnumbered": o.unnumbered,
                    "where": places_of(o.where),
                }
                for o in self.outcomes
            ],
            "statements": [
                {
                    "id": s.id,
                    "outcome": s.outcome,
                    "domain": s.domain,
                    "kind": s.kind,
                    "text": s.text,
                    "references": s.references,
                    "cited": s.cited,
                    "where": places_of(s.where),
                }
                for s in self.statements
            ],
        }


def coverage(edition: Edition, cited: Iterable[tuple[str | None, Place]]) -> Coverage:
    """The coverage of an edition by (ID, place) pairs; an ID of None (a wrong reference) counts for nothing."""
    where: dict[str, list[Place]] = {}
    for item_id, place in cited:
        if item_id:
            where.setdefault(item_id, []).append(place)

    def at(item_id: str) -> tuple[Place, ...]:
        return tuple(where.get(item_id, ()))

    return Coverage(
        tuple(
            DomainCoverage(
                d.id,
                d.title,
                at(d.id),
                tuple(
                    OutcomeCoverage(
                        o.id,
                        d.id,
                        o.text,
                        at(o.id),
                        tuple(StatementCoverage(s.id, o.id, d.id, s.kind, s.text, at(s.id)) for s in o.statements if s.id),
                        sum(1 for s in o.statements if not s.id),
                    )
                    for o in d.outcomes
                ),
            )
            for d in edition.domains
        )
    )


def places(where: tuple[Place, ...]) -> str:
    """A coverage row's places: each once, at most rules.WHERE_MAX, then how many more.

    Two references with a column (a place in a line) are never at the same place, so only the others (a module's
    name, a table's row) are compared; the text of a place is made only for those shown."""
    shown: list[str] = []
    seen: set[str] = set()
    count = 0
    for p in where:
        if getattr(p, "column", None) is None:
            text = str(p)
            if text in seen:
                continue
            seen.add(text)
        count += 1
        if len(shown) < rules.WHERE_MAX:
            shown.append(str(p))
    more = count - rules.WHERE_MAX
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def rows(cov: Coverage) -> list[dict[str, str]]:
    """The coverage as rows (a domain, its outcomes, their statements), with the columns rules.CSV_COLUMNS."""

    def counts(c: Counts | None) -> dict[str, str]:
        keys = ("knows_cited", "knows_recorded", "does_cited", "does_recorded")
        return dict(zip(keys, (str(n) for n in c.as_tuple()), strict=True)) if c else dict.fromkeys(keys, "")

    def row(level: str, item_id: str, domain: str, outcome: str, kind: str, text: str, item, c: Counts | None) -> dict[str, str]:
        return {
            "level": level,
            "id": item_id,
            "domain": domain,
            "outcome": outcome,
            "kind": kind,
            "text": text,
            "references": str(item.references),
            "cited": "yes" if item.cited else "no",
            **counts(c),
            "where": places(item.where),
        }

    out = []
    for d in cov.domains:
        out.append(row("domain", d.id, d.id, "", "", d.title, d, d.counts))
        for o in d.outcomes:
            out.append(row("outcome", o.id, d.id, o.id, "", o.text, o, o.counts))
            out += [row("statement", s.id, d.id, o.id, s.kind, s.text, s, None) for s in o.statements]
    return out
