"""One rule, two checkers: pqs-check (Python) and the browser engine (JavaScript, in Node) agree on every input.

First the shared case table (id_cases.py) and busy lines; then property-based
tests that generate IDs in every written form, near misses, unit words, cues,
markup and random unicode, and compare every answer. Then the properties that
keep the checker safe: it never raises on any file content, and its work grows
linearly with its input (counted in steps, never timed).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from checker_engines import NodeEngine, python_answer, subprocess_ok
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from id_cases import BARE_CASES, CASES

from macros.checker import materials, rules
from macros.checker.coverage import coverage
from macros.checker.judge import Judge
from macros.checker.report import coverage_csv
from macros.checker.scan import Work, scan

pytestmark = pytest.mark.skipif(not subprocess_ok(), reason="node is not installed")

MIXED_LINES = [
    "Week 3 (2.5 hours): PQS 3.1, 3.2 D2 and 3.2-d9; see also outcome 6.2 / 6.9, PQS domain 4 & 7, 3.2 X2, PQS 3.2.1, 20.03.2025",
    "Learning outcome 1.2 maps to PQS\u00a02.4;\t2.5_D4 + 4.2k13 or PQS 0.3, version 1.2, 1.5 million",
    "Typos: 3.2 DD2, 3..2 D2, 3.2 D 2, PQS 3.1, 3 .2 K13 and 3.3; PQS 4..1",
    "no ids at all here, only words",
    "",
]


@pytest.fixture(scope="module")
def node(framework, tmp_path_factory):
    engine = NodeEngine(framework, tmp_path_factory.mktemp("node"))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def judge(framework):
    return Judge(framework, framework.current)


def compare(node: NodeEngine, judge: Judge, cases: list[tuple[str, str | None]]) -> None:
    js = node.ask("scan", cases=[list(c) for c in cases])
    for (text, column), answer in zip(cases, js, strict=True):
        py = python_answer(judge, text, column)
        if text.isascii():  # steps count characters, which the two languages count alike only in ASCII
            assert answer["steps"] == py["steps"], (text, column)
        answer.pop("steps"), py.pop("steps")
        assert answer == py, (text, column)


def test_the_case_table_and_busy_lines_alike(node, judge):
    cases = [(t, c) for t, c, _ in CASES] + [(t, None) for t, _ in BARE_CASES] + [(line, None) for line in MIXED_LINES]
    compare(node, judge, cases)
    busy = python_answer(judge, MIXED_LINES[0], None)
    assert len(busy["found"]) >= 10  # the comparison covers a busy line, not just empty answers


def test_tables_are_split_alike(node):
    lines = materials.split_lines('Module,PQS\r\n"A, with comma",3.1\n\n"B ""quoted""","3.2 D2,\nand 4.1"\nC,"x"y,\nD,tail')
    assert node.ask("csvRows", lines=lines, delimiter=",") == [[start, row] for start, row in materials.csv_rows(lines, ",")]
    headers = ["Module\tHours\tPQS", "Module,PQS IDs", "Outcomes, aims and reading list", "Module;Outcome", "PQS", "Name,Hours"]
    assert (
        node.ask("headers", lines=headers) == [materials.looks_like_header(h) for h in headers] == [True, True, False, True, False, False]
    )
    texts = [["PQS 7.1, ref"], ["Module,PQS", "A,3.1"], ["Module,PQS", "", "  "], ["", "Module\tPQS", "x"]]
    assert node.ask("isTable", texts=texts) == [materials.is_table(t) for t in texts] == [False, True, False, True]


def test_coverage_and_its_csv_alike(node, framework):
    cited = [["3.2 D2", "Module A"], ["3.2", "Module A"], ["5", "Module B"], ["4.2 K13", "=cmd|' /C calc'!A0"], ["3.2 D2", "Module C"]]
    cited += [["1.1", f"module {i}"] for i in range(30)]
    js = node.ask("coverage", cited=cited)
    cov = coverage(framework.current, [tuple(c) for c in cited])
    assert js["cov"] == cov.to_json()
    assert js["csv"] == "\ufeff" + coverage_csv(cov).replace("\r\n", "\n").replace("\n", "\r\n")
    assert "'=cmd" in js["csv"]  # a formula in a module's name is neutralised in both


# -- generated input --------------------------------------------------------------------------------

blank = st.sampled_from([" ", "", "  ", "\t", "\u00a0", "-", "_", " - ", "\u2013", "\u2011", "\u202f", "\u2009"])
digits = st.one_of(st.integers(0, 12).map(str), st.sampled_from(["01", "00", "007", "10", "9" * 12, "1" * 60]))
letter = st.sampled_from(["K", "D", "k", "d", "X", "KD", "DD", "D D", "K-", "Q"])
dots = st.sampled_from([".", ".", ".", "..", " .", ". ", " . ", "...", ","])


