"""pqs-check on a corpus of realistic training materials made in tmp_path.

Every written form of an ID, wrong IDs, a Word file, a binary file, a
Windows-1252 file, a UTF-16 file, a huge line, a CSV mapping, a large folder;
asserting what is reported (file, line, suggestions), the coverage and the exit
status. The recognition rule itself is tested case by case from id_cases.py.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from id_cases import BARE_CASES, CASES

from macros.checker import cli, materials, rules
from macros.checker.judge import Judge
from macros.checker.scan import scan

DATA = ROOT / "data" / "pqs.yaml"


@pytest.fixture(autouse=True)
def project_data(monkeypatch):
    """pqs-check finds its data through $PQS_DATA, as ./dev check sets it."""
    monkeypatch.setenv("PQS_DATA", str(DATA))
    monkeypatch.setenv("PQS_SCHEMA", str(DATA.with_name("pqs.schema.json")))


# -- the rule, case by case ------------------------------------------------------------------


@pytest.fixture(scope="module")
def judge(framework):
    return Judge(framework, framework.current)


@pytest.mark.parametrize(("text", "column", "expected"), CASES, ids=[f"{c[0][:40]!r}-{c[1]}" for c in CASES])
def test_recognition_rule(judge, text, column, expected):
    found, _ = scan(text, column)
    got = [(f.written, judge.judge(f).status, judge.judge(f).id) for f in found]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), BARE_CASES)
def test_bare_numbers_are_found_but_not_counted(text, expected):
    found, bare = scan(text)
    assert [b.written for b in bare] == expected
    assert not any(f.written in expected for f in found)


@pytest.mark.parametrize(
    ("written", "reason", "suggestions"),
    [
        ("PQS 3.2 D9", "not-recorded", ["3.2 D2", "3.2"]),
        ("4.2 K1", "not-recorded", ["4.2 K13", "4.2"]),
        ("PQS 3.2 X2", "bad-letter", ["3.2 D2", "3.2"]),
        ("PQS 7.1", "no-such-domain", ["6.1", "5.1", "4.1"]),
        ("PQS 9.9", "no-such-domain", ["6.4", "6.3", "6.2"]),
        ("PQS 3.9", "no-such-outcome", ["3.3", "3.2", "3.1"]),
        ("PQS 3.02", "bad-number", ["3.2", "3.1", "3.3"]),
        ("PQS 3.2.1", "too-many-parts", ["3.2", "3.1", "3.3"]),
        ("PQS domain 8", "no-such-domain", ["6"]),
    ],
)
def test_nearest_valid_ids(judge, written, reason, suggestions):
    (found,), _ = scan(written)
    verdict = judge.judge(found)
    assert verdict.reason == reason
    assert list(verdict.suggestions) == suggestions
    for s in verdict.suggestions:
        assert judge.index.get(s) is not None, s


def test_messages_say_what_is_wrong(judge, framework):
    def message(text):
        (found,), _ = scan(text)
        return judge.judge(found).message

    assert message("3.2 D9") == (
        "outcome 3.2 exists, and the only statement of it recorded here is 3.2 D2; 3.2 D9 is not recorded here: see the official document"
    )
    assert "quote its statements without numbers; 3.1 K1 is not recorded here" in message("3.1 K1")
    assert "none of its statements is recorded here; 1.1 D1 is not recorded here" in message("1.1 D1")
    assert message("PQS 7.1") == "there is no domain 7 (domains run from 1 to 6)"
    assert message("PQS 3.9") == "domain 3 has outcomes 3.1 to 3.3; there is no 3.9"
    assert message("PQS 3.2 X2") == "the letter is X: statement IDs use K (knows) or D (does)"


# -- a corpus of materials -------------------------------------------------------------------------

MODULE1 = """\
# Module 1: Assessment in more complex situations

