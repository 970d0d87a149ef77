"""The Moodle competency framework CSV, read by an oracle of Moodle's importer (tests/moodle_importer.py).

What the importer does was read from Moodle's source, repository moodle/moodle:

* ``admin/tool/lpimportcsv/classes/framework_importer.php``: the 14 header
  strings (``list_required_headers``), columns mapped by position, the
  framework row found by ``Is framework``, ID number and short name cleaned
  (``PARAM_TEXT``) and cut to 100 characters (``shorten_text``), the tree built
  by ``add_children`` with PHP's ``==`` from an empty parent down, rows with an
  empty ID number or short name skipped (``create_competency``),
  cross-references split on commas with ``%2C`` for a comma and unknown ones
  ignored (``set_related``), ``scaleid`` set on element 0 of the scale
  configuration (``get_scale_configuration``), a site scale reused when its
  items match ``Scale values`` exactly (``get_scale_id``);
* ``admin/tool/lpimportcsv/classes/framework_exporter.php``: the same columns
  as Moodle writes them (framework row first, ``1`` in ``Is framework``, rule
  outcome ``0`` and rule config ``null`` for a competency without a rule);
* ``admin/tool/lpimportcsv/lang/en/tool_lpimportcsv.php``: the header strings
  and "File format is invalid.";
* ``admin/tool/lpimportcsv/classes/form/import.php`` and ``settings.php``: the
  form's delimiter and encoding, and its place under Site administration →
  Competencies → Import competency framework;
* ``lib/csvlib.class.php``: one UTF-8 byte-order mark removed, line ends
  normalised, ``fgetcsv`` with a backslash escape, a row of the wrong width
  rejected;
* ``competency/classes/competency_framework.php``, ``competency.php`` and
  ``related_competency.php``: the taxonomy terms, the scale configuration's
  rules, unique ID numbers, no competency related to itself.

/work/shared/MOODLE-CSV.md summarises the same, and each of its details was
checked against these files. It holds, with these corrections and additions:
the parent is not matched "exactly" but with PHP's loose ``==`` (so ``1.1``
equals ``1.10``: our ID numbers carry a ``PQS `` prefix, which keeps them from
being numbers); ``create_competency`` tests with PHP's ``empty()``, so an ID
number or short name ``0`` is skipped too, and a skipped row takes its children
with it; ``shorten_text`` cuts at a word and adds "...", after ``PARAM_TEXT`` has
stripped tags; the delimiter defaults to semicolon where the site's language
uses ``;`` as its list separator; the CSV reader removes a byte-order mark and
takes a backslash as an escape; an unknown cross-reference is ignored and one to
the row itself fails; ID numbers must be unique (a framework's on the site, a
competency's in its framework).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re

import moodle_importer as moodle_import
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from macros.core import ids
from macros.core.model import Edition, Statement
from macros.render import exports, moodle
from macros.routes import Routes


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _file(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


# The consultation draft's file: what these tests check of it (the KSS branch, a statement cut to fit) is the
# draft's, and stays true when a later edition is current (tests/test_rehearsal.py).
DRAFT = "draft-2025"


@pytest.fixture(scope="module")
def draft(framework):
    return framework.editions[DRAFT]


@pytest.fixture(scope="module")
def real(framework, draft) -> bytes:
    return moodle.framework_csv(framework, draft).encode("utf-8")


@pytest.fixture(scope="module")
def tree(real) -> moodle_import.Framework:
    return moodle_import.read(real)


# -- first, the oracle fails on broken files --------------------------------------------------


def _set(row: int, column: str, value: str):
    def damage(rows):
        rows[row][moodle_import.HEADERS.index(column)] = value

    return damage


def _drop(row: int):
    return lambda rows: rows.pop(row)


def _numeric_twins(rows):
    # Two outcomes numbered as PHP's == sees them equal, without the PQS prefix: 1.1 and 1.10.
    rows.append(["PQS 1", "1.1", "1.1 an outcome", "<p>x</p>", "1", "", "", "", "0", "null", "", "", "", ""])
    rows.append(["PQS 1", "1.10", "1.10 an outcome", "<p>x</p>", "1", "", "", "", "0", "null", "", "", "", ""])


BROKEN = {
    "no framework row": (_drop(1), "no framework row: File format is invalid."),
    "a dangling parent": (_set(3, "Parent ID number", "PQS 99"), "parent ID number 'PQS 99'"),
    "a 101-character ID number": (_set(3, "ID number", "PQS " + "1" * 97), "has 101 characters"),
    "a cross-reference to an ID not in the file": (
        _set(3, "Cross-referenced competency ID numbers", "kss-2018:nowhere"),
        "not an ID number in the file",
    ),
    "a 101-character short name": (_set(3, "Short name", "x" * 101), "has 101 characters"),
    "an empty short name": (_set(3, "Short name", ""), "empty()"),
    "the ID number 0": (_set(3, "ID number", "0"), "empty()"),
    "a repeated ID number": (_set(4, "ID number", "PQS 1.1"), "also on row"),
    "ID numbers differing only in case": (_set(4, "ID number", "pqs 1.1"), "only in case"),
    "ID numbers equal to PHP's ==": (_numeric_twins, "equals '1.1' to PHP's =="),
    "a header in another order": (lambda rows: rows[0].reverse(), "the header is"),
    "a header with Moodle 3.0's spelling": (_set(0, "ID number", "Id number"), "the header is"),
    "a row one field short": (lambda rows: rows[3].pop(), "has 13 fields"),
    "a second framework row": (lambda rows: rows.insert(2, list(rows[1])), "a second framework row"),
    "a taxonomy term not in Moodle's set": (_set(1, "Taxonomy", "domain,topic,indicator"), "taxonomy term 'topic'"),
    "too few taxonomy terms": (_set(1, "Taxonomy", "domain,outcome"), "2 taxonomy terms for a tree 3 levels deep"),
    "scale configuration not an array": (_set(1, "Scale configuration", '{"scaleid":"0"}'), "must be a JSON array"),
    "scale configuration without a proficient item": (
        _set(1, "Scale configuration", '[{"scaleid":"0"},{"id":1,"scaledefault":1,"proficient":0}]'),
        "one that is proficient",
    ),
    "scale configuration naming a third item of two": (
        _set(1, "Scale configuration", '[{"scaleid":"0"},{"id":3,"scaledefault":1,"proficient":1}]'),
        "does not name an item",
    ),
    "description format 3": (_set(3, "Description format", "3"), "description format '3'"),
    "markup that runs in a description": (_set(3, "Description", "<p>a</p><script>alert(1)</script>"), "tag <script>"),
    "a relative link in a description": (_set(3, "Description", '<p><a href="id/1.1/">x</a></p>'), "not an absolute web address"),
    "a tag in a short name": (_set(3, "Short name", "1.1 <b>bold</b>"), "PARAM_TEXT may strip"),
    "a backslash": (_set(3, "Short name", 'a \\" b'), "backslash"),
    "a competency related to itself": (_set(3, "Cross-referenced competency ID numbers", "PQS 1.1"), "to itself"),
    "a loop of parents": (
        lambda rows: (_set(2, "Parent ID number", "PQS 1.1")(rows), _set(3, "Parent ID number", "PQS 1")(rows)),
        "loop of parents",
    ),
}


def test_the_rows_the_damage_is_done_to(real):
    rows = _rows(real)
    assert rows[1][moodle_import.HEADERS.index("Is framework")] == "1"
    assert [rows[i][1] for i in (2, 3, 4)] == ["PQS 1", "PQS 1.1", "PQS 1.2"]
    assert moodle_import.read(_file(rows)).idnumber == f"PQS {DRAFT}"  # re-written undamaged, it passes


@pytest.mark.parametrize("name", list(BROKEN))
def test_the_oracle_rejects_a_broken_file(real, name):
    damage, message = BROKEN[name]
    rows = _rows(real)
    damage(rows)
    with pytest.raises(moodle_import.Rejected) as err:
        moodle_import.read(_file(rows))
    assert message in str(err.value)


def test_the_byte_order_mark_is_one_moodle_removes(real):
    assert real.startswith(codecs.BOM_UTF8) and not real.startswith(codecs.BOM_UTF8 * 2)
    assert _rows(real)[0][0] == "Parent ID number"
    # Moodle's reader removes one mark; a second would stay in the first column's name.
    with pytest.raises(moodle_import.Rejected, match="the header is"):
        moodle_import.read(codecs.BOM_UTF8 + real)
    moodle_import.read(real.removeprefix(codecs.BOM_UTF8))  # and the file reads the same without one


# -- then the real export passes, and builds the edition's tree -------------------------------


def test_the_file_has_exactly_moodles_columns_framework_row_first(real):
    rows = _rows(real)
    assert rows[0] == moodle.HEADERS == moodle_import.HEADERS
    assert all(len(r) == 14 for r in rows)
    assert [r[12] for r in rows[1:]] == ["1"] + [""] * (len(rows) - 2)
    assert real.decode("utf-8-sig").endswith("\r\n")


def test_the_tree_is_the_edition(tree, framework, draft):
    edition = draft
    baselines = list(framework.baselines.values())
    assert [n.idnumber for n in tree.children] == [f"PQS {d.id}" for d in edition.domains] + [b.key for b in baselines]
    seen = []
    for d_node, domain in zip(tree.children, edition.domains, strict=False):
        assert d_node.shortname == f"Domain {domain.id}: {domain.title}"
        assert f"Domain {domain.id}: {domain.title}" in d_node.text()
        assert [o.idnumber for o in d_node.children] == [f"PQS {o.id}" for o in domain.outcomes]
        for o_node, outcome in zip(d_node.children, domain.outcomes, strict=True):
            assert o_node.parent == d_node.idnumber
            assert f"Outcome {outcome.id}: {' '.join(outcome.text.split())}" in o_node.text()
            assert [s.idnumber for s in o_node.children] == [moodle.idnumber(s) for s in outcome.statements]
            for s_node, statement in zip(o_node.children, outcome.statements, strict=True):
                assert s_node.parent == o_node.idnumber and not s_node.children
                assert " ".join(statement.text.split()) in s_node.text()
                seen.append(s_node.idnumber)
    assert len(seen) == len(set(seen)) == len(edition.statements) == 14
    everything = [n.idnumber for n in tree.walk()]
    assert (
        len(everything)
        == len(set(everything))
        == len(edition.domains) + len(edition.outcomes) + 14 + sum(1 + len(b.areas) for b in baselines)
    )


def test_id_numbers_are_the_pqs_ids_and_unnumbered_ones_cannot_pass_for_one(tree, draft):
    for item_id in draft.index():
        node = tree.find(f"PQS {item_id}")
        assert ids.canonical(node.idnumber) in (item_id, None)  # the checker reads "PQS 3.2 D2" as 3.2 D2
    unnumbered = [n for n in tree.walk() if "unnumbered" in n.idnumber]
    assert [n.idnumber for n in unnumbered] == [f"PQS 3.1 unnumbered {s.key}" for s in draft.ids["3.1"].statements]
    for node in unnumbered:
        assert ids.canonical(node.idnumber) is None and not ids.STATEMENT_RE.search(node.idnumber)
        assert f"The ID number {node.idnumber} is the site's own, not an official PQS ID." in node.text()
        assert "quoted without its official number" in node.text()
    # No ID number is a number to PHP, so its == never confuses two of them.
    assert not [n.idnumber for n in tree.walk() if re.match(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$", n.idnumber)]


def test_short_names_fit_and_full_text_is_in_the_description(tree, draft):
    for node in [tree, *tree.walk()]:
        assert 0 < len(node.shortname) <= 100 and len(node.idnumber) <= 100
    cut = tree.find("PQS 4.2 K13")
    statement = draft.ids["4.2 K13"]
    assert len(cut.shortname) <= 100 and cut.shortname.endswith("…") and cut.shortname.startswith("4.2 K13 experiencing challenges")
    assert statement.text in cut.text()
    whole = tree.find("PQS 5.2 K2")
    assert whole.shortname == "5.2 K2 thresholds define the boundaries of the role and function of statutory social work"


def test_every_description_says_where_its_text_came_from(tree, framework, draft):
    items = {f"PQS {i}": item for i, item in draft.index().items()}
    items.update({moodle.idnumber(s): s for s in draft.statements})
    for node in tree.walk():
        if node.idnumber in items:
            prov = items[node.idnumber].provenance
        else:
            baseline = framework.baselines[node.idnumber.split(":")[0]]
            area = next((a for a in baseline.areas if node.idnumber.endswith(":" + a.key)), None)
            prov = area.provenance if area else baseline.provenance
        assert f"Source: {prov.source.publisher}, {prov.source.title}" in node.text(), node.idnumber
        assert prov.at in node.text(), node.idnumber


def test_the_framework_row(tree, draft):
    edition = draft
    assert (tree.idnumber, tree.shortname) == (f"PQS {DRAFT}", edition.title)
    text = tree.text()
    assert f"{edition.title}. Status: Consultation draft. Published 20 March 2025 by Department for Education." in text
    assert exports.ATTRIBUTION in text and "Open Government Licence v3.0" in text and "© Crown copyright 2025" in text
    assert "not published or endorsed by the Department for Education" in text
    assert "The rating scale (Not yet competent, Competent) is Moodle's, not part of the standards." in text
    assert tree.scale_items == ["Not yet competent", "Competent"]
    assert tree.scale_configuration == [
        {"scaleid": "0"},
        {"id": 1, "scaledefault": 1, "proficient": 0},
        {"id": 2, "scaledefault": 0, "proficient": 1},
    ]
    assert tree.taxonomies == ["domain", "outcome", "indicator"]


def test_kss_areas_are_a_branch_of_their_own_and_cross_references_come_from_the_crosswalk(tree, framework, draft):
    baseline = framework.baselines["kss-2018"]
    crosswalk = next(c for c in framework.crosswalks if c.source == "kss-2018")
    root = tree.children[-1]
    assert root.idnumber == "kss-2018" and root.parent == ""
    assert root.shortname == "Knowledge and Skills Statements (KSS): areas, for cross-reference only"
    worded = [a for a in baseline.areas if a.text]
    assert f"Not part of the {draft.title}." in root.text()
    assert f"The titles of its {len(baseline.areas)} areas are recorded here, and the text of {len(worded)} of them." in root.text()
    assert [(a.idnumber, a.shortname) for a in root.children] == [(f"kss-2018:{a.key}", a.title) for a in baseline.areas]
    for node, area in zip(root.children, baseline.areas, strict=True):
        assert not node.children
        if area.text is None:
            assert "Only the title of this area is recorded here." in node.text()
        else:  # the area's own words, and the copy they are quoted from
            for words in (*area.text.paragraphs, *area.text.points):
                assert " ".join(words.split()) in node.text()
            assert f"as reproduced by:Source: {area.text.provenance.source.publisher}" in node.text()
    # Cross-references: exactly the crosswalk's links, on the PQS side.
    expected: dict[str, list[str]] = {}
    for link in crosswalk.links:
        expected.setdefault(f"PQS {link.target}", []).append(f"kss-2018:{link.source}")
    found = {n.idnumber: n.related for n in tree.walk() if n.related}
    assert found == expected
    assert found["PQS 4.2 K13"] == ["kss-2018:child-development", "kss-2018:adult-issues"]
    assert "Relationships and effective direct work (Knowledge and Skills Statements (KSS), carried over)" in tree.find("PQS 2.3").text()
    assert "not an official mapping" in tree.find("PQS 2.3").text()
    assert "3.2 D2 (narrowed: Applying knowledge of legislation" in tree.find("kss-2018:law-and-justice").text()
    assert not root.related and not [a for a in root.children if a.related]


def test_links_are_written_as_text_until_the_site_address_is_known(framework, draft):
    relative = moodle_import.read(moodle.framework_csv(framework, draft).encode())
    node = relative.find("PQS 3.2 D2")
    assert "On the PQS reference site: draft-2025/3.2-D2/ (relative to the site's address)." in node.text()
    assert 'href="draft-2025/' not in node.description
    absolute = moodle_import.read(moodle.framework_csv(framework, draft, site_url="https://example.org/pqs").encode())
    node = absolute.find("PQS 3.2 D2")
    assert '<a href="https://example.org/pqs/draft-2025/3.2-D2/">https://example.org/pqs/draft-2025/3.2-D2/</a>' in node.description
    unnumbered = absolute.find("PQS 3.1 unnumbered confirmation-bias")
    page = Routes(framework.current.key).url(next(s for s in draft.statements if s.key == "confirmation-bias"))
    assert f'href="https://example.org/pqs/{page}"' in unnumbered.description  # its place on the draft's own page
    assert '(<a href="https://example.org/pqs/">https://example.org/pqs/</a>)' in absolute.description


# -- whatever the data says, the file still imports whole and as written ----------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \t\n\\<>&\"',=@%"), min_size=1, max_size=300).filter(
    lambda t: t.strip()
)


def _with_statement(edition: Edition, anchor: str, **changes: str) -> Edition:
    def statement(s: Statement) -> Statement:
        return dataclasses.replace(s, **changes) if s.anchor == anchor else s

    domains = tuple(
        dataclasses.replace(d, outcomes=tuple(dataclasses.replace(o, statements=tuple(map(statement, o.statements))) for o in d.outcomes))
        for d in edition.domains
    )
    return dataclasses.replace(edition, domains=domains)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, key=st.from_regex(r"\A[a-z0-9]{1,40}(-[a-z0-9]{1,40}){0,4}\Z"))
@example(text='<script>alert(1)</script> a \\" b \\', key="k")
@example(text="0", key="-".join(["x" * 40] * 5))
@example(text='=1+1 & &amp; %2C, "quoted"\r\n' + "word " * 40, key="k")
def test_any_statement_text_and_key_import_as_written(framework, text, key):
    draft = framework.editions[DRAFT]
    assume(key not in {s.key for s in draft.statements})
    edition = _with_statement(draft, "3.1-confirmation-bias", text=text, key=key)
    edition = _with_statement(edition, "4.2-K13", text=text)
    read = moodle_import.read(moodle.framework_csv(framework, edition).encode())
    flat_text = " ".join(text.split())
    unnumbered = read.find(moodle.idnumber(next(s for s in edition.statements if s.key == key)))
    assert len(unnumbered.idnumber) <= 100 and unnumbered.idnumber.startswith("PQS 3.1 unnumbered ")
    for node in (unnumbered, read.find("PQS 4.2 K13")):
        assert flat_text in node.text()
        assert 0 < len(node.shortname) <= 100


@given(label=_TEXT)
@example(label="0")
@example(label="<b>" + "x" * 120)
@example(label="word " * 30)
def test_short_names_always_fit(label):
    name = moodle.short_name(label, "fallback")
    assert 0 < len(name) <= 100 and "<" not in name and "\\" not in name and name != "0"
    flat = " ".join(label.split())
    if len(flat) <= 100 and flat != "0":
        assert name == flat.translate(str.maketrans({"<": "‹", ">": "›", "\\": "⧵"}))


@given(a=st.text(min_size=1, max_size=400), b=st.text(min_size=1, max_size=400))
def test_long_id_numbers_are_cut_apart(a, b):
    assert len(moodle.fit(a)) <= 100
    assert (moodle.fit(a) == moodle.fit(b)) == (a == b)


def test_a_source_line_keeps_the_space_before_its_date_and_the_example_id_its_space(real):
    """'Source: Cafcass, <em>…</em> (2025), Question 13.' and 'for example "PQS 2.5 D4"': the spaces the
    paragraph builder trimmed as if they were data (it flattens every argument)."""
    raw = real.decode("utf-8-sig")
    assert "</em>(" not in raw and "</em> (" in raw
    assert re.search(r'for example ""PQS \d+\.\d+', raw), "the example ID has its space after PQS"
    assert not re.search(r"PQS\d", raw)
