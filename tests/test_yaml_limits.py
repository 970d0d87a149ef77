"""The data file's reader on hostile input: one test per message, then Hypothesis.

data/pqs.yaml arrives in pull requests from people we don't control. Whatever
is in it, the loader ends with DataError naming the file, the line and the fix:
never a hang, a crash or a traceback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader import MINIMAL, SCHEMA, line_of, problems

from macros.core import loader, yamlread
from macros.core.model import Framework

ROOT = Path(__file__).resolve().parent.parent
VALID = yaml.safe_dump(MINIMAL, sort_keys=False, allow_unicode=True)


def only(tmp_path: Path, content: str | bytes) -> loader.Problem:
    """The one problem a file has (``content`` as bytes is written as it is)."""
    if isinstance(content, bytes):
        path = tmp_path / "pqs.yaml"
        path.write_bytes(content)
        with pytest.raises(loader.DataError) as caught:
            loader.load(path, "data/pqs.yaml", SCHEMA)
        found = caught.value.problems
    else:
        found = problems(tmp_path, content)
    assert len(found) == 1, found
    return found[0]


def with_line(field: str, replacement: str) -> str:
    """The valid minimal file with the line of ``field`` replaced."""
    lines = VALID.splitlines(keepends=True)
    at = line_of(VALID, field) - 1
    lines[at] = replacement + "\n"
    return "".join(lines)


# -- what the data never needs: anchors, aliases, merge keys, tags, complex keys ----------------


def test_an_anchor_is_refused(tmp_path):
    text = with_line("current_edition:", "current_edition: &e draft")
    problem = only(tmp_path, text)
    assert problem.message == "the anchor '&e' is not allowed: the data file uses no anchors or aliases"
    assert (problem.line, problem.where) == (line_of(text, "&e"), "current_edition")
    assert "delete '&e'" in problem.fix


def test_an_alias_is_refused(tmp_path):
    text = VALID + "extra: *somewhere\n"
    problem = only(tmp_path, text)
    assert problem.message == "the alias '*somewhere' is not allowed: the data file uses no anchors or aliases"
    assert problem.line == line_of(text, "*somewhere")
    assert "write out in full" in problem.fix


def test_a_self_referencing_alias_is_refused(tmp_path):
    found = problems(tmp_path, "a: &x [*x]\nb: &y\n  c: *y\n")
    assert [(p.line, p.where, p.message.split(":")[0]) for p in found] == [
        (1, "a", "the anchor '&x' is not allowed"),
        (1, "a[0]", "the alias '*x' is not allowed"),
        (2, "b", "the anchor '&y' is not allowed"),
        (3, "b.c", "the alias '*y' is not allowed"),
    ]


def test_a_merge_key_is_refused(tmp_path):
    text = VALID.replace("- key: draft\n", "- key: draft\n  <<: {title: Merged}\n")
    problem = only(tmp_path, text)
    assert problem.message == "merge keys ('<<') are not allowed"
    assert (problem.line, problem.where) == (line_of(text, "<<"), "editions[0]")
    assert "write out the fields in full" in problem.fix


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!local", "!!str", "!"])
def test_a_tag_is_refused(tmp_path, tag):
    text = with_line("current_edition:", f"current_edition: {tag} draft")
    problem = only(tmp_path, text)
    assert problem.message == f"the tag '{tag}' is not allowed: the data file uses no tags"
    assert problem.line == line_of(text, tag)
    assert f"delete '{tag}'" in problem.fix and "quotes" in problem.fix


@pytest.mark.parametrize("key", ["[a, b]", "{a: b}"])
def test_a_key_that_is_a_list_or_mapping_is_refused(tmp_path, key):
    text = VALID + f"? {key}\n: value\n"
    problem = only(tmp_path, text)
    assert problem.message == "a key here is a list or a mapping; keys are plain names"
    assert problem.line == line_of(text, f"? {key}")


def test_keys_are_read_as_text(tmp_path):
    # YAML would make these keys a number, null and true; the data's keys are names, and the schema names them.
    found = problems(tmp_path, VALID + "1: a\n~: b\nyes: c\n")
    assert [p.message for p in found] == ["unknown field ('1', 'yes', '~' were unexpected)"]


def test_an_alias_as_a_key_is_refused(tmp_path):
    text = VALID + "*name : value\n"
    problem = only(tmp_path, text)
    assert problem.message == "the alias '*name' is not allowed"
    assert (problem.line, problem.where, problem.fix) == (line_of(text, "*name"), "(top level)", "write the key out in full")


def test_a_problem_under_a_blank_key_is_placed_by_its_line(tmp_path):
    text = VALID + '" ": *x\n'
    problem = only(tmp_path, text)
    assert (problem.line, problem.where) == (line_of(text, "*x"), f"line {line_of(text, '*x')}")


def test_a_second_document_is_refused(tmp_path):
    text = VALID + "---\nschema_version: 2\n"
    problem = only(tmp_path, text)
    assert problem.message == f"a second YAML document starts at line {line_of(text, '---')}: the data file holds one"
    assert problem.line == line_of(text, "---")


def test_reading_stops_after_100_problems(tmp_path):
    found = problems(tmp_path, "".join(f"k{i}: &a{i} x\n" for i in range(150)))
    assert len(found) == yamlread.MAX_PROBLEMS + 1
    assert found[-1].message == "the reader stopped after 100 problems"
    assert found[-1].line == 100


# -- bounds: nesting, values, aliases that would multiply ----------------------------------


def test_billion_laughs_is_refused_in_a_limited_process(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    result = load_in_limited_process(tmp_path, "\n".join(lines) + "\n")
    assert "data/pqs.yaml:1: a0: the anchor '&a0' is not allowed" in result.stderr
    assert "data/pqs.yaml:3: a2[8]: the alias '*a1' is not allowed" in result.stderr


@pytest.mark.parametrize(
    "nesting",
    ["a: " + "[" * 100_000 + "]" * 100_000, "a:\n" + "- " * 100_000 + "x", "a: " + "{a: " * 100_000 + "1" + "}" * 100_000],
    ids=["flow-list", "block-list", "flow-mapping"],
)
def test_nesting_100000_deep_is_refused_in_a_limited_process(tmp_path, nesting):
    result = load_in_limited_process(tmp_path, nesting + "\n")
    assert ": the data nests more than 50 levels deep here" in result.stderr
    assert "check the indentation and the brackets" in result.stderr


def load_in_limited_process(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """Load ``text`` as the build does, in a child limited to 1 GB and 20 s of CPU; it must end with the message alone."""
    path = tmp_path / "pqs.yaml"
    path.write_text(text, encoding="utf-8")
    child = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
        from macros.core import loader
        try:
            loader.load(sys.argv[1], "data/pqs.yaml", sys.argv[2])
        except loader.DataError as err:
            sys.exit(str(err))
        """
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", child, str(path), str(SCHEMA)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr[-2000:]  # not killed (negative), not a traceback's 1 with no message
    assert result.stderr.startswith("1 problem in data/pqs.yaml") or " problems in data/pqs.yaml; nothing was built." in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 30
    return result


