"""What every published file shares, whichever renderer writes it: the licence it is under, the data
file it is made from, how a writer's output becomes text, and how a download is made when the build
reads or writes it (:class:`Export`). How a file's links address the site
is :class:`macros.routes.Links`."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from typing import TextIO

from macros.routes import OGL_URL

# The data file, as the published files name it, and the default of extra.pqs_data (macros/adapters/config.py).
DATA_FILE = "data/pqs.yaml"
LICENCE = {"name": "Open Government Licence v3.0", "id": "OGL-3.0", "url": OGL_URL}
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def text_of(write: Callable[[TextIO], None]) -> str:
    """What a writer of a file writes, as text."""
    buffer = io.StringIO()
    write(buffer)
    return buffer.getvalue()


class Export:
    """One export file: its text when called, or written straight to a file by :meth:`write_file`.

    The largest are tens of millions of characters at 100x the framework; writing them row by row
    to the site keeps the build's memory near a plain site's. An export published at two paths
    (the current edition's alias and its pinned file) is made once: the second path gets a copy of
    the first file, or the text kept from the first call until the second.
    """

    def __init__(self, write: Callable[[TextIO], None], uses: int = 1):
        self.write = write
        self.uses = uses
        self.left = 0  # paths still to serve from what was made for the first
        self.kept: str | None = None
        self.written: str | None = None  # the file written for the first path

    def __call__(self) -> str:
        if self.left and self.kept is not None:
            text = self.kept
            self.left -= 1
        else:
            text = text_of(self.write)
            self.left = self.uses - 1
        self.kept = text if self.left else None
        return text

    def write_file(self, path: str) -> None:
        """Write the file at ``path`` (UTF-8, as MkDocs writes a generated file's text)."""
        if self.left and self.written and self.written != path and os.path.isfile(self.written):
            shutil.copyfile(self.written, path)
            self.left -= 1
        else:
            with open(path, "w", encoding="utf-8") as out:
                self.write(out)
            self.written, self.left = path, self.uses - 1
        if not self.left:
            self.written = None
