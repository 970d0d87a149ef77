"""Precision and recall of both checkers on a labelled corpus of module documents (tests/corpus.py).

Three hundred documents, generated from a seed: Markdown, CSV and Word files in the forms handbooks use, with course
numbering, times, versions and money that are not PQS. Each engine's (ID, verdict) pairs are compared with the
labels; both must reach 99% precision and 99% recall. The browser engine reads the Markdown and CSV documents (it
does not read Word files); pqs-check reads all three kinds.
"""

from __future__ import annotations

from collections import Counter

import pytest
from checker_engines import NodeEngine, subprocess_ok
from corpus import MALFORMED, corpus, score

from macros.checker import materials
from macros.checker.judge import Judge
from macros.checker.run import Run

pytestmark = pytest.mark.skipif(not subprocess_ok(), reason="node is not installed")


@pytest.fixture(scope="module")
def docs(framework):
    return corpus(framework)


def python_found(framework, doc, tmp_path) -> Counter:
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    run = Run(Judge(framework, framework.current))
    run.check(materials.read_material(path, doc.name, 10 * 1_048_576, 10_000, run.notes))
    assert not run.notes, run.notes
    return Counter((r.verdict.id or r.written, r.verdict.status) for r in run.references)


def report(engine: str, docs, found) -> None:
    precision, recall, wrong = score(docs, found)
    refs = sum(sum(d.label.values()) for d in docs)
    print(f"\n{engine}: {len(docs)} documents, {refs} references: precision {precision:.2%}, recall {recall:.2%}")
    for line in wrong[:20]:
        print("  " + line)
    assert precision >= 0.99 and recall >= 0.99, wrong[:20]


def test_the_corpus_is_what_handbooks_hold(docs):
    """The corpus has every kind of document and verdict, and references of every form (so the scores mean something)."""
    kinds = Counter(d.name.rsplit(".", 1)[1] for d in docs)
    assert kinds == {"md": 150, "csv": 75, "docx": 75}
    verdicts = Counter(v for d in docs for (_id, v) in d.label.elements())
    assert min(verdicts[v] for v in ("ok", "unknown", "not-recorded")) >= 100, verdicts
    assert MALFORMED not in verdicts
    assert sum(sum(d.label.values()) for d in docs) >= 1000


def test_pqs_check_finds_every_reference_on_the_corpus(framework, docs, tmp_path):
    report("pqs-check (Python)", docs, [python_found(framework, d, tmp_path) for d in docs])


def test_the_browser_engine_finds_every_reference_on_the_corpus(framework, docs, tmp_path):
    texts = [d for d in docs if not d.name.endswith(".docx")]
    node = NodeEngine(framework, tmp_path)
    try:
        answers = node.ask("labels", docs=[{"text": d.data.decode("utf-8"), "asTable": d.name.endswith(".csv")} for d in texts])
    finally:
        node.close()
    found = [Counter((a[0], a[1]) for a in answer) for answer in answers]
    report("browser engine (JavaScript)", texts, found)
    assert found == [python_found(framework, d, tmp_path) for d in texts]  # and the very same answers as pqs-check


def test_the_score_sees_a_missed_and_an_extra_reference(docs):
    """A checker that drops one reference, or adds one, scores under 100% (the gate can fail)."""
    found = [Counter(d.label) for d in docs]
    assert score(docs, found)[:2] == (1.0, 1.0)
    first = next(i for i, d in enumerate(docs) if d.label)
    found[first] = Counter(dict(list(docs[first].label.items())[1:]))
    found[0][("9.9", "ok")] += 1
    precision, recall, wrong = score(docs, found)
    assert precision < 1.0 and recall < 1.0 and len(wrong) >= 1
