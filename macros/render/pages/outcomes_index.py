"""Every outcome of the current edition, in order (outcomes/). Template: outcomes-index.md."""

from __future__ import annotations

from macros.render.context import Renderer
from macros.render.pages.items import front


def page(r: Renderer) -> str:
    edition = r.fw.current
    return r.render(
        "outcomes-index.md",
        r.routes.outcomes_index(),
        edition=edition,
        **front(r, "Every outcome", f"The outcomes of the {edition.short_title}, in order.", pqs_edition=edition.key),
    )
