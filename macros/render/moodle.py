"""One edition as a Moodle competency framework CSV, for Moodle's *Import competency framework* tool.

Moodle's importer (``admin/tool/lpimportcsv`` in the moodle/moodle repository)
reads a CSV of 14 columns: one framework row, then one row per competency,
each naming its parent by ID number. This module writes that file so that
Moodle builds, under the framework:

* each domain, its outcomes under it, and each outcome's recorded statements
  under the outcome, in the edition's order;
* for each earlier standard (baseline) that a crosswalk links to this edition,
  a top-level branch of its own holding the baseline's areas, so that outcomes
  and statements can name them as related competencies (Moodle relates only
  competencies of the same framework).

What the importer does with each column, and so the rules below, are in the
docstring of tests/test_moodle.py, with the source files they come from. In
short:

* **ID numbers** are the PQS IDs after ``PQS `` (``PQS 3.2 D2``; the checker
  reads that form as the ID). The prefix keeps every ID number from looking
  like a number: the importer finds a row's parent with PHP's loose ``==``,
  under which ``1.1`` and ``1.10`` are equal. A statement our sources quote
  without its number gets ``PQS 3.1 unnumbered <key>``, which is no PQS ID.
  Baseline areas get ``<baseline key>:<area key>``. All are at most 100
  characters (the importer cuts longer ones, which could make two equal).
* **Short names** are the ID and the text, cut at a word to 100 characters,
  with ``<`` ``>`` and ``\\`` shown as look-alikes (the importer strips tags
  from a short name, and its CSV reader treats a backslash as an escape).
  The full verbatim text is in the **description**, HTML (format 1) with
  every data text escaped, with where the text came from and a link to it.
* Cells are not neutralised for spreadsheets: Moodle would keep the
  apostrophe. This file is for Moodle; pqs-statements.csv is for spreadsheets.
* UTF-8 with a byte-order mark: Moodle's CSV reader removes one before it
  reads the header, and spreadsheet programs need it to show curly quotes.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from functools import partial
from typing import TextIO

from markupsafe import Markup, escape

from macros.core.diff import TYPE_LABEL
from macros.core.model import Area, Baseline, Domain, Edition, Framework, Link, Outcome, Provenance, Statement
from macros.render import files
from macros.render.templating import format_date
from macros.routes import Links

# The importer's header, in order: the English strings of tool_lpimportcsv.
HEADERS = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]
LIMIT = 100  # characters: the importer's shorten_text() cut for ID numbers and short names
PREFIX = "PQS "
FORMAT_HTML = "1"
# One term per level of the tree, from Moodle's fixed set (core_competency\competency_framework).
TAXONOMIES = ("domain", "outcome", "indicator")
# A rating scale is required by Moodle, not given by the standards: two points, the first the
# default and the second proficient. The importer reuses a site scale with exactly these items.
SCALE_ITEMS = ("Not yet competent", "Competent")
SCALE_VALUES = ",".join(SCALE_ITEMS)
SCALE_CONFIGURATION = json.dumps(
    [{"scaleid": "0"}, {"id": 1, "scaledefault": 1, "proficient": 0}, {"id": 2, "scaledefault": 0, "proficient": 1}],
    separators=(",", ":"),
)
# What the importer would change in a short name: tags (PARAM_TEXT strips them) and backslashes (its CSV escape).
_LOOK_ALIKES = str.maketrans({"<": "‹", ">": "›", "\\": "⧵"})
_COVERAGE = {
    "none": "None of this outcome's knows and does statements is quoted in the site's sources, so none is recorded here.",
    "partial": "Only some of this outcome's knows and does statements are quoted in the site's sources; those are recorded here.",
    "complete": "All of this outcome's knows and does statements are recorded here.",
}


# -- ID numbers and short names ---------------------------------------------------------------


def fit(value: str) -> str:
    """An ID number of at most LIMIT characters: longer ones end in a hash of the whole, so two stay apart."""
    if len(value) <= LIMIT:
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:10]
    return value[: LIMIT - len(digest) - 1] + "~" + digest


def framework_idnumber(edition: Edition) -> str:
    return fit(f"{PREFIX}{edition.key}")


def idnumber(item: Domain | Outcome | Statement) -> str:
    """'PQS 3', 'PQS 3.2', 'PQS 3.2 D2', or for a statement without an official ID 'PQS 3.1 unnumbered <key>'."""
    if isinstance(item, Statement) and not item.id:
        return fit(f"{PREFIX}{item.outcome_id} unnumbered {item.key}")
    assert item.id
    return fit(f"{PREFIX}{item.id}")


def baseline_idnumber(baseline: Baseline, area_key: str | None = None) -> str:
    return fit(baseline.key if area_key is None else f"{baseline.key}:{area_key}")


def short_name(label: str, fallback: str) -> str:
    """At most LIMIT characters, cut at a word with an ellipsis; never empty or '0' (the importer skips those)."""
    value = " ".join(label.split()).translate(_LOOK_ALIKES)
    if len(value) > LIMIT:
        cut = value[: LIMIT - 1]
        space = cut.rfind(" ")
        value = (cut[:space] if space > LIMIT // 2 else cut).rstrip(" ,;:") + "…"
    return value if value not in ("", "0") else fallback


# -- descriptions (HTML; data text is always escaped) -----------------------------------------


def _flat(value: str) -> str:
    return " ".join(value.split())


def _p(template: str, *args: object) -> Markup:
    """A paragraph: the template is ours; every argument that is not Markup is data text, escaped, on one line."""
    flat = [a if isinstance(a, Markup) else _flat(str(a)) for a in args]
    return Markup("<p>" + template + "</p>").format(*flat)


def _html(*paragraphs: Markup | None) -> str:
    # A backslash never appears in our own markup; as an entity it cannot act as the CSV reader's escape.
    return "".join(p for p in paragraphs if p).replace("\\", "&#92;")


def _source(prov: Provenance) -> Markup:
    src = prov.source
    title = Markup('<a href="{}">{}</a>').format(src.url, _flat(src.title)) if src.url else escape(_flat(src.title))
    if src.published:
        return _p("Source: {}, <em>{}</em> ({}), {}.", src.publisher, title, format_date(src.published), prov.at)
    return _p("Source: {}, <em>{}</em>, {}.", src.publisher, title, prov.at)


def _where(links: Links, url: str | None) -> Markup | None:
    if url is None:
        return None
    if links.base:
        return _p('On the PQS reference site: <a href="{}">{}</a>', url, url)
    return _p("On the PQS reference site: {} (relative to the site's address).", url)


def _note(note: str | None) -> Markup | None:
    return _p("Note, in the site's own words: {}", note) if note else None


# -- rows ---------------------------------------------------------------------------------------


def _row(parent: str, idnum: str, name: str, description: str, related: list[str] | None = None) -> list[str]:
    cross = ",".join(r.replace(",", "%2C") for r in related or [])
    # As Moodle's own exporter writes a competency: no rule ("0", "null"), not the framework row.
    return [parent, idnum, name, description, FORMAT_HTML, "", "", "", "0", "null", cross, "", "", ""]


def _crosswalk_links(fw: Framework, edition: Edition) -> dict[str, list[tuple[Baseline, Link]]]:
    """For each baseline linked to this edition: its links, in the data's order (baseline key -> links)."""
    found: dict[str, list[tuple[Baseline, Link]]] = {}
    for cw in fw.crosswalks:
        if cw.target == edition.key and cw.source in fw.baselines:
            baseline = fw.baselines[cw.source]
            found.setdefault(baseline.key, []).extend((baseline, link) for link in cw.links)
    return found


