"""Everything declarative about pqs-check, written once: patterns, word lists, limits, messages and decision tables.

This module is the single source of the rule in ``docs/check.md`` ("How IDs are
recognised"). The command-line checker compiles these patterns and walks these
tables; the browser checker gets the very same values in a script generated at
build time (:func:`macros.checker.browser.rules_script`), so a rule changes here
and nowhere else.

Patterns are compiled with ``re.IGNORECASE | re.ASCII`` in Python and the flags
``i`` (plus ``g`` or ``y``) in JavaScript, which treat them alike: they use no
``.``, ``\\w``, ``\\d`` or ``\\s``, only explicit ASCII classes, so the two
engines agree on every input (the property tests check this).
"""

from __future__ import annotations

import functools
import html.entities
import re
import unicodedata

from macros.core.history import FATE_WORDS, GONE

# -- word lists ----------------------------------------------------------------------------------

# Blank space inside an ID or a cue: spaces, tabs, no-break spaces, and the narrow, thin and figure spaces word
# processors put in numbers.
SPACE_CHARS = r" \t\u00a0\u2007\u2009\u202f"
SPACE = rf"[{SPACE_CHARS}]"
# What may join an outcome's number to a statement's letter: a hyphen, an underscore, or the dashes and minus that
# word processors write for a hyphen (3.2-D2, 3.2–D2).
DASH_CHARS = r"\-_\u2010\u2011\u2012\u2013\u2212"
# Markup and punctuation that may sit between a cue and its IDs, and around the IDs of a list: brackets, quotation
# marks, Markdown's * _ and `, and HTML tags (**PQS** 3.2, PQS (3.2), PQS "3.2", <b>PQS</b> 3.2).
MARKUP = r"(?:[()\[\]*_`\"'\u201c\u201d\u2018\u2019]|</?[A-Za-z][A-Za-z0-9]*>)"

# A number followed by one of these is a quantity, never an ID ("1.5 hours", "2.5 million", "3%").
# A space inside a word may be left out ("per cent", "percent").
UNIT_WORDS: tuple[str, ...] = (
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "million",
    "billion",
    "thousand",
    "percent",
    "per cent",
    "mile",
    "miles",
    "km",
    "kg",
)
UNIT_SIGNS: tuple[str, ...] = ("%",)

# "PQS", alone or followed by one of these, marks the numbers after it as IDs; after the domain words a lone number is a domain.
PQS_WORD = "pqs"
PQS_KIND_WORDS: tuple[str, ...] = ("domain", "domains", "outcome", "outcomes", "standard", "standards", "statement", "statements")
DOMAIN_WORDS: tuple[str, ...] = ("domain", "domains")
# "outcome" alone marks IDs too, except straight after one of these words (a course's own numbering).
OUTCOME_WORDS: tuple[str, ...] = ("outcome", "outcomes")
NOT_A_CUE_BEFORE: tuple[str, ...] = ("learning", "session", "module", "course")
# Between the IDs of a list after a cue: these signs, these words, or spaces.
LIST_SIGNS = ",;/&+"  # no ] \\ ^ or - (they would need escaping in a character class)
LIST_WORDS: tuple[str, ...] = ("and", "or")

# A table's column of IDs is headed by one of these words; a column headed by a domain word holds domain numbers.
ID_COLUMN_WORDS: tuple[str, ...] = (
    "pqs",
    "id",
    "ids",
    "outcome",
    "outcomes",
    "standard",
    "standards",
    "statement",
    "statements",
    "reference",
    "references",
    "ref",
    "refs",
    "domain",
    "domains",
)
DOMAIN_COLUMN_WORDS: tuple[str, ...] = DOMAIN_WORDS

# The statement letters and what they stand for.
LETTERS: dict[str, str] = {"K": "knows", "D": "does"}

# -- reading text as a person reads it ------------------------------------------------------------
#
# Before a line is scanned it is normalised, and each reference is reported where it was written: HTML character
# references are decoded (9.9&nbsp;D9), Markdown's emphasis and code marks and inline HTML tags are dropped (**9.9** D9),
# invisible characters go (zero-width joiners, soft hyphens), and every character that Unicode's NFKC normalisation
# makes plain ASCII becomes it (full-width ９．９, the Kelvin sign), as do the Cyrillic and Greek letters that look like
# Latin ones (a Cyrillic К for K). Both checkers apply the same tables, built here.

