"""Every path and link of the site, as a function of (edition, item). Nothing else builds a URL.

Paths are relative to the site's root and to ``docs/``:

- a **page** has a Markdown source (``outcomes/3.2.md``) and a directory URL (``outcomes/3.2/``);
- a **target** is a page and an anchor on it (``outcomes/3.2/#3.2-D2``);
- a **file** is anything else the site publishes (``id/3.2-D2/index.html``, ``exports/pqs.json``).

The current edition's pages sit at the top level (``domains/3/``, ``outcomes/3.2/``); every other
edition's pages sit under its key (``draft-2025/outcomes/3.2/``). Every ID has a short permalink
that follows the current edition (``id/3.2-D2/``) and, in every edition, a versioned permalink that
never changes meaning (``draft-2025/3.2-D2/``).

Links between Markdown pages are written between their sources (``../outcomes/3.2.md#3.2-D2``), so
MkDocs checks them in a strict build; links in raw HTML are written between directory URLs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from macros.core import ids
from macros.core.model import Domain, Edition, Framework, Outcome, Statement

Item = Domain | Outcome | Statement

# Hand-written pages and published files that generated pages and templates link to.
HOME = "index.md"
ABOUT_WHEN = ("about.md", "which-standard-applies-when")
FEEDBACK = "feedback.md"
GLOSSARY = "glossary.md"
PRINT = "print.md"
SCHEMA = "schema/pqs.schema.json"
IDS_SCRIPT = "assets/javascripts/pqs-ids.js"
HEAT_MAP = "assets/pqs-heat-map.json"  # the checker's picture, drawn for the page script to fill in
CHECK_RULES_SCRIPT = "assets/javascripts/pqs-check-rules.js"  # the checker's rules for the browser (macros/checker/browser.py)
CHECK_SCRIPT = "assets/javascripts/pqs-check.js"  # the checker page's own script (hand-written, in docs/)
SHORT_PREFIX = "id"
EXPORTS = "exports"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Page:
    """A page of the site, known by its Markdown source under docs/."""

    src: str

    @property
    def url(self) -> str:
        """The page's directory URL, relative to the site's root: 'outcomes/3.2/' ('' for the home page)."""
        if self.src == HOME:
            return ""
        if self.src.endswith("/index.md"):
            return self.src[: -len("index.md")]
        return self.src[: -len(".md")] + "/"


@dataclass(frozen=True)
class Target:
    """A place on a page: the page and an anchor (or none)."""

    page: Page
    anchor: str = ""

    @property
    def url(self) -> str:
        return self.page.url + (f"#{self.anchor}" if self.anchor else "")


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for paths within the site, without its two os.getcwd() calls
    (it makes both paths absolute first), which were a fifth of rendering the site's links."""
    a, b = posixpath.normpath(path), posixpath.normpath(start)
    if a.startswith(("/", "..")) or b.startswith(("/", "..")):
        return posixpath.relpath(path, start)  # outside the site's tree: the general case
    to = [p for p in a.split("/") if p not in ("", ".")]
    here = [p for p in b.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    parts = [".."] * (len(here) - common) + to[common:]
    return "/".join(parts) if parts else "."


def md_href(here: Page, target: Target) -> str:
    """A Markdown link from one page's source to a target, as MkDocs resolves and checks it."""
    rel = relpath(target.page.src, posixpath.dirname(here.src) or ".")
    return rel + (f"#{target.anchor}" if target.anchor else "")


def md_file_href(here: Page, path: str) -> str:
    """A Markdown link from a page's source to a published file (not a page): 'exports/changes/x.json'."""
    return posixpath.relpath(path, posixpath.dirname(here.src) or ".")


def href(from_dir: str, url: str) -> str:
    """A relative link in HTML from a directory URL ('outcomes/3.2/') to a site URL ('id/3.2-D2/', 'x/#a')."""
    path, _, anchor = url.partition("#")
    rel = relpath(path or ".", from_dir.rstrip("/") or ".")
    if path.endswith("/") and rel != ".":
        rel += "/"
    elif rel == "." and path.endswith("/"):
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def html_href(here: Page, url: str) -> str:
    """A relative link in raw HTML on a page to a site URL."""
    return href(here.url, url)


def absolute(site_url: str | None, url: str) -> str | None:
    """The full address of a site URL when the site's address is known, else None."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + url


# Files every edition's folder has under the same name: they describe the format, not an edition.
SHARED_EXPORT_NAMES = frozenset({"pqs-export.schema.json"})


class Routes:
    """The paths of one build: which edition is current decides where each edition's pages sit."""

    def __init__(self, current_edition: str):
        self.current = current_edition

    # -- where an edition lives ------------------------------------------------------------

    def base(self, edition: str) -> str:
        """'' for the current edition, 'draft-2025/' for any other."""
        return "" if edition == self.current else f"{edition}/"

    def domain(self, edition: str, domain_id: str) -> Page:
        return Page(f"{self.base(edition)}domains/{domain_id}.md")

    def outcome(self, edition: str, outcome_id: str) -> Page:
        return Page(f"{self.base(edition)}outcomes/{outcome_id}.md")

    def edition_home(self, edition: str) -> Page:
        """The list of an edition's domains and outcomes: 'domains/' for the current one, 'draft-2025/' for others."""
        return Page("domains/index.md") if edition == self.current else Page(f"{edition}/index.md")

    @staticmethod
    def outcomes_index() -> Page:
        return Page("outcomes/index.md")

    @staticmethod
    def id_index() -> Page:
        return Page(f"{SHORT_PREFIX}/index.md")

    @staticmethod
    def id_index_part(first_number: str, part: int | None = None) -> Page:
        """When the list of every ID is long, its IDs that start with one number: 'id/domain-3/' (no ID has a
        letter first); when even those are too many for a page, part 2 of them is 'id/domain-3-2/'."""
        return Page(f"{SHORT_PREFIX}/domain-{first_number}{'' if part is None else f'-{part}'}.md")

    def target(self, item: Item) -> Target:
        """Where an item is shown: its domain or outcome page, or its anchor on its outcome's page."""
        if isinstance(item, Domain):
            return Target(self.domain(item.edition, item.id))
        if isinstance(item, Outcome):
            return Target(self.outcome(item.edition, item.id))
        return Target(self.outcome(item.edition, item.outcome_id), item.anchor)

    def url(self, item: Item) -> str:
        return self.target(item).url

    # -- permalinks ---------------------------------------------------------------------------

    @staticmethod
    def short(item_id: str) -> str:
        """The short permalink, which follows the current edition: 'id/3.2-D2/'."""
        return f"{SHORT_PREFIX}/{ids.slug(item_id)}/"

    @staticmethod
    def short_file(item_id: str) -> str:
        """The file behind a short permalink that redirects: 'id/3.2-D2/index.html'."""
        return f"{SHORT_PREFIX}/{ids.slug(item_id)}/index.html"

    @staticmethod
    def short_page(item_id: str) -> Page:
        """The page behind a short permalink whose ID changed meaning between editions: 'id/3.2-D2.md'."""
        return Page(f"{SHORT_PREFIX}/{ids.slug(item_id)}.md")

    @staticmethod
    def versioned(edition: str, item_id: str) -> str:
        """The permalink that never changes meaning: 'draft-2025/3.2-D2/'."""
        return f"{edition}/{ids.slug(item_id)}/"

    @staticmethod
    def versioned_file(edition: str, item_id: str) -> str:
        return f"{edition}/{ids.slug(item_id)}/index.html"

    def stub_file(self, page: Page) -> str:
        """Where a redirect to ``page`` sits under the current edition's key: 'draft-2025/outcomes/3.2/index.html'."""
        return f"{self.current}/{page.url}index.html"

    def edition_stub_file(self) -> str:
        """Where a redirect to the current edition's list sits under its key: 'draft-2025/index.html'."""
        return f"{self.current}/index.html"

    # -- pages about the standards as a whole ------------------------------------------------

    @staticmethod
    def changes(crosswalk_key: str) -> Page:
        return Page(f"changes/{crosswalk_key}.md")

    @staticmethod
    def baseline(baseline_key: str) -> Page:
        return Page(f"{baseline_key}.md")

    @staticmethod
    def baseline_area(baseline_key: str, area_key: str) -> Target:
        return Target(Page(f"{baseline_key}.md"), area_key)

    @staticmethod
    def feedback() -> Page:
        return Page(FEEDBACK)

    def print_page(self, edition: str | None = None) -> Page:
        """An edition's whole text on one page, for printing: the current edition's at print/, another's under its key."""
        return Page(PRINT if edition is None or edition == self.current else f"{edition}/{PRINT}")

    @staticmethod
    def exports(edition: str | None = None) -> str:
        """The folder of an edition's downloads ('exports/draft-2025/'), or of the current edition's aliases ('exports/')."""
        return f"{EXPORTS}/{edition}/" if edition else f"{EXPORTS}/"

    @staticmethod
    def export(edition: str | None, name: str) -> str:
        """One download: an edition's pinned file, named for the edition so that a saved copy says which it holds
        ('exports/draft-2025/pqs-draft-2025.json'), or with no edition the current one's alias ('exports/pqs.json')."""
        if edition is None or name in SHARED_EXPORT_NAMES:
            return Routes.exports(edition) + name
        stem, dot, suffix = name.partition(".")
        return f"{Routes.exports(edition)}{stem}-{edition}{dot}{suffix}"

    @staticmethod
    def export_first_name(edition: str, name: str) -> str:
        """An edition's pinned file under the name it first had ('exports/draft-2025/pqs.json'), kept so that links
        made before the files carried their edition's name still work."""
        return Routes.exports(edition) + name

    @staticmethod
    def changes_data(crosswalk_key: str) -> str:
        """A comparison as data: 'exports/changes/kss-to-draft-2025.json'."""
        return f"{EXPORTS}/changes/{crosswalk_key}.json"

    @staticmethod
    def changes_schema() -> str:
        """The JSON Schema of every comparison's data."""
        return f"{EXPORTS}/changes.schema.json"

    @staticmethod
    def changes_schema_ref(crosswalk_key: str) -> str:
        """The ``$schema`` of a comparison's data: the schema's path relative to it ('../changes.schema.json')."""
        return relpath(Routes.changes_schema(), posixpath.dirname(Routes.changes_data(crosswalk_key)))

    def named_file(self, name: str) -> str:
        """A file that a hand-written page's raw HTML addresses by name ({{ file_href("current_export") }} on the checker page)."""
        named = {"current_export": self.export(None, "pqs.json"), "check_rules": CHECK_RULES_SCRIPT, "check_script": CHECK_SCRIPT}
        if name not in named:
            raise KeyError(f"no file of the site is named {name!r}: one of {', '.join(sorted(named))}")
        return named[name]

    @staticmethod
    def about_when() -> Target:
        return Target(Page(ABOUT_WHEN[0]), ABOUT_WHEN[1])

    # -- what the theme's templates link to ------------------------------------------------------------

    def theme_links(self) -> dict[str, str]:
        """Site URLs the templates in overrides/ link to (config.extra.pqs_links), so no template writes a path."""
        return {
            "home": "",
            "standards": self.edition_home(self.current).url,
            "ids": self.id_index().url,
            "about_when": self.about_when().url,
        }

    # -- what the browser needs to build links itself --------------------------------------------

    def templates(self) -> dict[str, str]:
        """URL templates for scripts: {outcome} is '3.2', {slug} is '3.2-D2', {edition} an edition's key."""
        return {
            "outcome": self.outcome(self.current, "{outcome}").url,
            "statement": Target(self.outcome(self.current, "{outcome}"), "{slug}").url,
            "short": f"{SHORT_PREFIX}/{{slug}}/",
            "versioned": "{edition}/{slug}/",
            "export": self.export("{edition}", "pqs.json"),
        }

    def folders(self) -> dict[str, str]:
        """The first part of the paths of short permalinks, outcome pages and domain pages: where the 404 page looks for an ID."""
        return {
            SHORT_PREFIX: SHORT_PREFIX,
            "outcomes": self.outcome(self.current, "x").src.split("/")[0],
            "domains": self.domain(self.current, "x").src.split("/")[0],
        }


def nav_pattern(url: str) -> str:
    """A site URL ('draft-2025/', 'outcomes/index.md') as a pattern for MkDocs's not_in_nav, which matches from the docs root."""
    return "/" + url


@dataclass(frozen=True)
class Links:
    """How one edition's files address the site.

    ``base`` is the site's address with a trailing slash, or None when it is not known at build time
    (then every path is relative to it). Every edition has pages on the site (the current one at the
    top level, others under their key), and every ID of an edition a permalink that never changes
    meaning (``draft-2025/3.2-D2/``): the files of an edition use that edition's.
    """

    base: str | None
    presented: bool  # the edition is the current one
    routes: Routes
    edition: str

    @classmethod
    def of(cls, fw: Framework, edition: Edition, site_url: str | None) -> Links:
        return cls(site_url.rstrip("/") + "/" if site_url else None, edition.key == fw.current.key, Routes(fw.current.key), edition.key)

    def url(self, path: str) -> str:
        return self.base + path if self.base else path

    def page(self, item: Domain | Outcome | Statement) -> str | None:
        return self.url(self.routes.url(item))

    def permalink(self, item_id: str | None) -> str | None:
        return self.url(self.routes.versioned(self.edition, item_id)) if item_id else None

    def short(self, item_id: str) -> str:
        """The short permalink, which follows the current edition."""
        return self.url(self.routes.short(item_id))

    def best(self, item: Domain | Outcome | Statement) -> str | None:
        """The permalink, or for a statement without an ID its place on its page."""
        return self.permalink(item.id) or self.page(item)

    def note(self, fw: Framework) -> str:
        """What the file's links are, in a sentence or two (the JSON's ``paths``)."""
        if self.base:
            out = f"Every page and permalink is an absolute address on the site {self.base}."
        else:
            out = "Every page and permalink path is relative to the site's address."
        out += f" Each permalink is this edition's ({self.edition}/…), which never changes meaning."
        if not self.presented:
            out += f" The site presents the {fw.current.title}; this edition's pages stay under {self.edition}/."
        return out


# The names the site itself uses at its top level: an edition or baseline key must not take one.
RESERVED = frozenset(
    {
        "index",
        "id",
        "domains",
        "outcomes",
        "changes",
        "exports",
        "schema",
        "assets",
        "search",
        "print",
        "feedback",
        "glossary",
        "404",
        "sitemap",
    }
)
