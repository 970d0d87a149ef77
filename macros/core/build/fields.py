"""Every field on its own, whatever part of the data it is in.

The JSON Schema checks each field's shape, but a pattern can almost match: ``"3.3 D1\\n"`` passes
``^…$`` in Python, ``"2025-02-30"`` passes ``YYYY-MM-DD``, and a key may be a good slug and still be
the name of one of the site's own pages. These checks close those gaps as classes, by field kind:

- a field that is not prose is one line, with no space at either end;
- no field holds a control character (the reader refuses most; this catches the rest);
- a date is a real date;
- a web address is https, with a host, in plain ASCII, and nothing that could leave an HTML attribute;
- a key that names a page or folder of the site is not one the site already uses;
- every field is at most as long as its use allows (:data:`LIMITS`: a key becomes a folder, a file
  name and part of Moodle's 100-character ID numbers; a title a heading), and a number in an ID has
  at most :data:`ID_DIGITS` digits;
- no text starts as a spreadsheet formula would (=, +, - or @, after any blanks, in any width), so
  every file made from the data is safe in a spreadsheet without altering a word of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from macros.core.build.context import Context
from macros.core.problems import PathT

# Prose: may run over several lines in the file (they are joined when shown).
PROSE = {
    "text",
    "title",
    "summary",
    "note",
    "rationale",
    "basis",
    "meaning",
    "label",
    "short_title",
    "at",
    "publisher",
    "copyright",
    "paragraphs",
    "points",
    "lead_in",
    "cut",
}
DATES = {"published", "consultation_closes", "applies_from", "applies_until", "date"}
# The longest each field may be, in characters, by its name (every string field of the schema has one:
# tests/test_data_limits.py). Keys and IDs name folders, files and anchors; prose is a heading or a paragraph.
# The real data's longest are well inside: a statement of 450 characters, a source title of 130.
LIMITS = {
    # names: a folder or file name, an anchor, part of a Moodle ID number (100 characters in all)
    "key": 40,
    "ref": 40,
    "edition": 40,
    "status": 40,
    "current_edition": 40,
    "seed": 120,
    "term": 40,
    "reference": 300,
    # IDs ("3", "3.2", "3.2 D2"), or an area's key, where either may stand
    "id": 12,
    "about": 12,
    "covers": 12,
    "from": 40,
    "to": 40,
    "change": 20,
    "type": 20,
    "licence": 20,
    "coverage": 10,
    "kind": 10,
    # dates ("2025-03-20")
    "published": 10,
    "consultation_closes": 10,
    "applies_from": 10,
    "applies_until": 10,
    "date": 10,
    # prose
    "label": 60,
    "short_title": 80,
    "copyright": 120,
    "at": 200,
    "stands_for": 120,
    "publisher": 200,
    "sic": 200,
    "title": 300,
    "rationale": 600,
    "meaning": 600,
    "summary": 1500,
    "lead_in": 200,
    "points": 600,
    "paragraphs": 1500,
    "cut": 600,
    "note": 1500,
    "text": 2000,
    "basis": 2000,
    "url": 2000,
}
ID_DIGITS = 3  # a number in an ID is at most 999
ID_FIELDS = {"id", "about", "covers", "from", "to"}  # the fields that hold IDs (from and to may hold an area's key)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u2028\u2029]")
_ID_LIKE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?: [KD][0-9]+)?")
# What a spreadsheet runs as a formula when a cell starts with it (OWASP's list), in any width: a
# full-width ＝ is one to a spreadsheet that normalises it.
_FORMULA = re.compile(r"[=+\-@\uff1d\uff0b\uff0d\uff20\u2212\u2013\u2014\ufe62\ufe63\ufe66]")
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\{}|^\x00-\x1f\x7f]")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _strings(node: Any, path: PathT = ()) -> Iterator[tuple[PathT, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
    elif isinstance(node, str):
        yield path, node


def _field(path: PathT) -> str:
    """The name of the field a place belongs to: 'text' for …statements[0].text, 'about' for …about[1]."""
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "")


def check(data: dict[str, Any], ctx: Context, reserved: frozenset[str]) -> None:
    for path, value in _strings(data):
        name = _field(path)
        limit = LIMITS.get(name, max(LIMITS.values()))
        if len(value) > limit:
            ctx.problem(
                path,
                f"this {name or 'value'} is {len(value):,} characters long; a {name or 'value'} is at most {limit:,}",
                f"shorten it to {limit:,} characters or fewer (the limits are LIMITS in macros/core/build/fields.py)",
            )
            continue
        bad = _CONTROL.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            ctx.problem(path, f"this text holds an invisible control character ({code})", "delete it (retype the text around it if unsure)")
            continue
        if name not in PROSE and (value != value.strip() or "\n" in value or "\t" in value):
            ctx.problem(path, f"'{name}' must be one line with no space at either end (found {value!r})", "write it on one line, trimmed")
            continue
        start = value.lstrip()[:1]
        if start and _FORMULA.fullmatch(start):
            ctx.problem(
                path,
                f"this {name or 'value'} starts with {start!r}, which a spreadsheet runs as a formula",
                "start it with a word or a number (no standards text starts with =, +, - or @)",
            )
            continue
        if name in ID_FIELDS and _ID_LIKE.fullmatch(value) and any(len(n) > ID_DIGITS for n in re.findall(r"[0-9]+", value)):
            ctx.problem(
                path,
                f"a number in the ID {value[:20]}… is over {ID_DIGITS} digits long",
                f"PQS IDs number from 1 to {10**ID_DIGITS - 1}: check the ID",
            )
            continue
        if name in DATES:
            _date(value, path, ctx)
        elif name == "url":
            _url(value, path, ctx)
    _reserved_keys(data, ctx, reserved)


def parse_date(value: str) -> date | None:
    """The first day a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' date covers, or None when it is not a real date."""
    match = _DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date(value: str, path: PathT, ctx: Context) -> None:
    if _DATE.fullmatch(value) and parse_date(value) is None:
        ctx.problem(path, f"{value} is not a real date", 'give a date that exists, as "YYYY-MM-DD" (or "YYYY-MM" or "YYYY")')


