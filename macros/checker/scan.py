"""Finding ID-like tokens in one line of text, by the rule in :mod:`macros.checker.rules`.

Four passes over the line, each skipping what an earlier one took:

1. near misses of statement IDs, anywhere (``3.2 DD2``, ``3..2 D2``, ``3.2 D 2``);
2. lists after a cue word (``PQS 3.1, 3.2 and 3.3``), and the start of a cell of a column of IDs;
3. statement IDs, anywhere;
4. bare decimals, which are not counted but may be shown as a hint.

What is taken is marked in a byte mask, so each pass costs time linear in the
line's length (the JavaScript engine does the same with a Uint8Array).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.checker import rules

_FLAGS = re.IGNORECASE | re.ASCII
RE = {name: re.compile(pattern, _FLAGS) for name, pattern in rules.PATTERNS.items()}


@dataclass(frozen=True)
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


@dataclass
class Work:
    """How much scanning was done: regex calls and characters marked (the linear-time tests read this)."""

    steps: int = 0


def scan(line: str, column: str | None = None, work: Work | None = None) -> tuple[list[Found], list[Found]]:
    """The references in one line, and the bare decimals that were not counted.

    ``column`` is "ids" or "domains" for a cell of a table's column of IDs: its
    start is read as if a cue came before it.
    """
    work = work if work is not None else Work()
    taken = bytearray(len(line))
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        work.steps += end - start + 1
        return taken.find(1, start, end) < 0

    def take(f: Found) -> None:
        work.steps += f.end - f.start + 1
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        found.append(f)

    for m in RE["near"].finditer(line):
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

    def chain(pos: int, domain_ok: bool) -> int:
        first = True
        while True:
            at = pos
            if not first:
                work.steps += 1
                sep = RE["separator"].match(line, pos)
                if not sep:
                    break
                at = sep.end()
            work.steps += 1
            tok = RE["token"].match(line, at)
            if not tok:
                break
            if not free(tok.start(), tok.end()):
                if not taken[at]:
                    break
                pos = at  # a near miss sits in the list: the list goes on after it
                while pos < len(line) and taken[pos]:
                    pos += 1
                work.steps += pos - at
                first = False
                continue
            numbers = tuple(tok.group(1).split("."))
            if len(numbers) == 1 and not domain_ok:
                break  # "PQS 2025": a lone number is a domain only after "PQS domain"
            take(Found(tok.start(), tok.end(), tok.group(0), numbers, tok.group(2), tok.group(3), domain_ok, tail=tok.group(4)))
            pos = tok.end()
            first = False
        return pos

    consumed = 0
    if column:
        lead = RE["lead"].match(line)
        consumed = chain(lead.end() if lead else 0, column == "domains")
    for cue in RE["cue"].finditer(line):
        work.steps += 1
        if cue.start() < consumed:
            continue
        kind = (cue.group(1) or "").lower()
        consumed = max(consumed, chain(cue.end(), kind in rules.DOMAIN_WORDS))
    for m in RE["statement"].finditer(line):
        work.steps += 1
        if free(m.start(), m.end()):
            take(Found(m.start(), m.end(), m.group(0), (m.group(1), m.group(2)), m.group(3), m.group(4)))
    found.sort(key=lambda f: f.start)
    bare = []
    for m in RE["bare"].finditer(line):
        work.steps += 1
        if free(m.start(), m.end()):
            bare.append(Found(m.start(), m.end(), m.group(0), (m.group(1), m.group(2))))
    return found, bare