This module maps to PQS 3.1 and 3.2, and to the statements 3.2 D2 and 4.2K13.
Other spellings: 3.2D2, 3.2-d2, 2.5_D4, 2.6 d2.
Session plan: see outcome 6.2 (lead professional) and PQS domain 5.
Wrong: PQS 3.2 D9, PQS 7.1, PQS 3.9, PQS 3.2 X2, PQS 3.02, PQS 3.2.1, PQS domain 8.
Not IDs: 2.5 million children, version 1.2, 20.03.2025, section 3.2, 3.2 X2, learning outcome 1.4, standard 2.1, domain 4, PQS 2025.
Statement 3.1 K1 is cited by its official number.
"""

MAP_CSV = """\
Module,Hours,PQS IDs,Notes
Assessment,2.5,"3.1, 3.2 D2",covers 3.3 informally
Endings,1.5,7.1,"a note over
two lines about PQS 4.4"
Review,3,3.2 X2,
"""


def word_document(paragraphs: list[list[str]]) -> bytes:
    """A minimal .docx: each paragraph is a list of runs, as Word splits text."""
    body = "".join("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs) + "</w:p>" for runs in paragraphs)
    return docx_of(f"{body}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>PQS 3.2 D9</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")


def docx_of(body: str) -> bytes:
    """A .docx whose word/document.xml has this body."""
    import io

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)
    return buffer.getvalue()


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "materials"
    (root / "week1").mkdir(parents=True)
    (root / "week1" / "module1.md").write_text(MODULE1, encoding="utf-8")
    (root / "week1" / "map.csv").write_text(MAP_CSV, encoding="utf-8")
    (root / "week2").mkdir()
    (root / "week2" / "handout.docx").write_bytes(
        word_document(
            [
                ["Handout: working with families"],
                ["Covers PQS 2.", "4 and the statement "],
                ["5.2 ", "K2", " (thresholds)"],
                ["Smith &amp; Jones, 2.5 million families"],
            ]
        )
    )
    (root / "week2" / "legacy.txt").write_bytes("Café session – PQS 1.1 and 1.2\r\nNothing else\r\n".encode("cp1252"))
    (root / "week2" / "unicode16.txt").write_bytes(codecs.BOM_UTF16_LE + "Line one\nPQS 6.2 D1 here\n".encode("utf-16-le"))
    (root / "week2" / "huge.md").write_text("# Long\nPQS 1.3 " + "x" * 2_000_000 + " PQS 1.4\n", encoding="utf-8")
    (root / "week2" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (root / "week2" / "disguised.txt").write_bytes(b"PQS 6.3\x00\x00\x01\x02binary rubbish" * 20)
    (root / "week2" / "broken.docx").write_text("not a zip at all, PQS 6.4", encoding="utf-8")
    (root / "week2" / "~$handout.docx").write_bytes(b"\x00lock")
    (root / ".git").mkdir()
    (root / ".git" / "notes.md").write_text("PQS 9.9", encoding="utf-8")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "readme.md").write_text("PQS 9.8", encoding="utf-8")
    (root / "week2" / "loop").symlink_to(root, target_is_directory=True)
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def report(capsys, *argv: str, tmp: Path) -> tuple[int, dict, str]:
    path = tmp / "report.json"
    code, out, _ = run(capsys, *argv, "--json", str(path))
    return code, json.loads(path.read_text(encoding="utf-8")), out


def problems_in(data: dict, name: str, part: str = "problems") -> list[tuple[int, str, str, list[str]]]:
    return [(p["line"], p["written"], p["status"], p["suggestions"]) for p in data[part] if Path(p["path"]).name == name]


def test_markdown_every_written_form_and_every_wrong_id(capsys, corpus, tmp_path):
    path = corpus / "week1" / "module1.md"
    code, data, out = report(capsys, str(path), tmp=tmp_path)
    assert code == 1
    ok = [(r["line"], r["id"]) for r in data["references"] if r["status"] == "ok"]
    assert ok == [
        (3, "3.1"),
        (3, "3.2"),
        (3, "3.2 D2"),
        (3, "4.2 K13"),
        (4, "3.2 D2"),
        (4, "3.2 D2"),
        (4, "2.5 D4"),
        (4, "2.6 D2"),
        (5, "6.2"),
        (5, "5"),
    ]
    assert problems_in(data, "module1.md") == [
        (6, "7.1", "unknown", ["6.1", "5.1", "4.1"]),
        (6, "3.9", "unknown", ["3.3", "3.2", "3.1"]),
        (6, "3.2 X2", "malformed", ["3.2 D2", "3.2"]),
        (6, "3.02", "malformed", ["3.2", "3.1", "3.3"]),
        (6, "3.2.1", "malformed", ["3.2", "3.1", "3.3"]),
        (6, "8", "unknown", ["6"]),
    ]
    # Statements of real outcomes that this data does not record are listed apart, with the official document.
    assert problems_in(data, "module1.md", "not_recorded") == [
        (6, "3.2 D9", "not-recorded", ["3.2 D2", "3.2"]),
        (8, "3.1 K1", "not-recorded", ["3.1"]),
    ]
    assert data["not_recorded"][0]["links"][0]["url"].startswith("https://")
    # Nothing on line 7 (the false-positive traps) is counted; its outcome-like numbers are hints.
    assert not [r for r in data["references"] if r["line"] == 7]
    assert [u["written"] for u in data["uncounted"] if u["line"] == 7] == ["1.2", "3.2", "3.2", "1.4", "2.1"]
    # The text report gives file:line:column, the ID as written, why, and the nearest valid IDs.
    assert f'{path}:6:24: unknown ID "7.1": there is no domain 7 (domains run from 1 to 6). Nearest: 6.1, 5.1, 4.1.' in out
    assert "Problems: 6" in out
    assert "Not recorded here: 2 (not errors)" in out
    assert f'{path}:6:12: not-recorded ID "3.2 D9": outcome 3.2 exists, and the only statement of it recorded here is 3.2 D2' in out
    assert "The official document: " in out


def test_coverage_of_one_file_knows_and_does_apart(capsys, corpus, tmp_path, framework):
    _code, data, out = report(capsys, str(corpus / "week1" / "module1.md"), tmp=tmp_path)
    cov = data["coverage"]
    assert [d["id"] for d in cov["domains"] if d["cited"]] == ["2", "3", "4", "5", "6"]
    assert [o["id"] for o in cov["outcomes"] if o["cited"]] == ["2.5", "2.6", "3.1", "3.2", "4.2", "6.2"]
    assert [o["id"] for o in cov["outcomes"]] == [o.id for o in framework.current.outcomes]
    cited = {s["id"]: s["references"] for s in cov["statements"] if s["cited"]}
    assert cited == {"2.5 D4": 1, "2.6 D2": 1, "3.2 D2": 3, "4.2 K13": 1}
    missed = sorted(s["id"] for s in cov["statements"] if not s["cited"])
    assert missed == ["5.2 K2", "6.2 D1"]
    domain5 = next(d for d in cov["domains"] if d["id"] == "5")
    assert (domain5["references"], domain5["outcomes_cited"], domain5["knows_cited"], domain5["knows_recorded"]) == (1, 0, 0, 1)
    outcome32 = next(o for o in cov["outcomes"] if o["id"] == "3.2")
    assert (outcome32["references"], outcome32["does_cited"], outcome32["does_recorded"], outcome32["knows_recorded"]) == (1, 1, 1, 0)
    assert next(o for o in cov["outcomes"] if o["id"] == "3.1")["unnumbered"] == 8
    # The text report lists what is cited and what is missed.
    assert "Domains cited: 5 of 6" in out
    assert "Domains missed: 1 Anti-discriminatory practice" in out
    assert "Outcomes cited: 6 of 26: 2.5, 2.6, 3.1, 3.2, 4.2, 6.2" in out
    assert "Knows statements cited: 1 of 2 recorded: 4.2 K13; missed: 5.2 K2" in out
    assert "Does statements cited: 3 of 4 recorded: 2.5 D4, 2.6 D2, 3.2 D2; missed: 6.2 D1" in out
    assert "Not citable by ID: 8 of outcome 3.1" in out


def test_the_whole_corpus_with_odd_files_and_notes(capsys, corpus, tmp_path):
    code, data, out = report(capsys, str(corpus), tmp=tmp_path)
    assert code == 1
    read = sorted(Path(p).name for p in data["files_read"])
    assert read == ["handout.docx", "huge.md", "legacy.txt", "map.csv", "module1.md", "unicode16.txt"]
    notes = {Path(n["path"]).name: n["message"] for n in data["notes"]}
    assert notes["legacy.txt"].startswith("not UTF-8: read as Windows-1252")
    assert notes["huge.md"] == "line 2 is longer than 10,000 characters; only the first 10,000 were checked"
    assert notes["disguised.txt"] == "skipped: looks like a binary file (it contains NUL bytes)"
    assert notes["broken.docx"].startswith("skipped: not a readable Word (.docx) file")
    assert (
        notes["materials"] == "2 other files ignored (only .md, .txt, .csv, .tsv and .docx are read in folders)"
    )  # photo.png, ~$ lock file
    by_file = {}
    for r in data["references"]:
        by_file.setdefault(Path(r["path"]).name, []).append((r["line"], r["id"] or r["written"], r["status"], r["field"]))
    # Word: "line" is the paragraph; runs split mid-ID are joined; the table cell is read too.
    assert by_file["handout.docx"] == [(2, "2.4", "ok", None), (3, "5.2 K2", "ok", None), (5, "3.2 D9", "not-recorded", None)]
    assert by_file["legacy.txt"] == [(1, "1.1", "ok", None), (1, "1.2", "ok", None)]
    assert by_file["unicode16.txt"] == [(2, "6.2 D1", "ok", None)]
    assert by_file["huge.md"] == [(2, "1.3", "ok", None)]  # 1.4 is past the cap
    # CSV: only the column headed "PQS IDs" counts bare numbers; the row's first line is reported.
    assert by_file["map.csv"] == [
        (2, "3.1", "ok", "PQS IDs"),
        (2, "3.2 D2", "ok", "PQS IDs"),
        (3, "7.1", "unknown", "PQS IDs"),
        (3, "4.4", "ok", "Notes"),
        (5, "3.2 X2", "malformed", "PQS IDs"),
    ]
    assert "9.9" not in json.dumps(data["references"]) and "9.8" not in json.dumps(data["references"])  # .git, node_modules
    assert f'{corpus / "week1" / "map.csv"}:3: (column "PQS IDs") unknown ID "7.1"' in out
    assert "Traceback" not in out


def test_csv_and_json_reports(capsys, corpus, tmp_path, framework):
    csv_path, json_path = tmp_path / "coverage.csv", tmp_path / "coverage.json"
    code, _out, _ = run(capsys, str(corpus / "week1"), "--csv", str(csv_path), "--json", str(json_path))
    assert code == 1
    raw = csv_path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == rules.CSV_COLUMNS
    edition = framework.current
    assert len(rows) == len(edition.domains) + len(edition.outcomes) + sum(1 for s in edition.statements if s.id)
    by_id = {r["id"]: r for r in rows}
    assert by_id["3"]["level"] == "domain" and by_id["3"]["cited"] == "yes" and by_id["3"]["text"] == "Assessment and planning"
    assert by_id["1"]["cited"] == "no"
    assert by_id["3.1"]["cited"] == "yes" and by_id["3.1"]["references"] == "2"  # module1.md and map.csv
    assert by_id["3.2 D2"]["kind"] == "does" and by_id["3.2 D2"]["references"] == "4"
    assert by_id["3.2 D2"]["where"].count("module1.md") == 3 and "map.csv:2" in by_id["3.2 D2"]["where"]
    assert (by_id["4.2"]["knows_cited"], by_id["4.2"]["knows_recorded"]) == ("1", "1")
    assert (by_id["6"]["does_cited"], by_id["6"]["does_recorded"]) == ("0", "1")
    assert by_id["4.4"]["cited"] == "yes"  # from the Notes cell, after "PQS"
    assert by_id["3.3"]["cited"] == "no"  # "covers 3.3 informally" has no mark
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["report_version"] == rules.REPORT_VERSION
    assert data["edition"]["key"] == edition.key
    assert len(data["problems"]) == 6 + 2
    assert len(data["not_recorded"]) == 2


def test_exit_status_0_when_every_id_is_valid(capsys, tmp_path):
    (tmp_path / "good.md").write_text("Maps to PQS 3.2, 3.2 D2 and 6.2 D1. Costs 2.5 million.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0
    assert "Problems: none; every ID found is valid." in out


def test_not_recorded_ids_pass_unless_strict(capsys, tmp_path):
    """A statement of a real outcome that our partial record lacks is not wrong: exit 0, listed apart; --strict makes it fail."""
    (tmp_path / "a.md").write_text("Covers 3.2 D9 and 1.1 K1.\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0
    assert "Problems: none; every ID found exists or may exist (see below)." in out
    assert "Not recorded here: 2 (not errors)" in out
    code, out, _ = run(capsys, str(tmp_path), "--strict")
    assert code == 1
    assert "Not recorded here: 2 (--strict: they count as problems)" in out
    assert run(capsys, str(tmp_path), "--allow-unrecorded")[0] == 0  # the old option is accepted and changes nothing
    (tmp_path / "b.md").write_text("Covers PQS 7.1.\n", encoding="utf-8")
    assert run(capsys, str(tmp_path))[0] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: FILE_OR_FOLDER"),
        (["/no/such/folder"], "no such file or folder: /no/such/folder"),
        (["--max-size", "0", "."], "argument --max-size: must be a number of megabytes more than 0"),
        (["--max-line", "many", "."], "argument --max-line: not a whole number of characters: 'many'"),
        (["--frobnicate", "."], "unrecognized arguments: --frobnicate"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_bad_data_file_exits_2_with_the_problems(capsys, tmp_path):
    bad = tmp_path / "pqs.yaml"
    bad.write_text("schema_version: 1\ncurrent_edition: [\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, str(tmp_path / "a.md"), "--data", str(bad))
    assert code == 2
    assert "the data file cannot be used" in err and "not valid YAML" in err


def test_unwritable_report_exits_2(capsys, tmp_path):
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, str(tmp_path / "a.md"), "--csv", str(tmp_path / "no" / "such" / "dir.csv"))
    assert code == 2
    assert "cannot write the report" in err


def test_data_option_checks_against_the_file_given(capsys, tmp_path):
    """--data points the checker at another data file (here the tests' small one): its edition, its IDs."""
    copy = tmp_path / "data" / "pqs.yaml"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURES / "small" / "pqs.yaml", copy)
    shutil.copyfile(ROOT / "data" / "pqs.schema.json", copy.with_name("pqs.schema.json"))
    (tmp_path / "a.md").write_text("Covers 1.1 K1, 1.1 D2 and PQS 2.1.\n", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path / "a.md"), "--data", str(copy), "--strict")
    assert err == "" and code == 0, err
    assert "(edition draft-test, from " in out
    (tmp_path / "b.md").write_text("Covers PQS 2.2.\n", encoding="utf-8")
    code, out, _err = run(capsys, str(tmp_path / "b.md"), "--data", str(copy))
    assert code == 1 and 'unknown ID "2.2": domain 2 has outcomes 2.1 to 2.1; there is no 2.2' in out


