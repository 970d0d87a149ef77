"""Compare two sets of standards through a crosswalk, for any pair in the data.

The older side is a baseline (the KSS, known by area keys) or an edition
(known by IDs); the newer side is an edition. Everything here is computed from
the data, so adding the final standards and a crosswalk to them needs no code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from macros.core.model import Baseline, Crosswalk, Edition, Framework, Link, NewItem, Outcome, Thinner

TYPE_LABEL = {"carried-over": "carried over", "expanded": "expanded", "narrowed": "narrowed"}


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its title, its top-level groups and its items."""

    key: str
    title: str
    groups: int  # areas, or domains
    group_noun: str  # "areas" or "domains"
    items: tuple[tuple[str, str], ...]  # (key or ID, title or text), in order
    item_noun: str  # what each item is: "area" (of a baseline) or "outcome" (of an edition)
    pages: int | None
    worded: tuple[str, ...] = ()  # the items whose own words are recorded (every outcome; only some areas)

    @property
    def structure(self) -> str:
        """'10 areas', or '6 domains, 26 outcomes'."""
        parts = f"{self.groups} {self.group_noun}"
        return parts if self.item_noun != "outcome" else f"{parts}, {len(self.items)} outcomes"


@dataclass(frozen=True)
class Comparison:
    crosswalk: Crosswalk
    edition: Edition
    framework: Framework = field(repr=False, compare=False)

    # The sides list every item, so build them only for the pages that show them.
    @cached_property
    def old(self) -> Side:
        return side_of(self.framework, self.crosswalk.source)

    @cached_property
    def new(self) -> Side:
        return side_of(self.framework, self.crosswalk.target)

    @cached_property
    def _new_by_id(self) -> dict[str, NewItem]:
        return {n.id: n for n in self.crosswalk.new}

    def new_item(self, outcome_id: str) -> NewItem | None:
        return self._new_by_id.get(outcome_id)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """The crosswalk's links, and between two editions the links its ``ids`` and the kept outcomes imply."""
        return self.crosswalk.links + implied_links(self.framework, self.crosswalk)

    def links_from(self, source: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.source == source)

    def ancestors(self, outcome_id: str) -> tuple[Link, ...]:
        """Links into an outcome or any of its statements."""
        return tuple(link for link in self.links if link.target.split(" ")[0] == outcome_id)

    def thinner(self, source: str) -> Thinner | None:
        return next((t for t in self.crosswalk.thinner if t.source == source), None)

    @property
    def new_items(self) -> tuple[NewItem, ...]:
        return self.crosswalk.new

    @property
    def carried(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.edition.outcomes if self.ancestors(o.id))

    def counts_by_type(self) -> dict[str, int]:
        counts = dict.fromkeys(TYPE_LABEL, 0)
        for link in self.links:
            counts[link.type] += 1
        return counts

    def matrix(self) -> list[tuple[str, list[int]]]:
        """Rows of the older side, columns the newer edition's domains: links per cell."""
        domains = [d.id for d in self.edition.domains]
        rows = []
        for key, _ in self.old.items:
            cells = [0] * len(domains)
            for link in self.links_from(key):
                cells[domains.index(link.target.split(".")[0])] += 1
            rows.append((key, cells))
        return rows


# How a declared change of an outcome's ID reads as a link from the older outcome to the newer.
CHANGE_LINK = {"reworded": "carried-over", "renumbered": "carried-over", "moved": "carried-over", "split": "narrowed", "merged": "expanded"}


def implied_links(fw: Framework, crosswalk: Crosswalk) -> tuple[Link, ...]:
    """Between two editions, outcome by outcome: an outcome kept under its ID with the same words is
    carried over, and one whose ID the crosswalk says changed links to what it became."""
    older, newer = fw.editions.get(crosswalk.source), fw.editions.get(crosswalk.target)
    if older is None or newer is None:
        return ()
    explicit = {(link.source, link.target) for link in crosswalk.links}
    links = []
    for outcome in older.outcomes:
        change = crosswalk.change_of(outcome.id)
        if change is not None:
            pairs = [(t, CHANGE_LINK[change.change], change.rationale) for t in change.targets if change.change in CHANGE_LINK]
        elif outcome.id in newer.ids:
            pairs = [(outcome.id, "carried-over", "Kept under the same ID, with the same words.")]
        else:
            pairs = []
        links += [Link(outcome.id, t, kind, why) for t, kind, why in pairs if (outcome.id, t) not in explicit]
    return tuple(links)


def side_of(fw: Framework, key: str) -> Side:
    if key in fw.baselines:
        base: Baseline = fw.baselines[key]
        return Side(
            key=key,
            title=base.short_title,
            groups=len(base.areas),
            group_noun="areas",
            items=tuple((a.key, a.title) for a in base.areas),
            item_noun="area",
            pages=base.length.pages if base.length else None,
            worded=tuple(a.key for a in base.areas if a.text),
        )
    edition = fw.editions[key]
    return Side(
        key=key,
        title=edition.short_title,
        groups=len(edition.domains),
        group_noun="domains",
        items=tuple((o.id, o.text) for o in edition.outcomes),
        item_noun="outcome",
        pages=edition.length.pages if edition.length else None,
        worded=tuple(o.id for o in edition.outcomes),
    )


def compare(fw: Framework, crosswalk: Crosswalk) -> Comparison:
    return Comparison(crosswalk, fw.editions[crosswalk.target], fw)


def comparisons_into(fw: Framework, edition_key: str) -> tuple[Comparison, ...]:
    return tuple(compare(fw, c) for c in fw.crosswalks if c.target == edition_key)


def comparisons_from(fw: Framework, source_key: str) -> tuple[Comparison, ...]:
    return tuple(compare(fw, c) for c in fw.crosswalks if c.source == source_key)
