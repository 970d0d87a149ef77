"""Reading training materials (.md, .txt, .csv, .tsv, .docx) into lines to scan, safely.

Every file is opened without blocking and checked with fstat before a byte is
read: only regular files are read (never a pipe, socket or device, even through
a link), at most the size limit plus one byte. A Word file's text is inflated
as a stream, with the same cap on what comes out whatever its header says, and
read by expat, which takes time linear in the XML. Every name that is shown
goes through :func:`display_name` first.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from macros.checker import rules
from macros.checker.scan import RE

CHUNK = 1 << 16


def display_name(name: str) -> str:
    """A name safe to print or write: control and format characters, and undecodable bytes, as backslash escapes."""
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\\":
            out.append("\\\\")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class Note:
    path: str  # already a display name
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}{f':{self.line}' if self.line else ''}: {self.message}"


@dataclass(slots=True)
class Line:
    number: int  # line number; paragraph number in a Word file; first line of the row in a table
    text: str
    column: str | None = None  # tables: "ids" or "domains" for a cell of a column of IDs
    field: str | None = None  # tables: the column's header
    offset: int = 0  # where the text starts in its line (a cell of a Markdown table)
    cell: bool = False  # a cell of a table (CSV, Markdown or Word), not a whole line
    part: str | None = None  # a Word file's part other than its body ("footnotes", "header1"…)


@dataclass
class Material:
    """One file of training materials, read into lines."""

    path: str  # display name
    kind: str  # "text" | "table" | "word"
    lines: Iterable[Line] = ()  # read one by one as they are checked


class Skip(Exception):
    """The file cannot be read; the message says why."""


def note(code: str, **fields: object) -> str:
    return rules.NOTES[code].format(**fields)


def human(size: float) -> str:
    if size < 1024:
        return f"{size:.0f} bytes"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB"


# -- bytes -------------------------------------------------------------------------------------------


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes; raise Skip for anything else. Never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise Skip(f"skipped: cannot read it ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Skip("skipped: " + note("not-regular"))
        if info.st_size > max_bytes:
            raise Skip("skipped: " + note("too-big", size=human(info.st_size), limit=human(max_bytes)))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew while we read it
                raise Skip("skipped: " + note("too-big", size=f"over {human(max_bytes)}", limit=human(max_bytes)))
        return b"".join(chunks)
    except OSError as err:
        raise Skip(f"skipped: cannot read it ({err.strerror or err})") from None
    finally:
        os.close(fd)


def decode(data: bytes, notes: list[str]) -> str:
    """Text from bytes: a byte-order mark's encoding, else UTF-8, else Windows-1252 with a note; raise Skip for binary."""
    for bom, codec, _label in rules.BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                notes.append(note("bad-bytes", codec=codec.upper()))
                return data.decode(codec, errors="replace")
    head = data[: rules.HEAD_BYTES]
    for signature, code in rules.SIGNATURES:  # before NUL bytes: a zip's headers hold some
        if head.startswith(signature):
            raise Skip("skipped: " + note("word" if code == "zip" and rules.WORD_MARK in data else code))
    if b"\x00" in head:
        raise Skip("skipped: " + note("nul"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > rules.CONTROL_RATIO:
        raise Skip("skipped: " + note("binary"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(note("not-utf8"))
        return data.decode(rules.FALLBACK_CODEC[0], errors="replace")


def split_lines(text: str) -> list[str]:
    """Lines split at CR LF, CR or LF only (as the browser checker does)."""
    lines = RE["line_break"].split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# -- Word -----------------------------------------------------------------------------------------------


class WordText:
    """The text of each paragraph (and line break) of word/document.xml, fed in chunks to expat.

    Each paragraph keeps at most max_line + 1 characters, so memory is bounded
    whatever the XML holds; a document type declaration (and so any entity) is refused.
    """

    def __init__(self, max_line: int) -> None:
        self.max_line = max_line
        self.paragraphs: list[str] = []
        # Where each paragraph sits: (table, row, cell) of the innermost table, or None outside tables.
        self.places: list[tuple[int, int, int] | None] = []
        self._tables: list[list[int]] = []
        self._table_count = 0
        self._parts: list[str] = []
        self._length = 0
        self._in_text = 0
        self._in_tabs = 0
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = self._doctype
        self._parser = parser

    def feed(self, data: bytes, final: bool = False) -> None:
        self._parser.Parse(data, final)

    def close(self) -> list[str]:
        self.feed(b"", True)
        if self._parts:
            self._paragraph()
        while self.paragraphs and not self.paragraphs[-1]:
            self.paragraphs.pop()
            self.places.pop()
        return self.paragraphs

    def _doctype(self, *_args: object) -> None:
        raise Skip("skipped: " + note("word-dtd"))

    def _add(self, text: str) -> None:
        if self._length <= self.max_line:
            self._parts.append(text[: self.max_line + 1 - self._length])
        self._length += len(text)

    def _paragraph(self) -> None:
        self.paragraphs.append("".join(self._parts))
        self.places.append((self._tables[-1][0], self._tables[-1][1], self._tables[-1][2]) if self._tables else None)
        self._parts, self._length = [], 0

    def _start(self, name: str, _attrs: object) -> None:
        local = name.rpartition(":")[2]
        if local == "t":
            self._in_text += 1
        elif local == "tabs":
            self._in_tabs += 1
        elif local == "tab" and not self._in_tabs:
            self._add("\t")
        elif local == "noBreakHyphen":
            self._add("-")
        elif local in ("br", "cr"):
            self._paragraph()
        elif local == "tbl":
            self._table_count += 1
            self._tables.append([self._table_count, -1, -1])
        elif local == "tr" and self._tables:
            self._tables[-1][1] += 1
            self._tables[-1][2] = -1
        elif local == "tc" and self._tables:
            self._tables[-1][2] += 1

    def _end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "t":
            self._in_text = max(0, self._in_text - 1)
        elif local == "tabs":
            self._in_tabs = max(0, self._in_tabs - 1)
        elif local == "p":
            self._paragraph()
        elif local == "tbl" and self._tables:
            self._tables.pop()

    def _text(self, data: str) -> None:
        if self._in_text:
            self._add(data)


def word_paragraphs(xml: bytes | str, max_line: int = rules.DEFAULT_MAX_LINE) -> list[str]:
    """The paragraphs of a whole word/document.xml (for tests and small documents)."""
    reader = WordText(max_line)
    reader.feed(xml.encode("utf-8") if isinstance(xml, str) else xml)
    return reader.close()


def word_lines(paragraphs: list[str], places: list[tuple[int, int, int] | None]) -> list[Line]:
    """A Word file's paragraphs as lines to scan. In a table whose first row names a column of IDs (PQS, ID, outcome…),
    the paragraphs of that column's cells below it are read as a CSV's cells are; everything else as text."""
    # Each table's first row: {table: {cell: its paragraphs' text}}.
    parts: dict[int, dict[int, list[str]]] = {}
    for text, place in zip(paragraphs, places, strict=True):
        if place is not None and place[1] == 0:
            parts.setdefault(place[0], {}).setdefault(place[2], []).append(text)
    heads = {table: {cell: " ".join(texts) for cell, texts in cells.items()} for table, cells in parts.items()}
    columns: dict[int, dict[int, str]] = {}
    for table, cells in heads.items():
        keys = list(cells)
        columns[table] = {keys[i]: kind for i, kind in id_columns(list(cells.values())).items()}
    lines = []
    for number, (text, place) in enumerate(zip(paragraphs, places, strict=True), 1):
        kind = columns.get(place[0], {}).get(place[2]) if place is not None and place[1] > 0 else None
        field_ = heads[place[0]][place[2]] if kind and place is not None else None
        lines.append(Line(number, text, kind, field_, cell=place is not None))
    return lines


def word_parts(names: list[str]) -> list[str]:
    """The parts of a Word file that hold its text, in reading order: the body, then headers, footers, footnotes,
    endnotes and comments (each kind in the order of its number)."""
    parts = [n for n in names if RE["word_part"].match(n) and n == n.lower()]
    kinds = {kind: i for i, kind in enumerate(rules.WORD_PARTS)}

    def order(name: str) -> tuple[int, int, str]:
        stem = name[len("word/") : -len(".xml")]
        kind = stem.rstrip("0123456789")
        number = stem[len(kind) :]
        return (kinds[kind], int(number) if number else 0, stem)

    return sorted(parts, key=order)


def read_word(data: bytes, max_bytes: int, max_line: int) -> list[Line]:
    """The paragraphs of a .docx file's bytes as lines (a table's column of IDs as cells, :func:`word_lines`), its
    body's first, then those of its headers, footers, footnotes, endnotes and comments (each numbered from 1, with
    its part named); raise Skip when it is not a readable Word file or its text is too big."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = word_parts(z.namelist())
            if not names or names[0] != rules.WORD_BODY:
                raise Skip("skipped: " + note("no-document"))
            lines: list[Line] = []
            total = 0
            for name in names:
                reader = WordText(max_line)
                with z.open(z.getinfo(name)) as stream:
                    while chunk := stream.read(CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise Skip("skipped: " + note("word-too-big", limit=human(max_bytes)))
                        reader.feed(chunk)
                part = None if name == rules.WORD_BODY else name[len("word/") : -len(".xml")]
                lines += [dataclasses.replace(line, part=part) for line in word_lines(reader.close(), reader.places)]
            return lines
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        LookupError,
    ) as err:
        raise Skip("skipped: " + note("not-word", why=display_name(str(err)))) from None
    except expat.ExpatError as err:
        raise Skip("skipped: " + note("not-word", why=f"XML error: {expat.ErrorString(err.code)}")) from None


# -- tables ----------------------------------------------------------------------------------------------


def delimiter_of(header: str) -> str:
    """The CSV delimiter, from the header line: a tab if it has one, else a semicolon if it has one and no comma, else a comma."""
    if "\t" in header:
        return "\t"
    if ";" in header and "," not in header:
        return ";"
    return ","


def csv_rows(texts: list[str], delimiter: str | None) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) for each row of CSV text."""
    if delimiter is None:
        delimiter = delimiter_of(next((t for t in texts if RE["trim"].sub("", t)), ""))
    reader = csv.reader(io.StringIO("\n".join(texts)), delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def id_columns(header: list[str]) -> dict[int, str]:
    """{column index: "ids" | "domains"} for the header cells that name a column of IDs."""
    return {i: ("domains" if RE["domain_column"].search(h) else "ids") for i, h in enumerate(header) if RE["id_column"].search(h)}


def looks_like_header(line: str) -> bool:
    """True when a line of plain text looks like a table's header row naming a column of IDs.

    Two or more short cells (rules.HEADER_MAX_WORDS words and HEADER_MAX_CHARS
    characters at most), split as in :func:`delimiter_of`, one naming a column of IDs.
    """
    cells = [RE["trim"].sub("", c) for c in line.split(delimiter_of(line))]
    if len(cells) < 2 or any(
        len(c) > rules.HEADER_MAX_CHARS or len([w for w in RE["blanks"].split(c) if w]) > rules.HEADER_MAX_WORDS for c in cells
    ):
        return False
    return bool(id_columns(cells))


def is_table(texts: list[str]) -> bool:
    """Plain text is a table when its first non-blank line looks like a header row and another non-blank line follows."""
    filled = (t for t in texts if RE["trim"].sub("", t))
    first = next(filled, None)
    return first is not None and looks_like_header(first) and next(filled, None) is not None


def table_lines(texts: list[str], delimiter: str | None, shown: str, notes: list[Note]) -> Iterator[Line]:
    """The cells of a table as lines to scan. The header's cells are scanned too, as text, so nothing is left unread.

    The CSV is read twice, once to know it is valid (else it is read as plain text, with a note) and once to yield its
    cells one by one, so no list of every cell is held."""
    try:
        header: list[str] | None = None
        for _start, row in csv_rows(texts, delimiter):
            header = row if header is None else header
    except csv.Error as err:
        notes.append(Note(shown, f"not valid CSV ({err}); read as plain text"))
        return (Line(i, t) for i, t in enumerate(texts, 1))
    if header is None:
        return iter(())
    columns = id_columns(header)
    if not columns:
        notes.append(Note(shown, note("no-id-column")))
    return _cells(texts, delimiter, header, columns)


def _cells(texts: list[str], delimiter: str | None, header: list[str], columns: dict[int, str]) -> Iterator[Line]:
    rows = csv_rows(texts, delimiter)
    for number, row in rows:
        yield from (Line(number, cell, cell=True) for cell in row)  # the header row's cells, as text
        break
    for number, row in rows:
        for i, cell in enumerate(row):
            if not columns:
                yield Line(number, cell, cell=True)
            else:
                yield Line(number, cell, columns.get(i), header[i] if i < len(header) else f"column {i + 1}", cell=True)


def pipe_cells(line: str) -> list[tuple[str, int]]:
    """A Markdown table row's cells, each with where it starts in the line: '| A | 3.2 |' -> [(' A ', 1), (' 3.2 ', 5)]."""
    start = len(line) - len(line.lstrip(" \t"))
    end = len(line.rstrip(" \t"))
    if start < end and line[start] == "|":
        start += 1
    if end > start and line[end - 1] == "|":
        end -= 1
    cells, at = [], start
    for part in line[start:end].split("|"):
        cells.append((part, at))
        at += len(part) + 1
    return cells


def text_lines(texts: list[str]) -> Iterator[Line]:
    """Lines of text to scan, one by one. A Markdown table whose header row names a column of IDs (a row with a |,
    then a rule such as |---|---|) has each body row's cells read as a CSV's are: that column's numbers are IDs."""
    i = 0
    while i < len(texts):
        if "|" in texts[i] and i + 1 < len(texts) and RE["pipe_rule"].match(texts[i + 1]):
            header = [cell for cell, _at in pipe_cells(texts[i])]
            columns = id_columns(header)
            yield Line(i + 1, texts[i])
            yield Line(i + 2, texts[i + 1])
            i += 2
            while i < len(texts) and "|" in texts[i]:
                if not columns:
                    yield Line(i + 1, texts[i])
                for k, (cell, at) in enumerate(pipe_cells(texts[i]) if columns else []):
                    kind = columns.get(k)
                    yield Line(i + 1, cell, kind, RE["trim"].sub("", header[k]) if kind else None, at, cell=True)
                i += 1
            continue
        yield Line(i + 1, texts[i])
        i += 1


# -- files and folders ------------------------------------------------------------------------------------


def read_material(path: Path, shown: str, max_bytes: int, max_line: int, notes: list[Note]) -> Material:
    """Read one file into lines to scan; raise Skip when it cannot be read."""
    suffix = path.suffix.lower()
    data = read_bytes(path, max_bytes)
    word: list[Line] = []
    if suffix in rules.WORD_SUFFIXES:
        word = read_word(data, max_bytes, max_line)
        texts = [line.text for line in word]
        material = Material(shown, "word")
    else:
        said: list[str] = []
        texts = split_lines(decode(data, said))
        notes += [Note(shown, n) for n in said]
        table = suffix in rules.TABLE_SUFFIXES or (suffix in rules.TEXT_OR_TABLE_SUFFIXES and is_table(texts))
        material = Material(shown, "table" if table else "text")
    long_lines = [i for i, t in enumerate(texts, 1) if len(t) > max_line]
    if long_lines:
        more = f" (and {len(long_lines) - 1} more)" if len(long_lines) > 1 else ""
        notes.append(Note(shown, note("long-line", line=long_lines[0], more=more, limit=f"{max_line:,}")))
        texts = [t[:max_line] for t in texts]
    if material.kind == "table":
        material.lines = table_lines(texts, "\t" if suffix == ".tsv" else None, shown, notes)
    elif material.kind == "word":
        material.lines = [dataclasses.replace(w, text=t) for w, t in zip(word, texts, strict=True)]
    else:
        material.lines = text_lines(texts)
    return material


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def walk(paths: list[Path], notes: list[Note]) -> Iterator[tuple[Path, str]]:
    """(path, name to show) for every file to check, folders searched in name order; anything else named is tried as a file.

    Folders are walked with a list of those still to read, never by recursion, so no depth of folders can exhaust
    Python's stack."""
    supported = {*rules.TEXT_SUFFIXES, *rules.TABLE_SUFFIXES, *rules.WORD_SUFFIXES}
    for root in paths:
        if not root.is_dir():
            yield root, display_name(str(root))
            continue
        ignored = 0
        todo = [str(root)]
        while todo:
            folder = todo.pop()
            try:
                with os.scandir(folder) as entries:
                    listed = sorted((entry.name, _is_dir(entry), entry.is_symlink()) for entry in entries)
            except OSError as err:
                notes.append(Note(display_name(str(err.filename or folder)), f"skipped: {err.strerror or err}"))
                continue
            # As os.walk does: a link to a folder is neither followed nor read as a file.
            dirs = [n for n, is_dir, link in listed if is_dir and not link and not n.startswith(".") and n not in rules.SKIP_DIRS]
            todo += [os.path.join(folder, name) for name in reversed(dirs)]
            for name, is_dir, _link in listed:
                if is_dir:
                    continue
                path = Path(folder) / name
                if name.startswith(rules.SKIP_PREFIXES) or path.suffix.lower() not in supported:
                    ignored += 1
                    continue
                if path.is_symlink() and not path.exists():
                    notes.append(Note(display_name(str(path)), "skipped: a broken link"))
                    continue
                yield path, display_name(str(path))
        if ignored:
            notes.append(Note(display_name(str(root)), note("ignored", count=ignored, s="s" if ignored != 1 else "")))
