"""Every field on its own, whatever part of the data it is in.

The JSON Schema checks each field's shape, but a pattern can almost match: ``"3.3 D1\\n"`` passes
``^…$`` in Python, ``"2025-02-30"`` passes ``YYYY-MM-DD``, and a key may be a good slug and still be
the name of one of the site's own pages. These checks close those gaps as classes, by field kind:

- a field that is not prose is one line, with no space at either end;
- no field holds a control character (the reader refuses most; this catches the rest);
- a date is a real date;
- a web address is https, with a host, and nothing that could leave an HTML attribute;
- a key that names a page or folder of the site is not one the site already uses.
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
PROSE = {"text", "title", "summary", "note", "rationale", "basis", "meaning", "label", "short_title", "at", "publisher", "copyright"}
DATES = {"published", "consultation_closes", "applies_from", "applies_until", "date"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u2028\u2029]")
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
        bad = _CONTROL.search(value)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            ctx.problem(path, f"this text holds an invisible control character ({code})", "delete it (retype the text around it if unsure)")
            continue
        if name not in PROSE and (value != value.strip() or "\n" in value or "\t" in value):
            ctx.problem(path, f"'{name}' must be one line with no space at either end (found {value!r})", "write it on one line, trimmed")
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
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or _UNSAFE_IN_URL.search(value) or parts.username or parts.password:
        ctx.problem(
            path,
            f"{value!r} is not a plain https:// address",
            "give the full https:// address, without spaces, quotes, angle brackets or a user name, or leave url out",
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
