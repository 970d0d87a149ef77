"""What the search box judges a typed ID by, so that it says what the checker and the 404 page say.

The search box (docs/assets/javascripts/pqs.js) loads the checker's own rules and engine when a reader
types something shaped like an ID that the current edition does not record, with this file: the
current edition's domains, outcomes and recorded statement IDs, in the shape of the edition's export
that the engine's ``Judge`` reads (the 404 page fetches the export itself; the search box must also
work from a copy of the site opened from disk, where nothing can be fetched).
"""

from __future__ import annotations

import json

from macros.render.context import Renderer


def judge_data_script(r: Renderer) -> str:
    edition = r.fw.current

    def page(item) -> str:
        return r.routes.url(item)

    data = {
        "edition": {"key": edition.key},
        "domains": [
            {
                "id": d.id,
                "page": page(d),
                "outcomes": [
                    {
                        "id": o.id,
                        "page": page(o),
                        "coverage": o.coverage,
                        "statements": [{"id": s.id, "page": page(s) if s.id else None} for s in o.statements],
                    }
                    for o in d.outcomes
                ],
            }
            for d in edition.domains
        ],
    }
    return "window.PQS_JUDGE=" + json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c") + ";\n"
