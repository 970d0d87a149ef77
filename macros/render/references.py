"""References for reference managers, and every comparison as data.

For every edition, ``exports/<edition key>/references.ris`` and ``references.json`` (CSL-JSON) hold a
reference to every domain, outcome and statement with an ID: the edition, its publisher and date,
the ID, the document the words were quoted in where that is not the edition's own, and the
edition's permalink (which never changes meaning). The Cite button copies the same reference as
text (:func:`macros.render.context.citation`).

For every crosswalk, ``exports/changes/<key>.json`` says what changed, in the same groups the
comparison page shows: added, removed, reworded, renumbered, moved, split, merged, withdrawn, not
recorded, with each rationale; ``exports/changes.schema.json`` describes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any, TextIO

from macros import routes as routes_
from macros.core.diff import Comparison, compare
from macros.core.history import unrecorded_in, words
from macros.core.model import Crosswalk, Domain, Edition, Framework, Outcome, Provenance, Statement
from macros.render.files import Export

CHANGES_SCHEMA_VERSION = 2
RIS_NAME = "references.ris"
CSL_NAME = "references.json"

Item = Domain | Outcome | Statement


def _what(item: Item) -> str:
    if isinstance(item, Domain):
        return f"domain {item.id}"
    if isinstance(item, Outcome):
        return f"outcome {item.id}"
    return f"statement {item.id}"


def _quoted_in(item: Item, edition: Edition) -> str | None:
    src = item.provenance.source
    if src.key == edition.provenance.source.key:
        return None
    return f"As quoted in {src.publisher} ({(src.published or 'n.d.')[:4]}) {src.title}, {item.provenance.at}."


def _date_parts(value: str) -> list[int]:
    return [int(p) for p in value.split("-")]


def _url(routes: routes_.Routes, site_url: str | None, edition: Edition, item_id: str) -> str:
    path = routes.versioned(edition.key, item_id)
    return routes_.absolute(site_url, path) or path


def csl_json(fw: Framework, edition: Edition, site_url: str | None = None) -> str:
    """CSL-JSON: one item per ID of the edition, for Zotero, Mendeley and other reference managers."""
    routes = routes_.Routes(fw.current.key)
    publisher = edition.provenance.source.publisher
    items = []
    for item_id, item in edition.ids.items():
        entry: dict[str, Any] = {
            "id": f"pqs-{edition.key}-{item_id.replace(' ', '-')}",
            "type": "document",
            "title": f"{edition.title}, {_what(item)}",
            "author": [{"literal": publisher}],
            "publisher": publisher,
            "issued": {"date-parts": [_date_parts(edition.published)]},
            "status": edition.status_label,
            "URL": _url(routes, site_url, edition, item_id),
            "abstract": " ".join((item.title if isinstance(item, Domain) else item.text).split()),
        }
        quoted = _quoted_in(item, edition)
        if quoted:
            entry["note"] = quoted
        items.append(entry)
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _ris_value(value: str) -> str:
    """A RIS field is one line: whitespace (newlines included) becomes single spaces."""
    return " ".join(value.split())


def ris(fw: Framework, edition: Edition, site_url: str | None = None) -> str:
    """RIS: the same references, for EndNote, Zotero, Mendeley and most other reference managers."""
    routes = routes_.Routes(fw.current.key)
    publisher = edition.provenance.source.publisher
    year = edition.published.split("-")[0]
    date = edition.published.replace("-", "/")
    records = []
    for item_id, item in edition.ids.items():
        lines = [
            ("TY", "STAND"),
            ("TI", f"{edition.title}, {_what(item)}"),
            ("AU", publisher),
            ("PY", year),
            ("DA", date),
            ("PB", publisher),
            ("UR", _url(routes, site_url, edition, item_id)),
            ("AB", item.title if isinstance(item, Domain) else item.text),
        ]
        quoted = _quoted_in(item, edition)
        if quoted:
            lines.append(("N1", quoted))
        lines.append(("N1", f"Status: {edition.status_label}. ID: {item_id}."))
        records.append("".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines) + "ER  - \r\n")
    return "".join(records)


# -- the comparisons as data --------------------------------------------------------------


def _prov(prov: Provenance | None) -> dict[str, str] | None:
    return {"source": prov.source.key, "at": prov.at} if prov else None


def _side(fw: Framework, key: str) -> dict[str, str]:
    if key in fw.baselines:
        b = fw.baselines[key]
        return {"key": key, "kind": "baseline", "title": b.title, "short_title": b.short_title}
    e = fw.editions[key]
    return {"key": key, "kind": "edition", "title": e.title, "short_title": e.short_title, "status": e.status}


def changes_data(fw: Framework, comparison: Comparison) -> dict[str, Any]:
    cw = comparison.crosswalk
    groups: dict[str, list[dict[str, Any]]] = {
        "added": [],
        "removed": [],
        "thinner": [],
        "reworded": [],
        "renumbered": [],
        "moved": [],
        "split": [],
        "merged": [],
        "withdrawn": [],
        "not_recorded": [],
    }
    for item in cw.new:
        groups["added"].append({"id": item.id, "rationale": item.note, "provenance": _prov(item.provenance)})
    groups["added"] += _unannounced(fw, cw)
    linked = {link.source for link in comparison.links}
    for thin in cw.thinner:
        # An item with no clear home is removed when nothing carries it, thinner when something still carries part of it.
        group = "thinner" if thin.source in linked else "removed"
        groups[group].append({"from": thin.source, "rationale": thin.note, "provenance": [_prov(p) for p in thin.provenance]})
    for change in cw.changes:
        groups[change.change.replace("-", "_")].append(
            {"from": change.source, "to": list(change.targets), "rationale": change.rationale, "provenance": _prov(change.provenance)}
        )
    return {
        "$schema": routes_.Routes.changes_schema_ref(cw.key),
        "schema_version": CHANGES_SCHEMA_VERSION,
        "key": cw.key,
        "from": _side(fw, cw.source),
        "to": _side(fw, cw.target),
        "basis": " ".join(cw.basis.split()),
        "links": [
            {"from": link.source, "to": link.target, "type": link.type, "rationale": link.rationale, "stated": link in cw.links}
            for link in comparison.links
        ],
        "changes": groups,
    }


def _unannounced(fw: Framework, cw: Crosswalk) -> list[dict[str, Any]]:
    """Between two editions, the newer edition's IDs that carry nothing of the older one and are not new outcomes:
    a statement under a number the older edition used for something else (3.2 D2 given new words), or one
    under a number it did not have."""
    older, newer = fw.editions.get(cw.source), fw.editions.get(cw.target)
    if older is None or newer is None:
        return []
    listed = {n.id for n in cw.new}
    arrived = {t for c in cw.changes for t in c.targets}
    out = []
    for item_id, item in newer.ids.items():
        before = older.ids.get(item_id)
        if item_id in listed or item_id in arrived or (before is not None and words(before) == words(item)):
            continue
        if before is not None:
            why = f"New words under a number the {older.short_title} used for something else."
        elif unrecorded_in(older, item_id):
            why = f"Not carried from anything of the {older.short_title} that this site records; the {older.short_title}'s {item_id} is not recorded here."
        else:
            why = f"A number the {older.short_title} did not have."
        out.append({"id": item_id, "rationale": why, "provenance": None})
    return out


def changes_schema() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    prov = {
        "type": ["object", "null"],
        "required": ["source", "at"],
        "additionalProperties": False,
        "properties": {"source": text, "at": text},
    }
    entry = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "id": text,
            "from": text,
            "to": {"type": "array", "items": text},
            "rationale": text,
            "provenance": {"anyOf": [prov, {"type": "array", "items": prov}]},
        },
    }
    side = {
        "type": "object",
        "required": ["key", "kind", "title", "short_title"],
        "additionalProperties": False,
        "properties": {"key": text, "kind": {"enum": ["baseline", "edition"]}, "title": text, "short_title": text, "status": text},
    }
    groups = ("added", "removed", "thinner", "reworded", "renumbered", "moved", "split", "merged", "withdrawn", "not_recorded")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"PQS reference site: a comparison of two sets of standards (format version {CHANGES_SCHEMA_VERSION})",
        "description": "What changed from an earlier standard or edition to an edition, as published in exports/changes/<key>.json.",
        "type": "object",
        "required": ["$schema", "schema_version", "key", "from", "to", "basis", "links", "changes"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "schema_version": {"const": CHANGES_SCHEMA_VERSION},
            "key": text,
            "from": side,
            "to": side,
            "basis": {**text, "description": "What the comparison rests on, in our own words."},
            "links": {
                "type": "array",
                "description": "Each item of the older side and what carries it (stated: in the data; otherwise implied by an ID kept or changed).",
                "items": {
                    "type": "object",
                    "required": ["from", "to", "type", "rationale", "stated"],
                    "additionalProperties": False,
                    "properties": {
                        "from": text,
                        "to": text,
                        "type": {"enum": ["carried-over", "expanded", "narrowed"]},
                        "rationale": text,
                        "stated": {"type": "boolean"},
                    },
                },
            },
            "changes": {
                "type": "object",
                "required": list(groups),
                "additionalProperties": False,
                "properties": {g: {"type": "array", "items": entry} for g in groups},
            },
        },
    }


def _writer(make: Callable[[], str]) -> Callable[[TextIO], None]:
    """A file's writer from the function that makes its text."""

    def write(out: TextIO) -> None:
        out.write(make())

    return write


