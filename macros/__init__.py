"""The PQS site's code. Layers, each importing only those before it:

- ``macros.core``: the data (``ids``, ``model``, ``loader`` and its passes, ``diff``);
- ``macros.routes``: every path and link of the site;
- ``macros.checker``: the materials checker;
- ``macros.render``: every generated page and file, from templates that escape;
- ``macros.adapters``, ``macros.cli`` and ``macros.hooks``: MkDocs, mkdocs-macros and the commands on
  top of the renderer.

The MkDocs hook (``macros/hooks.py``, under ``hooks:`` in mkdocs.yml) drives the build; it registers
the macros of the hand-written pages with mkdocs-macros (:mod:`macros.adapters.macros_plugin`).
"""
