"""The glossary page (glossary/): every term of the data's ``glossary``, its meaning and its source. Template: glossary.md.

Each term with ``stands_for`` is also an abbreviation on every page (the MkDocs adapter gives the
``abbr`` extension the list from :func:`abbreviations`), so a reader can find out what it means
wherever it appears, and search finds the terms on this page.
"""

from __future__ import annotations

from macros import routes as routes_
from macros.core.model import Framework, Term
from macros.render.context import Renderer
from macros.render.pages.items import front


def abbreviations(fw: Framework) -> dict[str, str]:
    """Every abbreviation the site explains, and what it stands for: {'ASYE': 'assessed and supported …'}."""
    return {t.term: " ".join(t.stands_for.split()) for t in fw.glossary if t.stands_for}


def page(r: Renderer) -> str:
    here = routes_.Page(routes_.GLOSSARY)
    terms: list[Term] = sorted(r.fw.glossary, key=lambda t: t.term.lower())
    meanings = {kind: [(e, e.meanings[kind]) for e in r.fw.editions.values() if kind in e.meanings] for kind in ("knows", "does")}
    return r.render(
        "glossary.md",
        here,
        terms=terms,
        meanings=meanings,
        **front(r, "Glossary", "What the abbreviations and words used about the standards mean, each with its source."),
    )
