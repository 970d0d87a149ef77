"""Pages and parts about change: the comparison of two sets of standards, the baseline's areas with
their descendants, consultation feedback, and the curriculum parts (an outcome's ancestors, a
programme's coverage, notes by domain)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core import ids
from macros.core.diff import TYPE_LABEL, Comparison, compare, comparisons_from, comparisons_into
from macros.core.model import Baseline, Domain, Edition, Feedback, Link, NewItem, Outcome, Programme, Provenance
from macros.render.context import Helpers, Renderer
from macros.routes import Page, Target


def all_comparisons(r: Renderer) -> tuple[Comparison, ...]:
    return tuple(compare(r.fw, c) for c in r.fw.crosswalks)


def _source_label(r: Renderer, h: Helpers, comparison: Comparison, key: str) -> Markup:
    """A link to one item of the older side: a baseline area, or an older edition's ID as text."""
    crosswalk = comparison.crosswalk
    if crosswalk.source in r.fw.baselines:
        area = next(a for a in r.fw.baselines[crosswalk.source].areas if a.key == key)
        return h.link_to(r.routes.baseline_area(crosswalk.source, area.key), area.title)
    return h.md(key)


def _target_label(r: Renderer, h: Helpers, target_id: str, edition: str) -> Markup:
    """A link to an ID of an edition, with its words on hover."""
    item = r.fw.editions[edition].ids.get(target_id)
    if item is None:
        return h.md(target_id)
    return h.link_hover(item, target_id)


def _labels(r: Renderer, here: Page, edition: str):
    h = Helpers(r, here)
    return {
        "type_label": TYPE_LABEL,
        "target_label": lambda target_id: _target_label(r, h, target_id, edition),
    }


# -- the comparison page ----------------------------------------------------------------------