def test_size_limit_skips_with_a_note(capsys, tmp_path):
    (tmp_path / "big.txt").write_text("PQS 3.2\n" + "words " * 400, encoding="utf-8")
    _code, data, _out = report(capsys, str(tmp_path / "big.txt"), "--max-size", "0.001", tmp=tmp_path)
    assert data["files_read"] == []
    assert data["notes"][0]["message"] == "skipped: it is 2 KB, over the 1 KB limit (--max-size)"


def test_a_pdf_named_on_the_command_line_is_skipped_with_a_note(capsys, tmp_path):
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.7\n% PQS 3.2\n")
    code, data, _out = report(capsys, str(tmp_path / "slides.pdf"), tmp=tmp_path)
    assert code == 0
    assert data["notes"][0]["message"] == "skipped: a PDF file; save it as text or Word to check it"


def test_a_tab_separated_text_file_is_read_as_a_table(capsys, tmp_path):
    """Excel's "Text (Tab delimited)" saves a .txt whose first line is a header row."""
    (tmp_path / "map.txt").write_text("Module\tHours\tPQS\nAssessment\t2.5\t3.1, 3.2 D2\n", encoding="utf-8")
    (tmp_path / "prose.txt").write_text("Outcomes, aims and reading list\n2.5 million people\n", encoding="utf-8")
    _code, data, _out = report(capsys, str(tmp_path), tmp=tmp_path)
    assert [(Path(r["path"]).name, r["id"], r["field"]) for r in data["references"]] == [
        ("map.txt", "3.1", "PQS"),
        ("map.txt", "3.2 D2", "PQS"),
    ]


