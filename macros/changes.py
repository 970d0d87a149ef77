"""Markdown for the pages about change: the diff between two sets of standards,
the baseline's areas with their descendants, consultation feedback, and the
curriculum parts (an item's ancestors, a programme's coverage).

Text from the data goes through pages.text() / pages.attr(), as everywhere.
"""

from __future__ import annotations

import posixpath

from macros import pages
from macros.core import ids
from macros.core.diff import TYPE_LABEL, Comparison, compare, comparisons_from, comparisons_into
from macros.core.model import Baseline, Domain, Feedback, Framework, Outcome, Programme
from macros.pages import md_link, text


def changes_src(crosswalk_key: str) -> str:
    return f"changes/{crosswalk_key}.md"


def baseline_src(baseline_key: str) -> str:
    return f"{baseline_key}.md"


FEEDBACK_SRC = "feedback.md"


def _rel(from_src: str, to_src: str, anchor: str = "") -> str:
    rel = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _source_label(fw: Framework, comparison: Comparison, key: str, from_src: str) -> str:
    """A link to one item of the older side: a baseline area or an older edition's ID."""
    crosswalk = comparison.crosswalk
    if crosswalk.source in fw.baselines:
        area = next(a for a in fw.baselines[crosswalk.source].areas if a.key == key)
        return f"[{text(area.title)}]({_rel(from_src, baseline_src(crosswalk.source), area.key)})"
    return key


def _target_label(fw: Framework, target_id: str, from_src: str) -> str:
    item = fw.index.get(target_id)
    if item is None:
        return target_id
    return md_link(from_src, item, target_id, title=pages.item_text(item))


# -- the diff page ------------------------------------------------------------


def changes_page(fw: Framework, comparison: Comparison) -> str:
    cw, old, new, edition = comparison.crosswalk, comparison.old, comparison.new, comparison.edition
    src = changes_src(cw.key)
    title = f"What changed: from the {old.title} to the {new.title}"
    out = [pages._front_matter(title, f"How the {old.title} carry into the {new.title}, area by area and outcome by outcome.")]
    out.append(f"# {text(title)}\n")
    out.append(f'!!! note "How this comparison was made"\n    {text(cw.basis)}\n')

    out.append("## At a glance { #at-a-glance }\n")
    rows = ["| | " + text(old.title) + " | " + text(new.title) + " |", "| --- | --- | --- |"]
    rows.append(f"| Structure | {old.groups} {old.group_noun} | {new.groups} {new.group_noun}, {len(edition.outcomes)} outcomes |")
    if old.pages or new.pages:
        rows.append(f"| Length of the document | {_pages(old.pages)} | {_pages(new.pages)} |")
    carried = len(comparison.carried)
    rows.append(f"| Outcomes with an ancestor in the {text(old.title)} | | {carried} of {len(edition.outcomes)} |")
    rows.append(f"| Outcomes with no ancestor (new) | | {len(comparison.new_items)} |")
    rows.append(f"| Areas with no clear home, or thinner | {len(cw.thinner)} of {len(old.items)} | |")
    counts = comparison.counts_by_type()
    rows.append("| Links | | " + ", ".join(f"{n} {TYPE_LABEL[t]}" for t, n in counts.items()) + " |")
    out.append("\n".join(rows) + "\n")
    length_sources = _length_sources(fw, comparison)
    if length_sources:
        out.append(f"Lengths: {length_sources}.\n")

    out.append("## What is new { #new }\n")
    out.append(_new_section(fw, comparison, src))
    out.append("## What is carried over { #carried-over }\n")
    out.append(f"Each area of the {text(old.title)} and the outcomes or statements that take it forward.\n")
    for key, _title in old.items:
        links = comparison.links_from(key)
        if not links:
            continue
        out.append(
            f"- **{_source_label(fw, comparison, key, src)}**: "
            + "; ".join(_link_phrase(fw, link.target, link.type, src) for link in links)
        )
    out.append("")
    out.append("## What is thinner { #thinner }\n")
    for item in cw.thinner:
        cited = "".join(f" (Source: {pages.cite_source(p)}.)" for p in item.provenance)
        out.append(f"- **{_source_label(fw, comparison, item.source, src)}**: {text(item.note)}{cited}")
    out.append("")

    out.append("## The picture { #matrix }\n")
    out.append(_matrix(fw, comparison, src))
    out.append(f"## The crosswalk, area by area {{ #from-{old.key} }}\n")
    out.append(_table_from(fw, comparison, src))
    out.append(f"## The crosswalk, outcome by outcome {{ #to-{new.key} }}\n")
    out.append(_table_to(fw, comparison, src))
    return "\n".join(out)


