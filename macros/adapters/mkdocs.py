"""The MkDocs hook's work, on each build: load and check the data, render the site, hand MkDocs the files.

A thin adapter over :func:`macros.render.render_site`: it reads the configuration (where the data
is, the site's address), turns a data problem into MkDocs' PluginError, and adds the rendered files
and navigation. Loaded afresh on every build by macros/hooks.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import routes
from macros.adapters import csp, terms
from macros.core import loader
from macros.core.model import Framework
from macros.render import Renderer, Settings, Site, glossary, render_site

CONFIG_KEY = "pqs_build"
DEFAULT_DATA = "data/pqs.yaml"


class Build:
    """This build's framework, renderer and rendered site, kept in the config for the other events.

    mkdocs-macros prints the whole config in a debug message on every build; this prints as one line.
    """

    __slots__ = ("framework", "renderer", "site")

    def __init__(self, framework: Framework, renderer: Renderer, site: Site):
        self.framework = framework
        self.renderer = renderer
        self.site = site

    def __repr__(self) -> str:
        return f"<PQS site from {self.framework.path}>"


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def data_name(config: MkDocsConfig) -> str:
    return str(config.extra.get("pqs_data", DEFAULT_DATA))


def data_path(config: MkDocsConfig) -> Path:
    """The data file, from ``extra.pqs_data`` in mkdocs.yml, relative to that file."""
    return _project(config) / data_name(config)


def schema_path(config: MkDocsConfig) -> Path:
    """The data's JSON Schema, from ``extra.pqs_schema`` in mkdocs.yml (default: beside the data file)."""
    configured = config.extra.get("pqs_schema")
    return _project(config) / configured if configured else data_path(config).with_name("pqs.schema.json")


def build(config: MkDocsConfig) -> Build:
    return config[CONFIG_KEY]


def reserved_names(config: MkDocsConfig) -> frozenset[str]:
    """The names the site uses at its top level: its own generated folders, and every hand-written page and folder."""
    docs = Path(config.docs_dir)
    written = {p.stem if p.is_file() else p.name for p in docs.iterdir()} if docs.is_dir() else set()
    return routes.RESERVED | written


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        fw = loader.load(data_path(config), data_name(config), schema_path(config), reserved_names(config))
    except loader.DataError as err:
        raise PluginError(str(err)) from None
    settings = Settings(
        data_file=data_name(config),
        site_url=config.site_url or None,
        schema_text=schema_path(config).read_text("utf-8"),
        repo_url=config.repo_url or None,
        keep_compiled=True,
    )
    site = render_site(fw, settings)
    assert site.renderer is not None
    config[CONFIG_KEY] = Build(fw, site.renderer, site)  # one renderer (and template environment) per build
    config.extra.update(site.theme_extra())
    config.copyright = site.copyright
    config.extra["pqs_csp"] = csp.policy(config)
    config.nav = site.nav(config.nav or [])
    _glossary(config, fw)
    _not_in_nav(config, site.not_in_nav)
    return config


def _glossary(config: MkDocsConfig, fw: Framework) -> None:
    """Every glossary abbreviation is marked wherever it appears (Python-Markdown's ``abbr``, with the
    glossary as its list), and its first mark on a page links to its entry (:mod:`macros.adapters.terms`)."""
    if not fw.glossary:
        return
    abbrs = glossary.abbreviations(fw)
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
            raise PluginError(f"docs/{path} exists, but the site generates that page from {data_name(config)}: delete docs/{path}")
        files.append(RenderedFile.of(config, path, site.files.maker(path)))
    return files


def on_page_context(context, page, config: MkDocsConfig, nav):
    """Generated pages' edit link points at the data file."""
    if page.file.src_uri in build(config).site.generated_pages and config.repo_url:
        branch = config.extra.get("pqs_branch", "main")
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{branch}/{data_name(config)}"
    return context
