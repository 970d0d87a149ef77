"""Edition-aware parts: the banner of each edition, what an ID was and became in other editions,
the /id/ pages, and the lists of an edition's domains, outcomes and IDs.

Every word about an edition's state comes from the data: its status label (``statuses``), its
dates, what superseded it, and until when an earlier standard applies (``baselines``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.history import History, histories, history, words
from macros.core.model import Edition, Framework, IdChange, Outcome, Statement
from macros.render.context import Helpers, Renderer, item_text
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
    for change in came:
        older = appearance.edition
        source = older.ids.get(change.source)
        if source is not None and change.source != item_id:
            parts.append(
                _join(h.md(f"{CHANGE_WORDS[change.change]} from"), h.link_to(r.routes.target(source), change.source) + Markup("."))
            )
    there = appearance.item
    if there is not None and words(there) != words(item):
        parts.append(
            _join(h.md("the same number had other words:"), h.link_to(r.routes.target(there), item_id), h.md(f"“{words(there)}”."))
        )
    return _join(*parts)


# -- the /id/ pages --------------------------------------------------------------------------


def id_page(r: Renderer, story: History) -> str:
    """The page of an ID whose meaning is not the same in every edition: each edition's item, and what became of it."""
    here = r.routes.short_page(story.id)
    h = Helpers(r, here)
    keys = list(r.fw.editions)
    rows = []
    for i, appearance in enumerate(story.appearances):
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
        rows.append((appearance, became))
    return r.render(
        "id-history.md",
        here,
        story=story,
        rows=rows,
        is_current=lambda e: e.key == r.fw.current.key,
        versioned=lambda e: r.routes.versioned(e.key, story.id),
        data_file=r.settings.data_file,
        title=f"{story.id} in each edition",
        description=f"What {story.id} means in each edition of the standards, and what became of it.",
        extra={"pqs_id": story.id},
    )


def id_histories(fw: Framework) -> dict[str, History]:
    return histories(fw)


def word_of(item: Item | None) -> str:
    return item_text(item) if item is not None else ""


def statement_or_outcome(item: Item) -> bool:
    return isinstance(item, (Statement, Outcome))
