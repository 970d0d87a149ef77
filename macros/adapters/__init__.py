"""Adapters from the renderer to the tools that publish the site: MkDocs (and mkdocs-macros) and the file system."""