def test_nesting_at_the_limit_is_read_and_checked(tmp_path):
    depth = yamlread.MAX_DEPTH - 1  # the top-level mapping is one level
    found = problems(tmp_path, VALID + "extra: " + "[" * depth + "]" * depth + "\n")
    assert [p.message for p in found] == ["unknown field ('extra' was unexpected)"]


def test_nesting_past_the_limit_names_the_place(tmp_path):
    depth = yamlread.MAX_DEPTH
    text = VALID + "extra:\n" + "".join("  " * i + "- \n" for i in range(depth - 1)) + "  " * (depth - 1) + "- [x]\n"
    problem = only(tmp_path, text)
    assert problem.message == "the data nests more than 50 levels deep here"
    assert problem.where == "extra" + "[0]" * (depth - 1)  # the top-level mapping is the first level
    assert problem.line == line_of(text, "[x]")
    assert "MAX_DEPTH" in problem.fix and "macros/core/yamlread.py" in problem.fix


def test_too_many_values_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_VALUES", 1000)
    in_valid = len(yamlread.parse(VALID, "f")[1].lines)  # one line-map entry per value
    text = VALID + "extra:\n" + "  - x\n" * 1000
    problem = only(tmp_path, text)
    assert problem.message == "the data file holds more than 1,000 values"
    # 'extra' holds a list: the list is value in_valid + 1, its items the values after it.
    assert problem.line == line_of(text, "extra:") + 1000 - in_valid
    assert "MAX_VALUES" in problem.fix


