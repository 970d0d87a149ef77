"""Render the whole site from the framework: ``render_site(framework, settings) -> Site``.

Every generated page and file comes from here, as text, with the navigation it needs; the
MkDocs hook (:mod:`macros.adapters.mkdocs`) and the ``pqs-render`` command
(:mod:`macros.cli.render`) are thin adapters over it. Nothing here imports MkDocs.

Every edition is published: the current one at the top level, each other under its key. Every ID
of every edition has a versioned permalink that never changes meaning (``draft-2025/3.2-D2/``);
the short permalink (``id/3.2-D2/``) follows the current edition, and where an ID does not mean
the same in every edition its short permalink is a page that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from macros import routes as routes_
from macros.checker import browser
from macros.core.model import Edition, Framework
from macros.render import changes, downloads, editions, judgedata, parts, standards
from macros.render.context import Renderer, Settings, plain_words
from macros.render.pages import baseline as baseline_page
from macros.render.pages import comparison as comparison_page
from macros.render.pages import domain as domain_page
from macros.render.pages import edition_home, id_history, id_index, outcomes_index, redirect
from macros.render.pages import feedback as feedback_page
from macros.render.pages import glossary as glossary_page
from macros.render.pages import outcome as outcome_page
from macros.render.pages import print as print_page
from macros.render.templating import attr

__all__ = ["Renderer", "Settings", "Site", "render_site"]

NavEntry = dict[str, Any]


Maker = Callable[[], str]


class Files(Mapping[str, str]):
    """The generated files, path under docs/ -> content, each rendered when it is read and not kept.

    At 100x the framework the generated text is hundreds of megabytes (the exports alone are tens);
    MkDocs reads each file once, so rendering it then and letting it go keeps the build's memory
    near a plain site's. :meth:`maker` gives the function that renders a file.
    """

    def __init__(self) -> None:
        self._makers: dict[str, Maker] = {}

    def __getitem__(self, path: str) -> str:
        return self._makers[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __contains__(self, path: object) -> bool:
        return path in self._makers

    def maker(self, path: str) -> Maker:
        return self._makers[path]


@dataclass
class Site:
    """Everything the build adds to the hand-written pages."""

    files: Files = field(default_factory=Files)  # path under docs/ -> content, rendered when read
    standards_nav: list[Any] = field(default_factory=list)
    changes_nav: list[NavEntry] = field(default_factory=list)
    editions_nav: list[NavEntry] = field(default_factory=list)
    glossary_nav: list[NavEntry] = field(default_factory=list)  # after the hand-written 'about' page
    banner: dict[str, str] = field(default_factory=dict)  # the current edition's, on hand-written pages
    banners: dict[str, dict[str, str]] = field(default_factory=dict)  # by edition key, for generated pages
    generated_pages: set[str] = field(default_factory=set)  # Markdown pages made from the data
    not_in_nav: list[str] = field(default_factory=list)  # pages reached by their links, not the navigation
    copyright: str = ""  # the footer's licence line, as HTML (the current edition's)
    copyrights: dict[str, str] = field(default_factory=dict)  # each edition's, by key, for its own pages
    renderer: Renderer | None = None  # the renderer that made it, for the macros of hand-written pages

    def theme_extra(self) -> dict[str, Any]:
        """What the templates in overrides/ read from mkdocs.yml's extra: the banners and the links they write."""
        assert self.renderer is not None
        return {
            "pqs_banner": self.banner,
            "pqs_banners": self.banners,
            "pqs_copyrights": self.copyrights,
            "pqs_links": self.renderer.routes.theme_links(),
        }

    def add(self, path: str, content: str | Maker) -> None:
        """A generated file: its content, or a function that renders it when it is read."""
        if path in self.files:
            raise ValueError(f"two generated files at {path}")
        self.files._makers[path] = content if callable(content) else partial(str, content)
        if path.endswith(".md"):
            self.generated_pages.add(path)

    def nav(self, hand_written: list[NavEntry]) -> list[NavEntry]:
        """The hand-written navigation with the standards after the home page, then changes, then earlier
        editions; the glossary follows the page about the standards (or ends the navigation)."""
        nav = list(hand_written)
        about = next((i for i, entry in enumerate(nav) if routes_.ABOUT_WHEN[0] in (entry, *getattr(entry, "values", lambda: ())())), None)
        if self.glossary_nav:
            nav[len(nav) if about is None else about + 1 : len(nav) if about is None else about + 1] = self.glossary_nav
        added: list[NavEntry] = [{"The standards": self.standards_nav}]
        if self.changes_nav:
            added.append({"Changes and feedback": self.changes_nav})
        if self.editions_nav:
            added.append({"Earlier editions": self.editions_nav})
        return nav[:1] + added + nav[1:]


def _nav_title(text: str) -> str:
    # The theme writes nav titles unescaped, so data text in them is escaped here.
    return str(attr(text))


