"""Typed, frozen objects for the PQS data. Built only by :mod:`macros.core.loader`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from macros.core import ids


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    official: bool
    seed: str
    published: str | None = None
    licence: str | None = None
    url: str | None = None
    reference: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Provenance:
    source: Source
    at: str


@dataclass(frozen=True)
class Statement:
    kind: str  # "knows" | "does"
    text: str
    provenance: Provenance
    outcome_id: str
    edition: str  # the key of the edition it belongs to
    id: str | None = None
    key: str | None = None
    note: str | None = None
    sic: tuple[str, ...] = ()  # words that are a slip in the source, kept verbatim

    @property
    def anchor(self) -> str:
        if self.id:
            return ids.slug(self.id)
        return f"{ids.slug(self.outcome_id)}-{self.key}"

    @property
    def label(self) -> str:
        return self.id or f"{self.outcome_id} {self.kind} (unnumbered)"


@dataclass(frozen=True)
class Outcome:
    id: str
    text: str
    provenance: Provenance
    coverage: str  # "none" | "partial" | "complete"
    domain_id: str
    edition: str
    statements: tuple[Statement, ...] = ()
    note: str | None = None
    sic: tuple[str, ...] = ()

    def of_kind(self, kind: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.kind == kind)

    @property
    def cited_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements if s.id)


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    summary: str
    provenance: Provenance
    outcomes: tuple[Outcome, ...]
    edition: str
    note: str | None = None

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for o in self.outcomes for s in o.statements)


@dataclass(frozen=True)
class Meaning:
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class Supersession:
    title: str
    published: str
    provenance: Provenance
    applies_from: str | None = None
    edition: str | None = None


@dataclass(frozen=True)
class Length:
    pages: int
    provenance: Provenance


@dataclass(frozen=True)
class Status:
    """The words for a status an edition can have (from the data's ``statuses``)."""

    key: str
    label: str
    meaning: str


@dataclass(frozen=True)
class StatementCounts:
    """How many statements an edition has in all, where a source says so."""

    provenance: Provenance
    knows: int | None = None
    does: int | None = None


@dataclass(frozen=True)
class Edition:
    key: str
    title: str
    short_title: str
    status: str  # the key of a Status
    status_label: str  # its words, from the data
    status_meaning: str
    published: str
    licence: str
    provenance: Provenance
    domains: tuple[Domain, ...]
    consultation_closes: str | None = None
    applies_from: str | None = None
    copyright: str | None = None
    superseded_by: Supersession | None = None
    meanings: Mapping[str, Meaning] = field(default_factory=dict)
    length: Length | None = None
    statement_counts: StatementCounts | None = None

    # Derived once per edition (cached_property writes past the frozen __setattr__).
    @cached_property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for d in self.domains for o in d.outcomes)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for d in self.domains for s in d.statements)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each domain's and outcome's place among its kind, for previous and next links."""
        places = {d.id: i for i, d in enumerate(self.domains)}
        places.update({o.id: i for i, o in enumerate(self.outcomes)})
        return places

    @cached_property
    def ids(self) -> Mapping[str, Domain | Outcome | Statement]:
        """Every ID in this edition mapped to its item."""
        found: dict[str, Domain | Outcome | Statement] = {}
        for domain in self.domains:
            found[domain.id] = domain
            for outcome in domain.outcomes:
                found[outcome.id] = outcome
                for statement in outcome.statements:
                    if statement.id:
                        found[statement.id] = statement
        return MappingProxyType(found)

    def index(self) -> dict[str, Domain | Outcome | Statement]:
        """Every ID in this edition mapped to its item (a new dict each call)."""
        return dict(self.ids)


@dataclass(frozen=True)
class Event:
    date: str
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class IdChange:
    """What became of an ID of an older edition in a newer one (a crosswalk's ``ids`` entry)."""

    source: str  # the ID in the older edition
    change: str  # reworded | renumbered | moved | split | merged | withdrawn | not-recorded
    rationale: str
    targets: tuple[str, ...] = ()  # the IDs in the newer edition that carry it
    provenance: Provenance | None = None


@dataclass(frozen=True)
class AreaText:
    """An area's own words, as a copy of it shows them: paragraphs, or a lead-in and its points."""

    provenance: Provenance  # where the copy was seen ("as reproduced by")
    paragraphs: tuple[str, ...] = ()
    lead_in: str | None = None
    points: tuple[str, ...] = ()
    cut: str | None = None  # in our words, where the copy stops when it stops part-way


@dataclass(frozen=True)
class Area:
    """One area of an earlier standard (the KSS), known by its key, not a number."""

    key: str
    title: str
    summary: str
    provenance: Provenance
    baseline: str
    note: str | None = None
    text: AreaText | None = None  # its words, where a source we hold reproduces them


@dataclass(frozen=True)
class Baseline:
    key: str
    title: str
    short_title: str
    provenance: Provenance
    areas: tuple[Area, ...]
    published: str | None = None
    official: Provenance | None = None
    length: Length | None = None
    applies_until: str | None = None
    applies_until_provenance: Provenance | None = None


@dataclass(frozen=True)
class Link:
    source: str  # an area key, or an ID of the older edition
    target: str  # an ID of the newer edition
    type: str  # "carried-over" | "expanded" | "narrowed"
    rationale: str


@dataclass(frozen=True)
class Thinner:
    source: str
    note: str
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class NewItem:
    id: str
    note: str
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Crosswalk:
    key: str
    source: str  # key of a baseline or an edition
    target: str  # key of an edition
    basis: str
    links: tuple[Link, ...]
    thinner: tuple[Thinner, ...] = ()
    new: tuple[NewItem, ...] = ()
    changes: tuple[IdChange, ...] = ()  # between two editions: what became of each changed ID

    def change_of(self, item_id: str) -> IdChange | None:
        return next((c for c in self.changes if c.source == item_id), None)

    def changes_into(self, item_id: str) -> tuple[IdChange, ...]:
        return tuple(c for c in self.changes if item_id in c.targets)


@dataclass(frozen=True)
class Feedback:
    edition: str  # the edition the point was made on; `about` names its IDs
    about: tuple[str, ...]  # IDs of that edition, or "framework"
    provenance: Provenance
    summary: str


@dataclass(frozen=True)
class Module:
    title: str
    covers: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    key: str
    title: str
    note: str
    edition: str  # the edition whose IDs the modules cover
    modules: tuple[Module, ...]


@dataclass(frozen=True)
class Term:
    """A term of the glossary: an abbreviation and what it is short for, or a word such as 'knows'."""

    term: str
    meaning: str  # in our own words
    provenance: Provenance
    stands_for: str | None = None  # verbatim from the source
    kind: str | None = None  # "knows" | "does": the kind of statement the word names

    @property
    def anchor(self) -> str:
        """The entry's anchor on the glossary page: 'asye', 'knows'."""
        return term_anchor(self.term)


def term_anchor(term: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in term.lower())


@dataclass(frozen=True)
class Framework:
    """Everything in data/pqs.yaml, checked."""

    path: str
    sources: Mapping[str, Source]
    statuses: Mapping[str, Status]
    editions: Mapping[str, Edition]  # in the order of the data, oldest first
    current: Edition
    timeline: tuple[Event, ...]
    index: Mapping[str, Domain | Outcome | Statement]  # the current edition's IDs
    baselines: Mapping[str, Baseline] = field(default_factory=dict)
    crosswalks: tuple[Crosswalk, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    programmes: tuple[Programme, ...] = ()
    glossary: tuple[Term, ...] = ()

    def feedback_about(self, item_id: str, edition: str | None = None) -> tuple[Feedback, ...]:
        """Feedback given on an ID of an edition (by default the current one)."""
        key = edition or self.current.key
        return tuple(f for f in self.feedback if f.edition == key and item_id in f.about)

    def lookup(self, text: str, edition: str | None = None) -> Domain | Outcome | Statement | None:
        """Find an item of an edition (by default the current one) by any usual written form of its ID."""
        index = self.editions[edition].ids if edition else self.index
        text = text.strip()
        if text in index:
            return index[text]
        canon = ids.canonical(text)
        return index.get(canon) if canon else None

    def edition_crosswalks(self) -> tuple[Crosswalk, ...]:
        """The crosswalks between two editions, in the order of the data."""
        return tuple(c for c in self.crosswalks if c.source in self.editions)

    def older(self, edition: str) -> tuple[Edition, ...]:
        keys = list(self.editions)
        return tuple(self.editions[k] for k in keys[: keys.index(edition)])
