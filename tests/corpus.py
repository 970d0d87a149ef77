"""A labelled corpus of module documents for pqs-check: every PQS reference in each document is known.

Documents are generated from a seed (the same corpus every run): Markdown, CSV and Word (.docx, built in memory with
zipfile), in the forms module handbooks use (lists under a cue, tables, ranges, bold, character references, shorthand
lists, full-width digits, invisible characters, look-alike letters, footnotes), beside course numbering that is not
PQS (modules, weeks, versions, times, money, sections). Each document's label is the multiset of (ID, verdict) it
contains, worked out from the framework's structure, not by the checker.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections import Counter
from dataclasses import dataclass, field

OK, NOT_RECORDED, UNKNOWN, MALFORMED = "ok", "not-recorded", "unknown", "malformed"

NOISE = [
    "Module 3.2: Assessment in practice",
    "Week 4.1 runs from 14:30 to 16:00.",
    "Handbook v2.5, section 2.3, costs £3.20 a copy.",
    "Learning outcome 1.2: describe the law.",
    "Session 1.1 (10:15–11:45), 2.5 hours, 1.5 million children.",
    "Updated 20.03.2025; see chapter 6.2 of the reader.",
    "Room 3.12, ext. 4.1",
]

WIDE = {c: chr(0xFF10 + int(c)) for c in "0123456789"} | {".": "\uff0e"}


@dataclass
class Doc:
    name: str
    data: bytes
    label: Counter = field(default_factory=Counter)


class Ids:
    """IDs to cite, each with the verdict it must get: valid, not recorded here, unknown."""

    def __init__(self, fw) -> None:
        edition = fw.current
        self.outcomes = [o.id for o in edition.outcomes]
        self.domains = [d.id for d in edition.domains]
        self.recorded = [s for o in edition.outcomes for s in o.cited_ids]
        self.complete = {o.id for o in edition.outcomes if o.coverage == "complete"}
        self.index = edition.index()
        self.by_domain = {d.id: [o.id for o in d.outcomes] for d in edition.domains}

    def outcome(self, rnd: random.Random) -> tuple[str, str]:
        if rnd.random() < 0.7:
            return rnd.choice(self.outcomes), OK
        domain = rnd.choice([*self.domains, "9", "8"])
        if domain in self.by_domain:
            return f"{domain}.{len(self.by_domain[domain]) + rnd.randint(1, 4)}", UNKNOWN
        return f"{domain}.{rnd.randint(1, 9)}", UNKNOWN

    def statement(self, rnd: random.Random, outcome: str | None = None) -> tuple[str, str]:
        if outcome is None and self.recorded and rnd.random() < 0.4:
            return rnd.choice(self.recorded), OK
        outcome = outcome or self.outcome(rnd)[0]
        sid = f"{outcome} {rnd.choice('KD')}{rnd.randint(1, 12)}"
        return sid, self.verdict(sid)

    def verdict(self, sid: str) -> str:
        outcome = sid.split(" ")[0]
        if sid in self.index:
            return OK
        if outcome not in self.outcomes or outcome in self.complete:
            return UNKNOWN
        return NOT_RECORDED


def wide(text: str) -> str:
    return "".join(WIDE.get(c, c) for c in text)


def forms(ids: Ids, rnd: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    """One passage of a handbook with its references: (lines, [(ID, verdict)])."""
    kind = rnd.randrange(14)
    if kind == 0:
        o, v = ids.outcome(rnd)
        return [f"This session maps to PQS {o}."], [(o, v)]
    if kind == 1:
        s, v = ids.statement(rnd)
        return [f"Practice task ({s})."], [(s, v)]
    if kind == 2:
        s, v = ids.statement(rnd)
        o, st = s.split(" ")
        return [f"See **{o}** {st} in the reader."], [(s, v)]
    if kind == 3:
        s, v = ids.statement(rnd)
        o, st = s.split(" ")
        return [f"Evidence: {o}&nbsp;{st}"], [(s, v)]
    if kind == 4:
        refs = [ids.outcome(rnd) for _ in range(rnd.randint(1, 4))]
        bullet = rnd.choice(["- ", "* ", "1. ", ""])
        head = rnd.choice(["PQS:", "**PQS outcomes:**", "Mapped to the PQS", "## PQS"])
        return [head, *([""] if rnd.random() < 0.3 else []), *(f"{bullet}{o}" for o, _ in refs)], refs
    if kind == 5:
        domain = rnd.choice([d for d in ids.domains if len(ids.by_domain[d]) >= 2])
        a, b = sorted(rnd.sample(range(1, len(ids.by_domain[domain]) + 3), 2))
        ends = [f"{domain}.{a}", f"{domain}.{b}"]
        return [f"Covers PQS {ends[0]}\u2013{ends[1]} across the term."], [(e, OK if e in ids.outcomes else UNKNOWN) for e in ends]
    if kind == 6:
        o, v = ids.outcome(rnd)
        return [f"PQS (draft) {o} applies."], [(o, v)]
    if kind == 7:
        o, v = ids.outcome(rnd)
        return [f"PQS {wide(o)}"], [(o, v)]
    if kind == 8:
        s, v = ids.statement(rnd)
        o, st = s.split(" ")
        return [f"Task: {o}\u200d{st} and more"], [(s, v)]
    if kind == 9:
        o = ids.outcome(rnd)[0]
        s, v = f"{o} K{rnd.randint(1, 12)}", ""
        return [f"Knowledge check: {o} \u041a{s.split(' K')[1]}"], [(s, ids.verdict(s))]
    if kind == 10:
        o = ids.outcome(rnd)[0]
        numbers = rnd.sample(range(1, 12), 3)
        refs = [f"{o} D{numbers[0]}", f"{o} D{numbers[1]}", f"{o} K{numbers[2]}"]
        return [f"Observed: {o} D{numbers[0]}, D{numbers[1]} and K{numbers[2]}."], [(r, ids.verdict(r)) for r in refs]
    if kind == 11:
        a, va = ids.outcome(rnd)
        b, vb = ids.outcome(rnd)
        return [f"Outcomes: PQS {a}, {b}"], [(a, va), (b, vb)]
    if kind == 12:
        d = rnd.choice([*ids.domains, "7", "9"])
        return [f"All of PQS domain {d}."], [(d, OK if d in ids.domains else UNKNOWN)]
    return [rnd.choice(NOISE)], []


def markdown(ids: Ids, rnd: random.Random, name: str) -> Doc:
    lines: list[str] = [f"# {name}", ""]
    label: Counter = Counter()
    for _ in range(rnd.randint(3, 9)):
        passage, refs = forms(ids, rnd)
        lines += [*passage, "", rnd.choice(NOISE), ""]
        label.update(refs)
    return Doc(name + ".md", "\n".join(lines).encode("utf-8"), label)


def table(ids: Ids, rnd: random.Random, name: str) -> Doc:
    rows = ["Module,Session ID,PQS IDs,Hours"]
    label: Counter = Counter()
    for i in range(rnd.randint(2, 8)):
        refs = [ids.outcome(rnd) if rnd.random() < 0.5 else ids.statement(rnd) for _ in range(rnd.randint(1, 3))]
        label.update(refs)
        cell = rnd.choice([", ", "; ", " and "]).join(r for r, _ in refs)
        rows.append(f'Module {i + 1},{rnd.randint(1, 6)}.{rnd.randint(1, 9)},"{cell}",{rnd.randint(1, 3)}.5')
    return Doc(name + ".csv", "\n".join(rows).encode("utf-8"), label)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraph(text: str, rnd: random.Random) -> str:
    """A paragraph of runs, split at a random place (Word splits runs at every change of formatting)."""
    cut = rnd.randint(0, len(text))
    runs = [text[:cut], text[cut:]]
    return "<w:p>" + "".join(f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{_xml_text(r)}</w:t></w:r>' for r in runs) + "</w:p>"


def word(ids: Ids, rnd: random.Random, name: str) -> Doc:
    body: list[str] = []
    label: Counter = Counter()
    for _ in range(rnd.randint(2, 6)):
        passage, refs = forms(ids, rnd)
        if any("&nbsp;" in p or p.startswith(("* ", "## ", "**")) for p in passage):
            continue  # Markdown and HTML forms are not what Word holds
        body += [_paragraph(p, rnd) for p in passage] + [_paragraph(rnd.choice(NOISE), rnd)]
        label.update(refs)
    note, note_refs = forms(ids, rnd)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{''.join(body)}</w:body></w:document>")
        if not any("&nbsp;" in p or p.startswith(("* ", "## ", "**")) for p in note):
            z.writestr(
                "word/footnotes.xml",
                f"<w:footnotes {ns}><w:footnote>{''.join(_paragraph(p, rnd) for p in note)}</w:footnote></w:footnotes>",
            )
            label.update(note_refs)
    return Doc(name + ".docx", buffer.getvalue(), label)


def corpus(fw, seed: int = 23, size: int = 300) -> list[Doc]:
    rnd = random.Random(seed)
    ids = Ids(fw)
    makers = [markdown, markdown, table, word]
    return [makers[i % len(makers)](ids, rnd, f"module-{i:03d}") for i in range(size)]


def score(docs: list[Doc], found: list[Counter]) -> tuple[float, float, list[str]]:
    """Precision and recall of (ID, verdict) found against the labels, over all documents, and what differed."""
    tp = fp = fn = 0
    wrong = []
    for doc, got in zip(docs, found, strict=True):
        tp += sum((got & doc.label).values())
        fp += sum((got - doc.label).values())
        fn += sum((doc.label - got).values())
        if got != doc.label:
            wrong.append(f"{doc.name}: extra {dict(got - doc.label)}, missed {dict(doc.label - got)}")
    return tp / max(1, tp + fp), tp / max(1, tp + fn), wrong