# Letters of other scripts that a reader takes for Latin ones: (look-alike, Latin).
LOOKALIKES: tuple[tuple[str, str], ...] = tuple(
    zip(
        "АВСЕНІЈКМОРЅТХУаеіјкорсѕхуԁԚԛΑΒΕΖΗΙΚΜΝΟΡΤΥΧικνορτυχ",
        "ABCEHIJKMOPSTXYaeijkopcsxydQqABEZHIKMNOPTYXikvoptux",
        strict=True,
    )
)
# Tags that break a line of text (a space in their place); any other inline tag is dropped.
BLOCK_TAGS: tuple[str, ...] = ("br", "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6")


# Where Unicode has characters that NFKC makes ASCII, or invisible (format) ones: planes 0 and 1, and the tags of plane
# 14 (a test checks that no other code point is either).
FOLD_PLANES: tuple[tuple[int, int], ...] = ((0x80, 0xD7FF), (0xE000, 0x1FFFF), (0xE0000, 0xE0FFF))


@functools.cache
def fold_table() -> dict[str, str]:
    """Each character that is read as another: invisible ones as nothing, NFKC's ASCII forms, look-alike letters.
    Built when first needed (a tenth of a second), not when the site's build imports this module."""
    table: dict[str, str] = {}
    for first, last in FOLD_PLANES:
        for code in range(first, last + 1):
            table.update(_fold_one(chr(code)))
    table.update(LOOKALIKES)
    return table


def _fold_one(ch: str) -> dict[str, str]:
    if unicodedata.decomposition(ch).startswith(("<super>", "<sub>")):
        return {}  # a footnote's mark (3.2¹) is not a digit of the ID
    if unicodedata.category(ch) == "Cf":
        return {ch: ""}
    plain = unicodedata.normalize("NFKC", ch)
    if plain != ch and plain.isascii() and plain.isprintable():
        return {ch: plain}
    return {}


# Characters a named character reference may stand for besides those above: the dashes, quotes and bullet the patterns know.
ENTITY_EXTRA = "\u2010\u2011\u2012\u2013\u2014\u2212\u2018\u2019\u201c\u201d\u2022"


@functools.cache
def entities() -> dict[str, str]:
    """Named character references (without & and ;) whose character is ASCII, folded, or one of ENTITY_EXTRA:
    &nbsp; &ndash; &amp; &shy; &zwj;. Others are left as written (no ID has them)."""
    fold = fold_table()
    return {
        name[:-1]: ch
        for name, ch in sorted(html.entities.html5.items())
        if name.endswith(";") and len(ch) == 1 and (ch.isascii() or ch in fold or ch in ENTITY_EXTRA)
    }


def fold_ranges() -> list[list]:
    """fold_table as runs, for the browser: [first code point, last code point, what the first becomes], where each
    next code point of the run becomes the next character, or, in a run that becomes "", nothing; a run of one code
    point may become several characters."""
    runs: list[list] = []
    for ch, plain in sorted(fold_table().items(), key=lambda item: ord(item[0])):
        code = ord(ch)
        last = runs[-1] if runs else None
        follows = last is not None and last[1] + 1 == code and len(plain) == len(last[2]) <= 1
        if follows and last and (plain == "" or ord(last[2]) + (code - last[0]) == ord(plain)):
            last[1] = code
            continue
        runs.append([code, code, plain])
    return runs


# -- patterns ------------------------------------------------------------------------------------


