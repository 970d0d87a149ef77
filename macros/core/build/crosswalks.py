"""Baselines, crosswalks, and the guard on IDs across editions.

A crosswalk says how one set of standards carries into an edition. From a baseline (the KSS) it
links areas to outcomes; from an older edition it also says, under ``ids``, what became of every ID
the newer edition does not keep with the same words. The guard makes that complete: an ID of the
older edition that the newer one drops, or keeps with other words, must be declared (reworded,
renumbered, moved, split, merged, withdrawn, or not recorded), or the build stops naming both places.
"""

from __future__ import annotations

import itertools
from typing import Any

from macros.core import ids
from macros.core.build.context import Context
from macros.core.build.editions import length
from macros.core.history import unrecorded_in, words
from macros.core.model import Area, AreaText, Baseline, Crosswalk, Edition, IdChange, Link, NewItem, Thinner
from macros.core.problems import PathT

CHANGES_WITH_ONE_TARGET = {"reworded", "renumbered", "moved", "merged"}
CHANGES_WITHOUT_TARGET = {"withdrawn", "not-recorded"}


def baselines(raws: list[dict[str, Any]], ctx: Context) -> dict[str, Baseline]:
    found: dict[str, Baseline] = {}
    for i, raw in enumerate(raws):
        path = ("baselines", i)
        if raw["key"] in found:
            ctx.problem((*path, "key"), f"the baseline key '{raw['key']}' is used twice", "give each baseline its own key")
        areas, keys = [], set()
        for a, area in enumerate(raw["areas"]):
            if area["key"] in keys:
                ctx.problem((*path, "areas", a, "key"), f"the area key '{area['key']}' is used twice", "give each area its own key")
            keys.add(area["key"])
            text = area.get("text")
            areas.append(
                Area(
                    key=area["key"],
                    title=area["title"],
                    summary=area["summary"],
                    provenance=ctx.provenance(area["source"], (*path, "areas", a, "source")),
                    baseline=raw["key"],
                    note=area.get("note"),
                    text=AreaText(
                        provenance=ctx.provenance(text["source"], (*path, "areas", a, "text", "source")),
                        paragraphs=tuple(text.get("paragraphs", ())),
                        lead_in=text.get("lead_in"),
                        points=tuple(text.get("points", ())),
                        cut=text.get("cut"),
                    )
                    if text
                    else None,
                )
            )
        found[raw["key"]] = Baseline(
            key=raw["key"],
            title=raw["title"],
            short_title=raw["short_title"],
            provenance=ctx.provenance(raw["source"], (*path, "source")),
            areas=tuple(areas),
            published=raw.get("published"),
            official=ctx.optional_provenance(raw.get("official"), (*path, "official")),
            length=length(raw.get("length"), (*path, "length"), ctx),
            applies_until=raw.get("applies_until"),
            applies_until_provenance=ctx.optional_provenance(raw.get("applies_until_source"), (*path, "applies_until_source")),
        )
    return found


