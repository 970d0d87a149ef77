"""The whole framework as downloadable files, published with the site under exports/.

* ``exports/pqs.json``: the current edition, domains → outcomes → statements, each with
  its source and permalink path; described by ``exports/pqs-export.schema.json``.
* ``exports/pqs-statements.csv``: one row per recorded statement.

Paths in both files are relative to the site's address (``id/3.2-D2/``). The
browser checker (docs/check.md) reads pqs.json, so it is always in step with
the data. Bump :data:`SCHEMA_VERSION` when a field is renamed or removed (adding
one is not a change of version); docs/downloads.md says the same to readers.
"""

from __future__ import annotations

import csv
import io
import json

from macros import pages
from macros.core.model import Domain, Edition, Framework, Outcome, Provenance, Source, Statement

SCHEMA_VERSION = 1
JSON_PATH = "exports/pqs.json"
CSV_PATH = "exports/pqs-statements.csv"
SCHEMA_PATH = "exports/pqs-export.schema.json"
LICENCE = {
    "name": "Open Government Licence v3.0",
    "id": "OGL-3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."

CSV_COLUMNS = [
    "edition",
    "domain_id",
    "domain_title",
    "outcome_id",
    "outcome_text",
    "kind",
    "id",
    "key",
    "text",
    "source_title",
    "source_location",
    "permalink",
]


def _provenance(prov: Provenance) -> dict:
    return {"source": prov.source.key, "at": prov.at}


def _source(src: Source) -> dict:
    return {
        "key": src.key,
        "title": src.title,
        "publisher": src.publisher,
        "published": src.published,
        "official": src.official,
        "licence": src.licence,
        "url": src.url,
        "reference": src.reference,
    }


def _statement(s: Statement) -> dict:
    return {
        "id": s.id,
        "key": s.key,
        "kind": s.kind,
        "text": s.text,
        "note": s.note,
        "anchor": s.anchor,
        "page": pages.url_of(s),
        "permalink": pages.permalink_path(s.id) if s.id else None,
        "provenance": _provenance(s.provenance),
    }


def _outcome(o: Outcome) -> dict:
    return {
        "id": o.id,
        "text": o.text,
        "coverage": o.coverage,
        "note": o.note,
        "page": pages.url_of(o),
        "permalink": pages.permalink_path(o.id),
        "provenance": _provenance(o.provenance),
        "statements": [_statement(s) for s in o.statements],
    }


def _domain(d: Domain) -> dict:
    return {
        "id": d.id,
        "title": d.title,
        "summary": d.summary,
        "note": d.note,
        "page": pages.url_of(d),
        "permalink": pages.permalink_path(d.id),
        "provenance": _provenance(d.provenance),
        "outcomes": [_outcome(o) for o in d.outcomes],
    }


def _edition(e: Edition) -> dict:
    sup = e.superseded_by
    return {
        "key": e.key,
        "title": e.title,
        "short_title": e.short_title,
        "status": e.status,
        "published": e.published,
        "consultation_closes": e.consultation_closes,
        "applies_from": e.applies_from,
        "copyright": e.copyright,
        "licence": e.licence,
        "publisher": e.provenance.source.publisher,
        "provenance": _provenance(e.provenance),
        "meanings": {kind: {"text": m.text, "provenance": _provenance(m.provenance)} for kind, m in e.meanings.items()},
        "superseded_by": None
        if sup is None
        else {
            "title": sup.title,
            "published": sup.published,
            "applies_from": sup.applies_from,
            "edition": sup.edition,
            "provenance": _provenance(sup.provenance),
        },
        "counts": {
            "domains": len(e.domains),
            "outcomes": len(e.outcomes),
            "statements": len(e.statements),
            "numbered_statements": sum(1 for s in e.statements if s.id),
        },
    }


def export_data(fw: Framework) -> dict:
    """The export as Python data (what pqs.json holds)."""
    edition = fw.current
    used = {fw.current.provenance.source.key}
    for d in edition.domains:
        used.add(d.provenance.source.key)
        for o in d.outcomes:
            used.add(o.provenance.source.key)
            used.update(s.provenance.source.key for s in o.statements)
    used.update(m.provenance.source.key for m in edition.meanings.values())
    if edition.superseded_by:
        used.add(edition.superseded_by.provenance.source.key)
    return {
        "$schema": "pqs-export.schema.json",
        "schema_version": SCHEMA_VERSION,
        "edition": _edition(edition),
        "generated_from": pages.DATA_FILE,
        "licence": {**LICENCE, "attribution": ATTRIBUTION, "copyright": edition.copyright},
        "paths": "Every page and permalink path is relative to the site's address.",
        "sources": [_source(s) for s in fw.sources.values() if s.key in used],
        "domains": [_domain(d) for d in edition.domains],
        "retired_ids": [
            {"id": r.id, "edition": r.edition, "status": r.status, "to": r.to, "note": r.note, "permalink": pages.permalink_path(r.id)}
            for r in fw.retired
        ],
    }


def export_json(fw: Framework) -> str:
    return json.dumps(export_data(fw), ensure_ascii=False, indent=1) + "\n"


def statement_rows(fw: Framework) -> list[dict[str, str]]:
    edition = fw.current
    rows = []
    for d in edition.domains:
        for o in d.outcomes:
            for s in o.statements:
                rows.append(
                    {
                        "edition": edition.key,
                        "domain_id": d.id,
                        "domain_title": d.title,
                        "outcome_id": o.id,
                        "outcome_text": o.text,
                        "kind": s.kind,
                        "id": s.id or "",
                        "key": s.key or "",
                        "text": " ".join(s.text.split()),
                        "source_title": s.provenance.source.title,
                        "source_location": s.provenance.at,
                        "permalink": pages.permalink_path(s.id) if s.id else pages.url_of(s),
                    }
                )
    return rows


def statements_csv(fw: Framework) -> str:
    """UTF-8 CSV with a byte-order mark, so that spreadsheet programs show curly quotes correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(statement_rows(fw))
    return "\ufeff" + buffer.getvalue()


# -- JSON Schema of pqs.json -----------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}
_OPT_TEXT = {"type": ["string", "null"]}
_PATH = {"type": "string", "pattern": "^[^/].*/(#.+)?$"}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_OPT_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_PROVENANCE = {
    "type": "object",
    "description": "Where the text was taken from: the key of an entry in sources, and where in it.",
    "required": ["source", "at"],
    "additionalProperties": False,
    "properties": {"source": _TEXT, "at": _TEXT},
}


def _obj(props: dict, description: str = "") -> dict:
    out = {"type": "object", "required": list(props), "additionalProperties": False, "properties": props}
    if description:
        out["description"] = description
    return out


def export_schema() -> dict:
    statement = _obj(
        {
            "id": {
                "type": ["string", "null"],
                "pattern": r"^[1-9][0-9]*\.[1-9][0-9]* [KD][1-9][0-9]*$",
                "description": "Official ID, or null when the sources quote the statement without one.",
            },
            "key": {"type": ["string", "null"], "description": "Our slug for a statement without an official ID, else null."},
            "kind": {"enum": ["knows", "does"]},
            "text": {**_TEXT, "description": "Verbatim, as in the source."},
            "note": _OPT_TEXT,
            "anchor": _TEXT,
            "page": {**_PATH, "description": "The statement on its outcome page, e.g. outcomes/3.2/#3.2-D2."},
            "permalink": {
                "type": ["string", "null"],
                "pattern": "^id/.+/$",
                "description": "Short permalink, e.g. id/3.2-D2/; null for unnumbered statements.",
            },
            "provenance": _PROVENANCE,
        },
        "A knows or does statement.",
    )
    outcome = _obj(
        {
            "id": {"type": "string", "pattern": r"^[1-9][0-9]*\.[1-9][0-9]*$"},
            "text": {**_TEXT, "description": "Verbatim, as in the source."},
            "coverage": {
                "enum": ["none", "partial", "complete"],
                "description": "How much of the official list of statements is recorded.",
            },
            "note": _OPT_TEXT,
            "page": _PATH,
            "permalink": {"type": "string", "pattern": "^id/.+/$"},
            "provenance": _PROVENANCE,
            "statements": {"type": "array", "items": statement},
        }
    )
    domain = _obj(
        {
            "id": {"type": "string", "pattern": r"^[1-9][0-9]*$"},
            "title": {**_TEXT, "description": "Verbatim, as in the source."},
            "summary": {**_TEXT, "description": "Our own words, not the standards text."},
            "note": _OPT_TEXT,
            "page": _PATH,
            "permalink": {"type": "string", "pattern": "^id/.+/$"},
            "provenance": _PROVENANCE,
            "outcomes": {"type": "array", "minItems": 1, "items": outcome},
        }
    )
    meaning = _obj({"text": _TEXT, "provenance": _PROVENANCE})
    edition = _obj(
        {
            "key": _TEXT,
            "title": _TEXT,
            "short_title": _TEXT,
            "status": {"enum": ["consultation-draft", "final"]},
            "published": _DATE,
            "consultation_closes": _OPT_DATE,
            "applies_from": _OPT_DATE,
            "copyright": _OPT_TEXT,
            "licence": _TEXT,
            "publisher": _TEXT,
            "provenance": _PROVENANCE,
            "meanings": {"type": "object", "additionalProperties": False, "properties": {"knows": meaning, "does": meaning}},
            "superseded_by": {
                "oneOf": [
                    {"type": "null"},
                    _obj({"title": _TEXT, "published": _DATE, "applies_from": _OPT_DATE, "edition": _OPT_TEXT, "provenance": _PROVENANCE}),
                ]
            },
            "counts": _obj({k: {"type": "integer", "minimum": 0} for k in ("domains", "outcomes", "statements", "numbered_statements")}),
        },
        "The edition this file holds: the one the site presents.",
    )
    source = _obj(
        {
            "key": _TEXT,
            "title": _TEXT,
            "publisher": _TEXT,
            "published": _OPT_DATE,
            "official": {"type": "boolean", "description": "Published by the Department for Education."},
            "licence": _OPT_TEXT,
            "url": {"type": ["string", "null"], "pattern": "^https://"},
            "reference": _OPT_TEXT,
        }
    )
    retired = _obj(
        {
            "id": _TEXT,
            "edition": _TEXT,
            "status": {"enum": ["moved", "withdrawn"]},
            "to": _OPT_TEXT,
            "note": _TEXT,
            "permalink": {"type": "string", "pattern": "^id/.+/$"},
        }
    )
    schema = _obj(
        {
            "$schema": {"type": "string"},
            "schema_version": {
                "const": SCHEMA_VERSION,
                "description": "The version of this file's format; it changes when a field is renamed or removed.",
            },
            "edition": edition,
            "generated_from": _TEXT,
            "licence": _obj({"name": _TEXT, "id": _TEXT, "url": _TEXT, "attribution": _TEXT, "copyright": _OPT_TEXT}),
            "paths": _TEXT,
            "sources": {"type": "array", "items": source},
            "domains": {"type": "array", "minItems": 1, "items": domain},
            "retired_ids": {"type": "array", "items": retired},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"PQS reference site: export of the standards (format version {SCHEMA_VERSION})",
        "description": "The post-qualifying standards for child and family social workers, as published in exports/pqs.json.",
        **schema,
    }


def schema_json() -> str:
    return json.dumps(export_schema(), ensure_ascii=False, indent=1) + "\n"


def files(fw: Framework, site_url: str | None = None) -> dict[str, str]:
    """Every export file the site publishes: path under the site -> content."""
    return {JSON_PATH: export_json(fw), CSV_PATH: statements_csv(fw), SCHEMA_PATH: schema_json()}
