"""Kept only for macros/exports.py until it takes its paths from :mod:`macros.routes` (being rewritten)."""

from __future__ import annotations

from macros.routes import Item, Routes

DATA_FILE = "data/pqs.yaml"


def permalink_path(item_id: str) -> str:
    return Routes.short(item_id)


def url_of(item: Item) -> str:
    """The item's place in its edition (exports hold the current edition, whose pages sit at the top level)."""
    return Routes(item.edition).url(item)


def retired_ids(fw) -> list[dict]:
    """IDs an earlier edition used that the current one does not, with what became of them (for the exports)."""
    from macros.core.history import histories

    out = []
    for item_id, story in histories(fw).items():
        if story.now is not None:
            continue
        last = next(a for a in reversed(story.appearances) if a.item is not None)
        change = last.went
        out.append(
            {
                "id": item_id,
                "edition": last.edition.key,
                "status": change.change if change else "withdrawn",
                "to": change.targets[0] if change and change.targets else None,
                "note": change.rationale if change else "",
                "permalink": permalink_path(item_id),
            }
        )
    return out
