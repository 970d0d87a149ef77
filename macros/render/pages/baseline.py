"""An earlier standard's page (kss-2018/): its areas, each with its text where recorded, and where each went
in the newer standards. Template: baseline.md."""

from __future__ import annotations

from markupsafe import Markup

from macros.core.diff import TYPE_LABEL, Comparison, comparisons_from
from macros.core.model import Area, Baseline, Link, Thinner
from macros.render import changes
from macros.render.context import Helpers, Renderer
from macros.render.pages.items import front


def page(r: Renderer, baseline: Baseline) -> str:
    here = r.routes.baseline(baseline.key)
    h = Helpers(r, here)
    official = baseline.official.source.url if baseline.official else None
    comparisons = comparisons_from(r.fw, baseline.key)
    author = baseline.provenance.source.publisher

    def where(area: Area) -> list[tuple[Comparison, list[tuple[Link, Markup]], Thinner | None]]:
        """Where the area went in each comparison from the baseline: each link with its target's label, and any note that it is thinner."""
        return [
            (
                comparison,
                [(link, changes.target_label(r, h, link.target, comparison.edition.key)) for link in comparison.links_from(area.key)],
                comparison.thinner(area.key),
            )
            for comparison in comparisons
        ]

    areas = [
        (
            area,
            r.fragment("parts/area-text.html", here, area=area, open=True, summary="The area’s text", author=author) if area.text else None,
            where(area),
        )
        for area in baseline.areas
    ]
    return r.render(
        "baseline.md",
        here,
        baseline=baseline,
        worded=[a for a in baseline.areas if a.text],
        areas=areas,
        official_url=official,
        comparisons=comparisons,
        type_label=TYPE_LABEL,
        **front(r, baseline.short_title, f"The areas of the {baseline.short_title} and where each went in the new standards."),
    )
