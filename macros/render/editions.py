"""Edition-aware parts: the banner of each edition, what an ID was and became in other editions,
the /id/ pages, and the lists of an edition's domains, outcomes and IDs.

Every word about an edition's state comes from the data: its status label (``statuses``), its
dates, what superseded it, and until when an earlier standard applies (``baselines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core import ids
from macros.core.history import Appearance, History, histories, history, words
from macros.core.model import Edition, Framework, IdChange
from macros.render.context import Helpers, Renderer
from macros.render.templating import format_date
from macros.routes import Item, Page

CHANGE_WORDS = {
    "reworded": "reworded",
    "renumbered": "renumbered",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "withdrawn": "withdrawn",
    "not-recorded": "not recorded here",
}


def edition_line(e: Edition) -> str:
    """'Consultation draft: <title>, published 20 March 2025' (status words from the data)."""
    line = f"{e.status_label}: {e.title}, published {format_date(e.published)}"
    if e.applies_from:
        line += f"; applies from {format_date(e.applies_from)}"
    return line + "."


def banner(fw: Framework, edition: Edition) -> dict[str, str]:
    """Strings for the banner at the top of every page of an edition (the theme escapes them)."""
    more = []
    sup = edition.superseded_by
    if sup:
        applies = f", which applies from {format_date(sup.applies_from)}" if sup.applies_from else ""
        more.append(f"Superseded by {sup.title}, published {format_date(sup.published)}{applies}.")
    for baseline in fw.baselines.values():
        if baseline.applies_until:
            more.append(f"The {baseline.short_title} are in use until {format_date(baseline.applies_until)}.")
    earlier = edition.key != fw.current.key
    return {
        "edition": edition.key,
        "status": edition.status_label,
        "earlier": "Earlier edition. " if earlier else "",
        "text": edition_line(edition),
        "after": " ".join(more),
        "current": f"The current edition is the {fw.current.short_title}." if earlier else "",
    }


def banners(fw: Framework) -> dict[str, dict[str, str]]:
    return {key: banner(fw, edition) for key, edition in fw.editions.items()}


# -- what an ID was, and became ---------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One line of an item's history as shown beside it: in <edition>, <what>."""

    edition: Edition
    text: Markup


def _join(*parts: Markup) -> Markup:
    """Pieces of a sentence with one space between each (escaped text is trimmed at its ends)."""
    return Markup(" ").join(p for p in parts if p)


def _targets(h: Helpers, r: Renderer, change: IdChange, newer: Edition) -> Markup:
    links = [h.link_to(r.routes.target(newer.ids[t]), t) for t in change.targets if t in newer.ids]
    return Markup(", ").join(links)


def history_notes(r: Renderer, here: Page, item: Item) -> list[Note]:
    """How this item's ID reads in the other editions, for the line under it."""
    item_id = getattr(item, "id", None)
    if not item_id:
        return []
    h = Helpers(r, here)
    story: History = history(r.fw, item_id)
    keys = list(r.fw.editions)
    mine = keys.index(item.edition)
    own = story.appearances[mine]
    notes = []
    for j, appearance in enumerate(story.appearances):
        if j == mine:
            continue
        if j > mine:
            change = own.went if j == mine + 1 else None
            text = _later(r, h, item, item_id, appearance.item, change, appearance.edition)
        else:
            text = _earlier(r, h, item, item_id, appearance, own.came if j == mine - 1 else ())
        if text:
            notes.append(Note(appearance.edition, text))
    return notes


def _later(r: Renderer, h: Helpers, item: Item, item_id: str, there: Item | None, change: IdChange | None, other: Edition) -> Markup:
    if change is None:
        if there is None:
            return Markup("")
        same = words(there) == words(item)
        return _join(Markup("unchanged:"), h.link_to(r.routes.target(there), item_id)) if same else Markup("")
    rationale = h.md(change.rationale)
    if change.change == "reworded" and there is not None:
        return _join(Markup("reworded:"), h.link_to(r.routes.target(there), item_id), h.md(f"“{words(there)}”."), rationale)
    if change.change in ("withdrawn", "not-recorded"):
        return _join(h.md(f"{CHANGE_WORDS[change.change]}."), rationale)
    return _join(h.md(f"{CHANGE_WORDS[change.change]}: now"), _targets(h, r, change, other) + Markup("."), rationale)


