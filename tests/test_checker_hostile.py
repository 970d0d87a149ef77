"""pqs-check on hostile input: each class of attack or accident, tried in many variants.

Only regular files are read, with bounded memory, in time linear in the input;
a Word file's text is inflated as a stream with a cap; a huge number or a
one-line file never hides a wrong ID; near misses are malformed; option values
and data paths never give a traceback; every name printed or written is escaped
and every CSV cell is safe from spreadsheet formulas.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import struct
import subprocess
import sys
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.checker import cli, materials, rules
from macros.checker.judge import Judge
from macros.checker.scan import scan

DATA = ROOT / "data" / "pqs.yaml"
SCHEMA = ROOT / "data" / "pqs.schema.json"


@pytest.fixture(autouse=True)
def project_data(monkeypatch):
    monkeypatch.setenv("PQS_DATA", str(DATA))
    monkeypatch.setenv("PQS_SCHEMA", str(SCHEMA))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def report(capsys, tmp_path: Path, *argv: str) -> tuple[int, dict, str]:
    path = tmp_path / "report.json"
    code, out, _ = run(capsys, *argv, "--json", str(path))
    return code, json.loads(path.read_text(encoding="utf-8")), out


# -- only regular files ----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_pipes_devices_and_links_to_them_are_skipped_not_read(capsys, tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "random.txt").symlink_to("/dev/urandom")
    (folder / "null.csv").symlink_to("/dev/null")
    (folder / "tty.docx").symlink_to("/dev/tty")
    (folder / "pipe-link.md").symlink_to(folder / "pipe.md")
    (folder / "good.md").write_text("PQS 7.1\n", encoding="utf-8")
    for argv in ([str(folder)], [str(folder / "pipe.md"), str(folder / "zero.md"), str(folder / "good.md")]):
        code, data, _out = report(capsys, tmp_path, *argv)
        assert code == 1  # the wrong ID in the one regular file is still found
        assert [Path(p).name for p in data["files_read"]] == ["good.md"]
        skipped = {Path(n["path"]).name: n["message"] for n in data["notes"] if n["message"].startswith("skipped")}
        assert skipped["zero.md"] == skipped.get("pipe.md", skipped.get("pipe-link.md")) == "skipped: " + rules.NOTES["not-regular"]


def test_a_file_over_the_limit_is_not_read_past_it(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"PQS 3.2\n" * 200_000)
    with pytest.raises(materials.Skip, match=r"over the 1\.0 MB limit"):
        materials.read_bytes(path, 1_048_576)


# -- Word files ------------------------------------------------------------------------------------------


def docx(xml: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        z.writestr("word/document.xml", xml)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "junk",
    ["<w:t " * 400, "<w:t>" * 400, "<w:tab " * 400, "</w:p" * 400, "<w:p><w:t>PQS 3.2 D2" * 300, "<" * 1700, "<w:br" * 400],
)
def test_small_word_files_with_repeated_tags_are_read_or_refused_at_once(capsys, tmp_path, junk):
    """These 2 KB documents made the old regular expressions take quadratic time; expat reads each in one pass."""
    (tmp_path / "bad.docx").write_bytes(docx(f"<w:document><w:body>{junk}</w:body></w:document>".encode()))
    code, data, _out = report(capsys, tmp_path, str(tmp_path / "bad.docx"))
    assert code == 0
    assert data["files_read"] == [] or data["notes"] == []


def test_corrupted_deflate_data_is_a_note_not_a_traceback(capsys, tmp_path):
    good = docx(b"<w:document><w:body><w:p><w:t>PQS 3.2 D2 " + b"words " * 500 + b"</w:t></w:p></w:body></w:document>")
    start = good.index(b"word/document.xml") + len("word/document.xml")
    for offset in range(0, 60, 3):
        broken = bytearray(good)
        broken[start + offset] ^= 0xFF
        (tmp_path / f"b{offset}.docx").write_bytes(bytes(broken))
    code, data, _out = report(capsys, tmp_path, str(tmp_path))
    assert code == 0
    assert all(n["message"].startswith("skipped: not a readable Word (.docx) file") for n in data["notes"]), data["notes"]
    assert len(data["notes"]) + len(data["files_read"]) == 20


def forged(xml_size: int, claimed: int) -> bytes:
    """A .docx whose document.xml inflates to xml_size bytes but whose headers claim `claimed`."""
    data = bytearray(docx(b"<w:document><w:body><w:p><w:t>" + b"x" * xml_size + b"</w:t></w:p></w:body></w:document>"))
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", claimed)
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", claimed)
    return bytes(data)


@pytest.mark.parametrize("claimed", [100, 0])
def test_a_forged_size_header_cannot_make_a_word_file_use_more_memory(tmp_path, claimed):
    """200 MB of XML in a 200 KB file, its headers claiming it is tiny: inflating stops at the cap, and memory stays small."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(forged(200 * 1_048_576, claimed))
    assert path.stat().st_size < 1_048_576
    tracemalloc.start()
    try:
        with pytest.raises(materials.Skip, match=r"over the 10\.0 MB limit|not a readable Word"):
            materials.read_material(path, "bomb.docx", 10 * 1_048_576, 10_000, [])
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1_048_576