def _edition_pages(r: Renderer, site: Site, edition: Edition) -> list[Any]:
    """Every page of one edition, and its versioned permalinks; returns the edition's navigation."""
    current = edition.key == r.fw.current.key
    nav: list[Any] = [r.routes.edition_home(edition.key).src]
    site.add(r.routes.edition_home(edition.key).src, partial(edition_home.page, r, edition))
    for domain in edition.domains:
        page = r.routes.domain(edition.key, domain.id)
        site.add(page.src, partial(domain_page.page, r, domain))
        children: list[NavEntry] = [{f"Domain {domain.id} overview": page.src}]
        for outcome in domain.outcomes:
            opage = r.routes.outcome(edition.key, outcome.id)
            site.add(opage.src, partial(outcome_page.page, r, outcome))
            children.append({_nav_title(f"{outcome.id} {plain_words(outcome, 60, stop=False)}"): opage.src})
            if current:
                stub = r.routes.stub_file(opage)
                site.add(stub, partial(redirect.page, r, stub, opage.url, f"Outcome {outcome.id}", outcome.text))
        if current:
            stub = r.routes.stub_file(page)
            site.add(stub, partial(redirect.page, r, stub, page.url, f"Domain {domain.id}", domain.title))
        nav.append({_nav_title(f"{domain.id} {domain.title}"): children})
    for item_id, item in edition.ids.items():
        path = r.routes.versioned_file(edition.key, item_id)
        site.add(path, partial(redirect.page, r, path, r.routes.url(item), item_id, standards.item_words(item)))
    if current:
        home = r.routes.edition_home(edition.key)
        stub = r.routes.edition_stub_file()
        site.add(stub, partial(redirect.page, r, stub, home.url, edition.short_title, edition.title))
    else:
        site.not_in_nav.append(routes_.nav_pattern(r.routes.edition_home(edition.key).url))
    return nav


def render_site(fw: Framework, settings: Settings | None = None) -> Site:
    """Every generated page and file, the navigation for them, and the banners."""
    r = Renderer(fw, settings)
    site = Site(banners=editions.banners(fw), renderer=r)
    site.banner = site.banners[fw.current.key]
    site.copyrights = {key: str(r.fragment("parts/copyright.html", edition=e, ogl_url=routes_.OGL_URL)) for key, e in fw.editions.items()}
    site.copyright = site.copyrights[fw.current.key]
    for edition in fw.editions.values():
        nav = _edition_pages(r, site, edition)
        if edition.key == fw.current.key:
            site.standards_nav = nav
        else:
            site.editions_nav.append({_nav_title(edition.short_title): r.routes.edition_home(edition.key).src})
    site.add(r.routes.outcomes_index().src, partial(outcomes_index.page, r))
    site.not_in_nav.append(routes_.nav_pattern(r.routes.outcomes_index().src))
    id_parts = id_index.id_index_parts(r)
    site.add(r.routes.id_index().src, partial(id_index.id_index, r, id_parts))
    for part in id_parts:
        site.add(r.routes.id_index_part(part.first, part.part).src, partial(id_index.id_index_part, r, part))
    for item_id, story in editions.id_histories(fw).items():
        if story.steady:
            now = story.now
            assert now is not None
            stub = r.routes.short_file(item_id)
            site.add(stub, partial(redirect.page, r, stub, r.routes.url(now), item_id, standards.item_words(now)))
        else:
            site.add(r.routes.short_page(item_id).src, partial(id_history.page, r, story))
    site.not_in_nav.append(routes_.nav_pattern(r.routes.id_index().url))
    for comparison in changes.all_comparisons(r):
        page = r.routes.changes(comparison.crosswalk.key)
        site.add(page.src, partial(comparison_page.page, r, comparison))
        site.changes_nav.append({_nav_title(f"What changed since the {comparison.old.title}"): page.src})
    for baseline in fw.baselines.values():
        page = r.routes.baseline(baseline.key)
        site.add(page.src, partial(baseline_page.page, r, baseline))
        site.changes_nav.append({_nav_title(baseline.short_title): page.src})
    if fw.feedback:
        site.add(routes_.FEEDBACK, partial(feedback_page.page, r))
        site.changes_nav.append({"Consultation feedback": routes_.FEEDBACK})
    if fw.glossary:
        site.add(routes_.GLOSSARY, partial(glossary_page.page, r))
        site.glossary_nav.append({"Glossary": routes_.GLOSSARY})
    site.add(routes_.IDS_SCRIPT, partial(standards.ids_script, r))
    site.add(routes_.JUDGE_DATA_SCRIPT, partial(judgedata.judge_data_script, r))
    site.add(routes_.HEAT_MAP, partial(parts.heat_map_data, r))
    site.add(browser.SCRIPT_PATH, partial(browser.rules_script, fw))  # the checker's rules, from macros/checker/rules.py
    if r.settings.schema_text:
        site.add(routes_.SCHEMA, r.settings.schema_text)
    for path, make in downloads.makers(fw, r.settings.site_url).items():
        site.add(path, make)
    for edition in fw.editions.values():
        page = r.routes.print_page(edition.key)
        site.add(page.src, partial(print_page.page, r, edition))
        if edition.key != fw.current.key:
            site.not_in_nav.append(routes_.nav_pattern(page.src))
    return site
