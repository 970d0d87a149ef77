"""The verdict on one reference, against one edition, and the nearest valid IDs.

The verdict is the first row of :data:`rules.VERDICTS` whose fact holds; the
facts and the message fields are computed here and, alike, in the browser
engine (``pqs-check-engine.js``, function ``facts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.checker import rules
from macros.core.history import GONE, fates
from macros.core.model import Edition, Framework

if TYPE_CHECKING:  # the site's build imports this module for official_links, and needs no compiled patterns
    from macros.checker.scan import Found


@dataclass(frozen=True)
class Verdict:
    status: str  # rules.OK | NOT_RECORDED | UNKNOWN | MALFORMED | REUSED
    id: str | None  # the canonical ID, when well formed
    level: str  # "domain" | "outcome" | "statement"
    reason: str  # a code from rules.VERDICTS ("" when ok)
    message: str
    suggestions: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (title, url) of the official documents, for a not-recorded ID


def value(number: str) -> int:
    """A number's value, with anything longer than rules.MAX_DIGITS digits as 10**MAX_DIGITS (never an ID)."""
    return int(number) if 0 < len(number) <= rules.MAX_DIGITS else 10**rules.MAX_DIGITS


def shorten(text: str) -> str:
    """Text as shown in a message: cut in the middle when it is longer than rules.SHOWN_MAX."""
    if len(text) <= rules.SHOWN_MAX:
        return text
    return text[: rules.SHOWN_MAX - 10] + "…" + text[-9:]


def official_links(fw: Framework, edition: Edition) -> tuple[tuple[str, str], ...]:
    """Where to look up an ID this data does not record: the edition's official document, and its successor's."""
    links = []
    if edition.provenance.source.url:
        links.append((edition.provenance.source.title, edition.provenance.source.url))
    sup = edition.superseded_by
    if sup is not None:
        successor = fw.editions.get(sup.edition) if sup.edition else None
        url = successor.provenance.source.url if successor else sup.provenance.source.url
        if url:
            links.append((sup.title, url))
    return tuple(links)


def _nearest(items: list[tuple[str, int]], target: int) -> list[str]:
    """IDs by distance of their number from target; ties keep the edition's order."""
    return [item for item, _ in sorted(items, key=lambda it: abs(it[1] - target))]


CACHE = 10_000  # verdicts kept for reuse, at most


def canonical(f: Found) -> str:
    """An ID as the site writes it (3.2 D2), whatever its written form."""
    return ".".join(f.numbers) + (f" {f.letter.upper()}{f.number}" if f.letter else "")


def good_range(a: Found, b: Found) -> bool:
    """A range runs up from a to b: domains (3–5), outcomes of one domain (3.1–3.4), statements of one outcome and letter (3.2 D1–D4)."""
    if len(a.numbers) != len(b.numbers) or bool(a.letter) != bool(b.letter):
        return False
    if a.letter and b.letter:
        return a.numbers == b.numbers and a.letter.upper() == b.letter.upper() and value(a.number or "") < value(b.number or "")
    if len(a.numbers) == 1:
        return value(a.numbers[0]) < value(b.numbers[0])
    return a.numbers[0] == b.numbers[0] and value(a.numbers[-1]) < value(b.numbers[-1])


