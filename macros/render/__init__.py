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

from dataclasses import dataclass, field
from typing import Any

from macros import routes as routes_
from macros.checker import browser
from macros.core.model import Edition, Framework
from macros.render import changes, editions, exports, printing, standards
from macros.render.context import Renderer, Settings
from macros.render.templating import attr, truncate

__all__ = ["Renderer", "Settings", "Site", "render_site"]

NavEntry = dict[str, Any]


@dataclass
class Site:
    """Everything the build adds to the hand-written pages."""

    files: dict[str, str] = field(default_factory=dict)  # path under docs/ -> content
    standards_nav: list[Any] = field(default_factory=list)
    changes_nav: list[NavEntry] = field(default_factory=list)
    editions_nav: list[NavEntry] = field(default_factory=list)
    banner: dict[str, str] = field(default_factory=dict)  # the current edition's, on hand-written pages
    banners: dict[str, dict[str, str]] = field(default_factory=dict)  # by edition key, for generated pages
    generated_pages: set[str] = field(default_factory=set)  # Markdown pages made from the data
    not_in_nav: list[str] = field(default_factory=list)  # pages reached by their links, not the navigation
    copyright: str = ""  # the footer's licence line, as HTML
    renderer: Renderer | None = None  # the renderer that made it, for the macros of hand-written pages

    def add(self, path: str, content: str) -> None:
        if path in self.files:
            raise ValueError(f"two generated files at {path}")
        self.files[path] = content
        if path.endswith(".md"):
            self.generated_pages.add(path)

    def nav(self, hand_written: list[NavEntry]) -> list[NavEntry]:
        """The hand-written navigation with the standards after the home page, then changes, then earlier editions."""
        nav = list(hand_written)
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
    site.add(r.routes.edition_home(edition.key).src, standards.edition_home(r, edition))
    for domain in edition.domains:
        page = r.routes.domain(edition.key, domain.id)
        site.add(page.src, standards.domain_page(r, domain))
        children: list[NavEntry] = [{f"Domain {domain.id} overview": page.src}]
        for outcome in domain.outcomes:
            opage = r.routes.outcome(edition.key, outcome.id)
            site.add(opage.src, standards.outcome_page(r, outcome))
            children.append({_nav_title(f"{outcome.id} {truncate(outcome.text.rstrip('.'))}"): opage.src})
            if current:
                site.add(
                    r.routes.stub_file(opage),
                    standards.redirect_page(r, r.routes.stub_file(opage), opage.url, f"Outcome {outcome.id}", outcome.text),
                )
        if current:
            site.add(
                r.routes.stub_file(page),
                standards.redirect_page(r, r.routes.stub_file(page), page.url, f"Domain {domain.id}", domain.title),
            )
        nav.append({_nav_title(f"{domain.id} {domain.title}"): children})
    for item_id, item in edition.ids.items():
        path = r.routes.versioned_file(edition.key, item_id)
        site.add(path, standards.redirect_page(r, path, r.routes.url(item), item_id, standards.item_words(item)))
    if current:
        home = r.routes.edition_home(edition.key)
        site.add(
            f"{edition.key}/index.html",
            standards.redirect_page(r, f"{edition.key}/index.html", home.url, edition.short_title, edition.title),
        )
    else:
        site.not_in_nav.append(f"/{edition.key}/")
    return nav


def render_site(fw: Framework, settings: Settings | None = None) -> Site:
    """Every generated page and file, the navigation for them, and the banners."""
    r = Renderer(fw, settings)
    site = Site(banners=editions.banners(fw), renderer=r)
    site.banner = site.banners[fw.current.key]
    site.copyright = str(r.fragment("parts/copyright.html", edition=fw.current, ogl_url=routes_.OGL_URL))
    for edition in fw.editions.values():
        nav = _edition_pages(r, site, edition)
        if edition.key == fw.current.key:
            site.standards_nav = nav
        else:
            site.editions_nav.append({_nav_title(edition.short_title): r.routes.edition_home(edition.key).src})
    site.add(r.routes.outcomes_index().src, standards.outcomes_index(r))
    site.not_in_nav.append("/" + r.routes.outcomes_index().src)
    site.add(r.routes.id_index().src, standards.id_index(r))
    for item_id, story in editions.id_histories(fw).items():
        if story.steady:
            now = story.now
            assert now is not None
            site.add(
                r.routes.short_file(item_id),
                standards.redirect_page(r, r.routes.short_file(item_id), r.routes.url(now), item_id, standards.item_words(now)),
            )
        else:
            site.add(r.routes.short_page(item_id).src, editions.id_page(r, story))
    site.not_in_nav.append(f"/{routes_.SHORT_PREFIX}/")
    for comparison in changes.all_comparisons(r):
        page = r.routes.changes(comparison.crosswalk.key)
        site.add(page.src, changes.changes_page(r, comparison))
        site.changes_nav.append({_nav_title(f"What changed since the {comparison.old.title}"): page.src})
    for baseline in fw.baselines.values():
        page = r.routes.baseline(baseline.key)
        site.add(page.src, changes.baseline_page(r, baseline))
        site.changes_nav.append({_nav_title(baseline.short_title): page.src})
    if fw.feedback:
        site.add(routes_.FEEDBACK, changes.feedback_page(r))
        site.changes_nav.append({"Consultation feedback": routes_.FEEDBACK})
    site.add(routes_.IDS_SCRIPT, standards.ids_script(r))
    site.add(browser.SCRIPT_PATH, browser.rules_script(fw))  # the checker's rules, from macros/checker/rules.py
    if r.settings.schema_text:
        site.add(routes_.SCHEMA, r.settings.schema_text)
    for path, content in exports.files(fw, r.settings.site_url).items():
        site.add(path, content)
    site.add(routes_.PRINT, printing.print_page(r))
    return site
