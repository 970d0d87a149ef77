"""A domain's page (domains/3/, or draft-2025/domains/3/ for an earlier edition): its title and our summary,
its outcomes with how much of each is recorded, its history and feedback, its sources, and the previous
and next domains. Template: domain.md."""

from __future__ import annotations

from macros.core.model import Domain
from macros.render.context import Renderer
from macros.render.pages.items import counts, feedback_section, front, item_sources, notes, prev_next, search


def page(r: Renderer, domain: Domain) -> str:
    edition = r.edition_of(domain)
    here = r.routes.domain(edition.key, domain.id)
    own = notes(r, here, domain)
    return r.render(
        "domain.md",
        here,
        domain=domain,
        edition=edition,
        counts=counts,
        feedback=feedback_section(r, here, own),
        sources=item_sources(r, here, domain, [own]),
        prevnext=prev_next(r, here, edition.domains, edition.position[domain.id], lambda d: f"Domain {d.id}: {d.title}"),
        history=own.history,
        **front(r, f"Domain {domain.id}: {domain.title}", domain.summary, pqs_id=domain.id, pqs_edition=edition.key, **search(r, edition)),
    )
