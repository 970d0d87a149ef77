"""pqs-check: find PQS references in training materials, check each against the data, report coverage.

Usage: ``pqs-check [options] FILE_OR_FOLDER ...`` (``pqs-check --help`` lists the options).

The rule for what counts as a reference is written down once, for this tool and
for the browser checker (``docs/assets/javascripts/pqs-check.js``), in
``docs/check.md`` under "How IDs are recognised". In short:

* a statement ID (``3.2 D2``, ``3.2D2``, ``3.2-d2``, ``4.2 K13``) counts wherever it is;
* a bare outcome number (``3.2``) counts only straight after ``PQS`` or ``outcome``
  (not ``learning outcome`` and the like), or in a CSV column headed PQS, ID,
  outcome, standard, statement or reference; a list continues it
  (``PQS 3.1, 3.2 and 3.3``);
* a domain number counts only after ``PQS domain`` (or in a CSV column headed domain);
* a number followed by a unit (``1.5 hours``, ``2.5 million``, ``3%``) is never an ID;
* in those same places, a malformed ID (``PQS 3.2 X2``, ``PQS 3.02``, ``PQS 3.2.1``)
  is reported; elsewhere ``2.5 million``, ``version 1.2``, ``20.03.2025`` and
  ``section 3.2`` are left alone.

The patterns in :data:`PATTERNS` are copied character for character into
pqs-check.js; the tests check that the two copies match and behave alike.

Exit status: 0 when every ID found is valid, 1 when any is unknown or malformed,
2 for a usage error (no such file, unreadable data, an option that makes no sense).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import html
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from macros.core import ids

# -- the recognition rule (keep in step with docs/assets/javascripts/pqs-check.js) --

# Compiled with re.IGNORECASE | re.ASCII here and the flags "gi" / "iy" in JavaScript,
# which treat these patterns alike (ASCII case folding, no \w, \d, \s or \b outside ASCII words).
PATTERNS: dict[str, str] = {
    # A statement ID, anywhere: 3.2 D2, 3.2D2, 3.2-d2, 3.2_D2, 4.2 K13.
    "statement": r"(?<![A-Za-z0-9.])([0-9]+)\.([0-9]+)(?:[ \t\u00a0]*[-_][ \t\u00a0]*|[ \t\u00a0]*)([KD])([0-9]+)(?![A-Za-z0-9]|\.[0-9])",
    # A word that marks the numbers after it as PQS IDs: PQS, PQS domain, PQS outcome, outcome
    # (but not "learning outcome", "session outcome", "module outcome", "course outcome").
    "cue": r"(?<![A-Za-z0-9])(?:pqs(?:[ \t\u00a0]*(domains?|outcomes?|standards?|statements?))?|(?<!learning[ \t\u00a0-])(?<!session[ \t\u00a0-])(?<!module[ \t\u00a0-])(?<!course[ \t\u00a0-])outcomes?)(?![A-Za-z])[ \t\u00a0]*[-:#]?[ \t\u00a0]*",
    # Between the IDs of a list after a cue: a comma, semicolon, slash, ampersand, plus, "and", "or" or spaces.
    "separator": r"[ \t\u00a0]*(?:[,;/&+]|\band\b|\bor\b)[ \t\u00a0]*|[ \t\u00a0]+",
    # One ID-like token after a cue, well formed or not: 3, 3.2, 3.2.1, 3.02, 3.2 D2, 3.2 X2.
    # A number followed by a unit ("1.5 hours", "2.5 million", "3.5%") is never an ID.
    "token": r"([0-9]+(?:\.[0-9]+)*)(?:(?:[ \t\u00a0]*[-_][ \t\u00a0]*|[ \t\u00a0]*)([A-Z])([0-9]+)|(?![ \t\u00a0]*(?:%|(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|million|billion|thousand|percent|per[ \t\u00a0]?cent|miles?|km|kg)(?![A-Za-z]))))(?![A-Za-z0-9]|\.[0-9])",
    # A bare decimal that is not counted; reported as a hint when it is an outcome's number.
    "bare": r"(?<![A-Za-z0-9.])([0-9]+)\.([0-9]+)(?![ \t\u00a0]*(?:%|(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|million|billion|thousand|percent|per[ \t\u00a0]?cent|miles?|km|kg)(?![A-Za-z])))(?![A-Za-z0-9]|\.[0-9])",
    # A CSV header naming a column of IDs.
    "id_column": r"(?<![A-Za-z])(?:pqs|ids?|outcomes?|standards?|statements?|references?|refs?|domains?)(?![A-Za-z])",
    # A CSV header naming a column of domain numbers (bare numbers there count as domains).
    "domain_column": r"(?<![A-Za-z])domains?(?![A-Za-z])",
}

_FLAGS = re.IGNORECASE | re.ASCII
STATEMENT_RE = re.compile(PATTERNS["statement"], _FLAGS)
CUE_RE = re.compile(PATTERNS["cue"], _FLAGS)
SEPARATOR_RE = re.compile(PATTERNS["separator"], _FLAGS)
TOKEN_RE = re.compile(PATTERNS["token"], _FLAGS)
BARE_RE = re.compile(PATTERNS["bare"], _FLAGS)
ID_COLUMN_RE = re.compile(PATTERNS["id_column"], _FLAGS)
DOMAIN_COLUMN_RE = re.compile(PATTERNS["domain_column"], _FLAGS)
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "pqs.yaml"
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
CSV_SUFFIXES = {".csv", ".tsv"}
WORD_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | CSV_SUFFIXES | WORD_SUFFIXES
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages"}
DEFAULT_MAX_MB = 10.0
DEFAULT_MAX_LINE = 10_000
REPORT_VERSION = 1


@dataclass(frozen=True)
class Found:
    """One ID-like token in a line: where it is, what was written, and its parts."""

    start: int
    end: int
    written: str
    numbers: tuple[str, ...]
    letter: str | None = None
    number: str | None = None
    domain_ok: bool = False  # found after "PQS domain" or in a domain column


def scan(line: str, column: str | None = None) -> tuple[list[Found], list[Found]]:
    """The references in one line, and the bare decimals that were not counted.

    ``column`` is "ids" or "domains" for a cell of a CSV column of IDs: its
    start is treated as if a cue came before it.
    """
    found: list[Found] = []
    consumed = 0

    def chain(pos: int, domain_ok: bool) -> int:
        first = True
        while True:
            at = pos
            if not first:
                sep = SEPARATOR_RE.match(line, pos)
                if not sep:
                    break
                at = sep.end()
            tok = TOKEN_RE.match(line, at)
            if not tok:
                break
            numbers = tuple(tok.group(1).split("."))
            if len(numbers) == 1 and not domain_ok:
                break  # "PQS 2025": a lone number is a domain only after "PQS domain"
            found.append(Found(tok.start(), tok.end(), tok.group(0), numbers, tok.group(2), tok.group(3), domain_ok))
            pos = tok.end()
            first = False
        return pos

    if column:
        lead = len(line) - len(line.lstrip(" \t\u00a0"))
        consumed = chain(lead, column == "domains")
    for cue in CUE_RE.finditer(line):
        if cue.start() < consumed:
            continue
        consumed = max(consumed, chain(cue.end(), bool(cue.group(1)) and cue.group(1).lower().startswith("domain")))
    for match in STATEMENT_RE.finditer(line):
        if not _overlaps(match.start(), match.end(), found):
            found.append(
                Found(match.start(), match.end(), match.group(0), (match.group(1), match.group(2)), match.group(3), match.group(4))
            )
    found.sort(key=lambda f: f.start)
    bare = [
        Found(m.start(), m.end(), m.group(0), (m.group(1), m.group(2)))
        for m in BARE_RE.finditer(line)
        if not _overlaps(m.start(), m.end(), found)
    ]
    return found, bare


def _overlaps(start: int, end: int, found: Iterable[Found]) -> bool:
    return any(start < f.end and f.start < end for f in found)


# -- checking one reference against the data ------------------------------------------


@dataclass(frozen=True)
class Verdict:
    status: str  # "ok" | "unknown" | "malformed"
    id: str | None  # canonical ID when well formed
    level: str  # "domain" | "outcome" | "statement"
    reason: str  # a code: "", "bad-letter", "bad-number", "too-many-parts", "no-such-domain", "no-such-outcome", "not-recorded"
    message: str
    suggestions: tuple[str, ...] = ()


class Checker:
    """Checks IDs against one edition and says what would be near."""

    def __init__(self, fw) -> None:
        self.fw = fw
        self.edition = fw.current
        self.index = fw.index
        self.domains = [d.id for d in self.edition.domains]
        self.outcomes = {o.id: o for o in self.edition.outcomes}

    def judge(self, f: Found) -> Verdict:
        numbers = f.numbers
        letter = f.letter.upper() if f.letter else None
        level = "statement" if letter else ("domain" if len(numbers) == 1 else "outcome")
        suggestions = tuple(self.suggest(numbers, letter, f.number))
        if len(numbers) > 2:
            return Verdict("malformed", None, level, "too-many-parts", "a PQS ID has at most two numbers (domain.outcome)", suggestions)
        parts = [*numbers, *([f.number] if f.number else [])]
        if any(p.startswith("0") for p in parts):
            return Verdict("malformed", None, level, "bad-number", "numbers in PQS IDs start at 1 and have no leading zero", suggestions)
        if letter and letter not in ids.LETTER_KIND:
            return Verdict(
                "malformed", None, level, "bad-letter", f"the letter is {letter}: statement IDs use K (knows) or D (does)", suggestions
            )
        if letter and len(numbers) == 1:
            return Verdict(
                "malformed", None, level, "bad-number", "a statement ID starts with its outcome's number, as in 3.2 D2", suggestions
            )
        canon = ".".join(numbers) + (f" {letter}{f.number}" if letter else "")
        if canon in self.index:
            return Verdict("ok", canon, level, "", "")
        domain_id, outcome_id = numbers[0], ".".join(numbers[:2])
        first, last = self.domains[0], self.domains[-1]
        if domain_id not in self.domains:
            return Verdict(
                "unknown",
                canon,
                level,
                "no-such-domain",
                f"there is no domain {domain_id} (domains run from {first} to {last})",
                suggestions,
            )
        if outcome_id not in self.outcomes:
            theirs = [o.id for o in self.edition.domains[self.domains.index(domain_id)].outcomes]
            return Verdict(
                "unknown",
                canon,
                level,
                "no-such-outcome",
                f"domain {domain_id} has outcomes {theirs[0]} to {theirs[-1]}; there is no {outcome_id}",
                suggestions,
            )
        outcome = self.outcomes[outcome_id]
        recorded = list(outcome.cited_ids)
        if outcome.coverage == "complete":
            why = f"outcome {outcome_id} has no statement {letter}{f.number}"
        elif recorded:
            listed = ", ".join(recorded)
            why = f"outcome {outcome_id} exists, but the only statements of it recorded here are {listed}; check the official document"
            if len(recorded) == 1:
                why = f"outcome {outcome_id} exists, but the only statement of it recorded here is {listed}; check the official document"
        elif outcome.statements:
            why = f"outcome {outcome_id} exists, but our sources quote its statements without numbers; check the official document"
        else:
            why = f"outcome {outcome_id} exists, but none of its statements is recorded here; check the official document"
        return Verdict("unknown", canon, level, "not-recorded", why, suggestions)

    def suggest(self, numbers: tuple[str, ...], letter: str | None, number: str | None) -> list[str]:
        """Nearby valid IDs, nearest first (see docs/check.md)."""
        a = int(numbers[0])
        out: list[str] = []
        if len(numbers) == 1 and not letter:
            out = [min(self.domains, key=lambda d: (abs(int(d) - a), int(d)))]
        else:
            b = int(numbers[1]) if len(numbers) > 1 else 1
            oid = f"{a}.{b}"
            if letter and oid in self.outcomes:
                n = int(number or 0)
                recorded = sorted(
                    self.outcomes[oid].cited_ids,
                    key=lambda s: (0 if s.split(" ")[1][0] == letter else 1, abs(int(s.split(" ")[1][1:]) - n), ids.sort_key(s)),
                )
                out = [*recorded[:3], oid]
            elif str(a) in self.domains:
                mine = [o.id for o in self.edition.domains[self.domains.index(str(a))].outcomes]
                out = sorted(mine, key=lambda o: (abs(int(o.split(".")[1]) - b), ids.sort_key(o)))[:3]
            else:
                same = [o for o in self.outcomes if int(o.split(".")[1]) == b]
                if same:
                    out = sorted(same, key=lambda o: (abs(int(o.split(".")[0]) - a), ids.sort_key(o)))[:3]
                else:
                    near = min(self.domains, key=lambda d: (abs(int(d) - a), int(d)))
                    mine = [o.id for o in self.edition.domains[self.domains.index(near)].outcomes]
                    out = sorted(mine, key=lambda o: (abs(int(o.split(".")[1]) - b), ids.sort_key(o)))[:3]
        written = ".".join(numbers) + (f" {letter}{number}" if letter else "")
        return [s for s in dict.fromkeys(out) if s != written]


# -- reading files -------------------------------------------------------------------------


@dataclass
class Note:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}{f':{self.line}' if self.line else ''}: {self.message}"


@dataclass
class Line:
    number: int  # line number; paragraph number in a Word file; first line of the row in a CSV file
    text: str
    column: str | None = None  # CSV: "ids" or "domains" for a cell of an ID column
    field: str | None = None  # CSV: the column's header
    offset: int = 0  # column of the text's first character within the line (text files)


@dataclass
class Source:
    path: str
    kind: str  # "text" | "csv" | "word"
    lines: list[Line] = field(default_factory=list)


class Skip(Exception):
    """The file cannot be read; the message says why."""


def decode(data: bytes, path: str, notes: list[Note]) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1252 with a note."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig")):
        if data.startswith(bom):
            return _decode_loose(data, codec, path, notes)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_loose(data, "utf-16", path, notes)
    head = data[:8192]
    if b"\x00" in head:
        raise Skip("skipped: looks like a binary file (it contains NUL bytes)")
    if head.startswith(b"%PDF"):
        raise Skip("skipped: a PDF file; save it as text or Word to check it")
    if head.startswith(b"PK\x03\x04"):
        raise Skip("skipped: a zip archive, not a Word (.docx) file")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        raise Skip("skipped: looks like a binary file (many control characters)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(Note(path, "not UTF-8: read as Windows-1252 (cp1252); save it as UTF-8 to be sure of accented letters"))
        return data.decode("cp1252", errors="replace")


def _decode_loose(data: bytes, codec: str, path: str, notes: list[Note]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        notes.append(Note(path, f"some bytes are not valid {codec.upper()}; they were replaced"))
        return data.decode(codec, errors="replace")


_PARA_END = re.compile(r"</w:p>|<w:br\b[^>]*/>|<w:cr\b[^>]*/>")
_WORD_BITS = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:tab\b[^>]*/>|<w:noBreakHyphen\b[^>]*/>")


def word_paragraphs(xml: str) -> list[str]:
    """The text of each paragraph (and line break) of word/document.xml, without an XML parser."""
    paragraphs = []
    for chunk in _PARA_END.split(xml):
        bits = []
        for m in _WORD_BITS.finditer(chunk):
            if m.group(1) is not None:
                bits.append(html.unescape(m.group(1)))
            elif m.group(0).startswith("<w:tab"):
                bits.append("\t")
            else:
                bits.append("-")
        paragraphs.append("".join(bits))
    while paragraphs and not paragraphs[-1]:
        paragraphs.pop()
    return paragraphs


def read_source(path: Path, shown: str, max_bytes: int, max_line: int, notes: list[Note]) -> Source:
    """Read one file into lines to scan; raise Skip when it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise Skip(f"skipped: cannot read it ({err.strerror})") from None
    if size > max_bytes:
        raise Skip(f"skipped: it is {_human(size)}, over the {_human(max_bytes)} limit (--max-size)")
    suffix = path.suffix.lower()
    try:
        if suffix in WORD_SUFFIXES:
            texts = _read_word(path, max_bytes)
            src = Source(shown, "word")
        else:
            texts = split_lines(decode(path.read_bytes(), shown, notes))
            src = Source(shown, "csv" if suffix in CSV_SUFFIXES else "text")
    except OSError as err:
        raise Skip(f"skipped: cannot read it ({err.strerror or err})") from None
    long_lines = [i for i, t in enumerate(texts, 1) if len(t) > max_line]
    if long_lines:
        more = f" (and {len(long_lines) - 1} more)" if len(long_lines) > 1 else ""
        notes.append(
            Note(shown, f"line {long_lines[0]}{more} is longer than {max_line:,} characters; only the first {max_line:,} were checked")
        )
        texts = [t[:max_line] for t in texts]
    if src.kind == "text" and suffix in {".txt", ".text"} and looks_like_header(next((t for t in texts if t.strip()), "")):
        src.kind = "csv"  # a table saved as text, such as Excel's "Text (Tab delimited)"
    if src.kind == "csv":
        src.lines = _csv_lines(texts, "\t" if suffix == ".tsv" else None, shown, notes)
    else:
        src.lines = [Line(i, t) for i, t in enumerate(texts, 1)]
    return src


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB"


