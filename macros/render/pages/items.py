"""What the pages of the standards share: an item's notes (its feedback and history, computed once), the
sources of a page's words, its front matter, its previous and next links, and statement counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from macros.core import ids
from macros.core.model import Domain, Edition, Feedback, Outcome, Source, Statement
from macros.render import changes, editions
from macros.render.context import Renderer
from macros.routes import Item, Page

KINDS = (("knows", "Knows"), ("does", "Does"))
KIND_TITLE = dict(KINDS)


@dataclass(frozen=True)
class ItemNotes:
    """What a page says about an item beside its own words: the consultation feedback on it, and how its
    ID reads in the other editions (links relative to the page). Computed once per item and page."""

    item: Item
    feedback: tuple[Feedback, ...]
    history: list[editions.Note]


def notes(r: Renderer, here: Page, item: Item) -> ItemNotes:
    item_id = getattr(item, "id", None)
    return ItemNotes(item, r.fw.feedback_about(item_id, item.edition) if item_id else (), editions.history_notes(r, here, item))


def feedback_section(r: Renderer, here: Page, about: ItemNotes) -> Markup:
    """'Consultation feedback' on a domain's or an outcome's page, when there is any."""
    if not about.feedback:
        return Markup("")
    anchor = ids.section_anchor(about.item.id, "feedback")  # type: ignore[arg-type]
    return r.fragment("parts/item-feedback.md", here, anchor=anchor, items=changes.feedback_list(r, about.feedback, here, full=False))


def statement_feedback(r: Renderer, here: Page, about: ItemNotes) -> Markup:
    """The feedback on one statement, under it, when there is any."""
    statement = about.item
    if not about.feedback:
        return Markup("")
    items = changes.feedback_list(r, about.feedback, here, exclude=statement.id or "", full=False)
    return r.fragment("parts/statement-feedback.md", here, statement=statement, items=items)


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


def search(r: Renderer, edition: Edition) -> dict[str, object]:
    """Earlier editions stay out of search, so an ID finds the current edition's item first."""
    return {} if edition.key == r.fw.current.key else {"search": {"exclude": True}}


def prev_next(r: Renderer, here: Page, items: tuple[Item, ...], i: int, label: Callable[[Any], str]) -> Markup:
    before = (items[i - 1], label(items[i - 1])) if i > 0 else None
    after = (items[i + 1], label(items[i + 1])) if i + 1 < len(items) else None
    return r.fragment("parts/prevnext.md", here, before=before, after=after)


def item_sources(r: Renderer, here: Page, item: Domain | Outcome, about: list[ItemNotes]) -> Markup:
    """Every source the page's words come from, each cited once, with what was taken from where; ``about``
    holds the notes of the page's item and then of each of its statements (their feedback is cited too)."""
    edition = r.edition_of(item)
    places: dict[Source, list[tuple[str, str]]] = {}

    def add(prov, what: str) -> None:
        places.setdefault(prov.source, []).append((what, prov.at))

    if isinstance(item, Domain):
        add(item.provenance, "domain title")
    else:
        add(item.provenance, "outcome text")
        unnumbered = 0
        for statement in item.statements:
            if statement.id:
                label = statement.id
            else:
                unnumbered += 1
                label = f"unnumbered {statement.kind} statement {unnumbered}"
            add(statement.provenance, label)
    own, *of_statements = about
    for point in own.feedback:
        add(point.provenance, "consultation feedback")
    for notes_ in of_statements:
        for point in notes_.feedback:
            add(point.provenance, f"consultation feedback on {notes_.item.id}")
    tally = edition.statement_counts
    if tally and isinstance(item, Outcome):
        add(tally.provenance, "the edition's statement counts")
    numbering = ""
    if isinstance(item, Outcome) and item.provenance.source.key != edition.provenance.source.key:
        numbering = f"the number {item.id} is the outcome's place in the list it comes from"
        if item.cited_ids:
            numbering += ", which the statement IDs our sources cite confirm"
    listing = r.fragment("parts/item-sources.html", here, groups=list(places.items()))
    return r.fragment("parts/item-sources.md", here, anchor=ids.section_anchor(item.id, "sources"), numbering=numbering, listing=listing)
