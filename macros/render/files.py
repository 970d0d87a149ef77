"""What every published file shares, whichever renderer writes it: the licence it is under, the data
file it is made from, and how a writer's output becomes text. How a file's links address the site
is :class:`macros.routes.Links`."""

from __future__ import annotations

import io
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
