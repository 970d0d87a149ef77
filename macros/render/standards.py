"""What the site's script needs to find an ID (``assets/javascripts/pqs-ids.js``), and two facts several
page kinds use: an item's words for a redirect, an edition's official document. The pages themselves
are in :mod:`macros.render.pages`."""

from __future__ import annotations

import json

from macros import routes as routes_
from macros.core import ids
from macros.core.history import histories
from macros.core.model import Edition
from macros.render.context import Renderer, item_text
from macros.routes import Item


def item_words(item: Item) -> str:
    return item_text(item)


def official_url(edition: Edition) -> str | None:
    """Where the edition's full text is: its own document, else the one that superseded it."""
    if edition.provenance.source.url:
        return edition.provenance.source.url
    sup = edition.superseded_by
    return sup.provenance.source.url if sup else None


def ids_script(r: Renderer) -> str:
    """What the site's script needs to jump from the search box to an ID (window.PQS_IDS): the ID
    grammar and URL templates, written once in Python (macros/core/ids.py, macros/routes.py), and
    the IDs of the current edition."""
    fw = r.fw
    stories = histories(fw)
    payload = {
        "grammar": ids.browser_grammar(),
        # The 404 page reads an edition's export to judge a mistyped ID by the checker's rule ({edition} is its key).
        "urls": r.routes.templates(),
        "folders": r.routes.folders(),
        "outcomes": {o.id: [s.id.split(" ")[1] for s in o.statements if s.id] for o in fw.current.outcomes},
        # IDs whose short permalink is a page of its own (they do not mean the same in every edition).
        "pages": {i: r.routes.short(i) for i, story in stories.items() if not story.steady},
        "edition": {"key": fw.current.key, "short_title": fw.current.short_title, "official": official_url(fw.current)},
        # What the search box loads, in order, to judge a typed ID as the checker does (pqs.js).
        "judge": [routes_.CHECK_RULES_SCRIPT, routes_.CHECK_ENGINE_SCRIPT, routes_.JUDGE_DATA_SCRIPT],
    }
    return "window.PQS_IDS=" + json.dumps(payload, separators=(",", ":")).replace("<", "\\u003c") + ";\n"
