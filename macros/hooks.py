"""MkDocs hook (listed under ``hooks:`` in mkdocs.yml): a shim over :mod:`macros.adapters.mkdocs`.

MkDocs loads a hook once per process, so ``mkdocs serve`` would keep running old
code. Instead, every build forgets the whole ``macros`` package and imports it
afresh, so an edit to any module (a new one included) shows on the next rebuild,
like an edit to the data. No list of modules to keep in step.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "macros"


def _fresh() -> ModuleType:
    # MkDocs restores sys.path after loading a hook, so add the project here.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    return importlib.import_module(f"{PACKAGE}.adapters.mkdocs")


def _site() -> ModuleType:
    return sys.modules.get(f"{PACKAGE}.adapters.mkdocs") or _fresh()


@event_priority(100)  # before mkdocs-macros reads the config (and imports the package's define_env)
def on_config(config):
    return _fresh().on_config(config)


def on_files(files, config):
    return _site().on_files(files, config)


def on_page_context(context, page, config, nav):
    return _site().on_page_context(context, page, config, nav)


def on_page_markdown(markdown, page, config, files):
    return _site().on_page_markdown(markdown, page, config)
