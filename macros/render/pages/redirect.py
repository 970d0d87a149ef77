"""A permalink's page: a tiny HTML page that sends the reader on to where an item is shown, keeping any query
string (id/3.2-D2/, draft-2025/3.2-D2/, draft-2025/outcomes/3.2/). Template: redirect.html."""

from __future__ import annotations

import json

from markupsafe import Markup

from macros import routes as routes_
from macros.render.context import Renderer
from macros.render.templating import attr, script_hash


def page(r: Renderer, file_path: str, target_url: str, label: str, words: str) -> str:
    """A tiny page at ``file_path`` that sends the reader on to ``target_url`` (a site URL), keeping any query string."""
    target = routes_.href(file_path.rsplit("/", 1)[0] + "/", target_url)
    canonical = routes_.absolute(r.settings.site_url, target_url) or target
    # The script keeps a query string (?utm_…) before the anchor; the page allows it, and only it, by its hash.
    script = (
        "var t = "
        + json.dumps(target).replace("<", "\\u003c")
        + ".split('#'); location.replace(t[0] + location.search + (t[1] ? '#' + t[1] : ''));"
    )
    # Escaped here once, as the template would escape them (attr), since it prints the target three times and the
    # label twice: a site has one of these pages for every ID of every edition (16,000 at 10x the framework).
    return r.render(
        "redirect.html",
        None,
        label=attr(label),
        words=words,
        target=attr(target),
        script=Markup(script),
        policy=f"default-src 'none'; script-src {script_hash(script)}; base-uri 'none'; form-action 'none'",
        canonical=canonical,
    )