def _words(words: tuple[str, ...]) -> str:
    """An alternation of words, longest first; a space in a word may be any blank or none."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ").replace(" ", SPACE + "?") for w in ordered) + ")"


_LETTER_SET = "[" + "".join(LETTERS) + "]"
# What may end an ID: not a letter or digit, and not a dot before a digit (3.2.1, 20.03.2025).
_END = r"(?![A-Za-z0-9]|\.[0-9])"
_START = r"(?<![A-Za-z0-9.])"
# Between an outcome number and a statement letter: blanks, or a hyphen or underscore with blanks around it.
_JOIN = rf"(?:{SPACE}*[{DASH_CHARS}]{SPACE}*|{SPACE}*)"
_FILL = rf"(?:{SPACE}|[\r\n]|{MARKUP})"
_UNIT = rf"(?!{SPACE}*(?:{'|'.join(re.escape(s) for s in UNIT_SIGNS)}|{_words(UNIT_WORDS)}(?![A-Za-z])))"
# Letters, digits or dotted digits glued to the end of an ID (3.2 D2a, 3.2 D2.1, PQS 3.2x): a near miss, never left alone.
_TAIL = r"((?:[A-Za-z0-9]|\.[0-9])*)"


def _statement_body(group: str) -> str:
    """A statement ID's numbers, letter and number; ``group`` is "(" to capture them or "(?:" not to."""
    return rf"{group}[0-9]+)\.{group}[0-9]+){_JOIN}{group}{_LETTER_SET}){group}[0-9]+){_END}"


# Words in brackets between a cue and its IDs, without digits other than a year: PQS (draft) 3.2, PQS (2025) 3.2.
_ASIDE = r"\((?:[^()0-9\r\n]|(?<![0-9])[0-9]{4}(?![0-9]|\.[0-9])){1,40}\)"
# The dashes between the ends of a range.
RANGE_DASHES = r"\-\u2010-\u2015\u2212"


# Not straight after a course's own numbering word (learning outcome 1.2, Session ID, Module ref).
_NOT_AFTER_COURSE_WORD = "".join(f"(?<!{w}[ \\t\\u00a0-])" for w in NOT_A_CUE_BEFORE)