def crosswalk(raw: dict[str, Any], path: PathT, ctx: Context, baselines_: dict[str, Baseline], editions: dict[str, Edition]) -> Crosswalk:
    """Check that every link resolves and that both sides are fully accounted for."""
    target = editions.get(raw["to"])
    if target is None:
        ctx.problem((*path, "to"), f"no edition has the key '{raw['to']}'", "use one of: " + ", ".join(editions))
    older = editions.get(raw["from"])
    if raw["from"] in baselines_:
        names = {area.key: area.title for area in baselines_[raw["from"]].areas}
        required = list(names)
        what = f"area of '{raw['from']}'"
    elif older is not None:
        names = {k: "" for k in older.ids}
        required = [o.id for o in older.outcomes]
        what = f"ID of edition '{raw['from']}'"
    else:
        ctx.problem(
            (*path, "from"), f"no baseline or edition has the key '{raw['from']}'", "use one of: " + ", ".join([*baselines_, *editions])
        )
        names, required, what = {}, [], "source"
    targets = target.ids if target else {}

    def check_source(value: str, where: PathT) -> None:
        if names and value not in names:
            ctx.problem(where, f"'{value}' is not an {what}", "use one of: " + ", ".join(names))

    def check_target(value: str, where: PathT) -> None:
        if target and value not in targets:
            ctx.problem(
                where, f"'{value}' is not an ID of edition '{target.key}'", "check the ID against the edition's outcomes and statements"
            )

    links, seen = [], set()
    for i, link in enumerate(raw["links"]):
        lpath = (*path, "links", i)
        check_source(link["from"], (*lpath, "from"))
        check_target(link["to"], (*lpath, "to"))
        if (link["from"], link["to"]) in seen:
            ctx.problem(lpath, f"the link {link['from']} → {link['to']} is listed twice", "keep one of them")
        seen.add((link["from"], link["to"]))
        links.append(Link(link["from"], link["to"], link["type"], link["rationale"]))
    thinner = []
    for i, item in enumerate(raw.get("thinner", [])):
        tpath = (*path, "thinner", i)
        check_source(item["from"], (*tpath, "from"))
        provs = tuple(ctx.provenance(p, (*tpath, "sources", j)) for j, p in enumerate(item.get("sources", [])))
        thinner.append(Thinner(item["from"], item["note"], provs))
    new = []
    for i, item in enumerate(raw.get("new", [])):
        npath = (*path, "new", i)
        check_target(item["id"], (*npath, "id"))
        new.append(NewItem(item["id"], item["note"], ctx.optional_provenance(item.get("source"), (*npath, "source"))))
    changes: tuple[IdChange, ...] = ()
    if raw.get("ids"):
        if older is None:
            ctx.problem(
                (*path, "ids"), "'ids' says what became of an edition's IDs, but this crosswalk starts from a baseline", "delete 'ids' here"
            )
        elif target is not None:
            changes = _id_changes(raw["ids"], (*path, "ids"), ctx, older, target)
    elif older is not None and target is not None:
        _guard(older, target, {}, (*path, "ids"), ctx)

    # Both sides accounted for. Between editions, an outcome kept under its own ID, or declared
    # under ids, is accounted for without a link.
    kept = {o.id for o in older.outcomes if o.id in targets} if older else set()
    declared = {c.source for c in changes}
    accounted = {link.source for link in links} | {ids.parent_outcome(link.source) for link in links} | {t.source for t in thinner}
    noun = "area" if raw["from"] in baselines_ else "outcome"
    for key in required:
        if key not in accounted | kept | declared:
            ctx.problem(
                (*path, "links"),
                f"the {noun} '{key}' has no link and no 'thinner' entry",
                f"add a link from '{key}' to the outcomes that carry it, or a thinner entry saying it has no clear home",
            )
    if target:
        new_ids = {n.id for n in new}
        arrived = {t for c in changes for t in c.targets} | (kept if older else set())
        for outcome in target.outcomes:
            linked = any(ids.parent_outcome(link.target) == outcome.id for link in links) or outcome.id in arrived
            if linked and outcome.id in new_ids:
                ctx.problem(
                    (*path, "new"),
                    f"outcome {outcome.id} is listed as new but has a link",
                    f"delete its new entry, or the link to {outcome.id}",
                )
            elif not linked and outcome.id not in new_ids:
                ctx.problem(
                    (*path, "new"),
                    f"outcome {outcome.id} has no ancestor and is not listed as new",
                    f"add a link to {outcome.id}, or a new entry for it with a note",
                )
    return Crosswalk(raw["key"], raw["from"], raw["to"], raw["basis"], tuple(links), tuple(thinner), tuple(new), changes)