def test_a_word_file_with_a_document_type_is_refused(tmp_path):
    xml = b'<!DOCTYPE d [<!ENTITY a "PQS 3.2 D2">]><w:document><w:p><w:t>&a;&a;</w:t></w:p></w:document>'
    (tmp_path / "dtd.docx").write_bytes(docx(xml))
    with pytest.raises(materials.Skip, match="declares a document type"):
        materials.read_material(tmp_path / "dtd.docx", "dtd.docx", 1_048_576, 10_000, [])


# -- nothing hides a wrong ID ----------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [50, 4301, 5000, 20_000])
def test_a_huge_number_does_not_hide_a_wrong_id(capsys, tmp_path, digits):
    (tmp_path / "a.md").write_text(f"Budget: {'9' * digits}.5 and PQS {'1' * digits}.2\nPQS 7.1\n3.{'2' * digits} D1\n", encoding="utf-8")
    code, data, out = report(capsys, tmp_path, str(tmp_path / "a.md"), "--max-line", "100000")
    assert code == 1
    assert data["files_read"] and not data["notes"]
    assert [p["written"][:8] for p in data["problems"]] == [("1" * digits + ".2")[:8], "7.1", ("3." + "2" * digits)[:8]]
    assert max(len(line) for line in out.splitlines()) < 300  # long numbers are shortened in messages


@functools.cache
def _judge() -> Judge:
    from macros.core import loader

    fw = loader.load(DATA, "data/pqs.yaml")
    return Judge(fw, fw.current)


# What may be glued to the end of an ID: a letter and then anything of letters and digits, or a dot and digits (a digit
# straight after the number would only make it another number).
_glue = st.one_of(
    st.tuples(
        st.sampled_from("abcdefghijklmnopqrstuvwxyzKDX"), st.text(alphabet="abcdefghijklmnopqrstuvwxyzKDX0123456789", max_size=5)
    ).map("".join),
    st.integers(0, 99).map(lambda n: f".{n}"),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "see ", "(", "PQS ", "PQS: ", "outcome ", "3.1, "]),
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from(["", " ", "-", "_", "\u00a0", " - "]),
    st.sampled_from(["K", "D", "k", "d", "DD", "KD"]),
    st.integers(1, 30),
    _glue,
    st.sampled_from(["", " ", ".", ", and more", "\n"]),
)
def test_an_id_with_anything_glued_to_its_end_is_never_passed_silently(before, domain, outcome, join, letter, number, glue, after):
    """3.2 D2a, 3.2 D2.1, 3.2 DD3x…: whatever is glued on, the reference is malformed, never ok and never unseen."""
    judge = _judge()
    written = f"{domain}.{outcome}{join}{letter}{number}{glue}"
    found, _ = scan(before + written + after)
    mine = [f for f in found if f.start >= len(before)]
    assert [f.written for f in mine] == [written]
    assert judge.judge(mine[0]).status == rules.MALFORMED


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["PQS ", "outcome ", "PQS outcomes 1.1 and "]), st.integers(1, 9), st.integers(1, 9), _glue)
def test_an_outcome_with_anything_glued_to_its_end_is_malformed_after_a_cue(cue, domain, outcome, glue):
    judge = _judge()
    written = f"{domain}.{outcome}{glue}"
    found, _ = scan(cue + written + " here")
    mine = [f for f in found if f.start >= len(cue)]
    if glue[0].upper() in "KD" and len(glue) > 1 and glue[1:].isdigit():
        return  # "3.2d2" is a statement ID, not an outcome with a tail
    if re.match(rf"(?:{'|'.join(rules.UNIT_WORDS)})(?![A-Za-z])", glue, re.IGNORECASE):
        return  # "PQS 1.1km" is a distance, as the checker reads any number with a unit
    assert [f.written for f in mine] == [written]
    assert judge.judge(mine[0]).status == rules.MALFORMED


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["PQS ", "PQS: ", "**PQS** ", "PQS (", "<b>PQS</b> ", "PQS \u201c", "outcomes ", "PQS\u202f"]),
    st.lists(st.tuples(st.integers(1, 9), st.integers(1, 9)), min_size=1, max_size=6),
    st.lists(
        st.sampled_from([", ", ", and ", " and/or ", "; ", " & ", " / ", "**, **", ") (", " or ", ",\u2009", " "]), min_size=6, max_size=6
    ),
    st.sampled_from(["", ".", ")", "**", "\u201d and more"]),
)
def test_every_outcome_of_a_list_after_a_cue_is_read_whatever_joins_them(cue, outcomes, joins, end):
    """PQS 3.1, 3.2, and 3.9; **PQS** 3.1**, **3.9; PQS (3.1) (3.9): no item of the list is dropped, so none hides."""
    text = cue + "".join(f"{a}.{b}" + (joins[i] if i < len(outcomes) - 1 else "") for i, (a, b) in enumerate(outcomes)) + end
    found, _ = scan(text)
    assert [f.written for f in found] == [f"{a}.{b}" for a, b in outcomes], text