def _framework_row(fw: Framework, edition: Edition, links: Links, baselines: list[Baseline]) -> list[str]:
    sup = edition.superseded_by
    status = edition.status_label
    published = _p(
        "<strong>{}</strong>. Status: {}. Published {} by {}.",
        edition.title,
        status,
        format_date(edition.published),
        edition.provenance.source.publisher,
    )
    superseded = _p("Superseded by the {}, published {}.", sup.title, format_date(sup.published)) if sup else None
    copyright_ = escape(_flat(edition.copyright) + ". ") if edition.copyright else Markup("")
    licence = _p(
        '{}Reused under the <a href="{}">{}</a>. Attribution: {}',
        copyright_,
        files.LICENCE["url"],
        files.LICENCE["name"],
        files.ATTRIBUTION,
    )
    site = Markup(' (<a href="{}">{}</a>)').format(links.base, links.base) if links.base else Markup("")
    made = _p(
        "Made by the PQS reference site{} from its data file {}. The site is not published or endorsed by the Department for Education.",
        site,
        files.DATA_FILE,
    )
    scope = _p(
        "Domain titles, outcomes and statements are quoted verbatim in each description; short names are cut to Moodle's "
        "{} characters. A knows or does statement is recorded only where one of the site's sources quotes it, so most "
        "outcomes have none here.",
        LIMIT,
    )
    example = next((s.id for s in edition.statements if s.id), None) or edition.outcomes[0].id
    ids_ = _p(
        'ID numbers are the PQS IDs after "{}" (for example "{}"). A statement the sources quote without its official '
        'number has an ID number of the site\'s own with "unnumbered" in it: it is not an official ID.',
        PREFIX.strip(),
        PREFIX + example,
    )
    scale = _p("The rating scale ({}) is Moodle's, not part of the standards.", ", ".join(SCALE_ITEMS))
    branches = [
        _p(
            "The branch {} is not part of this edition: it lists the areas of an earlier standard, titles only, for cross-reference.",
            b.short_title,
        )
        for b in baselines
    ]
    description = _html(published, superseded, licence, _source(edition.provenance), made, scope, ids_, scale, *branches)
    idnum = framework_idnumber(edition)
    # As Moodle's own exporter writes the framework row: no parent, no rule, "Is framework" 1, one taxonomy term per level.
    head = ["", idnum, short_name(edition.title, idnum), description, FORMAT_HTML, SCALE_VALUES, SCALE_CONFIGURATION]
    return [*head, "", "", "", "", "", "1", ",".join(TAXONOMIES)]