def _id_changes(raws: list[dict[str, Any]], path: PathT, ctx: Context, older: Edition, newer: Edition) -> tuple[IdChange, ...]:
    found: dict[str, IdChange] = {}
    merges: dict[str, list[str]] = {}
    for i, raw in enumerate(raws):
        epath = (*path, i)
        source, change = raw["from"], raw["change"]
        targets = tuple(raw.get("to", ()))
        if source not in older.ids and not unrecorded_in(older, source):
            ctx.problem(
                (*epath, "from"),
                f"'{source}' is not an ID of edition '{older.key}'",
                "name an ID the older edition has, or a statement of one of its outcomes whose statements are not all recorded here",
            )
        if source in found:
            ctx.problem((*epath, "from"), f"what became of '{source}' is said twice", "keep one entry for it")
        for j, t in enumerate(targets):
            if t not in newer.ids:
                ctx.problem((*epath, "to", j), f"'{t}' is not an ID of edition '{newer.key}'", "name an ID the newer edition has")
        if change == "reworded" and not targets:
            targets = (source,)
        if change in CHANGES_WITHOUT_TARGET and targets:
            ctx.problem(
                (*epath, "to"),
                f"a {change} ID has no successor, but 'to' names {', '.join(targets)}",
                f"delete 'to', or use another change than {change}",
            )
        elif change in CHANGES_WITH_ONE_TARGET and len(targets) != 1:
            ctx.problem((*epath, "to"), f"{change} needs exactly one ID under 'to'", "name the one ID of the newer edition that carries it")
        elif change == "split" and len(targets) < 2:
            ctx.problem(
                (*epath, "to"), "split needs two or more IDs under 'to'", "name every ID it was split into, or use renumbered or moved"
            )
        elif change == "reworded" and targets != (source,):
            ctx.problem(
                (*epath, "to"), f"reworded keeps the ID: 'to' must be {source} (or left out)", "use renumbered or moved when the ID changes"
            )
        elif change == "renumbered" and targets and ids.is_id(targets[0]) and _parent(targets[0]) != _parent(source):
            ctx.problem((*epath, "change"), f"{source} → {targets[0]} changes its outcome or domain, which is a move", "use change: moved")
        elif change == "moved" and targets and ids.is_id(targets[0]) and _parent(targets[0]) == _parent(source):
            ctx.problem(
                (*epath, "change"), f"{source} → {targets[0]} stays in the same place, which is a renumbering", "use change: renumbered"
            )
        elif change == "reworded" and source in newer.ids and source in older.ids and words(newer.ids[source]) == words(older.ids[source]):
            ctx.problem((*epath, "change"), f"{source} has the same words in both editions, so it was not reworded", "delete this entry")
        if change == "merged" and targets:
            merges.setdefault(targets[0], []).append(source)
        found.setdefault(
            source, IdChange(source, change, raw["rationale"], targets, ctx.optional_provenance(raw.get("source"), (*epath, "source")))
        )
    for target, sources in merges.items():
        if len(sources) < 2:
            where = next(i for i, raw in enumerate(raws) if raw["from"] == sources[0])
            ctx.problem(
                (*path, where, "change"),
                f"{sources[0]} is the only ID merged into {target}",
                f"list every ID merged into {target}, or use renumbered or moved",
            )
    _guard(older, newer, found, path, ctx)
    return tuple(found.values())


def _parent(item_id: str) -> str:
    """An outcome's domain, or a statement's outcome."""
    kind = ids.kind_of(item_id)
    return ids.parent_outcome(item_id) if kind == "statement" else ids.parent_domain(item_id) if kind == "outcome" else ""


def _guard(older: Edition, newer: Edition, declared: dict[str, IdChange], path: PathT, ctx: Context) -> None:
    """Every ID of the older edition keeps its words in the newer one, or what became of it is declared."""
    for item_id, item in older.ids.items():
        if item_id in declared:
            continue
        if item_id not in newer.ids:
            ctx.problem(
                path,
                f"{item_id} of edition '{older.key}' ({ctx.where_is(older.key, item_id)}) is not in edition '{newer.key}'",
                f"say what became of {item_id} under ids here: renumbered, moved, split, merged, withdrawn, or not-recorded "
                "(when our sources do not say)",
            )
        elif words(newer.ids[item_id]) != words(item):
            ctx.problem(
                path,
                f"{item_id} has other words in edition '{newer.key}' ({ctx.where_is(newer.key, item_id)}) than in edition "
                f"'{older.key}' ({ctx.where_is(older.key, item_id)})",
                f"declare it under ids here: reworded (the same statement in new words), or what became of the old {item_id} "
                "if the newer edition uses the number for something else",
            )


def editions_in_order(editions: dict[str, Edition], crosswalks: tuple[Crosswalk, ...], ctx: Context) -> None:
    """Each edition but the last has a crosswalk to the next, so every older ID is accounted for."""
    keys = list(editions)
    walks = {(c.source, c.target) for c in crosswalks}
    for older, newer in itertools.pairwise(keys):
        if (older, newer) not in walks:
            ctx.problem(
                ("crosswalks",),
                f"no crosswalk from edition '{older}' to the next one, '{newer}'",
                f"add a crosswalk with from: {older} and to: {newer}, saying under ids what became of each changed ID",
            )
