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


# -- what an ID of one edition became, for judging a reference against another ----------------------

GONE = ("withdrawn", "split", "merged", "renumbered", "moved")  # changes after which an ID no longer means what it did


# What a fate says, in one place for every reader of it (the checker's verdicts, pqs() on a hand-written
# page): {id}, {targets} (IDs joined with "and") and editions' short titles ({older}, {newer}, {other}, {edition}).
FATE_WORDS = {
    "withdrawn": "{id} of the {older} was withdrawn in the {newer}",
    "split": "{id} of the {older} was split in the {newer} into {targets}",
    "merged": "{id} of the {older} was merged in the {newer} into {targets}",
    "renumbered": "{id} of the {older} is {targets} in the {newer}",
    "moved": "{id} of the {older} moved in the {newer} to {targets}",
    "reused": "{id} has other words in the {other} than in the {edition}: check which you meant",
    "later": "{id} is an ID of the {other}, not of the {edition}",
}


@dataclass(frozen=True)
class Fate:
    """What the data says of an ID written by someone who may have meant another edition than the one it is
    judged by (materials written against the draft, checked once the final is current, or the other way).

    - ``withdrawn``, ``split``, ``merged``, ``renumbered``, ``moved``: the ID is not one of the edition judged
      by; in ``older`` it was, and the crosswalk to ``newer`` says what became of it (``targets``, IDs of ``newer``);
    - ``reused``: the ID is one of the edition judged by, but ``other`` gave the number other words;
    - ``later``: the ID is not one of the edition judged by, but of the later edition ``other``.
    """

    change: str
    older: str = ""  # edition keys
    newer: str = ""
    other: str = ""
    targets: tuple[str, ...] = ()

    def words(self, fw: Framework, item_id: str, edition_key: str) -> str:
        """What the fate says of ``item_id`` to a reader judged by ``edition_key`` (:data:`FATE_WORDS`)."""
        title = {key: e.short_title for key, e in fw.editions.items()}
        return FATE_WORDS[self.change].format(
            id=item_id,
            targets=" and ".join(self.targets),
            older=title.get(self.older, ""),
            newer=title.get(self.newer, ""),
            other=title.get(self.other, ""),
            edition=title[edition_key],
        )


def fates(fw: Framework, edition_key: str) -> dict[str, Fate]:
    """Every ID whose fate a reader judged against ``edition_key`` should be told, by ID."""
    keys = list(fw.editions)
    here = keys.index(edition_key)
    edition = fw.editions[edition_key]
    walks = _changes_between(fw)
    found: dict[str, Fate] = {}
    for item_id in all_ids(fw):
        # What each crosswalk says became of this ID, oldest first: (older, newer, change).
        gone = [
            (older, newer, change)
            for (older, newer), walk in walks.items()
            if (change := walk.change_of(item_id)) is not None and change.change in GONE and item_id not in change.targets
        ]
        if item_id in edition.ids:
            other = _meant_otherwise(fw, edition, item_id, walks)
            if other is not None:
                found[item_id] = Fate("reused", other=other)
            continue
        before = [g for g in gone if keys.index(g[1]) <= here]
        if before:
            older, newer, change = before[-1]
            found[item_id] = Fate(change.change, older=older, newer=newer, targets=change.targets)
            continue
        later = next((k for k in keys[here + 1 :] if item_id in fw.editions[k].ids), None)
        if later is not None and not unrecorded_in(edition, item_id):
            found[item_id] = Fate("later", other=later)
    return found


def _meant_otherwise(fw: Framework, edition: Edition, item_id: str, walks: dict[tuple[str, str], Crosswalk]) -> str | None:
    """The nearest other edition in which ``item_id`` may have meant something else than in ``edition``, or None.

    It did where that edition has other words for it (not called a rewording), or where the crosswalk between
    the two says the ID went elsewhere there (renumbered, split, …) or that this edition's ID came from another
    while an earlier edition had (or may have had, unrecorded here) the number."""
    keys = list(fw.editions)
    here = keys.index(edition.key)
    mine = edition.ids[item_id]
    for key in sorted((k for k in keys if k != edition.key), key=lambda k: abs(keys.index(k) - here)):
        other = fw.editions[key]
        theirs = other.ids.get(item_id)
        # A later edition counts only where it records the number (the reader judged by this edition meant
        # this edition's); an earlier one also where it may have had the number unrecorded here.
        if theirs is None and (keys.index(key) > here or not unrecorded_in(other, item_id)):
            continue
        walk = walks.get((key, edition.key)) or walks.get((edition.key, key))
        change = walk.change_of(item_id) if walk else None
        if change is not None and change.change in GONE and item_id not in change.targets:
            return key
        if walk is not None and walk.source == key and any(c.source != item_id for c in walk.changes_into(item_id)):
            return key
        if theirs is not None and words(theirs) != words(mine) and not (change is not None and change.change == "reworded"):
            return key
    return None