PATTERNS: dict[str, str] = {
    # A statement ID, anywhere: 3.2 D2, 3.2D2, 3.2-d2, 3.2_D2, 4.2 K13. Groups: outcome's two numbers, letter, number.
    "statement": _START + _statement_body("("),
    # A near miss of a statement ID, anywhere: 3.2 DD2, 3..2 D2, 3 .2 D2, 3.2 D 2, 3.2 D-2, 3.2 D2a, 3.2 D2.1 (never a well-formed one).
    # Groups: first number, the dots between, second number, the letters, the number, what is glued after it.
    "near": (
        _START
        + f"(?!{_statement_body('(?:')})"
        + rf"([0-9]+)({SPACE}*\.[{SPACE_CHARS}.]*)([0-9]+){_JOIN}({_LETTER_SET}(?:[{SPACE_CHARS}{DASH_CHARS}]*{_LETTER_SET})*)"
        + rf"[{SPACE_CHARS}{DASH_CHARS}]*([0-9]+){_TAIL}{_END}"
    ),
    # A word that marks the numbers after it as IDs. Group 1: the word after PQS, if any.
    "cue": (
        rf"(?<![A-Za-z0-9])(?:{PQS_WORD}(?:{SPACE}*({_words(PQS_KIND_WORDS)}))?|"
        + _NOT_AFTER_COURSE_WORD
        + rf"{_words(OUTCOME_WORDS)})(?![A-Za-z])(?:{SPACE}|{_ASIDE}|{MARKUP})*[-:#]?(?:{SPACE}|{_ASIDE}|{MARKUP})*"
    ),
    # A statement ID with letters glued before it (x9.9 D9, v3.2 D2): a near miss, never left alone. Groups: the letters,
    # then as "statement". (PQS3.2 D2 is a cue and its ID.)
    "headed": rf"(?<![A-Za-z0-9.])(?!{PQS_WORD}[0-9])([A-Za-z]{{1,3}})" + _statement_body("("),
    # A statement's letter and number standing for a statement of the outcome just named: the D3 and K1 of
    # 3.2 D2, D3 and K1, and the D4 of 3.2 D1–D4. Groups: letter, number, what is glued after it.
    "short": rf"({_LETTER_SET})([0-9]+){_TAIL}{_END}",
    # Between the two ends of a range: 3.1–3.4, 3.1 - 3.4, 3.1 to 3.4, 3.2 D1–D4.
    "range": rf"{_FILL}*(?:[{RANGE_DASHES}]|\bto\b|\bthrough\b){_FILL}*",
    # What is read differently from how it is written (see "reading text as a person reads it" above): a character
    # reference, an inline HTML tag, Markdown's emphasis and code marks, and any character that is not ASCII (a pair
    # of UTF-16 surrogates is one character to JavaScript).
    "normal": (
        r"&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});"
        r"|<(/?)([a-z][a-z0-9]{0,9})(?:[ \t][^<>\r\n]{0,200})?/?>"
        r"|[*`~]+|_{2,}|(?<![a-z0-9])_|_(?![a-z0-9])"
        r"|[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]"
    ),
    # Between the IDs of a list after a cue.
    # Blanks, markup and line breaks (inside a table's cell) may sit around them: PQS 3.1, 3.2, and 3.3; PQS **3.1**, (3.2).
    "separator": (rf"{_FILL}*(?:(?:[{LIST_SIGNS}]|" + "|".join(rf"\b{w}\b" for w in LIST_WORDS) + rf"){_FILL}*)+|{_FILL}+"),
    # One ID-like token after a cue, well formed or not: 3, 3.2, 3.2.1, 3.02, 3..2, 3.2 D2, 3.2 X2; never a number with a unit.
    # Groups: the numbers with their dots, the letter, the number after it, what is glued after the ID (PQS 3.2x).
    "token": rf"([0-9]+(?:\.+[0-9]+)*)(?:{_JOIN}([A-Z])([0-9]+)|{_UNIT}){_TAIL}{_END}",
    # A decimal that is not counted; shown as a hint when it is an outcome's number.
    "bare": rf"{_START}([0-9]+)\.([0-9]+){_UNIT}{_END}",
    # A table header naming a column of IDs, and one naming a column of domain numbers.
    # Not after a course's own numbering word: "Learning outcome", "Session ID", "Module ref" number the course.
    "id_column": (r"(?<![A-Za-z])" + _NOT_AFTER_COURSE_WORD + rf"{_words(ID_COLUMN_WORDS)}(?![A-Za-z])"),
    "domain_column": rf"(?<![A-Za-z]){_words(DOMAIN_COLUMN_WORDS)}(?![A-Za-z])",
    # Line breaks: CR LF, CR or LF, and nothing else.
    "line_break": r"\r\n|\r|\n",
    # Blanks at the start of a table cell.
    # Blanks at the start of a table cell, and a bullet or markup before its first ID: - 3.2, (3.2), "3.2".
    # Also a numbered list's number or letter (1. 3.2, a) 3.2), and a Markdown list's + or *.
    "lead": rf"(?:{SPACE}|{MARKUP}|[-+*\u2022]|(?:[0-9]{{1,3}}|[a-z])[.)](?={SPACE}+[0-9]))*",
    # Blanks around and between the words of a header cell.
    "trim": rf"^{SPACE}+|{SPACE}+$",
    "blanks": rf"{SPACE}+",
    # The rule under a Markdown table's header row: | --- | :---: |, or --- | --- (one | at least, so never a heading's ---).
    # The parts of a Word file that hold its text (rules.WORD_PARTS).
    "word_part": r"^word/(?:document|header[0-9]{0,3}|footer[0-9]{0,3}|footnotes|endnotes|comments)\.xml$",
    "pipe_rule": rf"^{SPACE}*\|?(?:{SPACE}*:?-+:?{SPACE}*\|)+(?:{SPACE}*:?-+:?{SPACE}*)?$",
}

# -- limits ----------------------------------------------------------------------------------------

DEFAULT_MAX_MB = 10.0  # files (and a Word file's text) larger than this are not read
DEFAULT_MAX_LINE = 10_000  # only the first this many characters of a line are checked
MAX_DIGITS = 9  # a number longer than this is compared as if it were 10**9 (never an ID, and safe in JavaScript)
SHOWN_MAX = 40  # what was written is shown cut to about this many characters
WHERE_MAX = 20  # a coverage row lists at most this many places
SHOWN_ITEMS = 500  # the browser checker lists at most this many problems (and of each other kind); the CSV has everything
HEAD_BYTES = 8192  # how much of a file is looked at to tell text from binary
CONTROL_RATIO = 0.05  # more control characters than this, in the head, means binary
HEADER_MAX_CHARS = 30  # a header cell of plain text that is read as a table has at most this many characters
HEADER_MAX_WORDS = 3  # and at most this many words
SUGGESTIONS = 3  # nearest IDs offered, at most (plus the outcome itself for a statement)
MAX_DATA_MB = 200.0  # the data file itself

