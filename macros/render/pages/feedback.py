"""The consultation feedback page (feedback/): every point, by the edition it was made on, then by domain; each
source cited once. Template: feedback.md."""

from __future__ import annotations

from markupsafe import Markup

from macros.core.model import Feedback
from macros.render import changes
from macros.render.context import Renderer
from macros.render.pages.items import front


def page(r: Renderer) -> str:
    """Every point, by the edition it was made on, then by domain; each source cited once."""
    here = r.routes.feedback()
    fw = r.fw
    publishers = sorted({f.provenance.source.publisher for f in fw.feedback})
    sources = list(dict.fromkeys(f.provenance.source for f in fw.feedback))
    full = len(sources) > 1  # each point's whole citation, unless the page cites its one source once

    def listed(items: tuple[Feedback, ...]) -> Markup:
        return changes.feedback_list(r, items, here, full=full) if items else Markup("")

    groups = []
    for edition in fw.editions.values():
        mine = tuple(f for f in fw.feedback if f.edition == edition.key)
        if not mine:
            continue
        general = listed(tuple(f for f in mine if "framework" in f.about))
        by_domain = [(d, listed(changes.feedback_in_domain(r, d.id, edition.key))) for d in edition.domains]
        groups.append((edition, general, by_domain))
    who = " and ".join(publishers)
    return r.render(
        "feedback.md",
        here,
        who=who,
        sources=sources,
        groups=groups,
        several=len(groups) > 1,
        **front(r, f"Consultation feedback from {who}", f"Points {who} made in consultation about the standards, by domain."),
    )
