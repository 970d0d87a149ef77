"""Every edition's text against the sources it was copied from (../shared/seeds/, or PQS_SEEDS)."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the sources (../shared/seeds/) are not beside this checkout")

# The consultation document, which lists the draft's domains in their official order.
CONSULTATION = "000_5d4bf8b7d68e9221.txt"
CITED_ID = re.compile(r"\b(\d+\.\d+) ([KD]\d+)\b")


def seed_text(name: str) -> str:
    return " ".join((SEEDS / name).read_text(encoding="utf-8").split())


def standards_text(framework):
    """(label, text, provenance) for every quoted piece of standards text, in every edition and baseline."""
    for edition in framework.editions.values():
        for domain in edition.domains:
            yield f"{edition.key}: domain {domain.id} title", domain.title, domain.provenance
            for outcome in domain.outcomes:
                yield f"{edition.key}: outcome {outcome.id}", outcome.text, outcome.provenance
                for statement in outcome.statements:
                    yield f"{edition.key}: {statement.label}", statement.text, statement.provenance
        for kind, meaning in edition.meanings.items():
            yield f"{edition.key}: meaning of {kind}", meaning.text, meaning.provenance
    for baseline in framework.baselines.values():
        for area in baseline.areas:
            yield f"KSS area {area.key} title", area.title, area.provenance
            if area.text:
                for i, words in enumerate((*area.text.paragraphs, *([area.text.lead_in] if area.text.lead_in else []), *area.text.points)):
                    yield f"KSS area {area.key} text, part {i + 1}", words, area.text.provenance


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


def test_every_id_a_source_cites_is_recorded_from_it_and_no_other_id_is(framework):
    """A statement has an ID only where the source its text comes from prints that number; and every ID
    printed by a source that statements are quoted from is recorded, from that source."""
    recorded: dict[str, set[str]] = {}  # source key -> IDs recorded from it
    for edition in framework.editions.values():
        for statement in edition.statements:
            if statement.id:
                recorded.setdefault(statement.provenance.source.key, set()).add(statement.id)
    assert recorded, "some statement has an ID"
    for key, found in recorded.items():
        cited = {f"{o} {p}" for o, p in CITED_ID.findall(seed_text(framework.sources[key].seed))}
        assert found == cited, f"{key}: recorded {sorted(found - cited)} that it does not cite; not recorded {sorted(cited - found)}"


def test_statements_quoted_without_numbers_have_none(framework):
    """A statement from a source that prints no statement numbers has no ID here."""
    for edition in framework.editions.values():
        for statement in edition.statements:
            if not CITED_ID.search(seed_text(statement.provenance.source.seed)):
                assert statement.id is None, statement.text


def consultation_editions(framework):
    """The editions whose domains are the consultation document's."""
    found = [e for e in framework.editions.values() if all(d.provenance.source.seed == CONSULTATION for d in e.domains)]
    assert found, "an edition takes its domains from the consultation document"
    return found


def test_domains_follow_the_official_order(framework):
    consultation = seed_text(CONSULTATION)
    listed = re.search(r"cover: (- 1\..*?- 6\. [a-z ]+)", consultation).group(1)
    official = [t.strip() for t in re.split(r"- \d\. ", listed) if t.strip()]
    for edition in consultation_editions(framework):
        assert [d.title.lower() for d in edition.domains] == official, edition.key


def test_the_consultation_draft_has_6_domains_and_26_outcomes(framework):
    """What the consultation document says of its draft (6 domains, 26 outcomes), for the edition taken from it."""
    assert "6 domains" in seed_text(CONSULTATION) or "six domains" in seed_text(CONSULTATION).lower()
    for edition in consultation_editions(framework):
        assert len(edition.domains) == 6
        assert [len(d.outcomes) for d in edition.domains] == [4, 6, 3, 5, 4, 4]


def test_every_source_key_names_a_seed_file(framework):
    for source in framework.sources.values():
        assert (SEEDS / source.seed).is_file(), source.key


KSS_FOUND = SEEDS.parent / "sources" / "kss-areas-found.yaml"


@pytest.mark.skipif(not KSS_FOUND.is_file(), reason="the later finds (../shared/sources/) are not beside this checkout")
def test_each_kss_areas_text_is_the_copy_its_source_names_word_for_word(framework):
    """The KSS text of an area is quoted as the page that reproduces it shows it (../shared/sources/kss-areas-found.yaml,
    checked against the stored pages), from that page, and marked as cut where the copy stops part-way."""
    import yaml

    found = {a["id"]: a for a in yaml.safe_load(KSS_FOUND.read_text(encoding="utf-8"))["areas"]}
    squash = lambda t: " ".join(t.split())  # noqa: E731
    quoted = 0
    for baseline in framework.baselines.values():
        for number, area in enumerate(baseline.areas, 1):
            copy = found.get(f"KSS-{number}")
            if area.text is None:
                assert copy is None or not (copy.get("paragraphs") or copy.get("bullets")), f"area {number} has a copy we do not quote"
                continue
            quoted += 1
            assert copy is not None, f"area {number}: no copy of its text among the sources"
            assert [squash(p) for p in area.text.paragraphs] == [squash(p) for p in copy.get("paragraphs", [])], number
            assert [squash(p) for p in area.text.points] == [squash(p) for p in copy.get("bullets", [])], number
            assert squash(area.text.lead_in or "") == squash(copy.get("lead_in") or ""), number
            assert area.text.provenance.source.url == copy["source"]["url"], number
            assert bool(area.text.cut) == bool(copy.get("truncated")), f"area {number}: a cut copy says so, a whole one does not"
    assert quoted == 5


def test_every_abbreviation_is_expanded_as_its_source_expands_it(framework):
    """A glossary term's `stands_for` is the source's own words, which the source itself pairs with the
    abbreviation: 'assessed and supported year in employment (ASYE)' or 'Cafcass (the Children and …)'."""
    wrong = []
    for term in framework.glossary:
        if not term.stands_for:
            continue
        source = seed_text(term.provenance.source.seed).replace("*", "").lower()
        words, abbr = " ".join(term.stands_for.split()).lower(), term.term.lower()
        if f"{words} ({abbr})" not in source and f"{abbr} (the {words})" not in source:
            wrong.append(f"{term.term}: {term.stands_for!r} is not how {term.provenance.source.seed} expands it")
    assert [t.term for t in framework.glossary if t.stands_for], "the data explains some abbreviations"
    assert wrong == []
