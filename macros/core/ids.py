"""The grammar of PQS identifiers, and the one slug function the site uses.

Domains are numbered ``3``, outcomes ``3.2`` and statements ``3.2 D2`` (does) or ``4.2 K13``
(knows). Readers write statement IDs in several ways (``3.2D2``, ``3.2-d2``, ``3.2 d2``);
:func:`canonical` accepts all of them.

This module is the one place the grammar is written. The data's JSON Schema is checked against
it (tests/test_ids_and_templates.py), and the browser gets it from :func:`browser_grammar`, written
into the generated ``assets/javascripts/pqs-ids.js`` at build time. Every test of an ID is a full
match: ``"3.2 D2\\n"`` is not an ID.
"""

from __future__ import annotations

import re

KIND_LETTER = {"knows": "K", "does": "D"}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTER.items()}

NUMBER = "[1-9][0-9]*"
DOMAIN_PATTERN = NUMBER
OUTCOME_PATTERN = rf"{NUMBER}\.{NUMBER}"
STATEMENT_PATTERN = rf"{NUMBER}\.{NUMBER} [KD]{NUMBER}"
# A key of our own (an edition, a source, an unnumbered statement): lower-case letters, digits, single hyphens.
KEY_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

DOMAIN_RE = re.compile(DOMAIN_PATTERN)
OUTCOME_RE = re.compile(OUTCOME_PATTERN)
STATEMENT_RE = re.compile(rf"({NUMBER})\.({NUMBER}) ([KD])({NUMBER})")
KEY_RE = re.compile(KEY_PATTERN)

# Loose forms readers type: "3.2 D2", "3.2D2", "3.2-d2", "3.2_d2", "PQS 3.2 D2", " 4.2 k13 ".
# Written so that Python (re, IGNORECASE) and JavaScript (RegExp, "i") read it alike.
LOOSE_PATTERN = rf"^[ \t]*(?:pqs[ \t]*)?({NUMBER})[ \t]*\.[ \t]*({NUMBER})(?:[ \t]*[-_ ]?[ \t]*([kd])[ \t]*({NUMBER}))?[ \t]*$"
_LOOSE_RE = re.compile(LOOSE_PATTERN, re.IGNORECASE)


def canonical(text: str) -> str | None:
    """Return the canonical form of an outcome or statement ID written in any usual way, or None."""
    match = _LOOSE_RE.fullmatch(text)
    if not match:
        return None
    domain, outcome, letter, number = match.groups()
    if letter is None:
        return f"{domain}.{outcome}"
    return f"{domain}.{outcome} {letter.upper()}{number}"


def kind_of(item_id: str) -> str:
    """'domain', 'outcome' or 'statement' for a well-formed canonical ID."""
    if DOMAIN_RE.fullmatch(item_id):
        return "domain"
    if OUTCOME_RE.fullmatch(item_id):
        return "outcome"
    if STATEMENT_RE.fullmatch(item_id):
        return "statement"
    raise ValueError(f"not a PQS ID: {item_id!r}")


def is_id(text: str) -> bool:
    """True for a canonical domain, outcome or statement ID, and nothing else (no stray space or newline)."""
    return any(r.fullmatch(text) for r in (DOMAIN_RE, OUTCOME_RE, STATEMENT_RE))


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


def browser_grammar() -> dict[str, str]:
    """The grammar for the browser's scripts: regular-expression sources that JavaScript reads as Python does."""
    return {"loose": LOOSE_PATTERN, "loose_flags": "i"}


# The sections of an outcome's page (macros/render/templates/outcome.md and its parts), each with the
# anchor "<outcome>-<section>"; the comparisons into the edition add one each, "<outcome>-<crosswalk key>".
# An unnumbered statement's anchor is "<outcome>-<key>", so a key may not take one of these names.
OUTCOME_SECTIONS = ("knows", "does", "sources", "feedback")


def section_anchor(item_id: str, section: str) -> str:
    """The anchor of a section of an item's page: '3.2-sources'."""
    return f"{slug(item_id)}-{section}"