def _pages(n: int | None) -> str:
    return f"{n} pages" if n else "not recorded"


def _length_sources(fw: Framework, comparison: Comparison) -> str:
    provs = []
    for key in (comparison.crosswalk.source, comparison.crosswalk.target):
        holder = fw.baselines.get(key) or fw.editions.get(key)
        if holder and holder.length:
            provs.append(pages.cite_source(holder.length.provenance))
    return "; ".join(dict.fromkeys(provs))


def _link_phrase(fw: Framework, target: str, type_: str, src: str) -> str:
    return f"{_target_label(fw, target, src)} ({TYPE_LABEL[type_]})"


def _new_section(fw: Framework, comparison: Comparison, src: str) -> str:
    """New outcomes by domain: first those our sources call new, then those no older title names."""
    old = text(comparison.old.title)
    sourced = [n for n in comparison.new_items if n.provenance]
    unsourced = [n for n in comparison.new_items if not n.provenance]
    out = []
    if sourced:
        out.append("Our sources say these are new:\n")
        out.append(_new_by_domain(fw, comparison, sourced, src))
    if unsourced:
        out.append(
            f"No area of the {old} names these by its title. The KSS text itself is not among our sources, "
            "so some of them may draw on it; treat them as new when remapping, and check the KSS text.\n"
        )
        out.append(_new_by_domain(fw, comparison, unsourced, src))
    return "\n".join(out) + "\n"


def _new_by_domain(fw: Framework, comparison: Comparison, items: list, src: str) -> str:
    out = []
    for domain in comparison.edition.domains:
        mine = [n for n in items if n.id.split(".")[0] == domain.id]
        if not mine:
            continue
        whole = {n.id for n in mine} == {o.id for o in domain.outcomes}
        provs = {n.provenance for n in mine}
        shared = next(iter(provs)) if len(provs) == 1 and None not in provs else None
        line = f"**{md_link(src, domain)}**" + (": every outcome of the domain." if whole else "")
        if shared:
            line += f" (Source: {pages.cite_source(shared)}.)"
        out.append(line + "\n")
        for item in mine:
            outcome = fw.index[item.id]
            cited = f" (Source: {pages.cite_source(item.provenance)}.)" if item.provenance and not shared else ""
            out.append(f"- {md_link(src, outcome, item.id)} {text(pages.item_text(outcome))} *{text(item.note)}*{cited}")
        out.append("")
    return "\n".join(out)


def _matrix(fw: Framework, comparison: Comparison, src: str) -> str:
    """Areas down, domains across, the number of links in each cell: an HTML table, no script, no external host."""
    domains = comparison.edition.domains
    head = "".join(
        f'<th scope="col"><a href="{_html_href(src, pages.domain_src(d.id))}">{d.id}</a> {pages.attr(d.title)}</th>' for d in domains
    )
    body = []
    titles = dict(comparison.old.items)
    for key, cells in comparison.matrix():
        tds = "".join(
            f'<td class="pqs-cell pqs-cell-{min(n, 3)}">{n if n else ""}<span class="pqs-sr-only">{"" if n else "none"}</span></td>'
            for n in cells
        )
        body.append(f'<tr><th scope="row">{pages.attr(titles[key])}</th>{tds}</tr>')
    return (
        '<div class="pqs-matrix-wrap" role="region" aria-label="Crosswalk matrix" tabindex="0">\n'
        '<table class="pqs-matrix">\n'
        f"<caption>Links from each {comparison.old.group_noun[:-1]} of the {pages.attr(comparison.old.title)} (rows) "
        f"to the {comparison.new.group_noun} of the {pages.attr(comparison.new.title)} (columns). "
        "A number is how many outcomes or statements of that domain carry the area.</caption>\n"
        f'<thead><tr><th scope="col">Area</th>{head}</tr></thead>\n'
        f"<tbody>{''.join(body)}</tbody>\n</table>\n</div>\n"
    )


