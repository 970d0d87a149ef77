"""pqs-check: find PQS references in training materials, check each against the data, report coverage.

Usage: ``pqs-check [options] FILE_OR_FOLDER ...`` (``pqs-check --help`` lists the options).
The rule for what counts as a reference is written for readers in ``docs/check.md``
("How IDs are recognised") and for both checkers, once, in :mod:`macros.checker.rules`.

The package, by job:

* :mod:`.rules` — patterns, word lists, limits, messages and decision tables (the single source);
* :mod:`.scan` — ID-like tokens in a line;
* :mod:`.judge` — the verdict on one reference, and the nearest valid IDs;
* :mod:`.materials` — reading .md, .txt, .csv, .tsv and .docx files into lines, safely;
* :mod:`.run` — one run over the materials;
* :mod:`.coverage` — what the materials cite, as frozen dataclasses;
* :mod:`.report` — the text, JSON and CSV reports;
* :mod:`.heatmap` — the coverage as a picture (SVG), drawn once for pqs-check and the checker page;
* :mod:`.cli` — the command's options and exit status;
* :mod:`.browser` — the rules as a script for the browser checker, generated at build time.
"""

from __future__ import annotations

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """The pqs-check command (:func:`macros.checker.cli.main`), imported when run: the site's build
    imports only :mod:`.browser` from this package, and need not load the command's modules."""
    from macros.checker.cli import main as run

    return run(argv)