def _changes_json(fw: Framework, crosswalk: Crosswalk) -> str:
    return json.dumps(changes_data(fw, compare(fw, crosswalk)), ensure_ascii=False, indent=1) + "\n"


def _changes_schema_json() -> str:
    return json.dumps(changes_schema(), ensure_ascii=False, indent=1) + "\n"


def makers(fw: Framework, site_url: str | None = None) -> dict[str, Export]:
    """Every reference file and comparison file the site publishes, each made when the build reads or writes it:
    path -> :class:`~macros.render.files.Export` (a file published at several paths is made once)."""
    out: dict[str, Export] = {}
    for edition in fw.editions.values():
        kinds = {RIS_NAME: partial(ris, fw, edition, site_url), CSL_NAME: partial(csl_json, fw, edition, site_url)}
        for name, make in kinds.items():
            paths = dict.fromkeys([routes_.Routes.export(edition.key, name), routes_.Routes.export_first_name(edition.key, name)])
            if edition.key == fw.current.key:
                paths[routes_.Routes.export(None, name)] = None
            export = Export(_writer(make), uses=len(paths))
            for path in paths:
                out[path] = export
    for crosswalk in fw.crosswalks:
        out[routes_.Routes.changes_data(crosswalk.key)] = Export(_writer(partial(_changes_json, fw, crosswalk)))
    if fw.crosswalks:
        out[routes_.Routes.changes_schema()] = Export(_writer(_changes_schema_json))
    return out


def files(fw: Framework, site_url: str | None = None) -> dict[str, str]:
    """:func:`makers`' files as text: path -> content."""
    return {path: make() for path, make in makers(fw, site_url).items()}
