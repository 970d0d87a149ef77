"""Load data/pqs.yaml, check it completely, and build the typed model.

Checking happens in three passes, each collecting every problem it finds:

1. YAML syntax and duplicate keys (:mod:`macros.core.yamlread`; a parse error stops here);
2. the JSON Schema published as data/pqs.schema.json (:mod:`macros.core.schema`);
3. meaning (:mod:`macros.core.build`): every field on its own, unique IDs that agree with their
   parents, references to sources, editions and IDs that resolve, coverage that matches the data,
   and IDs that keep their meaning across editions or say what became of them.

Every problem names the file, the line, the place in the data and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.core import schema, yamlread
from macros.core.build import crosswalks, editions, fields, references
from macros.core.build.context import Context
from macros.core.model import Edition, Event, Framework, Source, Term
from macros.core.problems import DataError, Problem, Problems

__all__ = ["DataError", "Problem", "load"]


def build(data: dict[str, Any], problems: Problems, reserved: frozenset[str] = frozenset()) -> Framework:
    """Pass 3: check the data for meaning and build the framework, or raise DataError with every problem."""
    ctx = Context(problems, crosswalk_keys=frozenset(c["key"] for c in data.get("crosswalks", [])))
    fields.check(data, ctx, reserved)
    for i, raw in enumerate(data["sources"]):
        if raw["key"] in ctx.sources:
            ctx.problem(("sources", i, "key"), f"the source key '{raw['key']}' is used twice", "give each source its own key")
        ctx.sources[raw["key"]] = Source(**raw)

    timeline = tuple(
        Event(raw["date"], raw["text"], ctx.provenance(raw["source"], ("timeline", i, "source")))
        for i, raw in enumerate(data.get("timeline", []))
    )
    if [e.date for e in timeline] != sorted(e.date for e in timeline):
        ctx.problem(("timeline",), "the timeline is not in date order", "order the events oldest first")

    glossary = _glossary(data.get("glossary", []), ctx)
    statuses = editions.statuses(data["statuses"], ctx)
    found: dict[str, Edition] = {}
    for i, raw in enumerate(data["editions"]):
        if raw["key"] in found:
            ctx.problem(("editions", i, "key"), f"the edition key '{raw['key']}' is used twice", "give each edition its own key")
        found[raw["key"]] = editions.edition(raw, ("editions", i), ctx, statuses)
    current_key = data["current_edition"]
    if current_key not in found:
        ctx.problem(("current_edition",), f"no edition has the key '{current_key}'", "use one of: " + ", ".join(found))
        raise DataError(problems.found)
    found = editions.supersessions(data["editions"], found, ctx)

    baselines = crosswalks.baselines(data.get("baselines", []), ctx)
    walks = tuple(crosswalks.crosswalk(raw, ("crosswalks", i), ctx, baselines, found) for i, raw in enumerate(data.get("crosswalks", [])))
    crosswalks.editions_in_order(found, walks, ctx)
    feedback = tuple(references.feedback(raw, ("feedback", i), ctx, found) for i, raw in enumerate(data.get("feedback", [])))
    programmes = tuple(references.programme(raw, ("programmes", i), ctx, found) for i, raw in enumerate(data.get("programmes", [])))
    problems.raise_if_any()
    current = found[current_key]
    return Framework(
        path=problems.file,
        sources=ctx.sources,
        statuses=statuses,
        editions=found,
        current=current,
        timeline=timeline,
        index=current.ids,
        baselines=baselines,
        crosswalks=walks,
        feedback=feedback,
        programmes=programmes,
        glossary=glossary,
    )


def _glossary(raw: list[dict[str, Any]], ctx: Context) -> tuple[Term, ...]:
    """The glossary's terms; two entries may not name one term (in any case), as each has one anchor."""
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw):
        term = Term(
            term=entry["term"],
            meaning=entry["meaning"],
            provenance=ctx.provenance(entry["source"], ("glossary", i, "source")),
            stands_for=entry.get("stands_for"),
            kind=entry.get("kind"),
        )
        if term.anchor in seen:
            ctx.problem(
                ("glossary", i, "term"),
                f"the term '{term.term}' is already defined at glossary[{seen[term.anchor]}]",
                "define each term once (terms that differ only in case or punctuation are one term)",
            )
        seen.setdefault(term.anchor, i)
        terms.append(term)
    return tuple(terms)


# --------------------------------------------------------------------------


def load(
    path: str | Path, display_name: str | None = None, schema_path: str | Path | None = None, reserved: frozenset[str] = frozenset()
) -> Framework:
    """Read, check and build the framework; raise DataError listing every problem.

    ``schema_path`` defaults to ``pqs.schema.json`` beside the data file; ``reserved`` lists names
    the site uses at its top level, which edition and baseline keys must not take.
    """
    path = Path(path)
    file = display_name or str(path)
    schema_file = Path(schema_path) if schema_path else path.with_name("pqs.schema.json")
    text = yamlread.read_text(path, file)  # only a regular file, bounded in size, UTF-8
    data, problems = yamlread.parse(text, file)  # raises DataError on any problem it finds
    if not isinstance(data, dict):
        raise DataError([Problem(file, 1, "(top level)", "the file must be a mapping of fields", "start from the example in README.md")])
    schema.check(data, problems, schema_file)
    problems.raise_if_any()
    return build(data, problems, reserved)
