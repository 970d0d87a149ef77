"""An edition's list of its domains and outcomes: 'The standards' (domains/) for the current edition, and
draft-2025/ for an earlier one. Template: edition-home.md."""

from __future__ import annotations

from macros.core.model import Edition
from macros.render.context import Renderer
from macros.render.pages.items import front, search


def page(r: Renderer, edition: Edition) -> str:
    """The list of an edition's domains and outcomes (for the current edition, 'The standards')."""
    here = r.routes.edition_home(edition.key)
    current = edition.key == r.fw.current.key
    title = "The standards" if current else f"The {edition.short_title}"
    return r.render(
        "edition-home.md",
        here,
        edition=edition,
        current=current,
        numbered=sum(1 for s in edition.statements if s.id),
        **front(r, title, f"Every domain and outcome of the {edition.short_title}.", pqs_edition=edition.key, **search(r, edition)),
    )
