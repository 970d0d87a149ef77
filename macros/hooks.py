"""MkDocs hook (listed under ``hooks:`` in mkdocs.yml): each event is :mod:`macros.adapters.mkdocs`'s.

MkDocs loads a hook once per process, so ``mkdocs serve`` would keep running old code. Instead, every
build forgets the whole ``macros`` package and imports it afresh (a plain import, after the package is
dropped from ``sys.modules``), so an edit to any module (a new one included) shows on the next
rebuild, like an edit to the data. No list of modules to keep in step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "macros"


def _forget() -> None:
    # MkDocs restores sys.path after loading a hook, so add the project here.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]


@event_priority(100)  # before mkdocs-macros reads the config and takes the macros registered here
def on_config(config):
    _forget()
    from macros.adapters import mkdocs

    return mkdocs.on_config(config)


def on_files(files, config):
    from macros.adapters import mkdocs

    return mkdocs.on_files(files, config)


def on_page_context(context, page, config, nav):
    from macros.adapters import mkdocs

    return mkdocs.on_page_context(context, page, config, nav)


def on_page_markdown(markdown, page, config, files):
    from macros.adapters import mkdocs

    return mkdocs.on_page_markdown(markdown, page, config)