def framework_rows(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> list[list[str]]:
    """The CSV's rows, header first: the framework, then domains → outcomes → statements, then any baseline branch."""
    return list(_checked(_rows(fw, edition or fw.current, site_url)))


def _rows(fw: Framework, edition: Edition, site_url: str | None) -> Iterator[list[str]]:
    """:func:`framework_rows` one at a time (the file at 100x is 66 million characters)."""
    links = Links.of(fw, edition, site_url)
    by_baseline = _crosswalk_links(fw, edition)
    baselines = [pairs[0][0] for pairs in by_baseline.values()]
    related: dict[str, list[str]] = {}  # an ID of this edition -> ID numbers of baseline areas
    for pairs in by_baseline.values():
        for baseline, link in pairs:
            area_id = baseline_idnumber(baseline, link.source)
            if area_id not in related.setdefault(link.target, []):
                related[link.target].append(area_id)

    def kss_note(item_id: str) -> Markup | None:
        titles = []
        for pairs in by_baseline.values():
            for baseline, link in pairs:
                if link.target == item_id:
                    area = next(a for a in baseline.areas if a.key == link.source)
                    titles.append(f"{area.title} ({baseline.short_title}, {TYPE_LABEL[link.type]})")
        if not titles:
            return None
        return _p("Cross-referenced, in the site's own comparison (not an official mapping), to: {}.", "; ".join(titles))

    yield HEADERS
    yield _framework_row(fw, edition, links, baselines)
    for d in edition.domains:
        d_id = idnumber(d)
        yield (
            _row(
                "",
                d_id,
                short_name(f"Domain {d.id}: {d.title}", d_id),
                _html(
                    _p("Domain {}: {}", d.id, d.title),
                    _p("Summary, in the site's own words (not the standards text): {}", d.summary),
                    kss_note(d.id),
                    _note(d.note),
                    _source(d.provenance),
                    _where(links, links.best(d)),
                ),
                related.get(d.id),
            )
        )
        for o in d.outcomes:
            o_id = idnumber(o)
            yield (
                _row(
                    d_id,
                    o_id,
                    short_name(f"{o.id} {o.text}", o_id),
                    _html(
                        _p("Outcome {}: {}", o.id, o.text),
                        _p("{}", _COVERAGE[o.coverage]),
                        kss_note(o.id),
                        _note(o.note),
                        _source(o.provenance),
                        _where(links, links.best(o)),
                    ),
                    related.get(o.id),
                )
            )
            for s in o.statements:
                s_id = idnumber(s)
                kind = s.kind.capitalize()
                if s.id:
                    head = _p("{} statement {}: {}", kind, s.id, s.text)
                    own = None
                else:
                    head = _p("{} statement under outcome {}, quoted without its official number: {}", kind, o.id, s.text)
                    own = _p("The ID number {} is the site's own, not an official PQS ID.", s_id)
                yield (
                    _row(
                        o_id,
                        s_id,
                        short_name(f"{s.label} {s.text}", s_id),
                        _html(
                            head, own, kss_note(s.id) if s.id else None, _note(s.note), _source(s.provenance), _where(links, links.best(s))
                        ),
                        related.get(s.id) if s.id else None,
                    )
                )
    for baseline in baselines:
        root = baseline_idnumber(baseline)
        yield (
            _row(
                "",
                root,
                short_name(f"{baseline.short_title}: areas, for cross-reference only", root),
                _html(
                    _p(
                        "Not part of the {}. The areas of the {}{}, so that the edition's outcomes and statements can be cross-referenced to them.",
                        edition.title,
                        baseline.title,
                        f" ({format_date(baseline.published)})" if baseline.published else "",
                    ),
                    _p(
                        "The titles of its {} areas are recorded here, and the text of {} of them. The cross-references come from the site's own comparison of the two standards; they are not an official mapping.",
                        len(baseline.areas),
                        sum(1 for a in baseline.areas if a.text),
                    ),
                    _source(baseline.provenance),
                ),
            )
        )
        for area in baseline.areas:
            area_id = baseline_idnumber(baseline, area.key)
            targets = [link for _, link in by_baseline[baseline.key] if link.source == area.key]
            linked = (
                _p(
                    "Cross-referenced, in the site's own comparison (not an official mapping), to: {}.",
                    "; ".join(f"{link.target} ({TYPE_LABEL[link.type]}: {link.rationale})" for link in targets),
                )
                if targets
                else None
            )
            yield (
                _row(
                    root,
                    area_id,
                    short_name(area.title, area_id),
                    _html(
                        _p("Area of the {}: {}", baseline.short_title, area.title),
                        *_area_text(area, baseline),
                        linked,
                        _source(area.provenance),
                    ),
                )
            )


def _area_text(area: Area, baseline: Baseline) -> list[Markup]:
    """An area's own words, where they are recorded, as the copy they are quoted from shows them, and where that copy is."""
    text = area.text
    if text is None:
        return [_p("Only the title of this area is recorded here.")]
    out = [_p("{}", text.lead_in)] if text.lead_in else []
    out += [_p("{}", paragraph) for paragraph in text.paragraphs]
    out += [_p("• {}", point) for point in text.points]  # a paragraph each: the descriptions keep to p, a, em and strong
    if text.cut:
        out.append(_p("{}", text.cut))
    out.append(_p("The {}'s words, as reproduced by:", baseline.provenance.source.publisher))
    out.append(_source(text.provenance))
    return out


def _checked(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """The rows, checked as they pass: every ID number once, even to a database that ignores case
    (the importer would stop at a repeat)."""
    seen: dict[str, str] = {}
    for n, row in enumerate(rows):
        if n >= 2:  # after the header and the framework's own row
            folded = row[1].casefold()
            if folded in seen:
                raise ValueError(f"two competencies would share the ID number {row[1]!r} (and {seen[folded]!r}) in the Moodle export")
            seen[folded] = row[1]
        yield row


def write_framework_csv(out: TextIO, fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> None:
    """The file, written row by row: UTF-8 with a byte-order mark, comma-separated, CRLF line ends
    (Moodle reads CR, LF or CRLF)."""
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(_checked(_rows(fw, edition or fw.current, site_url)))


def framework_csv(fw: Framework, edition: Edition | None = None, site_url: str | None = None) -> str:
    """The file as text (see :func:`write_framework_csv`)."""
    return files.text_of(partial(write_framework_csv, fw=fw, edition=edition, site_url=site_url))
