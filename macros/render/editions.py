"""Edition-aware parts: the banner of each edition, and what an ID was and became in other editions
(the line under an item, and the words the /id/ pages use, :mod:`macros.render.pages.id_history`).

Every word about an edition's state comes from the data: its status label (``statuses``), its
dates, what superseded it, and until when an earlier standard applies (``baselines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.history import History, histories, history, words
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


def join(*parts: Markup) -> Markup:
    """Pieces of a sentence with one space between each (escaped text is trimmed at its ends)."""
    return Markup(" ").join(p for p in parts if p)


def targets(h: Helpers, r: Renderer, change: IdChange, newer: Edition) -> Markup:
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
        return join(Markup("unchanged:"), h.link_to(r.routes.target(there), item_id)) if same else Markup("")
    rationale = h.md(change.rationale)
    if change.change == "reworded" and there is not None:
        return join(Markup("reworded:"), h.link_to(r.routes.target(there), item_id), h.md(f"“{words(there)}”."), rationale)
    if change.change in ("withdrawn", "not-recorded"):
        return join(h.md(f"{CHANGE_WORDS[change.change]}."), rationale)
    return join(h.md(f"{CHANGE_WORDS[change.change]}: now"), targets(h, r, change, other) + Markup("."), rationale)


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
        parts.append(join(h.md(f"{CHANGE_WORDS[kind]} from"), joined + Markup(".")))
    there = appearance.item
    if there is not None and words(there) != words(item):
        link = h.link_to(r.routes.target(there), item_id)
        if itself is None:
            parts.append(join(h.md("the same number had other words:"), link, h.md(f"“{words(there)}”.")))
        else:
            reworded = "reworded; " if itself.change == "reworded" else ""
            parts.append(join(h.md(f"{reworded}the words of"), link, h.md(f"were “{words(there)}”.")))
    elif there is None and appearance.unrecorded:
        went = appearance.went
        fate = f"; what became of it: {CHANGE_WORDS[went.change]}" if went is not None else ""
        parts.append(h.md(f"{item_id} itself is not recorded here, so this site cannot say whether it meant the same{fate}."))
    return join(*parts)


# -- the /id/ pages --------------------------------------------------------------------------


def id_histories(fw: Framework) -> dict[str, History]:
    return histories(fw)