@st.composite
def id_like(draw) -> str:
    """An ID in one of its written forms, or a near miss of one."""
    numbers = dots.flatmap(lambda d: st.just(d))
    text = draw(digits) + draw(numbers) + draw(digits)
    if draw(st.booleans()):
        text += draw(blank) + draw(letter) + draw(st.sampled_from(["", " ", "-"])) + draw(digits)
    if draw(st.booleans()):
        text += draw(
            st.sampled_from([".", ".1", "s", "%", " hours", " per cent", "D2", ")", " and", ", 3.1", "a", "x2", "D", ".5.", "K1b"])
        )
    return text


words = st.sampled_from(
    [
        "PQS",
        "pqs",
        "PQS:",
        "PQS-",
        "PQS domain",
        "PQS domains",
        "PQS outcome",
        "outcome",
        "Outcomes",
        "learning outcome",
        "course-outcome",
        "standard",
        "and",
        "or",
        ",",
        ";",
        "/",
        "&",
        "+",
        "million",
        "km",
        "version",
        "section",
        "v",
        "**",
        "`",
        "[",
        "](../id/3.2-D2/)",
        "<b>",
        "|",
        "#",
        "\u2013",
        "(",
        ")",
        '"',
        "\u201c",
        "and/or",
        ", and",
        "</b>",
        "\u202f",
    ]
)
piece = st.one_of(id_like(), words, digits, st.text(max_size=6), st.text(alphabet="0123456789.KDkd -_,PQS\t\u00a0", max_size=12))
line = st.lists(st.tuples(piece, st.sampled_from([" ", "", "  ", "\t", ", "])), max_size=12).map(
    lambda parts: "".join(p + s for p, s in parts)
)
column = st.sampled_from([None, None, "ids", "domains"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(line, column), min_size=1, max_size=20))
def test_generated_lines_are_read_alike(node, judge, cases):
    compare(node, judge, cases)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), column), min_size=1, max_size=20))
def test_random_unicode_is_read_alike(node, judge, cases):
    compare(node, judge, cases)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet='ab,;\t"\n 3.2D', max_size=30), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_generated_tables_are_split_alike(node, texts, delimiter):
    lines = [t for text in texts for t in materials.split_lines(text)]
    assert node.ask("csvRows", lines=lines, delimiter=delimiter) == [[s, r] for s, r in materials.csv_rows(lines, delimiter)]
    assert node.ask("isTable", texts=[lines]) == [materials.is_table(lines)]


# -- safety ---------------------------------------------------------------------------------------------


def read_any(data: bytes, suffix: str, tmp_path) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    notes: list = []
    try:
        material = materials.read_material(path, "file", 1_048_576, 1000, notes)
    except materials.Skip:
        return
    for line_ in material.lines:
        scan(line_.text, line_.column)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from([".md", ".txt", ".csv", ".tsv", ".docx"]))
def test_never_raises_on_any_bytes(tmp_path, data, suffix):
    read_any(data, suffix, tmp_path)


def zipped(xml: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        z.writestr("word/document.xml", xml)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            ["<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:t ", "<w:tab/>", "<w:br/>", "PQS 3.2 D2", "&amp;", "&bogus;", "<", ">", "\x00"]
        ),
        max_size=60,
    ),
    st.integers(0, 400),
    st.binary(max_size=8),
)
def test_never_raises_on_any_word_file(tmp_path, parts, cut, junk):
    """Word files with any XML, cut anywhere, with bytes flipped in the compressed data."""
    xml = ("<w:document><w:body>" + "".join(parts) + "</w:body></w:document>").encode()
    data = zipped(xml)
    read_any(data, ".docx", tmp_path)
    read_any(data[:cut] + junk + data[cut + len(junk) :], ".docx", tmp_path)


pathological = st.one_of(
    st.text(alphabet="1.", min_size=1, max_size=50),
    st.text(alphabet="1 .D", min_size=1, max_size=50),
    st.text(alphabet="PQS 1.,", min_size=1, max_size=50),
    st.text(alphabet="3.2 DK-_", min_size=1, max_size=50),
    st.text(alphabet="outcome 1.2 and", min_size=1, max_size=50),
)


@settings(max_examples=60, deadline=None)
@given(pathological, st.sampled_from([None, "ids", "domains"]))
def test_work_grows_linearly_with_the_line(seed, col):
    """Repeating any line 10 and 100 times costs at most 100 times the steps of 10 (plus a little), in both engines."""
    steps = []
    for times in (10, 100, 1000):
        work = Work()
        scan(seed * times, col, work)
        steps.append(work.steps)
        assert work.steps <= 40 * len(seed) * times + 40, (seed, times)
    assert steps[2] <= 10 * steps[1] + 100 + 40 * len(seed)