def _url(value: str, path: PathT, ctx: Context) -> None:
    try:
        parts = urlsplit(value)
        plain = value.isascii() and parts.scheme == "https" and bool(parts.hostname) and not (parts.username or parts.password)
        parts.port  # noqa: B018 (a port that is not a number raises)
    except ValueError:  # an unclosed [ of an IPv6 host, a character NFKC turns into / or ?, a bad port
        plain = False
    if not plain or _UNSAFE_IN_URL.search(value):
        ctx.problem(
            path,
            f"{value!r} is not a plain https:// address",
            "give the full https:// address in plain ASCII (other characters percent-encoded), without spaces, quotes, "
            "angle brackets or a user name, or leave url out",
        )


def _reserved_keys(data: dict[str, Any], ctx: Context, reserved: frozenset[str]) -> None:
    """Editions become folders of the site and baselines pages at its top level: neither may take a name the site uses."""
    taken: dict[str, PathT] = {}
    for group in ("editions", "baselines"):
        for i, raw in enumerate(data.get(group, [])):
            key = raw.get("key") if isinstance(raw, dict) else None
            if not isinstance(key, str):
                continue
            path = (group, i, "key")
            if key in reserved:
                ctx.problem(
                    path,
                    f"the key '{key}' is also the name of one of the site's own pages or folders (/{key}/)",
                    "choose another key, for example with a year: " + f"{key}-2025",
                )
            elif key in taken:
                ctx.problem(
                    path, f"the key '{key}' is already used at line {ctx.line(taken[key])}", "give each edition and baseline its own key"
                )
            taken.setdefault(key, path)
