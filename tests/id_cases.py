"""How pieces of text are read as PQS references: one table for the command-line checker and the browser one.

Each case is (text, column, expected), where column is None for running text,
"ids" or "domains" for a cell of a CSV column of IDs, and expected lists
(as written, status, canonical ID) for every reference found, in order.
The rule is in docs/check.md, "How IDs are recognised".
"""

from __future__ import annotations

OK, NOT_RECORDED, UNKNOWN, MALFORMED = "ok", "not-recorded", "unknown", "malformed"

CASES: list[tuple[str, str | None, list[tuple[str, str, str | None]]]] = [
    # Statement IDs count anywhere, in every usual written form.
    ("3.2 D2", None, [("3.2 D2", OK, "3.2 D2")]),
    ("see 3.2D2.", None, [("3.2D2", OK, "3.2 D2")]),
    ("(3.2-d2)", None, [("3.2-d2", OK, "3.2 D2")]),
    ("3.2_D2 and 3.2 - D2", None, [("3.2_D2", OK, "3.2 D2"), ("3.2 - D2", OK, "3.2 D2")]),
    ("4.2 K13, 4.2 k13", None, [("4.2 K13", OK, "4.2 K13"), ("4.2 k13", OK, "4.2 K13")]),
    ("3.2\u00a0D2", None, [("3.2\u00a0D2", OK, "3.2 D2")]),
    ("Standard 3.2 D2", None, [("3.2 D2", OK, "3.2 D2")]),
    ("link: ../id/3.2-D2/", None, [("3.2-D2", OK, "3.2 D2")]),
    # Bare outcome numbers count after PQS or outcome, and in a list after them.
    ("PQS 3.2", None, [("3.2", OK, "3.2")]),
    ("PQS: 3.2", None, [("3.2", OK, "3.2")]),
    ("PQS-3.2", None, [("3.2", OK, "3.2")]),
    ("pqs3.2", None, [("3.2", OK, "3.2")]),
    ("PQS outcome 3.2", None, [("3.2", OK, "3.2")]),
    ("the outcome 3.2 is", None, [("3.2", OK, "3.2")]),
    ("Outcomes 3.1, 3.2 and 3.3.", None, [("3.1", OK, "3.1"), ("3.2", OK, "3.2"), ("3.3", OK, "3.3")]),
    (
        "PQS 3.1; 3.2 / 3.3 & 4.1 + 4.2 or 4.3",
        None,
        [("3.1", OK, "3.1"), ("3.2", OK, "3.2"), ("3.3", OK, "3.3"), ("4.1", OK, "4.1"), ("4.2", OK, "4.2"), ("4.3", OK, "4.3")],
    ),
    ("PQS 3.1 3.2", None, [("3.1", OK, "3.1"), ("3.2", OK, "3.2")]),
    ("PQS 3.2 D2, 2.5", None, [("3.2 D2", OK, "3.2 D2"), ("2.5", OK, "2.5")]),
    ("PQS 3.2 and outcome 3.3", None, [("3.2", OK, "3.2"), ("3.3", OK, "3.3")]),
    ("PQS domain 3", None, [("3", OK, "3")]),
    ("PQS domains 3 and 4", None, [("3", OK, "3"), ("4", OK, "4")]),
    # A number followed by a unit is never an ID, even in a list after PQS.
    ("PQS 1.1 and 3.2 D2; 1.5 hours", None, [("1.1", OK, "1.1"), ("3.2 D2", OK, "3.2 D2")]),
    ("PQS 3.1, 2.5 million", None, [("3.1", OK, "3.1")]),
    ("PQS 3.2 D2 hours", None, [("3.2 D2", OK, "3.2 D2")]),
    ("outcome 2.5%, PQS 1.2 per cent", None, []),
    # Markup between a cue and its IDs, dashes and unusual spaces that word processors write, lists with doubled separators.
    ("3.2\u2013D2 and 3.2\u2011d2", None, [("3.2\u2013D2", OK, "3.2 D2"), ("3.2\u2011d2", OK, "3.2 D2")]),
    ("4.2\u202fK13, 4.2\u2009K13", None, [("4.2\u202fK13", OK, "4.2 K13"), ("4.2\u2009K13", OK, "4.2 K13")]),
    ("3.9\u2013D2", None, [("3.9\u2013D2", UNKNOWN, "3.9 D2")]),
    ("**PQS** 3.2", None, [("3.2", OK, "3.2")]),
    ("PQS (3.2)", None, [("3.2", OK, "3.2")]),
    ('PQS "3.9"', None, [("3.9", UNKNOWN, "3.9")]),
    ("<b>PQS</b> 3.2 and `PQS 3.3`", None, [("3.2", OK, "3.2"), ("3.3", OK, "3.3")]),
    ("PQS \u201c3.1\u201d", None, [("3.1", OK, "3.1")]),
    ("PQS **3.1**, **3.9**", None, [("3.1", OK, "3.1"), ("3.9", UNKNOWN, "3.9")]),
    ("PQS\u202f3.9", None, [("3.9", UNKNOWN, "3.9")]),
    ("PQS 3.1, 3.2, and 3.3", None, [("3.1", OK, "3.1"), ("3.2", OK, "3.2"), ("3.3", OK, "3.3")]),
    ("PQS 3.1 and/or 3.9", None, [("3.1", OK, "3.1"), ("3.9", UNKNOWN, "3.9")]),
    ("PQS 3.1 (and 3.9)", None, [("3.1", OK, "3.1"), ("3.9", UNKNOWN, "3.9")]),
    ("PQS 3.1 (2.5 hours)", None, [("3.1", OK, "3.1")]),
    ("3.1\n3.9", "ids", [("3.1", OK, "3.1"), ("3.9", UNKNOWN, "3.9")]),
    ("(3.9)", "ids", [("3.9", UNKNOWN, "3.9")]),
    ("- 3.2 D2", "ids", [("3.2 D2", OK, "3.2 D2")]),
    ('"3.9"', "ids", [("3.9", UNKNOWN, "3.9")]),
    # Not references: ordinary numbers, other frameworks' numbering, a course's own outcomes.
    ("2.5 million children", None, []),
    ("version 1.2", None, []),
    ("on 20.03.2025", None, []),
    ("section 3.2 of the handbook", None, []),
    ("3.2 X2", None, []),
    ("v3.2 D2", None, []),
    ("1.3.2 D2", None, []),
    ("3.2 X 2", None, []),
    ("3.2 and 4", None, []),
    ("a 2.5 km walk", None, []),
    ("learning outcome 1.2", None, []),
    ("Learning Outcome 1.2", None, []),
    ("session outcome 1.2, module outcome 2.1, course-outcome 2.2", None, []),
    ("standard 3.2", None, []),
    ("PCF domain 3", None, []),
    ("PQS 2025", None, []),
    ("PQS 3 is", None, []),
    # A statement of a real outcome that this data does not record: not recorded here (not an error).
    ("PQS 3.2 D9", None, [("3.2 D9", NOT_RECORDED, "3.2 D9")]),
    ("3.2 D9", None, [("3.2 D9", NOT_RECORDED, "3.2 D9")]),
    ("3.1 K1", None, [("3.1 K1", NOT_RECORDED, "3.1 K1")]),
    ("1.1 D1", None, [("1.1 D1", NOT_RECORDED, "1.1 D1")]),
    # IDs that cannot exist, in PQS-looking places: unknown or malformed.
    ("PQS 7.1", None, [("7.1", UNKNOWN, "7.1")]),
    ("PQS 3.9", None, [("3.9", UNKNOWN, "3.9")]),
    ("PQS domain 8", None, [("8", UNKNOWN, "8")]),
    ("PQS 3.2 X2", None, [("3.2 X2", MALFORMED, None)]),
    ("PQS 3.02", None, [("3.02", MALFORMED, None)]),
    ("PQS 3.0", None, [("3.0", MALFORMED, None)]),
    ("PQS 0.1", None, [("0.1", MALFORMED, None)]),
    ("PQS 3.2.1", None, [("3.2.1", MALFORMED, None)]),
    ("3.2 D02", None, [("3.2 D02", MALFORMED, None)]),
    ("PQS domain 3 D2", None, [("3 D2", MALFORMED, None)]),
    ("PQS 3..2", None, [("3..2", MALFORMED, None)]),
    # Near misses of a statement ID are malformed wherever they are: a doubled letter, extra dots, a space in the wrong place.
    ("3.2 DD2", None, [("3.2 DD2", MALFORMED, None)]),
    ("PQS 3.2 DD2", None, [("3.2 DD2", MALFORMED, None)]),
    ("3.2 KD2", None, [("3.2 KD2", MALFORMED, None)]),
    ("3.2 D D2", None, [("3.2 D D2", MALFORMED, None)]),
    ("3..2 D2", None, [("3..2 D2", MALFORMED, None)]),
    ("3 .2 D2", None, [("3 .2 D2", MALFORMED, None)]),
    ("3. 2 D2", None, [("3. 2 D2", MALFORMED, None)]),
    ("3.2 D 2", None, [("3.2 D 2", MALFORMED, None)]),
    ("3.2 d-2", None, [("3.2 d-2", MALFORMED, None)]),
    ("3.2-K_13", None, [("3.2-K_13", MALFORMED, None)]),
    ("PQS 3.1, 3.2 D 2 and 3.3", None, [("3.1", OK, "3.1"), ("3.2 D 2", MALFORMED, None), ("3.3", OK, "3.3")]),
    ("see 3.2 D2 and 3.2 DD2", None, [("3.2 D2", OK, "3.2 D2"), ("3.2 DD2", MALFORMED, None)]),
    ("3.2 DD2", "ids", [("3.2 DD2", MALFORMED, None)]),
    # Anything glued to the end of an ID makes it a near miss, wherever it is: letters, digits or dotted digits.
    ("3.2 D2a", None, [("3.2 D2a", MALFORMED, None)]),
    ("3.2 D2.1", None, [("3.2 D2.1", MALFORMED, None)]),
    ("PQS 3.2x", None, [("3.2x", MALFORMED, None)]),
    ("3.2 D2a and 3.2 D2.1", None, [("3.2 D2a", MALFORMED, None), ("3.2 D2.1", MALFORMED, None)]),
    ("3.2 D2D", None, [("3.2 D2D", MALFORMED, None)]),
    ("3.2 D2s", None, [("3.2 D2s", MALFORMED, None)]),
    ("3.2 DD2s", None, [("3.2 DD2s", MALFORMED, None)]),
    ("PQS 3.2 D2a", None, [("3.2 D2a", MALFORMED, None)]),
    ("outcome 3.2 D2x", None, [("3.2 D2x", MALFORMED, None)]),
    ("3.2 DD3.2 DD", None, [("3.2 DD3.2", MALFORMED, None)]),
    ("PQS 3.2x and 3.3", None, [("3.2x", MALFORMED, None), ("3.3", OK, "3.3")]),
    ("PQS domain 3a", None, [("3a", MALFORMED, None)]),
    ("3.2d2b", "ids", [("3.2d2b", MALFORMED, None)]),
    ("3.2 D9z", None, [("3.2 D9z", MALFORMED, None)]),
    # An ID may end a sentence, and stands apart from a course's own numbering after "outcome".
    ("see 3.2 D2. Then", None, [("3.2 D2", OK, "3.2 D2")]),
    ("Outcome 1a: plan", None, []),
    # A huge number is an unknown ID, not a reason to skip the file.
    ("PQS " + "9" * 5000 + ".1", None, [("9" * 5000 + ".1", UNKNOWN, "9" * 5000 + ".1")]),
    ("3." + "1" * 40 + " D2", None, [("3." + "1" * 40 + " D2", UNKNOWN, "3." + "1" * 40 + " D2")]),
    # Cells of a CSV column of IDs.
    ("3.1, 3.2 D2", "ids", [("3.1", OK, "3.1"), ("3.2 D2", OK, "3.2 D2")]),
    ("  6.4", "ids", [("6.4", OK, "6.4")]),
    ("7.1", "ids", [("7.1", UNKNOWN, "7.1")]),
    ("3.2 X2", "ids", [("3.2 X2", MALFORMED, None)]),
    ("3", "ids", []),
    ("3", "domains", [("3", OK, "3")]),
    ("see PQS 2.1", "ids", [("2.1", OK, "2.1")]),
    ("TBC", "ids", []),
]

# Bare decimals that scan() finds but does not count; the checkers show those that are outcome numbers as a hint.
BARE_CASES: list[tuple[str, list[str]]] = [
    ("2.5 million children, version 1.2", ["1.2"]),
    ("Misc 3.3 and 9.9", ["3.3", "9.9"]),
    ("PQS 3.1 and 3.2", []),
    ("20.03.2025", []),
]
