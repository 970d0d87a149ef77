"""Finding ID-like tokens in one line of text, by the rule in :mod:`macros.checker.rules`.

The line is first read as a person reads it (:func:`normalise`: character references decoded, emphasis marks,
tags and invisible characters dropped, full-width and look-alike letters made plain), and every reference is
reported where it was written. Then four passes over the normalised line, each skipping what an earlier one took:

1. near misses of statement IDs, anywhere (``3.2 DD2``, ``3..2 D2``, ``3.2 D 2``, ``x9.9 D9``);
2. lists after a cue word (``PQS 3.1, 3.2 and 3.3``, ``PQS 3.1–3.4``), the start of a cell of a column of IDs,
   and the start of a line that continues a cue ending the line before (``PQS:`` and a list under it);
3. statement IDs, anywhere, each with the shorthand and range ends after it (``3.2 D2, D3 and K1``, ``3.2 D1–D4``);
4. bare decimals, which are not counted but may be shown as a hint.

What is taken is marked in a byte mask, so each pass costs time linear in the
line's length (the JavaScript engine does the same with a Uint8Array).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from macros.checker import rules

_FLAGS = re.IGNORECASE | re.ASCII
RE = {name: re.compile(pattern, _FLAGS) for name, pattern in rules.PATTERNS.items()}


@dataclass(frozen=True, slots=True)
class Found:
    """One ID-like token in a line: where it is, what was written, and its parts."""

    start: int
    end: int
    written: str
    numbers: tuple[str, ...]
    letter: str | None = None  # as written; a near miss may have several ("DD")
    number: str | None = None
    domain_ok: bool = False  # found after "PQS domain" or in a column of domains
    near: bool = False  # a near miss of a statement ID
    tail: str = ""  # letters, digits or dotted digits glued after the ID ("a" in 3.2 D2a)
    head: str = ""  # letters glued before a statement ID ("x" in x9.9 D9)
    range_from: Found | None = None  # the other end, when this is the end of a range (3.4 in 3.1–3.4)


@dataclass(slots=True)
class Work:
    """How much scanning was done: regex calls and characters marked (the linear-time tests read this)."""

    steps: int = 0


@dataclass
class Scanned:
    """What one line holds: references, bare decimals not counted, and whether it ends with a PQS cue that has no ID
    after it (``PQS:``), so that the lines after it may hold its list."""

    found: list[Found]
    bare: list[Found]
    opens: bool = False
    continued: bool = False  # a line read as continuing a cue found an ID at its start


class Normal:
    """A line as it is read, and the way back from a place in it to the place where it was written."""

    def __init__(self, line: str, work: Work) -> None:
        self.line = line
        parts: list[str] = []
        # Each replaced piece: (start in the text, end in the text, start in the line, end in the line).
        self.spans: list[tuple[int, int, int, int]] = []
        at = length = 0
        fold = None
        for m in RE["normal"].finditer(line):
            work.steps += 1
            written = m.group(0)
            first = written[0]
            if first == "&":
                read = _reference(written[1:-1])
                if fold is None:
                    fold = rules.fold_table()
                read = fold.get(read, read)
            elif first == "<":
                read = " " if m.group(2).lower() in rules.BLOCK_TAGS else ""
            elif first in "*`~_":
                read = ""
            else:
                if fold is None:
                    fold = rules.fold_table()
                read = fold.get(written, written)
            if read == written:
                continue
            parts.append(line[at : m.start()])
            length += m.start() - at
            self.spans.append((length, length + len(read), m.start(), m.end()))
            parts.append(read)
            length += len(read)
            at = m.end()
        if not self.spans:
            self.text = line
            return
        parts.append(line[at:])
        self.text = "".join(parts)
        self._starts = [s[0] for s in self.spans]

    def start(self, pos: int) -> int:
        """Where the character at pos of the text was written."""
        if not self.spans:
            return pos
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        _start, end, line_start, line_end = self.spans[i]
        return line_start if pos < end else line_end + pos - end

    def end(self, pos: int) -> int:
        """Where the text up to pos ends in the line as written."""
        if not self.spans:
            return pos
        i = bisect.bisect_left(self._starts, pos) - 1
        if i < 0:
            return pos
        _start, end, _line_start, line_end = self.spans[i]
        return line_end if pos <= end else line_end + pos - end

    def back(self, f: Found) -> Found:
        if not self.spans:
            return f
        start, end = self.start(f.start), self.end(f.end)
        return dataclasses.replace(f, start=start, end=end, written=self.line[start:end])


def _reference(name: str) -> str:
    """The character a character reference (without & and ;) stands for, or the reference as written."""
    if name[0] == "#":
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return f"&{name};"
        return chr(code)
    return rules.entities().get(name, f"&{name};")


def normalise(line: str) -> str:
    """The line as the checker reads it."""
    return Normal(line, Work()).text


def scan(line: str, column: str | None = None, work: Work | None = None, cued: bool = False) -> tuple[list[Found], list[Found]]:
    """The references in one line, and the bare decimals that were not counted (:func:`scan_line`)."""
    s = scan_line(line, column, work, cued)
    return s.found, s.bare


def scan_line(line: str, column: str | None = None, work: Work | None = None, cued: bool = False) -> Scanned:
    """The references in one line, the bare decimals that were not counted, and whether it opens a list.

    ``column`` is "ids" or "domains" for a cell of a table's column of IDs: its
    start is read as if a cue came before it. ``cued`` reads a line's start so too,
    for a line under one that ended with a PQS cue.
    """
    work = work if work is not None else Work()
    normal = Normal(line, work)
    text = normal.text
    taken = bytearray(len(text))
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        work.steps += end - start + 1
        return taken.find(1, start, end) < 0

    def take(f: Found) -> None:
        work.steps += f.end - f.start + 1
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        found.append(f)

    for m in RE["near"].finditer(text):
        work.steps += 1
        take(
            Found(
                m.start(),
                m.end(),
                m.group(0),
                (m.group(1), m.group(3)),
                re.sub("[^A-Za-z]", "", m.group(4)),
                m.group(5),
                near=True,
                tail=m.group(6),
            )
        )
    for m in RE["headed"].finditer(text):
        work.steps += 1
        if free(m.start(), m.end()):
            take(Found(m.start(), m.end(), m.group(0), (m.group(2), m.group(3)), m.group(4), m.group(5), head=m.group(1)))

    def short(at: int, prev: Found | None) -> Found | None:
        """A statement's letter and number standing for a statement of prev's outcome (the D3 of 3.2 D2, D3)."""
        if prev is None or not prev.letter or prev.near or prev.head or prev.letter.upper() not in rules.LETTERS:
            return None
        work.steps += 1
        m = RE["short"].match(text, at)
        if not m or not free(m.start(), m.end()):
            return None
        return Found(m.start(), m.end(), m.group(0), prev.numbers, m.group(1), m.group(2), tail=m.group(3))

    def token(at: int, domain_ok: bool, cued: bool) -> Found | None:
        """An ID-like token at a place: after a cue, anything like an ID; else only a statement ID."""
        work.steps += 1
        tok = RE["token"].match(text, at)
        if not tok or not free(tok.start(), tok.end()):
            return None
        numbers = tuple(tok.group(1).split("."))
        if len(numbers) == 1 and not domain_ok:
            return None  # "PQS 2025": a lone number is a domain only after "PQS domain"
        if not cued and (not tok.group(2) or tok.group(2).upper() not in rules.LETTERS):
            return None
        return Found(tok.start(), tok.end(), tok.group(0), numbers, tok.group(2), tok.group(3), domain_ok, tail=tok.group(4))

    def chain(pos: int, domain_ok: bool, cued: bool = True, prev: Found | None = None) -> int:
        """Read a list from pos: after a cue (cued) its IDs; after a statement ID (prev) its shorthand and range ends."""
        first = prev is None
        while True:
            at = pos
            if not first:
                if prev is not None:
                    work.steps += 1
                    rng = RE["range"].match(text, pos)
                    if rng:
                        end = token(rng.end(), domain_ok, cued) or short(rng.end(), prev)
                        if end is not None:
                            end = dataclasses.replace(end, range_from=prev)
                            take(end)
                            prev, pos = end, end.end
                            continue
                work.steps += 1
                sep = RE["separator"].match(text, pos)
                if not sep:
                    break
                at = sep.end()
            work.steps += 1
            tok = RE["token"].match(text, at)
            if tok and not free(tok.start(), tok.end()):
                if not taken[at]:
                    break
                pos = at  # a near miss sits in the list: the list goes on after it
                while pos < len(text) and taken[pos]:
                    pos += 1
                work.steps += pos - at
                first, prev = False, None
                continue
            f = token(at, domain_ok, cued) or short(at, prev)
            if f is None:
                break
            take(f)
            prev, pos, first = f, f.end, False
        return pos

    consumed = 0
    continued = False
    if column or cued:
        lead = RE["lead"].match(text)
        start = lead.end() if lead else 0
        before = len(found)
        consumed = chain(start, column == "domains")
        continued = len(found) > before
    opens = False
    for cue in RE["cue"].finditer(text):
        work.steps += 1
        if cue.start() < consumed:
            continue
        kind = (cue.group(1) or "").lower()
        end = chain(cue.end(), kind in rules.DOMAIN_WORDS)
        consumed = max(consumed, end)
        if end == cue.end() and cue.group(0)[:3].lower() == rules.PQS_WORD and not RE["trim"].sub("", text[end:]):
            opens = True
    for m in RE["statement"].finditer(text):
        work.steps += 1
        if free(m.start(), m.end()):
            f = Found(m.start(), m.end(), m.group(0), (m.group(1), m.group(2)), m.group(3), m.group(4))
            take(f)
            chain(f.end, False, cued=False, prev=f)
    found.sort(key=lambda f: f.start)
    bare = []
    for m in RE["bare"].finditer(text):
        work.steps += 1
        if free(m.start(), m.end()):
            bare.append(Found(m.start(), m.end(), m.group(0), (m.group(1), m.group(2))))
    return Scanned([normal.back(f) for f in found], [normal.back(b) for b in bare], opens, continued)
