"""The comparison of two sets of standards (changes/<crosswalk key>/): the two side by side, what became of each
older area or outcome, each newer outcome's ancestors, what is new, the IDs that changed, and a matrix.
Template: changes.md."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core import ids
from macros.core.diff import TYPE_LABEL, Comparison
from macros.core.model import Edition, Link, NewItem, Outcome, Provenance
from macros.render import changes
from macros.render.context import Helpers, Renderer
from macros.render.pages.items import front
from macros.routes import Page


def page(r: Renderer, comparison: Comparison) -> str:
    cw, old, new, edition = comparison.crosswalk, comparison.old, comparison.new, comparison.edition
    here = r.routes.changes(cw.key)
    h = Helpers(r, here)
    title = f"What changed: from the {old.title} to the {new.title}"
    counts = comparison.counts_by_type()
    # Every older item and every newer ID the page names, each labelled (and linked) once.
    named = dict.fromkeys([*(key for key, _ in old.items), *(t.source for t in cw.thinner), *(link.source for link in comparison.links)])
    source_labels = {key: changes.source_label(r, h, comparison, key) for key in named}
    target_labels = {t: changes.target_label(r, h, t, edition.key) for t in dict.fromkeys(link.target for link in comparison.links)}
    return r.render(
        "changes.md",
        here,
        cw=cw,
        old=old,
        new=new,
        edition=edition,
        comparison=comparison,
        lengths=[f"{n} pages" if n else "not recorded" for n in (old.pages, new.pages)],
        link_counts=", ".join(f"{n} {TYPE_LABEL[t]}" for t, n in counts.items()),
        length_sources=_length_sources(r, h, comparison),
        new_section=_new_section(r, comparison, here),
        matrix=_matrix(r, comparison, here),
        source_labels=source_labels,
        target_labels=target_labels,
        type_label=TYPE_LABEL,
        outcome_rows=_outcome_rows(comparison, edition),
        id_changes=_id_changes(r, comparison, here),
        judged=changes.judged(comparison),
        **front(
            r,
            title,
            f"What became of each {old.item_noun} of the {old.title} in the {new.title}, and where each of its outcomes came from.",
        ),
    )


@dataclass(frozen=True)
class _OutcomeRow:
    """A row of the crosswalk outcome by outcome: one or more outcomes of a domain, in order, and
    their ancestor (``link``), or none (new, with ``note``)."""

    outcomes: list[Outcome]
    link: Link | None
    note: str

    @property
    def through(self) -> str | None:
        """The statement the link goes to, when it is not the outcome itself."""
        return self.link.target if self.link and self.link.target != self.outcomes[0].id else None

    @property
    def says(self) -> tuple[str, ...] | None:
        """What the row's other cells say; None for a link through a statement, which is the outcome's own."""
        if self.link is None:
            return ("new", self.note)
        return None if self.through else (self.link.source, self.link.type)


def _outcome_rows(comparison: Comparison, edition: Edition) -> list[_OutcomeRow]:
    """A row per link into each outcome, and a row for each new one; outcomes next to each other in a
    domain whose rows say the same share one (the four new outcomes of a new domain are one row)."""
    notes = {n.id: n.note for n in comparison.new_items}
    rows: list[_OutcomeRow] = []
    for outcome in edition.outcomes:
        for link in comparison.ancestors(outcome.id) or (None,):
            row = _OutcomeRow([outcome], link, "" if link else notes.get(outcome.id, ""))
            last = rows[-1] if rows else None
            if last and row.says and last.says == row.says and last.outcomes[-1].domain_id == outcome.domain_id:
                last.outcomes.append(outcome)
            else:
                rows.append(row)
    return rows


def _length_sources(r: Renderer, h: Helpers, comparison: Comparison) -> Markup:
    provs: list[Provenance] = []
    for key in (comparison.crosswalk.source, comparison.crosswalk.target):
        holder = r.fw.baselines.get(key) or r.fw.editions.get(key)
        if holder and holder.length and holder.length.provenance not in provs:
            provs.append(holder.length.provenance)
    return Markup("; ").join(h.cite(p) for p in provs)


def _new_section(r: Renderer, comparison: Comparison, here: Page) -> Markup:
    """New outcomes by domain: first those our sources call new, then those no older title names."""

    def by_domain(items: list[NewItem]) -> Markup:
        groups = []
        for domain in comparison.edition.domains:
            mine = [n for n in items if ids.parent_domain(n.id) == domain.id]
            if not mine:
                continue
            whole = {n.id for n in mine} == {o.id for o in domain.outcomes}
            provs = {n.provenance for n in mine}
            shared = next(iter(provs)) if len(provs) == 1 and None not in provs else None
            groups.append((domain, [(n, comparison.edition.ids[n.id]) for n in mine], whole, shared))
        return r.fragment("parts/new-by-domain.md", here, groups=groups)

    return r.fragment(
        "parts/new-section.md",
        here,
        sourced=[n for n in comparison.new_items if n.provenance],
        unsourced=[n for n in comparison.new_items if not n.provenance],
        old=comparison.old,
        by_domain=by_domain,
    )


def _matrix(r: Renderer, comparison: Comparison, here: Page) -> Markup:
    """Areas down, domains across, the number of links in each cell: an HTML table, no script."""
    titles = dict(comparison.old.items)
    return r.fragment(
        "parts/matrix.html",
        here,
        old=comparison.old,
        new=comparison.new,
        group_noun_one=comparison.old.group_noun[:-1],
        domains=comparison.edition.domains,
        rows=[(titles[key], cells) for key, cells in comparison.matrix()],
    )


def _id_changes(r: Renderer, comparison: Comparison, here: Page) -> Markup:
    """Between two editions: what became of each ID that changed, grouped by the kind of change."""
    id_changes = comparison.crosswalk.changes
    if not id_changes:
        return Markup("")
    h = Helpers(r, here)
    older = r.fw.editions[comparison.crosswalk.source]
    rows = []
    for change in id_changes:
        source = older.ids.get(change.source)
        before = h.link_to(r.routes.target(source), change.source) if source is not None else h.md(change.source)
        after = Markup(", ").join(changes.target_label(r, h, t, comparison.edition.key) for t in change.targets)
        rows.append((change, before, after))
    return r.fragment("parts/id-changes.md", here, rows=rows, old=comparison.old, new=comparison.new)