class Judge:
    """Checks IDs against one edition and says what would be near."""

    def __init__(self, fw: Framework, edition: Edition) -> None:
        self.fw = fw
        self.edition = edition
        self.index = edition.index()
        self.links = official_links(fw, edition)
        self.domains = [(d.id, value(d.id)) for d in edition.domains]
        self.domain_ids = {d.id for d in edition.domains}
        self.outcomes = {o.id: o for o in edition.outcomes}
        self.outcomes_of = {d.id: [(o.id, value(o.id.split(".")[1])) for o in d.outcomes] for d in edition.domains}
        self.by_second = [(o.id, value(o.id.split(".")[0]), value(o.id.split(".")[1])) for o in edition.outcomes]
        self.fates = fates(fw, edition.key)  # what became of IDs of other editions (rules.VERDICTS, fate_*)
        self.titles = {key: e.short_title for key, e in fw.editions.items()}
        self._verdicts: dict[tuple, Verdict] = {}

    def verdict(self, f: Found) -> Verdict:
        """judge(f), one Verdict shared by every reference written alike (so a run holds one per distinct ID, at
        most CACHE of them, not one per reference)."""
        letter = f.letter.upper() if f.letter else None
        since = canonical(f.range_from) if f.range_from is not None else None
        key = (f.numbers, letter, f.number, f.tail, f.head, f.near, since)
        found = self._verdicts.get(key)
        if found is None:
            found = self.judge(f)
            if len(self._verdicts) < CACHE:
                self._verdicts[key] = found
        return found

    def facts(self, f: Found) -> tuple[dict[str, bool], dict[str, str]]:
        """The facts the verdict table asks about, and the fields its messages use."""
        numbers, number = f.numbers, f.number or ""
        letter = f.letter.upper() if f.letter else ""
        outcome_id = ".".join(numbers[:2])
        canon = ".".join(numbers) + (f" {letter}{number}" if letter else "")
        outcome = self.outcomes.get(outcome_id)
        recorded = outcome.cited_ids if outcome else ()
        theirs = self.outcomes_of.get(numbers[0], [])
        facts = {
            "headed": bool(f.head),
            "extra_dots": "" in numbers,
            "too_many_parts": len(numbers) > 2,
            "trailing": bool(f.tail),
            "near": f.near,
            "leading_zero": any(p.startswith("0") for p in (*numbers, number)),
            "bad_letter": bool(letter) and letter not in rules.LETTERS,
            "no_outcome_number": bool(letter) and len(numbers) == 1,
            "bad_range": f.range_from is not None and not good_range(f.range_from, f),
            "known": canon in self.index,
            "no_domain": numbers[0] not in self.domain_ids,
            "no_outcome": outcome is None,
            "complete": outcome is not None and outcome.coverage == "complete",
            "recorded_one": len(recorded) == 1,
            "recorded_many": len(recorded) > 1,
            "unnumbered": outcome is not None and bool(outcome.statements),
            "always": True,
        }
        fate = self.fates.get(canon)
        for change in (*GONE, "later", "reused"):
            facts[f"fate_{change}"] = fate is not None and fate.change == change
        fields = {
            "id": canon,
            "letter": letter,
            "number": number,
            "domain": numbers[0],
            "outcome": outcome_id,
            "first_domain": self.domains[0][0],
            "last_domain": self.domains[-1][0],
            "first_outcome": theirs[0][0] if theirs else "",
            "last_outcome": theirs[-1][0] if theirs else "",
            "recorded": ", ".join(recorded),
            "tail": f"“{f.tail}”",
            "head": f"“{f.head}”",
            "range": f"{canonical(f.range_from)}–{canon}" if f.range_from is not None else "",
            "older": self.titles.get(fate.older, "") if fate else "",
            "newer": self.titles.get(fate.newer, "") if fate else "",
            "other": self.titles.get(fate.other, "") if fate else "",
            "targets": " and ".join(fate.targets) if fate else "",
            "edition": self.edition.short_title,
        }
        return facts, fields

    def judge(self, f: Found) -> Verdict:
        facts, fields = self.facts(f)
        level = "statement" if f.letter else ("domain" if len(f.numbers) == 1 else "outcome")
        _fact, status, reason, template = next(row for row in rules.VERDICTS if facts[row[0]])
        if status == rules.OK:
            return Verdict(status, fields["id"], level, "", "")
        message = template.format(**{k: shorten(v) for k, v in fields.items()})
        return Verdict(
            status,
            None if status == rules.MALFORMED else fields["id"],
            level,
            reason,
            message,
            () if status == rules.REUSED else tuple(self.suggest(f)),
            self.links if status == rules.NOT_RECORDED else (),
        )

    def suggest(self, f: Found) -> list[str]:
        """Nearby valid IDs, nearest first (see docs/check.md, "Nearest IDs"); for an ID another edition had,
        what the crosswalk says it became."""
        fate = self.fates.get(canonical(f)) if self.fates else None
        if fate is not None and fate.targets:
            return list(fate.targets)
        parts = [p for p in f.numbers if p]
        letter = f.letter[0].upper() if f.letter else ""
        a = value(parts[0])
        if len(parts) == 1 and not letter:
            out = _nearest(self.domains, a)[:1]
        else:
            b = value(parts[1]) if len(parts) > 1 else 1
            outcome_id = f"{a}.{b}"
            if letter and outcome_id in self.outcomes:
                n = value(f.number or "0")
                recorded = [(s, value(s.split(" ")[1][1:])) for s in self.outcomes[outcome_id].cited_ids]
                same = _nearest([r for r in recorded if r[0].split(" ")[1][0] == letter], n)
                other = _nearest([r for r in recorded if r[0].split(" ")[1][0] != letter], n)
                out = [*(same + other)[: rules.SUGGESTIONS], outcome_id]
            elif str(a) in self.domain_ids:
                out = _nearest(self.outcomes_of[str(a)], b)[: rules.SUGGESTIONS]
            else:
                same_second = [(o, first) for o, first, second in self.by_second if second == b]
                if same_second:
                    out = _nearest(same_second, a)[: rules.SUGGESTIONS]
                else:
                    near = _nearest(self.domains, a)[0]
                    out = _nearest(self.outcomes_of[near], b)[: rules.SUGGESTIONS]
        written = ".".join(f.numbers) + (f" {f.letter.upper()}{f.number}" if f.letter else "") + f.tail
        return [s for s in dict.fromkeys(out) if s != written]
