"""Parts of the hand-written pages, computed from the data (called through the macros).

Each function takes the renderer and the page it is placed on (links are relative to that page)
and returns Markdown, already escaped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from macros import routes as routes_
from macros.core.history import history
from macros.core.model import Edition, Outcome, Programme, Statement
from macros.render import changes
from macros.render.context import Helpers, Renderer, distinct_words, item_text
from macros.render.templating import format_date, md_text, url_html, url_md
from macros.routes import Item, Page


class UnknownId(ValueError):
    """A hand-written page names an ID the data does not have."""


# How many characters of an outcome's words the framework grid shows (cut at a word, with an ellipsis).
GRID_TEXT_CHARS = 56


def recorded_words(outcome: Outcome) -> str:
    """How much of an outcome is recorded here, from its coverage in the data: 'none recorded', '2 recorded'
    (a partial record: the official total is not in our sources), '3 of 3 recorded' (complete)."""
    n = len(outcome.statements)
    if outcome.coverage == "complete":
        return f"{n} of {n} recorded"
    return f"{n} recorded" if n else "none recorded"


def _grid(r: Renderer, here: Page, mode: str, grid_id: str, prefix: str) -> Markup:
    """The framework grid of the current edition (parts/framework-grid.html): on the home page each cell
    says how much of its outcome is recorded; on the checker's page, how often the checked list cites it."""
    from macros.checker import heatmap

    edition = r.fw.current
    h = Helpers(r, here)
    shorts = distinct_words(edition.outcomes, GRID_TEXT_CHARS)

    def cell(o: Outcome) -> dict[str, Any]:
        numbered = sum(1 for s in o.statements if s.id)
        return {
            "outcome": o,
            "href": h.item_href(o),
            "short": shorts[id(o)],
            "count": recorded_words(o) if mode == "overview" else heatmap.count_words(0),
            "statements": heatmap.statements_words(0, numbered),
        }

    domains = [
        {
            "domain": d,
            "href": h.item_href(d),
            "count": heatmap.WORDS["domain"].format(cited=0, total=len(d.outcomes)),
            "outcomes": [cell(o) for o in d.outcomes],
        }
        for d in edition.domains
    ]
    return r.fragment("parts/framework-grid.html", here, edition=edition, domains=domains, mode=mode, grid_id=grid_id, prefix=prefix)


def framework_overview(r: Renderer, here: Page) -> Markup:
    """The home page's framework at a glance: the counts (and the edition's totals where a source gives
    them), then every outcome in a grid by domain."""
    edition = r.fw.current
    tally = edition.statement_counts
    totals = [f"{n} {kind} statements" for kind, n in (("knows", tally.knows), ("does", tally.does)) if n is not None] if tally else []
    return r.fragment(
        "parts/overview.md",
        here,
        edition=edition,
        numbered=sum(1 for s in edition.statements if s.id),
        totals=" and ".join(totals),
        according=tally.provenance.source.publisher if tally else "",
        grid=_grid(r, here, "overview", "pqs-grid", ""),
    )


def framework_grid(r: Renderer, here: Page) -> Markup:
    """The checker's heat map: the same grid, for its page script to shade, and where the script finds the
    picture it downloads (:func:`heat_map_data`)."""
    from macros.checker import heatmap

    return r.fragment(
        "parts/heat-map.html",
        here,
        grid=_grid(r, here, "check", "pqs-heat-grid", "pqs-heat-"),
        words=heatmap.WORDS,
        data_url=Helpers(r, here).href(routes_.HEAT_MAP),
    )


def heat_map_data(r: Renderer) -> str:
    """The picture of the current edition (macros/checker/heatmap.py): the drawing with its markers, and the
    words, as JSON for the checker's page script (a file, so the page does not carry it)."""
    from macros.checker import heatmap

    return json.dumps(heatmap.browser_payload(r.fw.current), ensure_ascii=False, separators=(",", ":")) + "\n"


def timeline(r: Renderer, here: Page) -> Markup:
    return r.fragment("parts/timeline.md", here)