def _html_href(from_src: str, to_src: str, anchor: str = "") -> str:
    """href between two pages' directory URLs, from their Markdown sources."""
    from_dir = from_src[: -len(".md")] + "/"
    to_url = to_src[: -len(".md")] + "/"
    return pages.html_href(from_dir, to_url) + (f"#{anchor}" if anchor else "")


def _table_from(fw: Framework, comparison: Comparison, src: str) -> str:
    rows = ["| Area | Carried by | Link | Why |", "| --- | --- | --- | --- |"]
    for key, _ in comparison.old.items:
        label = _source_label(fw, comparison, key, src)
        links = comparison.links_from(key)
        if not links:
            rows.append(f"| {label} | no outcome | thinner | {text(comparison.thinner(key).note) if comparison.thinner(key) else ''} |")
        for link in links:
            rows.append(f"| {label} | {_target_label(fw, link.target, src)} | {TYPE_LABEL[link.type]} | {text(link.rationale)} |")
    return "\n".join(rows) + "\n"


def _table_to(fw: Framework, comparison: Comparison, src: str) -> str:
    rows = ["| Outcome | Ancestors | Link |", "| --- | --- | --- |"]
    new_notes = {n.id: n.note for n in comparison.new_items}
    for outcome in comparison.edition.outcomes:
        ancestors = comparison.ancestors(outcome.id)
        label = md_link(src, outcome, outcome.id, title=outcome.text)
        if not ancestors:
            rows.append(f"| {label} | none: new. {text(new_notes.get(outcome.id, ''))} | new |")
        for link in ancestors:
            via = "" if link.target == outcome.id else f" (through {link.target})"
            rows.append(f"| {label} | {_source_label(fw, comparison, link.source, src)}{via} | {TYPE_LABEL[link.type]} |")
    return "\n".join(rows) + "\n"


# -- the baseline page ------------------------------------------------------------


def baseline_page(fw: Framework, baseline: Baseline) -> str:
    src = baseline_src(baseline.key)
    out = [pages._front_matter(baseline.short_title, f"The areas of the {baseline.short_title} and where each went in the new standards.")]
    out.append(f"# {text(baseline.short_title)}\n")
    official = ""
    if baseline.official and baseline.official.source.url:
        official = f" Its text is on [GOV.UK]({baseline.official.source.url})."
    out.append(
        f"*{text(baseline.title)}*: the post-qualifying standard that the new standards replace, determined as the "
        f"post-qualifying standard in March 2018.{official} Our sources give the titles of its areas, not their text, "
        "so each summary below only restates the title.\n"
    )
    comparisons = comparisons_from(fw, baseline.key)
    for area in baseline.areas:
        out.append(f"## {text(area.title)} {{ #{area.key} }}\n")
        out.append(f"{text(area.summary)} *(Our summary of the title.)*\n")
        out.append(f'<p class="pqs-source" data-search-exclude>Title: {pages._inline_html(pages.cite_source(area.provenance))}</p>\n')
        for comparison in comparisons:
            links = comparison.links_from(area.key)
            target = comparison.new.title
            if links:
                out.append(f"In the {text(target)}:\n")
                out.extend(f"- {_target_label(fw, link.target, src)} ({TYPE_LABEL[link.type]}): {text(link.rationale)}" for link in links)
                out.append("")
            thin = comparison.thinner(area.key)
            if thin:
                out.append(f'!!! warning "Thinner in the {text(target)}"\n    {text(thin.note)}\n')
    if comparisons:
        out.append(f"See also {md_link_src(src, changes_src(comparisons[0].crosswalk.key), 'what changed, at a glance')}.\n")
    return "\n".join(out)


def md_link_src(from_src: str, to_src: str, label: str, anchor: str = "") -> str:
    return f"[{label}]({_rel(from_src, to_src, anchor)})"


# -- parts of the outcome and domain pages ---------------------------------------


