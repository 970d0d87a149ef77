"""An outcome's page (outcomes/3.2/, or draft-2025/outcomes/3.2/ for an earlier edition): its words, its
statements by kind, each with its permalink, history and feedback, how much of it is recorded, its
ancestors in older standards, its sources, and the previous and next outcomes. Template: outcome.md,
with the partials it shares with other pages (parts/statement.md, parts/ancestors.md …)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core.diff import TYPE_LABEL, comparisons_into
from macros.core.model import Outcome, Statement
from macros.render import changes
from macros.render.context import Helpers, Renderer, plain_words
from macros.render.pages.items import KINDS, ItemNotes, feedback_section, front, item_sources, notes, prev_next, search, statement_feedback
from macros.routes import Page


@dataclass(frozen=True)
class StatementView:
    """One statement as its outcome's page shows it: its block (heading, words, permalink, history) and the feedback under it."""

    statement: Statement
    block: Markup
    feedback: Markup


def coverage_note(r: Renderer, here: Page, outcome: Outcome) -> Markup:
    """How much of the outcome is recorded here, said once, with where the rest is (the edition's totals are
    on the home page, kept off each outcome's page so that its statements start on the phone's first screen)."""
    edition = r.edition_of(outcome)
    where = r.fragment("parts/official-documents.md", here, edition=edition)
    knows = sum(1 for s in outcome.statements if s.kind == "knows")
    short = f"{knows} knows, {len(outcome.statements) - knows} does"
    return r.fragment("parts/coverage-note.md", here, outcome=outcome, where=where, counts_short=short)


def ancestors(r: Renderer, here: Page, outcome: Outcome) -> Markup:
    """'In the <older standard>', a section for each comparison into the outcome's edition: its ancestors, each
    with its rationale and what the judgement rests on, and the areas' own words; or why it is new."""
    h = Helpers(r, here)
    sections = []
    for comparison in comparisons_into(r.fw, outcome.edition):
        links = comparison.ancestors(outcome.id)
        rows = [
            (
                link,
                changes.source_label(r, h, comparison, link.source),
                changes.target_label(r, h, link.target, outcome.edition) if link.target != outcome.id else None,
                changes.rests_on(comparison, link.source),
            )
            for link in links
        ]
        texts = [text for key in dict.fromkeys(link.source for link in links) if (text := changes.area_text(r, here, comparison, key))]
        sections.append((comparison, rows, texts, comparison.new_item(outcome.id), changes.judged(comparison)))
    return r.fragment("parts/ancestors.md", here, outcome=outcome, sections=sections, type_label=TYPE_LABEL)


def page(r: Renderer, outcome: Outcome) -> str:
    edition = r.edition_of(outcome)
    here = r.routes.outcome(edition.key, outcome.id)
    domain = next(d for d in edition.domains if d.id == outcome.domain_id)
    own = notes(r, here, outcome)
    of_statement = {s: notes(r, here, s) for s in outcome.statements}

    def view(statement: Statement, title: str, about: ItemNotes) -> StatementView:
        block = r.fragment("parts/statement.md", here, statement=statement, edition=edition, kind_title=title, history=about.history)
        return StatementView(statement, block, statement_feedback(r, here, about))

    sections = [(kind, title, [view(s, title, of_statement[s]) for s in outcome.of_kind(kind)]) for kind, title in KINDS]
    return r.render(
        "outcome.md",
        here,
        outcome=outcome,
        domain=domain,
        edition=edition,
        sections=sections,
        coverage_note=coverage_note(r, here, outcome),
        feedback=feedback_section(r, here, own),
        ancestors=ancestors(r, here, outcome),
        sources=item_sources(r, here, outcome, [own, *of_statement.values()]),
        prevnext=prev_next(r, here, edition.outcomes, edition.position[outcome.id], lambda o: f"{o.id} {plain_words(o, 70)}"),
        history=own.history,
        **front(r, f"{outcome.id} {outcome.text}", outcome.text, pqs_id=outcome.id, pqs_edition=edition.key, **search(r, edition)),
    )
