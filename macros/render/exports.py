"""The standards as downloadable files, published with the site under exports/, one set per edition.

For every edition in the data, in ``exports/<edition key>/`` (pinned: the
name never changes its meaning):

* ``pqs.json``: the edition, domains → outcomes → statements, each with its
  source, page and permalink; described by ``pqs-export.schema.json`` (a copy
  of which sits beside it, so that the relative ``$schema`` resolves).
* ``pqs-statements.csv``: one row per domain, outcome and recorded statement,
  in order, for spreadsheets.
* ``moodle-competency-framework.csv``: the edition as a Moodle competency
  framework (see :mod:`macros.render.moodle`).

The current edition's files are also published directly under ``exports/``
(the "current" aliases, which the site and the browser checker read), so the
alias and the pinned file of the current edition are identical.

Pages and permalinks are absolute when the site's address (mkdocs.yml
``site_url``, from ``$PQS_SITE_URL``) is known, and otherwise relative to it;
each file says which. Every edition has pages on the site (see :mod:`macros.routes`). Bump
:data:`SCHEMA_VERSION` when a field is renamed or removed (adding one is not a
change of version); docs/downloads.md says the same to readers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import TextIO

from macros.core import ids
from macros.core.history import histories
from macros.core.model import Domain, Edition, Framework, Outcome, Provenance, Source, Statement
from macros.render import moodle
from macros.render.files import ATTRIBUTION, DATA_FILE, LICENCE, Export, text_of
from macros.render.templating import format_date, md_text
from macros.routes import Links, Page, Routes, md_file_href

SCHEMA_VERSION = 2
JSON_NAME = "pqs.json"
CSV_NAME = "pqs-statements.csv"
MOODLE_NAME = "moodle-competency-framework.csv"
SCHEMA_NAME = "pqs-export.schema.json"
EDITION_NAMES = (JSON_NAME, CSV_NAME, MOODLE_NAME)

CSV_COLUMNS = [
    "edition",
    "level",
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
# A spreadsheet program runs a cell that starts with one of these as a formula
# (OWASP's list for CSV injection: the four operators, tab and carriage return).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _statement(s: Statement, links: Links) -> dict:
    return {
        "id": s.id,
        "key": s.key,
        "kind": s.kind,
        "text": s.text,
        "note": s.note,
        "anchor": s.anchor,
        "page": links.page(s),
        "permalink": links.permalink(s.id),
        "provenance": _provenance(s.provenance),
    }


def _outcome(o: Outcome, links: Links) -> dict:
    return {
        "id": o.id,
        "text": o.text,
        "coverage": o.coverage,
        "note": o.note,
        "page": links.page(o),
        "permalink": links.permalink(o.id),
        "provenance": _provenance(o.provenance),
        "statements": [_statement(s, links) for s in o.statements],
    }


def _domain(d: Domain, links: Links) -> dict:
    return {
        "id": d.id,
        "title": d.title,
        "summary": d.summary,
        "note": d.note,
        "page": links.page(d),
        "permalink": links.permalink(d.id),
        "provenance": _provenance(d.provenance),
        "outcomes": [_outcome(o, links) for o in d.outcomes],
    }


def _edition(e: Edition, current: bool) -> dict:
    sup = e.superseded_by
    return {
        "key": e.key,
        "title": e.title,
        "short_title": e.short_title,
        "status": e.status,
        "current": current,
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


def export_data(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> dict:
    """One edition's export as Python data (what its pqs.json holds); the current edition by default."""
    edition = edition or fw.current
    links = Links.of(fw, edition, site_url)
    used = {edition.provenance.source.key}
    for d in edition.domains:
        used.add(d.provenance.source.key)
        for o in d.outcomes:
            used.add(o.provenance.source.key)
            used.update(s.provenance.source.key for s in o.statements)
    used.update(m.provenance.source.key for m in edition.meanings.values())
    if edition.superseded_by:
        used.add(edition.superseded_by.provenance.source.key)
    return {
        "$schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "edition": _edition(edition, links.presented),
        "generated_from": DATA_FILE,
        "licence": {**LICENCE, "attribution": ATTRIBUTION, "copyright": edition.copyright},
        "paths": links.note(fw),
        "completeness": completeness(edition),
        "sources": [_source(s) for s in fw.sources.values() if s.key in used],
        "domains": [_domain(d, links) for d in edition.domains],
        "retired_ids": retired_ids(fw, edition, links),
    }