@pytest.mark.parametrize(
    "text",
    ["PQS 7.1, ref", "Module,PQS 7.1", "ID\tPQS 7.1", "PQS 7.1;Outcome", "References, PQS 7.1\n", "\n\nPQS,PQS 7.1\n\n"],
)
@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_one_line_file_is_never_taken_for_a_header_that_hides_its_ids(capsys, tmp_path, text, suffix):
    (tmp_path / f"a{suffix}").write_text(text, encoding="utf-8")
    code, data, _out = report(capsys, tmp_path, str(tmp_path / f"a{suffix}"))
    assert code == 1
    assert [p["id"] for p in data["problems"]] == ["7.1"]


# -- option values and data paths ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--max-size", "nan"],
        ["--max-size", "inf"],
        ["--max-size", "-inf"],
        ["--max-size", "-1"],
        ["--max-size", "1e400"],
        ["--max-size", ""],
        ["--max-size", "0x10"],
        ["--max-line", "0"],
        ["--max-line", "-5"],
        ["--max-line", "1e9"],
        ["--max-line", "99999999999999999999"],
        ["--data", ""],
        ["--data", "/dev/zero"],
        ["--data", "/dev/null"],
        ["--data", "/"],
        ["--data", "/no/such/file.yaml"],
        ["--data", "x" * 5000],
        ["--data", "\x1b[2J"],
        ["--data", str(DATA), "--schema", "/dev/zero"],
        ["--data", str(DATA), "--schema", str(DATA)],
        ["--data", str(SCHEMA)],
        ["--data", str(ROOT / "README.md")],
        ["--edition", "nope"],
        ["--edition", ""],
    ],
)
def test_odd_option_values_exit_2_with_a_message(capsys, tmp_path, argv):
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, *argv, str(tmp_path / "a.md"))
    assert code == 2
    assert "\npqs-check: " in "\n" + err
    assert "\x1b" not in err


def test_no_data_named_exits_2_saying_how_to_name_it(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("PQS_DATA")
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, str(tmp_path / "a.md"))
    assert code == 2
    assert "no data file: name it with --data PATH or the PQS_DATA environment variable" in err


def test_an_unknown_edition_lists_the_editions(capsys, tmp_path, framework):
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, "--edition", "final-2027", str(tmp_path / "a.md"))
    assert code == 2
    assert f"its editions are: {', '.join(framework.editions)}" in err
    code, out, _err = run(capsys, "--edition", framework.current.key, str(tmp_path / "a.md"))
    assert code == 0 and f"(edition {framework.current.key}, from " in out


# -- names printed and cells written ------------------------------------------------------------------------

NASTY = ["\x1b[31mred", "bell\x07", "cr\rlf", "tab\tname", "rtl\u202egnp.exe", "nul-ish\x7f", "line\u2028sep", "zero\u200bwidth"]