# -- reading files ---------------------------------------------------------------------------------

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
TABLE_SUFFIXES = (".csv", ".tsv")
TEXT_OR_TABLE_SUFFIXES = (".txt", ".text")  # plain text whose first line may be a table's header row
WORD_SUFFIXES = (".docx",)
# The parts of a Word file that are read, in this order (word/document.xml, word/header1.xml, word/footnotes.xml…).
WORD_BODY = "word/document.xml"
WORD_PARTS: tuple[str, ...] = ("document", "header", "footer", "footnotes", "endnotes", "comments")
SKIP_DIRS = ("node_modules", "__pycache__", "site-packages")
SKIP_PREFIXES = (".", "~$")

# Byte-order marks, tried in this order: (bytes, codec for Python, label for JavaScript's TextDecoder).
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16", "utf-16le"),
    (b"\xfe\xff", "utf-16", "utf-16be"),
)
# Files that start like this are not text: (bytes, reason code in NOTES).
SIGNATURES: tuple[tuple[bytes, str], ...] = ((b"%PDF", "pdf"), (b"PK\x03\x04", "zip"))
FALLBACK_CODEC = ("cp1252", "windows-1252")
# A zip archive that holds this part is a Word document (read as one only when named .docx).
WORD_MARK = b"word/document.xml"

# -- messages ----------------------------------------------------------------------------------------

# Why a file was not read, or what was done to read it. {name} fields are filled in by both checkers.
NOTES: dict[str, str] = {
    "nul": "looks like a binary file (it contains NUL bytes)",
    "binary": "looks like a binary file (many control characters)",
    "pdf": "a PDF file; save it as text or Word to check it",
    "zip": "a zip archive, not a Word (.docx) file",
    "word": (
        "a Word document: name it .docx and check it with pqs-check, the command-line checker, which reads Word files "
        "(the checker page reads .csv, .tsv and .txt files)"
    ),
    "not-utf8": "not UTF-8: read as Windows-1252 (cp1252); save it as UTF-8 to be sure of accented letters",
    "bad-bytes": "some bytes are not valid {codec}; they were replaced",
    "long-line": "line {line}{more} is longer than {limit} characters; only the first {limit} were checked",
    "no-id-column": (
        "no column is headed PQS, ID, outcome, standard, statement, reference or domain "
        "(a learning, session, module or course outcome, ID or reference is the course's own numbering); cells were read as text"
    ),
    "too-big": "it is {size}, over the {limit} limit (--max-size)",
    "not-regular": "not a regular file (a device, pipe, socket or link to one)",
    "not-word": "not a readable Word (.docx) file ({why})",
    "no-document": "a zip file without word/document.xml, so not a Word document",
    "word-too-big": "its text is over the {limit} limit (--max-size)",
    "ignored": "{count} other file{s} ignored (only .md, .txt, .csv, .tsv and .docx are read in folders)",
    "word-dtd": "not a readable Word (.docx) file (its XML declares a document type)",
}

# Statuses of a reference. Only ERRORS make pqs-check exit 1; NOT_RECORDED and REUSED do too with --strict.
# REUSED is an ID of the edition judged by whose number another edition gave other words: it counts in the
# coverage, as a valid ID does, and is listed to check.
OK, NOT_RECORDED, UNKNOWN, MALFORMED, REUSED = "ok", "not-recorded", "unknown", "malformed", "reused"
VALID = (OK, REUSED)  # what the coverage counts
ERRORS = (UNKNOWN, MALFORMED)

