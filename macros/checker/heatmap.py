"""The coverage picture: the framework grid, shaded by how often a list cites each outcome, as SVG.

There is one drawing. :func:`draw` lays out an edition's domains as columns and its outcomes as
cells, and leaves a marker (``%C:3.2%``) wherever a value depends on the list checked. Two things fill
the markers in, by the same rule and the same words (:data:`WORDS`):

- :func:`svg`, here, for ``pqs-check --svg`` and ``--html``;
- the checker's page (``docs/assets/javascripts/pqs-check.js``), which gets the drawing with its markers
  and the words from the build (:func:`browser_payload`, placed on the page by the ``framework_grid``
  macro) and fills them in the browser, for its "Download the picture (SVG)" link.

The tests check the page's picture against this module's, byte for byte, for the same list.
Every value is escaped for XML by :func:`xml` (the browser's twin escapes the same five characters),
and the picture tells its levels apart by more than colour: each cell says its count in words, and
carries a mark of three dots, as many of them filled as its level (none: not cited; all three: cited
four times or more), which the legend shows beside each level's words. The dots are drawn in the
text's colour, at least 7:1 against every shade, so they read in print and in greyscale.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from macros.checker.coverage import Coverage, OutcomeCoverage, coverage
from macros.core.model import Edition

# How often an outcome is cited (its own references and its statements'), in four levels; the words
# for the cells, the legend and the summary. The browser gets these very values (browser_payload).
WORDS: dict = {
    # (fewest references for the level, the legend's words)
    "levels": [[0, "Not cited"], [1, "Cited once"], [2, "Cited 2 or 3 times"], [4, "Cited 4 times or more"]],
    "count": {"0": "not cited", "1": "cited once", "n": "cited {n} times"},
    "statements": {"1": "{cited} of {recorded} statement cited", "n": "{cited} of {recorded} statements cited"},
    "domain": "{cited} of {total} outcomes cited",
    "summary": "{cited} of {total} outcomes cited",
    "title": "PQS coverage: {edition}",
    "legend": "How often the list cites each outcome (its own ID and its statements' IDs):",
}

# Fill and outline of each level: dark text (#111) on every fill is at least 7:1.
FILLS = ("#ffffff", "#e4e8f7", "#bcc5ee", "#93a0e2")
STROKES = ("#6b7078", "#5c6bc0", "#3949ab", "#283593")
INK = "#111111"  # text, and the level's dots: at least 7:1 on every fill

# The level's mark: three dots, the first `level` of them filled (their CSS is in the drawing's style).
MARKS = len(WORDS["levels"]) - 1
MARK_R = 4.5
MARK_STEP = 13

MARKER = re.compile(r"%([LCSD]|SUMMARY):?([0-9.]*)%")

COLUMN = 200  # a domain's column, in pixels
GAP = 10
MARGIN = 16
CELL = 108  # an outcome's cell
TOP = 78  # the title and the summary
HEAD = 76  # a domain's heading: its number, its title in two lines, its count
TEXT_CHARS = 30  # characters of an outcome's words on a line
TEXT_LINES = 3
HEAD_CHARS = 28


def xml(value: object) -> str:
    """Text or an attribute value for SVG: & < > " ' escaped (as the page script's twin does)."""
    return html.escape(str(value), quote=True)


def text(value: object) -> str:
    """Words from the data in the drawing: escaped for XML, and a per cent sign too, so no text can look like a marker."""
    return xml(value).replace("%", "&#37;")


def level(references: int) -> int:
    """The level of an outcome cited ``references`` times: the last whose threshold it reaches."""
    return max(i for i, (least, _words) in enumerate(WORDS["levels"]) if references >= least)


def count_words(references: int) -> str:
    words = WORDS["count"]
    return words.get(str(references)) or words["n"].format(n=references)


def statements_words(cited: int, recorded: int) -> str:
    """'1 of 1 statement cited' for an outcome with recorded statements; '' for one without."""
    if not recorded:
        return ""
    return WORDS["statements"]["1" if recorded == 1 else "n"].format(cited=cited, recorded=recorded)


