"""Markdown for every page kind, from the model. One function per page kind.

Text from the data is always passed through :func:`text` (or :func:`attr` in
raw HTML), so markup or script in a statement shows as text. Generated pages
carry ``render_macros: false``, so ``{{ … }}`` in the data is never executed.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

from macros.core import ids
from macros.core.model import Domain, Edition, Framework, Outcome, Provenance, RetiredId, Statement

DATA_FILE = "data/pqs.yaml"
KIND_TITLE = {"knows": "Knows", "does": "Does"}
STATUS_LABEL = {"consultation-draft": "Consultation draft", "final": "Final"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&])")


def text(value: str) -> str:
    """Escape data text for a Markdown paragraph or heading: it renders literally."""
    value = " ".join(value.split())
    return _MD_SPECIAL.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), value)


_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;"}


def attr(value: str) -> str:
    """Escape data text for raw HTML (element content or a quoted attribute)."""
    return html.escape(" ".join(value.split()), quote=True)


def date(value: str) -> str:
    """'2025-03-20' -> '20 March 2025'; '2027-09' -> 'September 2027'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


# -- where things live ------------------------------------------------------


def domain_src(domain_id: str) -> str:
    return f"domains/{domain_id}.md"


def outcome_src(outcome_id: str) -> str:
    return f"outcomes/{outcome_id}.md"


def permalink_path(item_id: str) -> str:
    """The short permalink of an ID, relative to the site root: 'id/3.2-D2/'."""
    return f"id/{ids.slug(item_id)}/"


def src_of(item: Domain | Outcome | Statement) -> tuple[str, str]:
    """(Markdown source path, anchor) of an item's home."""
    if isinstance(item, Domain):
        return domain_src(item.id), ""
    if isinstance(item, Outcome):
        return outcome_src(item.id), ""
    return outcome_src(item.outcome_id), item.anchor


def url_of(item: Domain | Outcome | Statement) -> str:
    """Site-relative URL of an item (directory URLs): 'outcomes/3.2/#3.2-D2'."""
    src, anchor = src_of(item)
    return src[: -len(".md")] + "/" + (f"#{anchor}" if anchor else "")


def md_link(from_src: str, item: Domain | Outcome | Statement, label: str | None = None, title: str | None = None) -> str:
    """A Markdown link from one page source to an item; MkDocs checks it."""
    src, anchor = src_of(item)
    rel = posixpath.relpath(src, posixpath.dirname(from_src) or ".")
    target = rel + (f"#{anchor}" if anchor else "")
    hover = f' "{attr(title)}"' if title else ""
    return f"[{label if label is not None else item_label(item)}]({target}{hover})"


def html_href(from_url_dir: str, site_path: str) -> str:
    """Relative href from a page's directory URL (e.g. 'outcomes/3.2/') to a site path."""
    return posixpath.relpath(site_path, from_url_dir.rstrip("/") or ".") + ("/" if site_path.endswith("/") else "")


def item_label(item: Domain | Outcome | Statement) -> str:
    if isinstance(item, Domain):
        return f"Domain {item.id}: {text(item.title)}"
    if isinstance(item, Outcome):
        return f"Outcome {item.id}"
    return item.id or "this statement"


def item_text(item: Domain | Outcome | Statement) -> str:
    return item.title if isinstance(item, Domain) else item.text


def cite_source(prov: Provenance) -> str:
    """'Cafcass, consultation response (2025), Question 13' as escaped Markdown, linked when it has a URL."""
    src = prov.source
    name = text(src.title)
    if src.url:
        name = f"[{name}]({src.url})"
    when = f" ({date(src.published)})" if src.published else ""
    return f"{text(src.publisher)}, *{name}*{when}, {text(prov.at)}"


def _truncate(value: str, limit: int = 60) -> str:
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def nav_title_outcome(outcome: Outcome) -> str:
    return f"{outcome.id} {_truncate(outcome.text.rstrip('.'))}"


def _front_matter(title: str, description: str, extra: dict[str, str] | None = None) -> str:
    # The theme does not escape front matter values, so escape them here.
    meta = {"title": attr(title), "description": attr(description), "render_macros": False, "pqs_source": DATA_FILE, **(extra or {})}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _counts(statements: tuple[Statement, ...]) -> str:
    knows = sum(1 for s in statements if s.kind == "knows")
    does = len(statements) - knows
    if not statements:
        return "no statements recorded"
    noun = "statement" if len(statements) == 1 else "statements"
    return f"{len(statements)} {noun} recorded ({knows} knows, {does} does)"


