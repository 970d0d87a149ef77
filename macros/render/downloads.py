"""Every download the site publishes, in one registry: path under the site -> :class:`~macros.render.files.Export`,
each made only when the build reads or writes it (and once, however many paths it is published at).

- the standards as data, per edition: JSON, CSV, a Moodle competency framework and the JSON's schema
  (:mod:`macros.render.exports`, :mod:`macros.render.moodle`);
- references for reference managers, per edition: RIS and CSL-JSON, and every comparison as data with
  its schema (:mod:`macros.render.references`).
"""

from __future__ import annotations

from macros.core.model import Framework
from macros.render import exports, references
from macros.render.files import Export


def makers(fw: Framework, site_url: str | None = None) -> dict[str, Export]:
    """Every download of the site for ``fw``, by path; two modules never claim one path."""
    out = exports.makers(fw, site_url)
    for path, make in references.makers(fw, site_url).items():
        if path in out:
            raise ValueError(f"two downloads at {path}")
        out[path] = make
    return out