def ancestors_section(fw: Framework, outcome: Outcome, src: str) -> str:
    """'Earlier standards' on an outcome page: its ancestors, or why it is new."""
    out = []
    for comparison in comparisons_into(fw, fw.current.key):
        old = comparison.old.title
        links = comparison.ancestors(outcome.id)
        new = comparison.new_item(outcome.id)
        out.append(f"## In the {text(old)} {{ #{ids.slug(outcome.id)}-{comparison.crosswalk.key} }}\n")
        if links:
            for link in links:
                via = "" if link.target == outcome.id else f" through {_target_label(fw, link.target, src)}"
                out.append(f"- {_source_label(fw, comparison, link.source, src)} ({TYPE_LABEL[link.type]}){via}: {text(link.rationale)}")
            out.append("")
        elif new:
            out.append(f"New: no area of the {text(old)} carries this outcome. {text(new.note)}\n")
        out.append(md_link_src(src, changes_src(comparison.crosswalk.key), f"How the {text(old)} map to the new standards") + "\n")
    return "\n".join(out)


def feedback_list(fw: Framework, items: tuple[Feedback, ...], src: str, heading: str | None = None, exclude: str = "") -> str:
    if not items:
        return ""
    out = [heading] if heading else []
    for item in items:
        about = [a for a in item.about if a not in ("framework", exclude)]
        also = ", ".join(_target_label(fw, a, src) for a in about)
        out.append(f"- {text(item.summary)} *({pages.cite_source(item.provenance)}" + (f"; about {also}" if also else "") + ".)*")
    return "\n".join(out) + "\n"


def feedback_in_domain(fw: Framework, domain_id: str) -> tuple[Feedback, ...]:
    """Feedback about a domain or anything in it, each point once."""
    return tuple(f for f in fw.feedback if any(a != "framework" and ids.parent_domain(a) == domain_id for a in f.about))


def feedback_page(fw: Framework) -> str:
    src = FEEDBACK_SRC
    out = [pages._front_matter("Consultation feedback", "Points consultation responses made about the draft standards, by domain.")]
    out.append("# Consultation feedback on the draft\n")
    publishers = sorted({f.provenance.source.publisher for f in fw.feedback})
    out.append(
        f"Points that consultation responses in our sources ({text(', '.join(publishers))}) make about the draft, "
        "summarised in our own words, with where each was made. Each point is also shown on the page of the "
        "domain, outcome or statement it concerns.\n"
    )
    general = tuple(f for f in fw.feedback if "framework" in f.about)
    if general:
        out.append("## The standards as a whole { #framework }\n")
        out.append(feedback_list(fw, general, src))
    for domain in fw.current.domains:
        items = feedback_in_domain(fw, domain.id)
        out.append(f"## {md_link(src, domain)} {{ #domain-{domain.id} }}\n")
        out.append(feedback_list(fw, items, src) if items else "No points recorded about this domain.\n")
    return "\n".join(out)


def item_feedback(fw: Framework, item: Domain | Outcome, src: str) -> str:
    items = fw.feedback_about(item.id)
    if not items:
        return ""
    anchor = f"{ids.slug(item.id)}-feedback"
    return feedback_list(fw, items, src, f"## Consultation feedback {{ #{anchor} }}\n")


def statement_feedback(fw: Framework, statement_id: str | None, src: str) -> str:
    if not statement_id:
        return ""
    items = fw.feedback_about(statement_id)
    if not items:
        return ""
    return (
        '!!! quote "Consultation feedback on '
        + statement_id
        + '"\n'
        + "\n".join("    " + line for line in feedback_list(fw, items, src, exclude=statement_id).splitlines())
        + "\n"
    )


# -- curriculum ---------------------------------------------------------------------


