"""The Content-Security-Policy every page carries (a meta tag, in overrides/main.html).

Nothing runs on a page but the site's own script files and the theme's few inline scripts, each
allowed by the hash of its exact text; inline event handlers, javascript: addresses, scripts from
another host and plugins are refused. The theme's inline scripts are rendered from its own templates
(they differ only by the page's depth in the site), so the hashes come from the theme, never from
what a page happens to contain: a script that reached a page some other way would not match.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jinja2 import TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig

from macros.render.templating import script_hash

# The theme's partials that print inline scripts.
THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/content.html",
    "partials/javascripts/outdated.html",
)
MAX_DEPTH = 8  # how deep a page can sit below the site's root (draft-2025/outcomes/3.2/ is 3)


def base_urls(config: MkDocsConfig) -> list[str]:
    """Every base URL a page can have: relative ones by depth, and the absolute one of the 404 page."""
    relative = ["/".join([".."] * depth) or "." for depth in range(MAX_DEPTH + 1)]
    root = urlsplit(config.site_url or "").path or "/"
    return [*relative, root, root.rstrip("/") or "/"]


def theme_hashes(config: MkDocsConfig) -> list[str]:
    env = config.theme.get_env()
    features = config.theme.get("features") or []
    found: set[str] = set()
    for name in THEME_SCRIPTS:
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            continue
        for base in base_urls(config):
            html = template.render(config=config, base_url=base, features=features, page=None)
            found.update(script_hash(body) for body in re.findall(r"<script>(.*?)</script>", html, re.S))
    return sorted(found)


def policy(config: MkDocsConfig) -> str:
    scripts = " ".join(["'self'", *theme_hashes(config)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-src 'none'",
        ]
    )
