"""The PQS site's code. Layers, each importing only those before it:

- ``macros.core``: the data (``ids``, ``model``, ``loader`` and its passes, ``diff``);
- ``macros.routes``: every path and link of the site;
- ``macros.render``: every generated page and file, from templates that escape;
- ``macros.adapters``: MkDocs and mkdocs-macros on top of the renderer;
- ``macros.checker`` and ``macros.cli``: the command-line tools.

mkdocs-macros (``module_name: macros`` in mkdocs.yml) calls :func:`define_env` here.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    from macros.adapters.macros_env import define_env as define

    define(env)
