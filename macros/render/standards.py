"""The lists of the standards (an edition's home, every outcome, every ID), the short permalinks' redirects and
the ID script. The domain and outcome pages are in :mod:`macros.render.pages`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from macros import routes as routes_
from macros.core import ids
from macros.core.history import History, histories
from macros.core.model import Edition
from macros.render.context import Renderer, item_text
from macros.render.pages.items import front, search
from macros.render.templating import script_hash
from macros.routes import Item, Page


def item_words(item: Item) -> str:
    return item_text(item)


def redirect_page(r: Renderer, file_path: str, target_url: str, label: str, words: str) -> str:
    """A tiny page at ``file_path`` that sends the reader on to ``target_url`` (a site URL), keeping any query string."""
    target = routes_.href(file_path.rsplit("/", 1)[0] + "/", target_url)
    canonical = routes_.absolute(r.settings.site_url, target_url) or target
    # The script keeps a query string (?utm_…) before the anchor; the page allows it, and only it, by its hash.
    script = (
        "var t = "
        + json.dumps(target).replace("<", "\\u003c")
        + ".split('#'); location.replace(t[0] + location.search + (t[1] ? '#' + t[1] : ''));"
    )
    return r.render(
        "redirect.html",
        None,
        label=label,
        words=words,
        target=target,
        script=Markup(script),
        policy=f"default-src 'none'; script-src {script_hash(script)}; base-uri 'none'; form-action 'none'",
        canonical=canonical,
    )


def edition_home(r: Renderer, edition: Edition) -> str:
    """The list of an edition's domains and outcomes (for the current edition, 'The standards')."""
    here = r.routes.edition_home(edition.key)
    current = edition.key == r.fw.current.key
    title = "The standards" if current else f"The {edition.short_title}"
    return r.render(
        "edition-home.md",
        here,
        edition=edition,
        current=current,
        numbered=sum(1 for s in edition.statements if s.id),
        **front(r, title, f"Every domain and outcome of the {edition.short_title}.", pqs_edition=edition.key, **search(r, edition)),
    )


def outcomes_index(r: Renderer) -> str:
    edition = r.fw.current
    return r.render(
        "outcomes-index.md",
        r.routes.outcomes_index(),
        edition=edition,
        **front(r, "Every outcome", f"The outcomes of the {edition.short_title}, in order.", pqs_edition=edition.key),
    )


# The list of every ID is one page up to this many IDs (about 100 KB), and beyond it a page per first
# number; a first number with more IDs than this has its outcomes shared among pages of at most this many.
ID_INDEX_PAGE_MAX = 400

Rows = list[tuple[str, History]]


@dataclass(frozen=True)
class IdIndexPart:
    """A page of the list of every ID: the IDs starting ``first``, or part ``part`` of ``parts`` of them."""

    first: str
    rows: Rows
    part: int | None = None
    parts: int = 1


def id_index_groups(r: Renderer) -> dict[str, Rows]:
    """Every ID of every edition with its history, by its first number, in ID order."""
    groups: dict[str, Rows] = {}
    for item_id, story in histories(r.fw).items():
        groups.setdefault(item_id.split(" ")[0].split(".")[0], []).append((item_id, story))
    return groups


def _by_outcome(rows: Rows) -> list[Rows]:
    """A first number's rows in runs that stay together: the domain's own with its first outcome's, then each outcome's."""
    runs: list[Rows] = []
    last = None
    for row in rows:
        outcome = ".".join(row[0].split(" ")[0].split(".")[:2])
        if not runs or (outcome != last and "." in outcome and "." in (last or "")):
            runs.append([])
        runs[-1].append(row)
        last = outcome
    return runs


def id_index_parts(r: Renderer) -> list[IdIndexPart]:
    """The pages of the list of every ID, when it is too long for one: a page per first number, or, for one
    with more IDs than fit, pages of whole outcomes, each of at most ID_INDEX_PAGE_MAX IDs (unless a single
    outcome has more)."""
    if not id_index_split(r):
        return []
    out: list[IdIndexPart] = []
    for first, rows in id_index_groups(r).items():
        if len(rows) <= ID_INDEX_PAGE_MAX:
            out.append(IdIndexPart(first, rows))
            continue
        pages: list[Rows] = [[]]
        for run in _by_outcome(rows):
            if pages[-1] and len(pages[-1]) + len(run) > ID_INDEX_PAGE_MAX:
                pages.append([])
            pages[-1].extend(run)
        out += [IdIndexPart(first, page, n, len(pages)) for n, page in enumerate(pages, 1)]
    return out


