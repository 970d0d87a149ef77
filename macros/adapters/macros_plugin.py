"""mkdocs-macros, for the hand-written pages: our macros registered through its own ``register_macros``, and
two costs of its 1.5.0 avoided.

Each macro in :data:`macros.render.parts.MACROS` is called with this build's renderer and the page being
rendered; :func:`macro_functions` binds them, for mkdocs-macros (:func:`register`) and for ``pqs-render``,
which expands the hand-written pages itself.

mkdocs-macros 1.5.0 spends time on work nobody sees (:func:`spare_work`; tests/test_macros_plugin.py):

- its ``on_pre_build`` serialises every variable, macro and filter to JSON for a debug message, whether
  or not debug messages are shown (at 100x the framework, the whole configuration with the navigation);
- its page hook copies all its variables and the page before it reads ``render_macros: false``, which
  every generated page (tens of thousands at 100x) carries;
- it compiles every hand-written page's Jinja afresh on every build (``Environment.from_string``), half
  of what the hand-written pages cost a build: the compiled code is kept in Jinja's bytecode cache, keyed
  by the page and checked against its text, as our own templates' is (:func:`cached_from_string`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from jinja2 import BytecodeCache, Environment, Template
from mkdocs.config.defaults import MkDocsConfig

from macros.render import Renderer, parts
from macros.render.templating import bytecode_cache
from macros.routes import Page

Macro = Callable[..., Any]


def macro_functions(renderer: Renderer, page_src: Callable[[], str]) -> dict[str, Macro]:
    """Every macro of the hand-written pages, bound to ``renderer``; ``page_src`` says which page is being rendered."""

    def bind(part: Macro) -> Macro:
        def macro(*args: Any, **kwargs: Any) -> Any:
            return parts.escaped(part(renderer, Page(page_src()), *args, **kwargs))

        macro.__doc__ = part.__doc__
        return macro

    return {name: bind(part) for name, part in parts.MACROS.items()}


def register(config: MkDocsConfig, renderer: Renderer) -> None:
    """Our macros and filters, registered with mkdocs-macros (before its own on_config, which adds them)."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    plugin.register_macros(macro_functions(renderer, lambda: plugin.page.file.src_uri))
    plugin.register_filters(dict(parts.FILTERS))
    spare_work(config, plugin, bytecode_cache())


def _lexer_key(env: Environment) -> str:
    """The settings of an environment that its compiled code depends on (delimiters, whitespace, extensions)."""
    settings = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        sorted(env.extensions),
        env.optimized,
        env.is_async,
        env.finalize is not None,
        env.autoescape if isinstance(env.autoescape, bool) else "callable",
    )
    return repr(settings)


def cached_from_string(env: Environment, cache: BytecodeCache, name: Callable[[str], str]) -> Callable[..., Template]:
    """``env.from_string`` that keeps the compiled code in ``cache`` under ``name(source)`` (the page it is for),
    checked against the source as Jinja checks a template file's: an edited page is compiled again."""
    settings = _lexer_key(env)

    def from_string(source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if not isinstance(source, str):
            return Environment.from_string(env, source, globals, template_class)
        bucket = cache.get_bucket(env, f"mkdocs-macros {name(source)} {settings}", None, source)
        if bucket.code is None:
            bucket.code = env.compile(source)
            cache.set_bucket(bucket)
        return (template_class or env.template_class).from_code(env, bucket.code, env.make_globals(globals), None)

    return from_string


def spare_work(config: MkDocsConfig, plugin: Any, cache: BytecodeCache | None = None) -> None:
    """Put in front of mkdocs-macros' pre-build and page events a check that skips what no one reads, and
    (with a ``cache``) give its environment a ``from_string`` that compiles a page only when it has changed."""
    from mkdocs_macros.util import LOG, trace

    current = {"page": "", "markdown": ""}

    def entry(source: str) -> str:
        # One entry per page for its text, and one for anything else it renders (a title with macros).
        return f"{current['page']} {'text' if source == current['markdown'] else 'other'}"

    def on_pre_build(*, config: MkDocsConfig) -> None:
        if LOG.isEnabledFor(logging.DEBUG):
            return plugin.on_pre_build(config=config)
        # Its own lines at the info level, without the JSON that only its debug lines print.
        trace("Config variables:", list(plugin.variables.keys()))
        if plugin.macros:
            trace("Config macros:", list(plugin.macros.keys()))
        if plugin.filters:
            trace("Config filters:", list(plugin.filters.keys()))
        return None

    def on_page_markdown(markdown: str, /, **kwargs: Any) -> str:
        page = kwargs["page"]
        if page.meta.get("render_macros") is False:
            return markdown  # what it returns for such a page, without first copying its variables and the page
        if cache is not None and "from_string" not in vars(plugin.env):
            plugin.env.from_string = cached_from_string(plugin.env, cache, entry)
        current.update(page=page.file.src_uri, markdown=markdown)
        return plugin.on_page_markdown(markdown, **kwargs)

    events = config.plugins.events
    for name, ours in (("pre_build", on_pre_build), ("page_markdown", on_page_markdown)):
        theirs = getattr(plugin, f"on_{name}")
        events[name] = [ours if method == theirs else method for method in events[name]]