def test_a_large_folder(capsys, tmp_path):
    root = tmp_path / "big"
    for i in range(1500):
        folder = root / f"unit{i // 100:02d}" / f"part{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"lesson{i:04d}.md").write_text(f"# Lesson {i}\n\nPQS {1 + i % 6}.1 and 3.2 D2; {i}.5 hours.\n", encoding="utf-8")
    started = time.monotonic()
    code, data, _out = report(capsys, str(root), tmp=tmp_path)
    assert time.monotonic() - started < 30
    assert code == 0
    assert len(data["files_read"]) == 1500
    cov = {o["id"]: o["references"] for o in data["coverage"]["outcomes"]}
    assert [cov[f"{d}.1"] for d in range(1, 7)] == [250] * 6
    assert next(s for s in data["coverage"]["statements"] if s["id"] == "3.2 D2")["references"] == 1500


def test_console_script_is_declared_and_runs_as_a_module(tmp_path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["pqs-check"] == "macros.checker:main"
    assert "macros.*" in project["tool"]["setuptools"]["packages"]["find"]["include"]  # the subpackages are installed too
    (tmp_path / "a.md").write_text("PQS 7.1\n", encoding="utf-8")
    env = {**os.environ, "PQS_DATA": str(DATA)}
    result = subprocess.run(
        [sys.executable, "-m", "macros.checker", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 1, result.stderr
    assert 'unknown ID "7.1"' in result.stdout
    help_ = subprocess.run([sys.executable, "-m", "macros.checker", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert help_.returncode == 0 and "docs/check.md" in help_.stdout


def test_word_paragraphs_unescape_and_keep_tabs():
    xml = '<w:body><w:p><w:r><w:t>A &amp; B</w:t><w:tab/><w:t xml:space="preserve"> PQS 3.</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body>'
    assert materials.word_paragraphs(xml) == ["A & B\t PQS 3.2", "x"]


# -- what the page and the README say is what the code does ---------------------------------------------


def test_check_page_lists_every_unit_and_every_example_is_a_case():
    """docs/check.md: each unit word is named, and each example written in backticks reads as the page says."""
    page = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    rule = page[page.index("## How IDs are recognised") : page.index("## The same check on the command line")]
    units = rule[rule.index("The units are") : rule.index("| Written")]
    for word in rules.UNIT_WORDS:
        assert word in units or (word.endswith("s") and word[:-1] in units) or word == "percent", word
    case_texts = {text for text, _column, _expected in CASES}
    statuses = {text: [e[1] for e in expected] for text, column, expected in CASES if column is None}
    for row in re.findall(r"^\| (.+?) \| (.+?) \| .+ \|$", rule, re.M)[2:]:
        written = re.findall(r"`([^`]+)`", row[0])
        for text in written:
            if row[1] == "malformed":
                assert statuses.get(text) == ["malformed"], text
            elif row[1] == "not recorded here":
                assert statuses.get(text) == ["not-recorded"], text
    near = rule[rule.index("**a near miss of") : rule.index("A well-formed ID that cannot exist")]
    for text in re.findall(r"`([^`]+)`", near):
        assert text in case_texts and statuses[text] == ["malformed"], text


def test_readme_names_only_options_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Checking training materials") : readme.index("## Benchmark")]
    options = {o for action in cli.parser()._actions for o in action.option_strings}
    named = set(re.findall(r"(--[a-z-]+)", section))
    assert named and named <= options, named - options
    for env in ("PQS_DATA", "PQS_SCHEMA"):
        assert env in section


def _word_table(rows: list[list[str]], before: str = "") -> bytes:
    """A .docx with one table: each cell's text, a line break written as \\n (Word's w:br)."""

    def cell(text: str) -> str:
        runs = "<w:br/>".join(f"<w:t>{part}</w:t>" for part in text.split("\n"))
        return f"<w:tc><w:p><w:r>{runs}</w:r></w:p></w:tc>"

    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"
    return docx_of(f"<w:p><w:r><w:t>{before}</w:t></w:r></w:p>{table}")


def test_a_word_tables_column_headed_pqs_is_read_as_ids(capsys, tmp_path):
    """A module map in Word: the PQS column's bare numbers are IDs (3.9 is wrong), as in a CSV; other cells are text."""
    rows = [["Module", "PQS outcomes", "Hours"], ["Assessment", "3.1\n3.9", "2.5"], ["Planning", "(3.2), 6.2 D1", "3.3"]]
    (tmp_path / "map.docx").write_bytes(_word_table(rows, before="Module map"))
    code, data, _out = report(capsys, str(tmp_path / "map.docx"), tmp=tmp_path)
    assert code == 1
    assert [(p["written"], p["status"]) for p in data["problems"]] == [("3.9", "unknown")]
    cited = {o["id"] for o in data["coverage"]["outcomes"] if o["cited"]}
    assert cited == {"3.1", "3.2", "6.2"}  # the Hours column's 2.5 and 3.3 are not IDs


def test_a_word_tables_learning_outcome_column_is_the_courses_own_numbering(capsys, tmp_path):
    """A trainer's table numbers its own learning outcomes 1.1, 1.2: they are not PQS outcomes 1.1 and 1.2."""
    rows = [["Learning outcome", "Session ID", "PQS"], ["1.1", "2.1", "3.1"], ["1.2", "2.2", ""]]
    (tmp_path / "lo.docx").write_bytes(_word_table(rows))
    _code, data, _out = report(capsys, str(tmp_path / "lo.docx"), tmp=tmp_path)
    assert {o["id"] for o in data["coverage"]["outcomes"] if o["cited"]} == {"3.1"}
    assert data["problems"] == []


def test_a_word_table_without_a_column_of_ids_is_read_as_text(capsys, tmp_path):
    (tmp_path / "t.docx").write_bytes(_word_table([["Session", "Length"], ["One", "3.9"], ["Two", "PQS 3.9"]]))
    _code, data, _out = report(capsys, str(tmp_path / "t.docx"), tmp=tmp_path)
    assert [p["written"] for p in data["problems"]] == ["3.9"]  # only the cued one