def programme_matrix(fw: Framework, programme: Programme, src: str) -> str:
    """Outcomes down, modules across: which outcomes the programme covers and which it misses."""
    modules = programme.modules
    covered: dict[str, list[int]] = {}
    for m, module in enumerate(modules):
        for item_id in module.covers:
            kind = ids.kind_of(item_id)
            if kind == "domain":
                outcome_ids = [o.id for o in fw.index[item_id].outcomes]
            else:
                outcome_ids = [item_id if kind == "outcome" else ids.parent_outcome(item_id)]
            for outcome_id in outcome_ids:
                covered.setdefault(outcome_id, []).append(m)
    outcomes = fw.current.outcomes
    missed = [o for o in outcomes if o.id not in covered]
    out = [f"*{text(programme.note)}*\n", "### The modules\n"]
    for m, module in enumerate(modules, 1):
        out.append(f"{m}. **{text(module.title)}**: " + ", ".join(_target_label(fw, i, src) for i in module.covers))
    out.append("")
    out.append(f"### Coverage: {len(outcomes) - len(missed)} of {len(outcomes)} outcomes {{ #coverage-{programme.key} }}\n")
    head = "".join(f'<th scope="col"><abbr title="{pages.attr(mod.title)}">M{i}</abbr></th>' for i, mod in enumerate(modules, 1))
    rows = []
    for outcome in outcomes:
        marks = covered.get(outcome.id, [])
        tds = "".join(
            f'<td class="pqs-cell {"pqs-cell-1" if m in marks else ""}">{"✓" if m in marks else ""}'
            f'<span class="pqs-sr-only">{"covered" if m in marks else "not covered"}</span></td>'
            for m in range(len(modules))
        )
        status = "covered" if marks else "<strong>missed</strong>"
        link = f'<a href="{_html_href(src, pages.outcome_src(outcome.id))}">{outcome.id}</a>'
        rows.append(f'<tr><th scope="row">{link} {pages.attr(pages._truncate(outcome.text, 70))}</th>{tds}<td>{status}</td></tr>')
    out.append(
        '<div class="pqs-matrix-wrap" role="region" aria-label="Programme coverage" tabindex="0">\n'
        f'<table class="pqs-matrix">\n<caption>{pages.attr(programme.title)}: which modules (M1 to M{len(modules)}) cover each outcome</caption>\n'
        f'<thead><tr><th scope="col">Outcome</th>{head}<th scope="col">Status</th></tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody>\n</table>\n</div>\n"
    )
    out.append(f"### Missed: {len(missed)} outcomes {{ #missed-{programme.key} }}\n")
    out.extend(f"- {md_link(src, o, o.id)} {text(o.text)}" for o in missed)
    out.append("")
    return "\n".join(out)


def domain_notes(fw: Framework, src: str) -> str:
    """Per domain, the facts a curriculum designer needs, all computed from the data."""
    out = []
    comparisons = comparisons_into(fw, fw.current.key)
    for domain in fw.current.domains:
        out.append(f"## {md_link(src, domain)} {{ #notes-{domain.id} }}\n")
        n_st = len(domain.statements)
        numbered = [s.id for s in domain.statements if s.id]
        facts = [
            f"{len(domain.outcomes)} outcomes; {n_st} statements recorded here"
            + (f", cited by ID: {', '.join(numbered)}" if numbered else "")
            + "."
        ]
        for comparison in comparisons:
            new = [o.id for o in domain.outcomes if not comparison.ancestors(o.id)]
            ancestors = sorted(
                {link.source for o in domain.outcomes for link in comparison.ancestors(o.id)},
                key=[k for k, _ in comparison.old.items].index,
            )
            titles = dict(comparison.old.items)
            if ancestors:
                facts.append(f"Carries from the {text(comparison.old.title)}: " + "; ".join(text(titles[a]) for a in ancestors) + ".")
            if new:
                facts.append(
                    f"New since the {text(comparison.old.title)}: outcomes {', '.join(new)}. Plan these from scratch rather than by remapping."
                )
        points = len(feedback_in_domain(fw, domain.id))
        if points:
            facts.append(
                f"Consultation feedback: {points} point{'s' if points != 1 else ''} "
                f"([read them]({_rel(src, FEEDBACK_SRC, f'domain-{domain.id}')})); check them against the final standards."
            )
        out.extend(f"- {fact}" for fact in facts)
        out.append("")
    return "\n".join(out)


def all_comparisons(fw: Framework) -> tuple[Comparison, ...]:
    return tuple(compare(fw, c) for c in fw.crosswalks)