def id_index_split(r: Renderer) -> bool:
    return len(histories(r.fw)) > ID_INDEX_PAGE_MAX


def _part_page(r: Renderer, part: IdIndexPart) -> Page:
    return r.routes.id_index_part(part.first, part.part)


def _part_names(r: Renderer, part: IdIndexPart) -> tuple[str, str]:
    """(its link on /id/, its page's heading): 'Domain 3, Title' and 'IDs of domain 3, Title', or 'IDs starting 7'
    for both; a part of several adds ', part 2 of 3 (3.5 to 3.9 D4)'."""
    title = next((d.title for d in r.fw.current.domains if d.id == part.first), None)
    more = "" if part.part is None else f", part {part.part} of {part.parts} ({part.rows[0][0]} to {part.rows[-1][0]})"
    if title is None:
        return f"IDs starting {part.first}{more}", f"IDs starting {part.first}{more}"
    return f"Domain {part.first}, {title}{more}", f"IDs of domain {part.first}, {title}{more}"


def id_index(r: Renderer, parts: list[IdIndexPart]) -> str:
    """Every ID of every edition, with its permalinks; when there are many, the list of the pages (``parts``,
    from :func:`id_index_parts`) that hold them."""
    return r.render(
        "id-index.md",
        r.routes.id_index(),
        heading=None,
        rows=[] if parts else [row for rows in id_index_groups(r).values() for row in rows],
        parts=[(_part_names(r, p)[0], len(p.rows), _part_page(r, p)) for p in parts],
        total=len(histories(r.fw)),
        editions=list(r.fw.editions.values()),
        **front(r, "Every ID and its permalinks", "Every domain, outcome and statement ID, with the links that keep working."),
    )


def id_index_part(r: Renderer, part: IdIndexPart) -> str:
    """A page of the list of every ID (one of :func:`id_index_parts`), with the IDs' permalinks."""
    heading = _part_names(r, part)[1]
    what = f"Every ID that starts with {part.first}" if part.part is None else f"The IDs from {part.rows[0][0]} to {part.rows[-1][0]}"
    return r.render(
        "id-index-part.md",
        _part_page(r, part),
        heading=heading,
        rows=part.rows,
        editions=list(r.fw.editions.values()),
        **front(r, heading, f"{what}, in every edition, with the links that keep working."),
    )


def official_url(edition: Edition) -> str | None:
    """Where the edition's full text is: its own document, else the one that superseded it."""
    if edition.provenance.source.url:
        return edition.provenance.source.url
    sup = edition.superseded_by
    return sup.provenance.source.url if sup else None


def ids_script(r: Renderer) -> str:
    """What the site's script needs to jump from the search box to an ID (window.PQS_IDS): the ID
    grammar and URL templates, written once in Python (macros/core/ids.py, macros/routes.py), and
    the IDs of the current edition."""
    fw = r.fw
    stories = histories(fw)
    payload = {
        "grammar": ids.browser_grammar(),
        # The 404 page reads an edition's export to judge a mistyped ID by the checker's rule ({edition} is its key).
        "urls": r.routes.templates(),
        "folders": r.routes.folders(),
        "outcomes": {o.id: [s.id.split(" ")[1] for s in o.statements if s.id] for o in fw.current.outcomes},
        # IDs whose short permalink is a page of its own (they do not mean the same in every edition).
        "pages": {i: r.routes.short(i) for i, story in stories.items() if not story.steady},
        "edition": {"key": fw.current.key, "short_title": fw.current.short_title, "official": official_url(fw.current)},
    }
    return "window.PQS_IDS=" + json.dumps(payload, separators=(",", ":")).replace("<", "\\u003c") + ";\n"
