"""What an ID means in each edition, and what became of it: the basis of every permalink.

An ID's short permalink (``/id/3.2-D2/``) follows the current edition. Where the ID means the same
in every edition that has it, the permalink simply leads to it; where it means something else (or
nothing) in another edition, its page says so and links each edition's item. This module works
that out from the editions and the crosswalks between them; nothing here knows about pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core import ids
from macros.core.model import Crosswalk, Domain, Edition, Framework, IdChange, Outcome, Statement

Item = Domain | Outcome | Statement


def words(item: Item) -> str:
    """An item's words, whitespace squashed: what 'means the same' compares."""
    return " ".join((item.title if isinstance(item, Domain) else item.text).split())


def unrecorded_in(edition: Edition, item_id: str) -> bool:
    """A statement number the edition may well have although this data does not record it: one of an outcome
    of the edition whose statements are not all recorded here (its coverage is not complete)."""
    if ids.kind_of(item_id) != "statement" or item_id in edition.ids:
        return False
    outcome = edition.ids.get(ids.parent_outcome(item_id))
    return isinstance(outcome, Outcome) and outcome.coverage != "complete"


@dataclass(frozen=True)
class Appearance:
    """An ID in one edition."""

    edition: Edition
    item: Item | None  # the item with this ID, or None when the edition has no such ID (or our record lacks it)
    went: IdChange | None = None  # what the crosswalk to the next edition says became of it
    came: tuple[IdChange, ...] = ()  # changes from the previous edition that lead into this ID
    unrecorded: bool = False  # the edition may have this ID, but this data does not record it (unrecorded_in)

    @property
    def recorded(self) -> bool:
        return self.item is not None


@dataclass(frozen=True)
class History:
    id: str
    appearances: tuple[Appearance, ...]  # one per edition, oldest first
    current: Edition

    def in_edition(self, key: str) -> Appearance:
        return next(a for a in self.appearances if a.edition.key == key)

    @property
    def now(self) -> Item | None:
        return self.in_edition(self.current.key).item

    @property
    def steady(self) -> bool:
        """The current edition has this ID, every edition that has it has the same words, no edition may
        have it unrecorded here (so with words we cannot compare), and no crosswalk says it moved, split,
        merged, was reworded or withdrawn: the short permalink can simply lead to it."""
        now = self.now
        if now is None:
            return False
        same = all(words(a.item) == words(now) if a.item is not None else not a.unrecorded for a in self.appearances)
        return same and not any(a.went for a in self.appearances)


def _changes_between(fw: Framework) -> dict[tuple[str, str], Crosswalk]:
    """The crosswalk from each edition to the next, by (older key, newer key)."""
    return {(c.source, c.target): c for c in fw.edition_crosswalks()}


def history(fw: Framework, item_id: str) -> History:
    """What ``item_id`` is in each edition (from the histories worked out once per framework)."""
    found = histories(fw).get(item_id)
    return found if found is not None else _history(fw, item_id, _changes_between(fw))


def _history(fw: Framework, item_id: str, walks: dict[tuple[str, str], Crosswalk]) -> History:
    appearances = []
    for key, edition in fw.editions.items():
        went = None
        came: tuple[IdChange, ...] = ()
        for (older, newer), crosswalk in walks.items():
            if older == key:
                went = went or crosswalk.change_of(item_id)
            if newer == key:
                came += crosswalk.changes_into(item_id)
        appearances.append(Appearance(edition, edition.ids.get(item_id), went, came, unrecorded_in(edition, item_id)))
    return History(item_id, tuple(appearances), fw.current)


def all_ids(fw: Framework) -> list[str]:
    """Every ID any edition has, and every ID a crosswalk says what became of, in ID order."""
    found: set[str] = set()
    for edition in fw.editions.values():
        found.update(edition.ids)
    for crosswalk in fw.edition_crosswalks():
        found.update(c.source for c in crosswalk.changes)
    return sorted(found, key=ids.sort_key)


_MEMO = "_pqs_histories"


def histories(fw: Framework) -> dict[str, History]:
    """Every ID's history, in ID order: worked out once per framework (which is frozen, so it cannot go stale)."""
    memo = vars(fw).get(_MEMO)
    if memo is None:
        walks = _changes_between(fw)
        memo = {item_id: _history(fw, item_id, walks) for item_id in all_ids(fw)}
        vars(fw)[_MEMO] = memo  # past the frozen __setattr__, as functools.cached_property does
    return memo
