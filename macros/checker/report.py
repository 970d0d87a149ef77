"""The report of a run: as text for a person, as JSON for a program, the coverage as CSV for a spreadsheet
and as a picture (SVG, or a web page holding it; drawn by :mod:`macros.checker.heatmap`).

Every name and every piece of written text from the materials goes through
:func:`display_name` before it is printed; every CSV cell through :func:`csv_cell`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from macros.checker import heatmap, rules
from macros.checker.coverage import Coverage, Lazy, rows
from macros.checker.judge import shorten
from macros.checker.materials import display_name
from macros.checker.run import Reference, Run


@dataclass(frozen=True)
class Options:
    data_name: str  # the data file, as named by the user
    strict: bool = False  # not-recorded IDs, and IDs whose number another edition gave other words, are problems too
    coverage: bool = True  # the text report includes the coverage (--quiet leaves it out)
    verbose: bool = False  # list the bare numbers that were not counted


def problems(run: Run, options: Options) -> list[Reference]:
    """What makes the exit status 1: the errors, and with --strict the not-recorded and reused IDs too."""
    strict = (rules.NOT_RECORDED, rules.REUSED)
    return [r for r in run.references if r.verdict.status in rules.ERRORS or (options.strict and r.verdict.status in strict)]


def describe(r: Reference) -> str:
    v = r.verdict
    in_field = f' (column "{display_name(r.field)}")' if r.field else ""
    near = f" Nearest: {', '.join(v.suggestions)}." if v.suggestions else ""
    return f'{r.where}:{in_field} {v.status} ID "{display_name(shorten(r.written))}": {v.message}.{near}'


def _list(items: list[str], none: str = "none") -> str:
    return ", ".join(items) if items else none


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def text_report(run: Run, options: Options) -> str:
    return "".join(line + "\n" for line in report_lines(run, options))


def report_lines(run: Run, options: Options) -> Iterator[str]:
    """The text report, line by line (pqs-check writes each as it comes, so the report is never held whole)."""
    edition = run.judge.edition
    errors = run.errors()
    unrecorded = run.not_recorded()
    yield (
        f"pqs-check: {_plural(len(run.files_read), 'file')} checked against the {edition.short_title} "
        f"(edition {edition.key}, from {display_name(options.data_name)})"
    )
    yield ""
    if errors:
        yield f"Problems: {len(errors)}"
    elif unrecorded:
        yield "Problems: none; every ID found exists or may exist (see below)."
    else:
        yield "Problems: none; every ID found is valid."
    yield from (f"  {describe(r)}" for r in errors)
    if unrecorded:
        counted = " (--strict: they count as problems)" if options.strict else " (not errors)"
        yield ""
        yield f"Not recorded here: {len(unrecorded)}{counted}"
        yield from (f"  {describe(r)}" for r in unrecorded)
        yield from (f"  The official document: {title} <{url}>" for title, url in run.judge.links)
    reused = run.reused()
    if reused:
        counted = " (--strict: they count as problems)" if options.strict else " (valid IDs, counted in the coverage)"
        yield ""
        yield f"Check which edition you meant: {len(reused)}{counted}"
        yield from (f"  {describe(r)}" for r in reused)
    del errors, unrecorded, reused
    if run.notes:
        yield ""
        yield f"Notes: {len(run.notes)}"
        yield from (f"  {n}" for n in run.notes)
    if run.uncounted:
        yield ""
        yield f"Not counted: {_plural(len(run.uncounted), 'bare number')} like an outcome's"
        if options.verbose:
            yield from (f'  {r.where}: "{display_name(r.written)}"' for r in run.uncounted)
        else:
            yield "  (write PQS or outcome before a number to count it; --verbose lists them)"
    if options.coverage:
        ok = sum(1 for r in run.references if r.verdict.status in rules.VALID)
        files = len({r.path for r in run.references if r.verdict.status in rules.VALID})
        yield from coverage_text(run.coverage(), ok, files, len(run.files_read))


def coverage_text(cov: Coverage, ok: int, cited_files: int, files: int) -> list[str]:
    d_cited = [f"{d.id} {d.title}" for d in cov.domains if d.cited]
    d_missed = [f"{d.id} {d.title}" for d in cov.domains if not d.cited]
    o_cited = [o.id for o in cov.outcomes if o.cited]
    o_missed = [o.id for o in cov.outcomes if not o.cited]
    out = [
        "",
        "Coverage",
        f"  References: {ok} valid in {cited_files} of {files} files",
        f"  Domains cited: {len(d_cited)} of {len(cov.domains)}: {_list(d_cited)}",
        f"  Domains missed: {_list(d_missed)}",
        f"  Outcomes cited: {len(o_cited)} of {len(cov.outcomes)}: {_list(o_cited)}",
        f"  Outcomes missed: {_list(o_missed)}",
    ]
    for kind in rules.LETTERS.values():
        st = [s for s in cov.statements if s.kind == kind]
        cited = [s.id for s in st if s.cited]
        missed = [s.id for s in st if not s.cited]
        out.append(f"  {kind.capitalize()} statements cited: {len(cited)} of {len(st)} recorded: {_list(cited)}; missed: {_list(missed)}")
    unnumbered = [o for o in cov.outcomes if o.unnumbered]
    if unnumbered:
        what = ", ".join(f"{o.unnumbered} of outcome {o.id}" for o in unnumbered)
        out.append(f"  Not citable by ID: {what} (our sources quote them without numbers)")
    width = max(len(f"{d.id} {d.title}") for d in cov.domains) + 2
    out += ["", f"  {'Domain':<{width}}{'Outcomes':<10}{'Knows':<9}Does"]
    for d in cov.domains:
        c = d.counts
        k = f"{c.knows_cited} of {c.knows_recorded}" if c.knows_recorded else "-"
        dd = f"{c.does_cited} of {c.does_recorded}" if c.does_recorded else "-"
        out.append(f"  {d.id + ' ' + d.title:<{width}}{f'{d.outcomes_cited} of {len(d.outcomes)}':<10}{k:<9}{dd}")
    out.append("  (Knows and Does count the statements with official IDs recorded here; '-' means none are recorded.)")
    return out


def _ref(r: Reference) -> dict:
    v = r.verdict
    return {
        "path": r.path,
        "line": r.line,
        "column": r.column,
        "field": display_name(r.field) if r.field is not None else None,
        "written": display_name(r.written),
        "id": v.id,
        "level": v.level,
        "status": v.status,
        "reason": v.reason or None,
        "message": v.message or None,
        "suggestions": list(v.suggestions),
        "links": [{"title": t, "url": u} for t, u in v.links],
    }


def json_report(run: Run, options: Options) -> dict:
    """The JSON report as one object (write_json writes the same, streamed)."""
    return json.loads("".join(_json_chunks(run, options)))


def _json_chunks(run: Run, options: Options) -> Iterator[str]:
    edition = run.judge.edition
    failing = problems(run, options)
    unrecorded = run.not_recorded()
    reused = run.reused()
    report = {
        "report_version": rules.REPORT_VERSION,
        "edition": {"key": edition.key, "title": edition.title, "short_title": edition.short_title},
        "data": display_name(options.data_name),
        "rule": rules.RULE_ANCHOR,
        "strict": options.strict,
        "files_read": run.files_read,
        "notes": [{"path": n.path, "line": n.line, "message": n.message} for n in run.notes],
        "problems": Lazy(lambda: (_ref(r) for r in failing), len(failing)),
        "not_recorded": Lazy(lambda: (_ref(r) for r in unrecorded), len(unrecorded)),
        "reused": Lazy(lambda: (_ref(r) for r in reused), len(reused)),
        "references": Lazy(lambda: (_ref(r) for r in run.references), len(run.references)),
        "uncounted": Lazy(
            lambda: ({"path": r.path, "line": r.line, "column": r.column, "written": display_name(r.written)} for r in run.uncounted),
            len(run.uncounted),
        ),
        "coverage": run.coverage().to_json(lazy=True),
    }
    # With an indent, json encodes in Python, item by item, and iterates each list as it goes (no C fast path).
    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(report)
    yield "\n"


def write_json(run: Run, options: Options, out: TextIO) -> None:
    """The full report as JSON, written as it is encoded: its memory does not grow with the number of references."""
    buffer: list[str] = []
    size = 0
    for chunk in _json_chunks(run, options):
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            out.write("".join(buffer))
            buffer, size = [], 0
    out.write("".join(buffer))


def csv_cell(value: str) -> str:
    """A cell a spreadsheet program shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + value if value[:1] and value[0] in rules.FORMULA_STARTS else value


def coverage_csv(cov: Coverage) -> str:
    """The coverage rows as CSV text (without the byte-order mark), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(rules.CSV_COLUMNS)
    writer.writerows([csv_cell(row[c]) for c in rules.CSV_COLUMNS] for row in rows(cov))
    return buffer.getvalue()


def coverage_svg(run: Run) -> str:
    """The coverage as a picture: the edition's framework grid, each outcome shaded by how often it is cited."""
    return heatmap.svg(run.coverage(), run.judge.edition.short_title)


def coverage_html(run: Run) -> str:
    """The same picture in a web page of its own."""
    return heatmap.html_page(run.coverage(), run.judge.edition.short_title)
