"""Each edition whole on one page, for printing or saving as a PDF (print/ for the current edition,
<edition key>/print/ for each other, so a printout of any edition can be made again).

Each domain is one ``<section>`` (docs/assets/stylesheets/pqs.css starts each on a new printed
page) and each ID sits in the same paragraph as its text, with the edition's own permalink, which
never changes meaning (not the short /id/ one, which follows whichever edition is current).
"""

from __future__ import annotations

from markupsafe import Markup

from macros import routes as routes_
from macros.core.model import Domain, Edition
from macros.render.context import Renderer
from macros.render.pages.items import KIND_TITLE, KINDS, front
from macros.render.standards import official_url


def absolute(r: Renderer, url: str) -> str:
    """A site URL as printed: absolute when the site's address is set, else from the site's root
    (the page's script, pqs.js, writes in the address the reader is on, see data-pqs-absolute)."""
    site = r.settings.site_url
    return f"{site.rstrip('/')}/{url}" if site else f"/{url}"


def page(r: Renderer, edition: Edition) -> str:
    """Markdown for an edition's print page: its metadata, then every domain, outcome and recorded statement in order."""
    here = r.routes.print_page(edition.key)
    title = f"The whole {edition.short_title}, for printing"

    def permalinks(domain: Domain) -> dict[str, tuple[str, str]]:
        """Each ID of the domain: its permalink's link from this page, and its full address as printed."""
        found = [domain.id, *(i for o in domain.outcomes for i in (o.id, *(s.id for s in o.statements if s.id)))]
        paths = {item_id: r.routes.versioned(edition.key, item_id) for item_id in found}
        return {item_id: (routes_.html_href(here, path), absolute(r, path)) for item_id, path in paths.items()}

    def section(domain: Domain) -> Markup:
        return r.fragment("parts/print-domain.html", here, domain=domain, kind_title=KIND_TITLE, permalinks=permalinks(domain))

    return r.render(
        "print.md",
        here,
        edition=edition,
        titleblock=r.fragment(
            "parts/print-titleblock.html", here, edition=edition, official=official_url(edition), self_url=absolute(r, here.url)
        ),
        numbered=sum(1 for s in edition.statements if s.id),
        kinds=KINDS,
        ogl_url=routes_.OGL_URL,
        section=section,
        **front(
            r,
            title,
            f"Every domain, outcome and recorded statement of the {edition.short_title} on one page, to print or save as a PDF.",
            search={"exclude": True},
            hide=["navigation", "toc"],
            pqs_edition=edition.key,
        ),
        title_=title,
    )
