"""An earlier standard's page (kss-2018/): its areas, each with its text where recorded, and where each went
in the newer standards. Template: baseline.md."""

from __future__ import annotations

from macros.core.diff import TYPE_LABEL, comparisons_from
from macros.core.model import Baseline
from macros.render import changes
from macros.render.context import Helpers, Renderer
from macros.render.pages.items import front


def page(r: Renderer, baseline: Baseline) -> str:
    here = r.routes.baseline(baseline.key)
    official = baseline.official.source.url if baseline.official else None
    return r.render(
        "baseline.md",
        here,
        baseline=baseline,
        worded=[a for a in baseline.areas if a.text],
        area_text=lambda area: r.fragment(
            "parts/area-text.html", here, area=area, open=True, summary="The area’s text", author=baseline.provenance.source.publisher
        ),
        official_url=official,
        comparisons=comparisons_from(r.fw, baseline.key),
        target_label=lambda comparison, target_id: changes.target_label(r, Helpers(r, here), target_id, comparison.edition.key),
        type_label=TYPE_LABEL,
        **front(r, baseline.short_title, f"The areas of the {baseline.short_title} and where each went in the new standards."),
    )