def _lines(text: str, width: int, most: int) -> list[str]:
    """Words in lines of at most ``width`` characters, at most ``most`` lines, the last cut with an ellipsis."""
    # A word longer than a line is cut into pieces of a line each, so no text runs out of its cell.
    words = [w[i : i + width] for w in text.split() for i in range(0, len(w), width)]
    lines: list[str] = []
    line = ""
    for i, word in enumerate(words):
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
        if len(lines) == most:
            lines[-1] = _cut(lines[-1] + " " + " ".join(words[i:]), width)
            return lines
    if line:
        lines.append(line)
    if len(lines) > most:
        lines[most - 1 :] = [_cut(" ".join(lines[most - 1 :]), width)]
    return lines


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


KEY = 2 * 9 + (MARKS - 1) * MARK_STEP  # a legend key: the level's shade with its dots


def _marks(x: float, y: float) -> str:
    """A level's mark: three dots from (x, y), centre to centre; the style fills the first `level` of them."""
    return "".join(f'<circle class="m m{k + 1}" cx="{x + k * MARK_STEP}" cy="{y}" r="{MARK_R}"/>' for k in range(MARKS))


def _recorded(o: OutcomeCoverage) -> int:
    return len(o.statements)


def draw(cov: Coverage, edition_title: str) -> str:
    """The picture of an edition's coverage with a marker for every value that depends on the list:
    ``%L:<outcome>%`` its level, ``%C:<outcome>%`` how often it is cited, ``%S:<outcome>%`` its
    statements cited, ``%D:<domain>%`` a domain's outcomes cited, ``%SUMMARY%`` the whole."""
    columns = len(cov.domains)
    rows = max((len(d.outcomes) for d in cov.domains), default=0)
    width = 2 * MARGIN + columns * COLUMN + (columns - 1) * GAP
    grid_bottom = TOP + HEAD + rows * (CELL + GAP)
    legend_y = grid_bottom + 14
    height = legend_y + 56
    title = WORDS["title"].format(edition=edition_title)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="pqs-heat-title pqs-heat-desc" font-family="Arial, Helvetica, sans-serif">',
        f'<title id="pqs-heat-title">{text(title)}</title>',
        f'<desc id="pqs-heat-desc">%SUMMARY%. {xml(WORDS["legend"])} '
        + "; ".join(xml(words) for _least, words in WORDS["levels"])
        + ".</desc>",
        f"<style>text{{fill:{INK}}}"
        ".id{font-weight:bold;font-size:15px}.words{font-size:12px}.count{font-weight:bold;font-size:12.5px}"
        ".st{font-size:11.5px}.head{font-weight:bold;font-size:13px}.small{font-size:12px}.big{font-weight:bold;font-size:20px}"
        + "".join(f".h{i} rect{{fill:{f};stroke:{s}}}" for i, (f, s) in enumerate(zip(FILLS, STROKES, strict=True)))
        + ".h0 rect{stroke-dasharray:4 3}"
        + f".m{{fill:#ffffff;stroke:{INK};stroke-width:1.5}}"
        + ",".join(f".h{i} .m{k}" for i in range(1, MARKS + 1) for k in range(1, i + 1))
        + f"{{fill:{INK}}}</style>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text class="big" x="{MARGIN}" y="{MARGIN + 20}">{text(title)}</text>',
        f'<text class="small" x="{MARGIN}" y="{MARGIN + 44}">%SUMMARY%</text>',
    ]
    for c, d in enumerate(cov.domains):
        x = MARGIN + c * (COLUMN + GAP)
        head = _lines(d.title, HEAD_CHARS, 2)
        out.append(f'<g class="domain" data-domain="{xml(d.id)}">')
        out.append(f'<text class="small" x="{x}" y="{TOP + 14}">Domain {xml(d.id)}</text>')
        out += [f'<text class="head" x="{x}" y="{TOP + 31 + i * 16}">{text(line)}</text>' for i, line in enumerate(head)]
        out.append(f'<text class="small" x="{x}" y="{TOP + 65}">%D:{xml(d.id)}%</text>')
        out.append("</g>")
        for r, o in enumerate(d.outcomes):
            y = TOP + HEAD + r * (CELL + GAP)
            words = _lines(o.text, TEXT_CHARS, TEXT_LINES)
            recorded = _recorded(o)
            said = f"{xml(o.id)} {text(' '.join(words))}: %C:{xml(o.id)}%" + (f"; %S:{xml(o.id)}%" if recorded else "")
            out.append(f'<g class="cell h%L:{xml(o.id)}%" data-outcome="{xml(o.id)}"><title>{said}</title>')
            out.append(f'<rect x="{x + 0.5}" y="{y + 0.5}" width="{COLUMN - 1}" height="{CELL - 1}" rx="4" stroke-width="1.5"/>')
            out.append(f'<text class="id" x="{x + 8}" y="{y + 19}">{xml(o.id)}</text>')
            out.append(_marks(x + COLUMN - 12 - (MARKS - 1) * MARK_STEP, y + 14))
            out += [f'<text class="words" x="{x + 8}" y="{y + 36 + i * 15}">{text(line)}</text>' for i, line in enumerate(words)]
            out.append(f'<text class="count" x="{x + 8}" y="{y + 85}">%C:{xml(o.id)}%</text>')
            if recorded:
                out.append(f'<text class="st" x="{x + 8}" y="{y + 100}">%S:{xml(o.id)}%</text>')
            out.append("</g>")
    out.append(f'<text class="small" x="{MARGIN}" y="{legend_y + 12}">{xml(WORDS["legend"])}</text>')
    x = MARGIN
    for i, (_least, words) in enumerate(WORDS["levels"]):
        out.append(f'<g class="key h{i}"><rect x="{x + 0.5}" y="{legend_y + 24.5}" width="{KEY}" height="18" rx="3" stroke-width="1.5"/>')
        out.append(_marks(x + 9, legend_y + 33.5))
        out.append(f'<text class="small" x="{x + KEY + 8}" y="{legend_y + 38}">{xml(words)}</text></g>')
        x += KEY + 8 + round(6.4 * len(words)) + 28
    out.append("</svg>")
    return "\n".join(out) + "\n"


