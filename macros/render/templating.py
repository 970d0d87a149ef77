"""The Jinja environment every generated page is written with: escaping is the default.

Templates ending in ``.html`` are HTML partials, every one of which ends up inside a Markdown page:
every ``{{ value }}`` is escaped for HTML and, with character references, for that Markdown too
(:func:`attr`). Templates ending in ``.md`` are Markdown, where every ``{{ value }}`` is escaped for
Markdown *and* HTML by :func:`md_text`. So a ``*``, ``[``, ``{{`` or ``<script>`` in the data shows
as itself wherever it goes. A value
that is already markup is a :class:`~markupsafe.Markup` (a link built by a helper here, or a
rendered HTML partial) and passes through; writing ``|safe`` in a template is rare and reviewed.

Filters for the few other places data goes:

- ``|attr``: HTML-escaped, for raw HTML inside a Markdown template (element text or an attribute);
- ``|label``: for an ``attr_list`` value (``{ data-toc-label="…" }``), which must not contain braces;
- ``|front``: a YAML front-matter value (the theme writes ``title`` and ``description`` unescaped);
- ``|url``: a web address for an HTML attribute; ``|mdurl``: the same for a Markdown link
  (spaces, quotes, brackets and parentheses percent-encoded; the data's addresses are checked to be https);
- ``|date``: ``2025-03-20`` → ``20 March 2025``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&\"'])")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", '"': "&quot;", "'": "&#x27;"}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def squash(value: object) -> str:
    """Whitespace (newlines included) collapsed to single spaces, ends trimmed; a control character
    (which the loader refuses, and which Markdown uses internally) shows as U+FFFD."""
    return " ".join(_CONTROL.sub("\ufffd", str(value)).split())


def md_text(value: object) -> Markup:
    """Data text escaped for a Markdown paragraph, heading or table cell: it renders literally."""
    if isinstance(value, Markup):
        return value
    return Markup(_MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group(1), "\\" + m.group(1)), squash(value)))


# Characters that Markdown reads as syntax even inside inline raw HTML (a <span> in a heading or a
# paragraph): as character references they show as themselves and mean nothing to Markdown.
_MD_IN_HTML = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]!|"})


def attr(value: object) -> Markup:
    """Data text escaped for raw HTML, element content or a quoted attribute, that Markdown may read
    again (every HTML partial ends up in a Markdown page): HTML's specials as entities, and Markdown's
    as character references, so neither language finds any syntax in it."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(squash(value), quote=True).translate(_MD_IN_HTML))


def label(value: object) -> Markup:
    """Text for an attr_list value ({ data-toc-label="…" }): HTML-escaped, without braces."""
    return attr(squash(value).replace("{", "(").replace("}", ")"))


_NAME = re.compile(r"[a-z][a-z0-9_]*")


def name(value: str) -> Markup:
    """A name of the code's own (a front-matter key), printed as it is: only a plain identifier is allowed."""
    if not _NAME.fullmatch(value):
        raise ValueError(f"{value!r} is not a plain name")
    return Markup(value)


def front(value: object) -> Markup:
    """A front-matter value: HTML-escaped (the theme prints it as it is), as a JSON (YAML) string."""
    if isinstance(value, (bool, int, float)) or value is None:
        return Markup(json.dumps(value))
    if isinstance(value, (list, dict)):
        return Markup(json.dumps(value, ensure_ascii=False))
    return Markup(json.dumps(str(attr(value)), ensure_ascii=False))


_URL_SAFE = "/:#?&=%@+,;~!$*-._"


def url_html(value: str) -> Markup:
    """A web address for an HTML attribute: unsafe characters percent-encoded, then HTML-escaped."""
    return Markup(html.escape(quote(value, safe=_URL_SAFE), quote=True))


def url_md(value: str) -> Markup:
    """A web address for a Markdown link: unsafe characters (parentheses, spaces, quotes) percent-encoded."""
    return Markup(quote(value, safe=_URL_SAFE))


def script_hash(body: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script: 'sha256-…'."""
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def format_date(value: str) -> str:
    """'2025-03-20' -> '20 March 2025'; '2027-09' -> 'September 2027'; '2025' -> '2025'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    day = Date(int(parts[0]), int(parts[1]), int(parts[2]))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def truncate(value: str, limit: int = 60) -> str:
    """At most ``limit`` characters, cut at a word and marked with an ellipsis."""
    value = squash(value)
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Every value a template prints, escaped in one place: in a Markdown template for Markdown (and HTML),
    in an HTML partial for HTML and for the Markdown page it will sit in (:func:`attr`)."""
    if value is None:
        raise ValueError("a template printed None: pass text, or test for it with {% if %}")
    if isinstance(value, Markup):
        return value
    return attr(value) if eval_ctx.autoescape else md_text(value)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(".html")


def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between builds (a tenth of a second a build, most of what a reload of
    ./dev serve spends on them), in Jinja's own per-user folder. Each is keyed by the template's path
    and checked against its source, so an edited template is compiled again; without a writable
    folder there is no cache, and nothing else changes."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def environment(globals_: dict[str, Callable[..., Any] | Any] | None = None, cache: BytecodeCache | None = None) -> Environment:
    """A fresh environment over macros/render/templates (one per build, so edits show under serve)."""
    env = Environment(
        bytecode_cache=cache,
        loader=FileSystemLoader(TEMPLATES),
        autoescape=_autoescape,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The environment lives for one build, so a template cannot change under it: no stat() of
        # the template's file on every use (tens of thousands of uses at 10x).
        auto_reload=False,
    )
    env.filters.update(
        attr=attr,
        label=label,
        front=front,
        name=name,
        date=format_date,
        md=md_text,
        truncate=truncate,
        squash=squash,
        url=url_html,
        mdurl=url_md,
    )
    env.globals.update(plural=plural, **(globals_ or {}))
    return env