# -- pages ------------------------------------------------------------------


def domain_page(fw: Framework, domain: Domain) -> str:
    edition = fw.current
    src = domain_src(domain.id)
    out = [_front_matter(f"Domain {domain.id}: {domain.title}", domain.summary, {"pqs_id": domain.id})]
    out.append(f"# Domain {domain.id}: {text(domain.title)} {{ #{domain.id} }}\n")
    out.append(f'<p class="pqs-summary"><strong>In brief</strong> (our summary): {attr(domain.summary)}</p>\n')
    out.append(_permalink_line(src, domain.id, f"domain {domain.id}", cite=(f"Domain {domain.id}", domain.title, edition)))
    if domain.note:
        out.append(f'!!! note "About this domain\'s number"\n    {text(domain.note)}\n')
    out.append(f'<p class="pqs-source" data-search-exclude>Domain title and position: {_inline_html(cite_source(domain.provenance))}</p>\n')
    out.append(f"## The {len(domain.outcomes)} outcomes {{ #outcomes }}\n")
    for outcome in domain.outcomes:
        out.append(f"### {outcome.id} {text(outcome.text)} {{ #{ids.slug(outcome.id)} }}\n")
        out.append(f"{md_link(src, outcome, f'Read outcome {outcome.id}')}: {_counts(outcome.statements)}.\n")
    from macros import changes  # imported here: changes builds on this module

    out.append(changes.item_feedback(fw, domain, src))
    out.append(_prev_next(src, edition.domains, lambda d: f"Domain {d.id}: {text(d.title)}", edition.position[domain.id]))
    return "\n".join(out)


def outcome_page(fw: Framework, outcome: Outcome) -> str:
    from macros import changes  # imported here: changes builds on this module

    edition = fw.current
    domain = fw.index[outcome.domain_id]
    assert isinstance(domain, Domain)
    src = outcome_src(outcome.id)
    out = [_front_matter(f"{outcome.id} {outcome.text}", outcome.text, {"pqs_id": outcome.id})]
    out.append(f"# {outcome.id} {text(outcome.text)} {{ #{ids.slug(outcome.id)} }}\n")
    out.append(f"Outcome {outcome.id} of {md_link(src, domain)}, in the {text(edition.title)}.\n")
    out.append(_permalink_line(src, outcome.id, f"outcome {outcome.id}", cite=(f"Outcome {outcome.id}", outcome.text, edition)))
    basis = f"The number {outcome.id} is the outcome's position in that list"
    basis += "; the statement IDs our sources cite for it confirm it." if outcome.cited_ids else "."
    out.append(
        f'<p class="pqs-source" data-search-exclude>Outcome text: {_inline_html(cite_source(outcome.provenance))}. {attr(basis)}</p>\n'
    )
    out.append(_coverage_note(fw, outcome))
    for kind in ("knows", "does"):
        statements = outcome.of_kind(kind)
        meaning = edition.meanings.get(kind)
        out.append(f"## {KIND_TITLE[kind]} statements {{ #{ids.slug(outcome.id)}-{kind} }}\n")
        if meaning:
            out.append(f'<p class="pqs-meaning">In the consultation’s words, {attr(meaning.text)}.</p>\n')
        if not statements:
            out.append(f"No {kind} statements for this outcome are recorded in our sources.\n")
        for statement in statements:
            out.append(statement_block(src, statement, edition))
            out.append(changes.statement_feedback(fw, statement.id, src))
    out.append(changes.item_feedback(fw, outcome, src))
    out.append(changes.ancestors_section(fw, outcome, src))
    out.append(_prev_next(src, edition.outcomes, lambda o: f"{o.id} {text(_truncate(o.text, 70))}", edition.position[outcome.id]))
    return "\n".join(out)


