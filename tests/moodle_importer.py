"""A reading of a competency framework CSV by the rules of Moodle's importer, failing loudly where Moodle would not.

Moodle's *Import competency framework* tool is PHP; this is our own reading of
what its source does (moodle/moodle, read for this test; none of its code is
copied). Each rule names the file it comes from:

* ``admin/tool/lpimportcsv/classes/framework_importer.php``: the header is the
  14 strings of ``list_required_headers()``, mapped to fields by position; a
  row whose ``Is framework`` is truthy in PHP (not ``""`` or ``"0"``) is the
  framework (a later one replaces an earlier one), and without one the file
  is rejected ("File format is invalid."); ID number and short name go through
  ``clean_param(PARAM_TEXT)`` (tags stripped) and ``shorten_text(…, 100)``;
  rows are kept in ``$flat[$idnumber]`` (a repeated ID number replaces the
  earlier row); ``add_children()`` builds the tree from ``''`` down, matching
  ``Parent ID number`` to ID numbers with PHP's loose ``==``;
  ``create_competency()`` skips, with all its children, a row whose ID number
  or short name is ``empty()`` in PHP (``""`` or ``"0"``); ``set_related()``
  splits cross-references on ``,``, turns ``%2C`` back into commas and
  ignores any ID number not in the file; ``get_scale_configuration()`` sets
  ``scaleid`` on element 0 of the decoded JSON array.
* ``admin/tool/lpimportcsv/classes/framework_exporter.php``: Moodle's own
  export writes the same 14 columns, the framework row first (``Is framework``
  ``1``, taxonomies joined by commas), then each competency (``Is framework``
  empty, rule outcome ``0``, rule config ``null`` when there is none,
  cross-references joined by commas with ``,`` in an ID number as ``%2C``).
* ``admin/tool/lpimportcsv/lang/en/tool_lpimportcsv.php``: the header strings,
  and ``invalidimportfile`` = "File format is invalid.".
* ``admin/tool/lpimportcsv/classes/form/import.php``: the form offers the
  delimiter (comma by default, semicolon where the language's list separator
  is ``;``) and the encoding (UTF-8 by default). ``settings.php`` puts the
  tool under Site administration → Competencies.
* ``lib/csvlib.class.php`` (``csv_import_reader::load_csv_content``): the
  content is converted from the chosen encoding, one UTF-8 byte-order mark is
  removed (``core_text::trim_utf8_bom``), CR LF and CR become LF, the whole is
  trimmed, rows are read with ``fgetcsv`` (whose escape character is ``\\``)
  skipping blank lines, and a row with another number of fields than the
  header fails the file ("csvweirdcolumns").
* ``competency/classes/competency_framework.php``: the framework's ID number
  is unique on the site; taxonomies must come from the fixed set (behaviour,
  competency, concept, domain, indicator, level, outcome, practice,
  proficiency, skill, value), an empty term meaning "competency"; the scale
  configuration is a JSON array whose first element carries ``scaleid``, with
  at least one item ``scaledefault`` and one ``proficient``; description
  formats are 0 (Moodle), 1 (HTML), 2 (plain text) and 4 (Markdown).
* ``competency/classes/competency.php``: a competency's ID number is unique
  within its framework (the check is a database query, so a case-insensitive
  collation makes ``a`` and ``A`` the same); its short name is ``PARAM_TEXT``.
* ``competency/classes/related_competency.php``: a competency cannot be
  related to itself, and related competencies share a framework.

Where Moodle silently drops or replaces something (a skipped row, a dangling
parent, an unknown cross-reference, a repeated ID number, a second framework
row, text it would strip or cut), this reading raises :class:`Rejected`, so a
file that passes imports whole and as written. It is stricter than Moodle in
two places, both noted below: any backslash, and any ``<`` in an ID number or
short name.
"""

from __future__ import annotations

import codecs
import csv
import html.parser
import io
import json
import re
from dataclasses import dataclass, field

HEADERS = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]
TAXONOMY_TERMS = {
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
}
DESCRIPTION_FORMATS = {"0", "1", "2", "4"}
LIMIT = 100
# Tags and attributes a description may use: what our HTML descriptions need, nothing that runs.
HTML_TAGS = {"p": set(), "a": {"href"}, "em": set(), "strong": set()}
_PHP_NUMERIC = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$")


class Rejected(AssertionError):
    """The file would not import whole and as written."""


@dataclass
class Node:
    row: int  # 1-based line of the CSV record (the header is row 1)
    idnumber: str
    shortname: str
    description: str
    descriptionformat: str
    parent: str = ""
    related: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def text(self) -> str:
        """The description as a reader sees it (HTML read, entities decoded)."""
        return _html_text(self.description) if self.descriptionformat == "1" else self.description

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Framework(Node):
    scale_items: list[str] = field(default_factory=list)
    scale_configuration: list = field(default_factory=list)
    taxonomies: list[str] = field(default_factory=list)

    def find(self, idnumber: str) -> Node:
        return next(n for n in self.walk() if n.idnumber == idnumber)