def visible(text: str) -> bool:
    return all(ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs") for ch in text)


@pytest.mark.parametrize("nasty", NASTY)
def test_names_with_control_characters_are_escaped_everywhere(capsys, tmp_path, nasty):
    folder = tmp_path / f"dir{nasty}"
    folder.mkdir()
    (folder / f"{nasty}.md").write_text("PQS 7.1 and PQS 3.2\n", encoding="utf-8")
    (folder / f"{nasty}.csv").write_text(f"Module,PQS {nasty}\nA,9.9\n", encoding="utf-8")
    (folder / f"{nasty}.png").write_bytes(b"x")
    code, data, out = report(capsys, tmp_path, str(folder), "--verbose")
    assert code == 1
    assert visible(out), out
    assert all(visible(json.dumps(value, ensure_ascii=False)) for value in data.values())


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in names")
def test_names_that_are_not_utf8_are_escaped(capsys, tmp_path):
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"caf\xe9"))
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9", b"\xff\xfe.md"), "w", encoding="utf-8") as fh:
        fh.write("PQS 7.1\n")
    code, data, out = report(capsys, tmp_path, str(tmp_path))
    assert code == 1
    assert "caf\\xe9/\\xff\\xfe.md:1:5" in out
    assert data["problems"][0]["path"].endswith("caf\\xe9/\\xff\\xfe.md")


FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("x")', "\t=1", "\r=1"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FORMULAS), st.text(max_size=8), st.sampled_from(["3.2", "3.2 D2", "4", "1.1"]))
def test_no_csv_cell_can_start_a_formula(start, rest, item_id):
    """Whatever a module or file is called, no cell of the coverage CSV starts a formula."""
    from macros.checker.coverage import coverage
    from macros.checker.report import coverage_csv
    from macros.core import loader

    edition = _edition(loader)
    name = start + rest
    rows = list(csv.reader(io.StringIO(coverage_csv(coverage(edition, [(item_id, name), (item_id, name + ":3")])))))
    cells = [c for row in rows for c in row]
    assert any(name in c for c in cells)  # the name is there, but never as a formula
    assert not [c for c in cells if c and c[0] in rules.FORMULA_STARTS]


_loaded: list = []


def _edition(loader):
    if not _loaded:
        _loaded.append(loader.load(DATA, "data/pqs.yaml").current)
    return _loaded[0]


def test_a_file_named_like_a_formula_is_a_text_cell_in_the_csv(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("=HYPERLINK(1)").mkdir()
    Path("=HYPERLINK(1)", "@SUM(1).md").write_text("PQS 3.2, 3.2 D2 and PQS domain 4\n", encoding="utf-8")
    out = tmp_path / "c.csv"
    code, _out, _err = run(capsys, "=HYPERLINK(1)", "--quiet", "--csv", str(out))
    assert code == 0
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for c in row]
    assert any("=HYPERLINK(1)" in c for c in cells)
    assert not [c for c in cells if c and c[0] in rules.FORMULA_STARTS]


# -- the report without coverage, and ./dev check from another folder ------------------------------------


def test_quiet_builds_the_report_without_the_coverage(capsys, tmp_path):
    (tmp_path / "a.md").write_text("PQS 7.1\nCoverage\n", encoding="utf-8")
    _code, loud, _ = run(capsys, str(tmp_path))
    _code, quiet, _ = run(capsys, str(tmp_path), "--quiet")
    assert "Domains cited" in loud and "Domains cited" not in quiet
    assert quiet == loud[: loud.index("\nCoverage\n")]


