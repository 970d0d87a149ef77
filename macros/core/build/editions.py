"""Editions, their domains, outcomes and statements: IDs unique, in order and under the right parent."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from macros.core import ids
from macros.core.build.context import Context
from macros.core.model import Domain, Edition, Length, Meaning, Outcome, Statement, StatementCounts, Status, Supersession
from macros.core.problems import PathT


def statuses(raws: list[dict[str, Any]], ctx: Context) -> dict[str, Status]:
    found: dict[str, Status] = {}
    for i, raw in enumerate(raws):
        if raw["key"] in found:
            ctx.problem(("statuses", i, "key"), f"the status '{raw['key']}' is listed twice", "keep one entry for it")
        found[raw["key"]] = Status(raw["key"], raw["label"], raw["meaning"])
    return found


def length(raw: dict[str, Any] | None, path: PathT, ctx: Context) -> Length | None:
    if not raw:
        return None
    return Length(raw["pages"], ctx.provenance(raw["source"], (*path, "source")))


def edition(raw: dict[str, Any], path: PathT, ctx: Context, known: dict[str, Status]) -> Edition:
    key = raw["key"]
    seen: dict[str, PathT] = {}
    domains = []
    for d, raw_domain in enumerate(raw["domains"]):
        dpath = (*path, "domains", d)
        expected = str(d + 1)
        if raw_domain["id"] != expected:
            ctx.problem(
                (*dpath, "id"),
                f"domain {raw_domain['id']} is in position {expected}",
                f'number domains 1, 2, 3 … in order: this one should be "{expected}", or move it',
            )
        domains.append(_domain(raw_domain, dpath, ctx, seen, key))
    for item_id, item_path in seen.items():
        ctx.places[(key, item_id)] = item_path
    status = known.get(raw["status"])
    if status is None:
        ctx.problem((*path, "status"), f"no status has the key '{raw['status']}'", "use one of: " + ", ".join(known))
        status = Status(raw["status"], raw["status"], raw["status"])
    meanings = {
        kind: Meaning(m["text"], ctx.provenance(m["source"], (*path, "meanings", kind, "source")))
        for kind, m in raw.get("meanings", {}).items()
    }
    sup_raw = raw.get("superseded_by")
    sup = None
    if sup_raw and "edition" not in sup_raw:  # {edition: KEY} is filled in from that edition by supersessions()
        sup = Supersession(
            title=sup_raw["title"],
            published=sup_raw["published"],
            applies_from=sup_raw.get("applies_from"),
            provenance=ctx.provenance(sup_raw["source"], (*path, "superseded_by", "source")),
        )
    return Edition(
        key=key,
        title=raw["title"],
        short_title=raw["short_title"],
        status=status.key,
        status_label=status.label,
        status_meaning=status.meaning,
        published=raw["published"],
        licence=raw["licence"],
        provenance=ctx.provenance(raw["source"], (*path, "source")),
        domains=tuple(domains),
        consultation_closes=raw.get("consultation_closes"),
        applies_from=raw.get("applies_from"),
        copyright=raw.get("copyright"),
        superseded_by=sup,
        meanings=meanings,
        length=length(raw.get("length"), (*path, "length"), ctx),
        statement_counts=_counts(raw.get("statement_counts"), (*path, "statement_counts"), ctx, domains),
    )


def supersessions(raws: list[dict[str, Any]], found: dict[str, Edition], ctx: Context) -> dict[str, Edition]:
    """The editions with what superseded each, checked against their order: an edition that another follows in
    the file is superseded by it, named by its key alone, and the title and dates come from that edition."""
    keys = list(found)
    first: dict[str, int] = {}
    for i, raw in enumerate(raws):
        first.setdefault(raw["key"], i)
    out = dict(found)
    for key, i in first.items():
        raw = raws[i]
        place = keys.index(key)
        after = keys[place + 1] if place + 1 < len(keys) else None
        named = (raw.get("superseded_by") or {}).get("edition")
        path: PathT = ("editions", i, "superseded_by")
        if named is not None:
            if named not in found:
                ctx.problem(
                    (*path, "edition"), f"no edition has the key '{named}'", "use one of: " + ", ".join(k for k in keys if k != key)
                )
            elif named != after:
                ctx.problem(
                    (*path, "edition"),
                    f"edition '{key}' is followed in this file by {repr(after) if after else 'no edition'}, not by '{named}'",
                    "keep the editions in order, oldest first, and name the next one here",
                )
            else:
                newer = found[named]
                sup = Supersession(newer.title, newer.published, newer.provenance, newer.applies_from, newer.key)
                out[key] = dataclasses.replace(found[key], superseded_by=sup)
        elif after is not None:
            ctx.problem(
                path if raw.get("superseded_by") else ("editions", i),
                f"edition '{after}' follows '{key}' in this file, so it supersedes it",
                f"write superseded_by: {{edition: {after}}} here (its title and dates then come from that edition)",
            )
    return out


def _counts(raw: dict[str, Any] | None, path: PathT, ctx: Context, domains: list[Domain]) -> StatementCounts | None:
    if not raw:
        return None
    for kind in ("knows", "does"):
        recorded = sum(1 for d in domains for s in d.statements if s.kind == kind)
        if raw.get(kind) is not None and raw[kind] < recorded:
            ctx.problem(
                (*path, kind),
                f"the edition has {raw[kind]} {kind} statements in all, this says, but {recorded} are recorded here",
                f"check the count against its source, and the {kind} statements recorded",
            )
    return StatementCounts(ctx.provenance(raw["source"], (*path, "source")), raw.get("knows"), raw.get("does"))


def _sic(raw: dict[str, Any], path: PathT, ctx: Context) -> tuple[str, ...]:
    """Words marked as a slip in the source must be words of the text."""
    found = tuple(raw.get("sic", ()))
    text = " ".join(str(raw.get("text", "")).split())
    for i, words in enumerate(found):
        if " ".join(words.split()) not in text:
            ctx.problem((*path, "sic", i), f"'{words}' is not in the text", "copy the words exactly as the text has them")
    return found


def _unique(item_id: str, path: PathT, ctx: Context, seen: dict[str, PathT]) -> None:
    if item_id in seen:
        ctx.problem(
            (*path, "id"),
            f"the ID '{item_id}' is already used at line {ctx.line(seen[item_id])}",
            "IDs are unique within an edition: correct the number, or delete the duplicate",
        )
    else:
        seen[item_id] = path


def _domain(raw: dict[str, Any], path: PathT, ctx: Context, seen: dict[str, PathT], edition: str) -> Domain:
    _unique(raw["id"], path, ctx, seen)
    outcomes = []
    for o, raw_outcome in enumerate(raw["outcomes"]):
        opath = (*path, "outcomes", o)
        oid = raw_outcome["id"]
        if ids.parent_domain(oid) != raw["id"]:
            ctx.problem(
                (*opath, "id"),
                f"outcome {oid} is listed under domain {raw['id']}",
                f"an outcome of domain {raw['id']} is numbered {raw['id']}.N: renumber it or move it to domain {ids.parent_domain(oid)}",
            )
        outcomes.append(_outcome(raw_outcome, opath, ctx, seen, raw["id"], edition))
    ordered = [o.id for o in outcomes]
    if ordered != sorted(ordered, key=ids.sort_key):
        ctx.problem(
            (*path, "outcomes"),
            f"the outcomes of domain {raw['id']} are not in numerical order",
            "list them in order: " + ", ".join(sorted(ordered, key=ids.sort_key)),
        )
    return Domain(
        id=raw["id"],
        title=raw["title"],
        summary=raw["summary"],
        provenance=ctx.provenance(raw["source"], (*path, "source")),
        outcomes=tuple(outcomes),
        edition=edition,
        note=raw.get("note"),
    )


def _outcome(raw: dict[str, Any], path: PathT, ctx: Context, seen: dict[str, PathT], domain_id: str, edition: str) -> Outcome:
    _unique(raw["id"], path, ctx, seen)
    statements = []
    keys: set[str] = set()
    for s, raw_st in enumerate(raw.get("statements", [])):
        statements.append(_statement(raw_st, (*path, "statements", s), ctx, seen, raw["id"], keys, edition))
    coverage = raw["coverage"]
    if coverage == "none" and statements:
        ctx.problem(
            (*path, "coverage"),
            f"coverage is 'none' but {len(statements)} statement(s) are recorded",
            "set coverage: partial (or complete, if every official statement is here)",
        )
    if coverage != "none" and not statements:
        ctx.problem(
            (*path, "coverage"), f"coverage is '{coverage}' but no statements are recorded", "set coverage: none, or add the statements"
        )
    numbered = sorted((st for st in statements if st.id), key=lambda st: ids.sort_key(st.id or ""))
    if [st.id for st in statements if st.id] != [st.id for st in numbered]:
        ctx.problem(
            (*path, "statements"),
            f"the numbered statements of outcome {raw['id']} are not in order",
            "list them knows first, then does, each by number: " + ", ".join(st.id or "" for st in numbered),
        )
    return Outcome(
        id=raw["id"],
        text=raw["text"],
        provenance=ctx.provenance(raw["source"], (*path, "source")),
        coverage=coverage,
        domain_id=domain_id,
        edition=edition,
        statements=tuple(statements),
        note=raw.get("note"),
        sic=_sic(raw, path, ctx),
    )


def _statement(
    raw: dict[str, Any], path: PathT, ctx: Context, seen: dict[str, PathT], outcome_id: str, keys: set[str], edition: str
) -> Statement:
    sid, key = raw.get("id"), raw.get("key")
    if sid and key:
        ctx.problem(path, "a statement has both an id and a key", "keep the id (the official number) and delete the key")
    elif not sid and not key:
        ctx.problem(
            path,
            "a statement has neither an id nor a key",
            "add the id the source prints (e.g. id: 3.2 D2); if the source gives no number, add a key (a short slug) instead",
        )
    if sid:
        _unique(sid, path, ctx, seen)
        if ids.parent_outcome(sid) != outcome_id:
            ctx.problem(
                (*path, "id"),
                f"statement {sid} is listed under outcome {outcome_id}",
                f"a statement of outcome {outcome_id} is numbered {outcome_id} K… or {outcome_id} D…: "
                f"renumber it or move it to outcome {ids.parent_outcome(sid)}",
            )
        letter = sid.split(" ")[1][0]
        if ids.LETTER_KIND[letter] != raw["kind"]:
            ctx.problem(
                (*path, "kind"),
                f"statement {sid} has kind '{raw['kind']}' but its letter {letter} means '{ids.LETTER_KIND[letter]}'",
                f"set kind: {ids.LETTER_KIND[letter]}, or correct the ID",
            )
    if key:
        if key in keys:
            ctx.problem(
                (*path, "key"), f"the key '{key}' is used twice in outcome {outcome_id}", "give each unnumbered statement its own key"
            )
        keys.add(key)
        taken = key in ids.OUTCOME_SECTIONS or key in ctx.crosswalk_keys or re.fullmatch(r"[kd][0-9]+", key)
        if taken:
            what = "a statement's number" if key[0] in "kd" and key[1:].isdigit() else "a section of the outcome's page"
            ctx.problem(
                (*path, "key"),
                f"the key '{key}' would give this statement the anchor {ids.section_anchor(outcome_id, key)}, which is {what}'s",
                "choose another key (a few words of the statement, e.g. triangulating-is-necessary)",
            )
    return Statement(
        kind=raw["kind"],
        text=raw["text"],
        provenance=ctx.provenance(raw["source"], (*path, "source")),
        outcome_id=outcome_id,
        edition=edition,
        id=sid,
        key=key,
        note=raw.get("note"),
        sic=_sic(raw, path, ctx),
    )
