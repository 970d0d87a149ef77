"""Load data/pqs.yaml, check it completely, and build the typed model.

Checking happens in three passes, each collecting every problem it finds:

1. YAML syntax and duplicate keys (a parse error stops here);
2. the JSON Schema published as data/pqs.schema.json (shape, types, ID grammar);
3. meaning: unique IDs, IDs that agree with their parents, references to
   sources, editions and IDs that resolve, coverage that matches the data.

Every problem names the file, the line, the place in the data and the fix.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from macros import ids
from macros.model import (
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

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "pqs.schema.json"

PathT = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}: {self.message}\n    fix: {self.fix}"


class DataError(Exception):
    """The data file has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {problems[0].file}; nothing was built."
        super().__init__("\n".join([head, *map(str, problems)]))


# --------------------------------------------------------------------------
# Pass 1: YAML with line numbers


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings ("2025-03-20" stays text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _where(path: PathT) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


class _Reader:
    """Turns a composed YAML node tree into plain data plus a path -> line map."""

    def __init__(self, file: str, loader: _Loader):
        self.file = file
        self.loader = loader
        self.lines: dict[PathT, int] = {}
        self.problems: list[Problem] = []

    def read(self, node: yaml.Node, path: PathT = ()) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if key in result:
                    self.problems.append(
                        Problem(
                            self.file,
                            key_node.start_mark.line + 1,
                            _where(path),
                            f"the key '{key}' appears twice in the same mapping",
                            f"keep one '{key}' and delete the other",
                        )
                    )
                child = (*path, key)
                result[key] = self.read(value_node, child)
                self.lines[child] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)

    def line(self, path: PathT) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: PathT, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, self.line(path), _where(path), message, fix))


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml (PyYAML's wheels include it): many times faster on large files."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _parse(text: str, file: str) -> tuple[Any, _Reader]:
    """Parse with libyaml; on a syntax error, parse again in Python for its fuller messages."""
    fast = _FastLoader(text)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the node tree is large and acyclic: collecting during the read only costs time
    try:
        node = fast.get_single_node()
        if node is not None:
            reader = _Reader(file, fast)
            return reader.read(node), reader
    except yaml.YAMLError:
        pass
    finally:
        fast.dispose()
        if gc_was_enabled:
            gc.enable()
    return _parse_slowly(text, file)


def _parse_slowly(text: str, file: str) -> tuple[Any, _Reader]:
    loader = _Loader(text)
    reader = _Reader(file, loader)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        start = getattr(err, "context_mark", None)
        found = getattr(err, "problem_mark", None)
        mark = start or found
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or str(err)
        if start and found and found.line != start.line:
            what += f" at line {found.line + 1}, {getattr(err, 'context', '')} that starts here".replace("  ", " ")
        raise DataError(
            [
                Problem(
                    file,
                    line,
                    f"line {line}, column {mark.column + 1 if mark else 1}",
                    f"this is not valid YAML ({what})",
                    "check the indentation and quoting on this line and the one before it;"
                    " text containing ': ' or starting with a quote must be quoted as a whole",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(file, 1, "(top level)", "the file is empty", "restore the data from git")])
    return reader.read(node), reader


# --------------------------------------------------------------------------
# Pass 2: the published JSON Schema


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_problems(data: Any, reader: _Reader) -> None:
    validator = jsonschema.Draft202012Validator(load_schema())
    for error in sorted(validator.iter_errors(data), key=lambda e: reader.line(tuple(e.absolute_path))):
        path = tuple(error.absolute_path)
        kind = error.validator
        fix = error.schema.get("x-fix") if isinstance(error.schema, dict) else None
        if kind == "required":
            missing = error.message.split("'")[1]
            message, fix = f"the field '{missing}' is missing", f"add '{missing}:' here (see data/pqs.schema.json)"
        elif kind == "additionalProperties":
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            message = error.message.replace("Additional properties are not allowed", "unknown field")
            fix = f"remove or rename it; the fields allowed here are: {allowed}"
        elif kind == "type":
            message = f"expected {error.validator_value}, found {type(error.instance).__name__} {error.instance!r}"
            fix = fix or f"write a {error.validator_value} here (put text in quotes)"
        elif kind == "minItems":
            message = "this list is empty"
            fix = fix or "add at least one entry, or remove the field"
        else:
            message = f"{error.instance!r} is not allowed here ({kind})"
            if kind == "enum":
                fix = fix or "use one of: " + ", ".join(map(str, error.validator_value))
        reader.problem(path, message, fix or "see data/pqs.schema.json for what is allowed here")


# --------------------------------------------------------------------------
# Pass 3: meaning, then the model


class _Builder:
    def __init__(self, data: dict[str, Any], reader: _Reader):
        self.data = data
        self.reader = reader
        self.sources: dict[str, Source] = {}

    def problem(self, path: PathT, message: str, fix: str) -> None:
        self.reader.problem(path, message, fix)

    def provenance(self, raw: dict[str, Any], path: PathT) -> Provenance | None:
        source = self.sources.get(raw["ref"])
        if source is None:
            self.problem(
                (*path, "ref"),
                f"unknown source '{raw['ref']}'",
                "use the key of an entry under sources: " + ", ".join(self.sources),
            )
            return None
        return Provenance(source, raw["at"])

    def build(self) -> Framework:
        data = self.data
        for i, raw in enumerate(data["sources"]):
            if raw["key"] in self.sources:
                self.problem(("sources", i, "key"), f"the source key '{raw['key']}' is used twice", "give each source its own key")
            self.sources[raw["key"]] = Source(**raw)

        timeline = tuple(
            Event(raw["date"], raw["text"], self.provenance(raw["source"], ("timeline", i, "source")))  # type: ignore[arg-type]
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
            raise DataError(self.reader.problems)
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
        if self.reader.problems:
            raise DataError(self.reader.problems)
        return Framework(
            path=self.reader.file,
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
        return Length(raw["pages"], self.provenance(raw["source"], (*path, "source")))  # type: ignore[arg-type]

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
                        provenance=self.provenance(area["source"], (*path, "areas", a, "source")),  # type: ignore[arg-type]
                        baseline=raw["key"],
                        note=area.get("note"),
                    )
                )
            official = raw.get("official")
            found[raw["key"]] = Baseline(
                key=raw["key"],
                title=raw["title"],
                short_title=raw["short_title"],
                provenance=self.provenance(raw["source"], (*path, "source")),  # type: ignore[arg-type]
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
            thinner.append(Thinner(item["from"], item["note"], tuple(p for p in provs if p)))
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
        return Feedback(tuple(raw["about"]), self.provenance(raw["source"], (*path, "source")), raw["summary"])  # type: ignore[arg-type]

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
            domains.append(self.domain(raw_domain, dpath, seen))
        meanings = {
            kind: Meaning(m["text"], self.provenance(m["source"], (*path, "meanings", kind, "source")))  # type: ignore[arg-type]
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
                provenance=self.provenance(sup_raw["source"], (*path, "superseded_by", "source")),  # type: ignore[arg-type]
            )
        return Edition(
            key=raw["key"],
            title=raw["title"],
            short_title=raw["short_title"],
            status=raw["status"],
            published=raw["published"],
            licence=raw["licence"],
            provenance=self.provenance(raw["source"], (*path, "source")),  # type: ignore[arg-type]
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
            first = self.reader.line(seen[item_id])
            self.problem(
                (*path, "id"),
                f"the ID '{item_id}' is already used at line {first}",
                "IDs are unique within an edition: correct the number, or delete the duplicate",
            )
        else:
            seen[item_id] = path

    def domain(self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT]) -> Domain:
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
            outcomes.append(self.outcome(raw_outcome, opath, seen, raw["id"]))
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
            provenance=self.provenance(raw["source"], (*path, "source")),  # type: ignore[arg-type]
            outcomes=tuple(outcomes),
            note=raw.get("note"),
        )

    def outcome(self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT], domain_id: str) -> Outcome:
        self._unique(raw["id"], path, seen)
        statements = []
        keys: set[str] = set()
        for s, raw_st in enumerate(raw.get("statements", [])):
            spath = (*path, "statements", s)
            statements.append(self.statement(raw_st, spath, seen, raw["id"], keys))
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
            provenance=self.provenance(raw["source"], (*path, "source")),  # type: ignore[arg-type]
            coverage=coverage,
            domain_id=domain_id,
            statements=tuple(statements),
            note=raw.get("note"),
        )

    def statement(self, raw: dict[str, Any], path: PathT, seen: dict[str, PathT], outcome_id: str, keys: set[str]) -> Statement:
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
            provenance=self.provenance(raw["source"], (*path, "source")),  # type: ignore[arg-type]
            outcome_id=outcome_id,
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


def load(path: str | Path, display_name: str | None = None) -> Framework:
    """Read, check and build the framework; raise DataError listing every problem."""
    path = Path(path)
    file = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(file, 1, "(file)", "the data file does not exist", "restore data/pqs.yaml from git")]) from None
    except UnicodeDecodeError as err:
        raise DataError([Problem(file, 1, "(file)", f"the file is not UTF-8 ({err.reason})", "save the file as UTF-8")]) from None
    data, reader = _parse(text, file)
    if reader.problems:
        raise DataError(reader.problems)
    if not isinstance(data, dict):
        raise DataError([Problem(file, 1, "(top level)", "the file must be a mapping of fields", "start from the example in README.md")])
    _schema_problems(data, reader)
    if reader.problems:
        raise DataError(reader.problems)
    return _Builder(data, reader).build()
