"""The whole current edition on one page, for printing or saving as a PDF (print/).

The page is raw HTML inside Markdown, so that each domain is one <section>
(docs/assets/stylesheets/pqs.css starts each on a new printed page) and each ID
sits in the same paragraph as its text. Data text goes through
:func:`macros.pages.attr`, as on every generated page.
"""

from __future__ import annotations

from macros import pages
from macros.core.model import Domain, Framework, Outcome, Statement

SRC = "print.md"
PAGE_DIR = "print/"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _link(item_id: str, site_url: str | None) -> str:
    path = pages.permalink_path(item_id)
    shown = f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"
    return f'<a href="{pages.html_href(PAGE_DIR, path)}">{pages.attr(shown)}</a>'


def _source(prov) -> str:
    return pages._inline_html(pages.cite_source(prov))


def _statement(statement: Statement, site_url: str | None) -> str:
    kind = pages.KIND_TITLE[statement.kind]
    if statement.id:
        label = f'<span class="pqs-print-id">{pages.attr(statement.id)}</span> <span class="pqs-print-kind">({kind.lower()})</span>'
        link = f" Permalink: {_link(statement.id, site_url)}."
    else:
        label = f'<span class="pqs-print-id">{kind}, unnumbered</span>'
        link = ""
    note = f'<p class="pqs-print-note">Note: {pages.attr(statement.note)}</p>' if statement.note else ""
    return (
        f'<div class="pqs-print-statement" id="print-{pages.attr(statement.anchor)}">'
        f'<p class="pqs-print-text">{label} {pages.attr(statement.text)}</p>{note}'
        f'<p class="pqs-print-source">Source: {_source(statement.provenance)}.{link}</p></div>'
    )


def _outcome(outcome: Outcome, site_url: str | None) -> str:
    n = len(outcome.statements)
    if outcome.coverage == "complete":
        recorded = "Every statement of this outcome is recorded here."
    elif n == 0:
        recorded = "No knows or does statements of this outcome are recorded here: our sources quote none."
    else:
        recorded = f"{n} statement{'s' if n != 1 else ''} recorded here, from our sources; the official document has the full list."
    parts = [
        f'<div class="pqs-print-outcome" id="print-{pages.attr(outcome.id)}">',
        f'<h3 class="pqs-print-heading"><span class="pqs-print-id">{pages.attr(outcome.id)}</span> {pages.attr(outcome.text)}</h3>',
        f'<p class="pqs-print-source">Permalink: {_link(outcome.id, site_url)}. {pages.attr(recorded)}</p>',
    ]
    parts += [_statement(s, site_url) for s in outcome.statements]
    parts.append("</div>")
    return "".join(parts)


def _domain(domain: Domain, site_url: str | None) -> str:
    head = f"print-domain-{pages.attr(domain.id)}"
    parts = [
        f'<section class="pqs-print-domain" aria-labelledby="{head}">',
        f'<h2 id="{head}"><span class="pqs-print-id">Domain {pages.attr(domain.id)}</span> {pages.attr(domain.title)}</h2>',
        f'<p class="pqs-print-summary"><strong>In brief</strong> (our summary, not the standards text): {pages.attr(domain.summary)}</p>',
        f'<p class="pqs-print-source">Permalink: {_link(domain.id, site_url)}.</p>',
    ]
    parts += [_outcome(o, site_url) for o in domain.outcomes]
    parts.append("</section>")
    return "".join(parts)


def print_page(fw: Framework, site_url: str | None = None) -> str:
    """Markdown for print/: the edition's metadata, then every domain, outcome and recorded statement in order."""
    edition = fw.current
    statements = edition.statements
    numbered = sum(1 for s in statements if s.id)
    title = f"The whole {edition.short_title}, for printing"
    out = [
        pages._front_matter(
            title,
            f"Every domain, outcome and recorded statement of the {edition.short_title} on one page, to print or save as a PDF.",
            {"search": {"exclude": True}, "hide": ["navigation", "toc"]},
        )
    ]
    out.append(f"# {pages.text(title)} {{ #print-top }}\n")
    published = f"{pages.attr(edition.provenance.source.publisher)}, published {pages.date(edition.published)}"
    status = pages.STATUS_LABEL[edition.status].lower()
    edition_line = f"<strong>{pages.attr(edition.title)}</strong>, {published} ({status})."
    if edition.superseded_by:
        sup = edition.superseded_by
        edition_line += f" The final version, <em>{pages.attr(sup.title)}</em>, was published on {pages.date(sup.published)}"
        edition_line += f" and applies from {pages.date(sup.applies_from)}." if sup.applies_from else "."
    out.append(f'<p class="pqs-print-edition">Edition: {edition_line}</p>\n')
    out.append(
        '<p class="pqs-print-howto">To print this page or save it as a PDF, use your browser’s Print command '
        "(<kbd>Ctrl</kbd>+<kbd>P</kbd>, or <kbd>⌘</kbd>+<kbd>P</kbd> on a Mac) and choose a printer or <em>Save as PDF</em>. "
        "The site’s menus are left out and each domain starts on a new page.</p>\n"
    )
    out.append(
        f'<p class="pqs-print-counts">{len(edition.domains)} domains, {len(edition.outcomes)} outcomes and '
        f"{len(statements)} knows and does statements, {numbered} of them with their official IDs. "
        "A statement is recorded only where one of our sources quotes it, so most outcomes show none here; "
        "the official document has the full list.</p>\n"
    )
    for kind in ("knows", "does"):
        meaning = edition.meanings.get(kind)
        if meaning:
            out.append(
                f'<p class="pqs-print-meaning"><strong>{pages.KIND_TITLE[kind]}:</strong> in the consultation’s words, {pages.attr(meaning.text)}.</p>\n'
            )
    copyright_ = pages.attr(edition.copyright or "© Crown copyright")
    out.append(
        f'<p class="pqs-print-licence">Standards text {copyright_}, from the {pages.attr(edition.provenance.source.publisher)}, '
        f'reused under the <a href="{OGL_URL}">Open Government Licence v3.0</a>. Summaries and notes are our own.</p>\n'
    )
    for domain in edition.domains:
        out.append(_domain(domain, site_url) + "\n")
    return "\n".join(out)