def _read_word(path: Path, max_bytes: int) -> list[str]:
    try:
        with zipfile.ZipFile(path) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise Skip("skipped: a zip file without word/document.xml, so not a Word document") from None
            if info.file_size > max_bytes:
                raise Skip(f"skipped: its text is {_human(info.file_size)}, over the {_human(max_bytes)} limit (--max-size)")
            xml = z.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError) as err:
        raise Skip(f"skipped: not a readable Word (.docx) file ({err})") from None
    return word_paragraphs(xml)


def delimiter_of(header: str) -> str:
    """The CSV delimiter, from the header line: a tab if it has one, else a semicolon if it has one and no comma, else a comma."""
    if "\t" in header:
        return "\t"
    if ";" in header and "," not in header:
        return ";"
    return ","


def split_lines(text: str) -> list[str]:
    """Lines split at CR LF, CR or LF only (as the browser checker does)."""
    lines = LINE_BREAK_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def csv_rows(texts: list[str], delimiter: str | None) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) for each row of CSV text."""
    if delimiter is None:
        delimiter = delimiter_of(next((t for t in texts if t.strip()), ""))
    reader = csv.reader(io.StringIO("\n".join(texts)), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def id_columns(header: list[str]) -> dict[int, str]:
    """{column index: "ids" | "domains"} for the header cells that name a column of IDs."""
    return {i: ("domains" if DOMAIN_COLUMN_RE.search(h) else "ids") for i, h in enumerate(header) if ID_COLUMN_RE.search(h)}


def looks_like_header(line: str) -> bool:
    """True when a line of plain text looks like a table's header row naming a column of IDs.

    Two or more short cells (at most three words and 30 characters each), split
    at tabs or commas as in :func:`delimiter_of`, one of them naming a column of IDs.
    """
    cells = [c.strip() for c in line.split(delimiter_of(line))]
    if len(cells) < 2 or any(len(c) > 30 or len(c.split()) > 3 for c in cells):
        return False
    return bool(id_columns(cells))


def _csv_lines(texts: list[str], delimiter: str | None, shown: str, notes: list[Note]) -> list[Line]:
    try:
        rows = list(csv_rows(texts, delimiter))
    except csv.Error as err:
        notes.append(Note(shown, f"not valid CSV ({err}); read as plain text"))
        return [Line(i, t) for i, t in enumerate(texts, 1)]
    if not rows:
        return []
    header = rows[0][1]
    columns = id_columns(header)
    if not columns:
        notes.append(Note(shown, "no column is headed PQS, ID, outcome, standard, statement, reference or domain; cells were read as text"))
    lines = []
    for number, row in rows[1:] if columns else rows:
        for i, cell in enumerate(row):
            name = header[i] if i < len(header) else f"column {i + 1}"
            lines.append(Line(number, cell, columns.get(i), name if columns else None))
    return lines


def walk(paths: list[Path], notes: list[Note]) -> Iterator[tuple[Path, str]]:
    """(path, name to show) for every file to check, folders searched in name order."""
    for root in paths:
        if root.is_file():
            yield root, str(root)
            continue
        ignored = 0
        for folder, dirs, files in os.walk(root, onerror=lambda err: notes.append(Note(str(err.filename), f"skipped: {err.strerror}"))):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith((".", "~$")) or path.suffix.lower() not in SUPPORTED:
                    ignored += 1
                    continue
                if path.is_symlink() and not path.exists():
                    notes.append(Note(str(path), "skipped: a broken link"))
                    continue
                yield path, str(path)
        if ignored:
            notes.append(
                Note(
                    str(root),
                    f"{ignored} other file{'s' if ignored != 1 else ''} ignored (only .md, .txt, .csv, .tsv and .docx are read in folders)",
                )
            )


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Reference:
    path: str
    line: int
    column: int | None
    field: str | None
    written: str
    verdict: Verdict

    @property
    def where(self) -> str:
        col = f":{self.column}" if self.column else ""
        return f"{self.path}:{self.line}{col}"

    def describe(self) -> str:
        v = self.verdict
        in_field = f' (column "{self.field}")' if self.field else ""
        near = f" Nearest: {', '.join(v.suggestions)}." if v.suggestions else ""
        return f'{self.where}:{in_field} {v.status} ID "{self.written}": {v.message}.{near}'


@dataclass
class Run:
    checker: Checker
    references: list[Reference] = field(default_factory=list)
    uncounted: list[Reference] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    files_with_refs: set[str] = field(default_factory=set)

    def check(self, source: Source) -> None:
        self.files_read.append(source.path)
        outcomes = self.checker.outcomes
        columns = source.kind != "csv"  # a CSV cell's position in its line is not known
        for line in source.lines:
            found, bare = scan(line.text, line.column)
            for f in found:
                col = line.offset + f.start + 1 if columns else None
                self.references.append(Reference(source.path, line.number, col, line.field, f.written, self.checker.judge(f)))
                self.files_with_refs.add(source.path)
            for f in bare:
                if f"{int(f.numbers[0])}.{int(f.numbers[1])}" in outcomes and not f.numbers[0].startswith("0"):
                    col = line.offset + f.start + 1 if columns else None
                    self.uncounted.append(
                        Reference(source.path, line.number, col, line.field, f.written, Verdict("ok", f.written, "outcome", "", ""))
                    )

    def problems(self, allow_unrecorded: bool = False) -> list[Reference]:
        return [r for r in self.references if r.verdict.status != "ok" and not (allow_unrecorded and r.verdict.reason == "not-recorded")]

    def coverage(self) -> dict:
        return coverage(self.checker.edition, [(r.verdict.id, r.where) for r in self.references if r.verdict.status == "ok"])


def coverage(edition, cited: list[tuple[str | None, str]]) -> dict:
    """Which domains, outcomes and numbered statements are cited; knows and does apart."""
    where: dict[str, list[str]] = {}
    for item_id, place in cited:
        if item_id:
            where.setdefault(item_id, []).append(place)
    domains, outcomes, statements = [], [], []
    for d in edition.domains:
        d_outcomes = []
        for o in d.outcomes:
            numbered = [s for s in o.statements if s.id]
            rows = []
            for s in numbered:
                rows.append(
                    {
                        "id": s.id,
                        "outcome": o.id,
                        "domain": d.id,
                        "kind": s.kind,
                        "text": s.text,
                        "references": len(where.get(s.id, [])),
                        "cited": s.id in where,
                        "where": where.get(s.id, []),
                    }
                )
            statements += rows
            counts = {
                f"{kind}_{what}": sum(1 for r in rows if r["kind"] == kind and (what == "recorded" or r["cited"]))
                for kind in ("knows", "does")
                for what in ("cited", "recorded")
            }
            d_outcomes.append(
                {
                    "id": o.id,
                    "domain": d.id,
                    "text": o.text,
                    "references": len(where.get(o.id, [])),
                    "cited": o.id in where or any(r["cited"] for r in rows),
                    **counts,
                    "unnumbered": sum(1 for s in o.statements if not s.id),
                    "where": where.get(o.id, []) + [p for r in rows for p in r["where"]],
                }
            )
        outcomes += d_outcomes
        domains.append(
            {
                "id": d.id,
                "title": d.title,
                "references": len(where.get(d.id, [])),
                "cited": d.id in where or any(o["cited"] for o in d_outcomes),
                "outcomes_cited": sum(1 for o in d_outcomes if o["cited"]),
                "outcomes": len(d_outcomes),
                **{k: sum(o[k] for o in d_outcomes) for k in ("knows_cited", "knows_recorded", "does_cited", "does_recorded")},
                "where": where.get(d.id, []) + [p for o in d_outcomes for p in o["where"]],
            }
        )
    return {"domains": domains, "outcomes": outcomes, "statements": statements}


CSV_COLUMNS = [
    "level",
    "id",
    "domain",
    "outcome",
    "kind",
    "text",
    "references",
    "cited",
    "knows_cited",
    "knows_recorded",
    "does_cited",
    "does_recorded",
    "where",
]


def coverage_rows(cov: dict) -> list[dict[str, str]]:
    """The coverage report as rows (domain, its outcomes, their statements), columns CSV_COLUMNS."""
    rows = []

    def where(places: list[str]) -> str:
        shown = list(dict.fromkeys(places))
        return "; ".join(shown[:20]) + (f"; and {len(shown) - 20} more" if len(shown) > 20 else "")

    def counts(item: dict) -> dict[str, str]:
        return {k: str(item[k]) for k in ("knows_cited", "knows_recorded", "does_cited", "does_recorded")}

    for d in cov["domains"]:
        rows.append(
            {
                "level": "domain",
                "id": d["id"],
                "domain": d["id"],
                "outcome": "",
                "kind": "",
                "text": d["title"],
                "references": str(d["references"]),
                "cited": "yes" if d["cited"] else "no",
                **counts(d),
                "where": where(d["where"]),
            }
        )
        for o in (o for o in cov["outcomes"] if o["domain"] == d["id"]):
            rows.append(
                {
                    "level": "outcome",
                    "id": o["id"],
                    "domain": d["id"],
                    "outcome": o["id"],
                    "kind": "",
                    "text": o["text"],
                    "references": str(o["references"]),
                    "cited": "yes" if o["cited"] else "no",
                    **counts(o),
                    "where": where(o["where"]),
                }
            )
            for s in (s for s in cov["statements"] if s["outcome"] == o["id"]):
                rows.append(
                    {
                        "level": "statement",
                        "id": s["id"],
                        "domain": d["id"],
                        "outcome": o["id"],
                        "kind": s["kind"],
                        "text": s["text"],
                        "references": str(s["references"]),
                        "cited": "yes" if s["cited"] else "no",
                        **dict.fromkeys(("knows_cited", "knows_recorded", "does_cited", "does_recorded"), ""),
                        "where": where(s["where"]),
                    }
                )
    return rows


# -- output ------------------------------------------------------------------------------------


def _list(items: list[str], none: str = "none") -> str:
    return ", ".join(items) if items else none


def text_report(run: Run, problems: list[Reference], data_name: str, verbose: bool) -> str:
    edition = run.checker.edition
    cov = run.coverage()
    ok = [r for r in run.references if r.verdict.status == "ok"]
    out = [
        f"pqs-check: {len(run.files_read)} file{'s' if len(run.files_read) != 1 else ''} checked against the "
        f"{edition.short_title} ({data_name})",
        "",
    ]
    out.append(f"Problems: {len(problems)}" if problems else "Problems: none; every ID found is valid.")
    out += [f"  {r.describe()}" for r in problems]
    if run.notes:
        out += ["", f"Notes: {len(run.notes)}"] + [f"  {n}" for n in run.notes]
    if run.uncounted:
        out += ["", f"Not counted: {len(run.uncounted)} bare number{'s' if len(run.uncounted) != 1 else ''} like an outcome's"]
        if verbose:
            out += [f'  {r.where}: "{r.written}"' for r in run.uncounted]
        else:
            out.append("  (write PQS or outcome before a number to count it; --verbose lists them)")
    d_cited = [f"{d['id']} {d['title']}" for d in cov["domains"] if d["cited"]]
    d_missed = [f"{d['id']} {d['title']}" for d in cov["domains"] if not d["cited"]]
    o_cited = [o["id"] for o in cov["outcomes"] if o["cited"]]
    o_missed = [o["id"] for o in cov["outcomes"] if not o["cited"]]
    out += [
        "",
        "Coverage",
        f"  References: {len(ok)} valid in {len({r.path for r in ok})} of {len(run.files_read)} files",
        f"  Domains cited: {len(d_cited)} of {len(cov['domains'])}: {_list(d_cited)}",
        f"  Domains missed: {_list(d_missed)}",
        f"  Outcomes cited: {len(o_cited)} of {len(cov['outcomes'])}: {_list(o_cited)}",
        f"  Outcomes missed: {_list(o_missed)}",
    ]
    for kind in ("knows", "does"):
        st = [s for s in cov["statements"] if s["kind"] == kind]
        cited = [s["id"] for s in st if s["cited"]]
        missed = [s["id"] for s in st if not s["cited"]]
        out.append(f"  {kind.capitalize()} statements cited: {len(cited)} of {len(st)} recorded: {_list(cited)}; missed: {_list(missed)}")
    unnumbered = [o for o in cov["outcomes"] if o["unnumbered"]]
    if unnumbered:
        what = ", ".join(f"{o['unnumbered']} of outcome {o['id']}" for o in unnumbered)
        out.append(f"  Not citable by ID: {what} (our sources quote them without numbers)")
    width = max(len(f"{d['id']} {d['title']}") for d in cov["domains"]) + 2
    out += ["", f"  {'Domain':<{width}}{'Outcomes':<10}{'Knows':<9}Does"]
    for d in cov["domains"]:
        k = f"{d['knows_cited']} of {d['knows_recorded']}" if d["knows_recorded"] else "-"
        dd = f"{d['does_cited']} of {d['does_recorded']}" if d["does_recorded"] else "-"
        out.append(f"  {d['id'] + ' ' + d['title']:<{width}}{str(d['outcomes_cited']) + ' of ' + str(d['outcomes']):<10}{k:<9}{dd}")
    out.append("  (Knows and Does count the statements with official IDs recorded here; '-' means none are recorded.)")
    return "\n".join(out) + "\n"


def json_report(run: Run, problems: list[Reference], data_name: str) -> dict:
    edition = run.checker.edition

    def ref(r: Reference) -> dict:
        v = r.verdict
        return {
            "path": r.path,
            "line": r.line,
            "column": r.column,
            "field": r.field,
            "written": r.written,
            "id": v.id,
            "level": v.level,
            "status": v.status,
            "reason": v.reason or None,
            "message": v.message or None,
            "suggestions": list(v.suggestions),
        }

    return {
        "report_version": REPORT_VERSION,
        "edition": {"key": edition.key, "title": edition.title, "short_title": edition.short_title},
        "data": data_name,
        "rule": "docs/check.md#how-ids-are-recognised",
        "files_read": run.files_read,
        "notes": [{"path": n.path, "line": n.line, "message": n.message} for n in run.notes],
        "problems": [ref(r) for r in problems],
        "references": [ref(r) for r in run.references],
        "uncounted": [{"path": r.path, "line": r.line, "column": r.column, "written": r.written} for r in run.uncounted],
        "coverage": run.coverage(),
    }


def write_csv(path: str, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


# -- the command ---------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 through main's return, never a traceback
        self.print_usage(sys.stderr)
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="pqs-check",
        description="Find references to the PQS (post-qualifying standards for child and family social workers) in training "
        "materials (.md, .txt, .csv, .tsv, .docx), check every ID against the data, and report which domains, outcomes "
        "and statements the materials cover.",
        epilog="What counts as a reference: a statement ID (3.2 D2, 3.2D2, 3.2-d2) anywhere; a bare outcome number (3.2) "
        "only after PQS or outcome, or in a CSV column headed PQS, ID, outcome, standard, statement or reference; a domain "
        "number only after 'PQS domain'. The full rule is in docs/check.md. Exit status: 0 all IDs valid, 1 some unknown "
        "or malformed, 2 usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="files or folders to check (folders are searched recursively)")
    p.add_argument("--data", default=str(DEFAULT_DATA), metavar="PATH", help="the PQS data file (default: the project's data/pqs.yaml)")
    p.add_argument("--csv", metavar="PATH", help="also write the coverage report as CSV (UTF-8 with BOM) to PATH")
    p.add_argument("--json", metavar="PATH", help="also write the full report (problems, references, coverage) as JSON to PATH")
    p.add_argument(
        "--allow-unrecorded",
        action="store_true",
        help="do not fail on statement IDs of a real outcome that the data does not record (its list is incomplete)",
    )
    p.add_argument(
        "--max-size", type=float, default=DEFAULT_MAX_MB, metavar="MB", help=f"skip files larger than this (default {DEFAULT_MAX_MB:g})"
    )
    p.add_argument(
        "--max-line",
        type=int,
        default=DEFAULT_MAX_LINE,
        metavar="CHARS",
        help=f"check only the first CHARS of each line (default {DEFAULT_MAX_LINE:,})",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the problems and notes, not the coverage")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the bare numbers that were not counted as IDs")
    return p


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
    except _UsageError as err:
        print(f"pqs-check: {err}", file=sys.stderr)
        return 2
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.max_size <= 0 or args.max_line <= 0:
        print("pqs-check: --max-size and --max-line must be more than 0", file=sys.stderr)
        return 2
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"pqs-check: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    from macros.core import loader

    try:
        beside = Path(args.data).with_name("pqs.schema.json")
        fw = loader.load(args.data, schema_path=beside if beside.exists() else DEFAULT_DATA.with_name("pqs.schema.json"))
    except loader.DataError as err:
        print(f"pqs-check: the data file cannot be used:\n{err}", file=sys.stderr)
        return 2

    run = Run(Checker(fw))
    max_bytes = int(args.max_size * 1_048_576)
    seen: set[Path] = set()
    for path, shown in walk(paths, run.notes):
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            run.check(read_source(path, shown, max_bytes, args.max_line, run.notes))
        except Skip as why:
            run.notes.append(Note(shown, str(why)))
        except (OSError, ValueError, UnicodeError, RecursionError, MemoryError) as err:
            run.notes.append(Note(shown, f"skipped: {type(err).__name__}: {err}"))

    problems = run.problems(args.allow_unrecorded)
    data_name = str(args.data) if args.data != str(DEFAULT_DATA) else "data/pqs.yaml"
    report = text_report(run, problems, data_name, args.verbose)
    if args.quiet:
        report = report.split("\nCoverage\n")[0].rstrip("\n") + "\n"
    sys.stdout.write(report)
    try:
        if args.csv:
            write_csv(args.csv, coverage_rows(run.coverage()))
        if args.json:
            Path(args.json).write_text(
                json.dumps(json_report(run, problems, data_name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
    except OSError as err:
        print(f"pqs-check: cannot write the report: {err}", file=sys.stderr)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
