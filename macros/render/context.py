"""What every renderer shares: the framework, the routes, the templates, and helpers bound to a page.

A renderer calls :meth:`Renderer.render` with a template and the page it writes; the template gets
``here`` (that page), ``fw`` (the framework), ``routes`` and ``r``, a :class:`Helpers` bound to the
page, whose methods return escaped markup: links that MkDocs checks, citations, permalink lines.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from macros import routes as routes_
from macros.core.model import Domain, Edition, Framework, Outcome, Provenance, Source
from macros.render.files import DATA_FILE
from macros.render.templating import attr, bytecode_cache, environment, md_text, truncate
from macros.routes import Item, Page, Routes, Target


@dataclass(frozen=True)
class Settings:
    """How the site is built: what the data file is called, and the site's address when known."""

    data_file: str = DATA_FILE
    site_url: str | None = None
    schema_text: str = ""
    repo_url: str | None = None  # the repository, for "report a problem" links
    keep_compiled: bool = False  # keep compiled templates between builds (the MkDocs hook and pqs-render do)


def item_text(item: Item) -> str:
    return item.title if isinstance(item, Domain) else item.text


def plain_words(item: Item, limit: int | None = None, *, stop: bool = True) -> str:
    """An item's words as plain text (a navigation title, a search title, a grid's cell), cut to about ``limit``
    characters where one is given, with " [sic]" after a slip in the source that the words still show; without
    its closing full stop when ``stop`` is false (a title)."""
    text = " ".join(item_text(item).split())
    if not stop:
        text = text.rstrip(".")
    if limit is not None:
        text = truncate(text, limit)
    for slip in getattr(item, "sic", ()):
        slip = " ".join(slip.split())
        if slip in text:
            text = text.replace(slip, f"{slip} [sic]", 1)
    return text


def distinct_words(items: Sequence[Item], limit: int) -> dict[int, str]:
    """Each item's :func:`plain_words` cut to about ``limit`` characters, but never before the words that tell
    it apart from every other item ("Build and maintain impactful relationships with children", not
    "… with…"), by the item's ``id()``. Sorted, an item's longest shared opening is with a neighbour."""
    words = {id(item): " ".join(item_text(item).split()).split(" ") for item in items}
    order = sorted(words, key=lambda key: words[key])
    need = dict.fromkeys(words, 1)
    for a, b in itertools.pairwise(order):
        wa, wb = words[a], words[b]
        shared = next((i for i, (x, y) in enumerate(zip(wa, wb, strict=False)) if x != y), min(len(wa), len(wb)))
        need[a], need[b] = max(need[a], shared + 1), max(need[b], shared + 1)
    out = {}
    for item in items:
        w = words[id(item)]
        n = min(need[id(item)], len(w))
        # One more character than the distinguishing words, so that truncate() keeps the last of them.
        out[id(item)] = plain_words(item, max(limit, len(" ".join(w[:n])) + (n < len(w))))
    return out


def item_label(item: Item) -> str:
    """How an item is named in a link when no label is given."""
    if isinstance(item, Domain):
        return f"Domain {item.id}: {item.title}"
    if isinstance(item, Outcome):
        return f"Outcome {item.id}"
    return item.id or "this statement"


def _title(text: str) -> str:
    """A Markdown link title: HTML-escaped, and no pipe (which would end a table cell)."""
    return html.escape(" ".join(text.split()), quote=True).replace("|", "&#124;")


class Renderer:
    """One build's renderer: the framework, its routes and a fresh template environment."""

    def __init__(self, fw: Framework, settings: Settings | None = None):
        self.fw = fw
        self.settings = settings or Settings()
        self.routes = Routes(fw.current.key)
        self.env = environment(cache=bytecode_cache() if self.settings.keep_compiled else None)

    def render(self, template: str, here: Page | None = None, **context: Any) -> str:
        page = here or Page(routes_.HOME)
        return self.env.get_template(template).render(here=page, fw=self.fw, routes=self.routes, r=Helpers(self, page), **context)

    def fragment(self, template: str, here: Page | None = None, **context: Any) -> Markup:
        """A rendered partial, as markup to place in another template."""
        return Markup(self.render(template, here, **context).strip("\n"))

    def edition_of(self, item: Item) -> Edition:
        return self.fw.editions[item.edition]


