"""Render the whole site from the framework: ``render_site(framework, settings) -> Site``.

Every generated page and file comes from here, as text, with the navigation it needs; the
MkDocs hook (:mod:`macros.adapters.mkdocs`) and the ``pqs-render`` command
(:mod:`macros.cli.render`) are thin adapters over it. Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros import routes as routes_
from macros.core.model import Framework
from macros.render import changes, printing, standards
from macros.render.context import Renderer, Settings
from macros.render.templating import attr, format_date, truncate

__all__ = ["Renderer", "Settings", "Site", "render_site"]

NavEntry = dict[str, Any]


@dataclass
class Site:
    """Everything the build adds to the hand-written pages."""

    files: dict[str, str] = field(default_factory=dict)  # path under docs/ -> content
    standards_nav: list[NavEntry] = field(default_factory=list)
    changes_nav: list[NavEntry] = field(default_factory=list)
    banner: dict[str, str] = field(default_factory=dict)
    generated_pages: set[str] = field(default_factory=set)  # Markdown pages made from the data

    def add(self, path: str, content: str) -> None:
        if path in self.files:
            raise ValueError(f"two generated files at {path}")
        self.files[path] = content
        if path.endswith(".md"):
            self.generated_pages.add(path)

    def nav(self, hand_written: list[NavEntry]) -> list[NavEntry]:
        """The hand-written navigation with the standards after the home page and the changes after them."""
        nav = list(hand_written)
        nav.insert(1 if nav else 0, {"The standards": self.standards_nav})
        if self.changes_nav:
            nav.insert(2 if len(nav) > 1 else len(nav), {"Changes and feedback": self.changes_nav})
        return nav


def exports_files(fw: Framework, site_url: str | None) -> dict[str, str]:
    """The downloadable files (macros/exports.py), by path."""
    from macros import exports

    return {
        exports.JSON_PATH: exports.export_json(fw),
        exports.CSV_PATH: exports.statements_csv(fw),
        exports.SCHEMA_PATH: exports.schema_json(),
    }


def banner(fw: Framework) -> dict[str, str]:
    """Strings for the edition banner on every page (escaped by the theme's Jinja)."""
    edition = fw.current
    status = printing.STATUS_LABEL[edition.status]
    text = f"{status}: {edition.title}, published {format_date(edition.published)}."
    after = ""
    if edition.superseded_by:
        sup = edition.superseded_by
        after = f"The final version, {sup.title}, was published on {format_date(sup.published)}"
        after += f" and applies from {format_date(sup.applies_from)}." if sup.applies_from else "."
    return {"status": status, "text": text, "after": after, "edition": edition.key}


def render_site(fw: Framework, settings: Settings | None = None) -> Site:
    """Every generated page and file, the navigation for them, and the banner."""
    r = Renderer(fw, settings)
    site = Site(banner=banner(fw))
    for domain in fw.current.domains:
        site.add(r.routes.domain(domain.edition, domain.id).src, standards.domain_page(r, domain))
        children: list[NavEntry] = [{f"Domain {domain.id} overview": r.routes.domain(domain.edition, domain.id).src}]
        for outcome in domain.outcomes:
            site.add(r.routes.outcome(outcome.edition, outcome.id).src, standards.outcome_page(r, outcome))
            # The theme writes nav titles unescaped, so data text in them is escaped here.
            children.append(
                {str(attr(f"{outcome.id} {truncate(outcome.text.rstrip('.'))}")): r.routes.outcome(outcome.edition, outcome.id).src}
            )
        site.standards_nav.append({str(attr(f"{domain.id} {domain.title}")): children})
    for item_id, item in fw.index.items():
        site.add(r.routes.short_file(item_id), standards.redirect_page(r, item_id, item))
    for retired in fw.retired:
        site.add(r.routes.short_page(retired.id).src, standards.retired_page(r, retired))
    for comparison in changes.all_comparisons(r):
        page = r.routes.changes(comparison.crosswalk.key)
        site.add(page.src, changes.changes_page(r, comparison))
        site.changes_nav.append({str(attr(f"What changed since the {comparison.old.title}")): page.src})
    for baseline in fw.baselines.values():
        page = r.routes.baseline(baseline.key)
        site.add(page.src, changes.baseline_page(r, baseline))
        site.changes_nav.append({str(attr(baseline.short_title)): page.src})
    if fw.feedback:
        site.add(routes_.FEEDBACK, changes.feedback_page(r))
        site.changes_nav.append({"Consultation feedback": routes_.FEEDBACK})
    site.add(routes_.IDS_SCRIPT, standards.ids_script(r))
    if r.settings.schema_text:
        site.add(routes_.SCHEMA, r.settings.schema_text)
    for path, content in exports_files(fw, r.settings.site_url).items():
        site.add(path, content)
    site.add(routes_.PRINT, printing.print_page(r))
    return site
