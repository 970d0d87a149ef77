"""Reading text as a person reads it (issue 23), each class closed as a class: property tests over generated values,
in pqs-check and, where the engines are compared, in the browser engine too.

The classes: an ID with markup, character references, invisible characters, full-width or look-alike characters in it
(the same ID, placed where it was written); a list under a cue that ends a line; both ends of a range; shorthand
lists; letters glued before an ID; course numbering that is never an ID; Word's other parts.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.checker import cli, rules
from macros.checker.judge import Judge
from macros.checker.scan import scan, scan_line

DATA = ROOT / "data" / "pqs.yaml"


@pytest.fixture(scope="module")
def judge(framework):
    return Judge(framework, framework.current)


@pytest.fixture(autouse=True)
def project_data(monkeypatch):
    monkeypatch.setenv("PQS_DATA", str(DATA))
    monkeypatch.setenv("PQS_SCHEMA", str(ROOT / "data" / "pqs.schema.json"))


# What may be written inside or around an ID and is read through: (written, what a reader sees).
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "&shy;", "&zwj;", "&#8203;", "**", "__", "`"])
SPACE = st.sampled_from([" ", "&nbsp;", "&#160;", "&#xa0;", "\u00a0", "\u2009", "\u3000", "** ", " **", "</b> ", " <i>"])
WIDE = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, ".": "\uff0e", "K": "\uff2b", "D": "\uff24"})
LOOKALIKE = str.maketrans({"K": "\u041a", "k": "\u043a"})


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from("KD"),
    st.integers(1, 20),
    INVISIBLE,
    SPACE,
    st.sampled_from(["plain", "wide", "lookalike"]),
    st.integers(0, 3),
    st.sampled_from(["", "See ", "(", "Task: "]),
)
def test_an_id_is_read_through_what_a_reader_does_not_see(judge, a, b, letter, n, invisible, space, chars, where, before):
    """However an ID is dressed (**9.9** D9, 9.9&nbsp;D9, 9.9\\u200dD9, full-width, a Cyrillic К), it is the same ID
    with the same verdict, and it is placed where it was written."""
    table = WIDE if chars == "wide" else LOOKALIKE if chars == "lookalike" else str.maketrans({})
    parts = [
        str(a).translate(table),
        ".".translate(table),
        str(b).translate(table),
        space,
        letter.translate(table),
        str(n).translate(table),
    ]
    first, last = parts[0], parts[-1]
    parts.insert(where + (where > 2), invisible)
    written = "".join(parts)
    line = before + written + " here."
    found, _ = scan(line)
    assert len(found) == 1, (line, found)
    f = found[0]
    plain = scan(f"{a}.{b} {letter}{n}")[0][0]
    assert judge.judge(f) == judge.judge(plain)
    assert line[f.start : f.end] == f.written
    assert len(before) <= f.start and f.end <= len(before) + len(written)  # placed where it was written
    assert f.written.startswith(first) and f.written.endswith(last)


NOT_PQS = st.sampled_from(
    ["Module", "Week", "Session", "Section", "Room", "Unit", "v", "version", "Chapter", "£", "$", "at", "Learning outcome"]
)


@settings(max_examples=300, deadline=None)
@given(NOT_PQS, st.integers(1, 9), st.integers(0, 59), st.sampled_from([".", ":", ".", "."]), st.sampled_from(["", ".", ",", " starts"]))
def test_course_numbering_times_versions_and_money_are_never_ids(word, a, b, sep, after):
    """Module 3.2, Week 4.1, v2.5, 14:30, £3.20, a section number: never a reference (but may be a hint)."""
    joiner = "" if word in ("v", "£", "$") else " "
    found, _bare = scan(f"{word}{joiner}{a}{sep}{b}{after}")
    assert found == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["PQS:", "PQS", "**PQS:**", "## PQS outcomes", "Mapped to the PQS:", "PQS (draft):"]),
    st.integers(0, 2),
    st.sampled_from(["- ", "* ", "1. ", "", "\u2022 ", "a) "]),
    st.lists(st.tuples(st.integers(1, 9), st.integers(1, 9)), min_size=1, max_size=5),
    st.sampled_from(["", "Module 3.2 follows.", "Week 4.1"]),
)
def test_a_list_under_a_cue_that_ends_a_line_is_read(capsys, tmp_path, cue, blanks, bullet, items, after):
    """PQS: and a Markdown (or Word) list under it, blank lines between allowed: every item is read, and the list
    ends at the first line that does not start with an ID."""
    text = "\n".join([cue, *[""] * blanks, *(f"{bullet}{a}.{b}" for a, b in items), after, "Then 3.1 alone."]) + "\n"
    (tmp_path / "m.md").write_text(text, encoding="utf-8")
    cli.main([str(tmp_path / "m.md"), "--json", str(tmp_path / "r.json"), "--quiet"])
    capsys.readouterr()
    refs = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["references"]
    assert [(r["written"], r["line"]) for r in refs] == [(f"{a}.{b}", 2 + blanks + i) for i, (a, b) in enumerate(items)]


def test_a_cue_that_ends_a_sentence_opens_no_list():
    assert not scan_line("This module is mapped to the PQS.").opens
    assert not scan_line("Outcomes:").opens  # only PQS opens a list: a course's "Outcomes:" heads its own
    assert scan_line("**PQS outcomes:**").opens


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from(["\u2013", "-", " - ", " to ", "\u2014", " \u2013 "]),
)
def test_both_ends_of_a_range_are_judged(judge, d1, o1, d2, o2, dash):
    """PQS 3.1–3.9: each end is a reference with its own verdict; a range across domains or running down is malformed
    at its end, whatever its ends are."""
    found, _ = scan(f"PQS {d1}.{o1}{dash}{d2}.{o2} this term")
    assert [f.written for f in found] == [f"{d1}.{o1}", f"{d2}.{o2}"]
    start, end = (judge.judge(f) for f in found)
    assert start == judge.judge(scan(f"PQS {d1}.{o1}")[0][0])
    if d1 != d2 or o2 <= o1:
        assert (end.status, end.reason) == (rules.MALFORMED, "bad-range")
    else:
        assert end == judge.judge(scan(f"PQS {d2}.{o2}")[0][0])


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.tuples(st.sampled_from("KDkd"), st.integers(1, 20)), min_size=2, max_size=5),
    st.lists(st.sampled_from([", ", " and ", "; ", "/", " or ", ", and ", "\u2013"]), min_size=5, max_size=5),
)
def test_a_shorthand_list_names_statements_of_the_outcome_before_it(judge, a, b, statements, joins):
    """3.2 D2, D3 and K1 is 3.2 D2, 3.2 D3 and 3.2 K1: each judged as the full ID."""
    text = f"{a}.{b} " + "".join(f"{letter}{n}" + (joins[i] if i < len(statements) - 1 else "") for i, (letter, n) in enumerate(statements))
    found, _ = scan(text + " this week")
    assert len(found) == len(statements), text
    for f, (letter, n) in zip(found, statements, strict=True):
        full = judge.judge(scan(f"{a}.{b} {letter}{n}")[0][0])
        if judge.judge(f).reason != "bad-range":
            assert judge.judge(f) == full, text


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcxyzvKD", min_size=1, max_size=3), st.integers(1, 9), st.integers(1, 9), st.sampled_from("KD"), st.integers(1, 9)
)
def test_letters_glued_before_a_statement_id_make_it_malformed(judge, head, a, b, letter, n):
    if head.lower() == "pqs":
        return
    found, _ = scan(f"see {head}{a}.{b} {letter}{n} here")
    assert [(f.written, judge.judge(f).status) for f in found] == [(f"{head}{a}.{b} {letter}{n}", rules.MALFORMED)]


def _docx(parts: dict[str, str]) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            paragraphs = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in text.split("\n"))
            z.writestr(f"word/{name}.xml", f"<w:root {ns}><w:body>{paragraphs}</w:body></w:root>")
    return buffer.getvalue()


def test_word_headers_footers_footnotes_endnotes_and_comments_are_read(capsys, tmp_path):
    parts = {
        "document": "Intro\nPQS 3.1",
        "header1": "Handbook, PQS 9.1",
        "footer2": "x\nPQS 9.2",
        "footnotes": "PQS 9.3",
        "endnotes": "PQS 9.4",
        "comments": "Check 9.5 D1",
        "settings": "PQS 9.6",
    }
    (tmp_path / "h.docx").write_bytes(_docx(parts))
    code, out = cli.main([str(tmp_path / "h.docx"), "--quiet"]), capsys.readouterr().out
    assert code == 1
    wrong = [line.split(": ")[0].strip() for line in out.splitlines() if "unknown ID" in line]
    shown = str(tmp_path / "h.docx")
    assert wrong == [
        f"{shown} (header1):1:15",
        f"{shown} (footer2):2:5",
        f"{shown} (footnotes):1:5",
        f"{shown} (endnotes):1:5",
        f"{shown} (comments):1:7",
    ]  # the body's valid 3.1 is not listed; word/settings.xml holds no text of the document