def test_dev_check_reads_paths_from_the_callers_folder(tmp_path):
    (tmp_path / "materials").mkdir()
    (tmp_path / "materials" / "week1.md").write_text("PQS 7.1\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PQS_DATA", "PQS_SCHEMA")}
    result = subprocess.run(
        [str(ROOT / "dev"), "check", "materials/", "--quiet"], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 1, result.stderr
    assert 'materials/week1.md:1:5: unknown ID "7.1"' in result.stdout
    assert "(edition draft-2025, from " in result.stdout and "data/pqs.yaml)" in result.stdout


# -- data paths that are folders, folders of any depth, memory that stays linear (issue 23) ----------------------------


@pytest.mark.parametrize("data", [".", "/", "..", "tmp"])
def test_a_data_path_that_is_a_folder_exits_2_saying_so(capsys, tmp_path, monkeypatch, data):
    """--data . and --data / ended in a traceback (the schema's default path beside a name that is not there)."""
    monkeypatch.delenv("PQS_SCHEMA")
    (tmp_path / "a.md").write_text("PQS 3.2\n", encoding="utf-8")
    code, _out, err = run(capsys, "--data", str(tmp_path) if data == "tmp" else data, str(tmp_path / "a.md"))
    assert code == 2
    assert "is a folder: name the file itself" in err


def test_a_folder_nested_1200_deep_is_read_without_recursion(capsys, tmp_path):
    """A folder 1,200 deep (more than Python's recursion limit) ended in a RecursionError and no report."""
    assert sys.getrecursionlimit() < 1200
    deep = tmp_path / "m"
    folder = str(deep)
    os.mkdir(folder)
    for _ in range(1200):  # os.makedirs would recurse
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    Path(folder, "a.md").write_text("PQS 9.9\n", encoding="utf-8")
    (deep / "top.md").write_text("PQS 3.2\n", encoding="utf-8")
    try:
        code, data, _out = report(capsys, tmp_path, str(deep))
    finally:
        os.remove(os.path.join(folder, "a.md"))
        while folder != str(deep):  # shutil.rmtree, which pytest cleans up with, would recurse too
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    assert code == 1
    assert [Path(p).name for p in data["files_read"]] == ["top.md", "a.md"]  # a folder's files, then its folders, as os.walk
    assert [p["id"] for p in data["problems"]] == ["9.9"]


# Shapes of input, each a line repeated: IDs of every verdict, a list of domains (one reference every 2 bytes), blank lines, a table.
MEMORY_SHAPES = {
    "mixed.md": "Week 1: PQS 9.9, 3.2 D2, 3.1 and 3.2 D1\u20133.2 D9, **9.9** D9\n",
    "domains.md": "PQS domains " + "1 2 3 4 5 6 " * 80 + "\n",
    "blank.md": "\n",
    "table.csv": 'Module a,"3.2 D2, 9.9"\n',
}


@pytest.mark.bench  # a measurement under tracemalloc, which slows Python down: in ./dev test, not the fast tier
@pytest.mark.parametrize("name", sorted(MEMORY_SHAPES))
def test_every_report_takes_memory_linear_and_small_in_the_input(capsys, tmp_path, monkeypatch, framework, name):
    """--json took about 600 bytes of memory per byte of input (8 MB of IDs died of MemoryError). Now the text report,
    JSON, CSV, SVG and HTML written in one run take at most 100 bytes per byte of input (measured: about 76 at most),
    and each further byte no more: the input is measured at two sizes, and memory that grew faster than the input
    (a copy per reference, say) shows in the second."""
    monkeypatch.setattr(cli, "load_data", lambda args: (framework, "data/pqs.yaml"))  # the data's own memory is not the input's
    rules.fold_table(), rules.entities()
    head = "Module,PQS\n" if name.endswith(".csv") else ""
    line = MEMORY_SHAPES[name]
    outputs = [a for kind in ("json", "csv", "svg", "html") for a in (f"--{kind}", str(tmp_path / f"r.{kind}"))]
    measured = []
    for target in (20_000, 60_000):  # 300 kB took 100 s under tracemalloc; the bytes per byte were the same (72 and 69 at most)
        path = tmp_path / f"{target}-{name}"
        path.write_text(head + line * (target // len(line)), encoding="utf-8")
        size = path.stat().st_size
        tracemalloc.start()
        try:
            code = cli.main([str(path), *outputs])
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        out, _err = capsys.readouterr()
        assert code in (0, 1) and "Coverage" in out
        references = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["references"]
        assert name == "blank.md" or len(references) > size // 40  # the input is full of references, not skipped
        measured.append((size, peak))
    (small, small_peak), (large, large_peak) = measured
    print(f"{name}: {small:,} and {large:,} bytes, peak {small_peak:,} and {large_peak:,} bytes of memory")
    # The whole at the larger size (a fixed part of about 0.6 MB weighs more on the smaller), and the growth between them.
    assert large_peak <= 100 * large, f"{large_peak / large:.1f} bytes of memory per byte of input"
    assert large_peak - small_peak <= 100 * (large - small), f"{(large_peak - small_peak) / (large - small):.1f} bytes per further byte"