def sources_list(r: Renderer, here: Page) -> Markup:
    return r.fragment("parts/sources.md", here)


def meaning(r: Renderer, here: Page, kind: str) -> Markup:
    return r.fragment("parts/meaning.md", here, meaning=r.fw.current.meanings[kind])


def pqs_link(r: Renderer, here: Page, item_id: str, label: str | None = None, edition: str | None = None) -> Markup:
    """A link to a domain, outcome or statement, with its text on hover: {{ pqs("3.2 D2") }} for the current
    edition's, {{ pqs("3.2 D2", edition="draft-2025") }} for an edition's own, which never changes meaning.

    A bare reference to an ID that does not mean the same in every edition (or whose words an edition has
    unrecorded here) fails the build: the page must say which edition it means."""
    if edition is not None and edition not in r.fw.editions:
        raise UnknownId(
            f"{here.src}: pqs({item_id!r}, edition={edition!r}): no edition has that key; use one of: {', '.join(r.fw.editions)}"
        )
    item: Item | None = r.fw.lookup(item_id, edition)
    named = f"edition {edition!r}" if edition else "the current edition"
    if item is None:
        raise UnknownId(
            f"{here.src}: pqs({item_id!r}) names no domain, outcome or statement of {named}; check the ID against data/pqs.yaml"
        )
    ident = getattr(item, "id", None) or item_id
    if edition is None and len(r.fw.editions) > 1 and not history(r.fw, ident).steady:
        others = ", ".join(repr(k) for k in r.fw.editions)
        raise UnknownId(
            f"{here.src}: pqs({item_id!r}): {ident} does not mean the same in every edition, so a bare reference could mean "
            f"either; name the edition you mean: pqs({item_id!r}, edition=…) with one of {others}"
        )
    return Helpers(r, here).link(item, label or ident, item_text(item))


def escaped(value: Any) -> Any:
    """A macro's value as a hand-written page prints it: text escaped for Markdown and HTML (mkdocs-macros
    does not escape), markup and numbers as they are, dictionaries and lists value by value."""
    if isinstance(value, (Markup, bool, int, float)) or value is None:
        return value
    if isinstance(value, str):
        return md_text(value)
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escaped(v) for v in value]
    raise TypeError(f"a macro returned {type(value).__name__}, which a page cannot print safely")


def edition_facts(r: Renderer, here: Page) -> dict[str, Any]:
    """The current edition's titles, status, dates and counts, for hand-written pages: {{ edition().short_title }}.

    Text is escaped when the page prints it (:func:`escaped`); the key (a checked slug) and the
    addresses (checked https addresses, encoded for a Markdown link) are printed as they are."""
    e: Edition = r.fw.current
    sup = e.superseded_by
    facts: dict[str, Any] = {
        "key": Markup(e.key),
        "title": e.title,
        "short_title": e.short_title,
        "status_label": e.status_label,
        "status_meaning": e.status_meaning,
        "publisher": e.provenance.source.publisher,
        "copyright": e.copyright or "© Crown copyright",
        "published": format_date(e.published),
        "closes": format_date(e.consultation_closes) if e.consultation_closes else "",
        "applies_from": format_date(e.applies_from) if e.applies_from else "",
        "pages": e.length.pages if e.length else None,
        "domains": len(e.domains),
        "outcomes": len(e.outcomes),
        "statements": len(e.statements),
        "numbered": sum(1 for s in e.statements if s.id),
        "final_title": sup.title if sup else "",
        "final_published": format_date(sup.published) if sup else "",
        "final_applies": format_date(sup.applies_from) if sup and sup.applies_from else "",
        "final_url": url_md(sup.provenance.source.url) if sup and sup.provenance.source.url else "",
        "final_here": bool(sup and sup.edition),  # the superseding edition's text is in the data
        "official_url": url_md(e.provenance.source.url) if e.provenance.source.url else "",
    }
    # Inside a raw HTML block Markdown is not read, so its escapes would show: there a page prints
    # {{ edition().html.short_title }}, the same text escaped for HTML only.
    facts["html"] = {k: Markup(escape(v)) for k, v in facts.items() if isinstance(v, str) and not isinstance(v, Markup)}
    return facts


