"""The real data against the sources it was copied from (../shared/seeds/)."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the sources (../shared/seeds/) are not beside this checkout")


def seed_text(name: str) -> str:
    return " ".join((SEEDS / name).read_text(encoding="utf-8").split())


def standards_text(framework):
    """(label, text, provenance) for every quoted piece of standards text."""
    edition = framework.current
    for domain in edition.domains:
        yield f"domain {domain.id} title", domain.title, domain.provenance
        for outcome in domain.outcomes:
            yield f"outcome {outcome.id}", outcome.text, outcome.provenance
            for statement in outcome.statements:
                yield statement.label, statement.text, statement.provenance
    for kind, meaning in edition.meanings.items():
        yield f"meaning of {kind}", meaning.text, meaning.provenance
    for baseline in framework.baselines.values():
        for area in baseline.areas:
            yield f"KSS area {area.key} title", area.title, area.provenance


def test_every_quoted_text_is_verbatim_in_its_source(framework):
    missing = []
    for label, text, prov in standards_text(framework):
        source = seed_text(prov.source.seed)
        quoted = " ".join(text.split())
        # Titles are capitalised as headings; everything else must match to the letter.
        found = quoted.lower() in source.lower() if label.endswith("title") else quoted in source
        if not found:
            missing.append(f"{label}: {quoted[:60]!r} not in {prov.source.seed}")
    assert missing == []


def test_every_id_the_sources_cite_is_recorded_under_it(framework):
    cited = set(re.findall(r"\b(\d\.\d) ([KD]\d+)\b", seed_text("002_682c64bce1d153d5.txt")))
    assert cited, "the Cafcass response cites statement IDs"
    for outcome_id, part in cited:
        statement = framework.index.get(f"{outcome_id} {part}")
        assert statement is not None, f"{outcome_id} {part} is cited by Cafcass but not recorded"
        assert statement.provenance.source.key == "cafcass-response-2025"
    recorded = {s.id for s in framework.current.statements if s.id}
    assert recorded == {f"{o} {p}" for o, p in cited}, "an ID is recorded that no source cites"


def test_statements_quoted_without_numbers_have_none(framework):
    for statement in framework.current.statements:
        if statement.provenance.source.key == "community-care-2025-03-26":
            assert statement.id is None, statement.text


def test_domains_follow_the_official_order(framework):
    consultation = seed_text("000_5d4bf8b7d68e9221.txt")
    listed = re.search(r"cover: (- 1\..*?- 6\. [a-z ]+)", consultation).group(1)
    official = [t.strip() for t in re.split(r"- \d\. ", listed) if t.strip()]
    assert [d.title.lower() for d in framework.current.domains] == official


def test_the_framework_has_6_domains_and_26_outcomes(framework):
    edition = framework.current
    assert len(edition.domains) == 6
    assert [len(d.outcomes) for d in edition.domains] == [4, 6, 3, 5, 4, 4]


def test_every_source_key_names_a_seed_file(framework):
    for source in framework.sources.values():
        assert (SEEDS / source.seed).is_file(), source.key
