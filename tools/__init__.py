"""Helpers shared by the tests and scripts/benchmark.py: how a site is built, served and opened in Chromium.

Not part of the site and not installed with it (pyproject.toml installs ``macros`` only); both the tests
(tests/conftest.py puts the project's folder on ``sys.path``) and the benchmark import it from the checkout.

- :mod:`tools.build`: a strict ``mkdocs build`` of a project folder, as a maintainer runs it;
- :mod:`tools.pagesserver`: a built site served as GitHub Pages serves it (gzipped, its 404 page), at a
  sub-path as a project site is published, or served plainly;
- :mod:`tools.serve`: ``mkdocs serve`` on a free port, and fetching a page until it shows an edit;
- :mod:`tools.chromium`: Debian's Chromium and the flags every launch of it takes;
- :mod:`tools.lighthouse`: Lighthouse, for the quality gate and the benchmark's ``--lighthouse``.
"""
