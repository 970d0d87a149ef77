"""The rules of :mod:`macros.checker.rules` as a script for the browser checker, published at build time.

The browser engine (``docs/assets/javascripts/pqs-check-engine.js``) holds no
pattern, word, limit, message or table of its own: it reads them from
``globalThis.PQSRules``, which this script sets. The site publishes it as
``assets/javascripts/pqs-check-rules.js``; the tests run the engine with it in
Node and in Chromium and compare every answer with pqs-check's.
"""

from __future__ import annotations

import json

from macros import routes
from macros.checker import rules
from macros.checker.judge import official_links
from macros.core.history import GONE, fates
from macros.core.model import Framework

SCRIPT_PATH = routes.CHECK_RULES_SCRIPT


def rules_data(fw: Framework) -> dict:
    """Everything the browser engine needs to apply the rule, as plain data."""
    return {
        "patterns": rules.PATTERNS,
        "modes": rules.PATTERN_MODES,
        "letters": rules.LETTERS,
        "domain_words": list(rules.DOMAIN_WORDS),
        "pqs_word": rules.PQS_WORD,
        "fold": rules.fold_ranges(),
        "entities": rules.entities(),
        "block_tags": list(rules.BLOCK_TAGS),
        "word_body": rules.WORD_BODY,
        "word_parts": list(rules.WORD_PARTS),
        "verdicts": [list(row) for row in rules.VERDICTS],
        "fate_changes": [*GONE, "later", "reused"],
        "ok": rules.OK,
        "not_recorded": rules.NOT_RECORDED,
        "reused": rules.REUSED,
        "valid": list(rules.VALID),
        "errors": list(rules.ERRORS),
        "notes": rules.NOTES,
        "limits": {
            "max_bytes": int(rules.DEFAULT_MAX_MB * 1_048_576),
            "max_line": rules.DEFAULT_MAX_LINE,
            "max_digits": rules.MAX_DIGITS,
            "shown_max": rules.SHOWN_MAX,
            "where_max": rules.WHERE_MAX,
            "shown_items": rules.SHOWN_ITEMS,
            "head_bytes": rules.HEAD_BYTES,
            "control_ratio": rules.CONTROL_RATIO,
            "header_max_chars": rules.HEADER_MAX_CHARS,
            "header_max_words": rules.HEADER_MAX_WORDS,
            "suggestions": rules.SUGGESTIONS,
        },
        "boms": [[list(bom), label] for bom, _codec, label in rules.BOMS],
        "signatures": [[list(sig), code] for sig, code in rules.SIGNATURES],
        "fallback": rules.FALLBACK_CODEC[1],
        "word_mark": list(rules.WORD_MARK),
        "table_suffixes": list(rules.TABLE_SUFFIXES),
        "text_or_table_suffixes": list(rules.TEXT_OR_TABLE_SUFFIXES),
        "csv_columns": list(rules.CSV_COLUMNS),
        "formula_starts": rules.FORMULA_STARTS,
        "editions": {
            key: {
                "title": e.title,
                "short_title": e.short_title,
                "links": [list(link) for link in official_links(fw, e)],
                # What became of IDs of other editions, judged by this one: [change, older, newer, other, targets].
                "fates": {i: [f.change, f.older, f.newer, f.other, list(f.targets)] for i, f in fates(fw, key).items()},
            }
            for key, e in fw.editions.items()
        },
        "current": fw.current.key,
    }


def rules_script(fw: Framework) -> str:
    """JavaScript that sets globalThis.PQSRules (in a page, a worker or Node)."""
    payload = json.dumps(rules_data(fw), ensure_ascii=False, separators=(",", ":"))
    return (
        "/* The PQS checker's rules, generated at build time from macros/checker/rules.py: do not edit.\n"
        ' * The rule is described for readers in docs/check.md, "How IDs are recognised". */\n'
        f"globalThis.PQSRules = {payload};\n"
    )
