"""Load data/pqs.yaml, check it completely, and build the typed model.

Checking happens in three passes, each collecting every problem it finds:

1. YAML syntax and duplicate keys (:mod:`macros.core.yamlread`; a parse error stops here);
2. the JSON Schema published as data/pqs.schema.json (:mod:`macros.core.schema`);
3. meaning, here: unique IDs, IDs that agree with their parents, references to
   sources, editions and IDs that resolve, coverage that matches the data.

Every problem names the file, the line, the place in the data and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.core import ids, schema, yamlread
from macros.core.model import (
    Area,
    Baseline,
    Crosswalk,
    Domain,
    Edition,
    Event,
    Feedback,
    Framework,
    Length,
    Link,
    Meaning,
    Module,
    NewItem,
    Outcome,
    Programme,
    Provenance,
    RetiredId,
    Source,
    Statement,
    Supersession,
    Thinner,
)
from macros.core.problems import DataError, PathT, Problem, Problems

__all__ = ["DataError", "Problem", "load"]

# Stands in for a source key that names no source, which is reported as a problem: the model is never built with it.
_UNKNOWN_SOURCE = Source(key="?", title="?", publisher="?", official=False, seed="?")


class _Builder:
    def __init__(self, data: dict[str, Any], problems: Problems):
        self.data = data
        self.problems = problems
        self.sources: dict[str, Source] = {}

    def problem(self, path: PathT, message: str, fix: str) -> None:
        self.problems.add(path, message, fix)

    def provenance(self, raw: dict[str, Any], path: PathT) -> Provenance:
        """The source a ``{ref, at}`` names; an unknown key is a problem (the build stops before the model is used)."""
        source = self.sources.get(raw["ref"])
        if source is None:
            self.problem(
                (*path, "ref"),
                f"unknown source '{raw['ref']}'",
                "use the key of an entry under sources: " + ", ".join(self.sources),
            )
            return Provenance(_UNKNOWN_SOURCE, raw["at"])
        return Provenance(source, raw["at"])

    def build(self) -> Framework:
        data = self.data
        for i, raw in enumerate(data["sources"]):
            if raw["key"] in self.sources:
                self.problem(("sources", i, "key"), f"the source key '{raw['key']}' is used twice", "give each source its own key")
            self.sources[raw["key"]] = Source(**raw)

        timeline = tuple(
            Event(raw["date"], raw["text"], self.provenance(raw["source"], ("timeline", i, "source")))
            for i, raw in enumerate(data.get("timeline", []))
        )
        dates = [event.date for event in timeline]
        if dates != sorted(dates):
            self.problem(("timeline",), "the timeline is not in date order", "order the events oldest first")

        editions: dict[str, Edition] = {}
        for i, raw in enumerate(data["editions"]):
            path = ("editions", i)
            if raw["key"] in editions:
                self.problem((*path, "key"), f"the edition key '{raw['key']}' is used twice", "give each edition its own key")
            editions[raw["key"]] = self.edition(raw, path)

        current_key = data["current_edition"]
        if current_key not in editions:
            self.problem(("current_edition",), f"no edition has the key '{current_key}'", "use one of: " + ", ".join(editions))
            raise DataError(self.problems.found)
        current = editions[current_key]
        for i, raw in enumerate(data["editions"]):
            sup = raw.get("superseded_by", {}).get("edition")
            if sup and sup not in editions:
                self.problem(
                    ("editions", i, "superseded_by", "edition"), f"no edition has the key '{sup}'", "use one of: " + ", ".join(editions)
                )

        retired = self.retired(data.get("retired_ids", []), editions, current)
        baselines = self.baselines(data.get("baselines", []), editions)
        crosswalks = tuple(self.crosswalk(raw, ("crosswalks", i), baselines, editions) for i, raw in enumerate(data.get("crosswalks", [])))
        index = current.index()
        feedback = tuple(self.feedback(raw, ("feedback", i), index) for i, raw in enumerate(data.get("feedback", [])))
        programmes = tuple(self.programme(raw, ("programmes", i), index) for i, raw in enumerate(data.get("programmes", [])))
        if self.problems.found:
            raise DataError(self.problems.found)
        return Framework(
            path=self.problems.file,
            sources=self.sources,
            editions=editions,
            current=current,
            timeline=timeline,
            retired=retired,
            index=index,
            baselines=baselines,
            crosswalks=crosswalks,
            feedback=feedback,
            programmes=programmes,
        )

    def length(self, raw: dict[str, Any] | None, path: PathT) -> Length | None:
        if not raw:
            return None
        return Length(raw["pages"], self.provenance(raw["source"], (*path, "source")))

    def baselines(self, raws: list[dict[str, Any]], editions: dict[str, Edition]) -> dict[str, Baseline]:
        found: dict[str, Baseline] = {}
        for i, raw in enumerate(raws):
            path = ("baselines", i)
            if raw["key"] in found or raw["key"] in editions:
                self.problem(
                    (*path, "key"), f"the key '{raw['key']}' is already used by another baseline or edition", "give each its own key"
                )
            areas, keys = [], set()
            for a, area in enumerate(raw["areas"]):
                if area["key"] in keys:
                    self.problem(
                        ("baselines", i, "areas", a, "key"), f"the area key '{area['key']}' is used twice", "give each area its own key"
                    )
                keys.add(area["key"])
                areas.append(
                    Area(
                        key=area["key"],
                        title=area["title"],
                        summary=area["summary"],
                        provenance=self.provenance(area["source"], (*path, "areas", a, "source")),
                        baseline=raw["key"],
                        note=area.get("note"),
                    )
                )
            official = raw.get("official")
            found[raw["key"]] = Baseline(
                key=raw["key"],
                title=raw["title"],
                short_title=raw["short_title"],
                provenance=self.provenance(raw["source"], (*path, "source")),
                areas=tuple(areas),
                published=raw.get("published"),
                official=self.provenance(official, (*path, "official")) if official else None,
                length=self.length(raw.get("length"), (*path, "length")),
            )
        return found

    def crosswalk(self, raw: dict[str, Any], path: PathT, baselines: dict[str, Baseline], editions: dict[str, Edition]) -> Crosswalk:
        """Check that every link resolves and that both sides are fully accounted for."""
        target = editions.get(raw["to"])
        if target is None:
            self.problem((*path, "to"), f"no edition has the key '{raw['to']}'", "use one of: " + ", ".join(editions))
        if raw["from"] in baselines:
            sources = {area.key: area.title for area in baselines[raw["from"]].areas}
            required = list(sources)
            what = f"area of '{raw['from']}'"
        elif raw["from"] in editions:
            sources = {k: "" for k in editions[raw["from"]].index()}
            required = [o.id for o in editions[raw["from"]].outcomes]
            what = f"ID of edition '{raw['from']}'"
        else:
            self.problem(
                (*path, "from"), f"no baseline or edition has the key '{raw['from']}'", "use one of: " + ", ".join([*baselines, *editions])
            )
            sources, required = {}, []
            what = "source"
        targets = target.index() if target else {}

        def check_source(value: str, where: PathT) -> None:
            if sources and value not in sources:
                self.problem(where, f"'{value}' is not an {what}", "use one of: " + ", ".join(sources))

        def check_target(value: str, where: PathT) -> None:
            if target and value not in targets:
                self.problem(
                    where, f"'{value}' is not an ID of edition '{target.key}'", "check the ID against the edition's outcomes and statements"
                )

        links, seen = [], set()
        for i, link in enumerate(raw["links"]):
            lpath = (*path, "links", i)
            check_source(link["from"], (*lpath, "from"))
            check_target(link["to"], (*lpath, "to"))
            if (link["from"], link["to"]) in seen:
                self.problem(lpath, f"the link {link['from']} → {link['to']} is listed twice", "keep one of them")
            seen.add((link["from"], link["to"]))
            links.append(Link(link["from"], link["to"], link["type"], link["rationale"]))
        thinner = []
        for i, item in enumerate(raw.get("thinner", [])):
            tpath = (*path, "thinner", i)
            check_source(item["from"], (*tpath, "from"))
            provs = tuple(self.provenance(p, (*tpath, "sources", j)) for j, p in enumerate(item.get("sources", [])))
            thinner.append(Thinner(item["from"], item["note"], provs))
        new = []
        for i, item in enumerate(raw.get("new", [])):
            npath = (*path, "new", i)
            check_target(item["id"], (*npath, "id"))
            prov = self.provenance(item["source"], (*npath, "source")) if item.get("source") else None
            new.append(NewItem(item["id"], item["note"], prov))
        # Both sides accounted for.
        accounted = {link.source for link in links} | {link.source.split(" ")[0] for link in links} | {t.source for t in thinner}
        noun = "area" if raw["from"] in baselines else "outcome"
        for key in required:
            if key not in accounted:
                self.problem(
                    (*path, "links"),
                    f"the {noun} '{key}' has no link and no 'thinner' entry",
                    f"add a link from '{key}' to the outcomes that carry it, or a thinner entry saying it has no clear home",
                )
        if target:
            new_ids = {n.id for n in new}
            for outcome in target.outcomes:
                linked = any(link.target == outcome.id or link.target.split(" ")[0] == outcome.id for link in links)
                if linked and outcome.id in new_ids:
                    self.problem(
                        (*path, "new"),
                        f"outcome {outcome.id} is listed as new but has a link",
                        f"delete its new entry, or the link to {outcome.id}",
                    )
                elif not linked and outcome.id not in new_ids:
                    self.problem(
                        (*path, "new"),
                        f"outcome {outcome.id} has no ancestor and is not listed as new",
                        f"add a link to {outcome.id}, or a new entry for it with a note",
                    )
        return Crosswalk(raw["key"], raw["from"], raw["to"], raw["basis"], tuple(links), tuple(thinner), tuple(new))

    def feedback(self, raw: dict[str, Any], path: PathT, index: dict[str, Any]) -> Feedback:
        for i, item_id in enumerate(raw["about"]):
            if item_id != "framework" and item_id not in index:
                self.problem(
                    (*path, "about", i),
                    f"'{item_id}' is not an ID of the current edition",
                    "use an ID the current edition has, or framework",
                )
        return Feedback(tuple(raw["about"]), self.provenance(raw["source"], (*path, "source")), raw["summary"])

    def programme(self, raw: dict[str, Any], path: PathT, index: dict[str, Any]) -> Programme:
        modules = []
        for m, module in enumerate(raw["modules"]):
            for i, item_id in enumerate(module["covers"]):
                if item_id not in index:
                    self.problem(
                        (*path, "modules", m, "covers", i),
                        f"'{item_id}' is not an ID of the current edition",
                        "use an ID the current edition has",
                    )
            modules.append(Module(module["title"], tuple(module["covers"])))
        return Programme(raw["key"], raw["title"], raw["note"], tuple(modules))

    def edition(self, raw: dict[str, Any], path: PathT) -> Edition:
        seen: dict[str, PathT] = {}
        domains = []
        for d, raw_domain in enumerate(raw["domains"]):
            dpath = (*path, "domains", d)
            expected = str(d + 1)
            if raw_domain["id"] != expected:
                self.problem(
                    (*dpath, "id"),
                    f"domain {raw_domain['id']} is in position {expected}",
                    f'number domains 1, 2, 3 … in order: this one should be "{expected}", or move it',
                )
            domains.append(self.domain(raw_domain, dpath, seen, raw["key"]))
        meanings = {
            kind: Meaning(m["text"], self.provenance(m["source"], (*path, "meanings", kind, "source")))
            for kind, m in raw.get("meanings", {}).items()
        }
        sup_raw = raw.get("superseded_by")
        sup = None
        if sup_raw:
            sup = Supersession(
                title=sup_raw["title"],
                published=sup_raw["published"],
                applies_from=sup_raw.get("applies_from"),
                edition=sup_raw.get("edition"),
                provenance=self.provenance(sup_raw["source"], (*path, "superseded_by", "source")),
            )
        return Edition(
            key=raw["key"],
            title=raw["title"],
            short_title=raw["short_title"],
            status=raw["status"],
            published=raw["published"],
            licence=raw["licence"],
            provenance=self.provenance(raw["source"], (*path, "source")),
            domains=tuple(domains),
            consultation_closes=raw.get("consultation_closes"),
            applies_from=raw.get("applies_from"),
            copyright=raw.get("copyright"),
            superseded_by=sup,
            meanings=meanings,
            length=self.length(raw.get("length"), (*path, "length")),
        )

    def _unique(self, item_id: str, path: PathT, seen: dict[str, PathT]) -> None:
        if item_id in seen:
            first = self.problems.line(seen[item_id])
            self.problem(
                (*path, "id"),
                f"the ID '{item_id}' is already used at line {first}",
                "IDs are unique within an edition: correct the number, or delete the duplicate",
            )
        else:
            seen[item_id] = path

    def domain(self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT], edition: str) -> Domain:
        self._unique(raw["id"], path, seen)
        outcomes = []
        for o, raw_outcome in enumerate(raw["outcomes"]):
            opath = (*path, "outcomes", o)
            oid = raw_outcome["id"]
            if ids.parent_domain(oid) != raw["id"]:
                self.problem(
                    (*opath, "id"),
                    f"outcome {oid} is listed under domain {raw['id']}",
                    f"an outcome of domain {raw['id']} is numbered {raw['id']}.N: renumber it or move it to domain {ids.parent_domain(oid)}",
                )
            outcomes.append(self.outcome(raw_outcome, opath, seen, raw["id"], edition))
        ordered = [o.id for o in outcomes]
        if ordered != sorted(ordered, key=ids.sort_key):
            self.problem(
                (*path, "outcomes"),
                f"the outcomes of domain {raw['id']} are not in numerical order",
                "list them in order: " + ", ".join(sorted(ordered, key=ids.sort_key)),
            )
        return Domain(
            id=raw["id"],
            title=raw["title"],
            summary=raw["summary"],
            provenance=self.provenance(raw["source"], (*path, "source")),
            outcomes=tuple(outcomes),
            edition=edition,
            note=raw.get("note"),
        )

    def outcome(self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT], domain_id: str, edition: str) -> Outcome:
        self._unique(raw["id"], path, seen)
        statements = []
        keys: set[str] = set()
        for s, raw_st in enumerate(raw.get("statements", [])):
            spath = (*path, "statements", s)
            statements.append(self.statement(raw_st, spath, seen, raw["id"], keys, edition))
        coverage = raw["coverage"]
        if coverage == "none" and statements:
            self.problem(
                (*path, "coverage"),
                f"coverage is 'none' but {len(statements)} statement(s) are recorded",
                "set coverage: partial (or complete, if every official statement is here)",
            )
        if coverage != "none" and not statements:
            self.problem(
                (*path, "coverage"), f"coverage is '{coverage}' but no statements are recorded", "set coverage: none, or add the statements"
            )
        numbered = sorted((st for st in statements if st.id), key=lambda st: ids.sort_key(st.id or ""))
        if [st.id for st in statements if st.id] != [st.id for st in numbered]:
            self.problem(
                (*path, "statements"),
                f"the numbered statements of outcome {raw['id']} are not in order",
                "list them knows first, then does, each by number: " + ", ".join(st.id or "" for st in numbered),
            )
        return Outcome(
            id=raw["id"],
            text=raw["text"],
            provenance=self.provenance(raw["source"], (*path, "source")),
            coverage=coverage,
            domain_id=domain_id,
            edition=edition,
            statements=tuple(statements),
            note=raw.get("note"),
        )

    def statement(
        self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT], outcome_id: str, keys: set[str], edition: str
    ) -> Statement:
        sid, key = raw.get("id"), raw.get("key")
        if sid and key:
            self.problem(path, "a statement has both an id and a key", "keep the id (the official number) and delete the key")
        elif not sid and not key:
            self.problem(
                path,
                "a statement has neither an id nor a key",
                "add the id the source prints (e.g. id: 3.2 D2); if the source gives no number, add a key (a short slug) instead",
            )
        if sid:
            self._unique(sid, path, seen)
            if ids.parent_outcome(sid) != outcome_id:
                self.problem(
                    (*path, "id"),
                    f"statement {sid} is listed under outcome {outcome_id}",
                    f"a statement of outcome {outcome_id} is numbered {outcome_id} K… or {outcome_id} D…: renumber it or move it to outcome {ids.parent_outcome(sid)}",
                )
            letter = sid.split(" ")[1][0]
            if ids.LETTER_KIND[letter] != raw["kind"]:
                self.problem(
                    (*path, "kind"),
                    f"statement {sid} has kind '{raw['kind']}' but its letter {letter} means '{ids.LETTER_KIND[letter]}'",
                    f"set kind: {ids.LETTER_KIND[letter]}, or correct the ID",
                )
        if key:
            if key in keys:
                self.problem(
                    (*path, "key"), f"the key '{key}' is used twice in outcome {outcome_id}", "give each unnumbered statement its own key"
                )
            keys.add(key)
        return Statement(
            kind=raw["kind"],
            text=raw["text"],
            provenance=self.provenance(raw["source"], (*path, "source")),
            outcome_id=outcome_id,
            edition=edition,
            id=sid,
            key=key,
            note=raw.get("note"),
        )

    def retired(self, raws: list[dict[str, Any]], editions: dict[str, Edition], current: Edition) -> tuple[RetiredId, ...]:
        current_index = current.index()
        retired: dict[str, RetiredId] = {}
        for i, raw in enumerate(raws):
            path = ("retired_ids", i)
            rid = raw["id"]
            edition = editions.get(raw["edition"])
            if edition is None:
                self.problem((*path, "edition"), f"no edition has the key '{raw['edition']}'", "use one of: " + ", ".join(editions))
            elif rid not in edition.index():
                self.problem((*path, "id"), f"edition '{raw['edition']}' has no ID '{rid}'", "name the edition that last used this ID")
            if rid in current_index:
                self.problem(
                    (*path, "id"),
                    f"'{rid}' is still used by the current edition '{current.key}'",
                    "an ID in use is not retired: delete this entry (IDs are never reused for other text)",
                )
            if rid in retired:
                self.problem((*path, "id"), f"'{rid}' is retired twice", "keep one entry")
            to = raw.get("to")
            if raw["status"] == "moved":
                if not to:
                    self.problem(path, f"'{rid}' is marked moved but says nowhere where to", "add to: with the ID in the current edition")
                elif to not in current_index:
                    self.problem(
                        (*path, "to"),
                        f"'{to}' is not an ID of the current edition '{current.key}'",
                        "give an ID that the current edition uses",
                    )
            elif to:
                self.problem((*path, "to"), f"'{rid}' is withdrawn but has a 'to'", "use status: moved, or delete 'to'")
            retired[rid] = RetiredId(id=rid, edition=raw["edition"], status=raw["status"], note=raw["note"], to=to)
        # No silent drops: every ID an older edition used is current or retired.
        for edition in editions.values():
            if edition is current:
                continue
            for old_id in edition.index():
                if old_id not in current_index and old_id not in retired:
                    self.problem(
                        ("editions", list(editions).index(edition.key)),
                        f"edition '{edition.key}' uses the ID '{old_id}', which the current edition '{current.key}' does not",
                        "add it under retired_ids (status moved with to:, or withdrawn) so its permalink says where it went",
                    )
        return tuple(retired.values())


# --------------------------------------------------------------------------


def load(path: str | Path, display_name: str | None = None, schema_path: str | Path | None = None) -> Framework:
    """Read, check and build the framework; raise DataError listing every problem.

    ``schema_path`` defaults to ``pqs.schema.json`` beside the data file.
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
    return _Builder(data, problems).build()