def php_empty(value: str) -> bool:
    return value in ("", "0")


def php_loose_equal(a: str, b: str) -> bool:
    """PHP 8's ``==`` between two strings: numerically when both are numeric strings ('1.1' == '1.10')."""
    if _PHP_NUMERIC.match(a) and _PHP_NUMERIC.match(b):
        return float(a) == float(b)
    return a == b


class _HTMLCheck(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in HTML_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in HTML_TAGS.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and not (value or "").startswith(("https://", "http://")):
                self.problems.append(f"link {value!r} is not an absolute web address")
        self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.problems.append(f"self-closing <{tag}/>")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.problems.append("a comment")

    def handle_decl(self, decl):
        self.problems.append("a declaration")

    def handle_pi(self, data):
        self.problems.append("a processing instruction")


def _html_text(value: str) -> str:
    checker = _HTMLCheck()
    checker.feed(value)
    checker.close()
    return " ".join("".join(checker.text).split())


def _check_html(value: str, where: str) -> None:
    checker = _HTMLCheck()
    checker.feed(value)
    checker.close()
    if checker.open:
        checker.problems.append(f"<{checker.open[-1]}> not closed")
    if checker.problems:
        raise Rejected(f"{where}: the HTML description has {', '.join(checker.problems)}")


def _check_text_field(value: str, what: str, where: str) -> None:
    if php_empty(value):
        raise Rejected(f"{where}: {what} is {value!r}, which PHP's empty() treats as empty, so Moodle skips the row and its children")
    if len(value) > LIMIT:
        raise Rejected(f"{where}: {what} has {len(value)} characters; Moodle cuts it to {LIMIT} (shorten_text)")
    # Stricter than Moodle: PARAM_TEXT's strip_tags removes '<' and what follows it when a non-space follows.
    if "<" in value or "\x00" in value:
        raise Rejected(f"{where}: {what} {value!r} has '<' (or NUL), which PARAM_TEXT may strip with what follows")


def read(data: bytes) -> Framework:
    """Read the file as the importer would, with UTF-8 and comma chosen on the form; raise Rejected where it would differ."""
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise Rejected(f"not UTF-8: {err}") from None
    if content.startswith(codecs.BOM_UTF8.decode("utf-8")):  # core_text::trim_utf8_bom: one mark, at the start
        content = content[1:]
    content = re.sub(r"\r\n?", "\n", content).strip(" \t\n\r\0\x0b")
    # Stricter than Moodle: fgetcsv's escape character is a backslash, so a backslash before a quote or at
    # the end of a quoted field splits the row differently from any other CSV reader. Allow none.
    if "\\" in content:
        raise Rejected(
            f"line {content[: content.index(chr(92))].count(chr(10)) + 1}: a backslash, which Moodle's CSV reader takes as an escape"
        )
    records = [r for r in csv.reader(io.StringIO(content, newline=""), strict=True) if r]
    if not records:
        raise Rejected("the file is empty")
    header, *rows = records
    if header != HEADERS:
        raise Rejected(f"the header is {header!r}, not the importer's 14 columns in order {HEADERS!r}")
    for number, row in enumerate(rows, start=2):
        if len(row) != len(HEADERS):
            raise Rejected(f"row {number} has {len(row)} fields, not {len(HEADERS)} (Moodle: csvweirdcolumns)")

    framework: Framework | None = None
    flat: dict[str, Node] = {}
    folded: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        cell = dict(zip(HEADERS, row, strict=True))
        where = f"row {number}"
        if cell["Description format"] not in DESCRIPTION_FORMATS:
            raise Rejected(f"{where}: description format {cell['Description format']!r} is not one of {sorted(DESCRIPTION_FORMATS)}")
        if cell["Description format"] == "1":
            _check_html(cell["Description"], where)
        if not php_empty(cell["Is framework"]):
            if framework is not None:
                raise Rejected(f"{where}: a second framework row; Moodle keeps only the last (row {framework.row} would be lost)")
            framework = _framework(cell, number)
            continue
        if cell["Is framework"] != "":
            raise Rejected(f"{where}: Is framework is {cell['Is framework']!r}; Moodle's export writes an empty cell for a competency")
        _check_text_field(cell["ID number"], "the ID number", where)
        _check_text_field(cell["Short name"], "the short name", where)
        if (
            cell["Rule type (optional)"]
            or cell["Rule outcome (optional)"] not in ("", "0")
            or cell["Rule config (optional)"] not in ("", "null")
        ):
            raise Rejected(f"{where}: a completion rule, which this file does not use")
        if cell["Scale values"] or cell["Scale configuration"]:
            raise Rejected(f"{where}: a scale of its own; competencies here use the framework's")
        idnumber = cell["ID number"]
        if idnumber in flat:
            raise Rejected(f"{where}: the ID number {idnumber!r} is also on row {flat[idnumber].row}; Moodle keeps only the last")
        key = idnumber.casefold()
        if key in folded:
            raise Rejected(f"{where}: the ID number {idnumber!r} differs from {folded[key]!r} only in case, the same to Moodle's database")
        for other in flat:
            if php_loose_equal(other, idnumber):
                raise Rejected(f"{where}: the ID number {idnumber!r} equals {other!r} to PHP's ==, so parents would be confused")
        folded[key] = idnumber
        related = (
            [r.replace("%2C", ",") for r in cell["Cross-referenced competency ID numbers"].split(",")]
            if cell["Cross-referenced competency ID numbers"]
            else []
        )
        flat[idnumber] = Node(
            number, idnumber, cell["Short name"], cell["Description"], cell["Description format"], cell["Parent ID number"], related
        )
    if framework is None:
        raise Rejected("no framework row: File format is invalid.")

    # add_children(): attach each row to the rows whose ID number equals its parent (PHP ==), from '' down.
    for node in flat.values():
        if node.parent == node.idnumber:
            raise Rejected(f"row {node.row}: {node.idnumber!r} is its own parent")
        if node.parent == "":
            continue
        parents = [p for p in flat.values() if php_loose_equal(node.parent, p.idnumber)]
        if not parents:
            raise Rejected(
                f"row {node.row}: the parent ID number {node.parent!r} of {node.idnumber!r} is not in the file; Moodle would skip the row"
            )
        if len(parents) > 1:
            raise Rejected(f"row {node.row}: the parent ID number {node.parent!r} matches {len(parents)} rows")

    def attach(parent: Node, parent_idnumber: str, depth: int) -> int:
        deepest = depth
        for node in flat.values():
            if php_loose_equal(node.parent, parent_idnumber) if parent_idnumber else node.parent == "":
                parent.children.append(node)
                deepest = max(deepest, attach(node, node.idnumber, depth + 1))
        return deepest

    for start in flat.values():  # a cycle never reaches the framework (and would recurse for ever here)
        node, seen = start, set()
        while node.parent:
            if node.idnumber in seen:
                raise Rejected(f"row {start.row}: {start.idnumber!r} is in a loop of parents, never reached from the framework")
            seen.add(node.idnumber)
            node = next(p for p in flat.values() if php_loose_equal(node.parent, p.idnumber))
    depth = attach(framework, "", 0)
    if len(list(framework.walk())) != len(flat):
        raise Rejected("some rows are not reached from the framework")

    # set_related(): every cross-reference must name another row of this file.
    for node in flat.values():
        for other in node.related:
            if other not in flat:
                raise Rejected(f"row {node.row}: the cross-reference {other!r} is not an ID number in the file; Moodle would ignore it")
            if other == node.idnumber:
                raise Rejected(f"row {node.row}: {node.idnumber!r} is cross-referenced to itself, which Moodle refuses")

    if len(framework.taxonomies) < depth:
        raise Rejected(f"the framework names {len(framework.taxonomies)} taxonomy terms for a tree {depth} levels deep")
    return framework


def _framework(cell: dict[str, str], number: int) -> Framework:
    where = f"row {number} (the framework)"
    if cell["Is framework"] != "1":
        raise Rejected(f"{where}: Is framework is {cell['Is framework']!r}; Moodle's export writes 1")
    _check_text_field(cell["ID number"], "the ID number", where)
    _check_text_field(cell["Short name"], "the short name", where)
    if cell["Parent ID number"] or cell["Cross-referenced competency ID numbers"]:
        raise Rejected(f"{where}: a framework has no parent and no cross-references")
    items = cell["Scale values"].split(",")
    if not cell["Scale values"] or any(not i.strip() for i in items):
        raise Rejected(f"{where}: the scale values {cell['Scale values']!r} are not a comma-separated list of items")
    try:
        config = json.loads(cell["Scale configuration"])
    except json.JSONDecodeError as err:
        raise Rejected(f"{where}: the scale configuration is not JSON: {err}") from None
    if not isinstance(config, list) or not config or not isinstance(config[0], dict):
        raise Rejected(
            f"{where}: the scale configuration must be a JSON array whose first element is an object (Moodle sets scaleid on it)"
        )
    ids = []
    for entry in config[1:]:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), int) or not 1 <= entry["id"] <= len(items):
            raise Rejected(f"{where}: scale configuration entry {entry!r} does not name an item of the scale (1 to {len(items)})")
        ids.append(entry["id"])
    if len(set(ids)) != len(ids):
        raise Rejected(f"{where}: the scale configuration names an item twice")
    if not any(e.get("scaledefault") for e in config[1:]) or not any(e.get("proficient") for e in config[1:]):
        raise Rejected(f"{where}: the scale configuration needs an item that is the default and one that is proficient")
    terms = cell["Taxonomy"].split(",") if cell["Taxonomy"] else []
    for term in terms:
        if term not in TAXONOMY_TERMS:
            raise Rejected(f"{where}: the taxonomy term {term!r} is not one of Moodle's: {sorted(TAXONOMY_TERMS)}")
    return Framework(
        number,
        cell["ID number"],
        cell["Short name"],
        cell["Description"],
        cell["Description format"],
        scale_items=items,
        scale_configuration=config,
        taxonomies=terms,
    )