def test_the_limits_admit_the_100x_benchmark_data():
    """Extrapolated from the 1x data set: the generator is linear, and 100 times 1x is more than 100x (34 MB, 576,000 values)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark

    text = benchmark.synthetic_yaml(benchmark.make_framework(1), benchmark.read_base(ROOT / "data" / "pqs.yaml"))
    _, found = yamlread.parse(text, "1x.yaml")
    assert 100 * len(text.encode()) * 1.5 < yamlread.MAX_BYTES
    assert 100 * len(found.lines) * 1.5 < yamlread.MAX_VALUES


# -- scalars -------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 5000, "1" + ":59" * 3000, "1." + "5" * 5000])
def test_a_very_long_number_is_refused(tmp_path, number):
    text = with_line("schema_version:", f"schema_version: {number}")
    problem = only(tmp_path, text)
    assert problem.message == f"this number is {len(number):,} characters long"
    assert (problem.line, problem.where) == (1, "schema_version")
    assert "put it in quotes" in problem.fix


@pytest.mark.parametrize("number", ["0b_", "-0x_", "+0b__"])
def test_something_that_only_looks_like_a_number(tmp_path, number):
    problem = only(tmp_path, with_line("schema_version:", f"schema_version: {number}"))
    assert problem.message == f"'{number}' looks like a number but is not one"
    assert problem.where == "schema_version"


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x07", "the control character U+0007 (BEL)"),
        ("\x1b", "the control character U+001B (ESCAPE)"),
        ("\x7f", "the control character U+007F (DELETE)"),
        ("\x9b", "the control character U+009B"),
        ("\ufffe", "the non-character U+FFFE"),
    ],
)
def test_a_control_character_in_the_file(tmp_path, char, name):
    text = VALID.replace("Do the second thing.", f"Do the{char} second thing.")
    problem = only(tmp_path, text)
    assert problem.message == f"{name} is not allowed in the data"
    line = line_of(text, char)
    assert (problem.line, problem.where) == (line, f"line {line}, column {text.splitlines()[line - 1].index(char) + 1}")
    assert "invisible" in problem.fix


@pytest.mark.parametrize(
    ("escape", "name"), [("\\a", "U+0007 (BEL)"), ("\\0", "U+0000 (NUL)"), ("\\r", "U+000D (CARRIAGE RETURN)"), ("\\x85", "U+0085")]
)
def test_a_control_character_written_as_an_escape(tmp_path, escape, name):
    text = with_line("current_edition:", f'current_edition: "dr{escape}aft"')
    problem = only(tmp_path, text)
    assert problem.message == f"the control character {name} is not allowed in the data (written as an escape)"
    assert (problem.line, problem.where) == (line_of(text, "current_edition"), "current_edition")


def test_a_control_character_written_as_an_escape_in_a_key(tmp_path):
    text = VALID + '"bad\\akey": 1\n'
    problem = only(tmp_path, text)
    assert problem.message == "the control character U+0007 (BEL) is not allowed in a key (written as an escape)"
    assert (problem.line, problem.where) == (line_of(text, "bad"), "(top level)")


def test_a_nul_byte(tmp_path):
    raw = VALID.replace("Do the second thing.", "Do the\x00 second thing.").encode()
    problem = only(tmp_path, raw)
    assert problem.message == "the file contains a NUL byte: it is not a text file, or not UTF-8"
    assert problem.line == line_of(raw.decode(), "\x00")
    assert "save the file as UTF-8" in problem.fix


def test_tabs_and_windows_line_ends_are_fine(tmp_path):
    text = VALID.replace("Do the second thing.", "Do the\tsecond thing.").replace("\n", "\r\n")
    fw = loader.load(write_bytes(tmp_path, text.encode()), "data/pqs.yaml", SCHEMA)
    assert fw.current.outcomes[1].text == "Do the\tsecond thing."


def test_a_tab_in_the_indentation_says_so(tmp_path):
    text = VALID.replace("\n  title: Draft standards", "\n\ttitle: Draft standards")
    problem = only(tmp_path, text)
    assert problem.message == "this is not valid YAML (found character '\\t' that cannot start any token)"
    assert problem.line == line_of(text, "\ttitle")
    assert "indent with spaces, not tabs" in problem.fix


def test_a_syntax_error_deep_in_a_large_file_is_reported_in_libyamls_words(tmp_path):
    # The pure-Python parser words syntax errors better, but reads only about 200 KB a second:
    # past 400,000 characters the message is libyaml's ("in this context"; Python's says "here").
    text = VALID + "".join(f"field_{i}: some text about field {i}\n" for i in range(15_000)) + "bad: a: b\n"
    assert len(text) > yamlread.MAX_REPARSE_CHARS
    problem = only(tmp_path, text)
    assert problem.message == "this is not valid YAML (mapping values are not allowed in this context)"
    assert problem.line == line_of(text, "bad: a: b")


def test_a_syntax_error_in_a_file_of_normal_size_is_in_pythons_words(tmp_path):
    text = VALID + "bad: a: b\n"
    problem = only(tmp_path, text)
    assert problem.message == "this is not valid YAML (mapping values are not allowed here)"
    assert problem.line == line_of(text, "bad: a: b")


# -- encoding --------------------------------------------------------------------------------


def write_bytes(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "pqs.yaml"
    path.write_bytes(raw)
    return path


def test_invalid_utf8_names_the_line_and_column(tmp_path):
    raw = VALID.replace("Do the second thing.", "Do the second thing\udc92s.").encode("utf-8", "surrogateescape")
    problem = only(tmp_path, raw)
    assert problem.message == "the file is not UTF-8: byte 0x92 here is not valid UTF-8 (invalid start byte)"
    line = line_of(VALID, "Do the second thing.")
    column = VALID.splitlines()[line - 1].index("Do the second thing.") + len("Do the second thing") + 1
    assert (problem.line, problem.where) == (line, f"line {line}, column {column}")
    assert "save the file as UTF-8" in problem.fix


def test_a_utf8_byte_order_mark_is_fine(tmp_path):
    fw = loader.load(write_bytes(tmp_path, b"\xef\xbb\xbf" + VALID.encode()), "data/pqs.yaml", SCHEMA)
    assert fw.current.key == "draft"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_refused(tmp_path, encoding):
    problem = only(tmp_path, VALID.encode(encoding))
    assert problem.message == "the file is saved as UTF-16 or UTF-32, not UTF-8"
    assert "save the file as UTF-8" in problem.fix


@pytest.mark.parametrize("text", ["", "# nothing but a comment\n\n# and another\n", "\n\n   \n"])
def test_a_file_with_no_data(tmp_path, text):
    problem = only(tmp_path, text)
    assert problem.message == "the file holds no data (it is empty, or only comments)"
    assert problem.fix == "restore data/pqs.yaml from git"


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", "---\n"])
def test_a_top_level_that_is_not_a_mapping(tmp_path, text):
    problem = only(tmp_path, text)
    assert problem.message == "the file must be a mapping of fields"


# -- what stands where the file should be -------------------------------------------------------


def test_a_folder_instead_of_the_file(tmp_path):
    (tmp_path / "pqs.yaml").mkdir()
    problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == "this is a folder, not the data file"
    assert "restore data/pqs.yaml from git" in problem.fix


def test_a_named_pipe_instead_of_the_file_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pqs.yaml")  # opening it for reading would wait for a writer for ever
    problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == "the data file is a named pipe, not an ordinary file"


def test_a_device_instead_of_the_file(tmp_path):
    (tmp_path / "pqs.yaml").symlink_to("/dev/zero")  # endless: reading it would fill memory
    problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == "the data file is a device, not an ordinary file"


def test_a_socket_instead_of_the_file(tmp_path):
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "pqs.yaml"))
        problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == "the data file is a socket, not an ordinary file"


def test_a_broken_symbolic_link(tmp_path):
    (tmp_path / "pqs.yaml").symlink_to(tmp_path / "gone.yaml")
    problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == f"the data file is a symbolic link to '{tmp_path / 'gone.yaml'}', which does not exist"


def test_a_file_over_the_size_limit(tmp_path):
    with open(tmp_path / "pqs.yaml", "wb") as sparse:
        sparse.truncate(yamlread.MAX_BYTES + 1)  # no disk used
    problem = load_problem(tmp_path / "pqs.yaml")
    assert problem.message == "the data file is larger than 64 MB"
    assert "MAX_BYTES" in problem.fix and "macros/core/yamlread.py" in problem.fix


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = write_bytes(tmp_path, VALID.encode())
    path.chmod(0)
    problem = load_problem(path)
    assert problem.message == "the data file cannot be read (Permission denied)"


def load_problem(path: Path) -> loader.Problem:
    with pytest.raises(loader.DataError) as caught:
        loader.load(path, "data/pqs.yaml", SCHEMA)
    (problem,) = caught.value.problems
    assert problem.line == 1
    return problem


# -- Hypothesis: whatever the text, DataError or a framework, never anything else --------------

FIELDS = ["schema_version", "current_edition", "sources", "editions", "key", "id", "domains", "outcomes", "statements", "text", "<<", "? x"]
TOKENS = [
    *("- ", ": ", "? ", "[", "]", "{", "}", ", ", "---", "...", "%YAML 1.1", "# c", "|", ">-", "\t", "  ", "\n", "\r\n"),
    *("&a ", "&b ", "*a", "*b", "!!str ", "!x ", "!", "!!python/object:os.system ", "!!binary ", "!!set ", "!!omap "),
    *('"', "'", '"\\a"', '"\\0"', '"\\ud800"', '"\\x85"', '"\\u263a"', "''", '""', "\\"),
    *("~", "null", "yes", "No", "on", "2025-03-20", "1:30", "0x_", "0b_", "0o7", "._", ".inf", "-.nan", "=", "<<", "1e400", "+1_000"),
    *("\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "é", "😀"),
]
scalar = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.integers(1, 6000).map(lambda n: "7" * n),
    st.floats().map(str),
    st.sampled_from(TOKENS),
)
key = st.one_of(st.sampled_from(FIELDS), st.text("abcdef_", min_size=1, max_size=6))
flow = st.recursive(
    scalar.map(lambda s: yaml.safe_dump(s, default_flow_style=True).removesuffix("\n...\n").strip())
    | st.sampled_from(["*a", "&a x", "!t x"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(key, inner), max_size=4).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        st.tuples(st.sampled_from(["&a ", "&b ", "!!str ", "!t ", "? "]), inner).map("".join),
    ),
    max_leaves=20,
)
line = st.tuples(
    st.integers(0, 10).map(" ".__mul__),
    st.lists(st.one_of(key.map(lambda k: k + ": "), scalar, st.sampled_from(TOKENS), flow), max_size=6).map("".join),
)
yamlish = st.lists(line.map("".join), max_size=25).map("\n".join)


def edits(text: str):
    """The valid minimal file with a few random edits: text inserted, deleted or replaced anywhere."""
    edit = st.tuples(st.integers(0, len(text)), st.integers(0, 20), st.one_of(st.sampled_from(TOKENS), scalar, flow, st.just("")))

    def apply(changes: list[tuple[int, int, str]]) -> str:
        out = text
        for at, cut, insert in changes:
            at = min(at, len(out))
            out = out[:at] + insert + out[at + cut :]
        return out

    return st.lists(edit, min_size=1, max_size=4).map(apply)


HYPOTHESIS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def load_anything(tmp_path: Path, raw: bytes) -> None:
    path = write_bytes(tmp_path, raw)
    try:
        fw = loader.load(path, "data/pqs.yaml", SCHEMA)
    except loader.DataError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file == "data/pqs.yaml"
            assert problem.line >= 1, problem
            assert problem.message.strip() and problem.fix.strip() and problem.where.strip(), problem
        str(err)  # the report itself renders
    else:
        assert isinstance(fw, Framework)


@HYPOTHESIS
@given(text=yamlish)
def test_yamlish_text_gives_a_framework_or_data_error(tmp_path, text):
    load_anything(tmp_path, text.encode("utf-8", "surrogatepass"))


@HYPOTHESIS
@given(text=edits(VALID))
def test_an_edited_valid_file_gives_a_framework_or_data_error(tmp_path, text):
    load_anything(tmp_path, text.encode("utf-8", "surrogatepass"))


@HYPOTHESIS
@given(
    raw=st.one_of(
        st.binary(max_size=300), st.tuples(st.binary(max_size=8), st.integers(0, len(VALID))).map(lambda b: VALID.encode()[: b[1]] + b[0])
    )
)
def test_random_bytes_give_data_error(tmp_path, raw):
    load_anything(tmp_path, raw)