def write_json(out: TextIO, fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> None:
    json.dump(export_data(fw, edition, site_url), out, ensure_ascii=False, indent=1)  # in pieces, as json.dumps would join them
    out.write("\n")


def export_json(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> str:
    return text_of(partial(write_json, fw=fw, edition=edition, site_url=site_url))


def _flat(value: str) -> str:
    return " ".join(value.split())


def statement_rows(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> list[dict[str, str]]:
    """The rows of pqs-statements.csv, before spreadsheet formulas are neutralised: each domain, then
    each of its outcomes followed by the outcome's recorded statements, in the edition's order."""
    return list(_statement_rows(fw, edition or fw.current, site_url))


def _statement_rows(fw: Framework, edition: Edition, site_url: str | None) -> Iterator[dict[str, str]]:
    links = Links.of(fw, edition, site_url)

    def row(level: str, d: Domain, o: Outcome | None, item: Domain | Outcome | Statement, text: str, **extra: str) -> dict[str, str]:
        return {
            "edition": edition.key,
            "level": level,
            "domain_id": d.id,
            "domain_title": d.title,
            "outcome_id": o.id if o else "",
            "outcome_text": o.text if o else "",
            "kind": extra.get("kind", ""),
            "id": item.id or "",
            "key": extra.get("key", ""),
            "text": _flat(text),
            "source_title": item.provenance.source.title,
            "source_location": item.provenance.at,
            "permalink": links.best(item) or "",
        }

    for d in edition.domains:
        yield row("domain", d, None, d, d.title)
        for o in d.outcomes:
            yield row("outcome", d, o, o, o.text)
            for s in o.statements:
                yield row("statement", d, o, s, s.text, kind=s.kind, key=s.key or "")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet program shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_statements_csv(out: TextIO, fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> None:
    """UTF-8 CSV with a byte-order mark, so that spreadsheet programs show curly quotes correctly; written row by row."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in _statement_rows(fw, edition or fw.current, site_url))


def statements_csv(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> str:
    return text_of(partial(write_statements_csv, fw=fw, edition=edition, site_url=site_url))


# -- JSON Schema of pqs.json -----------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}
_OPT_TEXT = {"type": ["string", "null"]}
# A page: a path relative to the site's address, or an absolute address when the site's is known;
# null in the files of an edition the site does not present.
_PAGE = {"type": ["string", "null"], "pattern": "^(https?://[^/]+/)?[^/].*/(#.+)?$"}
# An edition's permalink (draft-2025/3.2-D2/), or a short one (id/3.2-D2/); absolute when the site's address is known.
_PERMALINK = {"type": "string", "pattern": "^(https?://[^/]+(/[^#]*)?/)?[a-z0-9]+(-[a-z0-9]+)*/[^/]+/$"}
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
                "pattern": f"^{ids.STATEMENT_PATTERN}$",
                "description": "Official ID, or null when the sources quote the statement without one.",
            },
            "key": {"type": ["string", "null"], "description": "Our slug for a statement without an official ID, else null."},
            "kind": {"enum": ["knows", "does"]},
            "text": {**_TEXT, "description": "Verbatim, as in the source."},
            "note": _OPT_TEXT,
            "anchor": _TEXT,
            "page": {**_PAGE, "description": "The statement on its outcome page, e.g. outcomes/3.2/#3.2-D2."},
            "permalink": {
                **_PERMALINK,
                "type": ["string", "null"],
                "description": "The edition's permalink, which never changes meaning, e.g. draft-2025/3.2-D2/; null for unnumbered statements.",
            },
            "provenance": _PROVENANCE,
        },
        "A knows or does statement.",
    )
    outcome = _obj(
        {
            "id": {"type": "string", "pattern": f"^{ids.OUTCOME_PATTERN}$"},
            "text": {**_TEXT, "description": "Verbatim, as in the source."},
            "coverage": {
                "enum": ["none", "partial", "complete"],
                "description": "How much of the official list of statements is recorded.",
            },
            "note": _OPT_TEXT,
            "page": _PAGE,
            "permalink": _PERMALINK,
            "provenance": _PROVENANCE,
            "statements": {"type": "array", "items": statement},
        }
    )
    domain = _obj(
        {
            "id": {"type": "string", "pattern": f"^{ids.DOMAIN_PATTERN}$"},
            "title": {**_TEXT, "description": "Verbatim, as in the source."},
            "summary": {**_TEXT, "description": "Our own words, not the standards text."},
            "note": _OPT_TEXT,
            "page": _PAGE,
            "permalink": _PERMALINK,
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
            "current": {"type": "boolean", "description": "True for the edition the site presents (the one its pages show)."},
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
        "The edition this file holds.",
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
            "status": {"enum": ["renumbered", "moved", "split", "merged", "withdrawn", "not-recorded"]},
            "to": {"type": "array", "items": _TEXT, "description": "Every ID of the later edition that carries it (none when withdrawn)."},
            "note": _TEXT,
            "permalink": _PERMALINK,
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
            "paths": {**_TEXT, "description": "Whether pages and permalinks are absolute or relative to the site's address."},
            "completeness": _obj(
                {"note": _TEXT, "official_document": {"type": ["string", "null"], "pattern": "^https://"}},
                "How much of the edition is recorded: an ID under one of its outcomes that the file does not list is not recorded here, not wrong.",
            ),
            "sources": {"type": "array", "items": source},
            "domains": {"type": "array", "minItems": 1, "items": domain},
            "retired_ids": {"type": "array", "items": retired},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"PQS reference site: export of the standards (format version {SCHEMA_VERSION})",
        "description": "One edition of the post-qualifying standards for child and family social workers, as published in exports/<edition>/pqs.json (and the current edition in exports/pqs.json).",
        **schema,
    }


def schema_json() -> str:
    return json.dumps(export_schema(), ensure_ascii=False, indent=1) + "\n"


def completeness(edition: Edition) -> dict[str, str | None]:
    """What the file does and does not hold, with where the full text is."""
    official = edition.provenance.source.url or (edition.superseded_by.provenance.source.url if edition.superseded_by else None)
    note = (
        "A knows or does statement is listed only where one of the site's sources quotes it (each outcome's coverage says how many). "
        "A statement ID under one of this edition's outcomes that is not listed here is not recorded here, not wrong: "
        "see the official document."
    )
    return {"note": note, "official_document": official}


def _write_schema(out: TextIO) -> None:
    out.write(schema_json())


def retired_ids(fw: Framework, edition: Edition, links: Links) -> list[dict]:
    """IDs whose meaning in an earlier edition this edition does not carry under them: renumbered, moved,
    split, merged, withdrawn or not recorded, with every ID it became (a reworded ID keeps its meaning)."""
    earlier = [e.key for e in fw.older(edition.key)]
    out = []
    for item_id, story in histories(fw).items():
        for appearance in story.appearances:
            change = appearance.went
            if appearance.edition.key not in earlier or change is None or change.change == "reworded":
                continue
            recorded = appearance.item is not None
            out.append(
                {
                    "id": item_id,
                    "edition": appearance.edition.key,
                    "status": change.change,
                    "to": list(change.targets),
                    "note": change.rationale,
                    "permalink": links.url(Routes.versioned(appearance.edition.key, item_id)) if recorded else links.short(item_id),
                }
            )
    return out


def editions_table(fw: Framework, from_src: str) -> str:
    """Markdown: one row per edition, with links to its pinned files (for the downloads page)."""
    here = Page(from_src)
    rows = ["| Edition | Status | Files |", "| --- | --- | --- |"]
    for e in fw.editions.values():
        title = md_text(e.title) + (" (the edition this site presents)" if e.key == fw.current.key else "")
        links = ", ".join(f"[{name}]({md_file_href(here, Routes.export(e.key, name))})" for name in EDITION_NAMES)
        rows.append(f"| {title} | {md_text(e.status_label)}, {format_date(e.published)} | `{Routes.exports(e.key)}`: {links} |")
    return "\n".join(rows) + "\n"


def edition_files(fw: Framework, edition: Edition, site_url: str | None = None) -> dict[str, str]:
    """One edition's files: file name -> content."""
    return {
        JSON_NAME: export_json(fw, edition, site_url),
        CSV_NAME: statements_csv(fw, edition, site_url),
        MOODLE_NAME: moodle.framework_csv(fw, edition, site_url),
        SCHEMA_NAME: schema_json(),
    }


def files(fw: Framework, site_url: str | None = None) -> dict[str, str]:
    """Every export file the site publishes, for every edition: path under the site -> content.

    Each edition's files sit in exports/<edition key>/; the current edition's
    are also published directly in exports/ (the aliases), with the same content.
    """
    return {path: make() for path, make in makers(fw, site_url).items()}


def makers(fw: Framework, site_url: str | None = None) -> dict[str, Export]:
    """:func:`files` as :class:`Export` objects, for a build that writes them one by one.

    The current edition's alias and its pinned file are one object, made once.
    """
    out: dict[str, Export] = {}
    for edition in fw.editions.values():
        kinds: dict[str, Callable[[TextIO], None]] = {
            JSON_NAME: partial(write_json, fw=fw, edition=edition, site_url=site_url),
            CSV_NAME: partial(write_statements_csv, fw=fw, edition=edition, site_url=site_url),
            MOODLE_NAME: partial(moodle.write_framework_csv, fw=fw, edition=edition, site_url=site_url),
            SCHEMA_NAME: _write_schema,
        }
        current = edition.key == fw.current.key
        for name, write in kinds.items():
            paths = dict.fromkeys([Routes.export(edition.key, name), Routes.export_first_name(edition.key, name)])
            if current:
                paths[Routes.export(None, name)] = None
            export = Export(write, uses=len(paths))
            for path in paths:
                out[path] = export
    return out
