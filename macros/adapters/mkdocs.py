"""The MkDocs hook's work, on each build: load and check the data, render the site, hand MkDocs the files.

A thin adapter over :func:`macros.render.render_site`. :func:`generate` is the one path from a loaded
mkdocs.yml to the rendered site (the hook and ``pqs-render`` both take it): it reads the project's
settings (:mod:`macros.adapters.config`), loads the data, turning a problem in it into MkDocs'
PluginError, renders the site and its Content-Security-Policy. :func:`on_config` then adds the
rendered files, navigation and macros to the build. macros/hooks.py imports this module afresh on
every build.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import routes
from macros.adapters import csp, macros_plugin, terms
from macros.adapters.config import Project, project
from macros.core import loader
from macros.core.model import Framework
from macros.render import Renderer, Site, render_site
from macros.render.pages import glossary as glossary_page

CONFIG_KEY = "pqs_build"


class Build:
    """This build's settings, framework, renderer, rendered site and Content-Security-Policy.

    Kept in the config for the other events; mkdocs-macros prints the whole config in a debug message,
    so this prints as one line.
    """

    __slots__ = ("framework", "policy", "project", "renderer", "site")

    def __init__(self, project: Project, framework: Framework, site: Site, policy: str):
        assert site.renderer is not None
        self.project = project
        self.framework = framework
        self.site = site
        self.renderer: Renderer = site.renderer  # one renderer (and template environment) per build
        self.policy = policy

    def __repr__(self) -> str:
        return f"<PQS site from {self.framework.path}>"

    def extra(self) -> dict[str, object]:
        """What the build adds to mkdocs.yml's ``extra`` for the templates in overrides/: the banners, the links
        they write, the Content-Security-Policy."""
        return {**self.site.theme_extra(), "pqs_csp": self.policy}


def generate(config: MkDocsConfig) -> Build:
    """The site for a loaded mkdocs.yml: its data loaded and checked, every file rendered (on reading), its policy."""
    settings = project(config)
    try:
        fw = loader.load(settings.data_file, settings.data_name, settings.schema_file, settings.reserved_names())
    except loader.DataError as err:
        raise PluginError(str(err)) from None
    site = render_site(fw, settings.settings())
    return Build(settings, fw, site, csp.policy(config))


def build(config: MkDocsConfig) -> Build:
    return config[CONFIG_KEY]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    made = generate(config)
    config[CONFIG_KEY] = made
    site = made.site
    config.extra.update(made.extra())
    config.copyright = site.copyright
    config.nav = site.nav(config.nav or [])
    _glossary(config, made.framework)
    _not_in_nav(config, site.not_in_nav)
    macros_plugin.register(config, made.renderer)
    return config


def _glossary(config: MkDocsConfig, fw: Framework) -> None:
    """Every glossary abbreviation is marked wherever it appears (Python-Markdown's ``abbr``, with the
    glossary as its list), and its first mark on a page links to its entry (:mod:`macros.adapters.terms`)."""
    if not fw.glossary:
        return
    abbrs = glossary_page.abbreviations(fw)
    for name in ("abbr", terms.__name__):
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": abbrs}
    config.mdx_configs[terms.__name__] = {"anchors": {t.term: t.anchor for t in fw.glossary if t.term in abbrs}}


def on_page_markdown(markdown: str, page, config: MkDocsConfig) -> str:
    """Each page but the glossary learns where the glossary is, relative to itself, for its term links."""
    if not build(config).framework.glossary or page.file.src_uri == routes.GLOSSARY:
        return markdown
    href = routes.md_href(routes.Page(page.file.src_uri), routes.Target(routes.Page(routes.GLOSSARY)))
    return f"{markdown}\n\n[{terms.REFERENCE}]: {href}\n"


def _not_in_nav(config: MkDocsConfig, patterns: list[str]) -> None:
    """Pages reached by their links (earlier editions, /id/ pages) stay out of the navigation quietly."""
    import pathspec

    lines = (
        [*(str(p.pattern) for p in config.not_in_nav.patterns if getattr(p, "pattern", None)), *patterns] if config.not_in_nav else patterns
    )
    config.not_in_nav = pathspec.GitIgnoreSpec.from_lines(lines)


class RenderedFile(File):
    """A generated file whose content is rendered when MkDocs reads or copies it, and not kept.

    MkDocs keeps a generated file's content in ``_content`` for the whole build; here that is a
    property that renders it on each read (MkDocs reads each file once). Content that a plugin
    sets is kept, as for any generated file.
    """

    _make: Callable[[], str]
    _set: str | bytes | None = None

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, make: Callable[[], str]) -> RenderedFile:
        made = cls.generated(config, path, content="")
        assert isinstance(made, RenderedFile)
        made._set, made._make = None, make
        return made

    @property
    def _content(self) -> str | bytes | None:
        return self._set if self._set is not None else self._make()

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._set = value

    def is_modified(self) -> bool:
        return True  # as for any generated file, without rendering it to find out

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file into the site; a file that can write itself (an export) does, piece by piece."""
        write_file = getattr(self._make, "write_file", None)
        if self._set is not None or write_file is None:
            return super().copy_file(dirty)
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        write_file(self.abs_dest_path)
        return None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = build(config).site
    for path in site.files:
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path} exists, but the site generates that page from {build(config).project.data_name}: delete docs/{path}"
            )
        files.append(RenderedFile.of(config, path, site.files.maker(path)))
    return files


def on_page_context(context, page, config: MkDocsConfig, nav):
    """Generated pages' edit link points at the data file."""
    made = build(config)
    if page.file.src_uri in made.site.generated_pages and made.project.repo_url:
        page.edit_url = f"{made.project.repo_url.rstrip('/')}/edit/{made.project.branch}/{made.project.data_name}"
    return context
