"""Parts about change that several page kinds and macros share: links to either side of a comparison,
consultation feedback as a list, and the curriculum parts (an outcome's ancestors, a programme's coverage,
notes by domain). The comparison, baseline and feedback pages are in :mod:`macros.render.pages`."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.core import ids
from macros.core.diff import TYPE_LABEL, Comparison, compare, comparisons_into
from macros.core.model import Domain, Edition, Feedback, Programme
from macros.render.context import Helpers, Renderer
from macros.routes import Page, Target


def all_comparisons(r: Renderer) -> tuple[Comparison, ...]:
    return tuple(compare(r.fw, c) for c in r.fw.crosswalks)


def source_label(r: Renderer, h: Helpers, comparison: Comparison, key: str) -> Markup:
    """A link to one item of the older side: a baseline area, or an older edition's ID as text."""
    crosswalk = comparison.crosswalk
    if crosswalk.source in r.fw.baselines:
        area = next(a for a in r.fw.baselines[crosswalk.source].areas if a.key == key)
        return h.link_to(r.routes.baseline_area(crosswalk.source, area.key), area.title)
    return h.md(key)


def target_label(r: Renderer, h: Helpers, target_id: str, edition: str) -> Markup:
    """A link to an ID of an edition, with its words on hover."""
    item = r.fw.editions[edition].ids.get(target_id)
    if item is None:
        return h.md(target_id)
    return h.link_hover(item, target_id)


def labels(r: Renderer, here: Page, edition: str):
    h = Helpers(r, here)
    return {
        "type_label": TYPE_LABEL,
        "target_label": lambda target_id: target_label(r, h, target_id, edition),
    }


# -- the comparison page ----------------------------------------------------------------------


# -- the baseline page --------------------------------------------------------------------------


# -- feedback -------------------------------------------------------------------------------------


def feedback_in_domain(r: Renderer, domain_id: str, edition: str) -> tuple[Feedback, ...]:
    """Feedback given on an edition about a domain or anything in it, each point once."""
    return tuple(
        f for f in r.fw.feedback if f.edition == edition and any(a != "framework" and ids.parent_domain(a) == domain_id for a in f.about)
    )


def feedback_list(r: Renderer, items: tuple[Feedback, ...], here: Page, exclude: str = "", full: bool = True) -> Markup:
    """Points as a list: each with where it was made (the whole citation unless the page cites the source once)."""
    h = Helpers(r, here)
    rows = [(item, [target_label(r, h, a, item.edition) for a in item.about if a not in ("framework", exclude)]) for item in items]
    return r.fragment("parts/feedback-list.md", here, items=rows, full=full)


# -- curriculum ------------------------------------------------------------------------------------


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
        **labels(r, here, programme.edition),
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
