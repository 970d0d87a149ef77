"""The pages of the standards themselves: a page per domain and per outcome, and the short permalinks."""

from __future__ import annotations

import json

from markupsafe import Markup

from macros.core import ids
from macros.core.model import Domain, Edition, Outcome, RetiredId, Statement
from macros.render import changes
from macros.render.context import Renderer, item_text
from macros.render.templating import truncate
from macros.routes import Item, Page

KINDS = (("knows", "Knows"), ("does", "Does"))
KIND_TITLE = dict(KINDS)


def counts(statements: tuple[Statement, ...], recorded: bool = True) -> str:
    """'3 statements recorded (1 knows, 2 does)', or 'no statements recorded'."""
    if not statements:
        return "no statements recorded"
    knows = sum(1 for s in statements if s.kind == "knows")
    noun = "statement" if len(statements) == 1 else "statements"
    return f"{len(statements)} {noun}{' recorded' if recorded else ''} ({knows} knows, {len(statements) - knows} does)"


def front(r: Renderer, title: str, description: str, **extra: object) -> dict[str, object]:
    """What parts/front.md needs: the page's title and description, and any extra front matter."""
    return {"title": title, "description": description, "data_file": r.settings.data_file, "extra": extra}


def prev_next(r: Renderer, here: Page, items: tuple[Item, ...], i: int, label) -> Markup:
    before = (items[i - 1], label(items[i - 1])) if i > 0 else None
    after = (items[i + 1], label(items[i + 1])) if i + 1 < len(items) else None
    return r.fragment("parts/prevnext.md", here, before=before, after=after)


def domain_page(r: Renderer, domain: Domain) -> str:
    edition = r.edition_of(domain)
    here = r.routes.domain(edition.key, domain.id)
    return r.render(
        "domain.md",
        here,
        domain=domain,
        edition=edition,
        counts=counts,
        feedback=changes.item_feedback(r, domain, here),
        prevnext=prev_next(r, here, edition.domains, edition.position[domain.id], lambda d: f"Domain {d.id}: {d.title}"),
        **front(r, f"Domain {domain.id}: {domain.title}", domain.summary, pqs_id=domain.id),
    )


def outcome_page(r: Renderer, outcome: Outcome) -> str:
    edition = r.edition_of(outcome)
    here = r.routes.outcome(edition.key, outcome.id)
    domain = next(d for d in edition.domains if d.id == outcome.domain_id)

    def statement_block(statement: Statement) -> Markup:
        return r.fragment("parts/statement.md", here, statement=statement, edition=edition, kind_title=KIND_TITLE[statement.kind])

    def statement_feedback(statement: Statement) -> Markup:
        return changes.statement_feedback(r, statement, here)

    return r.render(
        "outcome.md",
        here,
        outcome=outcome,
        domain=domain,
        edition=edition,
        kinds=KINDS,
        coverage_note=coverage_note(r, outcome, here),
        statement_block=statement_block,
        statement_feedback=statement_feedback,
        feedback=changes.item_feedback(r, outcome, here),
        ancestors=changes.ancestors_section(r, outcome, here),
        prevnext=prev_next(r, here, edition.outcomes, edition.position[outcome.id], lambda o: f"{o.id} {truncate(o.text, 70)}"),
        **front(r, f"{outcome.id} {outcome.text}", outcome.text, pqs_id=outcome.id),
    )


def coverage_note(r: Renderer, outcome: Outcome, here: Page) -> Markup:
    edition = r.edition_of(outcome)
    where = r.fragment("parts/official-documents.md", here, edition=edition)
    return r.fragment("parts/coverage-note.md", here, outcome=outcome, where=where, counts_short=counts(outcome.statements, recorded=False))


def retired_page(r: Renderer, retired: RetiredId) -> str:
    here = r.routes.short_page(retired.id)
    edition: Edition = r.fw.editions[retired.edition]
    return r.render(
        "retired.md",
        here,
        retired=retired,
        edition=edition,
        successor=r.fw.index[retired.to] if retired.to else None,
        **front(r, f"{retired.id} (retired ID)", f"{retired.id} is no longer used", pqs_id=retired.id),
    )


def redirect_page(r: Renderer, item_id: str, item: Item) -> str:
    """A tiny page at id/<slug>/ that sends the reader to the item (it keeps a query string)."""
    here_dir = r.routes.short(item_id)
    target = "../../" + r.routes.url(item)
    canonical = (r.settings.site_url.rstrip("/") + "/" + r.routes.url(item)) if r.settings.site_url else target
    return r.render(
        "redirect.html",
        None,
        here_dir=here_dir,
        item_id=item_id,
        words=item_text(item),
        target=target,
        target_js=Markup(json.dumps(target).replace("<", "\\u003c")),
        canonical=canonical,
    )


def ids_script(r: Renderer) -> str:
    """What the site's script needs to jump from the search box to an ID (window.PQS_IDS): the ID
    grammar and URL templates, written once in Python (macros/core/ids.py, macros/routes.py), and
    the IDs of the current edition."""
    fw = r.fw
    payload = {
        "grammar": ids.browser_grammar(),
        "urls": r.routes.templates(),
        "outcomes": {o.id: [s.id.split(" ")[1] for s in o.statements if s.id] for o in fw.current.outcomes},
        "retired": {x.id: r.routes.short(x.id) for x in fw.retired},
    }
    return "window.PQS_IDS=" + json.dumps(payload, separators=(",", ":")).replace("<", "\\u003c") + ";\n"