def test_the_browser_engine_does_the_same_work(node, judge):
    """The Node engine reports the same step counts (compared in compare()), so it is linear too; and a 1 MB line is cheap."""
    text = "PQS 3.2 D2, 3..2 DD2 and 1.5 hours; " * 30_000
    answer = node.ask("check", text=text, asTable=False)
    assert answer["references"][:3] == [[1, "3.2 D2", "ok"], [1, "3..2 DD2", "malformed"], [1, "3.2 D2", "ok"]]
    assert answer["steps"] <= 40 * rules.DEFAULT_MAX_LINE + 40  # the line was cut at the limit before it was scanned
    assert answer["notes"][0].startswith("line 1 is longer than 10,000 characters")


def _python_references(judge: Judge, text: str) -> list[list]:
    refs = []
    for line in materials.text_lines(materials.split_lines(text)):
        found, _bare = scan(line.text, line.column)
        refs += [[line.number, f.written, judge.judge(f).status] for f in found]
    return refs


cell_text = st.sampled_from(["3.2", "3.9", " 3.1, 3.2 ", "(3.2)", "6.2 D1", "module", "", "2.5 hours", "PQS 3.3", "- 3.9", "7"])
header_text = st.sampled_from(["Module", "PQS", " ID ", "Outcomes", "Domain", "Notes", "Hours", ""])
rule_row = st.sampled_from(["|---|---|", "| --- | :---: |", "---|---", "|:-|-:|-|", "---", "| x |", "|--"])


@st.composite
def markdown_with_tables(draw) -> str:
    """Markdown text with pipe tables (well formed or not) among ordinary lines."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        parts.append(draw(st.sampled_from(["", "Some text with PQS 3.9.", "# Heading", "3.2 D2 and 3.9"])))
        width = draw(st.integers(1, 4))
        lead, trail = draw(st.sampled_from(["|", ""])), draw(st.sampled_from(["|", ""]))
        parts.append(lead + "|".join(draw(header_text) for _ in range(width)) + trail)
        parts.append(draw(rule_row))
        for _ in range(draw(st.integers(0, 4))):
            parts.append(lead + "|".join(draw(cell_text) for _ in range(draw(st.integers(1, width + 1)))) + trail)
    return "\n".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_with_tables())
def test_markdown_tables_are_read_alike(node, judge, text):
    """A Markdown table's column of IDs is read as cells by both checkers, with the same references on the same lines."""
    answer = node.ask("check", text=text, asTable=False)
    assert answer["references"] == _python_references(judge, text), text


def test_a_markdown_tables_pqs_column_is_read_as_ids(node, judge):
    text = "| Module | PQS |\n|---|:---:|\n| Assessment | 3.1, 3.9 |\n| Planning | (3.2) |\n\n3.9 alone is not counted.\n"
    want = [[3, "3.1", "ok"], [3, "3.9", "unknown"], [4, "3.2", "ok"]]
    assert _python_references(judge, text) == want
    assert node.ask("check", text=text, asTable=False)["references"] == want


def test_a_column_numbering_the_course_itself_is_not_read_as_ids(node, judge):
    """A column headed "Learning outcome", "Session ID" or "Module ref" numbers the course: its 1.1 and 2.3 are not
    PQS outcomes (no coverage credit, no "wrong ID"); the PQS column beside it is read, in both checkers."""
    for header in ("Learning outcome", "Session ID", "Module ref", "Course outcomes", "learning-outcome"):
        text = f"| {header} | PQS |\n|---|---|\n| 1.1 | 3.1 |\n| 2.3 | 3.9 |\n"
        want = [[3, "3.1", "ok"], [4, "3.9", "unknown"]]
        assert _python_references(judge, text) == want, header
        assert node.ask("check", text=text, asTable=False)["references"] == want, header


def test_a_word_document_that_cannot_be_read_here_says_where_it_can(node, tmp_path):
    """The checker page called a real .docx a zip archive, "not a Word file". Both engines now say it is a Word
    document and that pqs-check reads it (the page reads text, CSV and TSV; pqs-check reads a .docx by its name)."""
    import base64

    data = zipped(b"<w:document><w:body><w:p><w:t>PQS 9.9</w:t></w:p></w:body></w:document>")
    answer = node.ask("decode", base64=base64.b64encode(data).decode())
    assert answer == {"error": rules.NOTES["word"]}
    with pytest.raises(materials.Skip, match=r"a Word document: name it \.docx"):
        materials.decode(data, [])
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("notes.txt", "PQS 9.9")
    assert node.ask("decode", base64=base64.b64encode(plain_zip.getvalue()).decode()) == {"error": rules.NOTES["zip"]}
