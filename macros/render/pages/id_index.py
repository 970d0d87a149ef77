"""The list of every ID of every edition with its permalinks (id/), and, when it is long, its pages by first number
(id/domain-3/), parts of whole outcomes when even those are too long. Templates: id-index.md, id-index-part.md."""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.history import History, histories
from macros.render.context import Renderer
from macros.render.pages.items import front
from macros.routes import Page

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