def statement_block(src: str, statement: Statement, edition: Edition | None = None) -> str:
    # The statement's words are part of its heading, so that search ranks the
    # statement by its ID and its words together; the contents list shows the ID.
    words = f'<span class="pqs-text">{text(statement.text)}</span>'
    if statement.id:
        label = statement.id
        heading = f'### <span class="pqs-id">{statement.id}</span> {words} {{ #{statement.anchor} data-toc-label="{label}" }}'
    else:
        label = f"{KIND_TITLE[statement.kind]}: {_truncate(statement.text, 32)}"
        heading = f'### <span class="pqs-id">Unnumbered</span> {words} {{ #{statement.anchor} data-toc-label="{attr(label)}" }}'
    lines = [heading, ""]
    if statement.note:
        lines += [f'<p class="pqs-note"><strong>Note:</strong> {attr(statement.note)}</p>', ""]
    if statement.id:
        lines.append(_permalink_line(src, statement.id, statement.id, cite=(statement.id, statement.text, edition)))
    else:
        unnumbered = f"Outcome {statement.outcome_id}, unnumbered {statement.kind} statement"
        lines.append(
            f'<p class="pqs-permalink" data-search-exclude><a href="#{statement.anchor}" data-pqs-copy="{statement.anchor}"{_cite_attrs(unnumbered, statement.text, edition)}>Link to this statement</a></p>\n'
        )
    lines.append(f'<p class="pqs-source" data-search-exclude>Source: {_inline_html(cite_source(statement.provenance))}</p>\n')
    return "\n".join(lines)


def _permalink_line(src: str, item_id: str, what: str, cite: tuple[str, str, Edition | None] | None = None) -> str:
    """The permalink paragraph; with ``cite`` (label, text, edition) the link carries what the Cite button copies."""
    page_dir = src[: -len(".md")] + "/"
    href = html_href(page_dir, permalink_path(item_id))
    cite_attrs = _cite_attrs(*cite) if cite else ""
    return (
        f'<p class="pqs-permalink" data-search-exclude>Permalink: <a href="{href}" data-pqs-copy="{attr(item_id)}"{cite_attrs}>'
        f"<code>/{permalink_path(item_id)}</code></a></p>\n"
    )


def _cite_attrs(label: str, item_text: str, edition: Edition | None) -> str:
    """Data attributes for the Cite button (docs/assets/javascripts/pqs.js): what is cited, its words, the edition."""
    if edition is None:
        return ""
    work = f"{edition.title}, {edition.provenance.source.publisher}, {date(edition.published)}."
    return f' data-pqs-cite-label="{attr(label)}" data-pqs-cite-text="{attr(item_text)}" data-pqs-cite-edition="{attr(work)}"'


def _inline_html(markdown: str) -> str:
    """Turn the small Markdown subset that cite_source emits into HTML for raw blocks."""
    out = re.sub(r"\*(.+?)\*(?=[ ,(]|$)", r"<em>\1</em>", markdown)
    out = re.sub(r"\[(.+?)\]\((https://[^)\s]+)\)", r'<a href="\2">\1</a>', out)
    return re.sub(r"\\(.)", r"\1", out)


def _coverage_note(fw: Framework, outcome: Outcome) -> str:
    n = len(outcome.statements)
    where = _official_documents(fw.current)
    if outcome.coverage == "complete":
        return f'!!! success "All statements recorded"\n    Every statement of outcome {outcome.id} is recorded here.\n'
    if n == 0:
        body = f"Our sources quote none of this outcome's knows and does statements. They are in {where}."
        title = "No statements recorded"
    else:
        body = f"Our sources quote {_counts(outcome.statements).replace(' recorded', '')} for this outcome; the full list is in {where}."
        title = f"{n} statement{'s' if n != 1 else ''} recorded here"
    if outcome.note:
        body += f"\n\n    {text(outcome.note)}"
    return f'!!! info "{title}"\n    {body}\n'


def _official_documents(edition: Edition) -> str:
    """'the official documents: the consultation draft (link) and the final version (link)'."""
    links = []
    if edition.provenance.source.url:
        links.append(f"[{text(edition.short_title)}]({edition.provenance.source.url})")
    sup = edition.superseded_by
    if sup and sup.provenance.source.url:
        links.append(f"[the final version, {text(sup.title)}]({sup.provenance.source.url})")
    if not links:
        return "the official document"
    return "the official documents: " + " and ".join(links)


def _prev_next(src: str, items: tuple, label, i: int) -> str:
    parts = []
    if i > 0:
        parts.append(f"Previous: {md_link(src, items[i - 1], label(items[i - 1]))}")
    if i + 1 < len(items):
        parts.append(f"Next: {md_link(src, items[i + 1], label(items[i + 1]))}")
    if not parts:
        return ""
    return '<nav class="pqs-prevnext" aria-label="Previous and next" markdown>\n\n' + "\n\n".join(parts) + "\n\n</nav>\n"


