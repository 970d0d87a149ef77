"""The sites the tests build, each once per run: what goes into each, and how it is built and served.

conftest.py turns each into a session fixture; a test names the site it reads and never builds one
of these itself. A test that needs a site of its own (bad data, a changed template) calls
``conftest.mkdocs_build`` and is marked ``build``.

- the real site (``built_site``), served plainly (``site_url``);
- the real site as GitHub Pages serves it (``pages_site``): built for the sub-path /pqs/ of a local
  address, with a GitHub repository, and served gzipped with the site's own 404 page;
- the small invented data set (``small_site``: tests/fixtures/small), with a repository;
- the hostile site (``hostile_site``): the small data with markup and script in every text field;
- the rehearsal (``rehearsal_site``): the real data with an invented final edition made current,
  added as the maintainers' page says (tests/editions.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SMALL = FIXTURES / "small" / "pqs.yaml"
REPO_URL = "https://github.com/example-org/pqs-site"  # as in CI: the repository is on GitHub


@dataclass(frozen=True)
class Served:
    """A built site and the address it is served at (which the build was told)."""

    base: str  # http://127.0.0.1:PORT/pqs/
    site: Path


# -- the hostile data ------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img');window.__pwned=1\">",
    '"><svg onload="alert(\'svg\')">',
    "'><iframe src=javascript:alert('iframe')>",
    "</title><script>window.__pwned=2</script>",
    "{{ 7 * 7 }} {% raw %} [link](javascript:alert('md')) *x* <b>b</b>",
    '<a href="javascript:alert(\'a\')" id="pwned-link">click</a>',
    "` ${alert('tpl')} ` {#comment#} &lt;script&gt;alert('entity')&lt;/script&gt;",
    '[a link](https://x.test) { #evil } & "quoted" done',
]
# Fields of prose, where any text is allowed; keys, IDs, dates and addresses are checked by the loader.
PROSE = {
    "title",
    "short_title",
    "summary",
    "note",
    "text",
    "rationale",
    "basis",
    "label",
    "meaning",
    "at",
    "publisher",
    "copyright",
    "stands_for",
}


def poison(node: Any, payloads: itertools.cycle) -> Any:
    """The data with a payload added to the end of every prose field, in turn."""
    if isinstance(node, dict):
        return {k: (f"{v} {next(payloads)}" if k in PROSE and isinstance(v, str) else poison(v, payloads)) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, payloads) for v in node]
    return node


def hostile_data() -> dict[str, Any]:
    """The small data set with a payload in every prose field."""
    return poison(yaml.safe_load(SMALL.read_text(encoding="utf-8")), itertools.cycle(PAYLOADS))


def hostile_yaml() -> str:
    return yaml.safe_dump(hostile_data(), allow_unicode=True, sort_keys=False, width=10_000)