# The verdict on one reference: the first row whose fact holds. Facts are computed alike by both checkers
# (macros/checker/judge.py and pqs-check-engine.js, function facts); the message is filled from the fields there.
VERDICTS: tuple[tuple[str, str, str, str], ...] = (
    # (fact, status, reason, message)
    ("extra_dots", MALFORMED, "extra-dots", "a PQS ID has one dot between its numbers, as in 3.2"),
    ("too_many_parts", MALFORMED, "too-many-parts", "a PQS ID has at most two numbers (domain.outcome)"),
    ("trailing", MALFORMED, "glued", "an ID ends with its number: here {tail} is glued to it"),
    ("headed", MALFORMED, "glued", "an ID starts with its number: here {head} is glued to it"),
    ("near", MALFORMED, "bad-form", "a statement ID is the outcome number, K or D, and a number with nothing between, as in 3.2 D2"),
    ("leading_zero", MALFORMED, "bad-number", "numbers in PQS IDs start at 1 and have no leading zero"),
    ("bad_letter", MALFORMED, "bad-letter", "the letter is {letter}: statement IDs use K (knows) or D (does)"),
    ("no_outcome_number", MALFORMED, "bad-number", "a statement ID starts with its outcome's number, as in 3.2 D2"),
    (
        "bad_range",
        MALFORMED,
        "bad-range",
        "a range runs up from one ID to another of the same domain (3.1–3.4) or of the same outcome and letter (3.2 D1–D4); "
        "{range} does not: write its IDs one by one",
    ),
    ("fate_reused", REUSED, "reused", FATE_WORDS["reused"]),
    ("known", OK, "", ""),
    # An ID the edition judged by does not have, but another had: what the crosswalks say became of it
    # (macros/core/history.py, fates), in the words written there once for every reader of a fate.
    *((f"fate_{change}", UNKNOWN, change, FATE_WORDS[change]) for change in (*GONE, "later")),
    ("no_domain", UNKNOWN, "no-such-domain", "there is no domain {domain} (domains run from {first_domain} to {last_domain})"),
    ("no_outcome", UNKNOWN, "no-such-outcome", "domain {domain} has outcomes {first_outcome} to {last_outcome}; there is no {outcome}"),
    ("complete", UNKNOWN, "no-such-statement", "outcome {outcome} has no statement {letter}{number}"),
    (
        "recorded_one",
        NOT_RECORDED,
        "not-recorded",
        "outcome {outcome} exists, and the only statement of it recorded here is {recorded}; {id} is not recorded here: see the official document",
    ),
    (
        "recorded_many",
        NOT_RECORDED,
        "not-recorded",
        "outcome {outcome} exists, and the statements of it recorded here are {recorded}; {id} is not recorded here: see the official document",
    ),
    (
        "unnumbered",
        NOT_RECORDED,
        "not-recorded",
        "outcome {outcome} exists, but our sources quote its statements without numbers; {id} is not recorded here: see the official document",
    ),
    (
        "always",
        NOT_RECORDED,
        "not-recorded",
        "outcome {outcome} exists, but none of its statements is recorded here; {id} is not recorded here: see the official document",
    ),
)

# -- reports -----------------------------------------------------------------------------------------

REPORT_VERSION = 2
RULE_ANCHOR = "docs/check.md#how-ids-are-recognised"
CSV_COLUMNS: tuple[str, ...] = (
    "level",
    "id",
    "domain",
    "outcome",
    "kind",
    "text",
    "references",
    "cited",
    "knows_cited",
    "knows_recorded",
    "does_cited",
    "does_recorded",
    "where",
)
# A CSV cell that starts with one of these is a formula to a spreadsheet program: such a cell gets a leading apostrophe.
FORMULA_STARTS = "=+-@\t\r"

# The parts of every pattern that both engines compile, and how: "g" = search all, "y" = match at a place, "" = test.
PATTERN_MODES: dict[str, str] = {
    "statement": "g",
    "near": "g",
    "cue": "g",
    "separator": "y",
    "token": "y",
    "bare": "g",
    "id_column": "",
    "domain_column": "",
    "line_break": "g",
    "lead": "y",
    "trim": "g",
    "blanks": "g",
    "pipe_rule": "",
    "headed": "g",
    "short": "y",
    "range": "y",
    "normal": "g",
    "word_part": "",
}