def retired_page(fw: Framework, retired: RetiredId) -> str:
    src = f"id/{ids.slug(retired.id)}.md"
    edition = fw.editions[retired.edition]
    out = [_front_matter(f"{retired.id} (retired ID)", f"{retired.id} is no longer used", {"pqs_id": retired.id})]
    out.append(f"# {retired.id} is no longer used {{ #{ids.slug(retired.id)} }}\n")
    out.append(f"{retired.id} was an ID in the {text(edition.short_title)}. {text(retired.note)}\n")
    if retired.to:
        out.append(f"It is now {md_link(src, fw.index[retired.to], retired.to)}.\n")
    return "\n".join(out)


def redirect_html(item: Domain | Outcome | Statement, item_id: str, site_url: str | None) -> str:
    """A tiny page at id/<slug>/ that sends the reader to the item."""
    target = "../../" + url_of(item)
    canonical = (site_url.rstrip("/") + "/" + url_of(item)) if site_url else target
    label = attr(f"{item_id} {item_text(item)}")
    return (
        "<!doctype html>\n"
        '<html lang="en-GB"><head><meta charset="utf-8">\n'
        f"<title>{attr(item_id)}: PQS for child and family social workers</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{attr(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={attr(target)}">\n'
        f"<script>var t = {json.dumps(target)}.split('#');"
        " location.replace(t[0] + location.search + (t[1] ? '#' + t[1] : ''));</script>\n"
        f'</head><body><p>Going to <a href="{attr(target)}">{label}</a>.</p></body></html>\n'
    )


def ids_script(fw: Framework) -> str:
    """The ID list the search box uses to jump straight to an item (window.PQS_IDS)."""
    outcomes = {o.id: [s.id.split(" ")[1] for s in o.statements if s.id] for o in fw.current.outcomes}
    retired = {r.id: permalink_path(r.id) for r in fw.retired}
    payload = json.dumps({"outcomes": outcomes, "retired": retired}, separators=(",", ":"))
    return f"window.PQS_IDS={payload};\n"


# -- parts for hand-written pages (called through macros) ----------------------


def framework_overview(fw: Framework, from_src: str) -> str:
    edition = fw.current
    outcomes, statements = edition.outcomes, edition.statements
    numbered = sum(1 for s in statements if s.id)
    out = [
        f'<p class="pqs-counts">{len(edition.domains)} domains · {len(outcomes)} outcomes · '
        f"{len(statements)} knows and does statements recorded from our sources, {numbered} of them with their official IDs</p>\n"
    ]
    for domain in edition.domains:
        out.append(f"## {md_link(from_src, domain, f'{domain.id} {text(domain.title)}')} {{ #domain-{domain.id} }}\n")
        out.append(f"{text(domain.summary)} *(Our summary.)*\n")
        for outcome in domain.outcomes:
            n = len(outcome.statements)
            badge = f' <span class="pqs-badge">{n} recorded</span>' if n else ""
            out.append(f"- {md_link(from_src, outcome, outcome.id)} {text(outcome.text)}{badge}")
        out.append("")
    return "\n".join(out)


def timeline_table(fw: Framework) -> str:
    rows = ["| Date | What happens | Source |", "| --- | --- | --- |"]
    for event in fw.timeline:
        rows.append(f"| {date(event.date)} | {text(event.text)} | {cite_source(event.provenance)} |")
    return "\n".join(rows) + "\n"


def sources_list(fw: Framework) -> str:
    out = []
    for src in fw.sources.values():
        name = f"[{text(src.title)}]({src.url})" if src.url else text(src.title)
        bits = [text(src.publisher)]
        if src.published:
            bits.append(date(src.published))
        if src.reference:
            bits.append(text(src.reference))
        bits.append("official" if src.official else "not official")
        if src.licence:
            bits.append("Open Government Licence v3.0")
        out.append(f"- **{name}** ({', '.join(bits)}). {text(src.note or '')}")
    return "\n".join(out) + "\n"


def meaning_quote(edition: Edition, kind: str) -> str:
    meaning = edition.meanings[kind]
    return f"> {text(meaning.text)}\n>\n> — {cite_source(meaning.provenance)}\n"


def banner(fw: Framework) -> dict[str, str]:
    """Strings for the edition banner on every page (escaped by Jinja)."""
    edition = fw.current
    status = STATUS_LABEL[edition.status]
    text_ = f"{status}: {edition.title}, published {date(edition.published)}."
    after = ""
    if edition.superseded_by:
        sup = edition.superseded_by
        after = f"The final version, {sup.title}, was published on {date(sup.published)}"
        after += f" and applies from {date(sup.applies_from)}." if sup.applies_from else "."
    return {"status": status, "text": text_, "after": after, "edition": edition.key}