def changes_page(r: Renderer, comparison: Comparison) -> str:
    cw, old, new, edition = comparison.crosswalk, comparison.old, comparison.new, comparison.edition
    here = r.routes.changes(cw.key)
    h = Helpers(r, here)
    title = f"What changed: from the {old.title} to the {new.title}"
    counts = comparison.counts_by_type()
    return r.render(
        "changes.md",
        here,
        cw=cw,
        old=old,
        new=new,
        edition=edition,
        comparison=comparison,
        pages=lambda n: f"{n} pages" if n else "not recorded",
        link_counts=", ".join(f"{n} {TYPE_LABEL[t]}" for t, n in counts.items()),
        length_sources=_length_sources(r, h, comparison),
        new_section=_new_section(r, comparison, here),
        matrix=_matrix(r, comparison, here),
        source_label=lambda key: _source_label(r, h, comparison, key),
        outcome_rows=_outcome_rows(comparison, edition),
        id_changes=_id_changes(r, comparison, here),
        judged=judged(comparison),
        **_labels(r, here, edition.key),
        **_front(
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


def _front(r: Renderer, title: str, description: str) -> dict[str, object]:
    return {"title": title, "description": description, "data_file": r.settings.data_file, "extra": {}}


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


# -- the baseline page --------------------------------------------------------------------------


def baseline_page(r: Renderer, baseline: Baseline) -> str:
    here = r.routes.baseline(baseline.key)
    official = baseline.official.source.url if baseline.official else None
    return r.render(
        "baseline.md",
        here,
        baseline=baseline,
        worded=[a for a in baseline.areas if a.text],
        area_text=lambda area: r.fragment(
            "parts/area-text.html", here, area=area, open=True, summary="The area’s text", author=baseline.provenance.source.publisher
        ),
        official_url=official,
        comparisons=comparisons_from(r.fw, baseline.key),
        target_label=lambda comparison, target_id: _target_label(r, Helpers(r, here), target_id, comparison.edition.key),
        type_label=TYPE_LABEL,
        **_front(r, baseline.short_title, f"The areas of the {baseline.short_title} and where each went in the new standards."),
    )


# -- feedback -------------------------------------------------------------------------------------


def feedback_in_domain(r: Renderer, domain_id: str, edition: str) -> tuple[Feedback, ...]:
    """Feedback given on an edition about a domain or anything in it, each point once."""
    return tuple(
        f for f in r.fw.feedback if f.edition == edition and any(a != "framework" and ids.parent_domain(a) == domain_id for a in f.about)
    )


def feedback_list(r: Renderer, items: tuple[Feedback, ...], here: Page, exclude: str = "", full: bool = True) -> Markup:
    """Points as a list: each with where it was made (the whole citation unless the page cites the source once)."""
    h = Helpers(r, here)
    rows = [(item, [_target_label(r, h, a, item.edition) for a in item.about if a not in ("framework", exclude)]) for item in items]
    return r.fragment("parts/feedback-list.md", here, items=rows, full=full)


def feedback_page(r: Renderer) -> str:
    """Every point, by the edition it was made on, then by domain; each source cited once."""
    here = r.routes.feedback()
    fw = r.fw
    publishers = sorted({f.provenance.source.publisher for f in fw.feedback})
    sources = list(dict.fromkeys(f.provenance.source for f in fw.feedback))
    groups = []
    for edition in fw.editions.values():
        mine = tuple(f for f in fw.feedback if f.edition == edition.key)
        if not mine:
            continue
        general = tuple(f for f in mine if "framework" in f.about)
        by_domain = [(d, feedback_in_domain(r, d.id, edition.key)) for d in edition.domains]
        groups.append((edition, general, by_domain))
    who = " and ".join(publishers)
    return r.render(
        "feedback.md",
        here,
        who=who,
        sources=sources,
        groups=groups,
        several=len(groups) > 1,
        feedback_list=lambda items: feedback_list(r, items, here, full=len(sources) > 1),
        **_front(r, f"Consultation feedback from {who}", f"Points {who} made in consultation about the standards, by domain."),
    )


# -- curriculum ------------------------------------------------------------------------------------


def ancestors_section(r: Renderer, outcome: Outcome, here: Page) -> Markup:
    """'In the <older standard>' on an outcome page: its ancestors, or why it is new."""
    h = Helpers(r, here)
    sections = [
        (comparison, comparison.ancestors(outcome.id), comparison.new_item(outcome.id))
        for comparison in comparisons_into(r.fw, outcome.edition)
    ]
    return r.fragment(
        "parts/ancestors.md",
        here,
        outcome=outcome,
        sections=sections,
        source_label=lambda comparison, key: _source_label(r, h, comparison, key),
        rests_on=lambda comparison, key: rests_on(comparison, key),
        judged=judged,
        area_text=lambda comparison, key: area_text(r, here, comparison, key),
        **_labels(r, here, outcome.edition),
    )


def rests_on(comparison: Comparison, key: str) -> str:
    """What a link from an area rests on: its text where it is recorded, else its title alone ('' between editions)."""
    if comparison.old.item_noun != "area":
        return ""
    return "on the area’s text" if key in comparison.old.worded else "on the area’s title alone"


def judged(comparison: Comparison) -> str:
    """How a comparison from a baseline was judged: 'every area's title, and the text of 5 of the 10 areas'."""
    old = comparison.old
    if old.item_noun != "area":
        return ""
    n, total = len(old.worded), len(old.items)
    text = "the text of none of them" if not n else f"the text of all {total}" if n == total else f"the text of {n} of the {total}"
    return f"judged on every {old.item_noun}’s title and {text}"


def area_text(r: Renderer, here: Page, comparison: Comparison, key: str, open_: bool = False) -> Markup:
    """An area's own words, folded beside a link to it (empty where they are not recorded)."""
    baseline = r.fw.baselines.get(comparison.crosswalk.source)
    area = next((a for a in baseline.areas if a.key == key), None) if baseline else None
    if area is None or area.text is None:
        return Markup("")
    return r.fragment(
        "parts/area-text.html",
        here,
        area=area,
        open=open_,
        summary=f"The text of the area “{area.title}”",
        author=baseline.provenance.source.publisher if baseline else "",
    )


def _covered_outcomes(r: Renderer, item_id: str, edition: str) -> list[str]:
    kind = ids.kind_of(item_id)
    if kind == "domain":
        domain = r.fw.editions[edition].ids[item_id]
        assert isinstance(domain, Domain)
        return [o.id for o in domain.outcomes]
    return [item_id if kind == "outcome" else ids.parent_outcome(item_id)]


def programme_matrix(r: Renderer, programme: Programme, here: Page) -> Markup:
    """Outcomes down, modules across: which outcomes the programme covers and which it misses."""
    covered: dict[str, list[int]] = {}
    for m, module in enumerate(programme.modules):
        for item_id in module.covers:
            for outcome_id in _covered_outcomes(r, item_id, programme.edition):
                covered.setdefault(outcome_id, []).append(m)
    edition = r.fw.editions[programme.edition]
    outcomes = edition.outcomes
    missed = [o for o in outcomes if o.id not in covered]
    matrix = r.fragment("parts/programme-matrix.html", here, programme=programme, rows=[(o, covered.get(o.id, [])) for o in outcomes])
    return r.fragment(
        "parts/programme.md",
        here,
        programme=programme,
        edition=edition,
        outcomes=outcomes,
        missed=missed,
        matrix=matrix,
        **_labels(r, here, programme.edition),
    )


@dataclass(frozen=True)
class _ComparisonNote:
    old_title: str
    noun: str
    ancestors: list[Markup]  # an area's title, or a link to an older edition's outcome or statement
    sourced: list[str]  # new outcomes a source calls new
    unsourced: list[str]  # outcomes with no ancestor in the comparison, on its own basis
    rests_on: str


@dataclass(frozen=True)
class _DomainNote:
    domain: Domain
    numbered: list[str]
    comparisons: list[_ComparisonNote]
    points: list[tuple[Edition, int, Target]]  # consultation points on the domain, by the edition they were made on


def _rests_on(basis: str) -> str:
    """The first sentence of a crosswalk's basis, to say briefly what a judgement rests on."""
    return " ".join(basis.split()).split(". ")[0].rstrip(".")


def domain_notes(r: Renderer, here: Page) -> Markup:
    """Per domain, the facts a curriculum designer needs, all computed from the data."""
    comparisons = comparisons_into(r.fw, r.fw.current.key)
    notes = []
    for domain in r.fw.current.domains:
        per = []
        for comparison in comparisons:
            order = [k for k, _ in comparison.old.items]
            ancestors = sorted({link.source for o in domain.outcomes for link in comparison.ancestors(o.id)}, key=order.index)
            older = r.fw.editions.get(comparison.crosswalk.source)
            h = Helpers(r, here)
            titles = (
                {key: h.link_hover(older.ids[key], key) for key in ancestors}
                if older is not None
                else {key: h.md(title) for key, title in comparison.old.items}
            )
            new = [o.id for o in domain.outcomes if not comparison.ancestors(o.id)]
            sourced = [i for i in new if (item := comparison.new_item(i)) is not None and item.provenance is not None]
            per.append(
                _ComparisonNote(
                    comparison.old.title,
                    comparison.old.item_noun,
                    [titles[a] for a in ancestors],
                    sourced,
                    [i for i in new if i not in sourced],
                    _rests_on(comparison.crosswalk.basis),
                )
            )
        several = len({f.edition for f in r.fw.feedback}) > 1
        points = [
            (edition, n, Target(r.routes.feedback(), f"domain-{domain.id}" if not several else edition.key))
            for edition in r.fw.editions.values()
            if (n := len(feedback_in_domain(r, domain.id, edition.key)))
        ]
        notes.append(_DomainNote(domain, [s.id for s in domain.statements if s.id], per, points))
    return r.fragment("parts/domain-notes.md", here, notes=notes)


def _id_changes(r: Renderer, comparison: Comparison, here: Page) -> Markup:
    """Between two editions: what became of each ID that changed, grouped by the kind of change."""
    changes = comparison.crosswalk.changes
    if not changes:
        return Markup("")
    h = Helpers(r, here)
    older = r.fw.editions[comparison.crosswalk.source]
    rows = []
    for change in changes:
        source = older.ids.get(change.source)
        before = h.link_to(r.routes.target(source), change.source) if source is not None else h.md(change.source)
        after = Markup(", ").join(_target_label(r, h, t, comparison.edition.key) for t in change.targets)
        rows.append((change, before, after))
    return r.fragment("parts/id-changes.md", here, rows=rows, old=comparison.old, new=comparison.new)
