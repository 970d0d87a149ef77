"""The pqs-check command: options, where the data is, exit status.

Exit status: 0 when no ID is wrong (IDs that are only not recorded here, or valid but
with a number another edition gave other words, do not count unless --strict), 1 when
any ID is unknown or malformed, 2 for a usage
error (no such file, no usable data, an option that makes no sense).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import stat
import sys
from pathlib import Path

from macros.checker import rules
from macros.checker.judge import Judge
from macros.checker.materials import Note, Skip, display_name, human, read_material, walk
from macros.checker.report import Options, coverage_csv, coverage_html, coverage_svg, problems, report_lines, write_json
from macros.checker.run import Run

MAX_LINE_LIMIT = 10_000_000
MAX_SIZE_LIMIT = 100_000.0  # MB


class UsageError(Exception):
    """A usage error: the message is printed after "pqs-check: " and the exit status is 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 through main's return, never a traceback
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _megabytes(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}") from None
    if not math.isfinite(number) or not 0 < number <= MAX_SIZE_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a number of megabytes more than 0 and at most {MAX_SIZE_LIMIT:g}, not {text!r}")
    return number


def _characters(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of characters: {text!r}") from None
    if not 0 < number <= MAX_LINE_LIMIT:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_LINE_LIMIT:,}, not {text!r}")
    return number


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="pqs-check",
        description="Find references to the PQS (post-qualifying standards for child and family social workers) in training "
        "materials (.md, .txt, .csv, .tsv, .docx), check every ID against the data, and report which domains, outcomes "
        "and statements the materials cover.",
        epilog="What counts as a reference: a statement ID (3.2 D2, 3.2D2, 3.2-d2) anywhere; a bare outcome number (3.2) "
        "only after PQS or outcome, or in a CSV column headed PQS, ID, outcome, standard, statement or reference; a domain "
        "number only after 'PQS domain'. The full rule is in docs/check.md. Exit status: 0 no ID is wrong, 1 some ID is "
        "unknown or malformed (or, with --strict, not recorded here or with a number another edition gave other words), "
        "2 usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="files or folders to check (folders are searched recursively)")
    p.add_argument("--data", metavar="PATH", help="the PQS data file (default: $PQS_DATA; ./dev check sets it to the project's)")
    p.add_argument("--schema", metavar="PATH", help="its JSON Schema (default: $PQS_SCHEMA, else pqs.schema.json beside the data)")
    p.add_argument("--edition", metavar="KEY", help="check against this edition of the data (default: its current edition)")
    p.add_argument("--csv", metavar="PATH", help="also write the coverage report as CSV (UTF-8 with BOM) to PATH")
    p.add_argument("--json", metavar="PATH", help="also write the full report (problems, references, coverage) as JSON to PATH")
    p.add_argument(
        "--svg",
        metavar="PATH",
        help="also write the coverage as a picture (SVG): the framework grid, each outcome shaded by how often it is cited",
    )
    p.add_argument("--html", metavar="PATH", help="also write that picture in a web page of its own (HTML), to open or print")
    p.add_argument(
        "--strict",
        action="store_true",
        help="also fail (exit 1) on statement IDs of a real outcome that the data does not record (see the official document), "
        "and on valid IDs whose number another edition gave other words",
    )
    # Before --strict, not-recorded IDs failed unless this was given; now that is the default. Kept so that scripts that pass it still run.
    p.add_argument("--allow-unrecorded", action="store_true", help=argparse.SUPPRESS)
    p.add_argument(
        "--max-size",
        type=_megabytes,
        default=rules.DEFAULT_MAX_MB,
        metavar="MB",
        help=f"skip files (and Word files' text) larger than this (default {rules.DEFAULT_MAX_MB:g})",
    )
    p.add_argument(
        "--max-line",
        type=_characters,
        default=rules.DEFAULT_MAX_LINE,
        metavar="CHARS",
        help=f"check only the first CHARS of each line (default {rules.DEFAULT_MAX_LINE:,})",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="report the problems and notes only, without the coverage")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the bare numbers that were not counted as IDs")
    return p


def _regular_file(path: str, what: str, limit_mb: float) -> None:
    """Raise UsageError unless path names a regular file of at most limit_mb."""
    shown = display_name(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as err:
        raise UsageError(f"the {what} {shown} cannot be read ({getattr(err, 'strerror', None) or err})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"the {what} {shown} is a folder: name the file itself (the project's data file is data/pqs.yaml)")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"the {what} {shown} is not a regular file")
    if info.st_size > limit_mb * 1_048_576:
        raise UsageError(f"the {what} {shown} is {human(info.st_size)}, over the {human(limit_mb * 1_048_576)} limit")


def load_data(args: argparse.Namespace):
    """The framework from --data / $PQS_DATA, checked against --schema / $PQS_SCHEMA / the schema beside it."""
    from macros.core import loader

    data = args.data if args.data is not None else os.environ.get("PQS_DATA", "")
    if not data:
        raise UsageError(
            "no data file: name it with --data PATH or the PQS_DATA environment variable "
            "(the project's is data/pqs.yaml; ./dev check names it for you)"
        )
    _regular_file(data, "data file", rules.MAX_DATA_MB)  # first: "." and "/" have no name for the schema to sit beside
    schema = args.schema if args.schema is not None else os.environ.get("PQS_SCHEMA") or str(Path(data).with_name("pqs.schema.json"))
    _regular_file(schema, "schema file", rules.MAX_DATA_MB)
    try:
        return loader.load(data, display_name(data), schema), data
    except loader.DataError as err:
        raise UsageError(f"the data file cannot be used:\n{err}") from None
    except (OSError, ValueError, UnicodeError, RecursionError) as err:
        raise UsageError(f"the data file cannot be used: {display_name(str(err))}") from None


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except UsageError as err:
        print(f"pqs-check: {err}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    paths = [Path(p) for p in args.paths]
    missing = [display_name(str(p)) for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    fw, data_name = load_data(args)
    edition = fw.current
    if args.edition is not None:
        if args.edition not in fw.editions:
            raise UsageError(
                f"no edition {display_name(args.edition)!r} in {display_name(data_name)}; its editions are: {', '.join(fw.editions)}"
            )
        edition = fw.editions[args.edition]

    run = Run(Judge(fw, edition))
    max_bytes = int(args.max_size * 1_048_576)
    seen: set[Path] = set()
    for path, shown in walk(paths, run.notes):
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            real = path
        if real in seen:
            continue
        seen.add(real)
        try:
            run.check(read_material(path, shown, max_bytes, args.max_line, run.notes))
        except Skip as why:
            run.notes.append(Note(shown, str(why)))
        except (OSError, ValueError, UnicodeError, RecursionError, MemoryError) as err:
            run.notes.append(Note(shown, f"skipped: {type(err).__name__}: {display_name(str(err))}"))

    options = Options(data_name, strict=args.strict, coverage=not args.quiet, verbose=args.verbose)
    for line in report_lines(run, options):
        sys.stdout.write(line + "\n")
    try:
        if args.csv:
            with open(args.csv, "w", encoding="utf-8-sig", newline="") as fh:
                fh.write(coverage_csv(run.coverage()))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as out:
                write_json(run, options, out)
        if args.svg:
            Path(args.svg).write_text(coverage_svg(run), encoding="utf-8")
        if args.html:
            Path(args.html).write_text(coverage_html(run), encoding="utf-8")
    except (OSError, ValueError) as err:
        raise UsageError(f"cannot write the report: {display_name(str(err))}") from None
    return 1 if problems(run, options) else 0
