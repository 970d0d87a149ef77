"""Pass 1 of the loader: the data file to plain data, with the line of every place in it.

The file comes in pull requests from people we don't control, so this pass is
bounded: it reads only regular files up to ``MAX_BYTES``, and it builds the data
from libyaml's event stream itself, iteratively, instead of letting PyYAML
compose and construct it. That is where the limits live:

- anchors, aliases, merge keys (``<<``), tags and non-scalar keys are refused,
  each with its own message (the data needs none of them, and aliases are how a
  few lines of YAML become gigabytes: "billion laughs");
- nesting deeper than ``MAX_DEPTH`` and more than ``MAX_VALUES`` values are
  refused as soon as they are reached, without recursion;
- a number longer than ``MAX_NUMBER_CHARS`` never reaches ``int()``;
- control characters, from the file or from a ``"\\a"`` escape, are refused
  with their line and column.

Dates stay text ("2025-03-20"), keys are text as written, and a key that appears
twice in one mapping is a problem, not a silent overwrite. On a syntax error,
PyYAML's pure-Python parser reads the text again up to the error (if that part
is under ``MAX_REPARSE_CHARS``) for its fuller message.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from macros.core.problems import DataError, PathT, Problem, Problems, where

# The limits. The real data/pqs.yaml is 39 KB and 880 values, nesting 10 deep.
# scripts/benchmark.py builds a 100x data set (2,600 outcomes, 78,000 statements)
# of 34 MB and 576,000 values. The size and value limits are about twice that, so
# the benchmark and any plausible growth pass; a hostile file is refused long
# before it can exhaust memory. Measured at the limits, the worst shape (1.2
# million values in a list nested 49 deep: paths are long) takes about 0.7 GB
# and 12 s to read, less than the 100x benchmark's own load.
MAX_BYTES = 64 * 1024 * 1024
MAX_VALUES = 1_200_000
# The schema allows nothing deeper than the real data's 10 levels; 50 leaves room
# for the schema to grow, and stays far below the recursion limits of what reads
# the data next (the JSON Schema validator, repr() in messages, the builder).
MAX_DEPTH = 50
# The data's numbers are small (schema_version: 1); Python refuses to convert an
# integer of more than 4,300 digits, and a long number in the data is a mistake.
MAX_NUMBER_CHARS = 100
# The pure-Python parser reads about 200 KB a second; 400,000 characters (ten
# times the real file) is 2 s at most. Past that, libyaml's own message is used.
MAX_REPARSE_CHARS = 400_000
# Past this many problems the reader stops: the rest are likely the same mistake.
MAX_PROBLEMS = 100

LIMITS_FIX = "the limits are set at the top of macros/core/yamlread.py; raise {name} there if the data has really grown this large"

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_CONSTRUCTORS = SafeConstructor.yaml_constructors

# Characters refused anywhere in the file: C0 controls other than tab, line feed
# and carriage return (CRLF files are fine), DEL, the C1 controls, unpaired
# surrogates and the non-characters U+FFFE and U+FFFF. libyaml refuses most of
# them too, but with no line.
_BAD_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# In a value (a double-quoted "\r" or "\x07" escape makes one): the same, and carriage return.
_BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings ("2025-03-20" stays text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml (PyYAML's wheels include it): many times faster on large files."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# --------------------------------------------------------------------------
# Reading the file


def _stop(file: str, line: int, place: str, message: str, fix: str) -> DataError:
    return DataError([Problem(file, line, place, message, fix)])


def _line_and_column(raw: bytes, index: int) -> tuple[int, int]:
    start = raw.rfind(b"\n", 0, index) + 1
    return raw.count(b"\n", 0, index) + 1, len(raw[start:index].decode("utf-8", "replace")) + 1


def read_text(path: Path, file: str) -> str:
    """The file's text; DataError if it is not a regular file, is too large or is not UTF-8.

    Only a regular file is opened (a FIFO or a device would block or never end),
    and never more than ``MAX_BYTES`` is read.
    """
    restore = f"restore {file} from git"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise _stop(file, 1, "(file)", f"the data file is a symbolic link to '{target}', which does not exist", restore) from None
        raise _stop(file, 1, "(file)", "the data file does not exist", restore) from None
    except OSError as err:
        raise _stop(file, 1, "(file)", f"the data file cannot be read ({err.strerror})", f"check the path; {restore}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _stop(file, 1, "(file)", "this is a folder, not the data file", f"{restore}, or point the build at the file inside")
    if not stat.S_ISREG(info.st_mode):
        mode = info.st_mode
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise _stop(file, 1, "(file)", f"the data file is {kind}, not an ordinary file", restore)
    too_big = _stop(
        file,
        1,
        "(file)",
        f"the data file is larger than {MAX_BYTES // (1024 * 1024)} MB",
        "check that this is the right file; " + LIMITS_FIX.format(name="MAX_BYTES"),
    )
    if info.st_size > MAX_BYTES:
        raise too_big
    try:
        # O_NONBLOCK: if the file was swapped for a pipe since the check, opening it does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _stop(file, 1, "(file)", "the data file is not an ordinary file", restore)
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise _stop(file, 1, "(file)", f"the data file cannot be read ({err.strerror})", f"check its permissions; {restore}") from None
    if len(raw) > MAX_BYTES:
        raise too_big
    return _decode(raw, file)


def _decode(raw: bytes, file: str) -> str:
    save = "save the file as UTF-8 (your editor's 'Save with encoding' or 'Save as' offers it)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise _stop(file, 1, "(file)", "the file is saved as UTF-16 or UTF-32, not UTF-8", save)
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark is harmless: drop it
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _line_and_column(raw, nul)
        raise _stop(
            file,
            line,
            f"line {line}, column {column}",
            "the file contains a NUL byte: it is not a text file, or not UTF-8",
            f"{save}, or restore it from git",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _line_and_column(raw, err.start)
        raise _stop(
            file,
            line,
            f"line {line}, column {column}",
            f"the file is not UTF-8: byte 0x{raw[err.start]:02X} here is not valid UTF-8 ({err.reason})",
            f"{save}; or retype the character at this place (often a quote mark or dash pasted from elsewhere)",
        ) from None


# --------------------------------------------------------------------------
# Parsing


def _describe(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"an unpaired surrogate U+{code:04X}"
    if code in (0xFFFE, 0xFFFF):
        return f"the non-character U+{code:04X}"
    name = _CONTROL_NAMES.get(code)
    return f"the control character U+{code:04X}" + (f" ({name})" if name else "")


_INVISIBLE_FIX = (
    "delete it: it is invisible, and usually pasted in from a PDF, a word processor or a terminal"
    " (for a new line, start a new line; in double quotes, remove the backslash escape)"
)


def _check_characters(text: str, problems: Problems) -> None:
    for found in _BAD_IN_FILE.finditer(text):
        if len(problems.found) >= MAX_PROBLEMS:
            break
        start = found.start()
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        problems.add_at(line, f"line {line}, column {column}", f"{_describe(found.group())} is not allowed in the data", _INVISIBLE_FIX)


def _place(path: PathT, line: int) -> str:
    """The place as ``where`` names it, or the line if that is blank (a key of spaces, or empty)."""
    place = where(path)
    return place if place.strip() else f"line {line}"


class _Stop(Exception):
    """The walk cannot go on; the problems found so far are the report."""


class _Walker:
    """Builds plain data from the event stream, one event at a time: no recursion, every limit checked as it is reached."""

    def __init__(self, problems: Problems, loader: Any):
        self.problems = problems
        self.loader = loader
        self.file = problems.file

    def problem(self, line: int, path: PathT, message: str, fix: str) -> None:
        found = self.problems.found
        found.append(Problem(self.file, line, _place(path, line), message, fix))
        if len(found) >= MAX_PROBLEMS:
            found.append(
                Problem(
                    self.file, line, _place(path, line), f"the reader stopped after {MAX_PROBLEMS} problems", "correct these and run again"
                )
            )
            raise _Stop

    def stop(self, line: int, path: PathT, message: str, fix: str) -> None:
        self.problems.found.append(Problem(self.file, line, _place(path, line), message, fix))
        raise _Stop

    def refuse(self, event: Any, line: int, path: PathT) -> None:
        """Anchors and tags: the data needs neither."""
        if event.anchor is not None:
            self.problem(
                line,
                path,
                f"the anchor '&{event.anchor}' is not allowed: the data file uses no anchors or aliases",
                f"delete '&{event.anchor}' (and write out in full wherever '*{event.anchor}' repeats it)",
            )
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as written
            self.problem(
                line,
                path,
                f"the tag '{tag}' is not allowed: the data file uses no tags",
                f"delete '{tag}'; to keep a value as text, put it in quotes",
            )

    def scalar(self, event: Any, line: int, path: PathT) -> Any:
        value = event.value
        if event.style == '"':
            bad = _BAD_IN_VALUE.search(value)
            if bad:
                self.problem(line, path, f"{_describe(bad.group())} is not allowed in the data (written as an escape)", _INVISIBLE_FIX)
        if event.tag is not None or not event.implicit[0]:
            return value  # quoted, a block (| or >), or tagged (refused): text
        tag = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag in _NUMBERS and len(value) > MAX_NUMBER_CHARS:
            self.problem(
                line,
                path,
                f"this number is {len(value):,} characters long",
                "numbers in the data are short (schema_version: 1); if this is text, put it in quotes",
            )
            return value
        construct = _CONSTRUCTORS.get(tag)
        if construct is None:
            return value  # '<<' or '=' as a value: YAML gives them types of their own, the data reads them as text
        self.problems.written[path] = value  # for a message that says what YAML made of it, should text be wanted here
        try:
            return construct(self.loader, yaml.ScalarNode(tag, value))
        except (ArithmeticError, ValueError, yaml.YAMLError):
            self.problem(line, path, f"'{value}' looks like a number but is not one", "write the number plainly, or put text in quotes")
            return value

    def run(self) -> Any:
        """The document's data, or ``_NOTHING`` if the file holds no document."""
        get_event = self.loader.get_event
        lines = self.problems.lines
        problem = self.problem
        scalar_event, start_events = yaml.ScalarEvent, (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        end_events, alias_event = (yaml.MappingEndEvent, yaml.SequenceEndEvent), yaml.AliasEvent
        # One frame per open collection: [container, its path, the pending key (mappings), that key's line].
        stack: list[list[Any]] = []
        root: Any = _NOTHING
        values = documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event or kind in start_events or kind is alias_event:
                line = event.start_mark.line + 1
                frame = stack[-1] if stack else None
                # Where this node goes: a key, a value in a mapping, an item in a list, or the document.
                if frame is None:
                    path: PathT = ()
                    lines[path] = line
                elif type(frame[0]) is dict:
                    if frame[2] is _NO_KEY:
                        path = (*frame[1], event.value if kind is scalar_event else "?")
                        if kind is scalar_event:
                            self.refuse(event, line, path)
                            bad = _BAD_IN_VALUE.search(event.value) if event.style == '"' else None
                            if bad:
                                problem(
                                    line,
                                    frame[1],
                                    f"{_describe(bad.group())} is not allowed in a key (written as an escape)",
                                    _INVISIBLE_FIX,
                                )
                            if event.value == "<<" and event.implicit[0]:
                                problem(
                                    line,
                                    frame[1],
                                    "merge keys ('<<') are not allowed",
                                    "write out the fields in full instead of merging them in",
                                )
                            frame[2], frame[3] = event.value, line
                        elif kind is alias_event:
                            problem(line, frame[1], f"the alias '*{event.anchor}' is not allowed", "write the key out in full")
                            frame[2], frame[3] = f"*{event.anchor}", line
                        else:
                            self.stop(
                                line, frame[1], "a key here is a list or a mapping; keys are plain names", "write the key as a plain name"
                            )
                        continue
                    key, frame[2] = frame[2], _NO_KEY
                    path = (*frame[1], key)
                    if key in frame[0]:
                        problem(
                            frame[3],
                            frame[1],
                            f"the key '{key}' appears twice in the same mapping",
                            f"keep one '{key}' and delete the other",
                        )
                    lines[path] = frame[3]
                else:
                    path = (*frame[1], len(frame[0]))
                    lines[path] = line
                values += 1
                if values > MAX_VALUES:
                    self.stop(
                        line,
                        path,
                        f"the data file holds more than {MAX_VALUES:,} values",
                        "check that this is the right file; " + LIMITS_FIX.format(name="MAX_VALUES"),
                    )
                if kind is scalar_event:
                    self.refuse(event, line, path)
                    value: Any = self.scalar(event, line, path)
                elif kind is alias_event:
                    problem(
                        line,
                        path,
                        f"the alias '*{event.anchor}' is not allowed: the data file uses no anchors or aliases",
                        f"write out in full what '&{event.anchor}' marks",
                    )
                    value = None
                else:
                    self.refuse(event, line, path)
                    if len(stack) >= MAX_DEPTH:
                        self.stop(
                            line,
                            path,
                            f"the data nests more than {MAX_DEPTH} levels deep here",
                            f"the data nests about 10 levels deep: check the indentation and the brackets; {LIMITS_FIX.format(name='MAX_DEPTH')}",
                        )
                    value = {} if kind is yaml.MappingStartEvent else []
                if frame is None:
                    root = value
                elif type(frame[0]) is dict:
                    frame[0][path[-1]] = value
                else:
                    frame[0].append(value)
                if kind in start_events:
                    stack.append([value, path, _NO_KEY, 0])
            elif kind in end_events:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line = event.start_mark.line + 1
                    self.stop(
                        line,
                        (),
                        f"a second YAML document starts at line {line}: the data file holds one",
                        "delete the '---' (or '...') line here, and anything after it that does not belong",
                    )
            elif kind is yaml.StreamEndEvent:
                return root


_NOTHING = object()
_NO_KEY = object()


def parse(text: str, file: str) -> tuple[Any, Problems]:
    """The data and its line map; DataError listing every problem this pass finds (a syntax error or a limit stops it)."""
    problems = Problems(file)
    _check_characters(text, problems)
    problems.raise_if_any()
    loader = _FastLoader(text)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the data is large and acyclic: collecting during the read only costs time
    try:
        data = _Walker(problems, loader).run()
    except _Stop:
        data = None  # the problem that stopped the walk is in ``problems``
    except yaml.YAMLError as err:
        data = None
        problems.found.append(_syntax_problem(text, err, file))
    finally:
        loader.dispose()
        if gc_was_enabled:
            gc.enable()
    if data is _NOTHING:
        problems.add_at(1, "(top level)", "the file holds no data (it is empty, or only comments)", f"restore {file} from git")
    problems.raise_if_any()
    return data, problems


def _syntax_problem(text: str, fast_error: yaml.YAMLError, file: str) -> Problem:
    """The syntax error as a problem, in the words of PyYAML's pure-Python parser where it agrees on the line."""
    err = _python_error(text, fast_error) or fast_error
    start = getattr(err, "context_mark", None)
    found = getattr(err, "problem_mark", None)
    mark = start or found
    line = mark.line + 1 if mark else 1
    what = getattr(err, "problem", None) or str(err)
    if start and found and found.line != start.line:
        what += f" at line {found.line + 1}, {getattr(err, 'context', '')} that starts here".replace("  ", " ")
    return Problem(
        file,
        line,
        f"line {line}, column {mark.column + 1 if mark else 1}",
        f"this is not valid YAML ({what})",
        "check the indentation and quoting on this line and the one before it;"
        " text containing ': ' or starting with a quote must be quoted as a whole"
        + ("; indent with spaces, not tabs" if "\t" in _line(text, found.line if found else 0) else ""),
    )


def _line(text: str, index: int) -> str:
    start = 0
    for _ in range(index):
        start = text.find("\n", start) + 1
        if not start:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _python_error(text: str, fast_error: yaml.YAMLError) -> yaml.MarkedYAMLError | None:
    """Parse again in pure Python, events only (no recursion), up to the line after libyaml's error, if that is not too long."""
    found = getattr(fast_error, "problem_mark", None)
    if found is None:
        return None
    end = 0
    for _ in range(found.line + 2):
        after = text.find("\n", end)
        end = after + 1 if after >= 0 else len(text)
        if end > MAX_REPARSE_CHARS:
            return None
        if after < 0:
            break
    loader = _Loader(text[:end])
    try:
        while loader.check_event():
            loader.get_event()
    except yaml.MarkedYAMLError as err:
        return err if err.problem_mark is not None and err.problem_mark.line == found.line else None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