def baseline_facts(r: Renderer, here: Page) -> dict[str, Any]:
    """The earlier standard the editions replace (the first baseline): {{ baseline().short_title }}."""
    b = next(iter(r.fw.baselines.values()))
    return {
        "title": b.title,
        "short_title": b.short_title,
        "areas": len(b.areas),
        "applies_until": format_date(b.applies_until) if b.applies_until else "",
    }


ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
]


def _example(r: Renderer, kind: str) -> Statement:
    found = next((s for s in r.fw.current.statements if s.id and s.kind == kind), None)
    if found is None:
        raise UnknownId(f"the current edition has no numbered {kind} statement to show as an example")
    return found


def example_id(r: Renderer, here: Page, kind: str = "does") -> Markup:
    """A link to a numbered statement of the current edition, as an example of an ID: {{ example_id("does") }}."""
    statement = _example(r, kind)
    assert statement.id is not None
    return Helpers(r, here).link(statement, statement.id, statement.text)


def id_explained(r: Renderer, here: Page, kind: str = "does") -> Markup:
    """'[3.2 D2] is the second does statement of outcome 3.2', from the current edition."""
    statement = _example(r, kind)
    assert statement.id is not None
    n = int(statement.id.split(" ")[1][1:])
    nth = ORDINALS[n - 1] if n <= len(ORDINALS) else f"number {n}"
    return example_id(r, here, kind) + Markup(" ") + Helpers(r, here).md(f"is the {nth} {kind} statement of outcome {statement.outcome_id}")


def applies_summary(r: Renderer, here: Page) -> Markup:
    """Which standard applies when, in a sentence or two, from the data's dates."""
    return r.fragment("parts/applies.md", here, edition=r.fw.current, baselines=list(r.fw.baselines.values()))


def completeness(r: Renderer, here: Page) -> Markup:
    """How much of the current edition is recorded here."""
    e = r.fw.current
    empty = sum(1 for o in e.outcomes if not o.statements)
    return r.fragment("parts/completeness.md", here, edition=e, empty=empty, numbered=sum(1 for s in e.statements if s.id))


def export_editions(r: Renderer, here: Page) -> Markup:
    """The downloads of every edition, a row each (for the downloads page)."""
    from macros.render import exports

    return Markup(exports.editions_table(r.fw, here.src))


def download(r: Renderer, here: Page, name: str, edition: str | None = None) -> Markup:
    """A link to one of an edition's downloads (the presented one's by default), by the name it is saved under,
    which names the edition: [pqs-draft-2025.json](exports/draft-2025/pqs-draft-2025.json)."""
    key = edition or r.fw.current.key
    if key not in r.fw.editions:
        raise ValueError(f"download({name!r}, edition={key!r}): no edition has that key")
    path = routes_.Routes.export(key, name)
    return Markup(f"[{md_text(path.split('/')[-1])}]({routes_.md_file_href(here, path)})")


def file_href(r: Renderer, here: Page, name: str) -> Markup:
    """A relative link, for a hand-written page's raw HTML, to a file of the site known by name (macros/routes.py's
    ``Routes.named_file``): ``data-export="{{ file_href('current_export') }}"`` on the checker page."""
    return url_html(routes_.html_href(here, r.routes.named_file(name)))


def export_format(r: Renderer, here: Page) -> str:
    """The format version of the JSON downloads (their schema_version)."""
    from macros.render import exports

    return str(exports.SCHEMA_VERSION)


def changes_format(r: Renderer, here: Page) -> str:
    """The format version of the comparisons' data files."""
    from macros.render import references

    return str(references.CHANGES_SCHEMA_VERSION)


def changes_files(r: Renderer, here: Page) -> Markup:
    """A list of the comparison files, one per crosswalk (for the downloads page)."""
    h = Helpers(r, here)
    rows = []
    for comparison in changes.all_comparisons(r):
        path = r.routes.changes_data(comparison.crosswalk.key)
        label = f"From the {comparison.old.title} to the {comparison.new.title}"
        rows.append(
            Markup("- ") + h.md(label) + Markup(": [") + h.md(path.split("/")[-1]) + Markup(f"]({routes_.md_file_href(here, path)})")
        )
    return Markup("\n").join(rows)


