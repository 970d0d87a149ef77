"""The whole current edition on one page, for printing or saving as a PDF (print/).

Each domain is one ``<section>`` (docs/assets/stylesheets/pqs.css starts each on a new printed
page) and each ID sits in the same paragraph as its text.
"""

from __future__ import annotations

from markupsafe import Markup

from macros import routes as routes_
from macros.core.model import Domain
from macros.render.context import Renderer
from macros.render.standards import KIND_TITLE, KINDS, front

STATUS_LABEL = {"consultation-draft": "Consultation draft", "final": "Final"}


def print_page(r: Renderer) -> str:
    """Markdown for print/: the edition's metadata, then every domain, outcome and recorded statement in order."""
    edition = r.fw.current
    here = r.routes.print_page()
    title = f"The whole {edition.short_title}, for printing"

    def section(domain: Domain) -> Markup:
        return r.fragment("parts/print-domain.html", here, domain=domain, kind_title=KIND_TITLE, site_url=r.settings.site_url)

    return r.render(
        "print.md",
        here,
        edition=edition,
        status=STATUS_LABEL[edition.status].lower(),
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
        ),
        title_=title,
    )
