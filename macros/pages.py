"""Kept only for macros/exports.py until it takes its paths from :mod:`macros.routes` (being rewritten)."""

from __future__ import annotations

from macros.routes import Item, Routes

DATA_FILE = "data/pqs.yaml"


def permalink_path(item_id: str) -> str:
    return Routes.short(item_id)


def url_of(item: Item) -> str:
    """The item's place in its edition (exports hold the current edition, whose pages sit at the top level)."""
    return Routes(item.edition).url(item)
