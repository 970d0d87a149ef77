"""Macros for hand-written pages (mkdocs-macros ``module_name: macros``).

``define_env`` only registers; the work is in :mod:`macros.pages`, and the data
is the framework the hook loaded for this build.
"""

from __future__ import annotations


def define_env(env) -> None:
    from macros import pages, site

    def fw():
        return site.framework(env.conf)

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def pqs(item_id: str, label: str | None = None) -> str:
        """A link to a domain, outcome or statement, with its text on hover: {{ pqs("3.2 D2") }}."""
        item = fw().lookup(item_id)
        if item is None:
            raise ValueError(
                f"{here()}: pqs({item_id!r}) names no domain, outcome or statement of the current edition;"
                " check the ID against data/pqs.yaml"
            )
        ident = getattr(item, "id", None) or item_id
        return pages.md_link(here(), item, label or ident, title=pages.item_text(item))

    @env.macro
    def framework_overview() -> str:
        return pages.framework_overview(fw(), here())

    @env.macro
    def timeline() -> str:
        return pages.timeline_table(fw())

    @env.macro
    def sources_list() -> str:
        return pages.sources_list(fw())

    @env.macro
    def meaning(kind: str) -> str:
        return pages.meaning_quote(fw().current, kind)

    @env.macro
    def edition() -> dict:
        e = fw().current
        return {
            "title": e.title,
            "short_title": e.short_title,
            "published": pages.date(e.published),
            "closes": pages.date(e.consultation_closes) if e.consultation_closes else "",
            "final_title": e.superseded_by.title if e.superseded_by else "",
            "final_published": pages.date(e.superseded_by.published) if e.superseded_by else "",
            "final_applies": pages.date(e.superseded_by.applies_from) if e.superseded_by and e.superseded_by.applies_from else "",
            "final_url": e.superseded_by.provenance.source.url if e.superseded_by else "",
        }

    @env.macro
    def export_editions() -> str:
        from macros import exports

        return exports.editions_table(fw(), here())

    @env.macro
    def domain_notes() -> str:
        from macros import changes

        return changes.domain_notes(fw(), here())

    @env.macro
    def programme(key: str) -> str:
        from macros import changes

        found = next((p for p in fw().programmes if p.key == key), None)
        if found is None:
            raise ValueError(f"{here()}: programme({key!r}) is not under programmes in data/pqs.yaml")
        return changes.programme_matrix(fw(), found, here())

    @env.macro
    def changes_link(label: str = "what changed since the KSS") -> str:
        from macros import changes

        comparison = changes.all_comparisons(fw())[0]
        return changes.md_link_src(here(), changes.changes_src(comparison.crosswalk.key), label)

    @env.macro
    def baseline_link(label: str = "the KSS areas") -> str:
        from macros import changes

        baseline = next(iter(fw().baselines.values()))
        return changes.md_link_src(here(), changes.baseline_src(baseline.key), label)

    @env.filter
    def date(value: str) -> str:
        return pages.date(value)
