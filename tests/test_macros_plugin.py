"""mkdocs-macros as the build uses it: our macros registered with its own register_macros, and the two
costs of its 1.5.0 that macros/adapters/macros_plugin.py avoids (the README's Benchmark section says so).

Each test runs the real plugin's events on the small data set, in process, and would fail without the
workaround: mkdocs-macros 1.5.0 serialises every variable to JSON in on_pre_build for a debug message
nobody sees, and copies its variables and the page before it reads a page's ``render_macros: false``.
"""

from __future__ import annotations

import logging
import os

import pytest
from conftest import FIXTURES, ROOT


def _config():
    """The real mkdocs.yml with the small data, after our on_config and mkdocs-macros' own."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.config import load_config

    from macros.adapters import mkdocs

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.extra["pqs_data"] = os.path.relpath(FIXTURES / "small" / "pqs.yaml", ROOT)
    config.extra["pqs_schema"] = str(ROOT / "data" / "pqs.schema.json")
    config = mkdocs.on_config(config)
    config.plugins["macros"].on_config(config)
    return config


@pytest.fixture
def config(tmp_path, monkeypatch):
    """_config(), with Jinja's bytecode cache in a folder of the test's own."""
    from jinja2 import FileSystemBytecodeCache

    from macros.adapters import macros_plugin

    monkeypatch.setattr(macros_plugin, "bytecode_cache", lambda: FileSystemBytecodeCache(str(tmp_path)))
    return _config()


def _page(config, path: str, text: str):
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = text
    page = Page(None, file, config)
    page.read_source(config)
    return page


def test_our_macros_are_registered_with_mkdocs_macros_and_render_a_page(config):
    page = _page(config, "about.md", "# About\n\nSee {{ pqs('1.1') }}.\n")
    out = config.plugins.run_event("page_markdown", page.markdown, page=page, config=config, files=None)
    assert "See [1\\.1](outcomes/1.1.md" in out


def test_pre_build_serialises_nothing_unless_debug_messages_are_shown(config, monkeypatch):
    import mkdocs_macros.plugin

    calls = []
    monkeypatch.setattr(mkdocs_macros.plugin.SuperDict, "to_json", lambda self: calls.append(1) or "{}")
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config.plugins.run_event("pre_build", config=config)
    assert calls == []
    logging.getLogger("mkdocs").setLevel(logging.DEBUG)
    try:
        config.plugins.run_event("pre_build", config=config)
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
    assert calls, "with debug messages shown, mkdocs-macros prints its variables as before"


def test_a_page_that_renders_no_macros_is_passed_by_without_copying(config, monkeypatch):
    import mkdocs_macros.plugin

    def render(*args, **kwargs):
        raise AssertionError("mkdocs-macros rendered a page marked render_macros: false")

    monkeypatch.setattr(mkdocs_macros.plugin.MacrosPlugin, "render", render)
    monkeypatch.setattr(mkdocs_macros.plugin, "copy", lambda value: pytest.fail("mkdocs-macros copied its variables or the page"))
    text = "---\nrender_macros: false\n---\n# Generated\n\n{{ not_a_macro }}\n"
    page = _page(config, "outcomes/1.1.md", text)
    out = config.plugins.run_event("page_markdown", page.markdown, page=page, config=config, files=None)
    assert out.startswith(page.markdown)  # untouched (our own hook only adds the glossary's address after it)


def test_a_hand_written_page_is_compiled_once_and_again_only_when_edited(config, monkeypatch):
    """mkdocs-macros compiles each page's Jinja on every build; the compiled code is kept between builds, so a
    second build compiles nothing and renders the same, and an edited page is compiled again."""
    from jinja2 import Environment

    compiled = []
    compile_ = Environment.compile
    text = "# About\n\nSee {{ pqs('1.1') }}.\n"

    def counted(self, source, *args, **kwargs):
        if isinstance(source, str) and source.startswith("# About"):  # the page's, not the theme's templates
            compiled.append(source)
        return compile_(self, source, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)

    def build(config, text):
        page = _page(config, "about.md", text)
        return config.plugins.run_event("page_markdown", page.markdown, page=page, config=config, files=None)

    first = build(config, text)
    assert compiled == [_page(config, "about.md", text).markdown]
    assert build(_config(), text) == first and len(compiled) == 1, "the next build compiled the page again"
    edited = build(_config(), text.replace("See", "Read"))
    assert len(compiled) == 2 and edited == first.replace("See", "Read")
