"""The grammar of PQS identifiers, and the one slug function the site uses.

Domains are numbered ``3``, outcomes ``3.2`` and statements ``3.2 D2`` (does)
or ``4.2 K13`` (knows). Readers write statement IDs in several ways
(``3.2D2``, ``3.2-d2``, ``3.2 d2``); :func:`canonical` accepts all of them.
"""

from __future__ import annotations

import re

KIND_LETTER = {"knows": "K", "does": "D"}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTER.items()}

DOMAIN_RE = re.compile(r"^[1-9][0-9]*$")
OUTCOME_RE = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")
STATEMENT_RE = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*) ([KD])([1-9][0-9]*)$")
# Loose forms readers type: "3.2 D2", "3.2D2", "3.2-d2", "3.2_d2", "PQS 3.2 D2".
_LOOSE_RE = re.compile(
    r"^\s*(?:pqs\s*)?([1-9][0-9]*)\s*\.\s*([1-9][0-9]*)(?:\s*[-_ ]?\s*([kd])\s*([1-9][0-9]*))?\s*$",
    re.IGNORECASE,
)


def canonical(text: str) -> str | None:
    """Return the canonical form of an outcome or statement ID, or None."""
    match = _LOOSE_RE.match(text)
    if not match:
        return None
    domain, outcome, letter, number = match.groups()
    if letter is None:
        return f"{domain}.{outcome}"
    return f"{domain}.{outcome} {letter.upper()}{number}"


def kind_of(item_id: str) -> str:
    """'domain', 'outcome' or 'statement' for a well-formed canonical ID."""
    if DOMAIN_RE.match(item_id):
        return "domain"
    if OUTCOME_RE.match(item_id):
        return "outcome"
    if STATEMENT_RE.match(item_id):
        return "statement"
    raise ValueError(f"not a PQS ID: {item_id!r}")


def slug(item_id: str) -> str:
    """The anchor and permalink form of an ID: '3.2 D2' -> '3.2-D2'."""
    return item_id.replace(" ", "-")


def parent_outcome(statement_id: str) -> str:
    """'3.2 D2' -> '3.2'."""
    return statement_id.split(" ", 1)[0]


def parent_domain(outcome_id: str) -> str:
    """'3.2' -> '3' (also accepts a statement ID)."""
    return outcome_id.split(".", 1)[0]


def sort_key(item_id: str) -> tuple[int, ...]:
    """Numeric order: 3.2 before 3.10, K before D within an outcome."""
    parts = re.findall(r"\d+|[KD]", item_id)
    return tuple(int(p) if p.isdigit() else (0 if p == "K" else 1) for p in parts)