def values(cov: Coverage) -> dict[str, str]:
    """Every marker's value for a coverage: {'L:3.2': '1', 'C:3.2': 'cited once', ..., 'SUMMARY': '…'}."""
    found: dict[str, str] = {}
    for d in cov.domains:
        found[f"D:{d.id}"] = WORDS["domain"].format(cited=d.outcomes_cited, total=len(d.outcomes))
        for o in d.outcomes:
            refs = len(o.where)
            c = o.counts
            found[f"L:{o.id}"] = str(level(refs))
            found[f"C:{o.id}"] = count_words(refs)
            if c.knows_recorded + c.does_recorded:
                found[f"S:{o.id}"] = statements_words(c.knows_cited + c.does_cited, c.knows_recorded + c.does_recorded)
    found["SUMMARY"] = WORDS["summary"].format(cited=sum(1 for o in cov.outcomes if o.cited), total=len(cov.outcomes))
    return found


def fill(drawing: str, value: Callable[[str], str] | Mapping[str, str]) -> str:
    """The drawing with every marker replaced by its value, escaped for XML."""
    get = value.__getitem__ if isinstance(value, Mapping) else value
    return MARKER.sub(lambda m: xml(get(m.group(1) + (":" + m.group(2) if m.group(2) else ""))), drawing)


def svg(cov: Coverage, edition_title: str) -> str:
    """The picture of a checked list's coverage (pqs-check --svg)."""
    return fill(draw(cov, edition_title), values(cov))


def html_page(cov: Coverage, edition_title: str) -> str:
    """The same picture in a page of its own (pqs-check --html): the SVG inline, nothing loaded from elsewhere."""
    title = WORDS["title"].format(edition=edition_title)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n"
        "<style>body{font-family:Arial,Helvetica,sans-serif;margin:1rem;color:#111;background:#fff}"
        "figure{margin:0;overflow-x:auto}svg{max-width:100%;height:auto}"
        "@media print{@page{size:landscape}figure{overflow:visible}}</style>\n"
        f"</head>\n<body>\n<h1>{text(title)}</h1>\n<figure>\n{svg(cov, edition_title)}</figure>\n</body>\n</html>\n"
    )


def browser_payload(edition: Edition) -> dict:
    """What the checker's page needs to draw the same picture: the drawing with its markers, the words."""
    return {"svg": draw(coverage(edition, []), edition.short_title), "marker": MARKER.pattern, "words": WORDS}