def domain_notes(r: Renderer, here: Page) -> Markup:
    return changes.domain_notes(r, here)


def programme(r: Renderer, here: Page, key: str | None = None) -> Markup:
    """A programme's coverage matrix: the one named, or the first in the data."""
    found: Programme | None = next((p for p in r.fw.programmes if key is None or p.key == key), None)
    if found is None:
        raise UnknownId(f"{here.src}: programme({key!r}) is not under programmes in data/pqs.yaml")
    return changes.programme_matrix(r, found, here)


def changes_link(r: Renderer, here: Page, label: str = "what changed since the KSS") -> Markup:
    comparison = changes.all_comparisons(r)[0]
    return Helpers(r, here).link_to(r.routes.changes(comparison.crosswalk.key), label)


def baseline_route(r: Renderer, here: Page) -> Markup:
    """How a programme mapped to the earlier standard (the KSS) reaches the edition this site presents, comparison by
    comparison, each linked: 'The crosswalk on what changed since the KSS links each KSS area to the outcomes of
    the <edition> that carry it forward, and what changed since the <edition> says what became of each in the <next>.'"""
    baseline = next(iter(r.fw.baselines.values()))
    h = Helpers(r, here)
    steps, key = [], baseline.key
    while key != r.fw.current.key:
        crosswalk = next((c for c in r.fw.crosswalks if c.source == key), None)
        if crosswalk is None:
            break
        steps.append(crosswalk)
        key = crosswalk.target
    if not steps:
        return h.md(f"No comparison here leads from the {baseline.short_title} to the {r.fw.current.short_title}.")
    first, *rest = steps
    target = r.fw.editions[first.target]
    parts_ = [
        h.md("The crosswalk on")
        + Markup(" ")
        + h.link_to(r.routes.changes(first.key), f"what changed since the {baseline.short_title}")
        + Markup(" ")
        + h.md(f"links each of its areas to the outcomes of the {target.short_title} that carry it forward")
    ]
    for crosswalk in rest:
        older, newer = r.fw.editions[crosswalk.source], r.fw.editions[crosswalk.target]
        parts_.append(
            h.md("and")
            + Markup(" ")
            + h.link_to(r.routes.changes(crosswalk.key), f"what changed since the {older.short_title}")
            + Markup(" ")
            + h.md(f"says what became of each of those in the {newer.short_title}")
        )
    return Markup(", ").join(parts_) + Markup(".")


def baseline_link(r: Renderer, here: Page, label: str = "the KSS areas") -> Markup:
    baseline = next(iter(r.fw.baselines.values()))
    return Helpers(r, here).link_to(r.routes.baseline(baseline.key), label)


# The macros of the hand-written pages, by name: each is called with the renderer, the page, and the
# page's own arguments ({{ pqs("3.2 D2") }} calls pqs_link(r, here, "3.2 D2")). The hook registers
# them with mkdocs-macros, and pqs-render expands them with the same functions (macros/adapters/macros_plugin.py).
MACROS: dict[str, Callable[..., Any]] = {
    "pqs": pqs_link,
    "download": download,
    "file_href": file_href,
    "baseline_route": baseline_route,
    "export_format": export_format,
    "changes_format": changes_format,
    "framework_overview": framework_overview,
    "framework_grid": framework_grid,
    "timeline": timeline,
    "sources_list": sources_list,
    "meaning": meaning,
    "edition": edition_facts,
    "baseline": baseline_facts,
    "example_id": example_id,
    "id_explained": id_explained,
    "applies_summary": applies_summary,
    "completeness": completeness,
    "domain_notes": domain_notes,
    "changes_files": changes_files,
    "export_editions": export_editions,
    "programme": programme,
    "changes_link": changes_link,
    "baseline_link": baseline_link,
}
FILTERS: dict[str, Callable[..., Any]] = {"date": format_date}