def _earlier(r: Renderer, h: Helpers, item: Item, item_id: str, appearance, came: tuple[IdChange, ...]) -> Markup:
    parts = []
    older = appearance.edition
    by_change: dict[str, list[Markup]] = {}
    itself: IdChange | None = None  # what the crosswalk says became of this ID's own earlier item, when it came into this one
    for change in came:
        source = older.ids.get(change.source)
        if change.source == item_id:
            itself = change
        if source is not None and (change.source != item_id or change.change == "merged"):
            by_change.setdefault(change.change, []).append(h.link_to(r.routes.target(source), change.source))
    for kind, links in by_change.items():
        joined = links[0] if len(links) == 1 else Markup(", ").join(links[:-1]) + Markup(" and ") + links[-1]
        parts.append(_join(h.md(f"{CHANGE_WORDS[kind]} from"), joined + Markup(".")))
    there = appearance.item
    if there is not None and words(there) != words(item):
        link = h.link_to(r.routes.target(there), item_id)
        if itself is None:
            parts.append(_join(h.md("the same number had other words:"), link, h.md(f"“{words(there)}”.")))
        else:
            reworded = "reworded; " if itself.change == "reworded" else ""
            parts.append(_join(h.md(f"{reworded}the words of"), link, h.md(f"were “{words(there)}”.")))
    elif there is None and appearance.unrecorded:
        went = appearance.went
        fate = f"; what became of it: {CHANGE_WORDS[went.change]}" if went is not None else ""
        parts.append(h.md(f"{item_id} itself is not recorded here, so this site cannot say whether it meant the same{fate}."))
    return _join(*parts)


# -- the /id/ pages --------------------------------------------------------------------------


def id_page(r: Renderer, story: History) -> str:
    """The page of an ID whose meaning is not the same in every edition, or cannot be compared: each edition's
    item (or that it is not recorded here), where it came from, and what became of it."""
    here = r.routes.short_page(story.id)
    h = Helpers(r, here)
    keys = list(r.fw.editions)
    rows = []
    for i, appearance in enumerate(story.appearances):
        came = []
        for change in appearance.came:
            older = r.fw.editions[keys[i - 1]]
            if change.source == story.id:
                continue
            source = older.ids.get(change.source)
            label = h.link_to(r.routes.target(source), change.source) if source is not None else Markup(h.md(change.source))
            came.append(_join(h.md("It carries"), label, h.md(f"of the {older.short_title}, which was {CHANGE_WORDS[change.change]}.")))
        before = story.appearances[i - 1] if i else None
        if before is not None and _reused(before, appearance):
            came.append(h.md(f"The {before.edition.short_title} used this number for another {kind_word(story.id)}."))
        went = appearance.went
        became = Markup("")
        if went is not None and i + 1 < len(keys):
            newer = r.fw.editions[keys[i + 1]]
            if went.change in ("withdrawn", "not-recorded", "reworded"):
                became = h.md(f"In the {newer.short_title}, it was {CHANGE_WORDS[went.change]}. {went.rationale}")
            else:
                became = _join(
                    h.md(f"In the {newer.short_title}, it was {CHANGE_WORDS[went.change]}: it became"),
                    _targets(h, r, went, newer) + Markup("."),
                    h.md(went.rationale),
                )
        rows.append((appearance, _join(*came), became))
    unsure = [a.edition.short_title for a in story.appearances if a.item is None and a.unrecorded]
    return r.render(
        "id-history.md",
        here,
        story=story,
        rows=rows,
        unsure=" and the ".join(unsure),
        is_current=lambda e: e.key == r.fw.current.key,
        versioned=lambda e: r.routes.versioned(e.key, story.id),
        data_file=r.settings.data_file,
        title=f"{story.id} in each edition",
        description=f"What {story.id} means in each edition of the standards, and what became of it.",
        extra={"pqs_id": story.id},
    )


def _reused(before: Appearance, now: Appearance) -> bool:
    """The earlier edition had this ID for something else: other words, and not a rewording."""
    if before.item is None or now.item is None or words(before.item) == words(now.item):
        return False
    return not (before.went and before.went.change == "reworded")


def kind_word(item_id: str) -> str:
    return {"domain": "domain", "outcome": "outcome"}.get(ids.kind_of(item_id), "statement")


def id_histories(fw: Framework) -> dict[str, History]:
    return histories(fw)