class Helpers:
    """Helpers for templates, bound to the page being written."""

    def __init__(self, renderer: Renderer, here: Page):
        self.renderer = renderer
        self.routes = renderer.routes
        self.here = here

    # -- links -----------------------------------------------------------------------------

    def link_to(self, target: Target | Page, label: str | Markup, title: str | None = None) -> Markup:
        """A Markdown link to a page or target; MkDocs checks it in a strict build."""
        target = target if isinstance(target, Target) else Target(target)
        hover = f' "{_title(title)}"' if title else ""
        return Markup(f"[{md_text(label)}]({routes_.md_href(self.here, target)}{hover})")

    def link(self, item: Item, label: str | Markup | None = None, title: str | None = None) -> Markup:
        """A Markdown link to a domain, outcome or statement."""
        return self.link_to(self.routes.target(item), item_label(item) if label is None else label, title)

    def link_hover(self, item: Item, label: str | Markup | None = None) -> Markup:
        """A link to an item with its words on hover."""
        return self.link(item, label, item_text(item))

    def href(self, url: str) -> str:
        """A relative link in raw HTML from this page to a site URL."""
        return routes_.html_href(self.here, url)

    def item_href(self, item: Item) -> str:
        return self.href(self.routes.url(item))

    # -- citations -----------------------------------------------------------------------------

    def cite(self, prov: Provenance) -> Markup:
        """'Publisher, *Title* (date), place', linked where the source has an address (Markdown)."""
        return self.renderer.fragment("parts/cite.md", self.here, prov=prov)

    def cite_all(self, provs: tuple[Provenance, ...] | list[Provenance]) -> Markup:
        """Several places cited at once, each source named once: '(Source: Cafcass, *Response* (2025), Question 12 and
        Question 13.)', or '(Sources: …; ….)' when there are several; nothing when there are none."""
        groups: dict[str, tuple[Source, list[str]]] = {}
        for prov in provs:
            groups.setdefault(prov.source.key, (prov.source, []))[1].append(prov.at)
        if not groups:
            return Markup("")
        return self.renderer.fragment("parts/cite-all.md", self.here, groups=list(groups.values()))

    def cite_all_html(self, provs: tuple[Provenance, ...] | list[Provenance], labels: list[str | None] | None = None) -> Markup:
        """The same as :meth:`cite_all`, as HTML, each place after its label where there is one ('3.2 D2: Question 13'):
        the print page cites each source once per outcome."""
        groups: dict[str, tuple[Source, list[str]]] = {}
        for i, prov in enumerate(provs):
            label = labels[i] if labels else None
            place = f"{label}: {prov.at}" if label else prov.at
            groups.setdefault(prov.source.key, (prov.source, []))[1].append(place)
        if not groups:
            return Markup("")
        return self.renderer.fragment("parts/cite-all.html", self.here, groups=list(groups.values()))

    def cite_source_only(self, source: Source) -> Markup:
        """'Publisher, *Title* (date)', linked where the source has an address: a source cited once for a whole page."""
        return self.renderer.fragment("parts/cite-source.md", self.here, src=source)

    def cite_html(self, prov: Provenance) -> Markup:
        """The same citation as HTML, for raw HTML blocks."""
        return self.renderer.fragment("parts/cite.html", self.here, prov=prov)

    def permalink(self, item: Item) -> Markup:
        """The line under an item: its edition, its permalink (which never changes meaning), and what Copy link and Cite copy."""
        edition = self.renderer.edition_of(item)
        item_id = getattr(item, "id", None)
        path = self.routes.versioned(edition.key, item_id) if item_id else self.routes.url(item)
        return self.renderer.fragment(
            "parts/permalink.html",
            self.here,
            item=item,
            item_id=item_id,
            path=path,
            edition=edition,
            citation=citation(item, edition),
            report=self.report_url(item),
        )

    def words(self, item: Item, limit: int | None = None) -> Markup:
        """An item's words, escaped for Markdown, with any slip in the source marked as such ([sic]), cut to
        about ``limit`` characters where one is given."""
        return self._words(item, md_text, limit)

    def words_html(self, item: Item, limit: int | None = None) -> Markup:
        """The same, for raw HTML (the print page, tables written as HTML)."""
        return self._words(item, attr, limit)

    def _words(self, item: Item, escape: Callable[[object], Markup], limit: int | None) -> Markup:
        text = " ".join(item_text(item).split())
        if limit is not None:
            text = truncate(text, limit)
        for slip in getattr(item, "sic", ()):
            slip = " ".join(slip.split())
            before, found, after = text.partition(slip)
            if found:
                mark = self.renderer.fragment("parts/sic.html", self.here, words=slip)
                space_before = Markup(" ") if before.endswith(" ") else Markup("")
                space_after = Markup(" ") if after.startswith(" ") else Markup("")
                return escape(before) + space_before + mark + space_after + escape(after)
        return escape(text)

    def report_url(self, item: Item) -> str | None:
        """A prefilled issue on the repository about this item, when the repository is known."""
        repo = self.renderer.settings.repo_url
        if not repo:
            return None
        edition = self.renderer.edition_of(item)
        label = getattr(item, "id", None) or f"{item.outcome_id} {item.kind} (unnumbered)"  # type: ignore[union-attr]
        page = routes_.absolute(self.renderer.settings.site_url, self.routes.url(item)) or self.routes.url(item)
        title = f"Problem with {label} ({edition.short_title})"
        body = f"Item: {label}\nEdition: {edition.title}\nPage: {page}\n\nWhat is wrong:\n"
        return f"{repo.rstrip('/')}/issues/new?" + urlencode({"title": title, "body": body})

    def md(self, value: object) -> Markup:
        return md_text(value)

    def attr(self, value: object) -> Markup:
        return attr(value)


def _year(value: str | None) -> str:
    return value.split("-")[0] if value else "n.d."


def citation(item: Item, edition: Edition) -> str:
    """A reference in the Harvard style (Cite Them Right), with {url} and {accessed} for the Cite button to fill.

    The author and title are the edition's; where the words come from another source than the
    edition's own document, the reference says so: 'as quoted in' that source.
    """
    publisher = edition.provenance.source.publisher
    if isinstance(item, Domain):
        what = f"domain {item.id}"
    elif isinstance(item, Outcome):
        what = f"outcome {item.id}"
    elif item.id:
        what = f"statement {item.id}"
    else:
        what = f"unnumbered {item.kind} statement of outcome {item.outcome_id}"
    text = f"{publisher} ({_year(edition.published)}) {edition.title}, {what}"
    src = item.provenance.source
    if src.key != edition.provenance.source.key:
        text += f", as quoted in {src.publisher} ({_year(src.published)}) {src.title}, {item.provenance.at}"
    return text + ". Available at: {url} (Accessed: {accessed})."
