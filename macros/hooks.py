"""MkDocs hook: load data/pqs.yaml and generate the standards pages.

This file is a thin shim. MkDocs loads a hook once per process, so ``mkdocs
serve`` would keep running old code; instead, every build reloads the modules
that do the work (macros.ids … macros.site), so edits to them show up on the
next rebuild, like edits to the data.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent

_MODULES = (
    "macros.ids",
    "macros.model",
    "macros.loader",
    "macros.diff",
    "macros.pages",
    "macros.changes",
    "macros.exports",
    "macros.print_page",
    "macros.site",
)


def _site():
    # MkDocs restores sys.path after loading a hook, so add the project here.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            importlib.import_module(name)
        else:
            importlib.reload(module)
    return sys.modules["macros.site"]


@event_priority(100)  # before mkdocs-macros reads the config
def on_config(config):
    return _site().on_config(config)


def on_files(files, config):
    return sys.modules["macros.site"].on_files(files, config)


def on_page_context(context, page, config, nav):
    return sys.modules["macros.site"].on_page_context(context, page, config, nav)
