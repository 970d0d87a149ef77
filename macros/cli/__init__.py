"""Command-line tools: ``pqs-render`` (the site as plain files) and ``pqs-check`` (in :mod:`macros.checker`)."""
